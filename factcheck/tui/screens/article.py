"""The full article a claim comes from, the claim lit and scrolled into view."""

from __future__ import annotations

from pathlib import PurePath

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from ..data import ArticleView, ClaimView
from ..render import visible
from ..widgets.article_text import ArticleText
from ..widgets.keys_footer import KeysFooter
from .kept import KeptScreen
from .verdicts import HELP_BINDING


class ArticleScreen(KeptScreen):
    """Read-only article; Escape goes back to the group. The app keeps one and refills it."""

    BINDINGS = [
        HELP_BINDING,
        Binding("escape,q", "app.pop_screen", "Back"),
        Binding("space", "scroll_claim", "Claim", tooltip="Scroll the claim back into view"),
    ]

    AUTO_FOCUS = "#article-body"

    def __init__(self) -> None:
        super().__init__()
        self.article: ArticleView | None = None
        self.claim: ClaimView | None = None
        self._scroll_pending = False

    def on_mount(self) -> None:
        # The claim can be centred only once the new article is laid out: each layout of
        # the screen (a scroll bar appearing makes a second one, re-wrapping the text)
        # centres it again until the reader scrolls or presses a key.
        self.screen_layout_refresh_signal.subscribe(
            self.query_one(ArticleText), self._after_layout, immediate=True
        )

    def _after_layout(self, _screen: object) -> None:
        if self._scroll_pending:
            self.action_scroll_claim()

    def on_key(self) -> None:
        self._scroll_pending = False

    def on_mouse_scroll_down(self) -> None:
        self._scroll_pending = False

    def on_mouse_scroll_up(self) -> None:
        self._scroll_pending = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="article-title")
        with VerticalScroll(id="article-body"):
            yield ArticleText(id="article-text")
        yield KeysFooter()

    def show(self, article: ArticleView, claim: ClaimView) -> None:
        """Show ``article`` from its top, then scroll ``claim``'s paragraph into view."""
        self.article, self.claim = article, claim
        where = PurePath(article.path).name
        meta = " · ".join(
            visible(x, one_line=True) for x in (article.outlet, article.published, where) if x
        )
        title = visible(article.title or article.path, one_line=True)
        self.query_one("#article-title", Static).update(
            Text.assemble((title, "bold"), "\n", (meta, "dim"))
        )
        self.query_one(ArticleText).show(article.text, claim)
        self.query_one("#article-body", VerticalScroll).scroll_home(animate=False, immediate=True)
        self._scroll_pending = True

    def rehearse(self, article: ArticleView, claim: ClaimView) -> None:
        """Show ``article``, unseen, while another screen is shown (see ``lay_out_unseen``)."""
        self.show(article, claim)
        self.lay_out_unseen(self.query_one("#article-body"))

    def action_scroll_claim(self) -> None:
        """Centre the claim's paragraph in the body (its top, if it is taller)."""
        region = self.query_one(ArticleText).claim_region()
        if region is not None:
            body = self.query_one("#article-body", VerticalScroll)
            room = body.scrollable_content_region.height
            y = region.y - max(0, room - region.height) // 2
            body.scroll_to(y=max(0, y), animate=False, immediate=True)
