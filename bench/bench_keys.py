"""Key to screen settled, in-process with App.run_test (100x30, headless), at N offers,
for offer-tui and for bare Textual apps doing the same (bench/bare_widgets.py):

- filter: typing into the filter box and erasing it (every key); bare: Input + DataTable
  of the same N offers' titles (plain text), re-filled on each change;
- move selection: down and up in the list; bare: the same in a DataTable of N rows;
- tab switch: keys 1, 2, 3 around the side panel's tabs; bare: TabbedContent with three
  similar panes;
- score (ctrl+s): a ~150-word answer scored and its breakdown shown; bare: a TextArea
  that ctrl+s hides for a Static with a feedback text of the same size, the focus (and
  the footer's keys) moving to its pane.

Settled: from handing the key to the app until the end of the last screen update it
caused (no update for QUIET seconds after it), so animations count; the CPU figure is the
main thread's CPU time over the same span (less moved by other programs on the machine).
The harness's own waiting is not counted: the times are the screen updates' own. The
rehearsal pane's once-a-second clock (elapsed time) is paused while keys are timed: its
repaints are not caused by the keys.

    python bench/bench_keys.py [--offers 2000] [--counts]

--counts: instead of times, what the screen did per key (frames painted, layouts of the
whole screen, widgets repainted, nodes restyled, contents measured), in offer-tui.
"""

from __future__ import annotations

import argparse
import asyncio
import time
import unicodedata
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bare_widgets import BareScore, BareTable, BareTabs
from bench_score import words
from common import generate, load_average, median, p95, temp_dir
from textual import events
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

from tui.app.app import OfferApp

SIZE = (100, 30)
QUIET = 0.25  # seconds without a screen update: settled
TIMEOUT = 5.0
FILTER_TEXT = ["ember cloud 14", "declined berlin"]
MOVES = ["down"] * 12 + ["up"] * 12
TABS = ["2", "3", "1"] * 4
SCORES = 6


@dataclass
class Keys:
    offers: int
    app: dict[str, list[float]] = field(default_factory=dict)
    bare: dict[str, list[float]] = field(default_factory=dict)
    app_cpu: dict[str, list[float]] = field(default_factory=dict)  # main thread's CPU, ms
    bare_cpu: dict[str, list[float]] = field(default_factory=dict)

    def ratio(self, name: str) -> float | None:
        if not self.bare.get(name):
            return None
        return median(self.app[name]) / median(self.bare[name])


def filter_keys() -> list[str]:
    keys: list[str] = []
    for text in FILTER_TEXT:
        keys += [{" ": "space"}.get(c, c) for c in text] + ["backspace"] * len(text)
    return keys


class Frames:
    """End times of the screen's updates (wrapping this screen's compositor refresh), and
    the main thread's CPU time at each; `cpu`: per key, the CPU from the key to its last
    update (the harness's own polling in between is a few wake-ups of a sleep)."""

    def __init__(self, app: Any) -> None:
        self.ends: list[float] = []
        self.cpu_ends: list[float] = []
        self.cpu: list[float] = []
        self.app = app
        self.screen = None
        self.watch()

    def watch(self) -> None:
        screen = self.app.screen
        if screen is self.screen:
            return
        self.screen = screen
        real = screen._compositor_refresh

        def timed(*args: Any, **kwargs: Any) -> Any:
            try:
                return real(*args, **kwargs)
            finally:
                self.ends.append(time.perf_counter())
                self.cpu_ends.append(time.thread_time())

        screen._compositor_refresh = timed


def send_key(app: Any, key: str) -> None:
    """Hand `key` to the app as a terminal's driver does (Pilot.press builds the same
    event, then waits for every widget on the screen to drain its queue, which with
    hundreds of widgets delays the app's own frames)."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char: str | None = unicodedata.lookup(
            _get_unicode_name_from_key(REPLACED_KEYS.get(key, key))
        )
    except KeyError:
        char = key if len(key) == 1 else None
    event = events.Key(key, char)
    event.set_sender(app)
    app._driver.send_message(event)


async def settled(pilot: Any, frames: Frames, key: str) -> float:
    """ms from pressing `key` until the last screen update it caused."""
    frames.watch()
    frames.ends.clear()
    frames.cpu_ends.clear()
    seen_before = dict(Counts.seen)
    start, cpu_start = time.perf_counter(), time.thread_time()
    send_key(pilot.app, key)
    seen, quiet_since = -1, time.perf_counter()
    while time.perf_counter() - start < TIMEOUT:
        await asyncio.sleep(0.01)
        if len(frames.ends) != seen:
            seen, quiet_since = len(frames.ends), time.perf_counter()
        elif time.perf_counter() - quiet_since > QUIET:
            break
    for what, count in Counts.seen.items():
        Counts.keyed[what] = Counts.keyed.get(what, 0) + count - seen_before.get(what, 0)
    after = [end for end in frames.ends if end >= start]
    frames.cpu.append((max(frames.cpu_ends) - cpu_start) * 1000 if after else 0.0)
    return (max(after) - start) * 1000 if after else 0.0


async def run_keys(pilot: Any, frames: Frames, keys: Sequence[str]) -> list[float]:
    return [await settled(pilot, frames, key) for key in keys]


class Counts:
    """--counts: what the screen did per key: frames painted, layouts of the screen, widgets
    repainted, nodes restyled, contents measured (Textual's own methods, wrapped for a
    separate run: the timed runs are not slowed by it)."""

    seen: dict[str, int] = {}  # since the start
    keyed: dict[str, int] = {}  # within the timed keys of the current series
    per_key: dict[str, dict[str, float]] = {}
    on = False

    @classmethod
    def install(cls) -> None:
        from textual.css.stylesheet import Stylesheet
        from textual.screen import Screen
        from textual.widget import Widget

        cls.on = True
        tick, apply, measure = Screen._on_timer_update, Stylesheet.apply, Widget.get_content_height
        seen = cls.seen

        def counted_tick(screen: Any) -> None:
            if screen._layout_required or screen._dirty_widgets or screen._repaint_required:
                seen["frames"] = seen.get("frames", 0) + 1
                seen["layouts"] = seen.get("layouts", 0) + bool(screen._layout_required)
                seen["repainted"] = seen.get("repainted", 0) + len(screen._dirty_widgets)
            tick(screen)

        def counted_apply(sheet: Any, node: Any, *args: Any, **kwargs: Any) -> Any:
            seen["restyled"] = seen.get("restyled", 0) + 1
            return apply(sheet, node, *args, **kwargs)

        def counted_measure(widget: Any, *args: Any, **kwargs: Any) -> Any:
            seen["measured"] = seen.get("measured", 0) + 1
            return measure(widget, *args, **kwargs)

        Screen._on_timer_update = counted_tick  # type: ignore[method-assign]
        Stylesheet.apply = counted_apply  # type: ignore[method-assign]
        Widget.get_content_height = counted_measure  # type: ignore[method-assign]


async def keep(
    wall: dict[str, list[float]],
    cpu: dict[str, list[float]],
    name: str,
    frames: Frames,
    run: Awaitable[list[float]],
) -> None:
    """The figures of `run` (a series of keys) under `name`: wall and CPU times."""
    frames.cpu.clear()
    Counts.keyed.clear()
    wall[name] = await run
    cpu[name] = list(frames.cpu)
    if Counts.on:
        Counts.per_key[name] = {k: v / len(wall[name]) for k, v in Counts.keyed.items()}


async def wait(pilot: Any, check: Callable[[], bool], what: str) -> None:
    started = time.perf_counter()
    while not check():
        if time.perf_counter() - started > 60:
            raise TimeoutError(what)
        await pilot.pause(0.05)
    await pilot.pause(0.3)


async def app_figures(data_dir: Path, result: Keys) -> None:
    app = OfferApp(data_dir, watch_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot, lambda: app.loaded and app.panes_ready, "load")
        for timer in app.query_one("#rehearsal-pane")._timers:
            timer.pause()
        frames = Frames(app)
        app.offer_list.table.focus()
        await pilot.pause(0.2)
        await keep(
            result.app, result.app_cpu, "move selection", frames, run_keys(pilot, frames, MOVES)
        )
        await keep(result.app, result.app_cpu, "tab switch", frames, run_keys(pilot, frames, TABS))
        app.action_focus_filter()
        await pilot.pause(0.2)
        await keep(
            result.app, result.app_cpu, "filter", frames, run_keys(pilot, frames, filter_keys())
        )
        await pilot.press("escape")
        await keep(
            result.app, result.app_cpu, "score (ctrl+s)", frames, score_figures(app, pilot, frames)
        )


async def score_figures(app: Any, pilot: Any, frames: Frames) -> list[float]:
    from textual.widgets import TextArea

    app.offer_list.table.focus()
    await pilot.press("3")
    area = app.query_one("#rh-answer", TextArea)
    await wait(pilot, lambda: area.display, "rehearsal pane")
    times = []
    for _ in range(SCORES):
        area.focus()
        area.text = words(150)
        await pilot.pause(0.3)
        times.append(await settled(pilot, frames, "ctrl+s"))
        await pilot.press("ctrl+t")  # try again: the answer box is back
        await pilot.pause(0.3)
    return times


async def bare_figures(titles: list[str], result: Keys) -> None:
    table_app = BareTable(titles)
    async with table_app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)
        frames = Frames(table_app)
        await keep(
            result.bare, result.bare_cpu, "move selection", frames, run_keys(pilot, frames, MOVES)
        )
        table_app.query_one("#filter").focus()
        await pilot.pause(0.2)
        await keep(
            result.bare, result.bare_cpu, "filter", frames, run_keys(pilot, frames, filter_keys())
        )
    tabs_app = BareTabs()
    async with tabs_app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)
        frames = Frames(tabs_app)
        await keep(
            result.bare, result.bare_cpu, "tab switch", frames, run_keys(pilot, frames, TABS)
        )
    score_app = BareScore()
    async with score_app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)
        frames = Frames(score_app)
        await keep(
            result.bare,
            result.bare_cpu,
            "score (ctrl+s)",
            frames,
            bare_scores(score_app, pilot, frames),
        )


async def bare_scores(app: BareScore, pilot: Any, frames: Frames) -> list[float]:
    from textual.widgets import TextArea

    area = app.query_one("#answer", TextArea)
    times = []
    for _ in range(SCORES):
        area.text = words(150)
        await pilot.pause(0.3)
        times.append(await settled(pilot, frames, "ctrl+s"))
        await pilot.press("ctrl+t")
        await pilot.pause(0.3)
    return times


def offer_titles(data_dir: Path) -> list[str]:
    """The offers' list titles as plain text, for the bare table: the same rows to filter."""
    from tui.store.offers import OfferStore

    offers = OfferStore(data_dir).load_all().offers.values()
    return [f"{o.company} · {o.role}\n{o.status.value} · {o.location}" for o in offers]


def measure(data_dir: Path, offers: int) -> Keys:
    result = Keys(offers)
    asyncio.run(bare_figures(offer_titles(data_dir), result))
    asyncio.run(app_figures(data_dir, result))
    return result


def report(k: Keys) -> list[str]:
    lines = []
    for name, values in k.app.items():
        line = (
            f"{k.offers} offers: {name:<15} key to settled p50 {median(values):6.1f}  "
            f"p95 {p95(values):6.1f} ms"
        )
        bare = k.bare.get(name)
        if bare:
            line += f"   bare Textual p50 {median(bare):6.1f} ms = {k.ratio(name):.2f} x bare"
        cpu, bare_cpu = k.app_cpu.get(name), k.bare_cpu.get(name)
        if cpu:
            line += (
                f"\n{'':>{len(str(k.offers)) + 9}}{'':<15} CPU to settled p50 {median(cpu):6.1f} ms"
            )
            if bare_cpu:
                ratio = median(cpu) / median(bare_cpu)
                line += f"   bare Textual p50 {median(bare_cpu):6.1f} ms = {ratio:.2f} x bare"
        lines.append(line)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--offers", type=int, default=2000)
    parser.add_argument("--counts", action="store_true", help="what the screen does per key")
    args = parser.parse_args()
    print(load_average())
    if args.counts:
        Counts.install()
        with temp_dir() as home:
            asyncio.run(app_figures(generate(home, args.offers, 200), Keys(args.offers)))
        for name, counts in Counts.per_key.items():
            shown = ", ".join(f"{what} {n:.1f}" for what, n in sorted(counts.items()))
            print(f"{args.offers} offers: {name:<15} per key: {shown}")
        return
    with temp_dir() as home:
        for line in report(measure(generate(home, args.offers, 200), args.offers)):
            print(line)


if __name__ == "__main__":
    main()
