"""Reports, audit and verification on the seeds, through the real ingest + match pipeline."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from factcheck import review
from factcheck.audit import audit, verify
from factcheck.cli import cli
from factcheck.ingest import ingest_paths
from factcheck.match import match_registry
from factcheck.registry import Registry
from factcheck.report import FORMATS, SCHEMA_PATH, render

from .conftest import SEEDS

SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding seeds/ and claims.db filled by ingest + match (paths stored relative)."""
    root = tmp_path_factory.mktemp("seedreg")
    shutil.copytree(SEEDS, root / "seeds")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root)
        reg = Registry("claims.db")
        ingest_paths(reg, ["seeds"])
        match_registry(reg.db)
        reg.close()
    return root


@pytest.fixture
def workdir(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the built folder (tests record decisions and edit files), as cwd."""
    shutil.copytree(built / "seeds", tmp_path / "seeds")
    src = sqlite3.connect(built / "claims.db")
    dst = sqlite3.connect(tmp_path / "claims.db")
    src.backup(dst)
    src.close()
    dst.close()
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def reg(workdir: Path) -> Registry:
    r = Registry(workdir / "claims.db")
    yield r
    r.close()


def sex_ratio_group(reg: Registry) -> dict:
    """The conflict between seed 000 (115 boys per 100 girls) and seed 001 (about 118)."""
    for group in json.loads(render(reg.db, "json", verdict="conflict"))["groups"]:
        texts = {c["text"] for c in group["claims"]}
        names = {Path(c["source"]).name[:3] for c in group["claims"]}
        if {"000", "001"} <= names and any("115" in t for t in texts):
            return group
    raise AssertionError("no sex-ratio conflict between seeds 000 and 001")


def test_every_format_on_the_seeds(reg: Registry) -> None:
    group = sex_ratio_group(reg)
    review.record(reg.db, group["id"], "confirm_conflict", reviewer="desk", note="UN data: 115")

    doc = json.loads(render(reg.db, "json"))
    jsonschema.validate(doc, SCHEMA)
    (mine,) = [g for g in doc["groups"] if g["id"] == group["id"]]
    assert mine["status"] == "confirmed" and mine["reviews"][0]["note"] == "UN data: 115"
    assert {s["path"] for s in doc["sources"]} >= {c["source"] for c in mine["claims"]}

    md = render(reg.db, "md")
    conflicts = md[md.index("## Conflicts") :]
    assert md.index("## Conflicts") < md.find("## Consistent") or "## Consistent" not in md
    assert "000\\_eec397416c499ffc.txt" in conflicts and "001\\_8ee40d0dd0f31e59.txt" in conflicts
    assert "**115** boys" in conflicts

    rows = list(csv.DictReader(io.StringIO(render(reg.db, "csv"))))
    assert sum(r["group_id"] == group["id"] for r in rows) == len(group["claims"])
    assert len(rows) == sum(len(g["claims"]) for g in doc["groups"])

    (cr,) = json.loads(render(reg.db, "claimreview"))
    assert cr["@type"] == "ClaimReview" and cr["identifier"] == group["id"]
    assert (
        cr["author"]["name"] == "desk" and cr["datePublished"] == mine["reviews"][0]["created_at"]
    )
    appearances = {Path(a["url"]).name[:3] for a in cr["itemReviewed"]["appearance"]}
    assert {"000", "001"} <= appearances
    assert "115" in cr["reviewBody"] and "118" in cr["reviewBody"]
    assert cr["reviewRating"]["ratingValue"] == 1


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_seed_reports_are_byte_identical(reg: Registry, fmt: str) -> None:
    groups = json.loads(render(reg.db, "json"))["groups"]
    assert groups, "the seeds give no groups at all"
    review.record(reg.db, groups[0]["id"], "approve", reviewer="desk")
    first = render(reg.db, fmt)
    assert first == render(reg.db, fmt)
    if fmt == "claimreview":
        assert json.loads(first)[0]["identifier"] == groups[0]["id"]


def test_audit_names_both_sex_ratio_sources_as_contradicted(reg: Registry) -> None:
    group = sex_ratio_group(reg)
    rows = {Path(r["source"]).name[:3]: r for r in audit(reg.db)}
    for seed, other in (("000", "001"), ("001", "000")):
        hits = [c for c in rows[seed]["contradictions"] if c["group_id"] == group["id"]]
        assert hits, f"seed {seed} not contradicted on the sex ratio"
        assert any(Path(o["source"]).name[:3] == other for h in hits for o in h["against"])

    # a reviewer says seed 000's 115 is right: seed 001 now has a confirmed error and
    # ranks first, even though seed 000 has the higher share of contradicted claims
    right = next(c["id"] for c in group["claims"] if Path(c["source"]).name.startswith("000"))
    review.record(reg.db, group["id"], "right_figure", right_claim_id=right, reviewer="desk")
    ranked = audit(reg.db)
    assert Path(ranked[0]["source"]).name[:3] == "001" and ranked[0]["confirmed_errors"] == 1
    assert ranked[0]["errors"][0]["right"]["claim_id"] == right


def test_verify_detects_a_seed_edited_after_ingest(reg: Registry, workdir: Path) -> None:
    assert {r["status"] for r in verify(reg.db)} == {"ok"}
    runner = CliRunner()
    ok = runner.invoke(cli, ["--db", "claims.db", "audit", "--verify"])
    assert ok.exit_code == 0, ok.output

    seed = workdir / "seeds" / "000_eec397416c499ffc.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("115 boys", "105 boys"), "utf-8")
    rows = {Path(r["source"]).name[:3]: r for r in verify(reg.db)}
    assert rows["000"]["status"] == "changed" and rows["000"]["broken_claims"]
    assert all(r["status"] == "ok" for k, r in rows.items() if k != "000")

    bad = runner.invoke(cli, ["--db", "claims.db", "audit", "--verify"])
    assert bad.exit_code == 1
    assert "changed: seeds/000_eec397416c499ffc.txt" in bad.output
    as_json = runner.invoke(cli, ["--db", "claims.db", "audit", "--verify", "--json"])
    assert as_json.exit_code == 1
    assert {r["status"] for r in json.loads(as_json.output)} == {"ok", "changed"}


def test_cli_report_and_audit(reg: Registry, workdir: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(cli, ["--db", "claims.db", "report", "--format", "json", "-o", "r.json"])
    assert out.exit_code == 0, out.output
    doc = json.loads((workdir / "r.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc, SCHEMA)
    assert doc == json.loads(render(reg.db, "json"))
    md = runner.invoke(cli, ["--db", "claims.db", "report", "--verdict", "consistent"])
    assert md.exit_code == 0 and "## Consistent" in md.output and "## Conflicts" not in md.output
    audited = runner.invoke(cli, ["--db", "claims.db", "audit", "--json"])
    assert audited.exit_code == 0
    assert len(json.loads(audited.output)) == 5
    table = runner.invoke(cli, ["--db", "claims.db", "audit"])
    assert table.exit_code == 0 and "most deviating first" in table.output
