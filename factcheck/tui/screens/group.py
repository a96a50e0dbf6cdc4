"""The group screen: one group in full (``GroupSheet``), its verdict keys in the footer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header

from .. import data
from ..widgets.framed import FramedRows
from ..widgets.group_sheet import GroupSheet
from ..widgets.keys_footer import KeysFooter
from ..widgets.laid_out import LaidOutOnce
from .kept import KeptScreen
from .verdicts import HELP_BINDING, VERDICT_BINDINGS

if TYPE_CHECKING:
    from ..app import ReviewApp


class GroupBody(LaidOutOnce, FramedRows, VerticalScroll):
    """The scrolled body of the group screen."""


class GroupScreen(KeptScreen):
    """Shows ``group_id``; verdict keys act on it, left/right pick a claim, Enter opens it."""

    app: ReviewApp

    BINDINGS = [
        HELP_BINDING,
        # Navigation keys are named in the hint line: the footer keeps room for verdicts.
        Binding("escape", "app.pop_screen", "Queue", show=False),
        *VERDICT_BINDINGS,
        Binding("enter,o", "open_article", "Article", show=False),
        # priority: the scroll container would otherwise take left/right to scroll sideways
        Binding("right,l", "focus_card(1)", "Next claim", show=False, priority=True),
        Binding("left,h", "focus_card(-1)", "Previous claim", show=False, priority=True),
    ]

    AUTO_FOCUS = None  # the sheet is focused without scrolling the title away

    def __init__(self, view: data.GroupView) -> None:
        super().__init__()
        self.group_id = view.id
        self.shown = view
        self._rehearsed: data.GroupView | None = None  # drawn unseen, as opened from the queue

    def compose(self) -> ComposeResult:
        view = self.shown
        yield Header()
        with GroupBody(id="group-body"):
            yield GroupSheet(view, id="group-sheet")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(GroupSheet).focus(scroll_visible=False)

    # -- what the app asks of the current screen --------------------------------
    def current_group_id(self) -> str | None:
        return self.group_id

    def current_claim_id(self) -> str | None:
        claim = self.query_one(GroupSheet).selected_claim if self.is_mounted else None
        return claim.id if claim else None

    def refresh_data(self) -> None:
        self.run_worker(self.show_group(self.group_id, keep_focus=True), exclusive=True)

    def advance(self, key: tuple[float, str]) -> None:
        """Show the next open group of the queue, or go back to the queue at its end."""
        nxt = data.next_open(self.app.db, self.app.queue_filter, key)
        if nxt is None:
            self.app.notify("No more open groups in this queue.")
            self.app.pop_screen()
        else:
            self.run_worker(self.show_group(nxt.id), exclusive=True)

    async def show_group(self, group_id: str, *, keep_focus: bool = False) -> None:
        focused = self.current_claim_id() if keep_focus else None
        view = data.group_view(self.app.db, group_id)
        if view is None:
            self.app.notify(f"Group {group_id} no longer exists.", severity="warning")
            self.app.pop_screen()
            return
        self.show(view, focus_claim=focused)

    def show(
        self, view: data.GroupView, *, focus_claim: str | None = None, opened: bool = False
    ) -> None:
        """Show ``view`` in this screen's widgets.

        The app keeps one group screen: composing a new one (header, footer, cards)
        took most of the ~0.2 s that opening a group cost. The card of ``focus_claim``
        is selected, else the first; ``opened`` (from the queue) starts at the top.
        """
        another = view.id != self.group_id
        self.group_id, self.shown, self._rehearsed = view.id, view, None
        if not self.is_mounted:
            return  # compose draws it
        sheet = self.query_one(GroupSheet)
        ids = [c.id for c in view.claims]
        sheet.show(view, ids.index(focus_claim) if focus_claim in ids else 0)
        if opened or another:
            self.query_one(GroupBody).scroll_home(animate=False)
            self.set_focus(sheet, scroll_visible=False)

    def rehearse(self, view: data.GroupView) -> Iterator[object]:
        """Show ``view`` here, unseen, while the queue is shown (see ``lay_out_unseen``):
        ``open`` on the same view then only shows it. A step at a time (refill, lay out,
        then each row first on screen drawn: ``DrawnRows.draw_ahead``), so that the
        caller can stop between steps for a key. Nothing to do if ``view`` is what was
        rehearsed last and not shown since."""
        if view == self._rehearsed:
            return
        self.show(view, opened=True)
        yield view
        body = self.query_one(GroupBody)
        self.lay_out_unseen(body)
        if self.is_current:
            return
        self._rehearsed = view
        yield from self.query_one(GroupSheet).draw_ahead(body.scrollable_content_region.height)

    def open(self, view: data.GroupView) -> None:
        """Show ``view`` as opened from the queue, from its top with the first card lit.

        The app rehearses the group under the queue's cursor while the cursor rests
        (``ReviewApp.prepare_group``); if ``view``, read again now, is what was
        rehearsed, nothing is refilled and the screen's drawn rows are shown as they
        are: an Enter at 1M claims went from 21-24 to 9-10 ms at the median.
        """
        if view != self._rehearsed:
            self.show(view, opened=True)
        self._rehearsed = None  # shown now: a card may be picked, the body scrolled

    # -- actions ----------------------------------------------------------------
    def action_focus_card(self, step: int) -> None:
        sheet = self.query_one(GroupSheet)
        sheet.select(sheet.selected + step)

    def action_open_article(self) -> None:
        claim = self.query_one(GroupSheet).selected_claim
        if claim is not None:
            self.app.open_article(claim)

    def on_group_sheet_picked(self, message: GroupSheet.Picked) -> None:
        self.app.open_article(message.claim)
