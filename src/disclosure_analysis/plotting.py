"""Matplotlib set-up for charts with Chinese labels, and small chart helpers the notebooks share."""

from __future__ import annotations

from collections.abc import Iterable

import matplotlib
import pandas as pd
from matplotlib import font_manager
from matplotlib.axes import Axes

#: Per-glyph fallback: CJK from Noto Sans CJK, Latin digits and symbols it lacks from DejaVu Sans
FONT_FAMILY = ["Noto Sans CJK SC", "DejaVu Sans"]
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"


def register_cjk_font() -> None:
    """Add the Noto Sans CJK collection shipped by the `noto-cjk-sans-otc` wheel to matplotlib."""
    from noto_cjk_sans_otc import FONT_PATH

    if not any(f.name == "Noto Sans CJK SC" for f in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(str(FONT_PATH))


def setup() -> None:
    """Chinese-capable fonts and a readable style; the inline backend when running in a Jupyter kernel.

    The kernel may inherit `MPLBACKEND=Agg` from its environment, which would swallow figures, so the
    inline backend is selected explicitly.
    """
    register_cjk_font()
    if _in_kernel():
        matplotlib.use(INLINE_BACKEND)
    matplotlib.rcParams.update(
        {
            "font.family": FONT_FAMILY,
            "axes.unicode_minus": False,
            "figure.figsize": (8, 4),
            "figure.dpi": 100,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "grid.alpha": 0.3,
        }
    )


def _in_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def spans_orders_of_magnitude(values: Iterable[float], factor: float = 100.0) -> bool:
    """Whether the positive values span at least `factor` (then a log scale reads better)."""
    positive = pd.Series(list(values), dtype="Float64").dropna()
    positive = positive[positive > 0]
    return len(positive) > 1 and positive.max() / positive.min() >= factor


def value_axis(ax: Axes, values: Iterable[float], axis: str = "y") -> None:
    """Log scale on `axis` when the values span orders of magnitude, with a note in the label."""
    if spans_orders_of_magnitude(values):
        (ax.set_yscale if axis == "y" else ax.set_xscale)("log")
        label = ax.get_ylabel() if axis == "y" else ax.get_xlabel()
        (ax.set_ylabel if axis == "y" else ax.set_xlabel)(f"{label}（对数刻度）")
