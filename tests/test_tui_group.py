"""The group screen's sheet: its line drawing (``render.Lines``), its cards' frames and
sizes when it shows another group, selecting a card by key and by mouse, and the
unseen rehearsal of the first group after start-up.

The cards' text is drawn by ``Lines`` instead of Rich; these tests hold it to what
Rich drew (word wrap, an ellipsis on the title, the number's style) on invented text,
at card widths from 80x24 to wide terminals.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions

from factcheck.tui.app import ReviewApp
from factcheck.tui.render import Lines, highlighted, literal, wrap_offsets
from factcheck.tui.screens.article import ArticleScreen
from factcheck.tui.screens.group import GroupBody, GroupScreen
from factcheck.tui.screens.queue import QueueScreen
from factcheck.tui.widgets.group_sheet import (
    CARD_MIN_WIDTH,
    GUTTER,
    GroupSheet,
    column_widths,
    label_row,
)

from .tui_fixtures import invented_registry

BASE = Style.parse("#e0e0e0 on #121212")


def draw(lines: Lines, width: int) -> list[Strip]:
    strips = lines.render_strips(width, None, BASE, RenderOptions(Style.parse, {}))
    assert len(strips) == lines.get_height({}, width)  # measured as drawn
    return strips


def texts(strips: list[Strip]) -> list[str]:
    return [strip.text for strip in strips]


def test_wrap_offsets_break_after_spaces_and_fold_long_words() -> None:
    text = "Lantern makers in Quillford counted 4,812 paper boats"
    rows = [text[a:b] for a, b in wrap_offsets(text, 20)]
    assert rows == ["Lantern makers in ", "Quillford counted ", "4,812 paper boats"]
    word = "x" * 25
    assert [word[a:b] for a, b in wrap_offsets(word, 10)] == ["x" * 10, "x" * 10, "x" * 5]
    assert wrap_offsets("short", 20) == [(0, 5)]


@pytest.mark.parametrize("width", [10, 24, 36, 60, 140])
def test_every_row_fits_the_width_and_no_text_is_lost(width: int) -> None:
    sentence = "The ferry from Dunmore carried 1,208 passengers on its first crossing in May."
    lines = Lines([literal("A long title about the Dunmore ferry service", "bold"),
                   literal(sentence), Content(), literal("  linked to: #2")], cut=1)  # fmt: skip
    strips = draw(lines, width)
    assert all(strip.cell_length <= width for strip in strips)
    body = "".join(texts(strips)[1:]).replace(" ", "")
    assert body == (sentence + "linked to: #2").replace(" ", "")


def test_the_title_is_cut_with_an_ellipsis_and_other_lines_wrap() -> None:
    lines = Lines([literal("Harbour authority reports record tonnage", "bold"),
                   literal("Harbour authority reports record tonnage")], cut=1)  # fmt: skip
    rows = texts(draw(lines, 20))
    assert rows[0] == "Harbour authority r…"
    assert rows[1:] == ["Harbour authority ", "reports record ", "tonnage"]
    assert draw(lines, 60)[0].text == "Harbour authority reports record tonnage"


def test_the_number_keeps_its_style_when_the_sentence_wraps() -> None:
    sentence = "Officials in Varnholt said 3,417 sheep grazed the upper meadows last summer."
    start = sentence.index("3,417")
    lines = Lines([highlighted(sentence, [(start, start + 5)], "bold reverse")])
    for width in (12, 30, 80):
        lit = [
            seg.text
            for strip in draw(lines, width)
            for seg in strip
            if seg.style and seg.style.bold and seg.style.reverse
        ]
        assert lit == ["3,417"]
    plain = [seg for strip in draw(lines, 80) for seg in strip if seg.text.startswith("Officials")]
    assert plain and not plain[0].style.bold and plain[0].style.bgcolor is not None  # base style


def test_markup_and_control_characters_in_article_text_are_drawn_literally() -> None:
    sentence = "[bold]Mayor[/bold] [link=http://evil.example]says[/link] 12 \x1b[31mfell\x1b[0m"
    start = sentence.index("12")
    lines = Lines([highlighted(sentence, [(start, start + 2)], "bold reverse")])
    shown = "".join(texts(draw(lines, 200)))
    assert "[bold]Mayor[/bold] [link=http://evil.example]says[/link]" in shown
    assert "\x1b" not in shown and "␛[31mfell␛[0m" in shown
    assert all(seg.style is None or seg.style.link is None for s in draw(lines, 200) for seg in s)


def test_newlines_in_a_line_start_new_rows_and_blank_lines_are_kept() -> None:
    lines = Lines([literal("first part\nsecond part"), Content(), literal("end")])
    assert texts(draw(lines, 40)) == ["first part", "second part", "", "end"]


def card_rows(screen: GroupScreen) -> list[tuple[int, int]]:
    """(rows inside the frame, rows its lines need) of each card shown."""
    sheet = screen.query_one(GroupSheet)
    layout = sheet.layout()
    return [
        (height - 2, sheet.lines_of(index).get_height({}, width - 4))
        for row, height in zip(layout.rows, layout.heights, strict=True)
        for index, width in zip(row, layout.columns, strict=False)
    ]


@pytest.mark.parametrize("width", [38, 40, 76, 77, 78, 117, 200])
def test_columns_fill_the_width_each_at_least_the_minimum(width: int) -> None:
    columns = column_widths(width)
    assert sum(columns) + GUTTER * (len(columns) - 1) == width
    assert min(columns) >= CARD_MIN_WIDTH and max(columns) - min(columns) <= 1
    assert sum(columns) + GUTTER * len(columns) + CARD_MIN_WIDTH > width  # no room for more


def test_a_narrow_sheet_still_has_one_column() -> None:
    assert column_widths(20) == [20]


def test_frame_labels_are_inset_and_cut_to_fit() -> None:
    assert label_row(("╭", "╮"), "1", 12, right=False) == "╭─ 1 ──────╮"
    assert label_row(("╰", "╯"), "~118", 14, right=True) == "╰───── ~118 ─╯"
    long = label_row(("╰", "╯"), "1,234,567 to 2,345,678 yuan", 12, right=True)
    assert len(long) == 12 and long[0] == "╰" and long[-1] == "╯"


def many_cards_registry(path: Path) -> Path:
    """The invented registry with the fire group grown to four claims."""
    invented_registry(path)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO group_claims (group_id, claim_id, score) "
        "SELECT 'g-fire-hurt', claim_id, 0.5 FROM group_claims WHERE group_id = 'g-consistent'"
    )
    conn.commit()
    conn.close()
    return path


def drawn(sheet: GroupSheet) -> list[list]:
    """Every row of the sheet as drawn, as (text, style) segments."""
    return [list(sheet.render_line(y)) for y in range(sheet.layout().height)]


@pytest.mark.parametrize("size", [(80, 24), (140, 40)])
def test_the_sheet_draws_framed_cards_of_the_full_width(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """Each row is the sheet's width; each card is framed top to bottom at its column;
    the numbers are lit in the drawn rows, and the untrusted title stays literal."""
    seen: dict = {}

    async def go() -> None:
        app = ReviewApp(str(many_cards_registry(tmp_path / "claims.db")), reviewer="tester")
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await pilot.press("down", "enter")
            await pilot.pause()
            sheet = app.screen.query_one(GroupSheet)
            seen["width"], seen["layout"], seen["rows"] = (
                sheet.size.width,
                sheet.layout(),
                drawn(sheet),
            )

    asyncio.run(go())
    width, layout, rows = seen["width"], seen["layout"], seen["rows"]
    texts = ["".join(seg.text for seg in row) for row in rows]
    assert all(sum(len(seg.text) for seg in row) == width for row in rows)
    assert len(layout.rows) == -(-4 // len(layout.columns))  # four cards, as many columns as fit
    for row, top, height in zip(layout.rows, layout.tops, layout.heights, strict=True):
        left = 0
        for index, card_width in zip(row, layout.columns, strict=False):
            frame = [t[left : left + card_width] for t in texts[top : top + height]]
            assert frame[0].startswith(f"╭─ {index + 1} ") and frame[0].endswith("╮")
            assert frame[-1].startswith("╰") and frame[-1].endswith("─╯")
            assert all(r[0] == r[-1] == "│" for r in frame[1:-1])
            left += card_width + GUTTER
    lit = {
        seg.text
        for row in rows
        for seg in row
        if seg.style and seg.style.bold and seg.style.reverse
    }
    assert lit == {"40", "42", "100"}
    assert any("[bold]Fire[/bold]" in t for t in texts) and not any("\x1b" in t for t in texts)
    assert texts[1].lstrip().startswith("people hurt, Harbour Street fire")


def test_arrows_select_cards_and_scroll_them_into_view(tmp_path: Path) -> None:
    """At 80x24 (one column) the cards after the first are below the fold: selecting one
    scrolls it into view, selecting the first scrolls back, and the screen's current
    claim (what "remove" and "open article" act on) is the selected card's."""
    seen: list = []

    async def go() -> None:
        app = ReviewApp(str(many_cards_registry(tmp_path / "claims.db")), reviewer="tester")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("down", "enter")
            await pilot.pause()
            sheet, body = app.screen.query_one(GroupSheet), app.screen.query_one(GroupBody)
            for keys in (["right"], ["right"], ["left", "left"], ["left"]):
                await pilot.press(*keys)
                await pilot.pause()
                card = sheet.layout().region_of(sheet.selected)
                top = body.scroll_offset.y
                seen.append(
                    (
                        sheet.selected,
                        app.screen.current_claim_id() == sheet.claims[sheet.selected].id,
                        top <= card.y
                        and card.bottom <= top + body.scrollable_content_region.height,
                    )
                )

    asyncio.run(go())
    assert [s[0] for s in seen] == [1, 2, 0, 3]  # wraps around both ways
    assert all(s[1] and s[2] for s in seen)


def test_a_click_selects_a_card_and_a_double_click_opens_its_article(tmp_path: Path) -> None:
    seen: dict = {}

    async def go() -> None:
        app = ReviewApp(str(invented_registry(tmp_path / "claims.db")), reviewer="tester")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            sheet = app.screen.query_one(GroupSheet)
            second = sheet.layout().region_of(1)
            await pilot.click(GroupSheet, offset=(second.x + 3, second.y + 2))
            await pilot.pause()
            seen["selected"] = sheet.selected
            await pilot.click(GroupSheet, offset=(second.x + 3, second.y + 2), times=2)
            await pilot.pause()
            seen["screen"] = app.screen
            seen["claim"] = sheet.claims[1].id

    asyncio.run(go())
    assert seen["selected"] == 1
    assert isinstance(seen["screen"], ArticleScreen) and seen["screen"].claim.id == seen["claim"]


def test_the_first_group_is_laid_out_unseen_and_reused_cards_fit_their_claims(
    tmp_path: Path,
) -> None:
    """After first paint the queue stays shown while the group screen already holds the
    selected group, laid out; a card reused for a longer claim grows to fit it."""
    seen: dict = {}

    async def go() -> None:
        app = ReviewApp(str(invented_registry(tmp_path / "claims.db")), reviewer="tester")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            queue = app.screen
            seen["rehearsed"] = (
                isinstance(queue, QueueScreen),
                app.group_screen.group_id,
                queue.current_group_id(),
                card_rows(app.group_screen),
            )
            for keys in (["enter"], ["escape", "down", "enter"], ["escape", "up", "enter"]):
                await pilot.press(*keys)
                await pilot.pause()
                seen[app.screen.group_id] = card_rows(app.screen)

    asyncio.run(go())
    shown, rehearsed, selected, rows = seen["rehearsed"]
    assert shown and rehearsed == selected == "g-sex-ratio"
    assert rows == seen["g-sex-ratio"] and all(r[0] > 0 for r in rows)
    # The wire card's sentence and evidence need more rows than the ratio cards had.
    fire = seen["g-fire-hurt"]
    assert max(need for _, need in fire) > max(need for _, need in rows)
    assert all(have >= need for have, need in fire)
    assert all(have >= need for have, need in seen["g-sex-ratio"])


def test_framed_widgets_draw_the_rows_textual_draws(tmp_path: Path) -> None:
    """``FramedRows`` draws the rows of each widget using it (sheet, body, table,
    screens), whole or cropped, when another group refills the sheet and when the
    selection moves, as Textual's styles cache draws them."""
    from textual.geometry import Region
    from textual.widget import Widget

    from factcheck.tui.widgets.framed import FramedRows

    differences: list[tuple[str, Region]] = []
    compared: set[str] = set()

    def compare(screen) -> None:  # noqa: ANN001
        for widget in [screen, *screen.query("*")]:
            if not isinstance(widget, FramedRows) or not widget.region:
                continue
            compared.add(type(widget).__name__)
            w, h = widget.region.size
            for crop in (Region(0, 0, w, h), Region(3, 1, w - 5, h - 2), Region(0, h - 2, w, 2)):
                ours = [list(strip) for strip in widget.render_lines(crop)]
                widget._styles_cache.clear()
                theirs = [list(strip) for strip in Widget.render_lines(widget, crop)]
                if ours != theirs:
                    differences.append((repr(widget), crop))

    async def go() -> None:
        app = ReviewApp(str(invented_registry(tmp_path / "claims.db")), reviewer="tester")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            compare(app.screen)
            for keys in (["enter"], ["escape", "down", "enter"], ["right"]):
                await pilot.press(*keys)
                await pilot.pause()
                compare(app.screen)

    asyncio.run(go())
    assert not differences
    assert compared >= {"GroupSheet", "GroupBody", "GroupScreen", "QueueTable"}
