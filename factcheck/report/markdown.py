"""A Markdown report for an editor: conflicts first, each source quoted in context.

Article text is untrusted: every piece of it is cleaned of control characters
and Markdown-escaped, so an article cannot inject links, images or HTML into
the report.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ..formatting import figure
from .records import VERDICT_ORDER
from .text import clean, decision_summary, one_line, source_label

# Untrusted text never starts a line here (it always follows a "- " or "> "
# prefix), so only inline syntax needs escaping: emphasis, code, links, HTML.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")

_SECTION_TITLES = {"conflict": "Conflicts", "evolving": "Evolving", "consistent": "Consistent"}


def _escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def md(text: str | None) -> str:
    """Untrusted text made inert in Markdown: one line, special characters escaped."""
    return _escape(clean(text))


def _quote(claim: dict[str, Any]) -> str:
    """The claim's sentence with the figure in bold, placed by its offsets when known."""
    sentence, figure = claim.get("sentence") or "", claim.get("text") or ""
    offset = claim.get("sentence_start")
    at = claim["start"] - offset if offset is not None else -1
    if not figure or at < 0 or sentence[at : at + len(figure)] != figure:
        at = sentence.find(figure) if figure else -1  # offsets not given or not matching
    if at < 0:
        return md(sentence)
    before, after = one_line(sentence[:at]).lstrip(), one_line(sentence[at + len(figure) :])
    return f"{_escape(before)}**{md(figure)}**{_escape(after.rstrip())}"


def _counts(groups: list[dict[str, Any]], field: str) -> str:
    counts = Counter(g.get(field) or "none" for g in groups)
    return ", ".join(f"{name} {n}" for name, n in sorted(counts.items())) or "none"


def _group(n: int, group: dict[str, Any], sources: dict[str, dict[str, Any]]) -> list[str]:
    lines = [
        f"### {n}. {md(group.get('quantity')) or 'unnamed quantity'}",
        "",
        f"- Verdict: **{md(group.get('verdict'))}**, severity {group.get('severity') or 0:.2f}, "
        f"match confidence {group.get('confidence') or 0:.2f}",
        f"- Why: {md(group.get('explanation')) or 'no explanation'}",
        f"- Review status: **{group['status']}** "
        f"({md(decision_summary(group['latest_decision'], group['claims']))})",
        f"- Group id: `{group['id']}`",
        "",
    ]
    for claim in group["claims"]:
        label = md(source_label(sources.get(claim["source"]), claim["source"]))
        details = ", ".join(
            md(x)
            for x in (claim.get("qualifier"), claim.get("kind"), claim.get("unit"))
            if x is not None
        )
        lines += [
            f"- {label}, characters {claim['start']}–{claim['end']}: "
            f"**{md(claim.get('text'))}** ({md(figure(claim, with_unit=True))}: {details})",
            "",
            f"  > {_quote(claim)}",
            "",
        ]
    if group["reviews"]:
        lines += ["Review history:", ""]
        for r in group["reviews"]:
            state = "" if r["in_force"] else " (undone)"
            lines.append(f"- #{r['id']} {md(decision_summary(r, group['claims']))}{state}")
        lines.append("")
    return lines


def render(groups: list[dict[str, Any]], sources: list[dict[str, Any]], filters: dict) -> str:
    """The whole report; groups arrive sorted conflicts first (see ``records``)."""
    by_path = {s["path"]: s for s in sources}
    lines = [
        "# factcheck report",
        "",
        f"Groups: {len(groups)} (by verdict: {_counts(groups, 'verdict')}; "
        f"by review status: {_counts(groups, 'status')}).",
        f"Filters: verdict {md(filters['verdict'])}, status {md(filters['status'])}.",
        "",
    ]
    verdicts = [v for v in VERDICT_ORDER if any(g.get("verdict") == v for g in groups)]
    verdicts += sorted({g.get("verdict") or "none" for g in groups} - set(VERDICT_ORDER))
    for verdict in verdicts:
        section = [g for g in groups if (g.get("verdict") or "none") == verdict]
        title = _SECTION_TITLES.get(verdict, f"Verdict: {md(verdict)}")
        lines += [f"## {title} ({len(section)})", ""]
        for n, group in enumerate(section, 1):
            lines += _group(n, group, by_path)
    if not groups:
        lines += ["No groups match these filters.", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
