"""Value parsing: nulls are never 0; numbers in every printed form; remarks and units kept."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from disclosure_analysis.ingest.values import (
    AMOUNT,
    CHANGE,
    COUNT,
    DIGITS_APART,
    NOT_A_COUNT,
    NULL_MARKERS,
    OUT_OF_RANGE,
    ROUNDED,
    UNIT_CONVERTED,
    UNIT_MISMATCH,
    as_field,
    cjk_number,
    is_unreadable_number,
    parse_value,
)

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


# --- what a field may hold (issue 12: one cell must not crash a corpus, nor pass for what it is not) ---


@pytest.mark.parametrize(
    ("printed", "value", "problem"),
    [
        ("32", 32, None),
        ("32件", 32, None),
        ("3.0", 3.0, None),
        ("3.5", None, NOT_A_COUNT),
        ("-3", None, NOT_A_COUNT),
        ("1.2万", None, ROUNDED),  # a rounded figure, not a count
        ("5元", None, UNIT_MISMATCH),
        ("12345678901234567890", None, OUT_OF_RANGE),
        ("999999999999999", 999999999999999, None),
    ],
)
def test_a_count_is_a_whole_number_or_nothing(printed: str, value: int | None, problem: str | None) -> None:
    assert as_field(parse_value(printed), COUNT)[::2] == (value, problem)


@pytest.mark.parametrize(
    ("printed", "field", "value", "unit", "problem"),
    [
        ("1.2万", COUNT, None, "万", ROUNDED),  # 12000 would pass a rounded figure for a count
        ("1.23456万", COUNT, None, "万", ROUNDED),
        ("-0.8万", CHANGE, None, "万", ROUNDED),
        ("-8", CHANGE, -8, None, None),
        ("-8.5", CHANGE, None, None, NOT_A_COUNT),
        ("3000元", AMOUNT, 0.3, "万元", UNIT_CONVERTED),
        ("1.5亿元", AMOUNT, 15000, "万元", UNIT_CONVERTED),
        ("1.2万", AMOUNT, 1.2, "万", None),  # 万 in a 万元 column
        ("1.25", AMOUNT, 1.25, None, None),
        ("-1.25", AMOUNT, None, None, OUT_OF_RANGE),
        ("5件", AMOUNT, None, "件", UNIT_MISMATCH),
    ],
)
def test_an_amount_converted_exactly_a_count_never(
    printed: str, field: str, value: float | None, unit: str | None, problem: str | None
) -> None:
    got = as_field(parse_value(printed), field, "万元" if field == AMOUNT else None)
    assert got == (value, unit, problem)
    assert got[0] is None or type(got[0]) is type(value)


@pytest.mark.parametrize(
    ("printed", "value", "problem"),
    [
        ("1 234", 1234, None),  # thousands grouped by a blank
        ("12 345 678", 12345678, None),
        ("1 2 3", 123, None),  # every character spaced out
        ("５ １２", None, DIGITS_APART),  # one number, or 5 and 12 of two cells run into one
        ("0 0", None, DIGITS_APART),
        ("12\n3", None, DIGITS_APART),
        ("1579.5\n7", None, DIGITS_APART),
        ("22（其中 5件）", 22, None),  # a remark's digits are not the number's
    ],
)
def test_digits_parted_by_blanks_are_one_number_only_when_the_blanks_say_so(
    printed: str, value: int | None, problem: str | None
) -> None:
    assert as_field(parse_value(printed), COUNT)[::2] == (value, problem)


def test_a_number_too_long_for_any_column_is_a_number_but_no_value() -> None:
    huge = "9" * 5000  # int() of it raises in Python ≥ 3.11
    parsed = parse_value(huge)
    assert parsed is not None and parsed.value is None and parsed.number == huge
    assert as_field(parsed, AMOUNT) == (None, None, OUT_OF_RANGE)


@pytest.mark.parametrize("text", ["NaN", "inf", "-Infinity", "1e308", "=1+1", "@SUM(A1)", "#REF!", "3,5", "1.2.3"])
def test_unreadable_numbers(text: str) -> None:
    assert is_unreadable_number(text)


@pytest.mark.parametrize("text", ["规章", "1.", "（1）", "(12)", "数据1", "abc", "", "http://gov.cn", "3、其他"])
def test_labels_are_not_unreadable_numbers(text: str) -> None:
    assert not is_unreadable_number(text)
