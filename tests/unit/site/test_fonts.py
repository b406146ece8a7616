"""The site's font: cut to the site's characters (references included), deterministic, small."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

from fontTools.ttLib import TTFont

from disclosure_analysis.site import fonts


def test_characters_of_the_pages_including_references(tmp_path: Path) -> None:
    (tmp_path / "agencies").mkdir()
    (tmp_path / "agencies" / "a.html").write_text("<h2>五、结转与&#31215;&#21387;</h2>", encoding="utf-8")
    (tmp_path / "data.csv").write_text("不读", encoding="utf-8")
    chars = fonts.site_characters(tmp_path, ["目录"])
    assert {"结", "积", "压", "目", "录", "A", "~"} <= set(chars) and "不" not in chars and "\n" not in chars
    assert chars == "".join(sorted(chars))


def test_the_same_characters_give_the_same_font(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        assert fonts.write_font(tmp_path / folder, "政府信息公开年报 0123456789") is True
    css = (tmp_path / "a" / fonts.FONT_CSS).read_bytes()
    assert css == (tmp_path / "b" / fonts.FONT_CSS).read_bytes()
    assert fonts.write_font(tmp_path / "a", "政府信息公开年报 0123456789") is False  # unchanged: not cut again
    font = TTFont(io.BytesIO(base64.b64decode(re.search(rb"base64,([^\"]+)", css).group(1))))
    assert font.flavor == "woff2" and {ord(c) for c in "政府公开年报09"} <= set(font.getBestCmap())
    assert "GSUB" not in font and len(css) < 20_000
    assert "Open Font License" in (tmp_path / "a" / fonts.LICENSE_FILE).read_text(encoding="utf-8")
