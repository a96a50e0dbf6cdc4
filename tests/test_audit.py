"""Source audit and file verification on invented registries."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck import review
from factcheck.audit import audit, origins, verify
from factcheck.registry import Registry

from .report_kit import add_article, add_group

WIRE = (
    "Rescuers pulled 37 miners from the collapsed Dunmore shaft on Tuesday, the regional "
    "mining authority said. Eleven workers remain missing and a further 142 were evacuated "
    "from neighbouring tunnels as a precaution. The authority said pumping would continue "
    "through the night and that the cause of the collapse was not yet known. Families "
    "gathered at the pit head as the first stretchers were carried out."
)
HERALD = "Valley Herald\nBy wire staff\n" + WIRE
COURIER = "Coast Courier\n" + WIRE.replace("on Tuesday", "on Tuesday morning") + " More soon."
OWN_REPORT = (
    "At the Dunmore pit head our reporter counted 41 miners brought out by dusk. Relatives "
    "said the authority's figures lagged behind what they could see with their own eyes."
)
SECOND_OWN = (
    "Dunmore rescue latest\nA paramedic at the scene told us 37 miners had been treated, "
    "most for dust inhalation, and that several crews were still underground."
)


def by_source(rows: list[dict]) -> dict[str, dict]:
    return {Path(r["source"]).name: r for r in rows}


@pytest.fixture
def mine(tmp_path: Path) -> tuple[Registry, dict[str, list[str]]]:
    """Two outlets print one wire story (37); an independent report says 41."""
    reg = Registry(tmp_path / "claims.db")
    ids = {
        "herald.txt": add_article(
            reg, tmp_path / "herald.txt", HERALD, [{"text": "37", "value": 37}], outlet="Herald"
        ),
        "courier.txt": add_article(
            reg, tmp_path / "courier.txt", COURIER, [{"text": "37", "value": 37}], outlet="Courier"
        ),
        "own.txt": add_article(
            reg, tmp_path / "own.txt", OWN_REPORT, [{"text": "41", "value": 41}]
        ),
    }
    add_group(reg, "g-miners", [c for v in ids.values() for c in v], verdict="conflict")
    yield reg, ids
    reg.close()


def test_syndicated_copies_are_one_origin_not_corroboration(mine) -> None:
    reg, _ = mine
    rows = by_source(audit(reg.db))
    herald, courier, own = rows["herald.txt"], rows["courier.txt"], rows["own.txt"]
    assert herald["origin"] == courier["origin"] != own["origin"]
    assert herald["syndicated_with"] == [courier["source"]]
    # the two copies agree with each other, but that is one origin speaking twice
    assert herald["corroborated"] == courier["corroborated"] == 0
    assert herald["contradicted"] == courier["contradicted"] == own["contradicted"] == 1
    (contradiction,) = own["contradictions"]
    assert contradiction["text"] == "41"
    assert {Path(o["source"]).name for o in contradiction["against"]} == {
        "herald.txt",
        "courier.txt",
    }


def test_independent_agreement_corroborates(mine, tmp_path: Path) -> None:
    reg, ids = mine
    extra = add_article(
        reg, tmp_path / "medic.txt", SECOND_OWN, [{"text": "37", "value": 37}], outlet="Gazette"
    )
    add_group(reg, "g-medic", [ids["herald.txt"][0], extra[0]], verdict="consistent")
    rows = by_source(audit(reg.db))
    assert rows["medic.txt"]["origin"] != rows["herald.txt"]["origin"]
    assert rows["herald.txt"]["corroborated"] == 1
    assert rows["medic.txt"]["corroborated"] == 1 and rows["medic.txt"]["unique"] == 0


def test_only_copies_in_a_group_leave_the_claim_unique(tmp_path: Path) -> None:
    reg = Registry(tmp_path / "claims.db")
    a = add_article(reg, tmp_path / "h.txt", HERALD, [{"text": "142", "value": 142}])
    b = add_article(reg, tmp_path / "c.txt", COURIER, [{"text": "142", "value": 142}])
    add_group(reg, "g", a + b)
    rows = by_source(audit(reg.db))
    assert rows["h.txt"]["unique"] == rows["h.txt"]["claims"] == 1
    assert rows["h.txt"]["corroborated"] == 0


def test_independent_reports_of_one_event_are_separate_origins() -> None:
    texts = {"w": ("w.txt", WIRE), "o": ("o.txt", OWN_REPORT), "m": ("m.txt", SECOND_OWN)}
    found = origins(texts)
    assert len(set(found.values())) == 3
    texts["h"] = ("h.txt", HERALD)
    assert origins(texts)["h"] == origins(texts)["w"] == "h.txt"  # smallest path names it


def test_reviewer_confirmed_error_ranks_the_source_first(mine) -> None:
    reg, ids = mine
    review.record(reg.db, "g-miners", "right_figure", right_claim_id=ids["herald.txt"][0])
    rows = audit(reg.db)
    assert Path(rows[0]["source"]).name == "own.txt" and rows[0]["rank"] == 1
    own = rows[0]
    assert own["confirmed_errors"] == 1 and own["deviation"] == 1.0
    assert Path(own["errors"][0]["right"]["source"]).name == "herald.txt"
    assert all(r["confirmed_errors"] == 0 for r in rows[1:])


def test_split_decision_compares_nothing_and_undo_restores(mine) -> None:
    reg, _ = mine
    review.record(reg.db, "g-miners", "split")
    rows = by_source(audit(reg.db))
    assert all(r["contradicted"] == 0 and r["unique"] == 1 for r in rows.values())
    review.undo_last(reg.db, "g-miners")
    assert by_source(audit(reg.db))["own.txt"]["contradicted"] == 1


def test_not_conflict_decision_counts_as_agreement(mine) -> None:
    reg, _ = mine
    review.record(reg.db, "g-miners", "not_conflict")
    own = by_source(audit(reg.db))["own.txt"]
    assert own["contradicted"] == 0 and own["corroborated"] == 1


def test_verify_reports_changed_missing_and_tampered(mine, tmp_path: Path) -> None:
    reg, ids = mine
    assert {r["status"] for r in verify(reg.db)} == {"ok"}
    (tmp_path / "own.txt").write_text(OWN_REPORT.replace("41", "44"), encoding="utf-8")
    (tmp_path / "courier.txt").unlink()
    reg.db.execute("UPDATE claims SET text = '73' WHERE id = ?", [ids["herald.txt"][0]])
    reg.db.conn.commit()
    rows = by_source(verify(reg.db))
    assert rows["own.txt"]["status"] == "changed"
    assert rows["own.txt"]["broken_claims"] == ids["own.txt"]
    assert rows["courier.txt"]["status"] == "missing"
    assert rows["herald.txt"]["status"] == "tampered"


def test_verify_reads_relative_paths_from_root(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    reg = Registry("claims.db")
    add_article(reg, Path("own.txt"), OWN_REPORT, [{"text": "41", "value": 41}])
    monkeypatch.chdir("/")
    assert verify(reg.db)[0]["status"] == "missing"
    assert verify(reg.db, root=tmp_path)[0]["status"] == "ok"
