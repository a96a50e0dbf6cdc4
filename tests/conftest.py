"""Shared fixtures: the seed articles and registries built from them by the real pipeline."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture
def seeds_dir(tmp_path: Path) -> Path:
    """A private copy of the seed articles (tests may edit it)."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


def write_article(folder: Path, name: str, text: str) -> Path:
    """Write an invented article; folders are created as needed."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
