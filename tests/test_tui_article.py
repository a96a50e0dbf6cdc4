"""The article screen on the seeds (long real articles): the claim's paragraph is barred,
lit and centred in view each time an article is opened, on the one kept screen."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest

from factcheck.ingest import ingest_paths
from factcheck.match import match_registry
from factcheck.registry import Registry
from factcheck.tui.app import ReviewApp
from factcheck.tui.screens.article import ArticleScreen
from factcheck.tui.widgets.article_text import BAR, ArticleText, paragraphs

from .conftest import SEEDS


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("article-registry")
    shutil.copytree(SEEDS, folder / "seeds")
    reg = Registry(folder / "claims.db")
    assert not ingest_paths(reg, [str(folder / "seeds")]).errors
    match_registry(reg.db)
    reg.close()
    return folder / "claims.db"


def test_paragraphs_keep_offsets_and_skip_blank_lines() -> None:
    text = "Title\n\n  \nFirst para.\nSecond para."
    assert [text[a:b] for a, b in paragraphs(text)] == ["Title", "First para.", "Second para."]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_each_opened_article_centres_its_claim(seeds_db: Path, size: tuple[int, int]) -> None:
    seen: list = []

    async def go() -> None:
        app = ReviewApp(str(seeds_db), reviewer="tester")
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            for keys in (["enter"], ["escape", "right", "enter"], ["escape", "left", "enter"]):
                await pilot.press(*keys)
                await pilot.pause()
                screen = app.screen
                assert isinstance(screen, ArticleScreen)
                text, body = screen.query_one(ArticleText), screen.query_one("#article-body")
                region, top = text.claim_region(), body.scroll_offset.y
                rows = [text.render_line(y).text for y in range(text.size.height)]
                barred = [y for y, row in enumerate(rows) if row.startswith(BAR)]
                lit = {
                    seg.text
                    for y in barred
                    for seg in text.render_line(y)
                    if seg.style and seg.style.bold and seg.style.reverse
                }
                seen.append(
                    (
                        screen.claim.id,
                        top <= region.y and region.bottom <= top + body.size.height,
                        top > 0,
                        barred == list(range(region.y, region.bottom)),
                        lit,
                    )
                )

    asyncio.run(go())
    first, second, again = seen
    assert first[0] != second[0] and again[0] == first[0]
    assert all(visible and bar for _, visible, _, bar, _ in seen)
    assert first[2] and again[2]  # the 115 is deep in its article: scrolled down to it
    assert first[4] | second[4] == {"115", "118"}
