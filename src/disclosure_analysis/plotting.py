"""Matplotlib set-up for charts with Chinese labels, and small chart helpers the notebooks share."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import font_manager
from matplotlib.axes import Axes

if TYPE_CHECKING:
    from IPython.core.interactiveshell import InteractiveShell

#: Per-glyph fallback: CJK from Noto Sans CJK, Latin digits and symbols it lacks from DejaVu Sans
FONT_FAMILY = ["Noto Sans CJK SC", "DejaVu Sans"]
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"


def register_cjk_font() -> None:
    """Add the Noto Sans CJK collection shipped by the `noto-cjk-sans-otc` wheel to matplotlib."""
    from noto_cjk_sans_otc import FONT_PATH

    if not any(f.name == "Noto Sans CJK SC" for f in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(str(FONT_PATH))


def setup() -> None:
    """Chinese-capable fonts and a readable style; the inline PNG backend when running in a Jupyter kernel.

    The kernel may inherit `MPLBACKEND=Agg` from its environment, which would swallow figures, so the
    inline backend is selected explicitly.
    """
    register_cjk_font()
    shell = _kernel_shell()
    if shell is not None:
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        shell.enable_matplotlib("inline")
        # the constrained layout already fits legends and labels: no second "tight" drawing pass
        set_matplotlib_formats("png", bbox_inches=None)
    matplotlib.rcParams.update(
        {
            "figure.constrained_layout.use": True,
            "font.family": FONT_FAMILY,
            "axes.unicode_minus": False,
            "figure.figsize": (8, 4),
            "figure.dpi": 100,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "grid.alpha": 0.3,
        }
    )


def _kernel_shell() -> InteractiveShell | None:
    """The IPython shell when running in a Jupyter kernel, else None."""
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    shell = get_ipython()
    return shell if getattr(shell, "kernel", None) is not None else None


def label(value: object) -> str:
    """Text for a chart label: a "$" (e.g. in an agency name) is shown as is, never read as mathtext."""
    return str(value).replace("$", r"\$")


def spans_orders_of_magnitude(values: Iterable[float], factor: float = 100.0) -> bool:
    """Whether the positive values span at least `factor` (then a log scale reads better)."""
    positive = pd.Series(list(values), dtype="Float64").dropna()
    positive = positive[positive > 0]
    return len(positive) > 1 and positive.max() / positive.min() >= factor


def value_axis(ax: Axes, values: Iterable[float], axis: str = "y") -> None:
    """Log scale on `axis` when the values span orders of magnitude, with a note in the label."""
    if spans_orders_of_magnitude(values):
        (ax.set_yscale if axis == "y" else ax.set_xscale)("log")
        label = ax.get_ylabel() if axis == "y" else ax.get_xlabel()
        (ax.set_ylabel if axis == "y" else ax.set_xlabel)(f"{label}（对数刻度）")


def distribution(ax: Axes, values: Iterable[float], label: str, bins: int = 12) -> pd.Series:
    """Histogram of the positive values (log-spaced bins and axis when they span orders of magnitude).

    Returns the values drawn (zeros and nulls are left out and the title says so).
    """
    positive = pd.Series(list(values), dtype="Float64").dropna().astype(float)
    positive = positive[positive > 0]
    if positive.empty:
        ax.set_title(f"{label}：无数据")
        return positive
    log = spans_orders_of_magnitude(positive)
    edges = np.geomspace(positive.min(), positive.max(), bins + 1) if log else bins
    ax.hist(positive, bins=edges, color="#4c72b0")
    if log:
        ax.set_xscale("log")
    ax.set_xlabel(label + ("（对数刻度）" if log else ""))
    ax.set_ylabel("报告数")
    ax.set_title(f"{label}的分布（{len(positive)} 份报告，不含 0 和空白）")
    return positive


def bars(
    long: pd.DataFrame,
    index: str,
    columns: str,
    values: str,
    *,
    title: str,
    value_label: str,
    index_label: str = "",
    stacked: bool = False,
    horizontal: bool = False,
    scale: float = 1.0,
) -> bool:
    """Grouped or stacked bars from long data (one bar group per `index`, one colour per `columns`).

    Rows with a null index or value are left out (a blank is not 0); returns False, drawing nothing,
    when no row is left. Unstacked counts spanning orders of magnitude get a log axis.
    """
    drawn = long.dropna(subset=[index, values])
    if drawn.empty:
        return False
    wide = drawn.pivot_table(index=index, columns=columns, values=values, aggfunc="sum", sort=False)
    wide = (wide.sort_index().astype(float) * scale).rename(index=label, columns=label)
    height = max(2.5, 0.4 * len(wide) * (1 if stacked else max(1, wide.shape[1] / 2))) if horizontal else 4
    _, ax = plt.subplots(figsize=(9, height))
    if horizontal:
        wide.plot.barh(stacked=stacked, ax=ax)
    else:
        wide.plot.bar(stacked=stacked, ax=ax, rot=0)
    value_axis_name = "x" if horizontal else "y"
    (ax.set_xlabel if horizontal else ax.set_ylabel)(value_label)
    (ax.set_ylabel if horizontal else ax.set_xlabel)(index_label)
    if not stacked:
        value_axis(ax, drawn[values], axis=value_axis_name)
    ax.set_title(title)
    ax.legend(loc="upper left", bbox_to_anchor=(1, 1), title=None)
    plt.show()
    return True


def ranking(
    labels: pd.Series, values: pd.Series, highlight: pd.Series, *, title: str, value_label: str
) -> None:
    """Horizontal bars of `values` per label, the rows where `highlight` is true in red."""
    colours = ["#d62728" if h else "#9ecae1" for h in highlight.fillna(False)]
    _, ax = plt.subplots(figsize=(8, max(2.5, 0.35 * len(values))))
    ax.barh([label(x) for x in labels], values.astype(float), color=colours)
    ax.set_xlabel(value_label)
    value_axis(ax, values, axis="x")
    ax.set_title(title)
    plt.show()
