"""The queue's filter bar: search box, verdict / status / kind selects and a source box.

Everything is one line high (compact widgets) so the bar fits 80 columns. The bar
only reports what the reviewer chose (``FilterBar.Changed``); the screen queries.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Select

from ..data import STATUS_FILTERS, VERDICTS, QueueFilter

_VERDICT_LABELS = {"review": "conflict+evolving"}
_DEBOUNCE_S = 0.25


class FilterBar(Horizontal):
    """Edits a ``QueueFilter``; posts ``Changed`` after each edit (typing is debounced)."""

    class Changed(Message):
        def __init__(self, value: QueueFilter) -> None:
            super().__init__()
            self.value = value

    def __init__(self, value: QueueFilter, kinds: list[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.value = value
        self.kinds = kinds
        self._timer: Timer | None = None
        self._choices = {
            "verdict": list(VERDICTS),
            "status": list(STATUS_FILTERS),
            "kind": ["", *kinds],
        }

    def compose(self) -> ComposeResult:
        yield Input(self.value.search or "", placeholder="/ search", id="search", compact=True)
        yield Select(
            [(_VERDICT_LABELS.get(v, v), v) for v in VERDICTS],
            value=self.value.verdict,
            allow_blank=False,
            compact=True,
            id="verdict",
            tooltip="verdict (v cycles)",
        )
        yield Select(
            [(s, s) for s in STATUS_FILTERS],
            value=self.value.status,
            allow_blank=False,
            compact=True,
            id="status",
            tooltip="review status (t cycles)",
        )
        yield Select(
            [("any kind", "")] + [(k, k) for k in self.kinds],
            value=self.value.kind or "",
            allow_blank=False,
            compact=True,
            id="kind",
            tooltip="kind (k cycles)",
        )
        yield Input(self.value.source or "", placeholder="source", id="source", compact=True)

    def cycle(self, name: str) -> None:
        """Move the ``verdict``, ``status`` or ``kind`` select to its next option."""
        select: Select = self.query_one(f"#{name}", Select)
        values = self._choices[name]
        at = values.index(select.value) if select.value in values else -1
        select.value = values[(at + 1) % len(values)]

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self._emit()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(_DEBOUNCE_S, self._emit)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self._emit()

    def _emit(self) -> None:
        kind = self.query_one("#kind", Select).value
        value = QueueFilter(
            verdict=str(self.query_one("#verdict", Select).value),
            status=str(self.query_one("#status", Select).value),
            kind=str(kind) or None,
            source=self.query_one("#source", Input).value.strip() or None,
            search=self.query_one("#search", Input).value.strip() or None,
        )
        if value != self.value:
            self.value = value
            self.post_message(self.Changed(value))
