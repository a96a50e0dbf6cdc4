"""Ingest end to end on real files and a real SQLite registry: versions, bad input, atomicity."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.ingest import ingest_paths
from factcheck.registry import Registry

from .conftest import write_article

STORY = (
    "Ferry sinks off coast\n\n[12 June 2019] -\n\n"
    "Rescuers saved 41 passengers after the ferry sank, and 3 crew members are missing.\n"
)


def counts(reg: Registry) -> tuple[int, int]:
    return (
        reg.db.execute("SELECT count(*) FROM sources").fetchone()[0],
        reg.db.execute("SELECT count(*) FROM claims").fetchone()[0],
    )


def test_seeds_fill_the_registry(seeds_dir: Path, tmp_path: Path) -> None:
    reg = Registry(tmp_path / "claims.db")
    report = ingest_paths(reg, [str(seeds_dir)])
    assert (report.read, report.added, report.errors) == (5, 5, [])
    assert report.claims > 40
    for row in reg.claims():
        text = reg.source_text(row["source_id"])
        assert text[row["start"] : row["end"]] == row["text"]
        assert text[row["sentence_start"] : row["sentence_end"]] == row["sentence"]


def test_reingest_unchanged_changes_nothing(seeds_dir: Path, tmp_path: Path) -> None:
    reg = Registry(tmp_path / "claims.db")
    ingest_paths(reg, [str(seeds_dir)])
    before = reg.db.execute("SELECT * FROM sources ORDER BY id").fetchall()
    before_claims = counts(reg)
    report = ingest_paths(reg, [str(seeds_dir)])
    assert (report.added, report.unchanged) == (0, 5)
    assert reg.db.execute("SELECT * FROM sources ORDER BY id").fetchall() == before
    assert counts(reg) == before_claims


def test_changed_file_becomes_a_new_version(tmp_path: Path) -> None:
    path = write_article(tmp_path / "in", "ferry.txt", STORY)
    reg = Registry(tmp_path / "claims.db")
    ingest_paths(reg, [str(path)])
    first_claims = {r["id"] for r in reg.claims()}
    path.write_text(STORY.replace("41 passengers", "43 passengers"), encoding="utf-8")
    ingest_paths(reg, [str(path)])
    versions = reg.sources(include_superseded=True)
    assert [v["version"] for v in versions] == [1, 2]
    assert versions[0]["superseded_by"] == versions[1]["id"]
    assert [s["version"] for s in reg.sources()] == [2]
    old = {r["id"] for r in reg.claims(include_superseded=True)} & first_claims
    assert old == first_claims  # the old version's claims are still there
    assert {r["text"] for r in reg.claims()} >= {"43"}


def test_bad_inputs_are_reported_and_the_rest_ingested(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_article(folder, "good.txt", STORY)
    write_article(folder, "empty.txt", "  \n")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (folder / "latin1.txt").write_bytes("Caf\xe9 prices rose 5 percent.".encode("latin-1"))
    os.symlink(folder / "nowhere.txt", folder / "dangling.txt")
    reg = Registry(tmp_path / "claims.db")
    report = ingest_paths(reg, [str(folder), str(tmp_path / "missing.txt")])
    reasons = {Path(p).name: r for p, r in report.errors}
    assert reasons == {
        "empty.txt": "file is empty",
        "binary.txt": "binary file, not text",
        "latin1.txt": "not valid UTF-8 text (byte 0xe9 at offset 3)",
        "dangling.txt": "no such file or directory",
        "missing.txt": "no such file or directory",
    }
    assert report.added == 1
    assert counts(reg)[0] == 1


def test_cli_reports_one_line_per_bad_file_and_exits_non_zero(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_article(folder, "good.txt", STORY)
    write_article(folder, "empty.txt", "")
    runner = CliRunner()
    result = runner.invoke(
        cli, ["--db", str(tmp_path / "c.db"), "ingest", str(folder), str(tmp_path / "nope")]
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    err_lines = [line for line in result.stderr.splitlines() if line.startswith("factcheck:")]
    assert len(err_lines) == 2
    assert any("empty.txt: file is empty" in line for line in err_lines)
    assert any("nope: no such file or directory" in line for line in err_lines)
    assert "1 sources read (1 new, 0 unchanged)" in result.stdout
    assert "2 errors" in result.stdout


def test_cli_db_option_env_and_not_a_database(tmp_path: Path, monkeypatch) -> None:
    write_article(tmp_path, "a.txt", STORY)
    monkeypatch.setenv("FACTCHECK_DB", str(tmp_path / "env.db"))
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "a.txt")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "env.db").exists()
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    result = CliRunner().invoke(cli, ["--db", str(junk), "ingest", str(tmp_path / "a.txt")])
    assert result.exit_code != 0
    assert "junk.db" in result.output and "Traceback" not in result.output
    assert junk.read_bytes() == b"this is not sqlite at all" * 100


def test_a_failing_source_is_not_half_written(tmp_path: Path) -> None:
    """A storage failure mid-source rolls back that source; earlier sources stay intact."""
    write_article(tmp_path / "in", "a.txt", STORY)
    write_article(tmp_path / "in", "b.txt", STORY.replace("Ferry", "Barge") + "Another 7 boats.\n")
    reg = Registry(tmp_path / "claims.db")
    # a real SQLite trigger stands in for a disk failure while b.txt's claims are written
    reg.db.execute(
        "CREATE TRIGGER fail_b BEFORE INSERT ON claims WHEN NEW.text = '7' "
        "BEGIN SELECT RAISE(ABORT, 'simulated failure'); END"
    )
    report = ingest_paths(reg, [str(tmp_path / "in")])
    assert [Path(p).name for p, _ in report.errors] == ["b.txt"]
    assert [Path(s["path"]).name for s in reg.sources()] == ["a.txt"]
    orphans = reg.db.execute(
        "SELECT count(*) FROM claims WHERE source_id NOT IN (SELECT id FROM sources)"
    ).fetchone()[0]
    assert orphans == 0


def test_parallel_ingest_matches_serial(seeds_dir: Path, tmp_path: Path) -> None:
    serial, parallel = Registry(tmp_path / "s.db"), Registry(tmp_path / "p.db")
    ingest_paths(serial, [str(seeds_dir)])
    ingest_paths(parallel, [str(seeds_dir)], jobs=2)
    query = "SELECT id, value, low, high, qualifier, kind, unit FROM claims ORDER BY id"
    assert serial.db.execute(query).fetchall() == parallel.db.execute(query).fetchall()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write_article(tmp_path, "locked.txt", STORY)
    path.chmod(0)
    report = ingest_paths(Registry(tmp_path / "c.db"), [str(path)])
    assert report.errors == [(str(path), "permission denied")]


def test_claims_need_a_registered_source(tmp_path: Path) -> None:
    reg = Registry(tmp_path / "c.db")
    with pytest.raises(sqlite3.IntegrityError):
        reg.db.execute("INSERT INTO claims (id, source_id) VALUES ('x', 'no-such-source')")
