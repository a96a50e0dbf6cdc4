"""Which parts of a saved page are article text (table-driven on invented pages)."""

from __future__ import annotations

import pytest

from factcheck.ingest.body import article_regions

from .conftest import SEEDS


def body_text(text: str) -> str:
    return "\n".join(text[s:e] for s, e in article_regions(text))


PAGES = [
    # (page, must be kept, must be cut)
    (
        "Flood kills 12 in river town\n\nAt least 12 people died when the river burst.\n\n"
        "Related news\nMost popular\nSport\nWeather\nContact Us\n"
        "Copyright ©2020 All rights reserved.",
        ["At least 12 people died", "Flood kills 12"],
        ["Copyright", "Contact Us", "Most popular"],
    ),
    (
        "Advertisement\nA man walks past a shop. Photo: Reuters\n\nPrices rose 4 percent in May.\n",
        ["Prices rose 4 percent"],
        ["Advertisement", "Photo: Reuters"],
    ),
    (
        "Bridge opens after 3 years of work.\n\nComments\nJoe Bloggs\nJoe B2 days ago\n"
        "I waited 3 years for this!\n",
        ["Bridge opens after 3 years"],
        ["Joe Bloggs", "2 days ago", "I waited"],
    ),
    (
        "Council approves budget of $4 million.\n\nMary K.\nMary K5 hours ago\nToo much money.\n",
        ["budget of $4 million"],
        ["5 hours ago", "Too much money"],
    ),
]


@pytest.mark.parametrize(("page", "kept", "cut"), PAGES)
def test_article_regions(page: str, kept: list[str], cut: list[str]) -> None:
    body = body_text(page)
    for phrase in kept:
        assert phrase in body
    for phrase in cut:
        assert phrase not in body


def test_a_lone_short_line_is_kept_as_a_headline() -> None:
    page = "Quake hits coast\n\nA magnitude 6.1 quake struck on Monday.\n"
    assert body_text(page).startswith("Quake hits coast")


def test_seed_reader_comments_are_cut() -> None:
    text = (SEEDS / "004_eb80c2930af9e2d0.txt").read_text(encoding="utf-8")
    body = body_text(text)
    assert "years ago" not in body
    assert "89 Chinese Children Rescued" in body
    assert body.rstrip().endswith("female babies for adoption.")


def test_regions_index_the_text() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        regions = article_regions(text)
        assert regions == sorted(regions)
        for s, e in regions:
            assert 0 <= s < e <= len(text)
            assert text[s:e].strip() == text[s:e].strip()
