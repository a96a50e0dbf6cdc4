"""``?``: every key binding of the screen underneath, with what it does."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ScrollableContainer, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def binding_rows(screen: Screen) -> list[tuple[str, str]]:
    """(keys, what they do) for the app's own bindings active on ``screen``, one row per action.

    Bindings of Textual's scroll containers (scroll left, page right...) are left out,
    also where the app subclasses one: they are the same in every app and would bury the
    verdict keys.
    """
    keys: dict[tuple[str, str], list[str]] = {}
    for active in screen.active_bindings.values():
        b = active.binding
        label = b.tooltip or b.description
        node = active.node
        if (
            label
            and type(node).__module__.startswith("factcheck")
            and not isinstance(node, ScrollableContainer)
        ):
            keys.setdefault((b.action, label), []).append(
                b.key_display or screen.app.get_key_display(b)
            )
    return [("/".join(shown), label) for (_, label), shown in keys.items()]


class HelpScreen(ModalScreen[None]):
    """Modal list of bindings; any of Escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.rows = binding_rows(screen)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys (Esc closes; Ctrl+P: all commands)"
            table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
            table.add_column(style="bold", no_wrap=True)
            table.add_column()
            for key, label in self.rows:
                table.add_row(key, label)
            yield Static(table)
