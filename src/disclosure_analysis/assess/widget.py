"""The findings table of assessment.html in which the evaluator confirms or dismisses each finding and
downloads decisions.csv: the data (decisions.csv as JSON) and the bundled script `static/decisions.js`,
inlined so that the page works alone, from file:// and without a network."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from disclosure_analysis.site.export import script_json

SCRIPT = Path(__file__).parent / "static" / "decisions.js"
_STYLE = """
.decisions-bar { display: flex; flex-wrap: wrap; gap: 0.5em; align-items: center; margin: 0.5em 0; }
.decisions-table { border-collapse: collapse; font-size: 0.85em; }
.decisions-table th, .decisions-table td { border: 1px solid #ddd; padding: 0.2em 0.4em; vertical-align: top; }
.decisions-choice { white-space: nowrap; } .decisions-count { color: #555; }
"""


def decisions_html(decisions: pd.DataFrame) -> str:
    """The table and its script for the rows of decisions.csv (`present.decisions`, Chinese headers)."""
    data = {
        "columns": [str(c) for c in decisions.columns],
        "rows": [
            {str(c): "" if pd.isna(v) else str(v) for c, v in row.items()}
            for row in decisions.to_dict("records")
        ],
    }
    return (
        f"<style>{_STYLE}</style><div id='decisions-app'></div>"
        f"<script type='application/json' id='decisions-data'>{script_json(data)}</script>"
        f"<script>{SCRIPT.read_text(encoding='utf-8')}</script>"
    )
