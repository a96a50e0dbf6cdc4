"""Regenerate docs/queue.svg and docs/group.svg: the review app on the seeds registry.

    .venv/bin/python docs/screenshots.py

The registry is built in a temporary folder by the real pipeline (ingest + match),
so the pictures show what ``factcheck check seeds/ && factcheck review`` shows.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from pathlib import Path

from factcheck.ingest import ingest_paths
from factcheck.match import match_registry
from factcheck.registry import Registry
from factcheck.tui.app import ReviewApp

DOCS = Path(__file__).resolve().parent
SEEDS = DOCS.parent / "seeds"


async def shoot(db: Path) -> None:
    app = ReviewApp(str(db), reviewer="reviewer")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.save_screenshot("queue.svg", path=str(DOCS))
        await pilot.press("enter")
        await pilot.pause()
        app.save_screenshot("group.svg", path=str(DOCS))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(SEEDS, Path(tmp) / "seeds")
        reg = Registry(Path(tmp) / "claims.db")
        ingest_paths(reg, [str(Path(tmp) / "seeds")])
        match_registry(reg.db)
        reg.close()
        asyncio.run(shoot(Path(tmp) / "claims.db"))
    print(f"wrote {DOCS / 'queue.svg'} and {DOCS / 'group.svg'}")


if __name__ == "__main__":
    main()
