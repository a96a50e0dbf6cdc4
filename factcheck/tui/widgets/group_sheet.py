"""One group drawn by one widget line by line: its title and explanation, every claim
as a card side by side, and its review history.

Each card shows a claim's source, its sentence with the number lit, its figure,
qualifier and interval, and the evidence that put it in the group. The cards and
texts used to be a widget each (cards in a grid, the texts in Statics): opening a
group then cost Textual a layout, a style and a frame per widget and per border
(~70 ms of each Enter at 1M claims on the shared machine, over the 50 ms asked of
every key). Here they are rows of segments this widget lays out and draws itself,
so Textual sees one widget; only the rows on screen are drawn, one strip a row, and
a card's rows are made once per width and look.

One card is *selected* (the arrows move it, a click picks it): "remove" and
"open article" act on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual import events
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip

from ...formatting import figure, interval
from ..data import ClaimView, GroupView
from ..render import Lines, evidence_lines, highlighted, literal, visible
from .drawn_rows import DrawnRows

NUMBER_STYLE = "bold reverse"
CARD_MIN_WIDTH = 38
GUTTER = 1  # blank columns between cards side by side
# A card's frame: corners and edges of Textual's "round" border.
_TOP, _BOTTOM, _SIDE, _EDGE = ("╭", "╮"), ("╰", "╯"), "│", "─"
HINT = "←/→ pick a claim · Enter its full article · Esc back to the queue"


def card_names(claims: list[ClaimView]) -> dict[str, str]:
    """Claim id -> "#n", the card number the reviewer sees."""
    return {c.id: f"#{i}" for i, c in enumerate(claims, 1)}


def head_lines(view: GroupView) -> Lines:
    """What stands above the cards: a blank row, the title line, the explanation, the hint."""
    title = Content.assemble(
        (visible(view.quantity, one_line=True) or "(unnamed quantity)", "bold"),
        "  ",
        (view.verdict, "bold red" if view.verdict == "conflict" else "bold"),
        f"  severity {view.severity:.2f}",
        "" if view.confidence is None else f"  confidence {view.confidence:.2f}",
        f"  {len(view.claims)} claims  status ",
        (view.status, "bold green" if view.status == "confirmed" else "bold"),
    )
    explanation = literal(visible(view.explanation) or "(no explanation)", ".group-sheet--muted")
    return Lines([Content(), title, explanation, literal(HINT, "dim"), Content()])


def history_lines(view: GroupView) -> Lines:
    """The group's decisions, oldest first, below the cards (between blank rows)."""
    if not view.history:
        return Lines([Content(), literal("No decision yet.", "dim"), Content()])
    names = card_names(view.claims)
    lines = [Content(), literal("Decisions:", "bold")]
    for r in view.history:
        line = f"  {r.created_at}  {visible(r.reviewer or '?', one_line=True)}  {r.decision}"
        if r.decision == "right_figure":
            line += f" {names.get(r.right_claim_id or '', 'neither')}"
        if r.decision == "remove_claim":
            line += " " + ", ".join(names.get(cid, cid) for cid in r.claim_ids)
        if r.undoes:
            line += f" (undoes decision {r.undoes})"
        if r.note:
            line += f": {visible(r.note, one_line=True)}"
        lines.append(literal(line))
    return Lines([*lines, Content()])


def card_lines(claim: ClaimView, names: dict[str, str]) -> Lines:
    """What a card says of ``claim`` (untrusted text made literal), one Content a line.

    ``names`` turns claim ids in the evidence into the card numbers the reviewer sees.
    """
    meta = " · ".join(visible(x, one_line=True) for x in (claim.outlet, claim.published) if x)
    title = visible(claim.title or PurePath(claim.path).name, one_line=True)
    lines = [
        literal(title, "bold"),
        *([literal(meta, "italic")] if meta else []),
        literal(visible(PurePath(claim.path).name, one_line=True), "dim"),
        Content(),
        highlighted(claim.sentence, [claim.span], NUMBER_STYLE),
        Content(),
        Content.assemble(
            ("figure ", "dim"),
            figure(claim.claim, with_unit=True),
            ("  qualifier ", "dim"),
            claim.claim.get("qualifier") or "?",
        ),
        Content.assemble(("interval ", "dim"), interval(claim.claim)),
    ]
    evidence = evidence_lines(claim.evidence, names)
    if evidence or claim.score is not None:
        score = "" if claim.score is None else f" (score {claim.score:.2f})"
        lines.append(literal(f"why in this group{score}:", "dim"))
        lines.extend(literal(f"  {line}") for line in evidence)
    return Lines(lines, cut=1)  # the title: one line, cut with an ellipsis


def column_widths(width: int, min_width: int = CARD_MIN_WIDTH) -> list[int]:
    """Widths of the card columns that fit ``width`` cells: as many of at least
    ``min_width`` as fit (one at least), sharing the rest, the first ones wider."""
    count = max(1, (width + GUTTER) // (min_width + GUTTER))
    room = max(count * 4, width - GUTTER * (count - 1))  # 4: the frame and padding
    base, extra = divmod(room, count)
    return [base + (i < extra) for i in range(count)]


def label_row(edge: tuple[str, str], label: str, width: int, *, right: bool) -> str:
    """A frame's top or bottom row with ``label`` inset (at the left, or at the right)."""
    inner = width - 2
    label = f" {label} " if label else ""
    if cell_len(label) > max(0, inner - 2):
        label = set_cell_size(label, max(0, inner - 2))
    fill = _EDGE * max(0, inner - 1 - cell_len(label))
    middle = f"{fill}{label}{_EDGE}" if right else f"{_EDGE}{label}{fill}"
    return f"{edge[0]}{middle[:inner] if inner > 0 else ''}{edge[1]}"[:width]


@dataclass
class SheetLayout:
    """Where everything goes at one width: the head's rows, then rows of cards (card
    indices, heights, tops), then the history's rows."""

    head: int
    columns: list[int]
    rows: list[list[int]]
    heights: list[int]
    tops: list[int]
    tail: int

    @property
    def height(self) -> int:
        return self.head + sum(self.heights) + self.tail

    def card_at(self, x: int, y: int) -> int | None:
        for row, top, height in zip(self.rows, self.tops, self.heights, strict=True):
            if top <= y < top + height:
                left = 0
                for index, width in zip(row, self.columns, strict=False):
                    if left <= x < left + width:
                        return index
                    left += width + GUTTER
        return None

    def region_of(self, index: int) -> Region:
        at = next(r for r, row in enumerate(self.rows) if index in row)
        column = self.rows[at].index(index)
        left = sum(self.columns[:column]) + GUTTER * column
        return Region(left, self.tops[at], self.columns[column], self.heights[at])


class GroupSheet(DrawnRows, can_focus=True):
    """A group in full, the selected card lit; ←/→ select a card, a click picks one."""

    COMPONENT_CLASSES = {
        "group-sheet--muted",
        "group-sheet--frame",
        "group-sheet--selected",
        "group-sheet--selected-frame",
        "group-sheet--removed",
        "group-sheet--removed-frame",
    }

    class Picked(Message):
        """A card was double-clicked: the screen opens its article."""

        def __init__(self, claim: ClaimView) -> None:
            super().__init__()
            self.claim = claim

    def __init__(self, view: GroupView, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.view: GroupView | None = None
        self.selected = 0
        self.show(view)

    # -- what the screen asks -----------------------------------------------------
    def show(self, view: GroupView, selected: int = 0) -> None:
        """Show ``view``, the card ``selected`` (from 0) lit."""
        width = self.size.width
        before = self._layout_at(width) if self.view is not None and width else None
        self.view = view
        self.selected = min(max(0, selected), max(0, len(view.claims) - 1))
        names = card_names(view.claims)
        self.head, self.history = head_lines(view), history_lines(view)
        self._lines = [card_lines(c, names) for c in view.claims]
        self._layouts: dict[int, SheetLayout] = {}
        self._cards: dict[tuple[int, int, int, bool], list[list[Segment]]] = {}
        self.forget_rows()
        # Rows another group needs ask for a layout of the screen; the same rows, a repaint.
        after = self._layout_at(width) if width else None
        self.refresh(layout=before is None or after is None or before.height != after.height)

    @property
    def claims(self) -> list[ClaimView]:
        return self.view.claims if self.view is not None else []

    @property
    def selected_claim(self) -> ClaimView | None:
        return self.claims[self.selected] if self.claims else None

    def layout(self) -> SheetLayout:
        """Where the head, each card and the history go at the sheet's width."""
        return self._layout_at(self.size.width)

    def lines_of(self, index: int) -> Lines:
        """The lines card ``index`` (from 0) shows, before framing."""
        return self._lines[index]

    def select(self, index: int) -> None:
        """Light card ``index`` (wrapping around) and scroll it into view if it is not."""
        if not self.claims:
            return
        index %= len(self.claims)
        if index != self.selected:
            self.selected = index
            self.forget_rows()  # the cards keep their drawings; the rows are joined again
            self.refresh()
        if self.size.width and self.parent is not None:
            region = self._layout_at(self.size.width).region_of(index)
            self.parent.scroll_to_region(  # type: ignore[attr-defined]
                region.translate(self.virtual_region.offset), animate=False, immediate=True
            )

    # -- DrawnRows' hooks, the mouse -----------------------------------------------------
    def _height_at(self, width: int) -> int:
        return self._layout_at(width).height

    def _restyled(self) -> None:
        if hasattr(self, "_cards"):
            self._cards.clear()

    def on_click(self, event: events.Click) -> None:
        if not self.size.width:
            return
        index = self._layout_at(self.size.width).card_at(event.x, event.y)
        if index is not None:
            self.select(index)
            if event.chain == 2:
                self.post_message(self.Picked(self.claims[index]))

    # -- layout and drawing -----------------------------------------------------------
    def _layout_at(self, width: int) -> SheetLayout:
        layout = self._layouts.get(width)
        if layout is None:
            columns = column_widths(width)
            count, n = len(columns), len(self.claims)
            rows = [list(range(i, min(i + count, n))) for i in range(0, n, count)]
            heights = [
                2
                + max(
                    self._lines[i].get_height({}, w - 4) for i, w in zip(row, columns, strict=False)
                )
                for row in rows
            ]
            head = self.head.get_height({}, width)
            tops = [head + sum(heights[:r]) for r in range(len(rows))]
            tail = self.history.get_height({}, width)
            layout = SheetLayout(head, columns, rows, heights, tops, tail)
            self._layouts[width] = layout
        return layout

    def _row(self, y: int, width: int) -> Strip:
        """Row ``y``: a row of the head or history, or the cards' rows side by side.

        Made as one strip from segments (a strip is ~15 us to make: one a card line
        and one more to frame it were most of the time of drawing a group).
        """
        style = self.visual_style
        background = style.rich_style
        layout = self._layout_at(width)
        text = None
        if y < layout.head:
            text = self.text_rows(self.head, width)[y]
        elif y >= layout.height - layout.tail:
            text = self.text_rows(self.history, width)[y - (layout.height - layout.tail)]
        if text is not None:
            segments, used = text
            return Strip([*segments, Segment(" " * (width - used), background)], width)
        for row, top, height in zip(layout.rows, layout.tops, layout.heights, strict=True):
            if top <= y < top + height:
                segments = []
                used = 0
                for column, index in enumerate(row):
                    if column:
                        segments.append(Segment(" " * GUTTER, background))
                        used += GUTTER
                    segments.extend(self._card(index, layout.columns[column], height)[y - top])
                    used += layout.columns[column]
                if used < width:
                    segments.append(Segment(" " * (width - used), background))
                return Strip(segments, max(width, used))
        return Strip.blank(width, background)

    def _card(self, index: int, width: int, height: int) -> list[list[Segment]]:
        """Card ``index``'s rows at ``width`` x ``height`` (frame, padding and lines),
        each as segments ``width`` cells long."""
        key = (index, width, height, index == self.selected)  # a card has two looks
        rows = self._cards.get(key)
        if rows is not None:
            return rows
        claim = self.claims[index]
        look = "selected" if index == self.selected else "removed" if claim.removed else None
        if look is None:
            text, frame = self.visual_style, self.get_visual_style("group-sheet--frame")
        else:
            text = self.get_visual_style(f"group-sheet--{look}")
            frame = self.get_visual_style(f"group-sheet--{look}-frame")
        inner = width - 4
        lines = self._lines[index].segment_rows(inner, height - 2, text, self.render_options())
        pad, edge = text.rich_style, frame.rich_style
        side = Segment(_SIDE, edge)
        rows = [[Segment(label_row(_TOP, str(index + 1), width, right=False), edge)]]
        for segments, length in lines:
            rest = Segment(" " * (1 + inner - length), pad)
            rows.append([side, Segment(" ", pad), *segments, rest, side])
        blank = [side, Segment(" " * (width - 2), pad), side]
        rows.extend(blank for _ in range(height - 2 - len(lines)))
        subtitle = "removed" if claim.removed else figure(claim.claim)
        rows.append([Segment(label_row(_BOTTOM, subtitle, width, right=True), edge)])
        self._cards[key] = rows
        return rows
