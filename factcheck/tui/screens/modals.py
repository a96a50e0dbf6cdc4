"""Small modal questions the verdict actions ask: a line of text, or one choice of several."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option


class AskText(ModalScreen[str | None]):
    """One line of text (a note); Enter returns it, Escape returns ``None``."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, title: str, placeholder: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box") as box:
            box.border_title = self.title_text
            yield Input(placeholder=self.placeholder, id="answer")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)


class AskChoice(ModalScreen[str | None]):
    """Pick one of ``choices`` (id, label); digits 1-9 pick directly, Escape cancels."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")] + [
        Binding(str(n), f"pick({n - 1})", show=False) for n in range(1, 10)
    ]

    def __init__(self, title: str, choices: list[tuple[str, Text]]) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box") as box:
            box.border_title = self.title_text
            yield OptionList(
                *(
                    Option(Text.assemble(f"{i}. ", label), id=cid)
                    for i, (cid, label) in enumerate(self.choices, 1)
                ),
                id="choices",
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_pick(self, index: int) -> None:
        if index < len(self.choices):
            self.dismiss(self.choices[index][0])
