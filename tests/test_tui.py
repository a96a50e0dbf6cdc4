"""Pilot tests of the review app: every key, each checked against the ``reviews`` table.

The registry is built from invented articles (``tui_fixtures``); each test drives
the real app with ``App.run_test`` and then reads what was appended to ``reviews``.
"""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import Input
from textual.widgets._header import HeaderTitle

from factcheck import review
from factcheck.cli import cli
from factcheck.registry import Registry, now_iso, sync_log
from factcheck.tui.app import MMAP_BYTES, ReviewApp
from factcheck.tui.commands import ReviewCommands
from factcheck.tui.data import PAGE_SIZE, QueueRow
from factcheck.tui.screens.article import ArticleScreen
from factcheck.tui.screens.group import GroupScreen
from factcheck.tui.screens.help import HelpScreen
from factcheck.tui.screens.queue import QueueScreen
from factcheck.tui.screens.verdicts import VERDICT_BINDINGS
from factcheck.tui.widgets.article_text import ArticleText, paragraph_text
from factcheck.tui.widgets.group_sheet import NUMBER_STYLE, GroupSheet
from factcheck.tui.widgets.queue_table import QueueTable, header_pieces, line_width, row_line

from .tui_fixtures import invented_registry

Steps = Callable[[ReviewApp, Pilot], Awaitable[None]]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return invented_registry(tmp_path / "claims.db")


def drive(db: Path, steps: Steps, size: tuple[int, int] = (80, 24)) -> ReviewApp:
    """Run the app on ``db`` as reviewer "tester", apply ``steps``, quit."""

    async def go() -> ReviewApp:
        app = ReviewApp(str(db), reviewer="tester")
        async with app.run_test(size=size) as pilot:
            await settle(app, pilot)
            await steps(app, pilot)
            await settle(app, pilot)
        return app

    return asyncio.run(go())


async def settle(app: ReviewApp, pilot: Pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def reviews(db: Path) -> list[dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    rows = [dict(r) for r in conn.execute("SELECT * FROM reviews ORDER BY id")]
    conn.close()
    for r in rows:
        r["claim_ids"] = json.loads(r["claim_ids"])
    return rows


def members(db: Path, group_id: str) -> list[str]:
    conn = sqlite3.connect(db)
    ids = [
        r[0]
        for r in conn.execute(
            "SELECT claim_id FROM group_claims WHERE group_id = ? ORDER BY claim_id", [group_id]
        )
    ]
    conn.close()
    return ids


def sheet(app: ReviewApp) -> GroupSheet:
    return app.screen.query_one(GroupSheet)


def plain(lines: object) -> str:
    """The text of a sheet's head or history (``Lines``)."""
    return "\n".join(c.plain for c in lines.renderables)  # type: ignore[attr-defined]


def table(app: ReviewApp) -> QueueTable:
    return app.screen.query_one(QueueTable)


def shown_ids(app: ReviewApp) -> list[str]:
    return [r.id for r in table(app).rows_shown]


async def open_first(app: ReviewApp, pilot: Pilot) -> None:
    await pilot.press("enter")
    await settle(app, pilot)
    assert isinstance(app.screen, GroupScreen)


# -- queue -----------------------------------------------------------------------


def test_queue_ranks_by_severity_with_figures_sources_and_counts(db: Path) -> None:
    seen: dict = {}

    async def steps(app: ReviewApp, pilot: Pilot) -> None:
        rows = table(app).rows_shown
        seen["rows"] = [(r.id, r.figures, r.sources, r.status) for r in rows]
        seen["status"] = str(app.screen.query_one("#queue-status").render())

    drive(db, steps)
    assert seen["rows"] == [
        ("g-sex-ratio", "115 | ~118", 2, "open"),
        ("g-fire-hurt", "40 | 42", 2, "open"),
    ]
    assert "open 2 · confirmed 0 · dismissed 0" in seen["status"]
    assert reviews(db) == []


def test_filters_verdict_status_kind_source_and_search(db: Path) -> None:
    seen: dict[str, list[str]] = {}

    async def steps(app: ReviewApp, pilot: Pilot) -> None:
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        for _ in range(3):  # review -> conflict -> evolving -> consistent
            await pilot.press("v")
        await settle(app, pilot)
        seen["consistent"] = shown_ids(app)
        screen.set_filter("verdict", "all")
        await settle(app, pilot)
        seen["all"] = shown_ids(app)
        screen.set_filter("kind", "money")
        await settle(app, pilot)
        seen["money"] = shown_ids(app)
        screen.set_filter("kind", "")
        await pilot.press("f", *"wire", "enter")
        await settle(app, pilot)
        seen["source wire"] = shown_ids(app)
        await pilot.press("escape")
        screen.query_one("#source").value = ""
        await pilot.press("slash", *"Harbour", "enter")  # sentence text, through FTS
        await settle(app, pilot)
        seen["search Harbour"] = shown_ids(app)
        screen.query_one("#search").value = "boys per"  # the group's quantity
        await pilot.press("enter")
        await settle(app, pilot)
        seen["search quantity"] = shown_ids(app)
        screen.query_one("#search").value = ""
        await pilot.press("enter", "escape", "c")  # confirm the top row from the queue
        await settle(app, pilot)
        seen["all after confirm"] = [(r.id, r.status) for r in table(app).rows_shown]
        await pilot.press("t")  # all -> open
        await settle(app, pilot)
        seen["open after confirm"] = shown_ids(app)
        await pilot.press("t")  # open -> confirmed
        await settle(app, pilot)
        seen["confirmed"] = shown_ids(app)

    drive(db, steps)
    assert seen["consistent"] == ["g-consistent"]
    assert seen["all"] == ["g-sex-ratio", "g-fire-hurt", "g-consistent"]
    assert seen["money"] == []
    assert seen["source wire"] == ["g-fire-hurt"]
    assert seen["search Harbour"] == ["g-fire-hurt"]
    assert seen["search quantity"] == ["g-sex-ratio"]
    assert seen["all after confirm"][0] == ("g-sex-ratio", "confirmed")
    assert seen["open after confirm"] == ["g-fire-hurt", "g-consistent"]
    assert seen["confirmed"] == ["g-sex-ratio"]
    assert [(r["group_id"], r["decision"]) for r in reviews(db)] == [
        ("g-sex-ratio", "confirm_conflict")
    ]


def registry_with_extra_groups(tmp_path: Path, n: int) -> Path:
    """The invented registry plus ``n`` open conflicts ranked below its own groups,
    enough to fill several queue pages."""
    path = invented_registry(tmp_path / "claims.db")
    reg = Registry(path)
    with reg.db.conn:
        reg.db["groups"].insert_all(
            {"id": f"g-extra-{i:03d}", "quantity": f"extra {i}", "kind": "count",
             "verdict": "conflict", "severity": 0.4 - i / 10000, "confidence": 0.5,
             "explanation": "", "signature": "", "state": "active", "updated_at": now_iso()}
            for i in range(n)
        )  # fmt: skip
    reg.close()
    return path


def test_paging_moves_across_sql_pages(tmp_path: Path) -> None:
    # three pages, with the two conflicts of the invented registry
    path = registry_with_extra_groups(tmp_path, 2 * PAGE_SIZE + 30)
    seen: dict = {}

    async def steps(app: ReviewApp, pilot: Pilot) -> None:
        t = table(app)
        seen["first"] = (t.page_number, len(t.rows_shown), t.has_more)
        await pilot.press("pagedown")
        seen["second"] = (t.page_number, t.selected.id if t.selected else None)
        await pilot.press("pagedown", "pagedown")
        seen["last"] = (t.page_number, len(t.rows_shown), t.has_more)
        await pilot.press("pageup")
        seen["back"] = (t.page_number, t.cursor_row)
        await pilot.press("up")  # across the page boundary: the last row of page 1
        seen["back at end"] = (t.page_number, t.cursor_row)
        await pilot.press("home")
        seen["home"] = (t.page_number, t.selected.id if t.selected else None)

    drive(db=path, steps=steps)
    size = PAGE_SIZE
    assert seen["first"] == (1, size, True)
    assert seen["second"][0] == 2
    assert seen["last"][0] == 3 and seen["last"][2] is False
    assert seen["last"][1] == 32
    assert seen["back"] == (2, 0)
    assert seen["back at end"] == (1, size - 1)
    assert seen["home"] == (1, "g-sex-ratio")


def test_the_next_page_is_read_ahead_and_reread_if_the_registry_changed(tmp_path: Path) -> None:
    path = registry_with_extra_groups(tmp_path, 2 * PAGE_SIZE)
    seen: list = []

    async def steps(app: ReviewApp, pilot: Pilot) -> None:
        t = table(app)
        loads = []
        load = t.loader

        def counted(*args: object) -> list[QueueRow]:
            loads.append(args[0])
            return load(*args)

        t.loader = counted
        await pilot.press("pagedown")  # page 2 was read ahead while page 1 was shown
        await settle(app, pilot)
        seen.append((loads.count(t.page_starts[1]), t.page_number))
        seen.append(sum(r.figures is None for r in t.rows_shown))
        first_of_page_3 = t.rows_shown[-1].key
        other = Registry(path)  # meanwhile another reviewer decides on a group of page 3
        review.record(other.db, "g-extra-098", "split", reviewer="other")
        other.close()
        await pilot.press("pagedown")
        await settle(app, pilot)
        seen.append((loads.count(first_of_page_3), t.page_number))
        seen.append({r.id: r.status for r in t.rows_shown}["g-extra-098"])

    drive(db=path, steps=steps)
    assert seen[0] == (0, 2)  # page 2 came from the read-ahead: no read on the key
    assert seen[1] == 0  # read ahead with the window's figures, the rest read once shown
    assert seen[2][1] == 3
    assert seen[2][0] == 2  # read ahead once, then read again: the registry had changed
    assert seen[3] == "dismissed"


def test_moving_the_cursor_paints_what_a_full_repaint_paints(tmp_path: Path) -> None:
    """Moving within a page redraws only the rows the cursor left and entered."""
    path = registry_with_extra_groups(tmp_path, 40)
    shots: list[tuple[str, str]] = []

    async def steps(app: ReviewApp, pilot: Pilot) -> None:
        for keys in (["down", "down"], ["up"], ["down"] * 25, ["up"] * 3):
            await pilot.press(*keys)
            await pilot.pause()
            moved = app.export_screenshot()
            table(app).refresh()
            await pilot.pause()
            shots.append((moved, app.export_screenshot()))

    drive(db=path, steps=steps)
    assert all(moved == repainted for moved, repainted in shots)
    assert len({moved for moved, _ in shots}) == len(shots)


# -- group screen and verdicts ---------------------------------------------------


def test_group_screen_shows_every_claim_with_its_number_highlighted(db: Path) -> None:
    seen: dict = {}

    async def steps(app: ReviewApp, pilot: Pilot) -> None:
        await open_first(app, pilot)
        for i, claim in enumerate(sheet(app).claims):
            rendered = sheet(app).lines_of(i)
            [sentence] = [t for t in rendered.renderables if t.plain == claim.sentence]
            lit = [sentence.plain[s.start : s.end] for s in sentence.spans]
            styles = {str(s.style) for s in sentence.spans}
            seen[claim.outlet] = (claim.title, claim.published, lit, styles)
        seen["explanation"] = plain(sheet(app).head)

    drive(db, steps)
    lit = {NUMBER_STYLE}
    assert seen["Daily Planet"] == ("Census finds more boys", "2024-03-01", ["115"], lit)
    assert seen["Evening Star"] == ("Boys outnumber girls", "2024-03-02", ["118"], lit)
    assert "2.6% apart" in seen["explanation"]


def test_opening_another_group_refills_the_group_screen(db: Path) -> None:
    """The app keeps one group screen: each group opened shows its own claims, from the top."""
    conn = sqlite3.connect(db)  # a third claim in the fire group: the card count changes
    conn.execute(
        "INSERT INTO group_claims (group_id, claim_id, score) "
        "SELECT 'g-fire-hurt', claim_id, 0.5 FROM group_claims WHERE group_id = 'g-consistent' "
        "LIMIT 1"
    )
    conn.commit()
    conn.close()
    seen: list = []

    async def look(app: ReviewApp) -> None:
        shown = sheet(app)
        drawn = [shown.render_line(y).text for y in range(shown.layout().height)]
        seen.append(
            (
                app.screen.group_id,
                sorted(c.id for c in shown.claims),
                [n for n in ("1", "2", "3") if any(f"╭─ {n} ─" in row for row in drawn)],
                app.screen.focused is shown and shown.selected == 0,
                plain(shown.history),
            )
        )

    async def steps(app: ReviewApp, pilot: Pilot) -> None:
        await open_first(app, pilot)
        await pilot.press("c")  # a decision shows in this group's history only
        await settle(app, pilot)
        await pilot.press("right")
        await look(app)
        for key in ("down", "up"):
            await pilot.press("escape", key, "enter")
            await settle(app, pilot)
            await look(app)

    drive(db, steps, size=(100, 40))
    ratio, fire, again = seen
    assert ratio[0] == again[0] == "g-sex-ratio" and fire[0] == "g-fire-hurt"
    assert ratio[1] == again[1] == members(db, "g-sex-ratio")
    assert fire[1] == members(db, "g-fire-hurt") and fire[2] == ["1", "2", "3"]
    assert ratio[3] is False and fire[3] is True and again[3] is True  # reopened: first card
    assert "confirm_conflict" in ratio[4] and "confirm_conflict" in again[4]
    assert "No decision yet" in fire[4]


def test_the_group_screen_header_follows_the_counts(db: Path) -> None:
    seen: list = []

    async def steps(app: ReviewApp, pilot: Pilot) -> None:
        await open_first(app, pilot)
        await pilot.press("escape", "c")  # decided on the queue: the counts change
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        header = app.screen.query_one(HeaderTitle)
        seen.append((app.sub_title, str(header.render())))

    drive(db, steps, size=(100, 30))
    [(sub_title, header)] = seen
    assert sub_title.startswith("open 1 · done 1")
    assert sub_title in header


def test_the_group_screen_follows_a_theme_changed_while_it_was_closed(db: Path) -> None:
    """Reopening skips Textual's restyle of the kept screen, except after a theme change."""
    seen: list = []

    def card_background(app: ReviewApp) -> object:
        return sheet(app).get_visual_style("group-sheet--selected").background

    async def steps(app: ReviewApp, pilot: Pilot) -> None:
        app.theme = "textual-dark"
        await settle(app, pilot)
        await open_first(app, pilot)
        seen.append(card_background(app))
        await pilot.press("escape")
        app.theme = "textual-light"
        await settle(app, pilot)
        await open_first(app, pilot)
        seen.append(card_background(app))

    drive(db, steps)
    dark, light = seen
    assert dark != light


@pytest.mark.parametrize(
    ("key", "decision"),
    [("c", "confirm_conflict"), ("n", "not_conflict"), ("s", "split")],
)
def test_verdict_keys_append_a_review(db: Path, key: str, decision: str) -> None:
    seen: dict = {}

    async def steps(app: ReviewApp, pilot: Pilot) -> None:
        await open_first(app, pilot)
        await pilot.press(key)
        await settle(app, pilot)
        seen["status"] = app.screen.shown.status

    drive(db, steps)
    [r] = reviews(db)
    assert (r["group_id"], r["decision"], r["reviewer"]) == ("g-sex-ratio", decision, "tester")
    assert r["claim_ids"] == members(db, "g-sex-ratio")
    assert seen["status"] == ("dismissed" if decision in ("not_conflict", "split") else "confirmed")


@pytest.mark.parametrize(("choice", "right"), [("1", "planet"), ("3", None)])
def test_right_figure_marks_one_claim_or_neither(db: Path, choice: str, right: str | None) -> None:
    claims: dict[str, str] = {}

    async def steps(app: ReviewApp, pilot: Pilot) -> None:
        await open_first(app, pilot)
        for claim in sheet(app).claims:
            claims[claim.path.removesuffix(".txt")] = claim.id
        await pilot.press("r")
        await pilot.press(choice)
        await settle(app, pilot)

    drive(db, steps)
    [r] = reviews(db)
    assert r["decision"] == "right_figure"
    assert r["right_claim_id"] == (claims[right] if right else None)


def test_note_is_recorded_and_escape_cancels(db: Path) -> None:
    async def steps(app: ReviewApp, pilot: Pilot) -> None:
        await open_first(app, pilot)
        await pilot.press("m", *"ask")
        app.screen.query_one(Input).value = "ask the desk"  # typing each key is slow
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("m", *"never", "escape")
        await settle(app, pilot)

    drive(db, steps)
    [r] = reviews(db)
    assert (r["decision"], r["note"], r["group_id"]) == ("note", "ask the desk", "g-sex-ratio")


def test_approve_and_advance_walks_the_open_groups(db: Path) -> None:
    seen: list = []

    async def steps(app: ReviewApp, pilot: Pilot) -> None:
        await open_first(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        seen.append(app.screen.group_id)
        await pilot.press("a")  # the last open conflict: back to the queue
        await settle(app, pilot)
        seen.append(type(app.screen).__name__)
        seen.append([(r.id, r.status) for r in table(app).rows_shown])

    drive(db, steps)
    assert seen == [
        "g-fire-hurt",
        "QueueScreen",
        [("g-sex-ratio", "confirmed"), ("g-fire-hurt", "confirmed")],
    ]
    assert [(r["group_id"], r["decision"]) for r in reviews(db)] == [
        ("g-sex-ratio", "approve"),
        ("g-fire-hurt", "approve"),
    ]


def test_undo_cancels_the_last_decision_even_after_advancing(db: Path) -> None:
    seen: list = []

    async def steps(app: ReviewApp, pilot: Pilot) -> None:
        await open_first(app, pilot)
        await pilot.press("a")  # approve the sex ratio, now on the fire group
        await settle(app, pilot)
        await pilot.press("u")
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        seen.append([(r.id, r.status) for r in table(app).rows_shown])

    drive(db, steps)
    first, undo = reviews(db)
    assert (first["decision"], undo["decision"], undo["undoes"]) == ("approve", "undo", first["id"])
    assert undo["group_id"] == "g-sex-ratio"
    assert seen == [[("g-sex-ratio", "open"), ("g-fire-hurt", "open")]]


def test_remove_claim_takes_the_focused_claim_out(db: Path) -> None:
    seen: dict = {}

    async def steps(app: ReviewApp, pilot: Pilot) -> None:
        await open_first(app, pilot)
        await pilot.press("right")
        seen["focused"] = app.screen.current_claim_id()
        await pilot.press("x")
        await settle(app, pilot)
        seen["removed"] = [c.id for c in sheet(app).claims if c.removed]
        await pilot.press("escape")
        await settle(app, pilot)
        seen["figures"] = table(app).rows_shown[0].figures

    drive(db, steps)
    [r] = reviews(db)
    assert r["decision"] == "remove_claim" and r["claim_ids"] == [seen["focused"]]
    assert seen["removed"] == [seen["focused"]]
    assert seen["figures"] == "115"


def test_remove_claim_from_the_queue_asks_which(db: Path) -> None:
    async def steps(app: ReviewApp, pilot: Pilot) -> None:
        await pilot.press("x", "2")
        await settle(app, pilot)

    drive(db, steps)
    [r] = reviews(db)
    assert r["decision"] == "remove_claim" and len(r["claim_ids"]) == 1
    assert r["claim_ids"][0] in members(db, "g-sex-ratio")


def test_decision_survives_quitting_and_reopening(db: Path) -> None:
    async def confirm(app: ReviewApp, pilot: Pilot) -> None:
        await open_first(app, pilot)
        await pilot.press("c")

    seen: list = []

    async def look(app: ReviewApp, pilot: Pilot) -> None:
        seen.append([(r.id, r.status) for r in table(app).rows_shown])
        seen.append(app.sub_title)

    drive(db, confirm)
    drive(db, look)
    assert seen == [
        [("g-sex-ratio", "confirmed"), ("g-fire-hurt", "open")],
        "open 1 · done 1 · tester",
    ]


# -- article, untrusted text ---------------------------------------------------------


def test_article_text_with_markup_and_escapes_is_shown_literally(db: Path) -> None:
    seen: dict = {}

    async def steps(app: ReviewApp, pilot: Pilot) -> None:
        await pilot.press("down")
        await open_first(app, pilot)
        await pilot.press("right")  # the wire story's claim
        shown = sheet(app)
        seen["card"] = plain(shown.lines_of(shown.selected))
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ArticleScreen)
        screen = app.screen
        seen["paragraph"] = screen.query_one(ArticleText).claim_paragraph().plain
        a, c = screen.article, screen.claim.claim
        start = a.text.rfind("\n", 0, c["start"]) + 1
        seen["text"] = paragraph_text(a.text, start, a.text.index("\n", start), screen.claim)
        seen["svg"] = app.export_screenshot()

    drive(db, steps)
    shown = seen["paragraph"]
    assert "[bold]42[/bold]" in shown
    assert "[link=http://evil.example]click[/link]" in shown
    assert "\x1b" not in shown and "␛[31mhurt␛[0m" in shown
    text = seen["text"]
    lit = [text.plain[s.start : s.end] for s in text.spans if str(s.style) == NUMBER_STYLE]
    assert lit == ["42"]
    assert "[bold]Fire[/bold] report" in seen["card"] and "Wire ␛[31mService" in seen["card"]
    assert "\x1b" not in seen["svg"] and "[link=http://evil.example]" in seen["svg"]


def test_queue_rows_show_untrusted_quantity_literally() -> None:
    row = QueueRow(
        "g", 0.5, "conflict", "[red]boys[/red] \x1b[2J", "count", "1 | 2", 2, 0.9, "open"
    )
    line = row_line(row, 100).plain
    assert "[red]boys[/red] ␛[2J" in line and "\x1b" not in line


@pytest.mark.parametrize("width", [20, 66, 67, 80, 97, 120, 251])
@pytest.mark.parametrize(
    ("quantity", "figures"),
    [
        ("boys per 100 girls", "115 | ~118"),  # fits
        ("people arrested in the crackdown on trafficking " * 4, "1,094 | >1,000 | " * 3),  # cut
        ("嬰兒 rescued 被解救", "64 | 六十四"),  # wide characters, cut or padded by cells
        ("", ""),
    ],
)
def test_queue_lines_are_as_wide_as_line_width_says(
    width: int, quantity: str, figures: str
) -> None:
    # The table hands Textual each line with this width instead of measuring it again.
    row = QueueRow("g", 0.5, "conflict", quantity, "count", figures, 12, None, "open")
    for line in (row_line(row, width), Text.assemble(*header_pieces(width))):
        assert line.cell_len == line_width(width) >= width


def test_each_decision_and_undo_forces_the_log_to_disk_after_its_commit(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app's commits do not wait for the disk; a thread syncs the log after each."""
    synced: list[str] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    seen: dict = {}

    async def steps(app: ReviewApp, pilot: Pilot) -> None:
        seen["mode"] = app.db.execute("PRAGMA synchronous").fetchone()[0]
        await pilot.press("c")  # confirm the first group
        await settle(app, pilot)
        seen["after decision"] = list(synced)
        await pilot.press("u")
        await settle(app, pilot)
        seen["after undo"] = list(synced)

    drive(db=db, steps=steps)
    wal = str(db.resolve()) + "-wal"
    assert seen["mode"] == 1  # NORMAL
    assert seen["after decision"] == [wal]
    assert seen["after undo"] == [wal, wal]
    assert [r["decision"] for r in reviews(db)] == ["confirm_conflict", "undo"]


@pytest.mark.parametrize("cached", [True, False])
def test_the_registry_is_mapped_only_once_the_os_has_cached_it(
    db: Path, monkeypatch: pytest.MonkeyPatch, cached: bool
) -> None:
    if not cached:  # a registry over a quarter of the memory is not read ahead
        monkeypatch.setattr(os, "sysconf", lambda name: 1)
    seen: list[int] = []

    async def steps(app: ReviewApp, pilot: Pilot) -> None:
        seen.append(app.db.execute("PRAGMA mmap_size").fetchone()[0])

    drive(db=db, steps=steps)
    assert seen == [MMAP_BYTES if cached else 0]


def test_sync_log_needs_a_write_ahead_log(tmp_path: Path) -> None:
    reg = Registry(tmp_path / "claims.db")
    missing = tmp_path / "none.db"
    assert sync_log(reg.path) is True  # WAL mode: the log exists once the schema is written
    assert sync_log(missing) is False and sync_log(":memory:") is False
    reg.close()


def test_review_command_refuses_a_missing_registry(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "none.db"), "review"])
    assert result.exit_code == 1
    assert "no registry at" in result.output and not (tmp_path / "none.db").exists()


# -- refresh, help, palette -----------------------------------------------------------


def test_refresh_sees_what_another_process_wrote(db: Path) -> None:
    seen: list = []

    async def steps(app: ReviewApp, pilot: Pilot) -> None:
        other = Registry(db)  # a second connection, as an ingest in another process
        with other.db.conn:
            other.db["groups"].insert(
                {"id": "g-new", "quantity": "new", "kind": "count", "verdict": "conflict",
                 "severity": 0.99, "confidence": 0.9, "explanation": "", "signature": "",
                 "state": "active", "updated_at": now_iso()}
            )  # fmt: skip
        other.close()
        seen.append(shown_ids(app))
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        seen.append(shown_ids(app))
        await pilot.press("c")
        await settle(app, pilot)

    drive(db, steps)
    assert seen == [["g-sex-ratio", "g-fire-hurt"], ["g-new", "g-sex-ratio", "g-fire-hurt"]]
    assert [(r["group_id"], r["decision"]) for r in reviews(db)] == [("g-new", "confirm_conflict")]


def test_back_from_a_group_the_queue_is_reread_only_when_the_registry_changed(db: Path) -> None:
    seen: list = []

    async def steps(app: ReviewApp, pilot: Pilot) -> None:
        loads = []
        load = table(app).loader

        def counted(*args: object) -> list[QueueRow]:
            loads.append(1)
            return load(*args)

        table(app).loader = counted
        for change in (None, "other", "own"):
            await open_first(app, pilot)
            if change == "other":  # a decision from another process, as a second reviewer
                other = Registry(db)
                review.record(other.db, "g-sex-ratio", "split", reviewer="other")
                other.close()
            elif change == "own":
                await pilot.press("u")  # undo the other reviewer's split, from this app
            await pilot.press("escape")
            await settle(app, pilot)
            seen.append((len(loads), [(r.id, r.status) for r in table(app).rows_shown][0]))

    drive(db, steps)
    assert seen == [
        (0, ("g-sex-ratio", "open")),
        (1, ("g-sex-ratio", "dismissed")),
        (2, ("g-sex-ratio", "open")),
    ]


def test_help_lists_the_verdict_keys(db: Path) -> None:
    seen: list = []

    async def steps(app: ReviewApp, pilot: Pilot) -> None:
        await open_first(app, pilot)
        await pilot.press("question_mark")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        seen.extend(app.screen.rows)
        await pilot.press("escape")
        await settle(app, pilot)
        seen.append(type(app.screen).__name__)

    drive(db, steps)
    assert seen[-1] == "GroupScreen"
    keys = dict(seen[:-1])
    for b in VERDICT_BINDINGS:
        assert keys[b.key] == b.tooltip
    assert keys["→/l"] == "Next claim"
    assert keys["^p"] == "Open the command palette"  # the app's, from Textual's App
    assert "Scroll Up" not in keys.values()  # the group body's, a Textual scroll container


def test_palette_has_every_action_and_runs_them(db: Path) -> None:
    seen: dict = {}

    async def steps(app: ReviewApp, pilot: Pilot) -> None:
        await open_first(app, pilot)
        titles = [t for t, _, _ in ReviewCommands(app.screen).entries()]
        seen["group"] = titles
        await pilot.press("ctrl+p", *"Confirm the conflict")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)

    drive(db, steps)
    for b in VERDICT_BINDINGS:
        assert b.tooltip in seen["group"]
    for title in ("Article", "Queue", "Re-read the registry", "Show every key"):
        assert title in seen["group"]
    assert [r["decision"] for r in reviews(db)] == ["confirm_conflict"]


def test_the_idle_tidy_walks_the_frozen_heap_only_when_the_reviewer_is_away(db: Path) -> None:
    """A reviewer's pause gets the quick tidy (what is not frozen); frozen garbage is freed
    once they are away for ``AWAY_S``, or after ``QUICK_TIDIES`` quick ones."""
    import gc
    import time
    import weakref

    from factcheck.tui.app import AWAY_S, IDLE_S, QUICK_TIDIES

    class Cycle:  # garbage only the cyclic collector frees
        def __init__(self) -> None:
            self.me = self

    def frozen_garbage() -> weakref.ref:
        """A cycle frozen while alive, then dropped: garbage in the frozen heap."""
        cycle = Cycle()
        app.keep_heap()
        return weakref.ref(cycle)

    app = ReviewApp(str(db))
    try:
        first = frozen_garbage()
        gc.collect(1)  # objects reach the oldest generation: a quick tidy is due
        app._input_at = time.monotonic() - IDLE_S
        app._tidy_when_idle()
        assert gc.get_count()[2] == 0 and app._quick_tidies == 1
        assert first() is not None  # a pause: the frozen garbage stays
        app._input_at = time.monotonic() - AWAY_S
        app._tidy_when_idle()
        assert first() is None and app._quick_tidies == 0  # away: freed
        second = frozen_garbage()
        app._quick_tidies = QUICK_TIDIES
        app._input_at = time.monotonic() - IDLE_S
        app._tidy_when_idle()
        assert second() is None and app._quick_tidies == 0
    finally:
        gc.unfreeze()
        app.registry.close()


@pytest.mark.parametrize(("given", "used"), [(None, "120"), ("30", "30")])
def test_the_app_asks_textual_for_120_frames_a_second_unless_told(
    given: str | None, used: str
) -> None:
    """Textual reads $TEXTUAL_FPS when first imported; ``factcheck.tui`` sets a default
    before that (in a fresh interpreter: this one imported Textual long ago)."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_FPS"}
    if given is not None:
        env["TEXTUAL_FPS"] = given
    code = "import factcheck.tui.app, textual.constants as c; print(c.MAX_FPS)"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == used
