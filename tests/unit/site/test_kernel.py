"""Outputs taken from kernel messages are the nodes nbformat makes of them, and nbclient uses them;
message timestamps are the datetimes dateutil reads."""

from __future__ import annotations

import jupyter_client.jsonutil
import nbclient.client
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
