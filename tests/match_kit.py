"""Shared set-up for the matcher's tests: real registries built through real ingest."""

from __future__ import annotations

import shutil
from pathlib import Path

from factcheck.conflicts import group_records
from factcheck.ingest import ingest_paths
from factcheck.match import match_registry
from factcheck.registry import Registry

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ARTICLES = ROOT / "tests" / "articles" / "match"


def seed(prefix: str) -> Path:
    """The seed article whose file name starts with ``prefix`` ("000")."""
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def registry_with(tmp_path: Path, *paths: Path, db_name: str = "claims.db") -> Registry:
    """A fresh registry holding the given articles (files or folders), copied under tmp_path
    so that stored paths are short and stable."""
    reg = Registry(tmp_path / db_name)
    for p in paths:
        copy = tmp_path / "in" / p.name
        if p.is_dir():
            shutil.copytree(p, copy, dirs_exist_ok=True)
        else:
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(p, copy)
        report = ingest_paths(reg, [str(copy)])
        assert not report.errors, report.errors
    return reg


def matched(tmp_path: Path, *paths: Path) -> tuple[Registry, list[dict]]:
    """Ingest, match and return every active group record."""
    reg = registry_with(tmp_path, *paths)
    match_registry(reg.db)
    return reg, group_records(reg.db, verdict="all")


def figures(group: dict) -> set[tuple[str, str]]:
    """(file name, figure text) of each claim in a group record."""
    return {(Path(c["source"]).name, c["text"]) for c in group["claims"]}


def groups_with(groups: list[dict], text: str) -> list[dict]:
    """Groups holding a claim whose figure text is ``text``."""
    return [g for g in groups if any(c["text"] == text for c in g["claims"])]
