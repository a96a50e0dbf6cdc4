"""The README's Python example runs as printed, against a registry built from the seeds."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import factcheck

from .conftest import REPO, SEEDS


def test_readme_python_example_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    example = next(b for b in blocks if "record_decision" in b)
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    exec(compile(example, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "boy" in out  # the sex-ratio conflict was listed
    reviews = (
        factcheck.Registry(tmp_path / "claims.db")
        .db.execute("SELECT decision, reviewer FROM reviews")
        .fetchall()
    )
    assert reviews == [("right_figure", "desk")]


def test_public_names_resolve() -> None:
    for name in factcheck.__all__:
        assert getattr(factcheck, name) is not None
    with pytest.raises(AttributeError):
        factcheck.no_such_name  # noqa: B018


def test_audit_stays_the_function_after_the_submodule_is_imported() -> None:
    import factcheck.audit  # noqa: F401

    assert callable(factcheck.audit)
