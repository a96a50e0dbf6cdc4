"""Inserting many rows with few statements: the registry's bulk writes.

Python's sqlite3 ``executemany`` steps and resets its statement once per row, and
that costs several times what SQLite spends storing a short row (354k rows of
three columns: ~1.8 s, against ~0.5 s with 100 rows a statement). A multi-row
``VALUES`` list stores the same rows, in the same order, with the same triggers,
conflict handling and result.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from itertools import chain

ROWS_PER_STATEMENT = 100
"""100 rows of up to 300 columns stay under SQLite's 32,766 bound parameters."""


def insert_rows(
    conn: sqlite3.Connection, into: str, rows: Sequence[Sequence[object]], then: str = ""
) -> None:
    """``INSERT INTO {into} VALUES (..), (..) {then}`` for ``rows``, all of one width.

    ``into`` is the table and its column list, ``then`` an optional conflict clause
    (``ON CONFLICT ... DO UPDATE ...``). Runs inside the caller's transaction.
    """
    if not rows:
        return
    one = "(" + ", ".join("?" * len(rows[0])) + ")"

    def statement(n: int) -> str:
        return f"INSERT INTO {into} VALUES {', '.join([one] * n)} {then}"

    per = ROWS_PER_STATEMENT
    whole = len(rows) - len(rows) % per
    if whole:
        conn.executemany(
            statement(per),
            (list(chain.from_iterable(rows[at : at + per])) for at in range(0, whole, per)),
        )
    if whole < len(rows):
        conn.execute(statement(len(rows) - whole), list(chain.from_iterable(rows[whole:])))
