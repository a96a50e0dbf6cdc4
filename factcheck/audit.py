"""Source audit: how each source's figures fare against independent sources.

:func:`audit` counts, per current source, the claims it makes and how they
compare with claims of *other origins* in the matcher's groups:

- corroborated: the claim agrees (intervals overlap, as :mod:`factcheck.compare`
  reads them) with a claim of another origin;
- contradicted: it disagrees with one (no overlap, in a group that is not
  ``evolving``: a figure revised over time is an update, not a contradiction);
- unique: no claim of another origin speaks to the same quantity;
- confirmed errors: a reviewer's ``right_figure`` decision (the one that set
  the group's status) names another claim as right and this claim's interval
  misses it, or says that no stated figure is right.

Reviewer decisions take precedence over the matcher: a group dismissed by
``split`` (different events) compares nothing, one dismissed by
``not_conflict`` counts its claims as agreeing, and claims taken out with
``remove_claim`` are not compared.

An *origin* is a set of syndicated copies: sources whose texts are nearly
identical (a wire story printed by two outlets). Copies of one origin never
corroborate or contradict each other.

:func:`verify` re-reads every current source file and checks it against the
registry: its sha256 and every claim span.
"""

from __future__ import annotations

import json
import zlib
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import sqlite_utils
from rapidfuzz.utils import default_process

from .compare import Interval, claim_interval
from .compare import overlap as intervals_overlap
from .ingest.reader import IngestError, read_article
from .report.records import reviews_by_group, status_decision
from .review import Review, removed_claims

SHINGLE_WORDS = 5
SYNDICATION_CONTAINMENT = 0.7
"""Share of the shorter text's word 5-grams found in the other text above which
two sources are copies of one story. Independent reports of one event share
quotes and stock phrases, far below this; a reprint with a new headline, byline
or a trimmed last paragraph stays well above it."""
MAX_POSTINGS = 50
"""A shingle found in more sources than this is boilerplate and links nothing."""
SAMPLE_MOD = 4  # candidates come from the shingles whose hash is divisible by this
SAMPLE_SLACK = 0.6  # a sample may under-estimate containment; the full sets decide


# -- syndication ------------------------------------------------------------


def _body(text: str, regions_json: str | None) -> str:
    """The article body: the ingest regions when known (no comments or menus)."""
    regions = json.loads(regions_json) if regions_json else []
    return "\n".join(text[a:b] for a, b in regions) if regions else text


def shingles(text: str) -> set[int]:
    """Stable hashes of the text's normalised word n-grams (crc32: same in every run)."""
    words = default_process(text).split()
    if len(words) < SHINGLE_WORDS:
        return {zlib.crc32(" ".join(words).encode())} if words else set()
    return {
        zlib.crc32(" ".join(words[i : i + SHINGLE_WORDS]).encode())
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }


def _sample(hashes: set[int]) -> set[int]:
    """A consistent quarter of the shingles (the same ones in every text), never empty."""
    return {h for h in hashes if h % SAMPLE_MOD == 0} | ({min(hashes)} if hashes else set())


def origins(sources: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Map each source id to its origin (the smallest path among its syndicated copies).

    ``sources`` maps id -> (path, body text). Candidate pairs come from an
    inverted index of sampled shingles, so unrelated texts are never compared;
    a candidate is confirmed on the full shingle sets.
    """
    sets = {sid: shingles(text) for sid, (_, text) in sources.items()}
    samples = {sid: _sample(h) for sid, h in sets.items()}
    postings: dict[int, list[str]] = defaultdict(list)
    for sid in sorted(samples):
        for h in samples[sid]:
            postings[h].append(sid)
    shared: Counter[tuple[str, str]] = Counter()
    for ids in postings.values():
        if 1 < len(ids) <= MAX_POSTINGS:
            shared.update((a, b) for i, a in enumerate(ids) for b in ids[i + 1 :])

    def containment(a: str, b: str) -> float:
        return len(sets[a] & sets[b]) / max(1, min(len(sets[a]), len(sets[b])))

    candidates = [
        (a, b)
        for (a, b), n in shared.items()
        if n / max(1, min(len(samples[a]), len(samples[b])))
        >= SAMPLE_SLACK * SYNDICATION_CONTAINMENT
    ]
    parent = {sid: sid for sid in sources}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in candidates:
        if containment(a, b) >= SYNDICATION_CONTAINMENT:
            parent[find(a)] = find(b)
    clusters: dict[str, list[str]] = defaultdict(list)
    for sid in sources:
        clusters[find(sid)].append(sid)
    out = {}
    for members in clusters.values():
        label = min(sources[m][0] for m in members)
        out.update(dict.fromkeys(members, label))
    return out


# -- comparing claims -------------------------------------------------------


def overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two claims' intervals share a point, read as the matcher's judge reads them."""
    return intervals_overlap(_interval(a), _interval(b))


def _interval(claim: dict[str, Any]) -> Interval:
    return claim_interval(
        claim["value"],
        claim["low"],
        claim["high"],
        claim["qualifier"],
        bool(claim["low_inclusive"]),
        bool(claim["high_inclusive"]),
    )


def _groups(db: sqlite_utils.Database) -> dict[str, dict[str, Any]]:
    """Active groups with their members (current sources only) and review history."""
    groups: dict[str, dict[str, Any]] = {}
    rows = db.query(
        "SELECT g.id AS group_id, g.verdict, g.quantity, c.id, c.source_id, c.text, c.value, "
        "c.qualifier, c.low, "
        "c.high, c.low_inclusive, c.high_inclusive, s.path AS source FROM group_claims gc "
        "JOIN groups g ON g.id = gc.group_id JOIN claims c ON c.id = gc.claim_id "
        "JOIN sources s ON s.id = c.source_id "
        "WHERE g.state = 'active' AND s.superseded_by IS NULL "
        "ORDER BY g.id, s.path, c.start"
    )
    for row in rows:
        group = groups.setdefault(
            row["group_id"],
            {"verdict": row["verdict"], "quantity": row["quantity"], "claims": []},
        )
        group["claims"].append(row)
    decisions = reviews_by_group(db, list(groups))
    for gid, group in groups.items():
        reviews = decisions.get(gid, [])
        removed = removed_claims(reviews)
        group["claims"] = [c for c in group["claims"] if c["id"] not in removed]
        group["decision"] = status_decision(reviews)
    return groups


def _errors(claims: list[dict[str, Any]], decision: Review) -> list[tuple[dict, dict | None]]:
    """(wrong claim, right claim or None) for a right_figure decision."""
    right = next((c for c in claims if c["id"] == decision.right_claim_id), None)
    if decision.right_claim_id is not None and right is None:
        return []  # the claim named right is no longer in the group: nothing to judge by
    return [
        (c, right) for c in claims if right is None or (c is not right and not overlap(c, right))
    ]


def _cite(claim: dict[str, Any]) -> dict[str, Any]:
    return {"claim_id": claim["id"], "source": claim["source"], "text": claim["text"]}


def audit(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Per current source: claims, corroborated, contradicted, unique, confirmed errors, rank.

    Sorted by rank: sources with reviewer-confirmed errors first (a reviewer's
    word outranks the tool's), then by ``deviation``, the share of a source's
    compared claims that were contradicted or confirmed wrong.
    """
    sources = {
        r["id"]: r
        for r in db.query(
            "SELECT id, path, title, outlet, regions, text FROM sources "
            "WHERE superseded_by IS NULL ORDER BY path"
        )
    }
    origin = origins(
        {sid: (s["path"], _body(s["text"], s["regions"])) for sid, s in sources.items()}
    )
    made = Counter(
        r["source_id"]
        for r in db.query(
            "SELECT c.source_id FROM claims c JOIN sources s ON s.id = c.source_id "
            "WHERE s.superseded_by IS NULL"
        )
    )
    agree: dict[str, set[str]] = defaultdict(set)  # claim id -> groups where it is corroborated
    against: dict[str, list[dict]] = defaultdict(list)  # source id -> contradictions
    errors: dict[str, list[dict]] = defaultdict(list)
    compared: dict[str, set[str]] = defaultdict(set)  # source id -> claim ids with a peer
    contradicted: dict[str, set[str]] = defaultdict(set)
    for gid, group in sorted(_groups(db).items()):
        decision = group["decision"]
        if decision is not None and decision.decision == "split":
            continue
        claims = group["claims"]
        for claim in claims:
            peers = [p for p in claims if origin[p["source_id"]] != origin[claim["source_id"]]]
            if not peers:
                continue
            compared[claim["source_id"]].add(claim["id"])
            if decision is not None and decision.decision == "not_conflict":
                agree[claim["id"]].add(gid)
                continue
            if any(overlap(claim, p) for p in peers):
                agree[claim["id"]].add(gid)
            missed = [p for p in peers if not overlap(claim, p)]
            if missed and group["verdict"] != "evolving":
                contradicted[claim["source_id"]].add(claim["id"])
                against[claim["source_id"]].append(
                    {
                        **_cite(claim),
                        "group_id": gid,
                        "quantity": group["quantity"],
                        "against": [_cite(p) for p in missed],
                    }
                )
        if decision is not None and decision.decision == "right_figure":
            for wrong, right in _errors(claims, decision):
                errors[wrong["source_id"]].append(
                    {**_cite(wrong), "group_id": gid, "right": _cite(right) if right else None}
                )
    members: dict[str, list[str]] = defaultdict(list)  # origin -> paths of its copies
    for sid, src in sources.items():  # sources are in path order
        members[origin[sid]].append(src["path"])
    rows = []
    for sid, src in sources.items():
        wrong_ids = {e["claim_id"] for e in errors[sid]}
        judged = compared[sid] | wrong_ids
        copies = [p for p in members[origin[sid]] if p != src["path"]]
        rows.append(
            {
                "source": src["path"],
                "source_id": sid,
                "title": src["title"],
                "outlet": src["outlet"],
                "origin": origin[sid],
                "syndicated_with": copies,
                "claims": made[sid],
                "compared": len(compared[sid]),
                "corroborated": sum(1 for cid in compared[sid] if agree[cid]),
                "contradicted": len(contradicted[sid]),
                "unique": made[sid] - len(compared[sid]),
                "confirmed_errors": len(wrong_ids),
                "deviation": round(len(contradicted[sid] | wrong_ids) / len(judged), 4)
                if judged
                else 0.0,
                "contradictions": against[sid],
                "errors": errors[sid],
            }
        )
    rows.sort(
        key=lambda r: (-r["confirmed_errors"], -r["deviation"], -r["contradicted"], r["source"])
    )
    for rank, row in enumerate(rows, 1):
        row["rank"] = rank
    return rows


# -- verification -----------------------------------------------------------


def verify(db: sqlite_utils.Database, *, root: Path | None = None) -> list[dict[str, Any]]:
    """Re-read every current source file and check it against the registry.

    Status per source: ``missing`` (the file is gone); ``tampered`` (the
    registry no longer agrees with itself: the stored text differs from the
    unchanged file, or a claim span no longer reads the claim's text);
    ``changed`` (the file was edited after ingest, or is no longer readable:
    its sha256 differs; ``broken_claims`` lists claims whose span no longer
    reads the same in the new text); ``ok``. Relative paths are read from ``root``
    (default: the working directory, as ingest stores them).
    """
    base = Path.cwd() if root is None else root
    out = []
    for src in db.query(
        "SELECT id, path, text FROM sources WHERE superseded_by IS NULL ORDER BY path"
    ):
        claims = list(
            db.query(
                "SELECT id, start, end, text FROM claims WHERE source_id = ? ORDER BY start",
                [src["id"]],
            )
        )
        stored_bad = [c["id"] for c in claims if src["text"][c["start"] : c["end"]] != c["text"]]
        row: dict[str, Any] = {"source": src["path"], "source_id": src["id"], "problems": []}
        path = Path(src["path"])
        path = path if path.is_absolute() else base / path
        try:
            article = read_article(path)
        except IngestError as exc:  # gone, or no longer readable as an article
            status = "changed" if path.is_file() else "missing"
            row |= {"status": status, "sha256": None, "broken_claims": []}
            row["problems"].append(str(exc))
            out.append(row)
            continue
        broken = [c["id"] for c in claims if article.text[c["start"] : c["end"]] != c["text"]]
        row |= {"sha256": article.sha256, "broken_claims": broken}
        if stored_bad:
            row["problems"].append(f"{len(stored_bad)} claim span(s) differ from the stored text")
        if article.sha256 == src["id"] and article.text != src["text"]:
            row["problems"].append("stored text differs from the unchanged file")
        if article.sha256 != src["id"]:
            row["problems"].append(
                f"file changed since ingest; {len(broken)} of {len(claims)} claim span(s) "
                "no longer read the same"
            )
        if row["problems"] and (stored_bad or article.sha256 == src["id"]):
            row["status"] = "tampered"
        elif article.sha256 != src["id"]:
            row["status"] = "changed"
        else:
            row["status"] = "ok"
        out.append(row)
    return out
