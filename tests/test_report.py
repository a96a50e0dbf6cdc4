"""Report formats on invented registries: content, escaping, filters, determinism."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest

from factcheck import review
from factcheck.registry import Registry
from factcheck.report import FORMATS, SCHEMA_PATH, render

from .report_kit import add_article, add_group

SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))

DAM_A = (
    "Reservoir levels fall\nThe Kell dam holds 4,200 tonnes of water after the dry spring, "
    "the water board said. Officials said 12 families were moved from the valley."
)
DAM_B = (
    "Engineers inspect Kell dam\nInspectors said the Kell dam holds about 3,900 tonnes of "
    "water [click here](http://evil/x) <script>alert(1)</script>. Some 12 families left the "
    "valley."
)


def build(folder: Path, *, reverse: bool = False) -> Registry:
    """Two invented articles: a conflict (4,200 vs about 3,900) and an agreement (12 families)."""
    folder.mkdir(parents=True, exist_ok=True)
    reg = Registry(folder / "claims.db")
    articles = [
        ("a.txt", DAM_A, [("4,200", 4200, "exact"), ("12", 12, "exact")], "Valley News", "01"),
        ("b.txt", DAM_B, [("about 3,900", 3900, "approx"), ("12", 12, "exact")], None, "02"),
    ]
    ids = {}
    for name, text, figs, outlet, day in reversed(articles) if reverse else articles:
        figures = [{"text": t, "value": v, "qualifier": q} for t, v, q in figs]
        ids[name] = add_article(
            reg, folder / name, text, figures, outlet=outlet, published=f"2024-05-{day}"
        )
    groups = [
        ("g-dam", [ids["a.txt"][0], ids["b.txt"][0]], "conflict", 0.8, "tonnes of water"),
        ("g-fam", [ids["a.txt"][1], ids["b.txt"][1]], "consistent", 0.0, "families moved"),
    ]
    for gid, members, verdict, severity, quantity in reversed(groups) if reverse else groups:
        add_group(
            reg,
            gid,
            members,
            verdict=verdict,
            severity=severity,
            quantity=quantity,
            explanation="4,200 vs about 3,900: no overlap" if verdict == "conflict" else "agree",
        )
    return reg


@pytest.fixture
def reg(tmp_path: Path) -> Registry:
    r = build(tmp_path)
    yield r
    r.close()


def dam_claims(reg: Registry) -> list[str]:
    rows = reg.db.execute(
        "SELECT claim_id FROM group_claims gc JOIN claims c ON c.id = gc.claim_id "
        "JOIN sources s ON s.id = c.source_id WHERE group_id = 'g-dam' ORDER BY s.path"
    )
    return [r[0] for r in rows]


def test_json_report_validates_and_carries_review_history(reg: Registry) -> None:
    right, _wrong = dam_claims(reg)
    review.record(reg.db, "g-dam", "confirm_conflict", reviewer="ana")
    review.record(reg.db, "g-dam", "right_figure", right_claim_id=right, reviewer="ana")
    review.undo_last(reg.db, "g-dam", reviewer="ana")
    doc = json.loads(render(reg.db, "json"))
    jsonschema.validate(doc, SCHEMA)
    assert doc["schema_version"] == 1
    first = doc["groups"][0]
    assert first["id"] == "g-dam" and first["status"] == "confirmed"
    assert [r["decision"] for r in first["reviews"]] == ["confirm_conflict", "right_figure", "undo"]
    assert [r["in_force"] for r in first["reviews"]] == [True, False, False]
    assert first["latest_decision"]["decision"] == "confirm_conflict"
    assert {c["id"] for c in first["claims"]} == set(dam_claims(reg))
    assert doc["groups"][1]["status"] == "open" and doc["groups"][1]["latest_decision"] is None


def test_schema_is_valid_and_lists_every_review_decision() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    enum = SCHEMA["$defs"]["review"]["properties"]["decision"]["enum"]
    assert set(enum) == set(review.DECISIONS)


def test_markdown_puts_conflicts_first_quotes_sources_and_escapes(reg: Registry) -> None:
    text = render(reg.db, "md")
    assert text.index("## Conflicts") < text.index("## Consistent")
    conflict = text[text.index("## Conflicts") : text.index("## Consistent")]
    assert "a.txt (Valley News, 2024-05-01)" in conflict and "b.txt" in conflict
    assert "> The Kell dam holds **4,200** tonnes of water" in conflict
    assert "holds **about 3,900** tonnes" in conflict
    # the article's link and HTML stay inert text
    assert "[click here](http" not in text and "<script>" not in text
    assert r"\[click here\]" in text and r"\<script\>" in text


def test_markdown_bolds_the_claimed_occurrence_of_a_repeated_figure(tmp_path: Path) -> None:
    reg = Registry(tmp_path / "claims.db")
    a = add_article(
        reg,
        tmp_path / "a.txt",
        "Of the 12 boats, 12 sank near the pier.",
        [{"text": "12", "value": 12, "after": ","}],
    )
    b = add_article(reg, tmp_path / "b.txt", "Some 12 boats sank.", [{"text": "12", "value": 12}])
    add_group(reg, "g", a + b)
    text = render(reg.db, "md")
    assert "> Of the 12 boats, **12** sank near the pier." in text


def test_csv_has_one_row_per_claim_in_group(reg: Registry) -> None:
    rows = list(csv.DictReader(io.StringIO(render(reg.db, "csv"))))
    assert len(rows) == 4
    assert [r["group_id"] for r in rows] == ["g-dam", "g-dam", "g-fam", "g-fam"]
    assert {r["text"] for r in rows if r["group_id"] == "g-dam"} == {"4,200", "about 3,900"}
    assert all(r["status"] == "open" for r in rows)


def test_csv_guards_against_formula_injection(tmp_path: Path) -> None:
    reg = Registry(tmp_path / "claims.db")
    a = add_article(
        reg, tmp_path / "x.txt", "=SUM(A1) 7 rooms were shut.", [{"text": "7", "value": 7}]
    )
    b = add_article(reg, tmp_path / "y.txt", "Staff shut 7 rooms.", [{"text": "7", "value": 7}])
    add_group(reg, "g", a + b)
    rows = list(csv.DictReader(io.StringIO(render(reg.db, "csv"))))
    sentences = sorted(r["sentence"] for r in rows)
    assert sentences == ["'=SUM(A1) 7 rooms were shut.", "Staff shut 7 rooms."]


def test_claimreview_only_for_reviewed_groups_with_required_fields(reg: Registry) -> None:
    assert json.loads(render(reg.db, "claimreview")) == []
    right, wrong = dam_claims(reg)
    review.record(
        reg.db,
        "g-dam",
        "right_figure",
        right_claim_id=right,
        reviewer="ana",
        note="the water board's gauge reads 4,200",
    )
    review.record(reg.db, "g-dam", "note", reviewer="ben", note="follow up")
    reviews = json.loads(render(reg.db, "claimreview"))
    assert len(reviews) == 1
    cr = reviews[0]
    for field in (
        "@context",
        "@type",
        "claimReviewed",
        "itemReviewed",
        "reviewRating",
        "author",
        "datePublished",
        "reviewBody",
    ):
        assert cr[field], field
    assert cr["@type"] == "ClaimReview" and cr["@context"] == "https://schema.org"
    urls = [a["url"] for a in cr["itemReviewed"]["appearance"]]
    assert [Path(u).name for u in urls] == ["a.txt", "b.txt"]
    assert cr["reviewRating"]["ratingValue"] == 1
    assert cr["author"] == {"@type": "Person", "name": "ana"}  # who set the status, not the note
    assert "4,200" in cr["reviewBody"] and "about 3,900" in cr["reviewBody"]
    assert "no overlap" in cr["reviewBody"] and "gauge reads 4,200" in cr["reviewBody"]


@pytest.mark.parametrize(("decision", "value"), [("not_conflict", 5), ("split", 3), ("approve", 1)])
def test_claimreview_rating_follows_the_decision(reg: Registry, decision: str, value: int) -> None:
    review.record(reg.db, "g-dam", decision, reviewer="ana")
    (cr,) = json.loads(render(reg.db, "claimreview"))
    assert cr["reviewRating"]["ratingValue"] == value


def test_filters_by_verdict_and_status(reg: Registry) -> None:
    review.record(reg.db, "g-fam", "split", reviewer="ana")
    ids = lambda **kw: [g["id"] for g in json.loads(render(reg.db, "json", **kw))["groups"]]  # noqa: E731
    assert ids() == ["g-dam", "g-fam"]
    assert ids(verdict="conflict") == ["g-dam"]
    assert ids(status="dismissed") == ["g-fam"]
    assert ids(status="open") == ["g-dam"]
    assert ids(verdict="consistent", status="open") == []
    with pytest.raises(ValueError):
        render(reg.db, "json", status="closed")
    with pytest.raises(ValueError):
        render(reg.db, "pdf")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_reports_are_deterministic(tmp_path: Path, monkeypatch, fmt: str) -> None:
    """Same content inserted in another order in another folder: byte-identical reports."""
    built = []
    for name, reverse in (("one", False), ("two", True)):
        (tmp_path / name).mkdir()
        monkeypatch.chdir(tmp_path / name)
        built.append(build(Path("."), reverse=reverse))  # paths stored relative: a.txt, b.txt
    one, two = built
    for r in (one, two):
        review.record(r.db, "g-dam", "confirm_conflict", reviewer="ana")
        # the registry's own timestamp is the only time in a report: pin it equal
        r.db.conn.execute("DROP TRIGGER reviews_no_update")
        r.db.execute("UPDATE reviews SET created_at = '2024-06-01T10:00:00+00:00'")
        r.db.conn.commit()
    first = render(one.db, fmt)
    assert first == render(one.db, fmt)
    assert first == render(two.db, fmt)
