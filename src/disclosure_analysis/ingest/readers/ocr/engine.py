"""The recogniser: PP-OCRv4's text-line recognition model (shipped inside the `rapidocr-onnxruntime`
wheel) run on onnxruntime, one thread, on the CPU.

Only recognition is used: the layout (table grid, text lines) is found from the page's pixels by `grid`
and `layout`, so each crop given here is one line of text. Crops are recognised in batches of similar
width. For every character the model's probability is kept, and, for digits, the runner-up digit: that is
what a misread digit could have been (`Recognised.runner_up`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import cv2
import numpy as np

_HEIGHT = 48  # the model's input height
_BATCH = 16
_DIGITS = frozenset("0123456789")
#: what a lone printed digit is sometimes read as (a letter or a circle for 0, a bar for 1)
LOOKALIKES = frozenset("oO。○〇°DQlI|")


@dataclass(frozen=True)
class Recognised:
    """What the model read in one crop: text, the probability of each character, and per position the
    runner-up digit for digit positions (None elsewhere)."""

    text: str
    probs: tuple[float, ...]
    runner_up: tuple[str | None, ...]
    as_digits: tuple[str, float] | None = None  # for a short text of lookalikes: the best digits, their probability

    @property
    def confidence(self) -> float:
        """The least probable character's probability (1.0 for an empty reading)."""
        return min(self.probs, default=1.0)


class Recogniser:
    """A loaded recognition model; `read(crops)` → one `Recognised` per crop, deterministic."""

    def __init__(self, model: Path):
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = 1  # one core per worker; also keeps results bit-for-bit stable
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        meta = self.session.get_modelmeta().custom_metadata_map
        self.chars = ["", *meta["character"].splitlines(), " "]
        self.input = self.session.get_inputs()[0].name
        self.digit_ids = np.array([self.chars.index(d) for d in "0123456789"])
        self.number_ids = np.array([0, *self.digit_ids])  # the CTC blank and the digits

    def read(self, crops: list[np.ndarray]) -> list[Recognised]:
        """Recognise grayscale crops of single text lines, batched by width."""
        out: list[Recognised | None] = [None] * len(crops)
        order = sorted(range(len(crops)), key=lambda i: (crops[i].shape[1] / crops[i].shape[0], i))
        for start in range(0, len(order), _BATCH):
            batch = order[start : start + _BATCH]
            width = max(math.ceil(_HEIGHT * crops[i].shape[1] / crops[i].shape[0]) for i in batch)
            width = max(width, _HEIGHT)
            tensor = np.zeros((len(batch), 3, _HEIGHT, width), dtype=np.float32)
            for k, i in enumerate(batch):
                crop = crops[i]
                w = min(width, math.ceil(_HEIGHT * crop.shape[1] / crop.shape[0]))
                line = cv2.resize(crop, (w, _HEIGHT), interpolation=cv2.INTER_AREA).astype(np.float32)
                tensor[k, :, :, :w] = line / 127.5 - 1.0
            preds = self.session.run(None, {self.input: tensor})[0]
            for k, i in enumerate(batch):
                out[i] = self._decode(preds[k])
        return [r for r in out if r is not None]

    def _decode(self, pred: np.ndarray) -> Recognised:
        """Greedy CTC decoding with each character's probability (the best over its repeated steps)."""
        best = pred.argmax(axis=1)
        text: list[str] = []
        probs: list[float] = []
        runner: list[str | None] = []
        prev = 0
        for t, idx in enumerate(best):
            if idx != 0 and idx != prev:
                ch = self.chars[idx]
                text.append(ch)
                probs.append(float(pred[t, idx]))
                runner.append(self._runner_up(pred[t], idx) if ch in _DIGITS else None)
            elif idx != 0 and idx == prev and float(pred[t, idx]) > probs[-1]:
                probs[-1] = float(pred[t, idx])
            prev = idx
        as_digits = self._as_digits(pred) if text and len(text) <= 3 and set(text) <= LOOKALIKES else None
        return Recognised("".join(text), tuple(probs), tuple(runner), as_digits)

    def _as_digits(self, pred: np.ndarray) -> tuple[str, float] | None:
        """The best reading of `pred` in digits only, and its least character probability."""
        restricted = pred[:, self.number_ids]
        best = restricted.argmax(axis=1)
        digits, probs, prev = [], [], 0
        for t, k in enumerate(best):
            if k != 0 and k != prev:
                digits.append(str(k - 1))
                probs.append(float(restricted[t, k]))
            prev = k
        return ("".join(digits), min(probs)) if digits else None

    def _runner_up(self, step: np.ndarray, idx: int) -> str | None:
        scores = step[self.digit_ids].copy()
        scores[self.digit_ids == idx] = -1
        k = int(scores.argmax())
        return str(k) if scores[k] > 0.001 else None


def model_path() -> Path:
    """The recognition model inside the installed `rapidocr-onnxruntime` wheel."""
    import rapidocr_onnxruntime

    return Path(rapidocr_onnxruntime.__file__).parent / "models" / "ch_PP-OCRv4_rec_infer.onnx"


@cache
def recogniser() -> Recogniser:
    """The process's recogniser (loaded once: ≈ 0.3 s)."""
    return Recogniser(model_path())
