"""`problems`: section 五 is specific, not copied from last year, and follows up last year's problems.

Reads the per-report signals of `disclosure_analysis.analysis.problems.report_signals(corpus)` (specificity,
copied_share, peer_similarity, follow_up_ratio). When that function is not available every report is
`not_assessed`; a signal that is null for a report (e.g. no last-year report to follow up) is skipped.
Specificity counts concrete details only (actions, platforms, dates, numbers, units, deliverables), not
slogans or citations of the 条例; follow-up counts responses that address last year's problems by content
and are not copied from last year; framing sentences are not problems. A finding names the statements
copied from last year (n_copied) when there are any.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from disclosure_analysis.assess.context import Context
from disclosure_analysis.assess.indicators.base import Indicator, IndicatorType, Param, outcome_for_all, share
from disclosure_analysis.assess.model import ASSESSED, NOT_ASSESSED, Check, Outcome
from disclosure_analysis.corpus import Corpus

#: signal → its Chinese name
SIGNAL_NAMES = {
    "specificity": "具体性",
    "copied_share": "与上年重复的比例",
    "peer_similarity": "与其他机关的相似度",
    "follow_up_ratio": "对上年问题的回应比例",
}
#: signal → (parameter holding its threshold, whether the threshold is a minimum, finding text)
SIGNALS = {
    "specificity": (
        "min_specificity",
        True,
        "第五部分的问题和措施不够具体（具体性 {v:.2f}，低于 {t:.2f}：很少写出具体的活动、平台、期限、数字、"
        "责任单位或成果，口号和对《条例》的引用不计）",
    ),
    "copied_share": (
        "max_copied_share",
        False,
        "第五部分与上一年度报告雷同（重复比例 {v:.0%}，高于 {t:.0%}）",
    ),
    "peer_similarity": (
        "max_peer_similarity",
        False,
        "第五部分与其他机关的报告高度相似（相似度 {v:.0%}，高于 {t:.0%}）",
    ),
    "follow_up_ratio": (
        "min_follow_up_ratio",
        True,
        "第五部分对上一年度所列问题的整改情况交代不足（按内容回应的比例 {v:.0%}，低于 {t:.0%}；"
        "只是主题相同或照抄上年的措施不算回应）",
    ),
}


def signal_function() -> Callable[[Corpus], pd.DataFrame] | None:
    """`report_signals` of the problems analysis, or None when that module does not provide it."""
    try:
        from disclosure_analysis.analysis.problems import report_signals
    except ImportError:
        return None
    return report_signals


def evaluate(ctx: Context, ind: Indicator) -> list[Outcome]:
    signals_of = signal_function()
    if signals_of is None:
        return outcome_for_all(ctx, NOT_ASSESSED, "第五部分的分析模块不可用")
    signals = signals_of(ctx.corpus).drop_duplicates("report_id").set_index("report_id")
    thresholds = {
        s: ind.params[param] for s, (param, _, _) in SIGNALS.items() if ind.params[param] is not None
    }
    out = []
    for rid in ctx.reports.index:
        if "problems" not in ctx.texts.get(rid, {}):
            out.append(
                Outcome(
                    rid,
                    ASSESSED,
                    (Check("problems", "error", "没有找到第五部分“存在的主要问题及改进情况”", 1.0, section="problems"),),
                )
            )
            continue
        row = signals.loc[rid] if rid in signals.index else pd.Series(dtype=object)
        known = {s: float(row[s]) for s in thresholds if s in row and pd.notna(row[s])}
        if not known:
            out.append(Outcome(rid, NOT_ASSESSED, note="没有第五部分的分析结果"))
            continue
        checks = []
        for signal, value in known.items():
            _, is_min, text = SIGNALS[signal]
            limit = thresholds[signal]
            if (value < limit) if is_min else (value > limit):
                checks.append(
                    Check(
                        "problems",
                        "warning",
                        text.format(v=value, t=limit) + _copied_note(signal, row),
                        1 / len(known),
                        row=signal,
                        expected=limit,
                        printed=value,
                        section="problems",
                    )
                )
        out.append(Outcome(rid, ASSESSED, tuple(checks)))
    return out


def _copied_note(signal: str, row: pd.Series) -> str:
    """For the copied_share finding: how many statements were copied word for word from last year."""
    n = row.get("n_copied")
    if signal != "copied_share" or n is None or pd.isna(n) or not n:
        return ""
    return f"；其中 {int(n)} 条问题或措施与上年基本一字不差"


def _optional_share(value: object) -> str | None:
    return None if value is None else share(value)


TYPE = IndicatorType(
    "problems",
    "第五部分具体、不照抄上年、交代上年问题的整改（依据第五部分分析的信号）",
    {
        param: Param(
            (int, float, type(None)),
            default,
            f"{SIGNAL_NAMES[signal]}的{'下限' if is_min else '上限'}（留空为不核对）",
            _optional_share,
        )
        for (signal, (param, is_min, _)), default in zip(SIGNALS.items(), (0.3, 0.5, 0.7, 0.5), strict=True)
    },
    evaluate,
)
