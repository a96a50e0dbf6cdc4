"""Snapshots of the review app's screens on the seeds, registry built by the real pipeline.

Update after an intended change with ``pytest tests/test_tui_snapshots.py --snapshot-update``
and look at the SVGs in ``tests/__snapshots__``. The seeds' groups come from the
extractor and matcher, so an improvement there changes these pictures too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot

from factcheck.ingest import ingest_paths
from factcheck.match import match_registry
from factcheck.registry import Registry
from factcheck.tui.app import ReviewApp
from factcheck.tui.data import QueueFilter

from .conftest import SEEDS


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("seeds-registry")
    shutil.copytree(SEEDS, folder / "seeds")
    reg = Registry(folder / "claims.db")
    report = ingest_paths(reg, [str(folder / "seeds")])
    assert not report.errors
    match_registry(reg.db)
    reg.close()
    return folder / "claims.db"


def app_on(db: Path) -> ReviewApp:
    app = ReviewApp(str(db), reviewer="snapshot")
    app.queue_filter = QueueFilter(verdict="all", status="all")  # every group of the seeds
    return app


async def settled(pilot: Pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_queue_screen(snap_compare, seeds_db: Path) -> None:
    assert snap_compare(app_on(seeds_db), terminal_size=(100, 24), run_before=settled)


def test_group_screen(snap_compare, seeds_db: Path) -> None:
    async def open_first(pilot: Pilot) -> None:
        await settled(pilot)
        await pilot.press("enter")
        await settled(pilot)

    assert snap_compare(app_on(seeds_db), terminal_size=(100, 40), run_before=open_first)


def test_article_screen(snap_compare, seeds_db: Path) -> None:
    async def open_article(pilot: Pilot) -> None:
        await settled(pilot)
        await pilot.press("enter")
        await settled(pilot)
        await pilot.press("enter")
        await settled(pilot)

    assert snap_compare(app_on(seeds_db), terminal_size=(80, 24), run_before=open_article)
