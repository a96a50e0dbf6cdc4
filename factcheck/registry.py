"""The claim registry: one SQLite file, read and written through sqlite-utils.

The schema is a public contract (scripts and Datasette read it), so every table
is created here and nowhere else:

- ``sources``: one row per distinct article content (id = sha256 of the bytes).
  A file whose content changed becomes a new row; the old one is kept with
  ``superseded_by`` pointing at its successor. Nothing is ever deleted.
- ``claims``: one row per numeric claim, id derived from source hash and span so
  it is stable across re-ingest; ``mentions`` holds every place it is stated.
- ``groups`` / ``group_claims``: the matcher's output. A group that a re-match
  no longer produces is kept with ``state = 'retired'`` (reviews point at it).
- ``reviews``: the reviewer's decisions, append-only (triggers refuse UPDATE and
  DELETE), so no decision can be lost by any later stage.

Connections use WAL and a busy timeout so that the review app and an ingest in
another process can share the file.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from .models import Claim
from .queue_index import TABLES, ensure_queue_index
from .views import ensure_views

DEFAULT_DB = "claims.db"
SCHEMA_VERSION = 4
"""2: groups(severity, id) index; 3: the review queue's index (queue_index); 4: its
trigram index of source names (needs SQLite >= 3.34, the first with FTS5 trigrams)."""
BUSY_TIMEOUT_MS = 10_000


class RegistryError(Exception):
    """The registry file cannot be used (not SQLite, newer schema, locked...)."""


def claim_id(source_id: str, start: int, end: int) -> str:
    """Stable claim identity: the same span of the same content is the same claim."""
    return hashlib.sha1(f"{source_id}:{start}:{end}".encode()).hexdigest()[:16]


def now_iso() -> str:
    """UTC timestamp with seconds, the registry's one time format."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """What ingest knows of one article version before it is stored."""

    id: str  # sha256 of the file's bytes
    path: str
    title: str | None
    outlet: str | None
    published: str | None  # ISO date or datetime, as precise as the text states
    size: int
    text: str
    regions: list[tuple[int, int]]


_TABLES: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "sources": (
        {
            "id": str,
            "path": str,
            "title": str,
            "outlet": str,
            "published": str,
            "size": int,
            "ingested_at": str,
            "version": int,
            "superseded_by": str,
            "regions": str,
            "text": str,
        },
        {"pk": "id"},
    ),
    "claims": (
        {
            "id": str,
            "source_id": str,
            "start": int,
            "end": int,
            "sentence_start": int,
            "sentence_end": int,
            "text": str,
            "sentence": str,
            "value": float,
            "low": float,
            "high": float,
            "low_inclusive": int,
            "high_inclusive": int,
            "qualifier": str,
            "precision": float,
            "kind": str,
            "unit": str,
            "counted": str,
            "predicate": str,
            "conversion": str,
            "context": str,
        },
        {"pk": "id", "foreign_keys": [("source_id", "sources", "id")]},
    ),
    "mentions": (
        {"claim_id": str, "start": int, "end": int, "sentence_start": int, "sentence_end": int},
        {"pk": ("claim_id", "start"), "foreign_keys": [("claim_id", "claims", "id")]},
    ),
    "groups": (
        {
            "id": str,
            "quantity": str,
            "kind": str,
            "unit": str,
            "verdict": str,
            "severity": float,
            "confidence": float,
            "explanation": str,
            "signature": str,
            "state": str,
            "updated_at": str,
        },
        {"pk": "id"},
    ),
    "group_claims": (
        {"group_id": str, "claim_id": str, "score": float, "evidence": str},
        {
            "pk": ("group_id", "claim_id"),
            "foreign_keys": [("group_id", "groups", "id"), ("claim_id", "claims", "id")],
        },
    ),
    "reviews": (
        {
            "id": int,
            "group_id": str,
            "claim_ids": str,
            "decision": str,
            "right_claim_id": str,
            "note": str,
            "undoes": int,
            "reviewer": str,
            "created_at": str,
        },
        {"pk": "id", "foreign_keys": [("group_id", "groups", "id")]},
    ),
}

_INDEXES: list[tuple[str, list[str]]] = [
    ("sources", ["path"]),
    ("sources", ["superseded_by"]),
    ("claims", ["source_id"]),
    ("claims", ["kind"]),
    ("claims", ["kind", "unit", "counted"]),
    ("group_claims", ["claim_id"]),
    ("groups", ["verdict", "severity"]),
    ("groups", ["severity", "id"]),  # the review queue's order
    ("reviews", ["group_id", "id"]),
]

_APPEND_ONLY_TRIGGERS = """
CREATE TRIGGER IF NOT EXISTS reviews_no_update BEFORE UPDATE ON reviews
BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END;
CREATE TRIGGER IF NOT EXISTS reviews_no_delete BEFORE DELETE ON reviews
BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END;
"""


def connect(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) a registry file with WAL, busy timeout and the schema."""
    path = Path(path)
    if path.exists() and path.is_dir():
        raise RegistryError(f"{path}: is a directory, not a registry file")
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        raise RegistryError(f"{path}: not a usable SQLite registry ({exc})") from None
    db = sqlite_utils.Database(conn)
    try:
        ensure_schema(db)
    except sqlite3.DatabaseError as exc:
        raise RegistryError(f"{path}: not a usable SQLite registry ({exc})") from None
    return db


def sync_log(path: str | Path) -> bool:
    """Force the registry's write-ahead log (``path``-wal) to disk; False if there is
    none or it could not be synced.

    With ``PRAGMA synchronous = NORMAL`` a commit is safe from a crash of the process
    (the log is in the OS's hands) but not yet from a power cut; this is the ``fsync``
    that ``FULL`` would have made inside the commit, for a caller that must not wait
    on the disk (the review app, in a thread after each decision).
    """
    try:
        fd = os.open(f"{path}-wal", os.O_RDONLY)
    except OSError:
        return False
    try:
        os.fsync(fd)
    except OSError:
        return False
    finally:
        os.close(fd)
    return True


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create missing tables, indexes, FTS and triggers; refuse a newer schema."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise RegistryError(
            f"registry schema version {version} is newer than this factcheck ({SCHEMA_VERSION})"
        )
    if version == SCHEMA_VERSION:
        # already set up: opening must not take the write lock (the review app opens the
        # registry while another process may be ingesting); views and triggers only change
        # with the code
        ensure_views(db)
        ensure_queue_index(db)
        return
    with db.conn:
        for name, (columns, options) in _TABLES.items():
            if not db[name].exists():
                db[name].create(columns, **options)
        for table, columns in _INDEXES:
            db[table].create_index(columns, if_not_exists=True)
        if not db["claims_fts"].exists():
            db["claims"].enable_fts(["sentence", "counted"], create_triggers=True)
        db.conn.executescript(_APPEND_ONLY_TRIGGERS)
        ensure_views(db)
        ensure_queue_index(db, rebuild=TABLES)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _claim_row(source_id: str, claim: Claim) -> dict[str, Any]:
    return {
        "id": claim_id(source_id, claim.start, claim.end),
        "source_id": source_id,
        "start": claim.start,
        "end": claim.end,
        "sentence_start": claim.sentence_start,
        "sentence_end": claim.sentence_end,
        "text": claim.text,
        "sentence": claim.sentence,
        "value": claim.value,
        "low": claim.low,
        "high": claim.high,
        "low_inclusive": int(claim.low_inclusive),
        "high_inclusive": int(claim.high_inclusive),
        "qualifier": claim.qualifier,
        "precision": claim.precision,
        "kind": claim.kind,
        "unit": claim.unit,
        "counted": claim.counted,
        "predicate": claim.predicate,
        "conversion": json.dumps(claim.as_dict()["conversion"]) if claim.conversion else None,
        "context": json.dumps(claim.context, sort_keys=True, default=str),
    }


def _insert(db: sqlite_utils.Database, table: str, rows: list[dict[str, Any]]) -> None:
    """INSERT rows without committing (the caller owns the transaction)."""
    if not rows:
        return
    columns = list(rows[0])
    sql = (
        f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
        f"VALUES ({', '.join('?' for _ in columns)})"
    )
    db.conn.executemany(sql, [[row[c] for c in columns] for row in rows])


class Registry:
    """The library-first API over a registry file; the CLI is a thin layer on this.

    >>> reg = Registry(":memory:")   # or a path; default ./claims.db in the CLI
    """

    def __init__(self, path: str | Path = DEFAULT_DB) -> None:
        self.path = str(path)
        self.db = connect(path)

    # -- sources -----------------------------------------------------------
    def has_source(self, source_id: str) -> bool:
        """True when this exact content is already registered (re-ingest is a no-op)."""
        return (
            self.db.execute("SELECT 1 FROM sources WHERE id = ?", [source_id]).fetchone()
            is not None
        )

    def current_source_for_path(self, path: str) -> dict[str, Any] | None:
        """The latest, not superseded, version registered under ``path``."""
        rows = self.db.execute(
            "SELECT id, version FROM sources WHERE path = ? AND superseded_by IS NULL "
            "ORDER BY version DESC LIMIT 1",
            [path],
        ).fetchall()
        return {"id": rows[0][0], "version": rows[0][1]} if rows else None

    def add_source(self, record: SourceRecord, claims: Iterable[Claim]) -> int:
        """Store one article version and its claims in a single transaction.

        A previous version at the same path is marked superseded, never deleted.
        Returns the number of claims stored. Nothing is written if anything fails.
        """
        claims = list(claims)
        previous = self.current_source_for_path(record.path)
        rows = [_claim_row(record.id, c) for c in claims]
        mentions = [
            {
                "claim_id": row["id"],
                "start": m.start,
                "end": m.end,
                "sentence_start": m.sentence_start,
                "sentence_end": m.sentence_end,
            }
            for row, c in zip(rows, claims, strict=True)
            for m in (c.mentions or [])
        ]
        # Plain executemany inside one `with conn` block: sqlite-utils' insert helpers
        # commit on their own, which would split a source from its claims.
        with self.db.conn:
            _insert(
                self.db,
                "sources",
                [
                    {
                        "id": record.id,
                        "path": record.path,
                        "title": record.title,
                        "outlet": record.outlet,
                        "published": record.published,
                        "size": record.size,
                        "ingested_at": now_iso(),
                        "version": (previous["version"] + 1) if previous else 1,
                        "superseded_by": None,
                        "regions": json.dumps(record.regions),
                        "text": record.text,
                    }
                ],
            )
            if previous:
                self.db.execute(
                    "UPDATE sources SET superseded_by = ? WHERE id = ?", [record.id, previous["id"]]
                )
            _insert(self.db, "claims", rows)
            _insert(self.db, "mentions", mentions)
        return len(rows)

    def sources(self, *, include_superseded: bool = False) -> list[dict[str, Any]]:
        """Sources without their text, newest version per path unless asked otherwise."""
        where = "" if include_superseded else "WHERE superseded_by IS NULL"
        return [
            dict(r)
            for r in self.db.query(
                "SELECT id, path, title, outlet, published, size, ingested_at, version, "
                f"superseded_by FROM sources {where} ORDER BY path, version"
            )
        ]

    def source_text(self, source_id: str) -> str:
        """The stored text that every claim's offsets index into."""
        return self.db.execute("SELECT text FROM sources WHERE id = ?", [source_id]).fetchone()[0]

    # -- claims ------------------------------------------------------------
    def claims(
        self,
        *,
        source: str | None = None,
        kind: str | None = None,
        include_superseded: bool = False,
    ) -> Iterator[dict[str, Any]]:
        """Claims as dicts (JSON columns decoded), filtered by source path/id and kind.

        ``source`` matches a source id, its exact path, or a path suffix (so
        ``--source 003_36d2b771ae9a3fac.txt`` works from any directory).
        """
        clauses, params = [], []
        if not include_superseded:
            clauses.append("s.superseded_by IS NULL")
        if source:
            clauses.append("(s.id = ? OR s.path = ? OR s.path LIKE ?)")
            params += [source, source, f"%/{source}"]
        if kind:
            clauses.append("c.kind = ?")
            params.append(kind)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        sql = (
            "SELECT c.*, s.path AS source FROM claims c JOIN sources s ON s.id = c.source_id "
            f"{where} ORDER BY s.path, c.start"
        )
        for row in self.db.query(sql, params):
            yield decode_claim_row(row)

    def mentions(self, claim_id_: str) -> list[dict[str, Any]]:
        """Every place a claim is stated, first occurrence first."""
        return [
            dict(r)
            for r in self.db.query(
                "SELECT start, end, sentence_start, sentence_end FROM mentions "
                "WHERE claim_id = ? ORDER BY start",
                [claim_id_],
            )
        ]

    def close(self) -> None:
        self.db.conn.close()


def decode_claim_row(row: dict[str, Any]) -> dict[str, Any]:
    """Turn stored JSON/boolean columns of a claims row back into Python values."""
    out = dict(row)
    out["context"] = json.loads(out["context"]) if out.get("context") else {}
    out["conversion"] = json.loads(out["conversion"]) if out.get("conversion") else None
    out["low_inclusive"] = bool(out.get("low_inclusive", 1))
    out["high_inclusive"] = bool(out.get("high_inclusive", 1))
    return out
