"""The review app's reads: one page of the queue at a time, one group, one article.

The queue must open on a registry of 100k groups without loading them, so every
query here is bounded: the queue is read in pages with keyset paging on
``(severity DESC, id)``, figures and statuses are fetched only for the rows of
the page. The order is ``severity DESC, id DESC`` so that one index on
``groups(severity, id)`` serves both the order and the keyset seek; filters that
keep a fair share of the groups then cost a short index walk, not a sort.
Each function runs a few short read statements, so an ingest in another process
is never blocked for long (the registry uses WAL).
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import sqlite_utils

from ..formatting import figure
from ..review import DECISIONS, Review, removed_claims, reviews_of, status_of

PAGE_SIZE = 50
VERDICTS = ("review", "conflict", "evolving", "consistent", "all")
"""Verdict filter values; ``review`` means what needs a reviewer: conflict or evolving."""
STATUS_FILTERS = ("open", "confirmed", "dismissed", "done", "all")

_ACTIVE = "(g.state IS NULL OR g.state != 'retired')"
_SETTING = [d for d, s in DECISIONS.items() if s]
# The latest status-setting decision in force per reviewed group (undos are never undone:
# undo_last only cancels decisions in force). SQLite returns the bare column `decision`
# from the row that holds MAX(id).
_LATEST = (
    "SELECT group_id, decision, MAX(id) FROM reviews "
    f"WHERE decision IN ({', '.join(repr(d) for d in _SETTING)}) "
    "AND id NOT IN (SELECT undoes FROM reviews WHERE decision = 'undo' AND undoes IS NOT NULL) "
    "GROUP BY group_id"
)


def sync_decided(db: sqlite_utils.Database) -> None:
    """Keep ``temp.decided`` (group -> latest decision in force) in step with ``reviews``.

    Deriving it costs a pass over all reviews (tens of ms at 100k groups), too slow
    for every key; reviews are append-only, so ``MAX(id)`` tells whether it changed.
    The table is in the connection's TEMP schema: nothing is written to the registry.
    """
    db.execute("CREATE TEMP TABLE IF NOT EXISTS decided (group_id TEXT PRIMARY KEY, decision TEXT)")
    db.execute("CREATE TEMP TABLE IF NOT EXISTS decided_upto (last INTEGER)")
    last = db.execute("SELECT COALESCE(MAX(id), 0) FROM reviews").fetchone()[0]
    seen = db.execute("SELECT last FROM temp.decided_upto").fetchone()
    if seen is not None and seen[0] == last:
        return
    with db.conn:
        db.execute("DELETE FROM temp.decided")
        db.execute(f"INSERT INTO temp.decided SELECT group_id, decision FROM ({_LATEST})")
        db.execute("DELETE FROM temp.decided_upto")
        db.execute("INSERT INTO temp.decided_upto VALUES (?)", [last])


def _decisions_for(status: str) -> str:
    return ", ".join(repr(d) for d, s in DECISIONS.items() if s == status)


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """What the reviewer narrowed the queue to; ``None`` means any."""

    verdict: str = "review"
    status: str = "all"  # decided groups stay in view, their status shown
    kind: str | None = None
    source: str | None = None
    search: str | None = None

    def with_(self, **changes: Any) -> QueueFilter:
        return replace(self, **changes)


@dataclass(frozen=True, slots=True)
class QueueRow:
    """One group as the queue shows it."""

    id: str
    severity: float
    verdict: str
    quantity: str
    kind: str | None
    figures: str
    sources: int
    confidence: float | None
    status: str

    @property
    def key(self) -> tuple[float, str]:
        return (self.severity, self.id)


@dataclass(frozen=True, slots=True)
class Counts:
    open: int
    confirmed: int
    dismissed: int

    @property
    def done(self) -> int:
        return self.confirmed + self.dismissed


def read_only(path: str) -> sqlite_utils.Database:
    """A second, read-only connection for a worker thread (counting must not block keys)."""
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=10, check_same_thread=False)
    return sqlite_utils.Database(conn)


def fts_query(text: str) -> str | None:
    """Turn what a person typed into a safe FTS5 query: every word quoted.

    The last word is also a prefix (the box filters as one types) unless it is a
    figure: "42*" would match every number from 42 to 42,999.
    """
    words = re.findall(r"\w+", text)
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    if not words[-1].isdigit():
        quoted[-1] += "*"
    return " ".join(quoted)


_ORDER = "g.severity DESC, g.id DESC"
# When a short list of ids drives the query, the unary + keeps SQLite from walking the
# whole queue index to find them: it looks them up and sorts.
_ORDER_DRIVEN = "+g.severity DESC, g.id DESC"
# Matching claims below which a source or search filter starts from them; above, the
# queue index is walked and each group tested (a common word matches half the registry).
# A source's claims sit in few groups, so listing them pays off for longer than for words.
_FEW_SOURCE_CLAIMS = 50_000
_FEW_FTS_CLAIMS = 2_000
# Nested INs fix the direction (few sources -> their claims by index); a JOIN lets the
# planner scan all claims instead.
_SOURCE_CLAIMS = (
    "SELECT id FROM claims WHERE source_id IN (SELECT id FROM sources "
    "WHERE path LIKE ? OR title LIKE ? OR outlet LIKE ?)"
)
_SOURCE_TEST = (
    "EXISTS (SELECT 1 FROM group_claims gc JOIN claims c ON c.id = gc.claim_id "
    "JOIN sources s ON s.id = c.source_id WHERE gc.group_id = g.id "
    "AND (s.path LIKE ? OR s.title LIKE ? OR s.outlet LIKE ?))"
)
_FTS_CLAIMS = (
    "SELECT id FROM claims WHERE rowid IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?)"
)


def _words_test(words: list[str]) -> str:
    """A group one of whose sentences holds every word (for common words, where walking
    the queue and reading a few sentences per group beats listing every FTS match)."""
    likes = " AND ".join("c.sentence LIKE ?" for _ in words)
    return (
        "EXISTS (SELECT 1 FROM group_claims gc JOIN claims c ON c.id = gc.claim_id "
        f"WHERE gc.group_id = g.id AND {likes})"
    )


def _fewer(db: sqlite_utils.Database, sql: str, params: list[Any], limit: int) -> bool:
    """True when ``sql`` yields fewer than ``limit`` rows (reads at most ``limit``)."""
    return db.execute(f"SELECT COUNT(*) FROM ({sql} LIMIT {limit})", params).fetchone()[0] < limit


def _where(db: sqlite_utils.Database, f: QueueFilter) -> tuple[list[str], list[Any], bool]:
    """SQL conditions on ``groups g`` for ``f``, and whether a short list of ids drives them."""
    clauses, params, driven = [_ACTIVE], [], f.status in ("confirmed", "dismissed", "done")
    if f.verdict == "review":
        clauses.append("+g.verdict IN ('conflict', 'evolving')")
    elif f.verdict != "all":
        clauses.append("+g.verdict = ?")  # unary +: walk the queue index, not this one
        params.append(f.verdict)
    if f.status == "open":
        clauses.append("g.id NOT IN (SELECT group_id FROM temp.decided)")
    elif f.status == "done":
        clauses.append("g.id IN (SELECT group_id FROM temp.decided)")
    elif f.status in ("confirmed", "dismissed"):
        clauses.append(
            "g.id IN (SELECT group_id FROM temp.decided "
            f"WHERE decision IN ({_decisions_for(f.status)}))"
        )
    if f.kind:
        clauses.append("g.kind = ?")
        params.append(f.kind)
    if f.source:
        like = [f"%{f.source}%"] * 3
        if _fewer(db, _SOURCE_CLAIMS, like, _FEW_SOURCE_CLAIMS):
            driven = True
            clauses.append(
                f"g.id IN (SELECT group_id FROM group_claims WHERE claim_id IN ({_SOURCE_CLAIMS}))"
            )
        else:
            clauses.append(_SOURCE_TEST)
        params += like
    if f.search:
        like, match = f"%{f.search}%", fts_query(f.search)
        if match is None:
            clauses.append("g.quantity LIKE ?")
            params.append(like)
        elif _fewer(
            db, "SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?", [match], _FEW_FTS_CLAIMS
        ):
            driven = True
            clauses.append(
                "g.id IN (SELECT id FROM groups WHERE quantity LIKE ? UNION SELECT group_id "
                f"FROM group_claims WHERE claim_id IN ({_FTS_CLAIMS}))"
            )
            params += [like, match]
        else:
            words = re.findall(r"\w+", f.search)
            clauses.append(f"(g.quantity LIKE ? OR {_words_test(words)})")
            params += [like, *(f"%{w}%" for w in words)]
    return clauses, params, driven


def fetch_page(
    db: sqlite_utils.Database,
    f: QueueFilter,
    after: tuple[float, str] | None = None,
    limit: int = PAGE_SIZE,
) -> list[QueueRow]:
    """The next ``limit`` groups after ``after`` in queue order (severity high first)."""
    sync_decided(db)
    clauses, params, driven = _where(db, f)
    if after is not None:
        clauses.append("(g.severity, g.id) < (?, ?)")
        params += list(after)
    rows = db.execute(
        "SELECT g.id, g.severity, g.verdict, g.quantity, g.kind, g.confidence FROM groups g "
        f"WHERE {' AND '.join(clauses)} ORDER BY {_ORDER_DRIVEN if driven else _ORDER} LIMIT ?",
        [*params, limit],
    ).fetchall()
    if not rows:
        return []
    ids = [r[0] for r in rows]
    reviews = reviews_of(db, ids)
    members = _members_of(db, ids)
    out = []
    for gid, severity, verdict, quantity, kind, confidence in rows:
        gone = removed_claims(reviews.get(gid, []))
        claims = [c for c in members.get(gid, []) if c["id"] not in gone]
        out.append(
            QueueRow(
                id=gid,
                severity=severity or 0.0,
                verdict=verdict or "",
                quantity=quantity or "",
                kind=kind,
                figures=figures_of(claims),
                sources=len({c["source_id"] for c in claims}),
                confidence=confidence,
                status=status_of(reviews.get(gid, [])),
            )
        )
    return out


def figures_of(claims: list[dict[str, Any]]) -> str:
    """Distinct figures of a group, lowest first, side by side: "115 | ~118"."""
    ordered = sorted(claims, key=lambda c: (c.get("value") or 0, c["id"]))
    return " | ".join(dict.fromkeys(figure(c) for c in ordered))


def _in(ids: list[str]) -> str:
    return ", ".join("?" for _ in ids)


def _members_of(db: sqlite_utils.Database, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    cursor = db.execute(
        "SELECT gc.group_id, c.id, c.source_id, c.value, c.low, c.high, c.low_inclusive, "
        "c.high_inclusive, c.qualifier, c.unit FROM group_claims gc "
        f"JOIN claims c ON c.id = gc.claim_id WHERE gc.group_id IN ({_in(ids)})",
        ids,
    )
    names = [d[0] for d in cursor.description][1:]
    for gid, *values in cursor:
        out.setdefault(gid, []).append(dict(zip(names, values, strict=True)))
    return out


def counts(db: sqlite_utils.Database, f: QueueFilter) -> Counts:
    """Open / confirmed / dismissed among the groups ``f`` selects, whatever their status."""
    sync_decided(db)
    clauses, params, _ = _where(db, f.with_(status="all"))
    where = " AND ".join(clauses)
    total = db.execute(f"SELECT COUNT(*) FROM groups g WHERE {where}", params).fetchone()[0]
    by_status = {"confirmed": 0, "dismissed": 0}
    for decision, n in db.execute(
        "SELECT l.decision, COUNT(*) FROM temp.decided l JOIN groups g ON g.id = l.group_id "
        f"WHERE {where} GROUP BY l.decision",
        params,
    ):
        by_status[DECISIONS[decision]] += n
    return Counts(
        open=total - by_status["confirmed"] - by_status["dismissed"],
        confirmed=by_status["confirmed"],
        dismissed=by_status["dismissed"],
    )


def next_open(
    db: sqlite_utils.Database, f: QueueFilter, after: tuple[float, str]
) -> QueueRow | None:
    """The first open group after ``after`` in the queue order of ``f`` (approve-and-advance)."""
    rows = fetch_page(db, f.with_(status="open"), after=after, limit=1)
    return rows[0] if rows else None


# -- one group ---------------------------------------------------------------


@dataclass(slots=True)
class ClaimView:
    """A member claim with what the group screen shows about it."""

    id: str
    source_id: str
    title: str | None
    outlet: str | None
    published: str | None
    path: str
    sentence: str
    span: tuple[int, int]  # the number's offsets inside ``sentence``
    claim: dict[str, Any]
    score: float | None
    evidence: Any
    removed: bool = False


@dataclass(slots=True)
class GroupView:
    id: str
    quantity: str
    kind: str | None
    unit: str | None
    verdict: str
    severity: float
    confidence: float | None
    explanation: str
    claims: list[ClaimView] = field(default_factory=list)
    history: list[Review] = field(default_factory=list)
    status: str = "open"

    @property
    def key(self) -> tuple[float, str]:
        return (self.severity, self.id)


def group_view(db: sqlite_utils.Database, group_id: str) -> GroupView | None:
    """Everything the group screen shows, or ``None`` when the group is gone."""
    rows = list(db.query("SELECT * FROM groups WHERE id = ?", [group_id]))
    if not rows:
        return None
    g = rows[0]
    history = reviews_of(db, [group_id]).get(group_id, [])
    gone = removed_claims(history)
    view = GroupView(
        id=g["id"],
        quantity=g["quantity"] or "",
        kind=g["kind"],
        unit=g["unit"],
        verdict=g["verdict"] or "",
        severity=g["severity"] or 0.0,
        confidence=g["confidence"],
        explanation=g["explanation"] or "",
        history=history,
        status=status_of(history),
    )
    for row in db.query(
        "SELECT c.*, gc.score AS score_, gc.evidence AS evidence_, s.title AS title_, "
        "s.outlet AS outlet_, s.published AS published_, s.path AS path_, "
        "substr(s.text, c.sentence_start + 1, c.sentence_end - c.sentence_start) AS sent_ "
        "FROM group_claims gc JOIN claims c ON c.id = gc.claim_id "
        "JOIN sources s ON s.id = c.source_id WHERE gc.group_id = ? "
        "ORDER BY s.published, s.path, c.start",
        [group_id],
    ):
        view.claims.append(_claim_view(row, removed=row["id"] in gone))
    return view


def _claim_view(row: dict[str, Any], *, removed: bool) -> ClaimView:
    sentence, span = (
        row["sent_"] or "",
        (
            row["start"] - row["sentence_start"],
            row["end"] - row["sentence_start"],
        ),
    )
    if sentence[span[0] : span[1]] != row["text"]:
        # Offsets do not index the stored text: fall back to the claim's own sentence.
        sentence = row["sentence"] or ""
        at = sentence.find(row["text"] or "\0")
        span = (at, at + len(row["text"])) if at >= 0 else (0, 0)
    try:
        evidence = json.loads(row["evidence_"]) if row["evidence_"] else None
    except json.JSONDecodeError:
        evidence = row["evidence_"]
    return ClaimView(
        id=row["id"],
        source_id=row["source_id"],
        title=row["title_"],
        outlet=row["outlet_"],
        published=row["published_"],
        path=row["path_"],
        sentence=sentence,
        span=span,
        claim=row,
        score=row["score_"],
        evidence=evidence,
        removed=removed,
    )


@dataclass(frozen=True, slots=True)
class ArticleView:
    source_id: str
    title: str | None
    outlet: str | None
    published: str | None
    path: str
    text: str


def article_view(db: sqlite_utils.Database, source_id: str) -> ArticleView | None:
    rows = list(
        db.query(
            "SELECT id, title, outlet, published, path, text FROM sources WHERE id = ?",
            [source_id],
        )
    )
    if not rows:
        return None
    r = rows[0]
    return ArticleView(r["id"], r["title"], r["outlet"], r["published"], r["path"], r["text"] or "")
