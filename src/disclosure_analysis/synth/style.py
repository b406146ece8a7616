"""How an agency lays out its report: fixed per agency (they reuse last year's file), drawn once."""

from __future__ import annotations

from dataclasses import dataclass

from disclosure_analysis.synth.rand import rng_for


@dataclass(frozen=True)
class Style:
    title_lines: int  # title on one line, or agency name and "<year>年…报告" on two
    subpoint_inline: bool  # "（一）主动公开。text" on one line, or heading on its own line
    problems_frame: str  # structured / shown / paragraph
    half_width_numbering: bool  # "1." instead of "1．" in 表三 row labels
    break_labels: bool  # long header/row labels wrap onto a second line inside the cell
    slash_not_applicable: bool  # 规章 printed as "/" by agencies without rule-making power
    plus_sign: bool  # 本年增/减 printed as "+3"
    amount_unit: bool  # 采购总金额 printed with "万元"
    heading_variant: bool  # a non-official wording for 四/五 headings
    html_gbk: bool
    html_cell_paragraphs: bool  # multi-line cells as <p>…</p><p>…</p> instead of <br>
    html_meta_table: bool  # portal metadata box (索引号, 发布机构 …) above the article
    pdf_split_t3: bool  # 表三 runs over a page break


def style_for(seed: int, agency_id: str) -> Style:
    """The agency's style."""
    rng = rng_for(seed, agency_id, "style")
    return Style(
        title_lines=rng.choice((1, 2)),
        subpoint_inline=rng.random() < 0.6,
        problems_frame=rng.choice(("structured", "structured", "shown", "paragraph")),
        half_width_numbering=rng.random() < 0.5,
        break_labels=rng.random() < 0.6,
        slash_not_applicable=rng.random() < 0.3,
        plus_sign=rng.random() < 0.5,
        amount_unit=rng.random() < 0.3,
        heading_variant=rng.random() < 0.2,
        html_gbk=rng.random() < 0.2,
        html_cell_paragraphs=rng.random() < 0.5,
        html_meta_table=rng.random() < 0.7,
        pdf_split_t3=rng.random() < 0.6,
    )
