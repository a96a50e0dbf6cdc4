"""Command palette (Ctrl+P): every key binding of the current screen, plus each filter value.

Entries are built from the bindings that are active where the palette was opened,
so a new key is in the palette the moment it is bound, with the same words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from .data import STATUS_FILTERS, VERDICTS

Entry = tuple[str, Callable[[], object], str]


class ReviewCommands(Provider):
    """Actions of the screen the palette was opened on, named as in the footer."""

    def entries(self) -> Iterator[Entry]:
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            b = active.binding
            title = b.tooltip or b.description
            if not title or not active.enabled or title in seen:
                continue
            seen.add(title)
            key = b.key_display or self.app.get_key_display(b)
            yield title, partial(self.app.run_action, b.action, active.node), f"key: {key}"
        set_filter = getattr(self.screen, "set_filter", None)
        if set_filter is not None:
            for name, values in (("verdict", VERDICTS), ("status", STATUS_FILTERS)):
                for value in values:
                    yield (
                        f"Filter {name}: {value}",
                        partial(set_filter, name, value),
                        f"show groups whose {name} is {value}",
                    )

    async def discover(self) -> Hits:
        for title, command, help_text in self.entries():
            yield DiscoveryHit(title, command, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, command, help_text in self.entries():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), command, help=help_text)
