"""Evaluator assessment: score reports against a rubric (YAML), list missing reports and cross-level gaps,
and keep the evaluator's decisions on findings across runs."""

from disclosure_analysis.assess.assessment import Assessment, assess
from disclosure_analysis.assess.decisions import DecisionsError, load_decisions
from disclosure_analysis.assess.roster import Roster, RosterError, load_roster
from disclosure_analysis.assess.rubric import Rubric, RubricError, load_rubric

__all__ = [
    "Assessment",
    "DecisionsError",
    "Roster",
    "RosterError",
    "Rubric",
    "RubricError",
    "assess",
    "load_decisions",
    "load_roster",
    "load_rubric",
]
