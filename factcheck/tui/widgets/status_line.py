"""A one-line status bar drawn as a single segment.

The queue's status line changes with every page and every count. As a ``Static`` each
update laid its text out again as Content (~1 ms of a page-down's ~16 ms frame); here
the line is one segment in the widget's own style, cut to the width the CSS leaves it.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget


def fit_words(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells at the last space that fits, as a wrapped one-line
    Static shows it (a single word longer than the line is cut mid-word)."""
    if cell_len(text) <= width:
        return text
    head = text[: width + 1]  # the status text is ours: one cell per character
    cut = head.rfind(" ")
    return head[:cut].rstrip() if cut > 0 else text[:width]


class StatusLine(Widget):
    """One line of literal text (never markup); ``update`` repaints only when it changed."""

    DEFAULT_CSS = "StatusLine { height: 1; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = ""

    def update(self, text: str) -> None:
        if text != self.text:
            self.text = text
            self.refresh()

    def render(self) -> str:
        return self.text

    def render_line(self, y: int) -> Strip:
        style, width = self.rich_style, self.size.width
        text = fit_words(self.text, width) if y == 0 else ""
        # as a Static draws it: the text in the widget's style, the rest background only
        fill = Segment(" " * (width - cell_len(text)), Style(bgcolor=style.bgcolor))
        return Strip([Segment(text, style), fill] if text else [fill], width)
