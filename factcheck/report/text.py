"""Small text helpers shared by the human-readable formats."""

from __future__ import annotations

import re
from typing import Any

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def one_line(text: str | None) -> str:
    """Control characters and line breaks as single spaces; outer spaces kept (for splicing)."""
    return re.sub(r"\s+", " ", _CONTROL.sub(" ", text or ""))


def clean(text: str | None) -> str:
    """Untrusted article text on one line: control characters and line breaks removed."""
    return one_line(text).strip()


def source_label(source: dict[str, Any] | None, path: str) -> str:
    """``path (outlet, date)`` with whatever metadata the registry has."""
    extra = [clean(source.get(k)) for k in ("outlet", "published") if source and source.get(k)]
    return f"{path} ({', '.join(extra)})" if extra else path


def right_figure(claim_id: str | None, claims: list[dict[str, Any]]) -> str:
    """Name the claim a reviewer marked right (``None``: they said no figure is right)."""
    if claim_id is None:
        return "none of the stated figures"
    right = next((c for c in claims if c.get("id") == claim_id), None)
    if right is None:
        return f"claim {claim_id} (no longer in this group)"
    return f"{clean(right['text'])} in {right['source']}"


def decision_summary(decision: dict[str, Any] | None, claims: list[dict[str, Any]]) -> str:
    """One line for a reviewer decision: what, which figure is right, who, when, why."""
    if decision is None:
        return "no decision yet"
    parts = [decision["decision"]]
    if decision["decision"] == "right_figure":
        parts.append(f"right figure: {right_figure(decision['right_claim_id'], claims)}")
    parts.append(f"by {clean(decision['reviewer']) or 'unknown reviewer'}")
    parts.append(f"at {decision['created_at']}")
    if decision.get("note"):
        parts.append(f"note: {clean(decision['note'])}")
    return ", ".join(parts)
