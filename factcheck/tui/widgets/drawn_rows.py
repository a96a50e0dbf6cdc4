"""A widget that lays out and draws its own rows, one strip a row, kept until they change."""

from __future__ import annotations

from collections.abc import Iterator

from rich.segment import Segment
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.visual import RenderOptions
from textual.widget import Widget

from ..render import Lines
from .framed import FramedRows
from .laid_out import LaidOutOnce


class DrawnRows(LaidOutOnce, FramedRows, Widget):
    """Base of the group sheet and the article text: the full width of its container, as
    tall as its own layout at that width says (``_height_at``), each row made by ``_row``
    when it is first on screen and kept until ``forget_rows`` or a change of style.
    Text is wrapped into rows of segments by ``text_rows``, kept the same way.

    Why not a widget per piece: Textual lays out, styles and frames each widget, which
    was most of the time of opening a group or an article (see the subclasses).
    """

    _rows: dict[int, Strip]
    _text: dict[tuple[int, int], list[tuple[list[Segment], int]]]

    def forget_rows(self) -> None:
        """Drop the kept rows and wrapped text: they are made again as they are drawn
        (call it whenever the shown ``Lines`` are replaced: they are kept by identity)."""
        self._rows = {}
        self._text = {}

    def render_options(self) -> RenderOptions:
        """What ``Lines`` need to resolve their styles against this widget."""
        return RenderOptions(self._get_style, self.styles)

    def text_rows(self, lines: Lines, width: int) -> list[tuple[list[Segment], int]]:
        """``lines`` wrapped to ``width`` in the widget's own style: each row's segments
        and cell length, to be padded or framed by the caller."""
        key = (id(lines), width)
        rows = self._text.get(key)
        if rows is None:
            rows = lines.segment_rows(width, None, self.visual_style, self.render_options())
            self._text[key] = rows
        return rows

    def draw_ahead(self, rows: int) -> Iterator[int]:
        """Draw the first ``rows`` rows as the compositor will (framed, through the app's
        line filters: each kept), one at a time, yielding after each: work done while
        the widget is unseen, which a key pressed meanwhile may interrupt."""
        width, height = self.region.size
        for y in range(min(rows, height)):
            self.render_lines(Region(0, y, width, 1))
            yield y

    def _height_at(self, width: int) -> int:
        raise NotImplementedError

    def _row(self, y: int, width: int) -> Strip:
        raise NotImplementedError

    def _restyled(self) -> None:
        """Drop what a subclass keeps drawn in the old colours (rows and text are
        dropped here)."""

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._height_at(width)

    def notify_style_update(self) -> None:
        """A theme or focus change: everything is drawn again in the new colours."""
        super().notify_style_update()
        self.forget_rows()
        self._restyled()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        row = self._rows.get(y)
        if row is None or row.cell_length != width:
            row = self._rows[y] = self._row(y, width)
        return row
