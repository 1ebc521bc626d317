"""Widgets whose content changes at a key and whose screen should settle in one frame:
`Rendered`, a Static for Rich renderables that are replaced often (a scored answer),
rendered once per width, not once to measure and again to paint, laid out again only when
the height differs; `RenderedView`, the same in a scrolling view whose own size is set by
CSS (the selected offer), so a new renderable never lays the screen out; and `OneFrame`,
for containers whose content height changes with them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import RenderableType
from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

if TYPE_CHECKING:
    _Widget = Widget
else:
    _Widget = object


class OneFrame(_Widget):
    """Mixed into a widget whose size or content height changes at a key (textual is pinned
    to 8.2.x). Textual asks for a second layout of the whole screen when a widget's virtual
    size changes, though the layout that found the new size has placed everything already,
    and repaints the scrollbar that shows it in a frame after: two frames more, each waiting
    for the next tick of the screen's clock. Here the size is taken as it is and the
    scrollbar painted with the layout's own frame."""

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        changed = super()._size_updated(size, virtual_size, container_size, layout=False)
        bar = self._vertical_scrollbar
        compositor = self.screen._compositor
        if bar is not None and bar._repaint_required and bar in compositor.visible_widgets:
            bar._repaint_required = False
            compositor.update_widgets({bar})
        return changed


class OneFrameScroll(OneFrame):
    """OneFrame for a ScrollView. Textual's ScrollView compares the layout's virtual size
    (the viewport's, for a ScrollView) with its own (all its lines), which never match, so
    every layout of the screen repainted its scrollbar in a frame of its own: here only a
    change of its size or of its own virtual size is passed on."""

    _sized: tuple[Size, Size, Size] | None = None

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        seen = (size, self.virtual_size, container_size)
        if seen == self._sized:
            return False
        self._sized = seen
        return super()._size_updated(size, virtual_size, container_size, layout)


class RenderedLines(_Widget):
    """The lines of one Rich renderable, rendered once per width (Rendered, RenderedView)."""

    _renderable: RenderableType = ""
    _lines: list[Strip] = []  # replaced whole, never changed in place
    _width = -1  # the width `_lines` were rendered at (-1: not rendered)

    @property
    def renderable(self) -> RenderableType:
        return self._renderable

    def _render_at(self, width: int) -> list[Strip]:
        if width != self._width:
            self._lines, self._width = render_lines(self, self._renderable, width), width
        return self._lines


class Rendered(OneFrame, RenderedLines, Widget):
    """Textual's Static renders a Rich renderable twice per update (its height is found by
    rendering it, then it is rendered again to be painted) and always asks for a layout of
    the whole screen. This one keeps the lines it rendered (Textual's line API) and, once it
    has a width, renders an update at once and asks for a layout only if the height moved."""

    DEFAULT_CSS = """
    Rendered {
        height: auto;
    }
    """

    def __init__(self, renderable: RenderableType = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._renderable = renderable

    def update(self, renderable: RenderableType) -> None:
        self._renderable = renderable
        width, height = self._width, len(self._lines)
        self._width = -1
        if width > 0 and self.is_mounted:
            self._render_at(width)
            self.refresh(layout=len(self._lines) != height)
        else:
            self.refresh(layout=True)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._render_at(width))

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        lines = self._render_at(width)
        if y >= len(lines):
            return Strip.blank(width, self.rich_style)
        return lines[y].apply_style(self.rich_style)


def render_lines(widget: Widget, renderable: RenderableType, width: int) -> list[Strip]:
    """`renderable` as lines `width` cells wide, as Textual's Static would paint it."""
    if isinstance(renderable, str):
        renderable = Text(renderable)
    app = widget.app
    options = app.console_options.update_width(width).update(highlight=False)
    segments = app.console.render(renderable, options)
    lines = Segment.split_and_crop_lines(segments, width, include_new_lines=False)
    return [Strip(line, width) for line in lines]


class RenderedView(OneFrameScroll, RenderedLines, ScrollView):
    """A scrolling view of one Rich renderable, its own size set by CSS (height: 1fr, say).
    A new renderable is rendered at once, at the width it will be shown at (with the
    scrollbar or without), and only the scrolling height changes: no layout of the screen,
    only this view repainted (a VerticalScroll around a Static lays the whole screen out
    whenever the text's height changes, twice)."""

    def update(self, renderable: RenderableType) -> None:
        self._renderable = renderable
        self._width = -1
        self._fit()
        self.refresh()

    def _fit(self) -> None:
        """Render at the width the text will have and take its height as the scrolling
        height. The scrollbar's state is tried first: rendered again only if it changes."""
        full, height = self.container_size
        if full <= 0:
            return  # not laid out yet: on_resize does it
        bar = self.styles.scrollbar_size_vertical
        if self.styles.overflow_y != "auto":
            width = full - bar if self.styles.overflow_y == "scroll" else full
        else:
            shown = self.show_vertical_scrollbar
            width = full - bar if shown else full
            if (len(self._render_at(width)) > height) != shown:
                width = full if shown else full - bar
        size = Size(width, len(self._render_at(width)))
        if size != self.virtual_size:
            self.set_reactive(Widget.virtual_size, size)  # no layout: our size is the CSS's
            self._scroll_update(size)  # the scrollbar (a layout only if it comes or goes)

    def on_resize(self, event: events.Resize) -> None:
        self._fit()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        lines = self._render_at(width)
        index = self.scroll_offset.y + y
        line = lines[index] if 0 <= index < len(lines) else Strip.blank(width)
        return line.apply_style(self.rich_style)
