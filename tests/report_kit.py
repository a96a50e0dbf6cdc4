"""Build small registries by hand for the report, audit and Datasette tests.

Articles are written to disk and stored with ``Registry.add_source``; claims are
located by their figure's text in the article, and groups are inserted
directly, so a test states exactly which claims the matcher grouped.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from factcheck.models import Claim
from factcheck.registry import Registry, SourceRecord, claim_id


def add_article(reg: Registry, path: Path, text: str, figures: list[dict], **meta) -> list[str]:
    """Write ``text`` to ``path``, register it with one claim per figure; return claim ids.

    Each figure dict gives ``text`` (found in the article, first occurrence
    after ``after`` if given), ``value``, optional ``low``/``high``/``qualifier``.
    """
    path.write_text(text, encoding="utf-8")
    source_id = hashlib.sha256(path.read_bytes()).hexdigest()
    claims = []
    for fig in figures:
        start = text.index(fig["text"], text.find(fig.get("after", "")) if fig.get("after") else 0)
        end = start + len(fig["text"])
        s_start = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
        s_end = text.find(".", end) + 1 or len(text)
        value = fig["value"]
        claims.append(
            Claim(
                text=fig["text"],
                value=value,
                low=fig.get("low", value),
                high=fig.get("high", value),
                qualifier=fig.get("qualifier", "exact"),
                kind=fig.get("kind", "count"),
                unit=fig.get("unit"),
                start=start,
                end=end,
                sentence_start=s_start,
                sentence_end=s_end,
                sentence=text[s_start:s_end].strip(),
                counted=fig.get("counted"),
            )
        )
    record = SourceRecord(
        id=source_id,
        path=str(path),
        title=meta.get("title"),
        outlet=meta.get("outlet"),
        published=meta.get("published"),
        size=len(text.encode()),
        text=text,
        regions=[],
    )
    reg.add_source(record, claims)
    return [claim_id(source_id, c.start, c.end) for c in claims]


def add_group(reg: Registry, group_id: str, claim_ids: list[str], **fields) -> None:
    """Insert one group with its members, as the matcher would."""
    defaults = {"quantity": group_id, "verdict": "consistent", "severity": 0.0, "confidence": 0.9}
    row = {"id": group_id, "state": "active", "explanation": "", **defaults, **fields}
    reg.db["groups"].insert(row)
    reg.db["group_claims"].insert_all(
        {"group_id": group_id, "claim_id": cid, "score": 1.0, "evidence": json.dumps({"test": 1})}
        for cid in claim_ids
    )
