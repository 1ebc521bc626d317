"""The key bar at the bottom, rebuilt only when the keys it shows change."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual's Footer rebuilds all its keys (a widget each, styles and all) on every
    bindings signal, and a focus change sends several: scoring an answer rebuilt it six
    times. This one rebuilds at most once per refresh, and not at all when the keys it
    would show are the ones on screen."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pending = False
        self._shown: tuple[object, ...] | None = None

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._pending:
            self._pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._pending = False
        shown = self._keys()
        if shown != self._shown:
            self._shown = shown
            await self.recompose()

    def _keys(self) -> tuple[object, ...]:
        """What compose() would show: each shown binding, whether enabled, its tooltip."""
        keys = [
            (binding.key, binding.action, binding.description, binding.group, enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        ]
        return (*keys, self.compact, self.show_command_palette)
