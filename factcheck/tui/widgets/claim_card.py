"""One claim of a group as a card: its source, its sentence with the number lit, its evidence."""

from __future__ import annotations

from pathlib import PurePath

from textual.content import Content
from textual.widgets import Static

from ...formatting import figure, interval
from ..data import ClaimView
from ..render import Lines, evidence_lines, highlighted, literal, visible
from .framed import FramedRows
from .laid_out import LaidOutOnce

NUMBER_STYLE = "bold reverse"


class ClaimCard(LaidOutOnce, FramedRows, Static, can_focus=True):
    """A focusable card; the focused card is the one "remove" and "open article" act on."""

    def __init__(self, claim: ClaimView, index: int, names: dict[str, str] | None = None) -> None:
        super().__init__()
        # A card holds no links (its text is literal); with links on, Textual copies
        # every drawn line once more to style them.
        self.auto_links = False
        self._lines: Lines | None = None
        self.show(claim, index, names)

    def show(
        self, claim: ClaimView, index: int | None = None, names: dict[str, str] | None = None
    ) -> None:
        """Show ``claim``: the same claim re-read (it may have been removed meanwhile), or,
        with ``index`` and ``names``, another group's claim in this card (cards are reused:
        mounting widgets is most of the cost of opening a group)."""
        # Labels are set as Content (literal, never parsed as markup: parsing was a third
        # of this method), and only when they change.
        if index is not None:
            if index != getattr(self, "index", None):
                self.border_title = Content(f"{index}")
            self.index = index
            self.names = names or {}  # claim id -> "#n", for evidence that points at a claim
        self.claim = claim
        self.set_class(claim.removed, "-removed")
        subtitle = "removed" if claim.removed else figure(claim.claim)
        if self._border_subtitle is None or subtitle != self._border_subtitle.plain:
            self.border_subtitle = Content(subtitle)
        before, self._lines = self._lines, self._draw()
        # Another claim may need more or fewer rows: then the grid is laid out again
        # (~2 ms a card); the same rows at the width laid out need only a repaint.
        width = self.content_size.width
        self.refresh(
            layout=before is None
            or not width
            or before.get_height(self.styles, width) != self._lines.get_height(self.styles, width)
        )

    def render(self) -> Lines:
        return self._lines or self._draw()

    def _draw(self) -> Lines:
        c = self.claim
        meta = " · ".join(visible(x, one_line=True) for x in (c.outlet, c.published) if x)
        title = visible(c.title or PurePath(c.path).name, one_line=True)
        lines = [
            literal(title, "bold"),
            *([literal(meta, "italic")] if meta else []),
            literal(visible(PurePath(c.path).name, one_line=True), "dim"),
            Content(),
            highlighted(c.sentence, [c.span], NUMBER_STYLE),
            Content(),
            Content.assemble(
                ("figure ", "dim"),
                figure(c.claim, with_unit=True),
                ("  qualifier ", "dim"),
                c.claim.get("qualifier") or "?",
            ),
            Content.assemble(("interval ", "dim"), interval(c.claim)),
        ]
        evidence = evidence_lines(c.evidence, self.names)
        if evidence or c.score is not None:
            score = "" if c.score is None else f" (score {c.score:.2f})"
            lines.append(literal(f"why in this group{score}:", "dim"))
            lines.extend(literal(f"  {line}") for line in evidence)
        return Lines(lines, cut=1)  # the title: one line, cut with an ellipsis
