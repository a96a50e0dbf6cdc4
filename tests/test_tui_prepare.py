"""Enter on a group the queue's cursor rested on: the group was drawn unseen meanwhile
(``ReviewApp.prepare_group``), and Enter shows it as an unprepared opening would, with
what the registry holds at the moment of Enter. Keys typed ahead act in order."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from textual import events
from textual.geometry import Region
from textual.pilot import Pilot

from factcheck import review
from factcheck.registry import Registry
from factcheck.tui import app as app_module
from factcheck.tui.app import ReviewApp
from factcheck.tui.screens.group import GroupBody, GroupScreen
from factcheck.tui.screens.queue import QueueScreen
from factcheck.tui.widgets.group_sheet import GroupSheet

from .tui_fixtures import invented_registry


def counting(monkeypatch: pytest.MonkeyPatch, cls: type, name: str) -> list[object]:
    """Count calls of ``cls.name`` (still called): one entry per call, its first argument."""
    calls: list[object] = []
    original = getattr(cls, name)

    def run(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        calls.append(args[0] if args else None)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(cls, name, run)
    return calls


def send_at_once(app: ReviewApp, *keys: str) -> None:
    """Keys as typed quickly: queued together (the pilot waits for idle after each)."""
    for key in keys:
        event = events.Key(key, "\r" if key == "enter" else None)
        event.set_sender(app)
        app._driver.send_message(event)


@contextlib.asynccontextmanager
async def settled(path: Path) -> AsyncIterator[tuple[ReviewApp, Pilot]]:
    """The app on ``path`` with its queue painted and the first row's group prepared."""
    app = ReviewApp(str(path), reviewer="tester")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        yield app, pilot


def open_second_group(path: Path, *, rest: bool, shows: list[object]) -> dict:
    """Open the queue's second group, after the cursor rested on it or at once; what
    the group screen shows then, and how often the sheet was refilled by Enter."""
    seen: dict = {}

    async def go() -> None:
        app = ReviewApp(str(path), reviewer="tester")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            if rest:
                await app.workers.wait_for_complete()
                await pilot.press("down")
                await app.workers.wait_for_complete()  # the rest: the group is drawn
                seen["prepared"] = (app.group_screen.group_id, app.screen.current_group_id())
                shows.clear()
                await pilot.press("enter")
            else:  # typed ahead: Enter acts after the arrow, on the row it moved to
                shows.clear()
                send_at_once(app, "down", "enter")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, GroupScreen)
            sheet = screen.query_one(GroupSheet)
            seen["group"] = screen.group_id
            seen["shows"] = len(shows)
            seen["rows"] = [list(s) for s in sheet.render_lines(Region(0, 0, *sheet.size))]
            seen["at"] = (sheet.selected, screen.query_one(GroupBody).scroll_y)
            seen["focused"] = app.focused is sheet

    asyncio.run(go())
    return seen


def test_enter_on_a_prepared_group_shows_what_an_unprepared_opening_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shows = counting(monkeypatch, GroupSheet, "show")
    rested = open_second_group(invented_registry(tmp_path / "a.db"), rest=True, shows=shows)
    monkeypatch.setattr(app_module, "REST_S", 60.0)  # nothing is prepared in time
    at_once = open_second_group(invented_registry(tmp_path / "b.db"), rest=False, shows=shows)
    assert rested["prepared"] == ("g-fire-hurt", "g-fire-hurt")
    assert rested["shows"] == 0  # drawn while the cursor rested: Enter refills nothing
    assert at_once["shows"] == 1
    for seen in (rested, at_once):  # first card lit, from the top, the sheet focused
        assert (seen["group"], seen["at"], seen["focused"]) == ("g-fire-hurt", (0, 0), True)
    assert rested["rows"] == at_once["rows"]


def test_a_decision_written_elsewhere_after_preparing_is_shown_on_enter(tmp_path: Path) -> None:
    """The prepared drawing is of what the registry held then: Enter reads the group
    again and draws it anew when another process decided on it meanwhile."""
    path = invented_registry(tmp_path / "claims.db")
    seen: dict = {}

    async def go() -> None:
        async with settled(path) as (app, pilot):
            seen["prepared"] = app.group_screen.group_id
            other = Registry(path)  # another reviewer's process
            review.record(other.db, "g-sex-ratio", "note", reviewer="desk", note="call the bureau")
            other.close()
            await pilot.press("enter")
            await pilot.pause()
            sheet = app.screen.query_one(GroupSheet)
            seen["text"] = [sheet.render_line(y).text for y in range(sheet.layout().height)]

    asyncio.run(go())
    assert seen["prepared"] == "g-sex-ratio"
    assert any("desk  note: call the bureau" in line for line in seen["text"])


def test_only_the_row_the_cursor_rests_on_is_prepared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows passed by quick keys are not drawn: each move cancels the last preparation."""
    path = invented_registry(tmp_path / "claims.db")
    rehearsed = counting(monkeypatch, GroupScreen, "rehearse")
    seen: dict = {}

    async def go() -> None:
        async with settled(path) as (app, pilot):
            seen["start"] = [view.id for view in rehearsed]
            rehearsed.clear()
            send_at_once(app, "down", "up", "down", "up", "down")
            await pilot.pause()
            await app.workers.wait_for_complete()
            assert isinstance(app.screen, QueueScreen)
            seen["burst"] = [view.id for view in rehearsed]
            seen["cursor"] = app.screen.current_group_id()

    asyncio.run(go())
    assert seen["start"] == ["g-sex-ratio"]  # the first row, once the queue is painted
    assert seen["burst"] == ["g-fire-hurt"] == [seen["cursor"]]


def test_a_group_prepared_before_a_resize_is_shown_at_the_new_size(tmp_path: Path) -> None:
    """The drawing made at the old size is not shown: the group is laid out and drawn
    again at the terminal's new size, as if it had been opened there."""
    shown: dict[str, tuple] = {}

    async def go(name: str, resize: bool) -> None:
        path = invented_registry(tmp_path / f"{name}.db")
        app = ReviewApp(str(path), reviewer="tester")
        async with app.run_test(size=(100, 30) if resize else (80, 24)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()  # prepared at the size it started at
            if resize:
                await pilot.resize_terminal(80, 24)
                await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            sheet = app.screen.query_one(GroupSheet)
            rows = sheet.render_lines(Region(0, 0, *sheet.size))
            shown[name] = (sheet.size, [list(row) for row in rows])

    asyncio.run(go("resized", resize=True))
    asyncio.run(go("started there", resize=False))
    assert shown["resized"][0].width == 76  # 80 less the body's padding and scroll bar
    assert shown["resized"] == shown["started there"]


def test_back_on_the_queue_the_row_under_the_cursor_is_prepared_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Esc leaves the cursor on the group just read: opening it again after a rest shows
    a drawing made meanwhile, not a refill (the cursor did not move to ask for one)."""
    path = invented_registry(tmp_path / "claims.db")
    shows = counting(monkeypatch, GroupSheet, "show")
    seen: dict = {}

    async def go() -> None:
        async with settled(path) as (app, pilot):
            for visit in ("first", "again"):
                shows.clear()
                await pilot.press("enter")
                await pilot.pause()
                seen[visit] = (app.screen.group_id, len(shows))
                await pilot.press("right", "escape")  # a card picked, then back
                await pilot.pause()
                await app.workers.wait_for_complete()

    asyncio.run(go())
    assert seen == {"first": ("g-sex-ratio", 0), "again": ("g-sex-ratio", 0)}
