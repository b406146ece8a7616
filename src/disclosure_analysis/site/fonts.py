"""The site's web font: Noto Sans CJK SC cut to the characters the site's pages use, as WOFF2.

A reader's machine without a Chinese font showed every character of the pages' text and of the charts'
labels as an empty box. Each site therefore ships the regular weight of Noto Sans CJK SC — taken from the
collection the `noto-cjk-sans-otc` wheel installs (already used by matplotlib) — cut with fontTools to the
characters of the site's HTML files (text, and the charts' specs, whose labels Vega draws), plus printable
ASCII: about 130 bytes a character. Pages and the index name it first in their font stacks (`FAMILY`) and
link the stylesheet that declares it (`FONT_CSS`, `font_link`), which holds the WOFF2 font itself as a
data: URL (base64, a third larger: 130–330 KB for a site). A font file beside it would not do: a browser
opening the site from disk loads a font only from the page's own folder or below (fonts are fetched in
CORS mode, and every file:// page is an origin of its own), so the agency pages in agencies/ would get
none; a stylesheet it loads from anywhere.

Deterministic: the same characters give the same bytes (fixed subsetting options, no layout features,
`head.modified` kept from the source font, WOFF2 by Brotli at fixed settings). The characters are written
beside the stylesheet (`CHARS_FILE`), so a rerun whose pages use the same characters does not cut it again
(cutting reads the whole CJK outline table: ≈ 3 s). The font's licence (SIL OFL 1.1) is copied beside it.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

FAMILY = "DA Noto Sans SC"
FONT_CSS = "noto-sans-sc-subset.css"
CHARS_FILE = "noto-sans-sc-subset.txt"
LICENSE_FILE = "LICENSE-noto-cjk.txt"
#: Noto Sans CJK SC in the collection (JP, KR, SC, TC, HK, then the Mono faces)
FACE_NAME = "Noto Sans CJK SC"
ASCII = "".join(chr(c) for c in range(0x20, 0x7F))
#: tables a page never uses: vertical metrics, and the layout tables (no feature is kept, see `subset`)
_DROPPED = ("vhea", "vmtx", "VORG", "GSUB", "GPOS", "BASE")


def font_link(prefix: str) -> str:
    """The element that links the font's stylesheet, for a page whose assets/ folder is at `prefix`
    ("../assets/")."""
    return f'<link rel="stylesheet" href="{prefix}{FONT_CSS}">'


def font_css(woff2: bytes) -> str:
    """The stylesheet that declares `FAMILY` with the font inline. One regular face: browsers draw bold
    text (headings) from it by emboldening it."""
    data = base64.b64encode(woff2).decode("ascii")
    return (
        f'@font-face {{ font-family: "{FAMILY}"; font-display: swap;\n'
        f'  src: url("data:font/woff2;base64,{data}") format("woff2"); }}\n'
    )


def site_characters(site: Path, texts: Iterable[str] = ()) -> str:
    """The characters of every HTML file of `site` and of `texts` (pages not written yet), character
    references read as the characters they stand for, with printable ASCII, sorted, without line breaks
    and other control characters."""
    chars = set(ASCII)
    for text in [*(p.read_text(encoding="utf-8", errors="replace") for p in sorted(site.rglob("*.html"))), *texts]:
        chars.update(html.unescape(text))  # nbconvert writes headings' characters as references (&#31215;)
    return "".join(sorted(c for c in chars if c.isprintable()))


def subset(chars: str) -> bytes:
    """Noto Sans CJK SC cut to `chars`, as WOFF2 bytes (the same characters, the same bytes)."""
    from fontTools import subset as fonttools_subset
    from fontTools.ttLib import TTFont
    from noto_cjk_sans_otc import FONT_PATH

    font = TTFont(str(FONT_PATH), fontNumber=_face_number(str(FONT_PATH)), lazy=True, recalcTimestamp=False)
    options = fonttools_subset.Options()
    options.layout_features = []  # the default features pull in alternate glyphs (locl, vert…): +70 % size
    options.drop_tables += list(_DROPPED)
    options.hinting = False
    # not desubroutinized: a few percent smaller in WOFF2, but Chromium then refuses the font (status error)
    options.desubroutinize = False
    options.flavor = "woff2"
    subsetter = fonttools_subset.Subsetter(options)
    subsetter.populate(unicodes=sorted({ord(c) for c in chars}))
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()


def _face_number(path: str) -> int:
    from fontTools.ttLib import TTCollection

    faces = TTCollection(path, lazy=True).fonts
    return next(i for i, face in enumerate(faces) if face["name"].getDebugName(4) == FACE_NAME)


def write_font(assets: Path, chars: str) -> bool:
    """Write the font's stylesheet for `chars` and the font's licence into `assets` unless the stylesheet
    there is already for them; returns whether it was written."""
    assets.mkdir(parents=True, exist_ok=True)
    licence = assets / LICENSE_FILE
    text = metadata.distribution("noto-cjk-sans-otc").read_text("licenses/LICENSE") or ""
    if not licence.is_file() or licence.read_text(encoding="utf-8") != text:
        licence.write_text(text, encoding="utf-8")
    listed = assets / CHARS_FILE
    if listed.is_file() and (assets / FONT_CSS).is_file() and listed.read_text(encoding="utf-8") == chars:
        return False
    (assets / FONT_CSS).write_text(font_css(subset(chars)), encoding="utf-8")
    listed.write_text(chars, encoding="utf-8")  # after the font: an interrupted write is redone next time
    return True
