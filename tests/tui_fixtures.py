"""Registries for the review app's tests, built through the registry's own API.

``invented_registry`` stores three invented articles with ``Registry.add_source``
and writes the groups the matcher would produce, so the TUI tests do not depend
on the matcher's tuning. One article carries Rich markup and terminal escapes.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from factcheck.models import Claim
from factcheck.registry import Registry, SourceRecord, claim_id, now_iso

ARTICLES = {
    "planet.txt": (
        "Census finds more boys",
        "Daily Planet",
        "2024-03-01",
        "Census finds more boys\n"
        "The sex ratio at birth in Freedonia was 115 boys for every 100 girls, the census said.\n"
        "Officials said 40 people were hurt in the Harbour Street fire.\n",
    ),
    "star.txt": (
        "Boys outnumber girls",
        "Evening Star",
        "2024-03-02",
        "Boys outnumber girls\n"
        "Freedonia recorded about 118 boys born for every 100 girls last year.\n",
    ),
    "wire.txt": (
        "[bold]Fire[/bold] report",
        "Wire \x1b[31mService",
        "2024-03-03",
        "[bold]Fire[/bold] report\n"
        "Officials said [bold]42[/bold] people were \x1b[31mhurt\x1b[0m in the Harbour Street "
        "fire [link=http://evil.example]click[/link].\n",
    ),
}

# (group id, quantity, verdict, severity, confidence, explanation, [(file, figure text, qualifier)])
GROUPS = [
    (
        "g-sex-ratio",
        "boys per 100 girls at birth, Freedonia",
        "conflict",
        0.9,
        0.95,
        "115 vs about 118 boys per 100 girls: no overlap, 2.6% apart",
        [("planet.txt", "115", "exact"), ("star.txt", "118", "approx")],
    ),
    (
        "g-fire-hurt",
        "people hurt, Harbour Street fire",
        "conflict",
        0.5,
        0.8,
        "40 vs 42 people hurt",
        [("planet.txt", "40", "exact"), ("wire.txt", "42", "exact")],
    ),
    (
        "g-consistent",
        "girls per census",
        "consistent",
        0.05,
        0.7,
        "100 and 100 agree",
        [("planet.txt", "100", "exact"), ("star.txt", "100", "exact")],
    ),
]


def _claim(text: str, figure: str, qualifier: str) -> Claim:
    start = text.index(figure, text.index("\n"))
    s_start = text.rfind("\n", 0, start) + 1
    s_end = text.index("\n", start)
    value = float(figure)
    low, high = (value * 0.96, value * 1.04) if qualifier == "approx" else (value, value)
    return Claim(
        text=figure,
        value=value,
        low=low,
        high=high,
        qualifier=qualifier,
        kind="count",
        unit=None,
        start=start,
        end=start + len(figure),
        sentence_start=s_start,
        sentence_end=s_end,
        sentence=text[s_start:s_end],
    )


def invented_registry(path: Path) -> Path:
    """Write the invented articles and groups into a new registry at ``path``."""
    reg = Registry(path)
    ids: dict[str, str] = {}
    claims_by_file: dict[str, list[Claim]] = {name: [] for name in ARTICLES}
    for _, _, _, _, _, _, members in GROUPS:
        for name, figure, qualifier in members:
            claims_by_file[name].append(_claim(ARTICLES[name][3], figure, qualifier))
    for name, (title, outlet, published, text) in ARTICLES.items():
        sid = hashlib.sha256(text.encode()).hexdigest()
        ids[name] = sid
        record = SourceRecord(sid, name, title, outlet, published, len(text), text, [])
        reg.add_source(record, claims_by_file[name])
    with reg.db.conn:
        for gid, quantity, verdict, severity, confidence, explanation, members in GROUPS:
            reg.db["groups"].insert(
                {
                    "id": gid,
                    "quantity": quantity,
                    "kind": "count",
                    "unit": None,
                    "verdict": verdict,
                    "severity": severity,
                    "confidence": confidence,
                    "explanation": explanation,
                    "signature": gid,
                    "state": "active",
                    "updated_at": now_iso(),
                }
            )
            for name, figure, qualifier in members:
                c = _claim(ARTICLES[name][3], figure, qualifier)
                reg.db["group_claims"].insert(
                    {
                        "group_id": gid,
                        "claim_id": claim_id(ids[name], c.start, c.end),
                        "score": 0.9,
                        "evidence": json.dumps({"shared_figures": [figure], "place": "Freedonia"}),
                    }
                )
    reg.close()
    return path
