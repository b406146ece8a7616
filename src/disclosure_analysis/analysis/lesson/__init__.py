"""A lesson on reading one annual report: the case it is built around and its exercises with answers.

    choose_case(corpus, agency, year, two_reports)   the report (and the one set beside it), see `case`
    exercises(corpus, case)                           the exercises, answers computed from the report
    five_statements(corpus, case)                     the section 五 statements the exercises read
    check(exercise, answer)                           whether a student's answer is right

Pure analysis: what a notebook shows of it is in `page.lesson`.
"""

from disclosure_analysis.analysis.lesson.case import INSTRUCTIVE, Case, CaseError, choose_case, instructive
from disclosure_analysis.analysis.lesson.exercises import Checked, Exercise, check, exercises, five_statements

__all__ = [
    "INSTRUCTIVE",
    "Case",
    "CaseError",
    "Checked",
    "Exercise",
    "check",
    "choose_case",
    "exercises",
    "five_statements",
    "instructive",
]
