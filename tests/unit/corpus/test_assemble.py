"""Extraction JSON → tidy tables: no printed cell can make a table fail to build (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from disclosure_analysis.corpus.assemble import build_corpus
from disclosure_analysis.corpus.extraction import extract_json
from disclosure_analysis.synth import generate


@pytest.fixture(scope="module")
def report_lines(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """A synthetic 2022 report, one cell per line (the seed's text form)."""
    out = tmp_path_factory.mktemp("synth")
    record = generate(out, agencies=1, years=[2022], formats=["txt"], seed=7)[0]
    return (out / record["file"]).read_text(encoding="utf-8").split("\n")


def _with(lines: list[str], t2: str, t3: str, t4: str) -> str:
    """The report with the first value of 表二's 行政许可 row, of 表三's 本年新收 row and of 表四 replaced."""
    out = list(lines)
    out[lines.index("\t行政许可") + 1] = f"\t{t2}"
    out[lines.index("\t一、本年新收政府信息公开申请数量") + 1] = f"\t{t3}"
    last_header = max(i for i, line in enumerate(lines) if line == "\t总计")
    first_t4 = next(i for i in range(last_header, len(lines)) if lines[i][1:].isdigit())
    out[first_t4] = f"\t{t4}"
    return "\n".join(out)


@pytest.mark.parametrize(
    ("t2", "t3", "t4"),
    [
        ("3.5", "3.5", "3.5"),
        ("1.2万", "1.2万", "1.2万"),
        ("12345678901234567890", "12345678901234567890", "-1"),
        ("9" * 5000, "9" * 5000, "9" * 5000),
    ],
)
def test_any_printed_number_builds_every_table(report_lines: list[str], tmp_path: Path, t2: str, t3: str, t4: str) -> None:
    path = tmp_path / "report.txt"
    path.write_text(_with(report_lines, t2, t3, t4), encoding="utf-8")
    result = extract_json(str(path))
    assert result["status"] == "partial"
    corpus = build_corpus([result])  # raised TypeError / OverflowError before
    t3_cell = corpus.table3[(corpus.table3["row"] == "new_received") & (corpus.table3["column"] == "natural_person")]
    assert t3_cell["value"].isna().all() and list(t3_cell["printed"]) == [t3]
    assert result["cells"]["t4.review_upheld"] is None and result["cell_printed"]["t4.review_upheld"] == t4
    licensing = corpus.table2[corpus.table2["code"] == "licensing_decisions"].iloc[0]
    assert pd.isna(licensing["value"]) and licensing["printed"] == t2
    r4 = corpus.findings[corpus.findings["rule"] == "R4"]
    assert {"t3", "t4"} <= set(r4["table"])
    assert any(t3 in message for message in r4["message"])



def test_stock_and_flow_findings_are_in_the_corpus(tmp_path: Path) -> None:
    """X2/X3 are the validator's findings (the agency page shows them), not only the assessment's."""
    records = generate(tmp_path, agencies=1, years=[2022, 2023], formats=["txt"], seed=7)
    results = [extract_json(str(tmp_path / r["file"])) for r in records]
    later = max(results, key=lambda r: r["year"])
    later["cells"]["t2.normative_in_force"] = results[0]["cells"]["t2.normative_in_force"] + 1000
    found = build_corpus(results).findings
    x3 = found[(found["rule"] == "X3") & (found["column"] == "normative_in_force")]
    assert list(x3["year"]) == [2023] and x3["message"].str.contains("现行有效件数").all()
