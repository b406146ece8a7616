"""An article stored as an escaped HTML string inside a script or a data file (renderings.md §8).

Portals that draw the article with JavaScript keep it in a string: a script (`var content = "<p
style=\\"…\\">821</p>";`) or the JSON their page asks for (`{"data": {"title": …, "content": "<table>…"}}`,
characters escaped as `\\uXXXX`). `unwrap` finds such strings (double- or single-quoted literals, or the
strings of a JSON document) that hold HTML markup, decodes their escapes and joins them in order: that is
the page the HTML reader reads. Fields beside them naming a title or a publication time become the page's
`ArticleTitle` and `PubDate` (`identify`, `metadata.find_published`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

_MARKUP = re.compile(r"<\s*(?:p|table|tr|td|div|span|br|h[1-6])\b[^<>]*>", re.IGNORECASE)
_CLOSING = re.compile(r"<\s*/\s*(?:p|table|tr|td|div|span|h[1-6])\s*>", re.IGNORECASE)
_ESCAPED_MARKUP = re.compile(r"(?:\\u003c|<)\s*(?:p|table|td|div|span)\b", re.IGNORECASE)
_LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"|\'((?:[^\'\\\n]|\\.)*)\'', re.DOTALL)
_NAME_BEFORE = re.compile(r"[\"']?([A-Za-z_$][\w$]*)[\"']?\s*[:=]\s*$")
_HEX = re.compile(r"\\x([0-9a-fA-F]{2})")
_TITLE_KEY = re.compile(r"title", re.IGNORECASE)
_DATE_KEY = re.compile(r"(?:pub|publish|release|fb)\w*(?:date|time)|^(?:date|pubdate|fbsj|fbrq)$", re.IGNORECASE)
MIN_MARKUP = 3  # HTML elements (opened and closed) that make a string an article


@dataclass
class Unwrapped:
    html: str
    meta: dict[str, str] = field(default_factory=dict)


def unwrap(text: str) -> Unwrapped | None:
    """The HTML article a script or JSON text holds as escaped strings, with its title and date; None
    when the text holds none (or is itself a web page or a plain report)."""
    if not _ESCAPED_MARKUP.search(text[:200_000]):
        return None
    strings = _json_strings(text)
    if strings is None:
        strings = list(_literals(text))
    out = Unwrapped("")
    parts = []
    for name, value in strings:
        if _is_markup(value):
            parts.append(value)
        elif name and _TITLE_KEY.search(name) and value.strip() and "ArticleTitle" not in out.meta:
            out.meta["ArticleTitle"] = value.strip()
        elif name and _DATE_KEY.search(name) and value.strip() and "PubDate" not in out.meta:
            out.meta["PubDate"] = value.strip()
    if not parts:
        return None
    out.html = "\n".join(parts)
    return out


def _is_markup(value: str) -> bool:
    """Whether a string is HTML: elements opened and closed, not a text naming tags (`<P>/<SPAN>/<TABLE>`)."""
    return len(_MARKUP.findall(value)) >= MIN_MARKUP and len(_CLOSING.findall(value)) >= MIN_MARKUP


def _json_strings(text: str) -> list[tuple[str | None, str]] | None:
    """The (key, string) pairs of a JSON document in order, or None when the text is no JSON."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    out: list[tuple[str | None, str]] = []

    def walk(node: object, key: str | None) -> None:
        if isinstance(node, str):
            out.append((key, node))
        elif isinstance(node, dict):
            for k, v in node.items():
                walk(v, str(k))
        elif isinstance(node, list):
            for v in node:
                walk(v, key)

    walk(data, None)
    return out


def _literals(text: str):
    """The string literals of a script, decoded, each with the name it is assigned to (or None)."""
    for m in _LITERAL.finditer(text):
        single = m.group(1) is None
        body = m.group(2).replace('\\"', '"').replace('"', '\\"') if single else m.group(1)
        decoded = _decoded(body)
        if decoded is None:
            continue
        name = _NAME_BEFORE.search(text, max(0, m.start() - 60), m.start())
        yield (name.group(1) if name else None), decoded


def _decoded(body: str) -> str | None:
    """A JavaScript string literal's text (JSON's escapes, and \\' and \\xHH)."""
    body = _HEX.sub(r"\\u00\1", body.replace("\\'", "'"))
    try:
        return json.loads(f'"{body}"', strict=False)
    except ValueError:
        return None
