"""A widget whose new size, found by a layout, does not ask for another layout."""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive


class LaidOutOnce:
    """Mixin for a widget (before the widget class in its bases) on a screen laid out often.

    After each layout Textual stores every widget's new virtual size in a reactive that
    asks for a layout when it changes: opening a group laid the screen out twice (cards,
    grid and scroll body all change size), the second time to the same places, ~10 ms and
    one more frame. A scroll bar that must appear or go still asks for its own layout
    (``show_vertical_scrollbar`` does), and the size still repaints the widget.
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
