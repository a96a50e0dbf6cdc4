"""The match, check and conflicts commands, run through click on real files."""

from __future__ import annotations

import json

from click.testing import CliRunner

from factcheck.cli import cli

FIRE_A = (
    "Fire at Jinhua textile plant\n\n2023-02-11 09:00\n\nA fire at the Hengda Textile factory "
    "in Jinhua on February 10 killed 38 workers, local officials [bold]said[/bold].\n"
)
FIRE_B = (
    "Jinhua factory blaze\n\n2023-02-11 10:30\n\nThe fire that swept through the Hengda Textile "
    "factory in Jinhua on February 10 killed 36 workers, the fire brigade said.\n"
)


def _articles(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(FIRE_A)
    (folder / "b.txt").write_text(FIRE_B)
    return folder


def test_check_prints_the_conflict_with_both_sources_and_sentences(tmp_path):
    db = str(tmp_path / "claims.db")
    result = CliRunner().invoke(cli, ["--db", db, "check", str(_articles(tmp_path))])
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "conflict" in out and "36 vs 38 workers dead: no overlap" in out
    assert "a.txt" in out and "b.txt" in out
    assert "killed 36 workers, the fire brigade said" in out
    assert "[bold]said[/bold]" in out  # article text is escaped, not rendered as markup


def test_conflicts_json_has_the_documented_shape(tmp_path):
    db = str(tmp_path / "claims.db")
    runner = CliRunner()
    runner.invoke(cli, ["--db", db, "ingest", str(_articles(tmp_path))])
    assert "1 conflict" in runner.invoke(cli, ["--db", db, "match"]).output
    result = runner.invoke(cli, ["--db", db, "conflicts", "--json"])
    groups = json.loads(result.output)
    assert len(groups) == 1
    group = groups[0]
    assert {"id", "verdict", "severity", "confidence", "quantity", "explanation", "claims"} <= set(
        group
    )
    for claim in group["claims"]:
        for key in (
            "source",
            "start",
            "end",
            "text",
            "sentence",
            "value",
            "low",
            "high",
            "qualifier",
            "unit",
            "kind",
            "evidence",
        ):
            assert key in claim
        assert claim["text"] in claim["sentence"]
        assert claim["evidence"]["rule"] == "event"
    high = runner.invoke(cli, ["--db", db, "conflicts", "--json", "--min-severity", "0.99"])
    assert json.loads(high.output) == []
    everything = runner.invoke(cli, ["--db", db, "conflicts", "--verdict", "all"])
    assert everything.exit_code == 0 and "conflict" in everything.output


def test_db_is_taken_after_the_command_name_too(tmp_path):
    """``factcheck check --db X`` (as the issues spell commands) is ``factcheck --db X check``;
    given in both places, the one after the command wins."""
    db, other = str(tmp_path / "claims.db"), str(tmp_path / "other.db")
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", other, "check", "--db", db, str(_articles(tmp_path))])
    assert result.exit_code == 0, result.output
    after = runner.invoke(cli, ["conflicts", "--db", db, "--json"])
    before = runner.invoke(cli, ["--db", db, "conflicts", "--json"])
    assert after.exit_code == before.exit_code == 0
    assert after.output == before.output and len(json.loads(after.output)) == 1
    assert not (tmp_path / "other.db").exists()
