"""The queue's status line: cut at a word as a wrapped one-line Static showed it."""

from __future__ import annotations

from factcheck.tui.widgets.status_line import fit_words


def test_a_line_that_fits_is_kept_whole() -> None:
    assert fit_words("open 4 · confirmed 0", 20) == "open 4 · confirmed 0"


def test_a_long_line_is_cut_at_the_last_space_that_fits() -> None:
    line = "open 95,000 · confirmed 2,500  │  page 3, rows 101–150+"
    assert fit_words(line, 26) == "open 95,000 · confirmed"
    assert fit_words(line, 23) == "open 95,000 · confirmed"  # the word ends at the edge
    assert fit_words(line, 33) == "open 95,000 · confirmed 2,500  │"


def test_one_word_longer_than_the_line_is_cut_inside_it() -> None:
    assert fit_words("counting…", 5) == "count"
