"""The review app's reads: one page of the queue at a time, one group, one article.

The queue must open on a registry of 100k groups without loading them, so every
query here is bounded: the queue is read in pages with keyset paging on
``(severity DESC, group id DESC)`` from the registry's ``review_queue`` (kept in
step with groups and reviews by triggers, see ``factcheck.queue_index``), whose
indexes all end in that order: a page is an index walk that stops after one
page, whatever the filter. Figures and statuses are fetched only for the rows
of the page; counts come from the registry's tally, not from counting.
Each function runs a few short read statements, so an ingest in another process
is never blocked for long (the registry uses WAL).
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import sqlite_utils

from ..formatting import figure
from ..review import Review, removals_of, removed_claims, reviews_of, status_of

PAGE_SIZE = 50
VERDICTS = ("review", "conflict", "evolving", "consistent", "all")
"""Verdict filter values; ``review`` means what needs a reviewer: conflict or evolving."""
STATUS_FILTERS = ("open", "confirmed", "dismissed", "done", "all")

_VERDICT_SETS = {"review": ("conflict", "evolving"), "all": None}
_STATUS_SETS = {"done": ("confirmed", "dismissed"), "all": None}


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

    def allowed(self) -> dict[str, tuple[str, ...] | None]:
        """The values each ``review_queue`` column may take (``None``: any)."""
        return {
            "verdict": _VERDICT_SETS.get(self.verdict, (self.verdict,)),
            "status": _STATUS_SETS.get(self.status, (self.status,)),
            "kind": (self.kind,) if self.kind else None,
        }


@dataclass(frozen=True, slots=True)
class QueueRow:
    """One group as the queue shows it."""

    id: str
    severity: float
    verdict: str
    quantity: str
    kind: str | None
    figures: str | None  # None: not read yet (see ``fetch_page``'s ``figured``)
    sources: int | None
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


PREFETCH_READERS = 16
"""Readers of the registry file at once (see :func:`prefetch`)."""


def prefetch(
    path: str, cancelled: Callable[[], bool] = lambda: False, readers: int = PREFETCH_READERS
) -> int:
    """Read the registry file once, start to end, so the OS keeps it in its page cache;
    the bytes read (0: not read). Run in a thread: the reads wait on the disk, not the CPU.

    A query that needs pages not read since the file was written waits for the disk:
    on the 1M-claim bench registry (442 MB) not read for a while, a first page of the
    queue took ~100-180 ms (a few ms a page, one at a time), ~10 ms once the file was
    cached. The file is read in ``readers`` slices at once, as the disk serves many
    reads together: 0.24 s for all of it with 16 readers, 0.83 s with one. Linux's
    ``posix_fadvise(WILLNEED)`` read only 8 MB of it. Not read when the file is over a
    quarter of the machine's memory (it would push out more than it keeps), or when
    ``cancelled()`` turns true (checked every MiB).
    """
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
        size = os.path.getsize(path)
        if size > memory // 4:
            return 0
        step = max(1 << 20, -(-size // readers))
        with ThreadPoolExecutor(readers) as pool:
            slices = [(start, min(size, start + step)) for start in range(0, size, step)]
            return sum(pool.map(lambda s: _read_slice(path, *s, cancelled), slices))
    except (OSError, ValueError, AttributeError):  # no such file, or no sysconf (Windows)
        return 0


def _read_slice(path: str, start: int, end: int, cancelled: Callable[[], bool]) -> int:
    """Read bytes ``start`` to ``end`` of ``path`` for the cache only; how many were read.

    Where the OS can copy a file to /dev/null itself (``sendfile``, Linux), the bytes
    never come up to Python: a cached file then costs ~30 ms instead of ~60 ms, and the
    readers do not take the GIL back from the app's thread for every MiB they read.
    """
    done, step = 0, 1 << 20
    with open(path, "rb", buffering=0) as f, open(os.devnull, "wb") as null:
        chunk: memoryview | None = None
        while start + done < end and not cancelled():
            size = min(step, end - start - done)
            if chunk is None:
                try:
                    n = os.sendfile(null.fileno(), f.fileno(), start + done, size)
                except OSError:  # not to a file here (macOS: sockets only): read it
                    chunk = memoryview(bytearray(step))
                    f.seek(start + done)
                    continue
            else:
                n = f.readinto(chunk[:size])
            if not n:
                break
            done += n
    return done


def registry_version(db: sqlite_utils.Database) -> tuple[int, int]:
    """Changes whenever anything was written to the registry, by this connection or another
    (so a page need not be re-read when nothing was)."""
    return db.execute("PRAGMA data_version").fetchone()[0], db.conn.total_changes


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


# The queue is read from the registry's ``review_queue`` (see factcheck.queue_index):
# clustered on (severity, group_id), with an index per filter column that keeps that
# order behind the column, so a page is an ordered walk that stops after ``limit`` rows.
_ORDER = "ORDER BY severity DESC, group_id DESC"
_KEYSET = "(q.severity, q.group_id) < (?, ?)"
# Matching claims below which a search filter starts from them; above, the queue is
# walked and each group tested (a common word matches half the registry).
_FEW_FTS_CLAIMS = 2_000
# Groups whose quantity label matches a search, below which they are listed and sorted.
_FEW_QUANTITY_GROUPS = 5_000
# (source, group) pairs of the matching sources below which their groups are listed and
# sorted; above, the queue is walked and each group tested with one probe of
# review_sources: at 2,000 pairs of 100k groups a page walks ~2,500 groups.
_FEW_SOURCE_GROUPS = 2_000
# Sources matching a term from which they are not listed at all: the queue is walked and
# each group's few sources are tested by name (an outlet on a quarter of 20k sources:
# listing them was ~10-20 ms however found, the walk's tests ~1 ms a page). As many
# sources have at least as many (source, group) pairs, so the queue would be walked anyway.
_FEW_SOURCES = _FEW_SOURCE_GROUPS
# The ids of the sources a source filter matches, in a temporary table of the reading
# connection: filled once per term (and per registry change), then probed by every
# page, count and read-ahead of that term.
_MATCHED = "temp.review_source_match"
_NAMES_LIKE = "(s.path LIKE ?1 OR s.title LIKE ?1 OR s.outlet LIKE ?1)"
# A term of 3+ characters without LIKE's wildcards is looked up in the trigram index
# review_source_text (see factcheck.queue_index: lowercased names, so the phrase match
# is exactly the LIKE); a shorter one, or one with % or _, scans the index
# review_source_names (the names without the articles' text) with the LIKE itself.
_TRIGRAMS = (
    "SELECT rowid FROM review_source_text "
    """WHERE review_source_text MATCH '"' || replace(lower(?1), '"', '""') || '"'"""
)
_BY_TRIGRAMS = f"SELECT s.id FROM sources s WHERE s.rowid IN ({_TRIGRAMS})"
_BY_SCAN = f"SELECT s.id FROM sources s WHERE {_NAMES_LIKE}"
_SOURCE_GROUPS = f"SELECT group_id FROM review_sources WHERE source_id IN {_MATCHED}"
_SOURCE_TEST = (
    "EXISTS (SELECT 1 FROM review_sources rs INDEXED BY review_sources_group "
    f"WHERE rs.group_id = q.group_id AND +rs.source_id IN {_MATCHED})"
)
_SOURCE_NAMED_TEST = (
    "EXISTS (SELECT 1 FROM review_sources rs INDEXED BY review_sources_group "
    "JOIN sources s ON s.id = rs.source_id "
    f"WHERE rs.group_id = q.group_id AND {_NAMES_LIKE.replace('?1', '?')})"
)


def by_trigrams(term: str) -> bool:
    """Whether the trigram index answers ``term`` (3+ characters, no LIKE wildcard)."""
    return len(term) >= 3 and not set(term) & {"%", "_"}


def _match_sources(db: sqlite_utils.Database, term: str) -> None:
    """Fill the temporary table of the sources whose path, title or outlet holds ``term``."""
    key = [term, db.execute("PRAGMA data_version").fetchone()[0]]
    db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {_MATCHED}_key (term TEXT, version INTEGER)")
    if list(db.execute(f"SELECT term, version FROM {_MATCHED}_key")) == [tuple(key)]:
        return
    began = not db.conn.in_transaction
    db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {_MATCHED} (id TEXT PRIMARY KEY) WITHOUT ROWID")
    db.execute(f"DELETE FROM {_MATCHED}")
    named = _BY_TRIGRAMS if by_trigrams(term) else _BY_SCAN
    db.execute(f"INSERT INTO {_MATCHED} {named}", [f"%{term}%" if named == _BY_SCAN else term])
    db.execute(f"DELETE FROM {_MATCHED}_key")
    db.execute(f"INSERT INTO {_MATCHED}_key VALUES (?, ?)", key)
    if began and db.conn.in_transaction:
        db.conn.commit()  # temporary tables only: never hold a read snapshot of the registry


def _source_filter(db: sqlite_utils.Database, term: str, w: _Where, *, whole: bool) -> None:
    """List the groups of the sources matching ``term``, or walk the queue testing them.

    ``whole``: every group will be tested (a count), so the matching sources are listed
    once however many (~15 ms) rather than each group's names tested (~2x slower).
    """
    if not whole and by_trigrams(term) and not _fewer(db, _TRIGRAMS, [term], _FEW_SOURCES):
        w.add(_SOURCE_NAMED_TEST, *[f"%{term}%"] * 3)
        return
    _match_sources(db, term)
    few = _fewer(db, _SOURCE_GROUPS, [], _FEW_SOURCE_GROUPS)
    w.list_or_test(few, _SOURCE_GROUPS, _SOURCE_TEST, [])


_FTS_CLAIMS = (
    "SELECT id FROM claims WHERE rowid IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?)"
)
_LABELS = "SELECT quantity FROM review_quantities WHERE quantity LIKE ?"
_LABELLED = (
    "SELECT group_id FROM review_queue INDEXED BY review_queue_quantity "
    f"WHERE quantity IN ({_LABELS})"
)


def _words_test(words: list[str]) -> str:
    """A group one of whose sentences holds every word (for common words, where walking
    the queue and reading a few sentences per group beats listing every FTS match)."""
    likes = " AND ".join("c.sentence LIKE ?" for _ in words)
    return (
        "EXISTS (SELECT 1 FROM group_claims gc JOIN claims c ON c.id = gc.claim_id "
        f"WHERE gc.group_id = q.group_id AND {likes})"
    )


def _fewer(db: sqlite_utils.Database, sql: str, params: list[Any], limit: int) -> bool:
    """True when ``sql`` yields fewer than ``limit`` rows (reads at most ``limit``)."""
    return db.execute(f"SELECT COUNT(*) FROM ({sql} LIMIT {limit})", params).fetchone()[0] < limit


def _few_fts(db: sqlite_utils.Database, match: str) -> bool:
    """Whether fewer than ``_FEW_FTS_CLAIMS`` claims match ``match``.

    A prefix word ("yuan*") makes FTS5 merge the doclists of every term it starts
    (~50 ms on 1M claims); the same query without the prefix matches a subset and reads
    one doclist per word (~1 ms). So when that subset is already too many, so is the
    whole, and only a sparse match pays for the prefix.
    """
    probe = "SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?"
    exact = match.removesuffix("*")
    if exact != match and not _fewer(db, probe, [exact], _FEW_FTS_CLAIMS):
        return False
    return _fewer(db, probe, [match], _FEW_FTS_CLAIMS)


@dataclass(slots=True)
class _Where:
    """Conditions on ``review_queue q``; ``listed``: a short list of group ids drives them."""

    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)
    listed: tuple[str, list[Any]] | None = None  # (SELECT group_id ..., params)

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def list_or_test(self, few: bool, listing: str, test: str, params: list[Any]) -> None:
        if few and self.listed is None:
            self.listed = (listing, params)
        elif few:
            self.add(f"q.group_id IN ({listing})", *params)
        else:
            self.add(test, *params)

    def sql(self) -> str:
        return " AND ".join(self.clauses) or "1"


def _where(db: sqlite_utils.Database, f: QueueFilter, *, whole: bool = False) -> _Where:
    """The conditions of ``f`` on ``review_queue q``, choosing how source and search run
    (``whole``: for all the groups ``f`` selects, not one page)."""
    w = _Where()
    for column, values in f.allowed().items():
        if values is not None:
            # unary +: tested on each row walked, never a reason to pick its index and sort
            w.add(f"+q.{column} IN ({_in(list(values))})", *values)
    if f.source:
        _source_filter(db, f.source, w, whole=whole)
    if f.search:
        like, match = f"%{f.search}%", fts_query(f.search)
        labelled = db.execute(
            "SELECT COALESCE(SUM(n), 0) FROM review_quantities WHERE quantity LIKE ?", [like]
        ).fetchone()[0]
        few_labelled = labelled < _FEW_QUANTITY_GROUPS
        if match is None:
            w.list_or_test(few_labelled, _LABELLED, "q.quantity LIKE ?", [like])
        elif few_labelled and _few_fts(db, match):
            listing = (
                f"{_LABELLED} UNION SELECT group_id FROM group_claims "
                f"WHERE claim_id IN ({_FTS_CLAIMS})"
            )
            w.list_or_test(True, listing, "", [like, match])
        else:
            words = re.findall(r"\w+", f.search)
            w.add(f"(q.quantity LIKE ? OR {_words_test(words)})", like, *(f"%{x}%" for x in words))
    return w


_COLUMNS = ("verdict", "kind", "status")  # review_tally's key, in order


def _tally(db: sqlite_utils.Database) -> list[tuple[str, str, str, int]]:
    """(verdict, kind, status, groups) for every combination in the queue (a few dozen)."""
    return db.execute("SELECT verdict, kind, status, n FROM review_tally").fetchall()


def _admits(f: QueueFilter, row: tuple[str, str, str, int], columns: tuple[str, ...]) -> bool:
    allowed = f.allowed()
    return all(allowed[c] is None or row[_COLUMNS.index(c)] in allowed[c] for c in columns)


def _page_keys(
    db: sqlite_utils.Database, f: QueueFilter, after: tuple[float, str] | None, limit: int
) -> list[tuple[float, str]]:
    """(severity, group id) of the page: an ordered index walk, or a short list sorted.

    The walk goes through the index of the filter column that leaves the fewest rows
    to walk (the tally says how many groups each value has): one ordered walk per
    value, merged by SQLite (UNION ALL with ORDER BY is a merge, not a sort).
    """
    tally = _tally(db)
    matching = [row for row in tally if _admits(f, row, _COLUMNS)]
    if not matching:
        return []  # no group has these verdict, kind and status: nothing to read
    w = _where(db, f)
    keyset, after_params = (_KEYSET, list(after)) if after is not None else ("1", [])
    if w.listed is not None:
        listing, listed_params = w.listed
        return db.execute(
            "SELECT severity, group_id FROM review_queue q INDEXED BY review_queue_group "
            f"WHERE q.group_id IN ({listing}) AND {w.sql()} AND {keyset} {_ORDER} LIMIT ?",
            [*listed_params, *w.params, *after_params, limit],
        ).fetchall()
    walked = {
        c: sum(row[3] for row in tally if _admits(f, row, (c,)))
        for c, values in f.allowed().items()
        if values is not None
    }
    column = min(walked, key=walked.__getitem__, default=None)
    if column is None or walked[column] >= sum(row[3] for row in tally):
        # the table itself is clustered on the queue order: walk it, testing each row
        return db.execute(
            "SELECT severity, group_id FROM review_queue q "
            f"WHERE {w.sql()} AND {keyset} {_ORDER} LIMIT ?",
            [*w.params, *after_params, limit],
        ).fetchall()
    values = list(dict.fromkeys(row[_COLUMNS.index(column)] for row in matching))
    arm = (
        f"SELECT severity, group_id FROM review_queue q INDEXED BY review_queue_{column} "
        f"WHERE q.{column} = ? AND {w.sql()} AND {keyset}"
    )
    return db.execute(
        f"{' UNION ALL '.join(arm for _ in values)} {_ORDER} LIMIT ?",
        [*(p for v in values for p in (v, *w.params, *after_params)), limit],
    ).fetchall()


def fetch_page(
    db: sqlite_utils.Database,
    f: QueueFilter,
    after: tuple[float, str] | None = None,
    limit: int = PAGE_SIZE,
    *,
    figured: int | None = None,
) -> list[QueueRow]:
    """The next ``limit`` groups after ``after`` in queue order (severity high first).

    ``figured``: only the first ``figured`` rows come with their figures and sources,
    the others with ``None`` until :func:`with_figures`. Members are most of a page's
    reads (~500 claims), and the rows below the window can wait until it is painted.
    """
    keys = _page_keys(db, f, after, limit)
    if not keys:
        return []
    ids = [gid for _, gid in keys]
    groups = {
        r[0]: r
        for r in db.execute(
            "SELECT g.id, g.severity, g.verdict, g.quantity, g.kind, g.confidence, q.status "
            "FROM groups g JOIN review_queue q ON q.group_id = g.id "
            f"WHERE g.id IN ({_in(ids)})",
            ids,
        )
    }
    read = ids[:figured] if figured is not None else ids
    shown = _figures_of_groups(db, read, removals_of(db, read))
    unread = set(ids) - set(read)
    out = []
    for gid in ids:
        if gid not in groups:
            continue  # deleted by a re-match since the keys were read
        _, severity, verdict, quantity, kind, confidence, status = groups[gid]
        figures, sources = (None, None) if gid in unread else shown.get(gid, ("", 0))
        out.append(
            QueueRow(
                id=gid,
                severity=severity or 0.0,
                verdict=verdict or "",
                quantity=quantity or "",
                kind=kind,
                figures=figures,
                sources=sources,
                confidence=confidence,
                status=status,
            )
        )
    return out


def with_figures(db: sqlite_utils.Database, rows: list[QueueRow]) -> list[QueueRow]:
    """``rows`` with the figures and sources of those fetched without them read in."""
    missing = [r.id for r in rows if r.figures is None]
    if not missing:
        return rows
    shown = _figures_of_groups(db, missing, removals_of(db, missing))
    return [r if r.figures is not None else _figured(r, shown) for r in rows]


def _figured(row: QueueRow, shown: dict[str, tuple[str, int]]) -> QueueRow:
    figures, sources = shown.get(row.id, ("", 0))
    return replace(row, figures=figures, sources=sources)


_FIGURE_COLUMNS = ("value", "low", "high", "low_inclusive", "high_inclusive", "qualifier", "unit")


@lru_cache(maxsize=1 << 16)
def _figure(columns: tuple[Any, ...]) -> str:
    # Many claims share a figure; formatting each one again was a third of a page's reads.
    return figure(dict(zip(_FIGURE_COLUMNS, columns, strict=True)))


def _in(ids: list[str]) -> str:
    return ", ".join("?" for _ in ids)


_MEMBERS = (
    "SELECT gc.group_id, c.id, c.source_id, c.{} "
    "FROM group_claims gc JOIN claims c ON c.id = gc.claim_id WHERE gc.group_id IN ({}) "
    "ORDER BY gc.group_id, COALESCE(c.value, 0), c.id"
)


def _figures_of_groups(
    db: sqlite_utils.Database, ids: list[str], removed: dict[str, set[str]]
) -> dict[str, tuple[str, int]]:
    """group id -> (its distinct figures lowest first, side by side: "115 | ~118"; its number
    of sources), counting the members not in ``removed[group id]``.

    SQLite hands the members over grouped and in figure order (value, then id, a NULL
    value as 0), so each is looked at once: ~500 a page, where building an object per
    member and sorting in Python was ~40% of the read.
    """
    out: dict[str, tuple[str, int]] = {}
    group: str | None = None
    texts: dict[str, None] = {}
    sources: set[str | None] = set()
    for gid, cid, source_id, *columns in db.execute(
        _MEMBERS.format(", c.".join(_FIGURE_COLUMNS), _in(ids)), ids
    ):
        if gid != group:
            if group is not None:
                out[group] = (" | ".join(texts), len(sources))
            group, texts, sources, gone = gid, {}, set(), removed.get(gid, ())
        if cid not in gone:
            texts[_figure(tuple(columns))] = None
            sources.add(source_id)
    if group is not None:
        out[group] = (" | ".join(texts), len(sources))
    return out


def counts_are_quick(f: QueueFilter) -> bool:
    """Whether :func:`counts` only adds up the tally (no source or search to test)."""
    return not (f.source or f.search)


def counts(db: sqlite_utils.Database, f: QueueFilter) -> Counts:
    """Open / confirmed / dismissed among the groups ``f`` selects, whatever their status.

    Verdict and kind alone are added up from the registry's tally (a few dozen rows);
    a source or search filter has to test groups, so the app counts those in a thread.
    """
    f = f.with_(status="all")
    by_status = dict.fromkeys(("open", "confirmed", "dismissed"), 0)
    if counts_are_quick(f):
        for verdict, kind, status, n in _tally(db):
            if _admits(f, (verdict, kind, status, n), _COLUMNS):
                by_status[status] += n
    else:
        w = _where(db, f, whole=True)
        if w.listed is not None:
            w.add(f"q.group_id IN ({w.listed[0]})", *w.listed[1])
        for status, n in db.execute(
            f"SELECT q.status, COUNT(*) FROM review_queue q WHERE {w.sql()} GROUP BY q.status",
            w.params,
        ):
            by_status[status] += n
    return Counts(**by_status)


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
