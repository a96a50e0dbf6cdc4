"""``ReviewApp``: the Textual app a fact-checker works through discrepancies in.

The app owns the registry connection and every write: each verdict key calls
``factcheck.review.record`` (one short transaction, append-only), so quitting or
the app crashing can never lose a decision already shown as made (the log is then
forced to disk in a thread: see ``DURABLE_AFTER``). Screens only read
(``factcheck.tui.data``) and tell the app which group and claim are selected.
"""

from __future__ import annotations

import asyncio
import gc
import time
from typing import Protocol

from rich.text import Text
from textual import events, work
from textual.app import App
from textual.binding import Binding
from textual.widgets import Header
from textual.widgets._header import HeaderTitle
from textual.worker import get_current_worker

from .. import review
from ..formatting import figure
from ..registry import Registry, sync_log
from .commands import ReviewCommands
from .data import (
    ClaimView,
    Counts,
    GroupView,
    QueueFilter,
    article_view,
    counts,
    counts_are_quick,
    group_view,
    prefetch,
    read_only,
)
from .render import visible
from .screens.article import ArticleScreen
from .screens.group import GroupScreen
from .screens.help import HelpScreen
from .screens.modals import AskChoice, AskText
from .screens.queue import QueueScreen

NEITHER = "-neither-"
CACHE_KIB = -131072
"""SQLite's page cache for the app's connection (negative: KiB), allocated as used. The
default 2 MB is smaller than the index pages one search walks on a 1M-claim registry,
so a new term re-read them from the OS several times: ~30 ms instead of ~5 ms."""
MMAP_BYTES = 1 << 30
"""How much of the registry SQLite reads through a memory map (address space, not memory),
once ``data.prefetch`` has read the file into the OS's cache. A page not yet in the app's
own cache is then a page-table hit, not a read call and a copy: the first query of a new
search term on a 1M-claim registry took 13-22 ms read the old way and 10-13 ms mapped.
Not before: a page fault on a file the OS has not cached reads the pages around it too,
and the first page of the queue took 0.2-0.9 s mapped against 17-100 ms read."""
DURABLE_AFTER = "NORMAL"
"""The app's ``PRAGMA synchronous``: a decision's commit does not wait for the disk, and
``sync_log`` forces the log to disk in a thread right after it. The wait was ~1 ms, but
now and then 10-16 ms on this machine, on top of a verdict key's own work. An app crash
loses nothing either way; a power cut in the few milliseconds before the sync could
lose the decision just made, as it would one not yet made."""
REST_S = 0.05
"""The queue's cursor rests on a row this long: its group is drawn on the unseen group
screen, so that Enter only shows it (see ``prepare_group``). Rows passed by a held
arrow key (~30 a second) are not drawn; a reviewer reads a row longer than this. A key
pressed meanwhile waits for at most one step of it (reading and refilling the group,
5-8 ms at 1M claims; laying it out, ~5 ms; each row, ~0.3 ms), and the rest is left
undone."""
IDLE_S = 2.0
"""No key or mouse event for this long: the reviewer is reading, the heap may be tidied
(a collection of what is not frozen: 2-6 ms at 1M claims; a key pressed meanwhile waits)."""
AWAY_S = 30.0
"""No key or mouse event for this long: the reviewer is away, and the frozen heap is walked
too (40-80 ms) to free the garbage frozen with it."""
QUICK_TIDIES = 100
"""Quick tidies after which the frozen heap is walked even if the reviewer never left
(frozen garbage: ~2-4 thousand objects a tidy)."""


class ReviewScreen(Protocol):
    """What the verdict actions need from the screen they are pressed on."""

    def current_group_id(self) -> str | None: ...
    def current_claim_id(self) -> str | None: ...
    def refresh_data(self) -> None: ...
    def advance(self, key: tuple[float, str]) -> None: ...


class ReviewApp(App[None]):
    """Queue → group → article; verdicts recorded as the reviewer named at start."""

    TITLE = "factcheck review"
    CSS_PATH = "factcheck.tcss"
    COMMANDS = App.COMMANDS | {ReviewCommands}
    BINDINGS = [
        Binding("question_mark", "help", "Keys", show=False),
        Binding("ctrl+r,f5", "refresh_data", "Refresh", show=False, tooltip="Re-read the registry"),
        Binding("q", "quit", "Quit", show=False),
    ]

    def __init__(self, db_path: str, reviewer: str | None = None) -> None:
        super().__init__()
        self.registry = Registry(db_path)
        self.db = self.registry.db
        self.db.execute(f"PRAGMA cache_size = {CACHE_KIB}")
        self.db.execute(f"PRAGMA synchronous = {DURABLE_AFTER}")
        self.reviewer = reviewer or "anonymous"
        self.queue_filter = QueueFilter()
        self.decided: list[str] = []  # groups decided this session, latest last (for undo)
        self.counts: Counts | None = None
        self.group_screen = GroupScreen(GroupView("", "", None, None, "", 0.0, None, ""))
        self.article_screen = ArticleScreen()
        self._input_at = 0.0  # time.monotonic() of the last key or mouse event
        self._painted = False  # the queue's first page is on screen (see prepare_group)
        self._quick_tidies = 0  # since the frozen heap was last walked (see _tidy_when_idle)

    async def on_mount(self) -> None:
        # The one group screen and the one article screen are composed now, unseen:
        # composing the group screen on the first Enter took ~150 ms, an article screen
        # 50-70 ms on each opening; opening one then only refills it.
        self.install_screen(self.group_screen, name="group")
        self.install_screen(self.article_screen, name="article")
        with self.batch_update():  # no frame of them is painted
            for name in ("group", "article"):
                await self.push_screen(name)
                await self.pop_screen()
        queue = QueueScreen()
        await self.push_screen(queue)
        queue.table.after_paint(self._warm_up)
        self.set_interval(IDLE_S / 2, self._tidy_when_idle, name="tidy heap")

    def _warm_up(self) -> None:
        """Once the queue is painted, have the registry file read into the OS's cache (see
        ``data.prefetch``) and prepare the group under the cursor (``prepare_group``)."""
        self._prefetch()
        self._painted = True
        screen = self.review_screen
        if isinstance(screen, QueueScreen) and (gid := screen.current_group_id()):
            self.prepare_group(gid)

    def prepare_group(self, group_id: str) -> None:
        """Draw ``group_id`` on the unseen group screen once the queue's cursor has rested
        on it for ``REST_S`` (``GroupScreen.rehearse``; ``open_group`` then shows it if it
        is still the same): drawing the group was over half of an Enter. The first time,
        the first claim's article is drawn unseen as well, so that the first opening of
        each screen costs what later ones do (see ``KeptScreen.lay_out_unseen``). Before
        the queue's first paint, nothing: that paint comes first, then this is asked again."""
        if self._painted:
            self._prepare(group_id)

    @work(exclusive=True, group="prepare")
    async def _prepare(self, group_id: str) -> None:
        await asyncio.sleep(REST_S)  # a newer row, or Enter, cancels this meanwhile
        asked = self._input_at
        if not isinstance(self.screen, QueueScreen):
            return
        view = group_view(self.db, group_id)
        if view is None:
            return
        for _ in self.group_screen.rehearse(view):
            await asyncio.sleep(0)  # a key waiting goes first, and ends this
            if self._input_at != asked:
                return
        if self.article_screen.article is None and view.claims:
            article = article_view(self.db, view.claims[0].source_id)
            if article is not None:
                self.article_screen.rehearse(article, view.claims[0])

    @work(thread=True, exclusive=True, group="prefetch")
    def _prefetch(self) -> None:
        worker = get_current_worker()
        if prefetch(self.registry.path, lambda: worker.is_cancelled):
            self.call_from_thread(self.db.execute, f"PRAGMA mmap_size = {MMAP_BYTES}")

    def keep_heap(self, *, collect: bool = False) -> None:
        """Exempt every object alive now (widgets, styles, caches) from garbage collection.

        A full collection walks every object the collector tracks: 30-65 ms over the whole
        app, landing on whatever key happens to trigger it. Frozen objects are skipped.
        Keys keep adding objects to walk, though: Textual's caches, and cyclic garbage (a
        Strip that needs no change caches itself, in ``adjust_cell_length`` or ``divide``,
        so most drawn lines die in a cycle). :meth:`_tidy_when_idle` therefore refreezes
        between bursts of keys. ``collect`` first drops what start-up left behind (~50 ms,
        before first paint).
        """
        if collect:
            gc.collect()
        gc.freeze()

    def _tidy_when_idle(self) -> None:
        """Collect and refreeze once no key or mouse event came for ``IDLE_S`` and objects
        reached the oldest generation since (run by an interval timer).

        On a 1M-claim registry a 14-20 ms full collection landed on about one key in
        seven; after this a collection during a burst only walks what the burst left.
        The quick tidy walks only what is not frozen (2-6 ms). Unfreezing first also
        frees garbage that was frozen, but walks the whole app (40-80 ms, long enough
        to delay a key pressed meanwhile), so it waits until the reviewer is away
        (``AWAY_S``) or ``QUICK_TIDIES`` quick ones left their garbage frozen.
        """
        idle = time.monotonic() - self._input_at
        if idle < IDLE_S:
            return
        if gc.get_count()[2]:
            gc.collect()
            gc.freeze()
            self._quick_tidies += 1
        if self._quick_tidies and (idle >= AWAY_S or self._quick_tidies >= QUICK_TIDIES):
            gc.unfreeze()
            gc.collect()
            gc.freeze()
            self._quick_tidies = 0

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self._input_at = time.monotonic()
        await super().on_event(event)

    def on_unmount(self) -> None:
        gc.unfreeze()  # the app's objects are the collector's again (tests run many apps)
        self.registry.close()

    @property
    def review_screen(self) -> ReviewScreen | None:
        screen = self.screen
        return screen if hasattr(screen, "current_group_id") else None  # type: ignore[return-value]

    def count(self) -> None:
        """Show the open and done counts of the queue's filter.

        Verdict and kind filters are added up from the registry's tally at once; a
        source or search filter tests groups (~0.1 s at 100k), too slow for a key, so
        those are counted in a thread on a read-only connection.
        """
        if counts_are_quick(self.queue_filter):
            self.workers.cancel_group(self, "counts")
            self._show_counts(counts(self.db, self.queue_filter))
        else:
            self._count_slowly(self.queue_filter)

    @work(thread=True, group="durable")
    def _make_durable(self) -> None:
        """Force the decision just committed to disk (see ``DURABLE_AFTER``); where the
        log cannot be synced, every later commit waits for the disk itself again."""
        if not sync_log(self.registry.path):
            self.call_from_thread(self.db.execute, "PRAGMA synchronous = FULL")

    @work(thread=True, exclusive=True, group="counts")
    def _count_slowly(self, f: QueueFilter) -> None:
        db = read_only(self.registry.path)
        try:
            result = counts(db, f)
        finally:
            db.conn.close()
        self.call_from_thread(self._show_counts, result, f)

    def _show_counts(self, result: Counts, f: QueueFilter | None = None) -> None:
        if f is not None and f != self.queue_filter:
            return  # a count of a filter since changed, finishing late
        self.counts = result
        self._set_sub_title(f"open {result.open:,} · done {result.done:,} · {self.reviewer}")
        for screen in self.screen_stack:
            if isinstance(screen, QueueScreen):
                screen.update_status()

    def _set_sub_title(self, text: str) -> None:
        """``self.sub_title = text`` without repainting every widget of the screen.

        Setting the reactive repaints the whole screen (~20 ms at 120x40, on the frame
        of the key that changed the filter); the headers' titles are redrawn instead.
        """
        if text == self.sub_title:
            return
        self.set_reactive(App.sub_title, text)
        for screen in {*self.screen_stack, self.group_screen}:  # the group screen is kept
            for header in screen.query(Header):
                header.query_one(HeaderTitle).update(header.format_title(), layout=False)

    # -- navigation ------------------------------------------------------------
    def open_group(self, group_id: str) -> None:
        """Show the group screen on ``group_id``: the one screen, refilled unless it was
        prepared with what the registry holds now (read again: see ``prepare_group``)."""
        self.workers.cancel_group(self, "prepare")
        view = group_view(self.db, group_id)
        if view is None:
            self.notify(f"Group {group_id} no longer exists.", severity="warning")
            return
        self.group_screen.open(view)
        self.push_screen("group")

    def open_article(self, claim: ClaimView) -> None:
        article = article_view(self.db, claim.source_id)
        if article is None:
            self.notify("The article is no longer in the registry.", severity="warning")
        else:
            self.article_screen.show(article, claim)
            self.push_screen("article")

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_refresh_data(self) -> None:
        self.count()
        if screen := self.review_screen:
            screen.refresh_data()
        self.notify("Re-read the registry.", timeout=1.5)

    # -- decisions ---------------------------------------------------------------
    def _target(self) -> tuple[ReviewScreen, str] | None:
        screen = self.review_screen
        gid = screen.current_group_id() if screen else None
        if screen is None or gid is None:
            self.notify("No group selected.", severity="warning")
            return None
        return screen, gid

    def _record(
        self,
        screen: ReviewScreen,
        gid: str,
        decision: str,
        *,
        redraw: bool = True,
        **kwargs: object,
    ) -> bool:
        try:
            review.record(self.db, gid, decision, reviewer=self.reviewer, **kwargs)  # type: ignore[arg-type]
        except review.ReviewError as exc:
            self.notify(str(exc), severity="error")
            return False
        self._make_durable()
        self.decided.append(gid)
        self.notify(f"{decision.replace('_', ' ')} recorded", timeout=2)
        self.count()
        if redraw:
            screen.refresh_data()
        return True

    def action_decide(self, decision: str) -> None:
        """confirm_conflict / not_conflict / split on the selected group."""
        if target := self._target():
            self._record(*target, decision)

    def action_approve_next(self) -> None:
        target = self._target()
        if target is None:
            return
        screen, gid = target
        view = group_view(self.db, gid)
        if view is not None and self._record(screen, gid, "approve", redraw=False):
            screen.advance(view.key)

    def action_undo(self) -> None:
        screen = self.review_screen
        gid = self.decided.pop() if self.decided else (screen and screen.current_group_id())
        if not gid or screen is None:
            self.notify("Nothing to undo.", severity="warning")
            return
        try:
            review.undo_last(self.db, gid, reviewer=self.reviewer)
        except review.ReviewError as exc:
            self.notify(str(exc), severity="warning")
            return
        self._make_durable()
        self.notify(f"Undid the last decision on group {gid}.", timeout=2)
        self.count()
        screen.refresh_data()

    def action_note(self) -> None:
        if (target := self._target()) is None:
            return

        def done(text: str | None) -> None:
            if text:
                self._record(*target, "note", note=text)

        self.push_screen(AskText("Note on this group (Enter saves, Esc cancels)"), done)

    def action_right_figure(self) -> None:
        if (target := self._target()) is None:
            return
        view = group_view(self.db, target[1])
        if view is None:
            return
        choices = [(c.id, _claim_label(c)) for c in view.claims if not c.removed]
        choices.append((NEITHER, Text("Neither figure is right")))

        def done(choice: str | None) -> None:
            if choice is not None:
                right = None if choice == NEITHER else choice
                self._record(*target, "right_figure", right_claim_id=right)

        self.push_screen(AskChoice("Which figure is right?", choices), done)

    def action_remove_claim(self) -> None:
        if (target := self._target()) is None:
            return
        screen, gid = target
        claim_id = screen.current_claim_id()
        if claim_id is not None:
            self._record(screen, gid, "remove_claim", claim_ids=[claim_id])
            return
        view = group_view(self.db, gid)
        if view is None:
            return
        choices = [(c.id, _claim_label(c)) for c in view.claims if not c.removed]

        def done(choice: str | None) -> None:
            if choice is not None:
                self._record(screen, gid, "remove_claim", claim_ids=[choice])

        self.push_screen(AskChoice("Remove which claim from the group?", choices), done)


def _claim_label(c: ClaimView) -> Text:
    source = visible(c.outlet or c.title or c.path, one_line=True)
    return Text.assemble((figure(c.claim), "bold"), f"  {source}  ", (c.published or "", "dim"))
