"""Untrusted article text turned into Rich ``Text`` for display: never markup, never escapes.

Article text may contain Rich markup ("[bold]", "[link=...]") and terminal
control sequences. Everything shown by the app goes through ``Text`` objects
(which never parse markup) after ``visible`` has replaced each control
character with its Unicode "control picture" (ESC -> "␛"). The replacement is
one character for one, so claim offsets into the text stay valid.
"""

from __future__ import annotations

import json
from typing import Any

from rich.text import Text

from ..formatting import number

_PICTURES = {c: chr(0x2400 + c) for c in range(0x20) if chr(c) not in "\n\t"}
_PICTURES[0x7F] = "\u2421"
_PICTURES.update({c: "\ufffd" for c in range(0x80, 0xA0)})
_TABLE = str.maketrans(_PICTURES)
_LINE_TABLE = str.maketrans({**_PICTURES, ord("\n"): " ", ord("\t"): " "})


def visible(text: str | None, *, one_line: bool = False) -> str:
    """Control characters made visible, one for one (offsets are preserved)."""
    return (text or "").translate(_LINE_TABLE if one_line else _TABLE)


def highlighted(text: str, spans: list[tuple[int, int]], style: str) -> Text:
    """``text`` as a literal Text with ``style`` on each ``(start, end)`` span."""
    out = Text(visible(text))
    for start, end in spans:
        if 0 <= start < end <= len(text):
            out.stylize(style, start, end)
    return out


def evidence_lines(evidence: Any, names: dict[str, str] | None = None) -> list[str]:
    """The matcher's membership evidence as short "key: value" lines, whatever its shape.

    ``names`` turns claim ids into what the reviewer sees ("#2" for the second card).
    """
    if evidence is None:
        return []
    if isinstance(evidence, dict):
        return [
            f"{key.replace('_', ' ')}: {_named(value, names or {})}"
            for key, value in evidence.items()
            if value not in (None, "", [], {})
        ]
    if isinstance(evidence, list):
        return [_short(item) for item in evidence]
    return [_short(evidence)]


def _named(value: Any, names: dict[str, str]) -> str:
    return names[value] if isinstance(value, str) and value in names else _short(value)


def _short(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float) and float(value).is_integer():
        return number(value)  # a figure: "1,094"
    if isinstance(value, float):
        return f"{value:.2f}"  # a score
    if isinstance(value, str):
        return visible(value, one_line=True)
    if isinstance(value, list) and all(not isinstance(v, dict | list) for v in value):
        return ", ".join(_short(v) for v in value)
    return visible(json.dumps(value, ensure_ascii=False, default=str), one_line=True)
