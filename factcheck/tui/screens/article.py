"""The full article a claim comes from, the claim lit and scrolled into view."""

from __future__ import annotations

from pathlib import PurePath

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from ..data import ArticleView, ClaimView
from ..render import visible
from ..widgets.group_sheet import NUMBER_STYLE
from ..widgets.keys_footer import KeysFooter
from .verdicts import HELP_BINDING

SENTENCE_STYLE = "underline"


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-blank line: the article's paragraphs, offsets kept."""
    out, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            out.append((start, end))
        start = end + 1
    return out


def paragraph_text(text: str, start: int, end: int, claim: ClaimView) -> Text:
    """One paragraph as literal Text, with the claim's sentence and number styled."""
    out = Text(visible(text[start:end]))
    c = claim.claim
    for style, lo, hi in (
        (SENTENCE_STYLE, c["sentence_start"], c["sentence_end"]),
        (NUMBER_STYLE, c["start"], c["end"]),
    ):
        lo, hi = max(lo, start), min(hi, end)
        if lo < hi:
            out.stylize(style, lo - start, hi - start)
    return out


class ArticleScreen(Screen):
    """Read-only article; Escape goes back to the group."""

    BINDINGS = [
        HELP_BINDING,
        Binding("escape,q", "app.pop_screen", "Back"),
        Binding("space", "scroll_claim", "Claim", tooltip="Scroll the claim back into view"),
    ]

    def __init__(self, article: ArticleView, claim: ClaimView) -> None:
        super().__init__()
        self.article = article
        self.claim = claim

    def compose(self) -> ComposeResult:
        a = self.article
        where = PurePath(a.path).name
        meta = " · ".join(visible(x, one_line=True) for x in (a.outlet, a.published, where) if x)
        yield Header()
        yield Static(
            Text.assemble((visible(a.title or a.path, one_line=True), "bold"), "\n", (meta, "dim")),
            id="article-title",
        )
        with VerticalScroll(id="article-body"):
            for start, end in paragraphs(a.text):
                para = Static(paragraph_text(a.text, start, end, self.claim), classes="paragraph")
                if start <= self.claim.claim["start"] < end:
                    para.add_class("-claim")
                    para.id = "claim-paragraph"
                yield para
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#article-body").focus()
        self.call_after_refresh(self.action_scroll_claim)

    def action_scroll_claim(self) -> None:
        target = self.query("#claim-paragraph")
        if target:
            self.query_one("#article-body", VerticalScroll).scroll_to_widget(
                target.first(), animate=False, center=True
            )
