"""A report as a crawler saves a portal page: a header block, then the page's text on one line.

The page's text is what `get_text()` gives without a separator (renderings.md §5): paragraphs and
headings follow each other, and a table's cells run together (`…数量640020470二、上年结转…`). Now and
then a space survives between two cells or paragraphs, as in real crawls; a blank cell leaves nothing.
"""

from __future__ import annotations

import zlib

from disclosure_analysis.synth.model import Block, Grid
from disclosure_analysis.synth.report import Report

SPACE_EVERY = 9  # about one gap in this many keeps a space (chosen per gap from the report's identity)


def _gap(report: Report, n: int) -> str:
    return " " if zlib.crc32(f"{report.agency.id}/{report.year}/{n}".encode()) % SPACE_EVERY == 0 else ""


def render(report: Report, blocks: list[Block]) -> bytes:
    parts: list[str] = []
    for b in blocks:
        if isinstance(b, Grid):
            parts += [p.cell.text.replace("\n", "") for p in b.placed()]
        else:
            parts.append(b.text)
    body = "".join(p + _gap(report, n) for n, p in enumerate(parts)).strip()
    title, d = report.narrative.title, report.published
    header = [
        f"标题: {title}",
        f"发布时间: {d.isoformat()} 09:30",
        "文号: ",
        f"发布机构: {report.agency.name}",
        "栏目: 政府信息公开年报",
        f"原文链接: https://www.example.gov.cn/zfxxgk/{report.agency.id}/{d.year}{d.month:02d}/t{d:%Y%m%d}.htm",
        "==================== 正文 ====================",
    ]
    return ("\n".join([*header, body]) + "\n").encode("utf-8")
