"""Malformed messages sent over the real comm from a page in JupyterLab: each one is answered with
a reject that names the problem, and the map stays exactly as it was, in Python and on the page."""

from __future__ import annotations

import json
from typing import Any

from . import servers

# A page can send anything on the widget's comm: build a comm_msg by hand and send it on the
# notebook's kernel connection, as a buggy or hostile page could.
SEND_JS = """
([commId, content, depth]) => {
  if (depth > 0) {  // nested lists built here: too deep for the test driver to pass in
    let value = "deep";
    for (let i = 0; i < depth; i++) value = [value];
    content.op.value = value;
  }
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  kernel.sendShellMessage({
    header: {
      msg_id: `hostile-${Math.random()}`, username: "", session: kernel.clientId,
      msg_type: "comm_msg", version: "5.3", date: new Date().toISOString(),
    },
    parent_header: {}, metadata: {}, channel: "shell", buffers: [],
    content: {comm_id: commId, data: {method: "custom", content}},
  }, false, true);
}
"""

RECORD_REPLIES = """
import json
replies = []
_send = widget.send
widget.send = lambda message, buffers=None: (replies.append(message), _send(message, buffers))[1]
print(widget.model_id)
"""

SET_CELL = {"op": "set_cell", "lane": "actions", "step": "fill-form", "value": "Hostile text"}


MALFORMED: list[tuple[Any, str]] = [
    ({"type": "edit", "req": "h1", "base": 0, "op": "set_cell"}, "op must be an object"),
    ({"type": "edit", "req": "h2", "base": 0, "op": [[k, v] for k, v in SET_CELL.items()]}, "op must be an object"),
    ({"type": "edit", "req": "h3", "base": 10**18, "op": SET_CELL}, "a number beyond"),
    ({"type": "edit", "req": "h4", "base": 0.5, "op": SET_CELL}, "base must be"),
    ({"type": "edit", "req": "h5", "base": "0", "op": SET_CELL}, "base must be"),
    ({"type": "edit", "req": "h6", "op": SET_CELL}, "base must be"),
    ({"type": "edit", "req": "h7", "base": 0, "op": {**SET_CELL, "value": 600}}, "nested deeper"),
    ({"type": "edit", "req": "h7b", "base": 0, "op": {**SET_CELL, "value": 900}}, "nested deeper"),
    ({"type": "edit", "req": "h8", "base": 0, "op": {**SET_CELL, "value": "x" * 6000}}, "at most 5000 characters"),
    ({"type": "rename everything", "req": "h9"}, "unknown message type"),
    ({"type": "edit", "req": "h10", "base": 0, "op": SET_CELL}, "was changed from Python"),  # stale base
]


def _replies(page: Any) -> list[dict[str, Any]]:
    replies: list[dict[str, Any]] = json.loads(servers.run_in_kernel(page, "print(json.dumps(replies))"))
    return replies


def test_malformed_messages_over_the_real_comm_are_rejected_and_change_nothing(lab_notebook: Any) -> None:
    nb = lab_notebook()
    page = nb.page
    model_id = servers.run_in_kernel(page, RECORD_REPLIES).strip()
    servers.run_in_kernel(page, 'journey.set_cell("actions", "fill-form", "Set from Python")')  # base 0 is stale
    before = servers.run_in_kernel(page, "print(journey.revision, journey.to_json(indent=None))")
    for content, reason in MALFORMED:
        depth = content["op"]["value"] if content["req"] in ("h7", "h7b") else 0
        page.evaluate(SEND_JS, [model_id, content, depth])
        answers = servers.wait_for(
            lambda req=content["req"]: [r for r in _replies(page) if r.get("req") == req],
            f"an answer to message {content['req']}",
        )
        assert [answer["type"] for answer in answers] == ["reject"], answers
        assert reason in answers[0]["message"], (reason, answers[0]["message"])
    assert servers.run_in_kernel(page, "print(journey.revision, journey.to_json(indent=None))") == before
    assert "Hostile text" not in nb.cell("actions", "fill-form").inner_text()
    assert "Set from Python" in nb.cell("actions", "fill-form").inner_text()
