"""One group in full: its explanation, every claim side by side, its review history."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ItemGrid, VerticalScroll
from textual.screen import Screen
from textual.widget import AwaitMount
from textual.widgets import Header, Static

from .. import data
from ..render import visible
from ..widgets.claim_card import ClaimCard
from ..widgets.framed import FramedRows
from ..widgets.keys_footer import KeysFooter
from ..widgets.laid_out import LaidOutOnce
from .verdicts import HELP_BINDING, VERDICT_BINDINGS

if TYPE_CHECKING:
    from ..app import ReviewApp

CARD_MIN_WIDTH = 38
HINT = Text("←/→ pick a claim · Enter its full article · Esc back to the queue", style="dim")


class GroupBody(LaidOutOnce, FramedRows, VerticalScroll):
    """The scrolled body of the group screen."""


class CardGrid(LaidOutOnce, FramedRows, ItemGrid):
    """The claim cards side by side."""


class GroupScreen(FramedRows, Screen):
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

    AUTO_FOCUS = None  # the first card is focused without scrolling the title away

    def __init__(self, view: data.GroupView) -> None:
        super().__init__()
        self.group_id = view.id
        self.shown = view
        self._styled_look: tuple[str, bool] | None = None  # (theme, ansi) last styled with

    def compose(self) -> ComposeResult:
        view = self.shown
        yield Header()
        with GroupBody(id="group-body"):
            yield Static(_title(view), id="group-title")
            yield Static(_explanation(view), id="group-explanation")
            yield Static(HINT, id="group-hint")
            with CardGrid(id="claims", min_column_width=CARD_MIN_WIDTH):
                yield from _cards(view)
            yield Static(_history(view), id="group-history")
        yield KeysFooter()

    def on_mount(self) -> None:
        cards = self.query(ClaimCard)
        if cards:
            cards.first().focus(scroll_visible=False)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """Skip Textual's restyle of every widget on resume while the theme is unchanged.

        Runs before Screen's own handler. The restyle is there for a theme changed
        while this screen was off the stack; it cost ~18 ms of each Enter on the queue.
        """
        look = (self.app.theme, self.app.ansi_color)
        if look == self._styled_look:
            event.refresh_styles = False
        self._styled_look = look

    def _on_timer_update(self) -> None:
        """Draw a resumed screen's full repaint in the frame of the layout it also needs.

        Textual lays the screen out (drawing every widget that moved) and then repaints it
        all once more for the resume: after each Enter, a second frame of the same screen,
        ~6 ms. Handing the screen to the layout's update instead makes that one frame the
        full one. (Textual's private frame hook: textual is pinned below 9.)
        """
        if (
            self._layout_required
            and self._repaint_required
            and self.is_current
            and not self.app._batch_count
        ):
            self._repaint_required = False
            self._dirty_widgets.add(self)
        super()._on_timer_update()

    # -- what the app asks of the current screen --------------------------------
    def current_group_id(self) -> str | None:
        return self.group_id

    def current_claim_id(self) -> str | None:
        card = self.focused if isinstance(self.focused, ClaimCard) else None
        return card.claim.id if card else None

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
    ) -> AwaitMount | None:
        """Show ``view`` in this screen's widgets, reusing its claim cards.

        The app keeps one group screen: composing a new one (header, footer, cards)
        took most of the ~0.2 s that opening a group cost. Focus lands on the card of
        ``focus_claim`` or the first one; ``opened`` (from the queue) starts at the top
        with the first card focused, as a newly mounted screen does. Returns the mount of
        the cards it added, if any.
        """
        cards = list(self.query(ClaimCard)) if self.is_mounted else []
        same = self.is_mounted and [c.claim.id for c in cards] == [c.id for c in view.claims]
        self.group_id, self.shown = view.id, view
        if not self.is_mounted:
            return None  # compose draws it
        self.query_one("#group-title", Static).update(_title(view))
        self.query_one("#group-explanation", Static).update(_explanation(view))
        self.query_one("#group-history", Static).update(_history(view))
        grid = self.query_one("#claims", CardGrid)
        names = _names(view)
        for i, (card, claim) in enumerate(zip(cards, view.claims, strict=False), 1):
            card.show(claim, i, names)
        if same and not opened:
            # A decision on this group: focus stays. Every focus change rebuilds the
            # footer's keys (slow).
            return None
        for card in cards[len(view.claims) :]:
            card.remove()
        added = [ClaimCard(c, i, names) for i, c in enumerate(view.claims, 1) if i > len(cards)]
        mounting = grid.mount_all(added) if added else None
        cards = [*cards[: len(view.claims)], *added]
        target = next((c for c in cards if c.claim.id == focus_claim), cards[0] if cards else None)
        self.query_one("#group-body", GroupBody).scroll_home(animate=False)
        if target is not None:
            target.focus(scroll_visible=False)  # keep the title and explanation in view
        return mounting

    async def rehearse(self, view: data.GroupView) -> None:
        """Show ``view`` here while this screen is not on the stack: cards mounted, laid
        out and drawn once, unseen, so the first Enter on the queue costs what later ones do.

        The first showing laid the screen out three times (every widget sized for the first
        time, then again once the scroll bar appeared), styled new cards and drew every
        widget for the first time: ~120 ms more than later opens. No public API lays out a
        screen that is not shown, hence Textual's private layout and compositor calls.
        """
        if (mounting := self.show(view, opened=True)) is not None:
            await mounting
        if self.is_current:
            return  # opened meanwhile: it is laid out and drawn as shown
        for _ in range(2):  # the second settles the scroll bar the first found needed
            self._refresh_layout(self.app.size)
        self._compositor.render_update(full=True)

    # -- actions ----------------------------------------------------------------
    def action_focus_card(self, step: int) -> None:
        cards = list(self.query(ClaimCard))
        if not cards:
            return
        at = cards.index(self.focused) if self.focused in cards else -1
        cards[(at + step) % len(cards)].focus()

    def action_open_article(self) -> None:
        card = self.focused if isinstance(self.focused, ClaimCard) else None
        if card is not None:
            self.app.open_article(card.claim)


def _names(view: data.GroupView) -> dict[str, str]:
    """Claim id -> "#n", the card number the reviewer sees."""
    return {c.id: f"#{i}" for i, c in enumerate(view.claims, 1)}


def _cards(view: data.GroupView) -> list[ClaimCard]:
    names = _names(view)
    return [ClaimCard(c, i, names) for i, c in enumerate(view.claims, 1)]


def _title(view: data.GroupView) -> Text:
    return Text.assemble(
        (visible(view.quantity, one_line=True) or "(unnamed quantity)", "bold"),
        "  ",
        (view.verdict, "bold red" if view.verdict == "conflict" else "bold"),
        f"  severity {view.severity:.2f}",
        "" if view.confidence is None else f"  confidence {view.confidence:.2f}",
        f"  {len(view.claims)} claims  status ",
        (view.status, "bold green" if view.status == "confirmed" else "bold"),
    )


def _explanation(view: data.GroupView) -> Text:
    return Text(visible(view.explanation) or "(no explanation)")


def _history(view: data.GroupView) -> Text:
    if not view.history:
        return Text("No decision yet.", style="dim")
    out = Text("Decisions:\n", style="bold")
    names = _names(view)
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
        out.append(line + "\n")
    return out
