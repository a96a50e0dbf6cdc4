"""The group screen's cards: their line drawing (``render.Lines``), their sizes when
reused for another group, and the unseen rehearsal of the first group after start-up.

The cards are drawn by ``Lines`` instead of Rich; these tests hold it to what Rich
drew (word wrap, an ellipsis on the title, the number's style) on invented text, at
card widths from 80x24 to wide terminals.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions

from factcheck.tui.app import ReviewApp
from factcheck.tui.render import Lines, highlighted, literal, wrap_offsets
from factcheck.tui.screens.group import GroupScreen
from factcheck.tui.screens.queue import QueueScreen
from factcheck.tui.widgets.claim_card import ClaimCard

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
    """(rows inside the border, rows its lines need) of each card shown."""
    return [
        (card.content_size.height, card.render().get_height({}, card.content_size.width))
        for card in screen.query(ClaimCard)
    ]


def test_the_first_group_is_laid_out_unseen_and_reused_cards_fit_their_claims(
    tmp_path: Path,
) -> None:
    """After first paint the queue stays shown while the group screen already holds the
    selected group, laid out; a card reused for a longer claim grows to fit it."""
    seen: dict = {}

    async def go() -> None:
        app = ReviewApp(str(invented_registry(tmp_path / "claims.db")), reviewer="tester")
        async with app.run_test(size=(80, 24)) as pilot:
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
    """``FramedRows`` draws the rows of each widget using it (cards, grid, body, table,
    screens), whole or cropped, focused or not, when another group refills the cards (new
    labels) and when the focus moves, as Textual's styles cache draws them."""
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
    assert compared >= {"ClaimCard", "CardGrid", "GroupBody", "GroupScreen", "QueueTable"}
