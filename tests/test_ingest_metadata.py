"""Title, outlet and published date read off the article text."""

from __future__ import annotations

import pytest

from factcheck.ingest.metadata import read_metadata

from .conftest import SEEDS

CASES = [
    # (text, title, outlet, published)
    ("Dam bursts\n\n[05 March 2014] -\n\nWater rose 3 metres.", "Dam bursts", None, "2014-03-05"),
    (
        "Rates held\n\n2016-01-24 10:39Reuters Editor: A. Writer\n\n"
        "The bank held rates at 2 percent.",
        "Rates held",
        "Reuters",
        "2016-01-24T10:39",
    ),
    ("Storm\n3 July 2013\nWinds reached 90 mph.", "Storm", None, "2013-07-03"),
    ("Vote count\nMarch 5, 2014\nTurnout was 61 percent.", "Vote count", None, "2014-03-05"),
    (
        "Fares up\n\nBus fares rise by 10 cents.\n\nThis article appeared in the Daily Planet "
        "print edition as: Fares up",
        "Fares up",
        "Daily Planet",
        None,
    ),
    ("No date here\n\nSome 40 people came, the Evening Star reported.", "No date here", None, None),
    ("Bad date\n\n31 February 2014\n\nText.", "Bad date", None, None),
]


@pytest.mark.parametrize(("text", "title", "outlet", "published"), CASES)
def test_read_metadata(text: str, title: str, outlet: str | None, published: str | None) -> None:
    meta = read_metadata(text)
    assert (meta.title, meta.outlet, meta.published) == (title, outlet, published)


@pytest.mark.parametrize(
    ("name", "title", "outlet", "published"),
    [
        (
            "001_8ee40d0dd0f31e59.txt",
            "CHINA: Hundreds of babies rescued as police smash four child-trafficking rings",
            "CRIN",
            "2014-03-05",
        ),
        (
            "002_57ada7dc5e570b08.txt",
            "More than 1,000 arrested in China for trafficking babies on the internet",
            "South China Morning Post",
            None,
        ),
        (
            "003_36d2b771ae9a3fac.txt",
            "Infant trafficking rooted in poverty, ignorance of law",
            "Xinhua",
            "2016-01-24T10:39",
        ),
    ],
)
def test_seed_metadata(name: str, title: str, outlet: str, published: str | None) -> None:
    meta = read_metadata((SEEDS / name).read_text(encoding="utf-8"))
    assert (meta.title, meta.outlet, meta.published) == (title, outlet, published)
