"""The matcher where its bulk paths matter: one story in more outlets than a block
compares all-pairs, so links come from each claim's nearest neighbours only."""

from __future__ import annotations

from factcheck.conflicts import group_records
from factcheck.match import match_registry
from factcheck.match.blocking import ALL_PAIRS_UP_TO

from .match_kit import groups_with, registry_with

STORY = """Ferry capsizes off Palawan, {dead} dead

2024-03-{day:02d} 08:00

The ferry Santa Lucia capsized off Palawan on March 9 with 317 passengers aboard, \
the coast guard said. Rescuers pulled 284 survivors from the water and {dead} people \
died, Commander Ramon Ilagan told reporters at the {outlet} desk.
"""


def test_a_story_in_more_outlets_than_all_pairs_still_forms_one_group(tmp_path):
    outlets = ALL_PAIRS_UP_TO + 6
    folder = tmp_path / "src" / "reprints"
    folder.mkdir(parents=True)
    for k in range(outlets):
        # one outlet in ten states an older toll: rival figures inside the same story
        dead = 33 if k % 10 == 3 else 31
        text = STORY.format(dead=dead, day=10 + k % 2, outlet=f"Outlet{k:03d}")
        (folder / f"outlet{k:03d}.txt").write_text(text)
    reg = registry_with(tmp_path, folder)
    match_registry(reg.db)
    groups = group_records(reg.db, verdict="all")
    survivors = groups_with(groups, "284")
    assert len(survivors) == 1
    assert len({c["source"] for c in survivors[0]["claims"]}) == outlets
    assert survivors[0]["verdict"] == "consistent"
    deaths = groups_with(groups, "31")
    assert len(deaths) == 1
    assert groups_with(groups, "33") == deaths
    assert deaths[0]["verdict"] == "conflict"
    assert len({c["source"] for c in deaths[0]["claims"]}) == outlets
