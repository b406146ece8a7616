"""The findings table of assessment.html in which the evaluator confirms or dismisses each finding and
downloads decisions.csv: the data (decisions.csv as JSON) and the bundled script `static/decisions.js`,
inlined so that the page works alone, from file:// and without a network."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from disclosure_analysis.site.export import script_json

SCRIPT = Path(__file__).parent / "static" / "decisions.js"
#: JupyterLab's stylesheet right-aligns and fixes table cells: these selectors are more specific
_T = ".jp-RenderedHTMLCommon table.decisions-table, table.decisions-table"
_STYLE = f"""
.decisions-bar {{ display: flex; flex-wrap: wrap; gap: 0.5em; align-items: center; margin: 0.5em 0; }}
{_T} {{ border-collapse: collapse; font-size: 0.85em; table-layout: auto; width: auto; }}
.jp-RenderedHTMLCommon table.decisions-table td, .jp-RenderedHTMLCommon table.decisions-table th,
table.decisions-table td, table.decisions-table th {{
  border: 1px solid #ddd; padding: 0.2em 0.4em; vertical-align: top; text-align: left; max-width: none; }}
table.decisions-table td:nth-child(1) {{ min-width: 8em; }}
table.decisions-table td:nth-child(7) {{ min-width: 24em; }}
table.decisions-table td.decisions-choice {{ white-space: nowrap; }}
.decisions-choice label {{ margin: 0 0.6em 0 0.1em; }} .decisions-count {{ color: #555; }}
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
