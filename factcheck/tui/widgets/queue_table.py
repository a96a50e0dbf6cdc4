"""The queue's table: one SQL page of groups at a time, paged with keyset keys.

A DataTable with every group of a large registry takes minutes to fill; this one
holds at most ``PAGE_SIZE`` rows. Moving past the last row (or ``pagedown``)
fetches the page after the last row's ``(severity, id)`` key; the keys where
earlier pages started are kept on a stack, so going back is exact too.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from ..data import PAGE_SIZE, QueueRow
from ..render import visible

Loader = Callable[[tuple[float, str] | None, int], list[QueueRow]]

_STATUS_STYLE = {"open": "bold", "confirmed": "green", "dismissed": "dim"}
_VERDICT_STYLE = {"conflict": "bold red", "evolving": "yellow", "consistent": "green"}
# Sev, Verdict, Figures, Src, Conf, Status; Quantity takes what is left.
_FIXED = {"sev": 4, "verdict": 10, "figures": 16, "src": 3, "conf": 4, "status": 9}


class QueueTable(DataTable):
    """Paged, read-only table of ``QueueRow``; the screen supplies the loader."""

    BINDINGS = [
        Binding("down", "row_down", "Down", show=False),
        Binding("up", "row_up", "Up", show=False),
        Binding("pagedown", "next_page", "Next page", show=False),
        Binding("pageup", "prev_page", "Previous page", show=False),
        Binding("home", "first_page", "First", show=False),
    ]

    class PageChanged(Message):
        """The table now shows another page (or the same one re-read)."""

        def __init__(self, table: QueueTable) -> None:
            super().__init__()
            self.table = table

    def __init__(self, loader: Loader, *, page_size: int = PAGE_SIZE, id: str | None = None):
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.loader = loader
        self.page_size = page_size
        self.rows_shown: list[QueueRow] = []
        self.page_starts: list[tuple[float, str] | None] = [None]
        self.has_more = False
        self._quantity_width = 0

    # -- what the screen asks -------------------------------------------------
    @property
    def selected(self) -> QueueRow | None:
        if not self.rows_shown:
            return None
        return self.rows_shown[min(self.cursor_row, len(self.rows_shown) - 1)]

    @property
    def page_number(self) -> int:
        return len(self.page_starts)

    @property
    def first_index(self) -> int:
        """0-based position of the page's first row in the whole queue."""
        return (len(self.page_starts) - 1) * self.page_size

    def reload(self, *, keep_cursor: bool = True) -> None:
        """Re-read the current page (after a decision, a refresh or an ingest elsewhere)."""
        row = self.cursor_row if keep_cursor else 0
        self._show(self.page_starts[-1], row)
        if not self.rows_shown and len(self.page_starts) > 1:
            self.page_starts.pop()  # the page emptied (all decided): step back one
            self._show(self.page_starts[-1], self.page_size - 1)

    def restart(self) -> None:
        """Back to the first page (after the filter changed)."""
        self.page_starts = [None]
        self._show(None, 0)

    # -- keys ----------------------------------------------------------------
    def action_row_down(self) -> None:
        if self.cursor_row >= len(self.rows_shown) - 1:
            self.action_next_page()
        else:
            self.move_cursor(row=self.cursor_row + 1)

    def action_row_up(self) -> None:
        if self.cursor_row == 0:
            self.action_prev_page(at_end=True)
        else:
            self.move_cursor(row=self.cursor_row - 1)

    def action_next_page(self) -> None:
        if self.has_more and self.rows_shown:
            self.page_starts.append(self.rows_shown[-1].key)
            self._show(self.page_starts[-1], 0)
        elif self.rows_shown:
            self.move_cursor(row=len(self.rows_shown) - 1)

    def action_prev_page(self, at_end: bool = False) -> None:
        if len(self.page_starts) > 1:
            self.page_starts.pop()
            self._show(self.page_starts[-1], self.page_size - 1 if at_end else 0)
        else:
            self.move_cursor(row=0)

    def action_first_page(self) -> None:
        self.restart()

    # -- drawing -------------------------------------------------------------
    def on_resize(self) -> None:
        width = max(12, self.size.width - sum(_FIXED.values()) - 2 * (len(_FIXED) + 1) - 2)
        if width != self._quantity_width:
            self._quantity_width = width
            self._draw(self.cursor_row)

    def _show(self, start: tuple[float, str] | None, row: int) -> None:
        rows = self.loader(start, self.page_size + 1)
        self.has_more = len(rows) > self.page_size
        self.rows_shown = rows[: self.page_size]
        self._draw(row)
        self.post_message(self.PageChanged(self))

    def _draw(self, row: int) -> None:
        width = self._quantity_width or 30
        self.clear(columns=True)
        self.add_column("Sev", width=_FIXED["sev"], key="sev")
        self.add_column("Verdict", width=_FIXED["verdict"], key="verdict")
        self.add_column("Quantity", width=width, key="quantity")
        self.add_column("Figures", width=_FIXED["figures"], key="figures")
        self.add_column("Src", width=_FIXED["src"], key="src")
        self.add_column("Conf", width=_FIXED["conf"], key="conf")
        self.add_column("Status", width=_FIXED["status"], key="status")
        self.add_rows(_cells(r, width) for r in self.rows_shown)
        if self.rows_shown:
            self.move_cursor(row=max(0, min(row, len(self.rows_shown) - 1)), animate=False)


def _cells(r: QueueRow, width: int) -> list[Text]:
    return [
        Text(f"{r.severity:.2f}", justify="right"),
        Text(r.verdict, style=_VERDICT_STYLE.get(r.verdict, "")),
        Text(_clip(visible(r.quantity, one_line=True), width)),
        Text(_clip(visible(r.figures, one_line=True), _FIXED["figures"])),
        Text(str(r.sources), justify="right"),
        Text("" if r.confidence is None else f"{r.confidence:.2f}", justify="right"),
        Text(r.status, style=_STATUS_STYLE.get(r.status, "")),
    ]


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"
