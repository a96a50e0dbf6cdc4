"""The review queue's index: tables the registry keeps in step with groups and reviews.

The review app must page, filter and count 100k groups within one key press.
Reading ``groups`` and deriving each group's status from ``reviews`` on every key
does not fit that budget (a status filter had to sort every decided group, a
count walked every group). So the registry keeps, by triggers, three derived
tables that nothing writes directly:

- ``review_queue``: one row per active (not retired) group with the columns the
  queue filters on and its review status, clustered on the queue order
  ``(severity, group_id)`` and indexed per filter column with the same order
  behind it, so every filter reads its page as an ordered index walk.
- ``review_tally``: how many queued groups have each (verdict, kind, status):
  the app's counts and its choice of index come from here without counting.
- ``review_quantities``: how many queued groups carry each quantity label, so a
  search box term is matched against the few distinct labels, not every group.
- ``review_sources``: how many member claims each (source, group) pair has, kept
  from ``group_claims`` and ``claims``: a source filter lists the groups of the
  matching sources, or tests each queued group with one index probe, instead of
  reading claims (an outlet on a quarter of the sources is 250k claims at 1M).

- ``review_source_text``: a trigram FTS5 index of each source's path, title and
  outlet (ASCII-lowercased, as LIKE compares), rowid = the source's rowid: a source
  filter finds the sources whose names hold its term without a LIKE over every name
  (that was ~13 ms a term at 20k sources; a rare term now takes ~1 ms, and a common
  one is not listed at all). Contentless: it only answers "which rowids"; the names
  are read from ``sources``.

Beside them, the index ``review_source_names`` on ``sources`` (path, title, outlet,
id) lets a source filter that the trigrams cannot answer (a term of 1-2 characters,
or with LIKE's ``%`` or ``_``) scan the names without reading the articles' text.

Triggers on ``groups``, ``group_claims``, ``claims``, ``sources`` (whoever writes them: the
matcher, a script) and on ``reviews`` keep the tables exact, so no writer needs
to know they exist; a bulk writer of groups may drop those on ``groups`` and
``group_claims`` for the write and rebuild what they keep once after (:func:`suspended`).
The status rule is the one :func:`factcheck.review.status_of` applies (the
latest status-setting decision no undo cancelled), generated from
:data:`factcheck.review.DECISIONS` as the ``group_status`` view is.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager

import sqlite_utils

from .batched_insert import insert_rows

_TOGETHER = (
    ("review_queue", "review_tally", "review_quantities"),
    ("review_sources",),
    ("review_source_text",),
)
"""Tables filled together (the queue's insert trigger fills the tallies)."""
TABLES = tuple(t for tables in _TOGETHER for t in tables)

_CREATE = """
CREATE TABLE review_queue (
  severity REAL NOT NULL,
  group_id TEXT NOT NULL,
  verdict TEXT NOT NULL,
  kind TEXT NOT NULL,
  quantity TEXT NOT NULL,
  status TEXT NOT NULL,
  PRIMARY KEY (severity, group_id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX review_queue_group ON review_queue (group_id);
CREATE INDEX review_queue_status ON review_queue (status, severity, group_id);
CREATE INDEX review_queue_verdict ON review_queue (verdict, severity, group_id);
CREATE INDEX review_queue_kind ON review_queue (kind, severity, group_id);
CREATE INDEX review_queue_quantity ON review_queue (quantity, severity, group_id);
CREATE TABLE review_tally (
  verdict TEXT NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (verdict, kind, status)
) WITHOUT ROWID;
CREATE TABLE review_quantities (
  quantity TEXT PRIMARY KEY,
  n INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE review_sources (
  source_id TEXT NOT NULL,
  group_id TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (source_id, group_id)
) WITHOUT ROWID;
CREATE INDEX review_sources_group ON review_sources (group_id, source_id);
CREATE VIRTUAL TABLE review_source_text USING fts5 (
  path, title, outlet, content='', tokenize='trigram case_sensitive 1'
);
"""
_SOURCE_NAMES = (
    "CREATE INDEX IF NOT EXISTS review_source_names ON sources (path, title, outlet, id)"
)
"""What a source filter matches its term against, apart from the articles' text: one
scan of this index per term instead of the ``sources`` table, whose rows carry the text
(20k sources: reading them ~1 ms; the LIKE tests stay ~13 ms, ~20 -> ~14 ms a term)."""
_FILL_SOURCES = (
    "INSERT INTO review_sources SELECT c.source_id, gc.group_id, COUNT(*) "
    "FROM group_claims gc JOIN claims c ON c.id = gc.claim_id "
    "WHERE c.source_id IS NOT NULL GROUP BY c.source_id, gc.group_id"
)

_SOURCE_TEXT = "lower({0}.path), lower({0}.title), lower({0}.outlet)"
"""What ``review_source_text`` indexes of sources row {0}. SQLite's lower() folds ASCII
letters only, as LIKE does, and the tokenizer is case-sensitive: a phrase match of the
lowercased term is then exactly ``LIKE '%term%'`` (the tokenizer's own folding would
also fold "É" to "é", which LIKE does not)."""
_FILL_SOURCE_TEXT = (
    "INSERT INTO review_source_text (rowid, path, title, outlet) "
    f"SELECT s.rowid, {_SOURCE_TEXT.format('s')} FROM sources s"
)


def status_sql(group_id: str) -> str:
    """SQL for the review status of the group whose id is the expression ``group_id``."""
    from .review import IN_FORCE, status_case_sql  # review imports the registry, which imports this

    cases, decisions = status_case_sql()
    return (
        f"COALESCE((SELECT CASE r.decision {cases} END FROM reviews r "
        f"WHERE r.group_id = {group_id} AND r.decision IN ({decisions}) AND {IN_FORCE} "
        "ORDER BY r.id DESC LIMIT 1), 'open')"
    )


def _row(g: str, source: str = "") -> str:
    """The review_queue row of groups row ``g`` (NEW in a trigger, an alias of ``source``)."""
    return (
        f"SELECT COALESCE({g}.severity, 0.0), {g}.id, COALESCE({g}.verdict, ''), "
        f"COALESCE({g}.kind, ''), COALESCE({g}.quantity, ''), {status_sql(f'{g}.id')} "
        f"{source} WHERE {g}.state IS NULL OR {g}.state != 'retired'"
    )


def trigger_sql() -> dict[str, str]:
    """name -> CREATE TRIGGER statement of every trigger that keeps the tables in step."""
    from .review import DECISIONS, sql_text

    changing = ", ".join(sql_text(d) for d, s in sorted(DECISIONS.items()) if s or d == "undo")
    watched = ("severity", "verdict", "kind", "quantity", "state")
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in ("id", *watched))
    tally = "INSERT INTO review_tally VALUES ({0}.verdict, {0}.kind, {0}.status, {1}) "
    tally += "ON CONFLICT (verdict, kind, status) DO UPDATE SET n = n + excluded.n"
    quantities = "INSERT INTO review_quantities VALUES ({0}.quantity, {1}) "
    quantities += "ON CONFLICT (quantity) DO UPDATE SET n = n + excluded.n"
    drop_tally = (
        "DELETE FROM review_tally WHERE verdict = OLD.verdict AND kind = OLD.kind "
        "AND status = OLD.status AND n = 0;"
    )
    drop_quantity = "DELETE FROM review_quantities WHERE quantity = OLD.quantity AND n = 0;"
    # review_sources: +1 / -1 for the (source, group) pair of one group_claims row
    # ({0}); a claim already deleted no longer counts (its delete trigger took it off).
    source_of = "(SELECT source_id FROM claims WHERE id = {0}.claim_id)"
    member = (
        "INSERT INTO review_sources SELECT source_id, {0}.group_id, {1} FROM claims "
        "WHERE id = {0}.claim_id AND source_id IS NOT NULL "
        "ON CONFLICT (source_id, group_id) DO UPDATE SET n = n + excluded.n"
    )
    drop_member = (
        f"DELETE FROM review_sources WHERE source_id = {source_of} "
        "AND group_id = {0}.group_id AND n <= 0"
    )
    # the same for every group_claims row of claim {0} (its delete, or a new source)
    claim_moved = (
        "INSERT INTO review_sources SELECT {0}.source_id, group_id, {1} FROM group_claims "
        "WHERE claim_id = {0}.id AND {0}.source_id IS NOT NULL "
        "ON CONFLICT (source_id, group_id) DO UPDATE SET n = n + excluded.n"
    )
    drop_claim = "DELETE FROM review_sources WHERE source_id = OLD.source_id AND n <= 0"
    # contentless FTS5: a row is taken out by giving the values it was indexed with
    source_text = "INSERT INTO review_source_text (rowid, path, title, outlet) "
    source_text += f"VALUES (NEW.rowid, {_SOURCE_TEXT.format('NEW')});"
    drop_source_text = (
        "INSERT INTO review_source_text (review_source_text, rowid, path, title, outlet) "
        f"VALUES ('delete', OLD.rowid, {_SOURCE_TEXT.format('OLD')});"
    )
    named = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in ("path", "title", "outlet"))
    bodies = {
        "review_queue_on_group_insert": (
            "AFTER INSERT ON groups",
            f"INSERT INTO review_queue {_row('NEW')};",
        ),
        "review_queue_on_group_update": (
            f"AFTER UPDATE OF id, {', '.join(watched)} ON groups WHEN {changed}",
            "DELETE FROM review_queue WHERE group_id = OLD.id; "
            f"INSERT INTO review_queue {_row('NEW')};",
        ),
        "review_queue_on_group_delete": (
            "AFTER DELETE ON groups",
            "DELETE FROM review_queue WHERE group_id = OLD.id;",
        ),
        "review_queue_on_review": (
            f"AFTER INSERT ON reviews WHEN NEW.decision IN ({changing})",
            f"UPDATE review_queue SET status = {status_sql('NEW.group_id')} "
            "WHERE group_id = NEW.group_id;",
        ),
        "review_tally_on_insert": (
            "AFTER INSERT ON review_queue",
            f"{tally.format('NEW', 1)}; {quantities.format('NEW', 1)};",
        ),
        "review_tally_on_delete": (
            "AFTER DELETE ON review_queue",
            f"{tally.format('OLD', -1)}; {quantities.format('OLD', -1)}; "
            f"{drop_tally} {drop_quantity}",
        ),
        "review_sources_on_member_insert": (
            "AFTER INSERT ON group_claims",
            f"{member.format('NEW', 1)};",
        ),
        "review_sources_on_member_delete": (
            "AFTER DELETE ON group_claims",
            f"{member.format('OLD', -1)}; {drop_member.format('OLD')};",
        ),
        "review_sources_on_member_update": (
            "AFTER UPDATE OF group_id, claim_id ON group_claims",
            f"{member.format('OLD', -1)}; {drop_member.format('OLD')}; {member.format('NEW', 1)};",
        ),
        "review_sources_on_claim_insert": (  # members written before their claim
            "AFTER INSERT ON claims",
            f"{claim_moved.format('NEW', 1)};",
        ),
        "review_sources_on_claim_delete": (  # its group_claims rows no longer count
            "AFTER DELETE ON claims",
            f"{claim_moved.format('OLD', -1)}; {drop_claim};",
        ),
        "review_sources_on_claim_source": (
            "AFTER UPDATE OF source_id ON claims WHEN OLD.source_id IS NOT NEW.source_id",
            f"{claim_moved.format('OLD', -1)}; {drop_claim}; {claim_moved.format('NEW', 1)};",
        ),
        "review_source_text_on_insert": ("AFTER INSERT ON sources", source_text),
        "review_source_text_on_delete": ("AFTER DELETE ON sources", drop_source_text),
        "review_source_text_on_rename": (
            f"AFTER UPDATE OF path, title, outlet ON sources WHEN {named}",
            f"{drop_source_text} {source_text}",
        ),
        "review_tally_on_status": (
            "AFTER UPDATE OF status ON review_queue WHEN OLD.status != NEW.status",
            f"{tally.format('OLD', -1)}; {tally.format('NEW', 1)}; {drop_tally}",
        ),
    }
    return {
        name: f"CREATE TRIGGER {name} {when}\nBEGIN {body} END"
        for name, (when, body) in bodies.items()
    }


def ensure_queue_index(
    db: sqlite_utils.Database,
    *,
    rebuild: Collection[str] = (),
    source_of: Mapping[str, str] | None = None,
) -> None:
    """Create the triggers (and the tables named in ``rebuild``, filled from the registry).

    Triggers are recreated only when their SQL changed (as views are), so opening
    a registry that is up to date writes nothing. A schema upgrade rebuilds: the
    tables are dropped and filled again, so an upgrade cut short is simply redone.
    A table added since the registry's schema was set up is created and filled once.
    A table is filled before its indexes and triggers exist (sorting once to build
    an index is cheaper than keeping it in step row by row); ``source_of`` (claim id
    -> source id, see :func:`suspended`) spares the fill of ``review_sources`` a
    look-up of each member's claim.
    """
    present = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
    missing = [
        table
        for tables in _TOGETHER
        if set(tables) & set(rebuild) or not present.issuperset(tables)
        for table in tables
    ]
    if not (missing or _changed_triggers(db) or "review_source_names" not in present):
        return
    db.execute("SAVEPOINT queue_index")  # all or nothing, inside a caller's transaction too
    for table in missing:
        db.execute(f"DROP TABLE IF EXISTS {table}")  # and the triggers on it (the tallies')
    created = [s for s in _CREATE.split(";") if (t := _ON.search(s)) and t[1] in missing]
    for statement in created:
        if " INDEX " not in statement:
            db.execute(statement)
    _fill(db, missing, source_of or {})
    for statement in created:
        if " INDEX " in statement:
            db.execute(statement)
    for name, sql in _changed_triggers(db).items():
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
        db.execute(sql)
    db.execute(_SOURCE_NAMES)
    db.execute("RELEASE queue_index")


_ON = re.compile(r"\b(?:TABLE|ON) (\w+)")
"""The table a CREATE statement makes or indexes, or the one a trigger watches."""


def _changed_triggers(db: sqlite_utils.Database) -> dict[str, str]:
    """name -> SQL of the triggers missing or different in the registry."""
    existing = dict(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
    return {n: sql for n, sql in trigger_sql().items() if existing.get(n) != sql}


def _fill(db: sqlite_utils.Database, tables: list[str], source_of: Mapping[str, str]) -> None:
    if "review_queue" in tables:  # in its key's order; the tallies counted from it
        db.execute(f"INSERT INTO review_queue {_row('g', 'FROM groups g')} ORDER BY 1, 2")
        db.execute(
            "INSERT INTO review_tally SELECT verdict, kind, status, COUNT(*) "
            "FROM review_queue GROUP BY verdict, kind, status"
        )
        db.execute(
            "INSERT INTO review_quantities SELECT quantity, COUNT(*) "
            "FROM review_queue GROUP BY quantity"
        )
    if "review_sources" in tables:
        if source_of:
            insert_rows(db.conn, "review_sources", _member_sources(db, source_of))
        else:
            db.execute(_FILL_SOURCES)
    if "review_source_text" in tables:
        db.execute(_FILL_SOURCE_TEXT)


def _member_sources(
    db: sqlite_utils.Database, source_of: Mapping[str, str]
) -> list[tuple[str, str, int]]:
    """The rows of ``review_sources``, in key order, counting each ``group_claims`` row
    under the source ``source_of`` gives its claim; claims it does not list are read."""
    # read in group order, so each source's groups are counted in order (sorting the
    # (source, group) pairs instead cost ~1 s at 1M claims)
    counts: dict[str, dict[str, int]] = defaultdict(dict)  # source -> group -> members
    unlisted: dict[str, list[str]] = defaultdict(list)  # claim id -> its groups
    for gid, cid in db.execute("SELECT group_id, claim_id FROM group_claims ORDER BY group_id"):
        if (sid := source_of.get(cid)) is not None:
            groups = counts[sid]
            groups[gid] = groups.get(gid, 0) + 1
        else:
            unlisted[cid].append(gid)
    claims = list(unlisted)
    for at in range(0, len(claims), 500):
        chunk = claims[at : at + 500]
        for cid, sid in db.execute(
            f"SELECT id, source_id FROM claims WHERE id IN ({', '.join('?' * len(chunk))}) "
            "AND source_id IS NOT NULL",
            chunk,
        ):
            groups = counts[sid]
            for gid in unlisted[cid]:
                groups[gid] = groups.get(gid, 0) + 1
            counts[sid] = dict(sorted(groups.items()))
    return [(sid, *pair) for sid in sorted(counts) for pair in counts[sid].items()]


_WRITTEN = ("groups", "group_claims")
"""The tables a bulk write of groups writes: :func:`suspended` drops their triggers."""
_KEPT_FROM_THEM = ("review_queue", "review_tally", "review_quantities", "review_sources")


@contextmanager
def suspended(
    db: sqlite_utils.Database, *, source_of: Mapping[str, str] | None = None
) -> Iterator[None]:
    """Write groups in bulk without the triggers, then rebuild the tables once.

    The triggers cost a few index writes per row (100k group inserts take several
    times longer with them); a writer replacing most groups at once drops the
    triggers on ``groups`` and ``group_claims`` for the write and refills the tables
    they keep after (seconds at 100k groups). Run it inside one transaction, so no
    reader ever sees the tables out of step. The triggers on the tables the write
    does not touch stay (refilling the sources' trigram index would add ~0.4 s at
    20k sources). ``source_of`` maps claim ids to their source ids as the writer
    read them (a claim's id is derived from its source's, so it never moves; a
    claim it leaves out is read from ``claims``).
    """
    for name, sql in trigger_sql().items():
        if (table := _ON.search(sql)) and table[1] in _WRITTEN:
            db.execute(f"DROP TRIGGER IF EXISTS {name}")
    try:
        yield
    finally:  # a failed write outside a transaction still leaves the triggers in place
        ensure_queue_index(db, rebuild=_KEPT_FROM_THEM, source_of=source_of)
