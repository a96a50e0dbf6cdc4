"""The queue's table: one SQL page of groups at a time, drawn line by line.

A DataTable with every group of a large registry takes minutes to fill, and
even one page of it costs ~0.5 ms per cell to repaint (each cell is a padded
Rich render). This widget holds at most ``PAGE_SIZE`` rows and draws each
visible row as a single pre-formatted line (Textual's line API), so a new page
paints in a few milliseconds. Moving past the last row (or ``pagedown`` past
the page) fetches the page after the last row's ``(severity, id)`` key; the keys
where earlier pages started are kept on a stack, so going back is exact too.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from ..data import PAGE_SIZE, QueueRow
from ..render import visible
from .framed import FramedRows

Loader = Callable[[tuple[float, str] | None, int, int | None], list[QueueRow]]
"""(after, limit, figured) -> rows; only the first ``figured`` with their figures (None: all)."""
Filler = Callable[[list[QueueRow]], list[QueueRow]]
"""Rows -> the same rows with the figures of those read without them."""

_STATUS_STYLE = {"open": "bold", "confirmed": "green", "dismissed": "dim"}
_VERDICT_STYLE = {"conflict": "bold red", "evolving": "yellow", "consistent": "green"}
# (title, width, right-aligned); the quantity column (width None) takes what is left.
COLUMNS: list[tuple[str, int | None, bool]] = [
    ("Sev", 4, True),
    ("Verdict", 10, False),
    ("Quantity", None, False),
    ("Figures", 16, False),
    ("Src", 3, True),
    ("Conf", 4, True),
    ("Status", 9, False),
]
_GAP = 2
_GAP_TEXT = " " * _GAP
_RIGHT = tuple(right for _, _, right in COLUMNS)


_FIXED = sum(w for _, w, _ in COLUMNS if w) + _GAP * (len(COLUMNS) - 1) + 1
"""Cells of a line that are not the quantity column (its fixed columns, gaps, margin)."""
_MIN_QUANTITY = 8


@lru_cache(maxsize=16)
def column_widths(total: int) -> tuple[int, ...]:
    """Each column's width for a table ``total`` cells wide (quantity gets the rest, >= 8)."""
    return tuple(w if w else max(_MIN_QUANTITY, total - _FIXED) for _, w, _ in COLUMNS)


def line_width(total: int) -> int:
    """Cells in a line of :func:`_pieces` (``total``, or more on a very narrow table)."""
    return max(total, _FIXED + _MIN_QUANTITY)


Pieces = list[tuple[str, str]]  # (text, Rich style) side by side: one line


def header_pieces(total: int) -> Pieces:
    return _pieces([title for title, _, _ in COLUMNS], total)


def row_pieces(r: QueueRow, total: int) -> Pieces:
    """One group as one line of literal text (quantity and figures are untrusted)."""
    cells = [
        f"{r.severity:.2f}",
        r.verdict,
        visible(r.quantity, one_line=True),
        visible(r.figures, one_line=True),
        str(r.sources),
        "" if r.confidence is None else f"{r.confidence:.2f}",
        r.status,
    ]
    styles = {1: _VERDICT_STYLE.get(r.verdict, ""), 6: _STATUS_STYLE.get(r.status, "")}
    return _pieces(cells, total, styles)


def row_line(r: QueueRow, total: int) -> Text:
    """The row as a Rich Text (what the table draws, for tests and reuse)."""
    return Text.assemble(*row_pieces(r, total))


def _pieces(cells: list[str], total: int, cell_styles: dict[int, str] | None = None) -> Pieces:
    """The cells fitted to their columns, as runs of one style (~4 a row, not 13 pieces:
    fewer segments for Textual to cut and join on every frame)."""
    styles = cell_styles or {}
    out: Pieces = []
    run = " "
    for i, (cell, width, right) in enumerate(zip(cells, column_widths(total), _RIGHT, strict=True)):
        text = _fit(cell, width, right)
        if style := styles.get(i, ""):
            out += [(run, ""), (text, style)] if run else [(text, style)]
            run = ""
        else:
            run += text
        if i < len(cells) - 1:
            run += _GAP_TEXT
    return [*out, (run, "")] if run else out


def _fit(cell: str, width: int, right: bool) -> str:
    """``cell`` cut (with "…") or padded to exactly ``width`` cells."""
    if cell.isascii() and cell.isprintable():  # one cell per character: plain slicing
        if len(cell) > width:
            return cell[: width - 1] + "…"
        return cell.rjust(width) if right else cell.ljust(width)
    if cell_len(cell) > width:
        cell = set_cell_size(cell, width - 1) + "…"
    elif right:
        cell = " " * (width - cell_len(cell)) + cell
    return set_cell_size(cell, width)


class QueueTable(FramedRows, Widget, can_focus=True):
    """Paged, read-only list of ``QueueRow``; the screen supplies the loader."""

    COMPONENT_CLASSES = {"queue-table--header", "queue-table--cursor"}
    DEFAULT_CSS = """
    QueueTable { height: 1fr; }
    QueueTable > .queue-table--header { background: $panel; text-style: bold; }
    QueueTable > .queue-table--cursor { background: $block-cursor-background;
        color: $block-cursor-foreground; text-style: bold; }
    QueueTable:blur > .queue-table--cursor { background: $block-cursor-blurred-background;
        text-style: none; }
    """
    BINDINGS = [
        Binding("down,j", "row_down", "Down", show=False),
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

    class Highlighted(Message):
        """The cursor was placed on a group (a key, a click, a page shown or re-read)."""

        def __init__(self, row: QueueRow) -> None:
            super().__init__()
            self.row = row

    class Opened(Message):
        """A double click on a row (Enter is the screen's binding, ordered with the arrows)."""

        def __init__(self, row: QueueRow) -> None:
            super().__init__()
            self.row = row

    def __init__(
        self,
        loader: Loader,
        *,
        filler: Filler = lambda rows: rows,
        version: Callable[[], object] = lambda: None,
        page_size: int = PAGE_SIZE,
        id: str | None = None,
    ):
        super().__init__(id=id)
        self.loader = loader
        self.filler = filler
        self.version = version  # changes whenever what the loader reads may have changed
        self.read_at: object = None  # the version the rows shown were read at
        # The page after the one shown, read once it is painted: (start, version, rows).
        self._next: tuple[tuple[float, str], object, list[QueueRow]] | None = None
        self._read_ahead = False
        self._unfilled = False  # rows shown without their figures (see _show)
        self._after_paint: list[Callable[[], object]] = []
        self.page_size = page_size
        self.rows_shown: list[QueueRow] = []
        self.page_starts: list[tuple[float, str] | None] = [None]
        self.has_more = False
        self.cursor_row = 0
        self.top = 0  # first page row in view
        # Drawn lines by (page row, has the cursor, width): moving the cursor redraws two.
        self._lines: dict[tuple[int, bool, int], Strip] = {}
        self._paint_styles: tuple[Style, Style, Style] | None = None

    # -- what the screen asks -------------------------------------------------
    @property
    def selected(self) -> QueueRow | None:
        return self.rows_shown[self.cursor_row] if self.rows_shown else None

    @property
    def page_number(self) -> int:
        return len(self.page_starts)

    @property
    def first_index(self) -> int:
        """0-based position of the page's first row in the whole queue."""
        return (len(self.page_starts) - 1) * self.page_size

    @property
    def body_height(self) -> int:
        return max(1, self.size.height - 1)

    def reload(self) -> None:
        """Re-read the current page (after a decision, a refresh or an ingest elsewhere)."""
        self._next = None
        self._show(self.page_starts[-1], self.cursor_row)
        if not self.rows_shown and len(self.page_starts) > 1:
            self.page_starts.pop()  # the page emptied (all decided): step back one
            self._show(self.page_starts[-1], self.page_size - 1)

    def restart(self) -> None:
        """Back to the first page (after the filter changed)."""
        self._next = None
        self.page_starts = [None]
        self._show(None, 0)

    def move_cursor(self, row: int) -> None:
        before, top = self.cursor_row, self.top
        self.cursor_row = max(0, min(row, len(self.rows_shown) - 1))
        if self.cursor_row < self.top:
            self.top = self.cursor_row
        elif self.cursor_row >= self.top + self.body_height:
            self.top = self.cursor_row - self.body_height + 1
        if self.top == top:  # only the two rows the cursor left and entered are redrawn
            width = self.size.width
            self.refresh(*(Region(0, i - top + 1, width, 1) for i in {before, self.cursor_row}))
        else:
            self.refresh()
        if (row := self.selected) is not None:
            self.post_message(self.Highlighted(row))

    # -- keys and mouse ----------------------------------------------------------
    def action_row_down(self) -> None:
        if self.cursor_row >= len(self.rows_shown) - 1:
            self.action_next_page()
        else:
            self.move_cursor(self.cursor_row + 1)

    def action_row_up(self) -> None:
        if self.cursor_row == 0:
            self.action_prev_page(at_end=True)
        else:
            self.move_cursor(self.cursor_row - 1)

    def action_next_page(self) -> None:
        if self.has_more and self.rows_shown:
            self.page_starts.append(self.rows_shown[-1].key)
            self._show(self.page_starts[-1], 0)
        else:
            self.move_cursor(len(self.rows_shown) - 1)

    def action_prev_page(self, at_end: bool = False) -> None:
        if len(self.page_starts) > 1:
            self.page_starts.pop()
            self._show(self.page_starts[-1], self.page_size - 1 if at_end else 0)
        else:
            self.move_cursor(0)

    def action_first_page(self) -> None:
        self.restart()

    def on_click(self, event: events.Click) -> None:
        row = self.top + event.y - 1
        if event.y >= 1 and row < len(self.rows_shown):
            self.move_cursor(row)
            if event.chain >= 2:
                self.post_message(self.Opened(self.rows_shown[row]))

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self.action_row_down()

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self.action_row_up()

    # -- drawing -------------------------------------------------------------
    def _show(self, start: tuple[float, str] | None, row: int) -> None:
        version = self.version()
        if self._next is not None and self._next[:2] == (start, version):
            rows = self._next[2]  # read after the last page was painted, nothing changed since
        else:
            # only the rows in the window first: the rest are read once it is painted
            rows = self.loader(start, self.page_size + 1, max(row + 1, self.body_height))
        self._next = None
        self.read_at = version
        self.has_more = len(rows) > self.page_size
        self.rows_shown = rows[: self.page_size]
        self._lines.clear()
        self.top = 0
        self.cursor_row = 0
        self.move_cursor(row)
        self.refresh()
        self.post_message(self.PageChanged(self))
        self._read_ahead = self.has_more  # once the page is painted (see render_lines)
        self._unfilled = any(r.figures is None for r in self.rows_shown)

    def _read_next(self, start: tuple[float, str]) -> None:
        """Read the next page ahead, so that paging down costs no query. Its rows below
        the window are read once it is shown, as for any page: a key pressed meanwhile
        waits for this read (~half of it was those figures)."""
        if self.rows_shown and self.rows_shown[-1].key == start and self._next is None:
            version = self.version()
            rows = self.loader(start, self.page_size + 1, self.body_height)
            self._next = (start, version, rows)

    def _fill(self) -> None:
        """Read the figures of the page's rows loaded without them."""
        if any(r.figures is None for r in self.rows_shown):
            self.rows_shown = self.filler(self.rows_shown)

    def render_lines(self, crop: Region) -> list[Strip]:
        # Resolving CSS to Rich styles is the costly part of a line: once per paint.
        styles = (
            self.rich_style,
            self.get_component_rich_style("queue-table--header"),
            self.get_component_rich_style("queue-table--cursor"),
        )
        if styles != self._paint_styles:  # focus, theme: every line changes
            self._paint_styles = styles
            self._lines.clear()
        # Work queued for after the page is painted runs once this frame is out, not
        # before (call_after_refresh may run before the frame and delay it).
        if self._unfilled:
            self._unfilled = False
            self.call_later(self._fill)
        if self._read_ahead:
            self._read_ahead = False
            self.call_later(self._read_next, self.rows_shown[-1].key)
        for callback in self._after_paint:
            self.call_later(callback)
        self._after_paint.clear()
        return super().render_lines(crop)

    def after_paint(self, callback: Callable[[], object]) -> None:
        """Call ``callback`` once the rows shown now have been painted."""
        self._after_paint.append(callback)

    def render_line(self, y: int) -> Strip:
        index = self.top + y - 1  # -1: the header
        width = self.size.width
        key = (index, index == self.cursor_row, width)
        if (line := self._lines.get(key)) is None:
            line = self._lines[key] = self._line(index, width)
        return line

    def _line(self, index: int, width: int) -> Strip:
        """Row ``index`` of the page (-1: the header) drawn ``width`` cells wide."""
        plain, header, cursor = self._paint_styles
        if index < 0:
            pieces, base = header_pieces(width), header
        elif index >= len(self.rows_shown):
            return Strip.blank(width, plain)
        else:
            if self.rows_shown[index].figures is None:
                self._fill()  # scrolled below the window before the rest were read
            pieces = row_pieces(self.rows_shown[index], width)
            base = cursor if index == self.cursor_row else plain
        segments = [Segment(text, base + Style.parse(s) if s else base) for text, s in pieces]
        # The pieces are fitted to their columns: measuring them again cell by cell was
        # most of a line's cost wherever a cell was cut with "…" (outside Rich's fast path).
        return Strip(segments, line_width(width)).adjust_cell_length(width, base)

    def on_resize(self) -> None:
        self._lines.clear()
        self.move_cursor(self.cursor_row)
        self.refresh()
