"""A bordered widget's rows drawn straight from its lines and frame: the cells Textual draws.

Textual styles every row of a widget through its general machinery (outline, hatch,
opacity, tint, padding rows, the styles looked up again for each row). Drawing the
claim cards blank took ~40% off the CPU of opening a group, so that is where the time
goes. Here a content row is its line padded between the two border cells found once
per draw, and the border rows are made by Textual's own helpers, kept while their
label and colours stay. Same window, loaded machine: a card's frame ~1.5 -> ~0.5-0.9
ms, an Enter's CPU to its frame 71/80/87 -> 58/70/64 ms (medians of three runs). A
widget with any effect this does not repeat is drawn by Textual throughout. The
helpers are Textual's private ``_border`` module (textual is pinned below 9).
"""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from textual._border import get_box, render_border_label, render_row
from textual._segment_tools import line_pad
from textual.color import TRANSPARENT
from textual.geometry import Region
from textual.strip import Strip
from textual.style import Style


class FramedRows:
    """Mixin (before the widget class in its bases) for a widget with a border on all four
    sides or none, horizontal padding only and no visual effects; others draw as before."""

    _frame_key: tuple[Any, ...] | None = None
    _frame_rows: dict[Any, tuple[Any, Strip]]

    def render_lines(self, crop: Region) -> list[Strip]:
        styles = self.styles
        width, height = self.region.size  # the frame included (``size`` is the content's)
        (top, _), (right, right_color), (bottom, _), (left, left_color) = styles.border
        bordered = bool(top and right and bottom and left)
        pad_top, pad_right, pad_bottom, pad_left = styles.padding
        if (
            (not bordered and (top or right or bottom or left))
            or pad_top
            or pad_bottom
            or height < 2 * bordered
            or self.opacity != 1.0
            or styles.tint.a
            or styles.text_opacity != 1.0
            or (styles.has_rule("hatch") and styles.hatch != "none")
            or any(edge for edge, _ in styles.outline)
        ):
            return super().render_lines(crop)  # type: ignore[misc]
        base, background = self.background_colors
        inner, outer = Style(background=base + background), Style(background=base)
        filters = self.get_line_filters()
        key = (width, base, background, styles.border, styles.padding, *map(id, filters))
        if key != self._frame_key:
            self._frame_key, self._frame_rows = key, {}
        pad = inner.rich_style
        sides: tuple[list[Segment], list[Segment]] = ([], [])
        if bordered:
            sides = (
                [get_box(left, inner, outer, Style(foreground=base + left_color))[1][0]],
                [get_box(right, inner, outer, Style(foreground=base + right_color))[1][2]],
            )
        rows = []
        content_width = width - 2 * bordered - pad_left - pad_right
        content_height = height - 2 * bordered
        for y in crop.line_range:
            if bordered and y in (0, height - 1):
                strip = self._border_row(y == 0, width, base, background, inner, outer)
            else:
                line = (
                    self.render_line(y - bordered)
                    if y - bordered < content_height
                    else Strip.blank(content_width, pad)
                )
                kept = self._frame_rows.get(y)
                if kept is not None and kept[0] is line:
                    strip = kept[1]
                else:
                    cells = line_pad(
                        line.adjust_cell_length(content_width, pad), pad_left, pad_right, pad
                    )
                    strip = Strip([*sides[0], *cells, *sides[1]], width)
                    self._frame_rows[y] = (line, strip)
            for line_filter in filters:
                strip = strip.apply_filter(line_filter, background)
            rows.append(strip)
        if crop.column_span != (0, width):
            rows = [row.crop(*crop.column_span) for row in rows]
        return rows

    def _border_row(
        self, is_top: bool, width: int, base: Any, background: Any, inner: Style, outer: Style
    ) -> Strip:
        """The top (with the title) or bottom (with the subtitle) row, as Textual draws it."""
        styles = self.styles
        label = self._border_title if is_top else self._border_subtitle
        information = (
            None
            if label is None
            else (
                self._get_title_style_information(base)
                if is_top
                else self._get_subtitle_style_information(base)
            )
        )
        kept = self._frame_rows.get("top" if is_top else "bottom")
        if kept is not None and kept[0] == (label, information):
            return kept[1]
        edge, color = styles.border[0 if is_top else 2]
        edge_style = Style(foreground=base + color)
        label_segments: list[Any] = []
        if label is not None and information is not None:
            label_color, label_background, style = information
            under = base + background
            style += Style(
                (under + label_background) if label_background.a else TRANSPARENT,
                (under + label_color) if label_color.a else TRANSPARENT,
            )
            label_segments = list(
                render_border_label(
                    (label, style), is_top, edge, width - 2, inner, outer, edge_style, True, True
                )
            )
        box = get_box(edge, inner, outer, edge_style)
        align = styles.border_title_align if is_top else styles.border_subtitle_align
        strip = Strip(
            list(render_row(box[0 if is_top else 2], width, True, True, label_segments, align)),
            width,
        )
        self._frame_rows["top" if is_top else "bottom"] = ((label, information), strip)
        return strip
