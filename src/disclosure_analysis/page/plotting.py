"""Matplotlib set-up for figures with Chinese labels, and the histogram helper the overview uses (bar charts:
`charts`, drawn in the browser)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import matplotlib
import numpy as np
import pandas as pd
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from disclosure_analysis.page.charts import spans_orders_of_magnitude

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
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # reports are counted: no tick at 0.5
    ax.set_title(f"{label}的分布（{len(positive)} 份报告，不含 0 和空白）")
    return positive
