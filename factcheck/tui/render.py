"""Untrusted article text made safe to show, and drawn fast: never markup, never escapes.

Article text may contain Rich markup ("[bold]", "[link=...]") and terminal
control sequences. Everything shown by the app goes through ``Text`` or
``Content`` objects (which never parse markup) after ``visible`` has replaced each
control character with its Unicode "control picture" (ESC -> "␛"). The
replacement is one character for one, so claim offsets into the text stay valid.
"""

from __future__ import annotations

import json
from typing import Any

from rich._wrap import divide_line
from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from ..formatting import number

_PICTURES = {c: chr(0x2400 + c) for c in range(0x20) if chr(c) not in "\n\t"}
_PICTURES[0x7F] = "\u2421"
_PICTURES.update({c: "\ufffd" for c in range(0x80, 0xA0)})
_TABLE = str.maketrans(_PICTURES)
_LINE_TABLE = str.maketrans({**_PICTURES, ord("\n"): " ", ord("\t"): " "})


def visible(text: str | None, *, one_line: bool = False) -> str:
    """Control characters made visible, one for one (offsets are preserved)."""
    return (text or "").translate(_LINE_TABLE if one_line else _TABLE)


def literal(text: str, style: str = "") -> Content:
    """``text`` (already through ``visible``) as Content, never parsed as markup."""
    return Content(text, [], strip_control_codes=False).stylize(style)


def highlighted(text: str, spans: list[tuple[int, int]], style: str) -> Content:
    """``text`` as literal Content with ``style`` on each ``(start, end)`` span."""
    out = literal(visible(text))
    for start, end in spans:
        if 0 <= start < end <= len(text):
            out = out.stylize(style, start, end)
    return out


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """``(start, end)`` of each line of ``text`` word-wrapped to ``width`` cells.

    Lines break after whitespace, which stays at the end of the line it ends (a
    caller drops it); a word longer than the width is folded. Pure, for tests.
    """
    if width <= 0:
        return [(0, len(text))]
    if cell_len(text) <= width:
        return [(0, len(text))]
    bounds = [0, *divide_line(text, width, fold=True), len(text)]
    return list(zip(bounds, bounds[1:], strict=False))


class Lines(Visual):
    """Lines of literal ``Content`` drawn straight to strips, each wrapped to the width;
    the first ``cut`` lines are cut to one line with an ellipsis instead.

    Why not Content or a Rich group: both wrap and style each segment through general
    machinery (Rich's console; Content's per-character selection offsets), about 3 ms
    a claim card on the shared test machine, the bulk of opening a group. Here a line
    that fits is one or a few segments. Tabs show as one space, and text selection
    is not offered (as with the Rich group before).
    """

    def __init__(self, renderables: list[Content], cut: int = 0) -> None:
        self.renderables = renderables  # the lines as given (named as Rich's Group names them)
        self._cut = cut
        self._wrapped: tuple[int, list[tuple[Content, int, int, bool]]] = (-1, [])

    def _rows(self, width: int) -> list[tuple[Content, int, int, bool]]:
        """(line, start, end, wrapped) of each row drawn at ``width``: offsets into the
        line's text; ``wrapped`` when the line goes on in the next row. Layout asks
        for the height, then the same width is drawn: the last width is kept."""
        if self._wrapped[0] == width:
            return self._wrapped[1]
        rows = []
        for index, line in enumerate(self.renderables):
            start = 0
            for part in line.plain.split("\n"):
                pieces = [(0, len(part))] if index < self._cut else wrap_offsets(part, width)
                rows.extend((line, start + a, start + b, b < len(part)) for a, b in pieces)
                start += len(part) + 1
        self._wrapped = (width, rows)
        return rows

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        # a blank line is one empty segment, as Rich draws it (same screenshots)
        blank = [Segment("", style.rich_style)]
        return [
            Strip(segments or blank, length)
            for segments, length in self.segment_rows(width, height, style, options)
        ]

    def segment_rows(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[tuple[list[Segment], int]]:
        """Each row's segments and cell length, before they become strips: a caller
        that frames rows (the claim cards) makes one strip of its own per row."""
        styles: dict[tuple[str | Style, ...], RichStyle] = {}
        rows = []
        for line, start, end, wrapped in self._rows(width)[:height]:
            text = line.plain[start:end].replace("\t", " ")
            if wrapped:  # the space it broke at is kept up to the width (as Rich does)
                word_end = len(text.rstrip(" "))
                text = text[: word_end + max(0, width - cell_len(text[:word_end]))]
            elif cell_len(text) > width:  # a cut line
                text = set_cell_size(text, max(0, width - 1)) + "…"[: width > 0]
            stop = start + len(text)
            edges = sorted(
                {start, stop}
                | {x for s in line.spans for x in (s.start, s.end) if start < x < stop}
            )
            segments = []
            for a, b in zip(edges, edges[1:], strict=False):
                over = tuple(s.style for s in line.spans if s.start <= a and b <= s.end)
                if over not in styles:
                    combined = style
                    for span_style in over:
                        combined += options.get_style(span_style)
                    styles[over] = combined.rich_style
                segments.append(Segment(text[a - start : b - start], styles[over]))
            rows.append((segments, cell_len(text)))
        return rows

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max((line.cell_length for line in self.renderables), default=0)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self._rows(width))


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
