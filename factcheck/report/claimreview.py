"""schema.org ClaimReview JSON-LD for the groups a reviewer has decided on.

One ClaimReview per reviewed group (review status not ``open``). The rating
comes from the reviewer's latest status-setting decision in force, on a 1-5
scale where 1 means the reports contradict each other and 5 that they agree:

======================================  =====  ==================================
decision                                value  alternateName
======================================  =====  ==================================
right_figure, confirm_conflict          1      Conflicting figures
approve (of a conflict)                 1      Conflicting figures
split                                   3      Not comparable: different events
approve (of an evolving group)          3      Figure revised over time
not_conflict, approve (consistent)      5      Figures agree
======================================  =====  ==================================

The review body carries every figure as written, where it appeared, the
tool's explanation of the gap and the reviewer's own reason (their note).
"""

from __future__ import annotations

import json
from typing import Any

from .text import clean, right_figure

_CONFLICT = (1, "Conflicting figures")
_AGREE = (5, "Figures agree")
_RATINGS: dict[str, tuple[int, str]] = {
    "right_figure": _CONFLICT,
    "confirm_conflict": _CONFLICT,
    "not_conflict": _AGREE,
    "split": (3, "Not comparable: different events"),
}
_APPROVED: dict[str | None, tuple[int, str]] = {
    "conflict": _CONFLICT,
    "evolving": (3, "Figure revised over time"),
    "consistent": _AGREE,
}


def rating(group: dict[str, Any], decision: dict[str, Any]) -> dict[str, Any]:
    """schema.org Rating for a decision; ``approve`` takes the meaning of the tool's verdict."""
    if decision["decision"] == "approve":
        value, name = _APPROVED.get(group.get("verdict"), _AGREE)
    else:
        value, name = _RATINGS[decision["decision"]]
    if decision["decision"] == "right_figure":
        name += f"; right figure: {right_figure(decision['right_claim_id'], group['claims'])}"
    return {
        "@type": "Rating",
        "ratingValue": value,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": name,
    }


def _appearance(path: str, source: dict[str, Any] | None) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": "CreativeWork", "url": path}
    if source:
        if source.get("title"):
            item["headline"] = clean(source["title"])
        if source.get("published"):
            item["datePublished"] = source["published"]
        if source.get("outlet"):
            item["publisher"] = {"@type": "Organization", "name": clean(source["outlet"])}
    return item


def _body(group: dict[str, Any], decision: dict[str, Any]) -> str:
    figures = "; ".join(
        f"“{clean(c['text'])}” in {c['source']} (“{clean(c['sentence'])}”)" for c in group["claims"]
    )
    parts = [
        f"{len(group['claims'])} statements of {clean(group.get('quantity'))}: {figures}.",
        f"Discrepancy: {clean(group.get('explanation')) or 'not explained'}.",
        f"Reviewer's decision: {rating(group, decision)['alternateName']}.",
    ]
    if decision.get("note"):
        parts.append(f"Reason: {clean(decision['note'])}")
    return " ".join(parts)


def claim_review(group: dict[str, Any], sources: dict[str, dict[str, Any]]) -> dict | None:
    """The ClaimReview object of one group, or ``None`` if no decision sets its status."""
    decision = group["status_decision"]
    if decision is None:
        return None
    figures = " vs ".join(dict.fromkeys(clean(c["text"]) for c in group["claims"]))
    reviewer = clean(decision.get("reviewer"))
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": group["id"],
        "claimReviewed": f"{clean(group.get('quantity'))}: {figures}",
        "itemReviewed": {
            "@type": "Claim",
            "appearance": [
                _appearance(path, sources.get(path))
                for path in sorted({c["source"] for c in group["claims"]})
            ],
        },
        "reviewRating": rating(group, decision),
        "author": {"@type": "Person", "name": reviewer}
        if reviewer
        else {"@type": "Organization", "name": "factcheck"},
        "datePublished": decision["created_at"],
        "reviewBody": _body(group, decision),
    }


def render(groups: list[dict[str, Any]], sources: list[dict[str, Any]], filters: dict) -> str:
    """A JSON-LD array of ClaimReview objects, one per reviewed group, in report order."""
    by_path = {s["path"]: s for s in sources}
    reviews = [r for g in groups if (r := claim_review(g, by_path)) is not None]
    return json.dumps(reviews, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
