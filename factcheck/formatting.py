"""How figures are written back for people: one notation shared by CLI, reports and TUI.

A claim prints as its figure with its hedge ("~118", ">1,000", "≤21,600",
"20,000–30,000") so that two claims side by side ("115 | ~118") show at a
glance why they do or do not agree.
"""

from __future__ import annotations

from typing import Any

_PREFIX = {"approx": "~", "rounded": "~", "at_most": "≤", "vague": "~"}


def number(x: float | None) -> str:
    """1094.0 → "1,094"; 13.5 → "13.5"; 1.4e9 → "1,400,000,000"; None → "∞"."""
    if x is None:
        return "∞"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.6g}" if abs(x) < 1e6 else f"{x:,.2f}"


def figure(claim: dict[str, Any], *, with_unit: bool = False) -> str:
    """A claim's figure with its qualifier as a short symbol."""
    q = claim.get("qualifier")
    if q in ("range", "vague") and claim.get("low") is not None and claim.get("high") is not None:
        text = f"{number(claim['low'])}–{number(claim['high'])}"
        text = ("~" if q == "vague" else "") + text
    elif q == "at_least":
        strict = not claim.get("low_inclusive", True)
        text = (">" if strict else "≥") + number(claim.get("low", claim.get("value")))
    elif q == "at_most":
        strict = not claim.get("high_inclusive", True)
        text = ("<" if strict else "≤") + number(claim.get("high", claim.get("value")))
    else:
        text = _PREFIX.get(q or "", "") + number(claim.get("value"))
    unit = claim.get("unit")
    if with_unit and unit:
        text = f"{text}%" if unit == "%" else f"{text} {unit}"
    return text


def interval(claim: dict[str, Any]) -> str:
    """The interval a claim allows, in mathematical notation: "(1,000, ∞)", "[113, 123]"."""
    lo, hi = claim.get("low"), claim.get("high")
    left = "[" if lo is not None and claim.get("low_inclusive", True) else "("
    right = "]" if hi is not None and claim.get("high_inclusive", True) else ")"
    return f"{left}{number(lo) if lo is not None else '-∞'}, {number(hi)}{right}"
