"""Stage 8, assess: score reports against a rubric (YAML) with what the agency register says
(`corpus.register`), list missing and duplicate reports and cross-level gaps, locate every finding in its
report, present it all in Chinese (`present`), and keep the evaluator's decisions on findings across runs.
May import every stage below; never `cli`."""

from __future__ import annotations

from importlib import import_module

#: public name → the module defining it; imported on first use, so the CLI can build its parser cheaply
_EXPORTS = {
    "Assessment": "assessment",
    "assess": "assessment",
    "DecisionsError": "decisions",
    "load_decisions": "decisions",
    "Rubric": "rubric",
    "RubricError": "rubric",
    "load_rubric": "rubric",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(name)
    return getattr(import_module(f"{__name__}.{_EXPORTS[name]}"), name)
