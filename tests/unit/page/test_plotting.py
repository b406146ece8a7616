"""Chinese chart labels render with the bundled CJK font, without missing-glyph warnings."""

from __future__ import annotations

import warnings

import matplotlib
import matplotlib.pyplot as plt

from disclosure_analysis.page import plotting


def test_setup_registers_cjk_font_with_fallback() -> None:
    plotting.setup()
    assert matplotlib.rcParams["font.family"] == plotting.FONT_FAMILY
    fig, ax = plt.subplots()
    ax.bar(["予以公开", "部分公开", "不予公开"], [3, 1, 2])
    ax.set_title("办理结果 2024年 − 12.5%（件）")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font(s)" is a UserWarning
        fig.canvas.draw()
    plt.close(fig)


def test_log_scale_only_when_values_span_orders_of_magnitude() -> None:
    assert plotting.spans_orders_of_magnitude([1, 5, 300])
    assert not plotting.spans_orders_of_magnitude([10, 50, None, 0])
    fig, ax = plt.subplots()
    plotting.distribution(ax, [2, 2000, None, 0], "件数")
    assert ax.get_xscale() == "log" and "对数" in ax.get_xlabel() and "2 份报告" in ax.get_title()
    plt.close(fig)
