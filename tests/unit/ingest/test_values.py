"""Value parsing: nulls are never 0; numbers in every printed form; remarks and units kept."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from disclosure_analysis.ingest.values import NULL_MARKERS, cjk_number, parse_value

FULLWIDTH = str.maketrans("0123456789+-.,", "０１２３４５６７８９＋－．，")


@given(st.integers(min_value=0, max_value=10**9))
def test_integers_in_every_printed_form(n: int) -> None:
    forms = [str(n), f"{n:,}", str(n).translate(FULLWIDTH), f" {n} ", f"{n}件", f"{n}\n"]
    for form in forms:
        parsed = parse_value(form)
        assert parsed is not None and parsed.value == n, form


@given(st.integers(min_value=-(10**6), max_value=10**6).filter(lambda n: n != 0))
def test_signed_changes(n: int) -> None:
    assert parse_value(f"{n:+d}").value == n


@given(st.decimals(min_value=0, max_value=10**7, places=3, allow_nan=False))
def test_decimal_amounts(d) -> None:
    parsed = parse_value(str(d))
    assert parsed is not None and parsed.value == pytest.approx(float(d))


@pytest.mark.parametrize("marker", [*sorted(NULL_MARKERS), "——", "／", " / ", "—\n", "- -"])
def test_null_markers_are_null_not_zero(marker: str) -> None:
    parsed = parse_value(marker)
    assert parsed is not None and parsed.value is None


@given(
    st.integers(min_value=0, max_value=9999),
    st.text(alphabet="其中修订含自然失效件个0123456789 ", min_size=1, max_size=12),
)
def test_number_with_remark_keeps_remark(n: int, remark: str) -> None:
    parsed = parse_value(f"{n}（{remark}）")
    assert parsed is not None and parsed.value == n and parsed.remark is not None


def test_units_kept_as_printed() -> None:
    assert parse_value("251000元").unit == "元"
    assert parse_value("0.5万元").unit == "万元"


@pytest.mark.parametrize(
    "label", ["规章", "1.属于国家秘密", "3、其他", "（七）总计", "行政许可", "结果维持", "数据1"]
)
def test_labels_are_not_values(label: str) -> None:
    assert parse_value(label) is None


@given(st.integers(min_value=1, max_value=99))
def test_cjk_numbers(n: int) -> None:
    digits = "零一二三四五六七八九"
    tens, ones = divmod(n, 10)
    text = (("" if tens == 1 else digits[tens]) + "十" if tens else "") + (digits[ones] if ones else "")
    assert cjk_number(text) == n
