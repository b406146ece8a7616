"""Outputs taken from kernel messages are the nodes nbformat makes of them, and nbclient uses them;
message timestamps are the datetimes dateutil reads; executed notebooks are written without times and
with fixed ids."""

from __future__ import annotations

import jupyter_client.jsonutil
import nbclient.client
import nbformat
import papermill.execute
import pytest
from dateutil.parser import isoparse
from nbformat.v4 import output_from_msg as nbformat_output_from_msg

from disclosure_analysis.site import kernel

MESSAGES = [
    ("display_data", {"data": {"text/html": "<p>表</p>", "text/plain": "表"}, "metadata": {"a": {"b": 1}}}),
    ("execute_result", {"data": {"text/plain": "1"}, "metadata": {}, "execution_count": 3}),
    ("stream", {"name": "stderr", "text": "警告\n"}),
    ("error", {"ename": "ValueError", "evalue": "坏", "traceback": ["Traceback", "ValueError: 坏"]}),
]


@pytest.mark.parametrize(("kind", "content"), MESSAGES)
def test_output_is_what_nbformat_makes(kind: str, content: dict) -> None:
    msg = {"header": {"msg_type": kind}, "content": content}
    ours, theirs = kernel.output_from_msg(msg), nbformat_output_from_msg(msg)
    assert ours == theirs and type(ours) is type(theirs)
    assert type(ours.get("data", ours)) is type(theirs.get("data", theirs))  # nested dicts are nodes too


def test_other_messages_are_refused_and_nbclient_uses_ours() -> None:
    with pytest.raises(ValueError, match="status"):
        kernel.output_from_msg({"header": {"msg_type": "status"}, "content": {}})
    assert nbclient.client.output_from_msg is kernel.output_from_msg


@pytest.mark.parametrize(
    "stamp",
    [
        "2026-11-27T18:30:10.123456Z",
        "2026-11-27T18:30:10.1Z",
        "2026-11-27T18:30:10+08:00",
        "2026-11-27T18:30:10.12-0530",
        "2026-11-27T18:30:10",
    ],
)
def test_message_dates_are_read_as_dateutil_reads_them(stamp: str) -> None:
    assert jupyter_client.jsonutil.ISO8601_PAT.match(stamp)
    ours, theirs = jupyter_client.jsonutil._dateutil_parse(stamp), isoparse(stamp)
    assert (
        ours == theirs and ours.utcoffset() == theirs.utcoffset() and ours.isoformat() == theirs.isoformat()
    )
    assert jupyter_client.jsonutil._dateutil_parse is not isoparse  # ours is in use


def executed_notebook() -> nbformat.NotebookNode:
    """A notebook as papermill leaves it after a failure: times, an injected cell, two error markers."""
    times = {"start_time": "2026-12-04T13:44:19+00:00", "end_time": "2026-12-04T13:44:20+00:00", "duration": 1.0}
    nb = nbformat.v4.new_notebook()
    nb.metadata["papermill"] = {**times, "parameters": {"a": 1}, "exception": True}
    tagged = [["papermill-error-cell-tag"], [], ["injected-parameters"], ["papermill-error-cell-tag"], []]
    for number, tags in enumerate(tagged):
        cell = nbformat.v4.new_code_cell("x = 1")
        cell.id = f"cell-{number}" if not tags else cell.id  # the source's cells have positional ids
        cell.metadata.update(
            tags=tags,
            papermill={**times, "status": "completed", "exception": False},
            execution={"iopub.status.busy": "2026-12-04T13:44:19.386426Z"},
        )
        nb.cells.append(cell)
    return nb


def test_executed_notebooks_have_no_times_and_fixed_ids() -> None:
    nb = kernel.reproducible(executed_notebook())
    assert [c.id for c in nb.cells] == [
        "papermill-error-cell-tag",
        "cell-1",
        "injected-parameters",
        "papermill-error-cell-tag-2",
        "cell-4",
    ]
    assert nb.metadata["papermill"] == {"parameters": {"a": 1}, "exception": True}
    for cell in nb.cells:
        assert cell.metadata["papermill"] == {"status": "completed", "exception": False}
        assert "execution" not in cell.metadata
    assert nbformat.writes(nb) == nbformat.writes(kernel.reproducible(executed_notebook()))
    nbformat.validate(nb)


def test_papermill_writes_executed_notebooks_reproducibly() -> None:
    nb = executed_notebook()
    papermill.execute.write_ipynb(nb, "site:test-reproducible.ipynb")
    text = kernel.MemoryIO.take("site:test-reproducible.ipynb")
    assert "2026-12-04" not in text and '"id": "injected-parameters"' in text
