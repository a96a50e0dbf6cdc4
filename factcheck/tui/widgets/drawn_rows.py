"""A widget that lays out and draws its own rows, one strip a row, kept until they change."""

from __future__ import annotations

from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

from .framed import FramedRows
from .laid_out import LaidOutOnce


class DrawnRows(LaidOutOnce, FramedRows, Widget):
    """Base of the group sheet and the article text: the full width of its container, as
    tall as its own layout at that width says (``_height_at``), each row made by ``_row``
    when it is first on screen and kept until ``forget_rows`` or a change of style.

    Why not a widget per piece: Textual lays out, styles and frames each widget, which
    was most of the time of opening a group or an article (see the subclasses).
    """

    _rows: dict[int, Strip]

    def forget_rows(self) -> None:
        """Drop the kept rows: they are made again as they are drawn."""
        self._rows = {}

    def _height_at(self, width: int) -> int:
        raise NotImplementedError

    def _row(self, y: int, width: int) -> Strip:
        raise NotImplementedError

    def _restyled(self) -> None:
        """Drop what a subclass keeps drawn in the old colours (rows are dropped here)."""

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
