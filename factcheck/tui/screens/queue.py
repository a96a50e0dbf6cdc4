"""The queue: groups awaiting review, most severe first, with filters and counts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Input

from ...models import KINDS
from .. import data
from ..widgets.filter_bar import FilterBar
from ..widgets.framed import FramedRows
from ..widgets.keys_footer import KeysFooter
from ..widgets.queue_table import QueueTable
from ..widgets.status_line import StatusLine
from .verdicts import HELP_BINDING, VERDICT_BINDINGS

if TYPE_CHECKING:
    from ..app import ReviewApp


class QueueScreen(FramedRows, Screen):
    """Lists one page of groups; Enter opens the group, verdict keys act on the row."""

    app: ReviewApp
    AUTO_FOCUS = "#queue"

    BINDINGS = [
        HELP_BINDING,
        *VERDICT_BINDINGS,
        Binding("enter", "open_group", "Open"),
        Binding("slash", "focus_search", "Search", show=False),
        Binding("v", "cycle('verdict')", "Verdict filter", show=False),
        Binding("t", "cycle('status')", "Status filter", show=False),
        Binding("k", "cycle('kind')", "Kind filter", show=False),
        Binding("f", "focus_source", "Source filter", show=False),
        Binding("escape", "focus_table", "Back to list", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield FilterBar(self.app.queue_filter, list(KINDS), id="filters")
        yield QueueTable(
            self._load,
            filler=lambda rows: data.with_figures(self.app.db, rows),
            version=lambda: data.registry_version(self.app.db),
            id="queue",
        )
        yield StatusLine(id="queue-status")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.table.focus()
        self.table.restart()
        self.app.keep_heap(collect=True)
        self.table.after_paint(self.app.count)  # first paint first

    @property
    def table(self) -> QueueTable:
        return self.query_one(QueueTable)

    def _load(
        self, after: tuple[float, str] | None, limit: int, figured: int | None
    ) -> list[data.QueueRow]:
        f = self.app.queue_filter
        return data.fetch_page(self.app.db, f, after=after, limit=limit, figured=figured)

    # -- what the app asks of the current screen --------------------------------
    def current_group_id(self) -> str | None:
        row = self.table.selected
        return row.id if row else None

    def current_claim_id(self) -> str | None:
        return None

    def refresh_data(self) -> None:
        """Re-read the page and the counts (after a decision or on request)."""
        self.table.reload()

    def advance(self, key: tuple[float, str]) -> None:
        """After approve-and-advance the decided row leaves an "open" view by itself."""
        self.table.reload()

    # -- events --------------------------------------------------------------
    def on_screen_suspend(self) -> None:
        self._stale = True

    def on_screen_resume(self) -> None:
        # Back from a group: its decisions (or another process) may have changed the page.
        if getattr(self, "_stale", False):
            self._stale = False
            if data.registry_version(self.app.db) != self.table.read_at:
                self.refresh_data()
        # The cursor rests on a row again (the group just read, most often).
        if gid := self.current_group_id():
            self.app.prepare_group(gid)

    def on_queue_table_page_changed(self, _: QueueTable.PageChanged) -> None:
        self.update_status()

    def on_filter_bar_changed(self, event: FilterBar.Changed) -> None:
        self._apply(event.value)

    def _apply(self, f: data.QueueFilter) -> None:
        if f == self.app.queue_filter:
            return  # already applied by the key that changed it
        self.app.queue_filter = f
        self.table.restart()
        # Count after the new page is painted: a count thread would slow that frame down.
        self.table.after_paint(self.app.count)

    def on_queue_table_highlighted(self, event: QueueTable.Highlighted) -> None:
        self.app.prepare_group(event.row.id)

    def on_queue_table_opened(self, event: QueueTable.Opened) -> None:
        self.app.open_group(event.row.id)

    def update_status(self) -> None:
        """The status line: open / confirmed / dismissed (counted by the app) and the page."""
        c = self.app.counts
        t = self.table
        shown = (
            f"rows {t.first_index + 1}–{t.first_index + len(t.rows_shown)}"
            + ("+" if t.has_more else "")
            if t.rows_shown
            else "no group matches these filters"
        )
        tally = "counting…"
        if c is not None:
            tally = f"open {c.open:,} · confirmed {c.confirmed:,} · dismissed {c.dismissed:,}"
        line = f"{tally}  │  page {t.page_number}, {shown}"
        self.query_one("#queue-status", StatusLine).update(line)

    # -- actions ----------------------------------------------------------------
    def action_open_group(self) -> None:
        gid = self.current_group_id()
        if gid:
            self.app.open_group(gid)

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_focus_source(self) -> None:
        self.query_one("#source", Input).focus()

    def action_focus_table(self) -> None:
        self.table.focus()

    def action_cycle(self, name: str) -> None:
        bar = self.query_one(FilterBar)
        bar.chip(name).cycle()
        # Apply it now: the chip's message would reach this screen after a frame showing
        # the new chip over the old rows, and the next frame comes 1/60 s later at best.
        self._apply(bar.current())

    def set_filter(self, name: str, value: str) -> None:
        """Set the ``verdict``, ``status`` or ``kind`` filter (used by the command palette)."""
        self.query_one(FilterBar).chip(name).set(value)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Letter keys belong to the inputs while one has focus.
        typing = isinstance(self.focused, Input)
        return not (typing and action in ("cycle", "focus_source"))
