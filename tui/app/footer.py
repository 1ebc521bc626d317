"""The footer: the keys that fit, with Help and Quit always among them, rebuilt only when
the keys it shows change.

Textual's Footer lists every shown binding from the focused widget up to the app and cuts
off what does not fit, so with a pane focused at 80 columns the app's own Help and Quit
fell off the end. This one keeps them, drops the app's other keys from the end as the
width requires, and never runs under the command palette hint on the right.

Textual's Footer also rebuilds all its keys (a widget each, styles and all) on every
bindings signal, a frame after it, and a focus change sends several: scoring an answer
rebuilt it six times. This one does nothing when the keys it would show are the ones on
screen, and otherwise updates the key widgets it has in place (mounting only the difference
in number, hiding the ones not needed) in the same call as the focus change, so the footer
is drawn in the same frame as the rest."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tui.app.rendered import OneFrame

# Actions whose key is always shown (when the screen has them at all).
ESSENTIAL = ("help", "quit")
# " key " and "desc " as FooterKey renders them in the default (not compact) style.
KEY_PADDING = 3
# The palette hint docked right: its key, its text, the padding and its left border.
PALETTE_EXTRA = 2


def key_width(key: FooterKey) -> int:
    return len(key.key_display) + len(key.description) + KEY_PADDING


class FittedKey(OneFrame, FooterKey):
    """A footer key whose change of width lays the screen out once."""

    @classmethod
    def like(cls, key: FooterKey, compact: bool) -> FittedKey:
        """`key` as a FittedKey, in the footer's style (`compact`) from the start: a key
        mounted with the default style and changed after is laid out at the wrong width."""
        classes = " ".join(name for name in key.classes if name != "-disabled")
        tooltip = key.tooltip if isinstance(key.tooltip, str) else ""
        new = cls(
            key.key,
            key.key_display,
            key.description,
            key.action,
            disabled=key._disabled,
            tooltip=tooltip,
            classes=classes,
        )
        if key.has_class("-command-palette"):
            return new  # Textual's own: not bound to the footer's compact setting
        new.set_reactive(FooterKey.compact, compact)
        new.set_class(compact, "-compact")
        return new.data_bind(compact=Footer.compact)


class KeyFooter(OneFrame, Footer):
    _fitted_width = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._shown: tuple[object, ...] | None = None

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self._rebuild()

    def _rebuild(self) -> None:
        shown = self._keys()
        if shown == self._shown:
            return
        self._shown = shown
        wanted = list(self.compose())
        current = list(self.children)
        if not all(isinstance(w, FooterKey) for w in (*wanted, *current)):
            self.refresh(recompose=True)  # grouped keys: Textual's own way
            return
        keys, palette = split(current)
        new_keys, new_palette = split(wanted)
        for old, new in zip(keys, new_keys, strict=False):
            take_over(old, new)
        if len(new_keys) > len(keys):
            self.mount_all(new_keys[len(keys) :], before=palette[0] if palette else None)
        for extra in keys[len(new_keys) :]:
            extra.display = False  # kept for the next focus change: mounting one costs more
        if palette and new_palette:
            take_over(palette[0], new_palette[0])
        elif new_palette:
            self.mount_all(new_palette)
        elif palette:
            palette[0].display = False

    def _keys(self) -> tuple[object, ...]:
        """What compose() would show: each shown binding, whether enabled, its tooltip."""
        keys = [
            (binding.key, binding.action, binding.description, binding.group, enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        ]
        return (*keys, self.compact, self.show_command_palette, self._width())

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        keys = [w for w in widgets if isinstance(w, FooterKey)]
        if len(keys) != len(widgets):  # grouped keys: leave Textual's layout alone
            yield from widgets
            return
        for key in fit(keys + self._missing(keys), self._width()):
            yield FittedKey.like(key, self.compact) if isinstance(key, FooterKey) else key

    def _missing(self, keys: list[FooterKey]) -> list[FooterKey]:
        """Help or Quit under another key when their own is taken by the focused widget
        (in a text box q types a q; ctrl+q still quits)."""
        shown = {k.action for k in keys}
        extra: list[FooterKey] = []
        for action in ESSENTIAL:
            if action in shown:
                continue
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
                if binding.action == action and enabled:
                    display = self.app.get_key_display(binding)
                    label = binding.description or action.title()
                    key = FooterKey(binding.key, display, label, action, tooltip=tooltip)
                    extra.append(key.data_bind(compact=Footer.compact))
                    break
        return extra

    def _width(self) -> int:
        width = self.size.width or self.app.size.width
        self._fitted_width = width
        return width

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._fitted_width:
            self.call_after_refresh(self.recompose)


KEY_CLASSES = ("-disabled", "-grouped")  # what compose() sets, but for the palette's


def split(widgets: list[Widget]) -> tuple[list[FooterKey], list[FooterKey]]:
    """The keys, and the command palette's hint (docked right; styled apart)."""
    keys = [w for w in widgets if isinstance(w, FooterKey)]
    palette = [k for k in keys if k.has_class("-command-palette")]
    return [k for k in keys if k not in palette], palette


def take_over(key: FooterKey, new: FooterKey) -> None:
    """`key` (on screen) shows what `new` (not mounted) would: a refresh of one widget
    where a new one would be styled and mounted."""
    state = (new.key, new.key_display, new.description, new.action, new._disabled)
    if state != (key.key, key.key_display, key.description, key.action, key._disabled):
        key.key, key.key_display, key.description, key.action, key._disabled = state
        key.refresh(layout=True)
    for name in KEY_CLASSES:
        key.set_class(new.has_class(name), name)
    key.tooltip = new.tooltip
    key.display = True


def fit(keys: list[FooterKey], width: int) -> list[Widget]:
    """The keys that fit in `width` columns, in order, essential ones last, then the
    palette hint; other keys are dropped from the end until the rest fit."""
    palette = [k for k in keys if k.has_class("-command-palette")]
    essential = [k for k in keys if k.action in ESSENTIAL and k not in palette]
    others = [k for k in keys if k not in palette and k not in essential]
    room = width - sum(key_width(k) + PALETTE_EXTRA for k in palette)
    room -= sum(key_width(k) for k in essential)
    kept: list[FooterKey] = []
    for key in others:
        if key_width(key) > room:
            break
        kept.append(key)
        room -= key_width(key)
    return [*kept, *essential, *palette]
