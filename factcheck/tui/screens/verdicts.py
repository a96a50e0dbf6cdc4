"""The verdict keys, shared by the queue (acting on the highlighted row) and the group screen.

Each runs an action on the app, which records the decision through
``factcheck.review`` for whatever group the current screen has selected.
"""

from __future__ import annotations

from textual.binding import Binding

# Shown first in each screen's footer so that at 80 columns "?" is never cut off.
HELP_BINDING = Binding("question_mark", "app.help", "Keys", tooltip="Show every key")

VERDICT_BINDINGS = [
    Binding("c", "app.decide('confirm_conflict')", "Confirm", tooltip="Confirm the conflict"),
    Binding("n", "app.decide('not_conflict')", "No conflict", tooltip="Not a conflict"),
    Binding("s", "app.decide('split')", "Split", tooltip="Different events (split the group)"),
    Binding("r", "app.right_figure", "Right", tooltip="Mark which figure is right (or none)"),
    Binding("m", "app.note", "Note", tooltip="Add a note to the group"),
    Binding("a", "app.approve_next", "Approve", tooltip="Approve and go to the next open group"),
    Binding("u", "app.undo", "Undo", tooltip="Undo the last decision"),
    Binding("x", "app.remove_claim", "Remove", tooltip="Remove one claim from the group"),
]
