"""List parameters from every route: a list, papermill's -p text, comma-separated text, nothing."""

from __future__ import annotations

import pytest

from disclosure_analysis.page.params import as_list


def test_lists_from_every_route() -> None:
    assert as_list([2023, "2024"], int) == [2023, 2024]
    assert as_list("[2023, 2024]", int) == [2023, 2024]  # papermill -p years "[2023, 2024]"
    assert as_list("2023,2024", int) == as_list("2023 2024", int) == as_list("2023，2024", int) == [2023, 2024]
    assert as_list("", int) == as_list(None) == as_list("[]") == []
    assert as_list('["a-1", "b-2"]') == ["a-1", "b-2"] and as_list("a-1") == ["a-1"]
    assert as_list(2023, int) == [2023]


def test_bad_items_are_named() -> None:
    with pytest.raises(ValueError, match="years"):
        as_list("[2023, x]", int, "years")
    with pytest.raises(ValueError, match="years"):
        as_list("2023,abc", int, "years")
