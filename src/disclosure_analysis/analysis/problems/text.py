"""Section text without line wraps and page footers, with a map back to the original offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

# a page footer or page number on a line of its own: "- 4 -", "— 6 —", "第 3 页"
_FOOTER = re.compile(r"^[ \t\u3000]*(?:[-—–－]+[ \t]*\d+[ \t]*[-—–－]+|第\s*\d+\s*页(?:\s*/?\s*共\s*\d+\s*页)?)[ \t\u3000]*$", re.M)
_SPACE = " \t\u3000\r\xa0"


@dataclass(frozen=True)
class Clean:
    """`text` is the section with line breaks (and the blanks around them) and footers removed.

    `origin[i]` is the offset in the original section text of `text[i]`; `breaks` holds the positions in
    `text` where a line break was (headings printed on a line of their own end there).
    """

    text: str
    origin: tuple[int, ...]
    breaks: frozenset[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) offsets of `text[start:end]`."""
        return self.origin[start], self.origin[end - 1] + 1


def clean(section: str) -> Clean:
    """Join wrapped lines and drop page footers, keeping each character's original offset."""
    footer = {i for m in _FOOTER.finditer(section) for i in range(m.start(), m.end())}
    chars: list[str] = []
    origin: list[int] = []
    breaks: set[int] = set()
    at_line_start = True
    for i, ch in enumerate(section):
        if i in footer:
            continue
        if ch == "\n":
            while chars and chars[-1] in _SPACE:
                chars.pop()
                origin.pop()
            if chars:
                breaks.add(len(chars))
            at_line_start = True
            continue
        if at_line_start and ch in _SPACE:
            continue
        at_line_start = False
        chars.append(ch)
        origin.append(i)
    return Clean("".join(chars), tuple(origin), frozenset(breaks))
