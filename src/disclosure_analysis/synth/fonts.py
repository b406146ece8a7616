"""The PDF font: the characters the generator can print, cut from Noto Sans CJK SC (noto-cjk-sans-otc).

The wheel ships a CFF-flavoured OpenType collection. fpdf2 embeds CID-keyed CFF fonts with a CMap that
pdfminer (pdfplumber) cannot read, so their text would not be extractable. The subset is therefore
converted to TrueType outlines once and cached; it covers ASCII and every character in the generator's
and the formats' data files, and `check_covered` refuses text outside it.
"""

from __future__ import annotations

import hashlib
import io
from functools import cache
from importlib import resources
from pathlib import Path

import noto_cjk_sans_otc
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont

from disclosure_analysis.synth.cache import cache_root, write_atomic
from disclosure_analysis.synth.resources import DATA_FILES, data_text

FAMILY = "SynthSans"  # a modified Noto font must not keep the reserved name (OFL)
_SOURCE_NAME = "Noto Sans CJK SC"
_BUILD = "2"  # bump when the conversion changes
_PUNCTUATION = "，。、；：？！“”‘’（）《》【】—…·／－＋"  # what code may join phrases with


def _source() -> Path:
    return next(Path(noto_cjk_sans_otc.__file__).parent.glob("*.ttc"))


def _wanted() -> set[str]:
    formats = resources.files("disclosure_analysis.formats")
    texts = [data_text(n) for n in DATA_FILES]
    texts += [f.read_text(encoding="utf-8") for f in formats.iterdir() if f.name.endswith(".yaml")]
    return (
        {chr(c) for c in range(0x20, 0x7F)}
        | set(_PUNCTUATION)
        | {ch for t in texts for ch in t if ch.isprintable()}
    )


def _collection_index(path: Path) -> int:
    fonts = TTCollection(str(path), lazy=True).fonts
    return next(i for i, f in enumerate(fonts) if f["name"].getDebugName(1) == _SOURCE_NAME)


@cache
def covered() -> frozenset[str]:
    """The characters the PDF font can draw."""
    return frozenset(chr(c) for c in TTFont(str(font_path()))["cmap"].getBestCmap())


def check_covered(text: str) -> None:
    """Raise if `text` holds a character the PDF font lacks (add it to a data file to include it)."""
    if missing := sorted(set(text) - covered() - {"\n"}):
        raise ValueError(f"the PDF font has no glyph for {''.join(missing)!r}")


@cache
def font_path() -> Path:
    """The cached TrueType subset, built on first use."""
    source = _source()
    chars = "".join(sorted(_wanted()))
    key = hashlib.sha256(f"{_BUILD}|{source.stat().st_size}|{chars}".encode()).hexdigest()[:16]
    path = cache_root() / "fonts" / f"{FAMILY}-{key}.ttf"
    if not path.exists():
        write_atomic(path, _build(source, chars))
    return path


def _build(source: Path, chars: str) -> bytes:
    src = TTFont(str(source), fontNumber=_collection_index(source), lazy=True)
    cmap = src.getBestCmap()
    mapping = {ord(ch): cmap[ord(ch)] for ch in chars if ord(ch) in cmap}
    order = [".notdef", *sorted(set(mapping.values()) - {".notdef"})]
    glyph_set, hmtx = src.getGlyphSet(), src["hmtx"]
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    fb = FontBuilder(src["head"].unitsPerEm, isTTF=True)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap(mapping)
    fb.setupGlyf(glyphs)
    glyf = fb.font["glyf"]
    fb.setupHorizontalMetrics({n: (hmtx[n][0], getattr(glyf[n], "xMin", 0)) for n in order})
    hhea, os2 = src["hhea"], src["OS/2"]
    fb.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent)
    fb.setupNameTable({"familyName": FAMILY, "styleName": "Regular"})
    fb.setupOS2(
        sTypoAscender=os2.sTypoAscender,
        sTypoDescender=os2.sTypoDescender,
        sTypoLineGap=os2.sTypoLineGap,
        usWinAscent=os2.usWinAscent,
        usWinDescent=os2.usWinDescent,
    )
    fb.setupPost()
    head = fb.font["head"]
    # PDFs embed the head table: keep the source's dates, not the build time
    head.created, head.modified = src["head"].created, src["head"].modified
    fb.font.recalcTimestamp = False
    out = io.BytesIO()
    fb.save(out)
    return out.getvalue()
