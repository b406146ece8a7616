"""The rubric loader: the default rubric is valid; a malformed one is rejected naming file, indicator and problem."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from disclosure_analysis.assess.rubric import DEFAULT_RUBRIC, RubricError, load_rubric

GOOD = {"id": "on_time", "type": "on_time", "weight": 10, "basis": "《条例》第四十九条"}


def test_default_rubric_loads_with_a_basis_for_every_indicator() -> None:
    rubric = load_rubric()
    assert rubric.source == str(DEFAULT_RUBRIC)
    assert sum(i.weight for i in rubric.indicators) == 100
    assert all(i.basis for i in rubric.indicators)
    assert {
        "on_time",
        "format",
        "identities",
        "carry_over",
        "stock_flow",
        "problems",
        "fee",
        "gov_items",
    } <= {i.id for i in rubric.indicators}


def test_parameters_get_their_defaults() -> None:
    on_time = load_rubric().indicators[0]
    assert on_time.params["grace_days"] == 0
    assert {r.get("kind"): r["date"] for r in on_time.params["deadlines"]} == {
        None: "03-31",  # until 2018
        "government": "03-31",
        "committee": "03-31",
        "department": "01-31",
        "township": "03-31",
        "institution": "03-31",
    }
    assert on_time.unknown_score == 0  # an unknown date is scored, not left out


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ({**GOOD, "type": "magic"}, "未知的指标类型 'magic'"),
        ({**GOOD, "weight": "ten"}, "weight 应为不小于 0 的数字"),
        ({**GOOD, "weight": True}, "weight 应为不小于 0 的数字"),
        ({k: v for k, v in GOOD.items() if k != "basis"}, "缺少 basis"),
        ({**GOOD, "basis": ["", " "]}, "缺少 basis"),
        ({**GOOD, "params": {"grace": 3}}, "没有参数 ['grace']"),
        ({**GOOD, "params": {"grace_days": "three"}}, "参数 grace_days 应为整数"),
        ({**GOOD, "params": {"deadlines": [{"date": "31/01", "basis": "x"}]}}, "date 应为“月-日”"),
        ({**GOOD, "params": {"deadlines": [{"date": "01-31"}]}}, "缺少 basis"),
        ({**GOOD, "unknown_score": 2}, "unknown_score 应为 0 到 1 之间"),
        ({**GOOD, "unknown_score": None}, "unknown_score 不能为 null"),
        ({**GOOD, "params": {"deadlines": [{"kind": "bureau", "date": "01-31", "basis": "x"}]}}, "不是机构类型"),
        ({**GOOD, "id": "On Time"}, "id 应由小写字母"),
        ({**GOOD, "id": "total"}, "固定列名"),
        ({**GOOD, "colour": "red"}, "未知的键 ['colour']"),
        ({"id": "x", "type": "findings", "weight": 1, "basis": "b"}, "参数 rules：应为非空的规则编号列表"),
        (
            {
                "id": "x",
                "type": "findings",
                "weight": 1,
                "basis": "b",
                "params": {"rules": ["R1"], "penalty": {"fatal": 1}},
            },
            "'fatal' 既不是级别",
        ),
        (
            {"id": "x", "type": "fee", "weight": 1, "basis": "b", "params": {"patterns": ["(未收取"]}},
            "正则表达式",
        ),
        (
            {"id": "x", "type": "format", "weight": 1, "basis": "b", "params": {"sections": ["seven"]}},
            "未知的取值 ['seven']",
        ),
    ],
)
def test_malformed_indicator_is_rejected_with_file_indicator_and_problem(
    tmp_path: Path, entry: dict, problem: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        yaml.safe_dump({"name": "坏", "indicators": [entry]}, allow_unicode=True), encoding="utf-8"
    )
    with pytest.raises(RubricError) as err:
        load_rubric(path)
    message = str(err.value)
    assert str(path) in message
    assert f"指标 {entry.get('id', '（无 id）')}（第 1 项）" in message
    assert problem in message


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ("- a\n- b\n", "顶层应为映射"),
        ("name: x\n", "indicators 应为非空的列表"),
        ("name: x\nindicators: [a]\n", "应为映射"),
        (f"indicators: [{GOOD}, {GOOD}]\n", "指标 id 重复"),
        ("indicators: [{id: a, type: on_time, weight: 0, basis: b}]\n", "权重之和为 0"),
        (
            "indicators: [{id: a, type: findings, weight: 1, basis: b, params: {rules: [R1]}},"
            " {id: b, type: findings, weight: 1, basis: b, params: {rules: [R1, R2]}}]\n",
            "规则 R1 同时计入指标 a 和 b",
        ),
        ("indicators: [\n", "无法读取"),
    ],
)
def test_malformed_rubric_is_rejected(tmp_path: Path, data: str, problem: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(data, encoding="utf-8")
    with pytest.raises(RubricError, match=problem) as err:
        load_rubric(path)
    assert str(path) in str(err.value)


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(RubricError, match=r"nothing\.yaml"):
        load_rubric(tmp_path / "nothing.yaml")
