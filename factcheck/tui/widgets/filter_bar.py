"""The queue's filter bar: search box, verdict / status / kind chips and a source box.

Everything is one line high so the bar fits 80 columns. Verdict, status and kind
are "chips" that cycle through their values (a key, a click, Enter or Space):
a Select's drop-down costs ~40 ms of layout per change, which would make every
filter key miss the 50 ms budget; the command palette lists every value instead.
The bar only reports what the reviewer chose (``FilterBar.Changed``); the screen
queries.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Static

from ..data import STATUS_FILTERS, VERDICTS, QueueFilter

_DEBOUNCE_S = 0.25


class FilterChip(Static, can_focus=True):
    """One filter with a few values; shows ``name value ▸`` and cycles on a key or a click."""

    class Changed(Message):
        def __init__(self, chip: FilterChip) -> None:
            super().__init__()
            self.chip = chip

    def __init__(self, name: str, choices: list[tuple[str, str]], value: str, key: str) -> None:
        super().__init__(id=name, classes="chip")
        self.choices = choices  # (label, value)
        self.key = key
        self.value = value if value in self.values else choices[0][1]
        self.tooltip = f"{name} filter ({key} cycles)"

    @property
    def values(self) -> list[str]:
        return [v for _, v in self.choices]

    def on_mount(self) -> None:
        self._draw()

    def set(self, value: str) -> None:
        if value not in self.values:
            raise ValueError(f"{self.id}: unknown value {value!r}")
        if value != self.value:
            self.value = value
            self._draw()
            self.post_message(self.Changed(self))

    def cycle(self, step: int = 1) -> None:
        values = self.values
        self.set(values[(values.index(self.value) + step) % len(values)])

    def _draw(self) -> None:
        label = dict((v, lab) for lab, v in self.choices)[self.value]
        self.update(Text.assemble((f"{self.key}:", "dim"), label, " ▸"), layout=False)

    def on_click(self, event: events.Click) -> None:
        self.cycle(-1 if event.shift else 1)

    def key_enter(self) -> None:
        self.cycle()

    def key_space(self) -> None:
        self.cycle()


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

    def compose(self) -> ComposeResult:
        v = self.value
        yield Input(v.search or "", placeholder="/ search", id="search", compact=True)
        labels = {"review": "conflict+evolving"}
        yield FilterChip("verdict", [(labels.get(x, x), x) for x in VERDICTS], v.verdict, "v")
        yield FilterChip("status", [(s, s) for s in STATUS_FILTERS], v.status, "t")
        kinds = [("any kind", ""), *((k, k) for k in self.kinds)]
        yield FilterChip("kind", kinds, v.kind or "", "k")
        yield Input(v.source or "", placeholder="f source", id="source", compact=True)

    def chip(self, name: str) -> FilterChip:
        return self.query_one(f"#{name}", FilterChip)

    def on_filter_chip_changed(self, event: FilterChip.Changed) -> None:
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

    def current(self) -> QueueFilter:
        """The filter the chips and boxes show now (typing not yet debounced included)."""
        return QueueFilter(
            verdict=self.chip("verdict").value,
            status=self.chip("status").value,
            kind=self.chip("kind").value or None,
            source=self.query_one("#source", Input).value.strip() or None,
            search=self.query_one("#search", Input).value.strip() or None,
        )

    def _emit(self) -> None:
        value = self.current()
        if value != self.value:
            self.value = value
            self.post_message(self.Changed(value))
