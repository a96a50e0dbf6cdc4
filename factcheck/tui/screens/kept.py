"""A screen the app keeps for the whole session and refills, instead of composing anew."""

from __future__ import annotations

from textual import events
from textual.screen import Screen
from textual.widget import Widget

from ..widgets.framed import FramedRows


class KeptScreen(FramedRows, Screen):
    """Base of the group and article screens: installed once, shown again and again.

    Composing a screen (header, footer, body) cost tens of milliseconds of each key that
    opened one; a kept screen is refilled with ``show`` and pushed by name. These two
    hooks take out what Textual repeats on every return of such a screen.
    """

    _styled_look: tuple[str, bool] | None = None  # (theme, ansi) last styled with
    _drawn_unseen = False  # every widget drawn once by ``lay_out_unseen``

    def lay_out_unseen(self, body: Widget) -> None:
        """Lay this screen out while it is not on the stack (after a ``show``), and the
        first time draw it too, so that the first real showing costs what later ones do.

        The first showing of a screen laid it out three times (every widget sized for
        the first time, then again once the scroll bar appeared) and drew every widget
        for the first time: ~120 ms more than later opens of a group, ~25 ms of an
        article. Later, drawing the whole screen unseen (12-40 ms at 1M claims) would
        hold up a key pressed meanwhile: a caller draws its own rows, a few at a time
        (``DrawnRows.draw_ahead``). No public API lays out a screen that is not shown,
        hence Textual's private layout and compositor calls.
        """
        if self.is_current:
            return  # shown meanwhile: it is laid out and drawn as shown
        # ``body`` holds what ``show`` resized; its new size reaches the arrangement only
        # at the next idle check of refreshes, and this layout comes before it.
        body._clear_arrangement_cache()
        for _ in range(2):  # the second settles the scroll bar the first found needed
            self._refresh_layout(self.app.size)
        if not self._drawn_unseen:
            self._drawn_unseen = True
            self._compositor.render_update(full=True)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """Skip Textual's restyle of every widget on resume while the theme is unchanged.

        Runs before Screen's own handler. The restyle is there for a theme changed
        while this screen was off the stack; it cost ~18 ms of each Enter on the queue.
        """
        look = (self.app.theme, self.app.ansi_color)
        if look == self._styled_look:
            event.refresh_styles = False
        self._styled_look = look

    def _on_timer_update(self) -> None:
        """Draw a resumed screen's full repaint in the frame of the layout it also needs.

        Textual lays the screen out (drawing every widget that moved) and then repaints it
        all once more for the resume: after each Enter, a second frame of the same screen,
        ~6 ms. Handing the screen to the layout's update instead makes that one frame the
        full one. (Textual's private frame hook: textual is pinned below 9.)
        """
        if (
            self._layout_required
            and self._repaint_required
            and self.is_current
            and not self.app._batch_count
        ):
            self._repaint_required = False
            self._dirty_widgets.add(self)
        super()._on_timer_update()
