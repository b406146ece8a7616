"""The generator's data files (synth/data/*.yaml), loaded once."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

DATA_FILES = ("tree.yaml", "numbers.yaml", "phrases.yaml", "layout.yaml", "portal.yaml")


@cache
def data_text(name: str) -> str:
    """The raw text of one data file."""
    return resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")


@cache
def load(name: str) -> dict:
    """One data file, parsed (callers must not mutate the result)."""
    return yaml.safe_load(data_text(name))
