"""Which parts of a saved web page are the article: cut reader comments and page furniture.

Articles arrive as text saved from web pages, so they carry navigation menus,
"Advertisement" lines, copyright footers and reader comments whose metadata
("Jane L6 years ago") would otherwise read as numeric claims. This module
returns the character ranges that are the article body; the extractor only
makes claims inside them. Pure text in, offsets out.

Rules (each generic, none tied to one site):
- A *furniture* line matches a known page-furniture phrase (advertisement,
  related news, copyright, back to top, photo caption...).
- A *menu block* is a run of three or more short lines (at most four words, no
  sentence punctuation); a lone short line is kept, since headlines look alike.
- The *comment section* starts at the first comment-metadata line ("6 years
  ago", "Reply", "3 comments") or comment heading, taking the author line just
  above it; everything from there to the end of the text is cut.
"""

from __future__ import annotations

import re

_FURNITURE = re.compile(
    r"""^\s*(?:
        advertisement|sponsored(?:\s+content)?|related\s+(?:news|articles|stories|content)
        |most\s+(?:popular|read|viewed)\b.*|more\s*top\s+news|top\s+news|back\s+to\s+top\b.*
        |copyright\b.*|©.*|all\s+rights\s+reserved.*|reproduction\s+in\s+whole\b.*
        |share\s+(?:this|on)\b.*|follow\s+us\b.*|sign\s+up\b.*|subscribe\b.*
        |read\s+more\b.*|click\s+here\b.*|print\s+this\b.*|email\s+this\b.*
        |(?:.*\s)?(?:photo|picture|image|file\s+photo)\s*:\s*\S.*
        )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_COMMENT_META = re.compile(
    r"""(?:\d+\s*(?:second|minute|min|hour|hr|day|week|month|year)s?\s+ago
        |^\s*(?:reply|report\s+abuse|like\s*·\s*reply|flag)\s*$
        |^\s*\d+\s+(?:comments?|replies)\s*$)\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_COMMENT_HEADING = re.compile(
    r"^\s*(?:comments?|reader\s+comments|leave\s+a\s+(?:comment|reply)|join\s+the\s+discussion)"
    r"\s*:?\s*$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"""[.!?:;"'”’)]\s*$""")
_LINE = re.compile(r"[^\n]*\n?")


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, end excluding the newline."""
    spans = []
    for m in _LINE.finditer(text):
        if m.start() == len(text):
            break
        end = m.end() - 1 if m.group().endswith("\n") else m.end()
        spans.append((m.start(), end))
    return spans


def _is_short(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and len(stripped.split()) <= 4 and not _SENTENCE_END.search(stripped)


def _comment_start(text: str, lines: list[tuple[int, int]]) -> int | None:
    """Index of the first line of the reader-comment section, if there is one."""
    for i, (s, e) in enumerate(lines):
        line = text[s:e]
        if _COMMENT_HEADING.match(line):
            return i
        if _COMMENT_META.search(line):
            j = i - 1
            while j >= 0 and not text[lines[j][0] : lines[j][1]].strip():
                j -= 1
            # the commenter's name usually stands on the line above the metadata
            if j >= 0 and _is_short(text[lines[j][0] : lines[j][1]]):
                return j
            return i
    return None


def article_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges of ``text`` that belong to the article body, in order.

    Adjacent kept lines are merged into one range, so a paragraph (and a
    sentence running over a line break) stays in one piece.
    """
    lines = _lines(text)
    stop = _comment_start(text, lines)
    if stop is not None:
        lines = lines[:stop]
    keep = [not _FURNITURE.match(text[s:e]) for s, e in lines]
    # runs of three or more short lines are menus or link lists
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and (
            _is_short(text[lines[j][0] : lines[j][1]])
            or not text[lines[j][0] : lines[j][1]].strip()
        ):
            j += 1
        shorts = [k for k in range(i, j) if text[lines[k][0] : lines[k][1]].strip()]
        if len(shorts) >= 3:
            for k in shorts:
                keep[k] = False
        i = max(j, i + 1)
    regions: list[tuple[int, int]] = []
    for (s, e), kept in zip(lines, keep, strict=True):
        if not kept or not text[s:e].strip():
            continue
        if regions and not text[regions[-1][1] : s].strip():
            regions[-1] = (regions[-1][0], e)
        else:
            regions.append((s, e))
    return regions
