"""Stage 3, checks: the consistency rules, as pure functions from read reports to findings.

    report       the rules of one report (R1–R5, T1, F1, N1, P1): `check_extraction`
    cross_year   the rule across an agency's consecutive reports (X1 carry-over)

A rule reports; it never edits a value, and a rule that needs a blank cell says it cannot be checked.
May import `errors`, `formats` and `ingest`; nothing above.
"""
