"""Small hand-made 2021-format reports (Markdown text) for the render tests: known numbers, any name."""

from __future__ import annotations

from pathlib import Path

from disclosure_analysis import formats

T3_ROWS_2021 = formats.table3().versions["2021"]


def table3_cells(new: int, granted: int, partial: int, carried_in: int = 0) -> dict[str, list[int]]:
    """A consistent 表三: natural persons only; what is not granted/partial is 不掌握; one carried out."""
    rest = new + carried_in - granted - partial - 1
    cells = {row: [0] * 7 for row in T3_ROWS_2021}
    for row, n in (
        ("new_received", new),
        ("carried_in", carried_in),
        ("granted", granted),
        ("partial", partial),
        ("unable_not_held", rest),
        ("handled_total", new + carried_in - 1),
        ("carried_out", 1),
    ):
        cells[row] = [n, 0, 0, 0, 0, 0, n]
    return cells


def _md_table(header: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def report_text(
    agency: str,
    year: int,
    new: int,
    granted: int,
    partial: int,
    carried_in: int = 0,
    proactive: int = 100,
    problems: str = "一是政策解读形式有待丰富；二是更新不够及时。下一步将加强培训。",
    handled_error: int = 0,
) -> str:
    """The text of one report in the 2021 format; `handled_error` is added to the printed （七）总计 总计 cell."""
    t3 = formats.table3()
    cells = table3_cells(new, granted, partial, carried_in)
    cells["handled_total"][-1] += handled_error
    t3_rows = [[t3.rows[r].label, *cells[r]] for r in T3_ROWS_2021]
    t4 = [[1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]]
    return f"""{agency}{year}年政府信息公开工作年度报告

一、总体情况
{year}年，本机关认真贯彻《中华人民共和国政府信息公开条例》，全年主动公开政府信息{proactive}条，收到政府信息公开申请{new}件。

二、主动公开政府信息情况

{_md_table(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], [["规章", 0, 0, 0], ["行政规范性文件", 3, 1, 20]])}

{_md_table(["信息内容", "本年处理决定数量"], [["行政许可", 120]])}

{_md_table(["信息内容", "本年处理决定数量"], [["行政处罚", 45], ["行政强制", 2]])}

{_md_table(["信息内容", "本年收费金额（单位：万元）"], [["行政事业性收费", 0]])}

三、收到和处理政府信息公开申请情况

（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）

{_md_table(["申请人情况", *[label for _, label in t3.columns]], t3_rows)}

四、政府信息公开行政复议、行政诉讼情况

{_md_table([f"{g} {o}" for _, g in formats.table4().groups for _, o in formats.table4().outcomes], t4)}

五、存在的主要问题及改进情况
{problems}

六、其他需要报告的事项
本年度未收取信息处理费。
"""


def write_corpus(folder: Path, reports: list[dict]) -> Path:
    """Write each report (keyword arguments of `report_text`, plus `file`) as a .md file; returns `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for spec in reports:
        spec = dict(spec)
        (folder / spec.pop("file")).write_text(report_text(**spec), encoding="utf-8")
    return folder
