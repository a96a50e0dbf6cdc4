"""``?``: every key binding of the screen underneath, with what it does."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def bindings_table(screen: Screen) -> Table:
    """Key, action description and tooltip for each binding active on ``screen``."""
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    seen = set()
    for active in screen.active_bindings.values():
        b = active.binding
        label = b.tooltip or b.description
        if not label or (b.action, label) in seen:
            continue
        seen.add((b.action, label))
        table.add_row(b.key_display or screen.app.get_key_display(b), label)
    return table


class HelpScreen(ModalScreen[None]):
    """Modal list of bindings; any of Escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.table = bindings_table(screen)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys (Esc closes; Ctrl+P: all commands)"
            yield Static(self.table)
