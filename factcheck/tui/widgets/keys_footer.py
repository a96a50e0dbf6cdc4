"""Textual's footer, rebuilt only when the keys it shows change."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """A compact ``Footer`` that skips rebuilding when its keys are the same.

    The footer re-creates its key widgets whenever the screen's bindings may have
    changed: on every focus change (left/right between claim cards) and every return
    to a screen. That costs 10-20 ms per key on the group screen, and the keys shown
    are nearly always the same ones.
    """

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
        self._shown: tuple[tuple[object, ...], ...] | None = None

    def bindings_changed(self, screen: Screen) -> None:
        shown = tuple(
            (binding.key, binding.description, binding.action, enabled, tooltip)
            for _, binding, enabled, tooltip in screen.active_bindings.values()
            if binding.show
        )
        if shown == self._shown:
            return
        super().bindings_changed(screen)
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._shown = shown  # the rebuild is under way
