"""The queue reads the figures of the rows in its window first, the others once painted."""

from __future__ import annotations

import asyncio
from pathlib import Path

from factcheck.registry import Registry
from factcheck.tui import data
from factcheck.tui.app import ReviewApp
from factcheck.tui.widgets.queue_table import QueueTable

from .tui_fixtures import invented_registry


def test_rows_read_without_their_figures_get_the_same_ones_later(tmp_path: Path) -> None:
    reg = Registry(invented_registry(tmp_path / "claims.db"))
    f = data.QueueFilter(verdict="all")
    whole = data.fetch_page(reg.db, f)
    part = data.fetch_page(reg.db, f, figured=1)
    assert part[0] == whole[0]
    assert [(r.figures, r.sources) for r in part[1:]] == [(None, None), (None, None)]
    assert data.with_figures(reg.db, part) == whole
    assert whole[2].figures == "100"  # g-consistent: 100 and 100, from two sources
    reg.close()


def test_a_row_below_the_window_is_drawn_with_its_figures(tmp_path: Path) -> None:
    path = invented_registry(tmp_path / "claims.db")
    seen: dict[str, object] = {}

    async def go() -> None:
        app = ReviewApp(str(path), reviewer="tester")
        async with app.run_test(size=(100, 7)) as pilot:  # a window of two rows
            await pilot.pause()
            app.screen.set_filter("verdict", "all")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            table = app.screen.query_one(QueueTable)
            seen["window"] = table.body_height
            seen["painted"] = [(r.figures, r.sources) for r in table.rows_shown]
            table.restart()  # read again: the third row comes without its figures
            seen["read"] = [r.figures for r in table.rows_shown]
            table.move_cursor(2)  # and is drawn before the read after the paint
            seen["drawn"] = table.render_line(2).text

    asyncio.run(go())
    assert seen["window"] == 2
    assert seen["painted"] == [("115 | ~118", 2), ("40 | 42", 2), ("100", 2)]
    assert seen["read"] == ["115 | ~118", "40 | 42", None]
    assert "girls per census  " in seen["drawn"] and " 100  " in seen["drawn"]
