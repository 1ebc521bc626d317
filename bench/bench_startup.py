"""Start-up in a real terminal: offer-tui against a bare Textual app, both in tmux.

Each program is started in a detached tmux session (own server, 100x30) and the screen is
polled with `capture-pane` every 10 ms. Figures, from the moment tmux is asked to start it:

- bare app: until its Static text ("bare app ready") and its footer's "^p palette" show
  (bench/bare_app.py), the same yardstick as the app's first frame;
- offer-tui, first frame: until its first frame with the offer list pane on screen (the
  filter box's "Filter:" placeholder and the footer's "^p palette"); the rows may still
  be loading, since the app reads the offers in a worker after its first frame;
- offer-tui, list complete: until every offer is in the list (the summary line reads
  "N offers");
- CPU: the program's user + system CPU time (all threads) when that screen was seen;
- peak memory: VmHWM of each process, read 0.5 s after list complete (the bare app: 0.5 s
  after its screen showed).

The floor (bench/bare_floor.py): a bare Textual app doing the same start-up work (Header,
filter Input, a DataTable filled from the same offer files read with rtoml, the footer's
keys, the side tabs), timed to the same screens: its first frame ("Filter:" and the
footer), its list complete ("N offers"), its peak memory 0.5 s after that. offer-tui's
ratio to the floor says how much of a figure is ours and how much is Textual's.

offer-tui keeps a cache of parsed offers (`.offers.cache`, written after its first start):
its ordinary start-ups run with the cache the warm-up start left; a first start (the
cache removed, every offer file read and parsed) is timed too, to list complete.

Runs are interleaved (bare, floor, app, first-start app, bare, ...) so background load hits
all of them alike.

    python bench/bench_startup.py [--runs 7] [--offers 200 2000]
"""

from __future__ import annotations

import argparse
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from bare_app import READY
from common import (
    BENCH,
    OFFER_TUI,
    PYTHON,
    Tmux,
    generate,
    load_average,
    median,
    peak_rss_kib,
    temp_dir,
    tmux,
)

SETTLE = 0.5  # seconds after the screen shows before reading peak memory
FIRST_PAINT = ("Filter:", "^p palette")  # the list pane and the footer are drawn
BARE_PAINT = (READY, "^p palette")  # the same yardstick: its body and its footer are drawn


@dataclass
class Startup:
    offers: int
    attempts: int = 0
    bare: list[float] = field(default_factory=list)
    bare_cpu: list[float] = field(default_factory=list)
    app: list[float] = field(default_factory=list)  # list complete
    paint: list[float] = field(default_factory=list)  # app's first frame
    paint_cpu: list[float] = field(default_factory=list)
    bare_rss: list[int] = field(default_factory=list)
    app_rss: list[int] = field(default_factory=list)
    floor_paint: list[float] = field(default_factory=list)  # the floor's first frame
    floor_cpu: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)  # the floor's list complete
    floor_rss: list[int] = field(default_factory=list)
    cold: list[float] = field(default_factory=list)  # list complete with no offer cache
    cold_rss: list[int] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        """First frame against the bare app."""
        return median(self.paint) / median(self.bare)

    @property
    def cpu_ratio(self) -> float:
        return median(self.paint_cpu) / median(self.bare_cpu)

    @property
    def complete_ratio(self) -> float:
        return median(self.app) / median(self.bare)

    @property
    def rss_ratio(self) -> float:
        return median(self.app_rss) / median(self.bare_rss)

    @property
    def cold_ratio(self) -> float:
        return median(self.cold) / median(self.bare)

    @property
    def floor_cold_ratio(self) -> float:
        return median(self.cold) / median(self.floor)

    @property
    def cold_rss_ratio(self) -> float:
        return median(self.cold_rss) / median(self.bare_rss)

    # -- against the floor (the same work in bare Textual) ----------------------------
    @property
    def floor_ratio(self) -> float:
        return median(self.paint) / median(self.floor_paint)

    @property
    def floor_cpu_ratio(self) -> float:
        return median(self.paint_cpu) / median(self.floor_cpu)

    @property
    def floor_complete_ratio(self) -> float:
        return median(self.app) / median(self.floor)

    @property
    def floor_rss_ratio(self) -> float:
        return median(self.app_rss) / median(self.floor_rss)

    @property
    def floor_to_bare(self) -> tuple[float, float, float, float]:
        """The floor itself against the bare app: first frame wall and CPU, list
        complete, peak memory."""
        return (
            median(self.floor_paint) / median(self.bare),
            median(self.floor_cpu) / median(self.bare_cpu),
            median(self.floor) / median(self.bare),
            median(self.floor_rss) / median(self.bare_rss),
        )


def one_run(
    server: Tmux, name: str, command: list[str], *ready: tuple[str, ...]
) -> tuple[list[tuple[float, float]], int]:
    """(seconds, CPU seconds) until each of the `ready` screens shows (every text of it at
    once, in turn), and peak RSS (KiB) shortly after the last."""
    started = time.perf_counter()
    server.start(name, command)
    try:
        took = [server.wait_for_cpu(name, texts, started) for texts in ready]
        time.sleep(SETTLE)
        return took, peak_rss_kib(server.pid(name))
    finally:
        server.kill(name)


class OfferCache:
    """The app's cache of parsed offers (`.offers.cache`): kept as the warm-up left it for
    the ordinary start-ups, removed for the first-start ones."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / ".offers.cache"
        self.saved: bytes | None = None

    def keep(self) -> None:
        self.saved = self.path.read_bytes() if self.path.exists() else None

    def restore(self) -> None:
        self.remove()
        if self.saved is not None:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(self.saved)

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)


def measure(data_dir: Path, offers: int, runs: int, home: Path, attempts: int = 0) -> Startup:
    """Interleaved start-ups: the bare app, the floor, offer-tui as it starts every day
    (its offer cache in place) and offer-tui's first start (no cache: every file read)."""
    result = Startup(offers, attempts)
    cache = OfferCache(data_dir)
    bare = [PYTHON, str(BENCH / "bare_app.py")]
    floor = [PYTHON, str(BENCH / "bare_floor.py"), str(data_dir), "--side"]
    app = [OFFER_TUI, "--data-dir", str(data_dir)]
    complete = (f"{offers} offers",)
    with tmux(home) as server:
        one_run(server, "warm", bare, BARE_PAINT)  # first start fills OS caches
        one_run(server, "warm-floor", floor, complete)
        one_run(server, "warm-app", app, complete)
        cache.keep()
        for n in range(runs):
            ((took, cpu),), rss = one_run(server, f"bare-{n}", bare, BARE_PAINT)
            result.bare.append(took)
            result.bare_cpu.append(cpu)
            result.bare_rss.append(rss)
            ((paint, cpu), (took, _)), rss = one_run(
                server, f"floor-{n}", floor, FIRST_PAINT, complete
            )
            result.floor_paint.append(paint)
            result.floor_cpu.append(cpu)
            result.floor.append(took)
            result.floor_rss.append(rss)
            cache.restore()
            ((paint, cpu), (took, _)), rss = one_run(server, f"app-{n}", app, FIRST_PAINT, complete)
            result.paint.append(paint)
            result.paint_cpu.append(cpu)
            result.app.append(took)
            result.app_rss.append(rss)
            cache.remove()
            ((took, _),), rss = one_run(server, f"cold-{n}", app, complete)
            result.cold.append(took)
            result.cold_rss.append(rss)
        cache.restore()
    return result


def report(s: Startup) -> list[str]:
    ms = lambda values: f"{median(values) * 1000:.0f} ms"  # noqa: E731
    mib = lambda values: f"{median(values) / 1024:.1f} MiB"  # noqa: E731
    spread = lambda values: f"min {min(values) * 1000:.0f} max {max(values) * 1000:.0f} ms"  # noqa: E731
    what = f"{s.offers} offers, {s.attempts} attempts"
    wall, cpu, complete, rss = s.floor_to_bare
    return [
        f"{what}: first frame median {ms(s.paint)} vs bare {ms(s.bare)} = {s.ratio:.2f} x "
        f"bare; CPU {ms(s.paint_cpu)} vs {ms(s.bare_cpu)} = {s.cpu_ratio:.2f} x   "
        f"({len(s.app)} runs each, app {spread(s.paint)})",
        f"{what}:   floor first frame {ms(s.floor_paint)} ({wall:.2f} x bare), CPU "
        f"{ms(s.floor_cpu)} ({cpu:.2f} x); offer-tui = {s.floor_ratio:.2f} x floor, "
        f"CPU {s.floor_cpu_ratio:.2f} x floor",
        f'{what}: list complete ("{s.offers} offers") median {ms(s.app)} = '
        f"{s.complete_ratio:.2f} x bare   (app {spread(s.app)})",
        f"{what}:   floor list complete {ms(s.floor)} ({complete:.2f} x bare); "
        f"offer-tui = {s.floor_complete_ratio:.2f} x floor",
        f"{what}: list complete, first start (no offer cache) median {ms(s.cold)} = "
        f"{s.cold_ratio:.2f} x bare, {s.floor_cold_ratio:.2f} x floor; peak RSS "
        f"{mib(s.cold_rss)} = {s.cold_rss_ratio:.2f} x bare",
        f"{what}: peak RSS median {mib(s.app_rss)} vs bare {mib(s.bare_rss)}"
        f" = {s.rss_ratio:.2f} x bare",
        f"{what}:   floor peak RSS {mib(s.floor_rss)} ({rss:.2f} x bare); "
        f"offer-tui = {s.floor_rss_ratio:.2f} x floor",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--offers", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--attempts", type=int, default=50)
    args = parser.parse_args()
    print(load_average())
    with temp_dir() as home:
        for offers in args.offers:
            data = generate(home, offers, args.attempts)
            for line in report(measure(data, offers, args.runs, home, args.attempts)):
                print(line)
    print(load_average())


if __name__ == "__main__":
    main()
