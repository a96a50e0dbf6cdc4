"""An article's paragraphs drawn by one widget line by line, the claim's paragraph barred.

A Static per paragraph cost Textual a layout, a style and a frame for each one every
time an article was opened; here the paragraphs are wrapped once per width and only
the rows on screen are drawn.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from rich.segment import Segment
from textual.content import Content
from textual.geometry import Region
from textual.strip import Strip

from ..data import ClaimView
from ..render import Lines, literal, visible
from .drawn_rows import DrawnRows
from .group_sheet import NUMBER_STYLE

SENTENCE_STYLE = "underline"
BAR = "█"  # the claim paragraph's left edge (Textual's "thick" border)
INDENT = 2  # the bar and a space


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-blank line: the article's paragraphs, offsets kept."""
    out, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            out.append((start, end))
        start = end + 1
    return out


def paragraph_text(text: str, start: int, end: int, claim: ClaimView | None) -> Content:
    """One paragraph as literal Content, with the claim's sentence and number styled."""
    out = literal(visible(text[start:end]))
    if claim is None:
        return out
    c = claim.claim
    for style, lo, hi in (
        (SENTENCE_STYLE, c["sentence_start"], c["sentence_end"]),
        (NUMBER_STYLE, c["start"], c["end"]),
    ):
        lo, hi = max(lo, start), min(hi, end)
        if lo < hi:
            out = out.stylize(style, lo - start, hi - start)
    return out


@dataclass
class _Layout:
    """Each paragraph's first row and its number of rows at one width (a blank row after each)."""

    tops: list[int]
    heights: list[int]

    @property
    def height(self) -> int:
        return self.tops[-1] + self.heights[-1] + 1 if self.tops else 0


class ArticleText(DrawnRows):
    """The paragraphs of one article; the one holding the claim has a bar at its left."""

    COMPONENT_CLASSES = {"article-text--bar"}

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.show("", None)

    def show(self, text: str, claim: ClaimView | None) -> None:
        """Show ``text`` with ``claim``'s paragraph barred, its sentence and number lit."""
        spans = paragraphs(text)
        self._paragraphs = [Lines([paragraph_text(text, a, b, claim)]) for a, b in spans]
        at = claim.claim["start"] if claim is not None else -1
        self.claim_index = next((i for i, (a, b) in enumerate(spans) if a <= at < b), None)
        self._layouts: dict[int, _Layout] = {}
        self.forget_rows()
        self.refresh(layout=True)

    def claim_paragraph(self) -> Content | None:
        """The claim's paragraph as shown (for tests and reuse)."""
        if self.claim_index is None:
            return None
        return self._paragraphs[self.claim_index].renderables[0]

    def claim_region(self) -> Region | None:
        """Where the claim's paragraph is, in this widget's rows."""
        if self.claim_index is None or not self.size.width:
            return None
        layout = self._layout_at(self.size.width)
        i = self.claim_index
        return Region(0, layout.tops[i], self.size.width, layout.heights[i])

    # -- DrawnRows' hooks -------------------------------------------------------------
    def _height_at(self, width: int) -> int:
        return self._layout_at(width).height

    # -- layout and drawing -----------------------------------------------------------
    def _inner(self, index: int, width: int) -> int:
        return max(1, width - INDENT) if index == self.claim_index else width

    def _layout_at(self, width: int) -> _Layout:
        layout = self._layouts.get(width)
        if layout is None:
            tops, heights, top = [], [], 0
            for i, lines in enumerate(self._paragraphs):
                height = lines.get_height({}, self._inner(i, width))
                tops.append(top)
                heights.append(height)
                top += height + 1
            layout = self._layouts[width] = _Layout(tops, heights)
        return layout

    def _row(self, y: int, width: int) -> Strip:
        base = self.visual_style.rich_style
        layout = self._layout_at(width)
        i = bisect_right(layout.tops, y) - 1
        if i < 0 or y >= layout.tops[i] + layout.heights[i]:
            return Strip.blank(width, base)  # between paragraphs, or past the last
        inner = self._inner(i, width)
        segments, used = self.text_rows(self._paragraphs[i], inner)[y - layout.tops[i]]
        prefix = []
        if i == self.claim_index:
            bar = self.get_visual_style("article-text--bar").rich_style
            prefix = [Segment(BAR, bar), Segment(" " * (width - inner - 1), base)]
        return Strip([*prefix, *segments, Segment(" " * (inner - used), base)], width)
