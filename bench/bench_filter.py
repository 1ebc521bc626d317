"""Filter-as-you-type at 2,000 offers, in-process with App.run_test (100x30, headless).

The filter box is focused and a person's typing is replayed one key at a time: queries
typed and erased with backspace back to an empty filter (every offer shown again). Per
keystroke:

- key to table ready (the target applies to this one): from handing the key to the app
  (`pilot.press`) until the last piece of list work it caused has finished: the Input's
  change, OfferList.refresh_rows and the DataTable's idle-time dimension update. The
  harness's own waiting (`pilot.pause` polls in 20 ms steps) is not counted;
- refresh_rows: the OfferList.refresh_rows call alone (filter, sort, table rows);
- screen update: how long each repaint of the screen took (the compositor drawing the
  visible rows), counted separately because it runs on Textual's refresh timer, not per key;
- key to screen painted (for information, no target): from handing the key to the app
  until the end of the first repaint after its list work, i.e. what the eye waits for.

    /work/venv/bin/python bench/bench_filter.py [--offers 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import time
from pathlib import Path

from common import generate, load_average, median, p95, temp_dir

from tui.app.app import OfferApp

TYPED = ["ember cloud 14", "declined berlin", "e"]
LOAD_TIMEOUT = 30.0


def keys_for(text: str) -> list[str]:
    names = {" ": "space"}
    return [names.get(c, c) for c in text]


def script() -> list[str]:
    keys: list[str] = []
    for text in TYPED:
        keys += keys_for(text) + ["backspace"] * len(text)
    return keys


async def wait_loaded(app: OfferApp, pilot) -> None:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    while not app.loaded:
        if time.perf_counter() - started > LOAD_TIMEOUT:
            raise TimeoutError("offers did not load")
        await pilot.pause(0.05)
    await pilot.pause()


def timed(figures: dict[str, list[float]], name: str, done: list[float], call):  # type: ignore[no-untyped-def]
    """Wrap `call`: record its duration under `name` and when it ended in `done`."""

    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return call(*args, **kwargs)
        finally:
            done.append(time.perf_counter())
            figures[name].append((done[-1] - start) * 1000)

    return wrapper


async def run(data_dir: Path) -> dict[str, list[float]]:
    app = OfferApp(data_dir, watch_interval=0)
    figures: dict[str, list[float]] = {
        "key": [],
        "refresh_rows": [],
        "table": [],
        "frame": [],
        "paint": [],
    }
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(app, pilot)
        offer_list, table, screen = app.offer_list, app.offer_list.table, app.screen
        done: list[float] = []
        frames: list[float] = []
        # Instance attributes shadow the methods for this app only.
        offer_list.refresh_rows = timed(figures, "refresh_rows", done, offer_list.refresh_rows)
        table._update_dimensions = timed(figures, "table", done, table._update_dimensions)
        screen._compositor_refresh = timed(figures, "frame", frames, screen._compositor_refresh)
        app.action_focus_filter()
        await pilot.pause()
        for key in script():
            done.clear()
            frames.clear()
            start = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            if done:
                figures["key"].append((max(done) - start) * 1000)
                painted = [end for end in frames if end > max(done)]
                if painted:
                    figures["paint"].append((min(painted) - start) * 1000)
        assert offer_list.query_text == "", "the script should end with an empty filter"
    return figures


def report(figures: dict[str, list[float]], offers: int) -> list[str]:
    def fmt(values: list[float]) -> str:
        return f"p50 {median(values):6.2f}  p95 {p95(values):6.2f}  max {max(values):6.2f} ms"

    return [
        f"{offers} offers: filter key to table ready  {fmt(figures['key'])}  "
        f"({len(figures['key'])} keys)",
        f"{offers} offers: refresh_rows alone         {fmt(figures['refresh_rows'])}",
        f"{offers} offers: table dimension update     {fmt(figures['table'])}",
        f"{offers} offers: screen update (per frame)  {fmt(figures['frame'])}",
        f"{offers} offers: key to screen painted      {fmt(figures['paint'])}",
    ]


def measure(data_dir: Path) -> dict[str, list[float]]:
    return asyncio.run(run(data_dir))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--offers", type=int, default=2000)
    args = parser.parse_args()
    print(load_average())
    with temp_dir() as home:
        data = generate(home, args.offers, attempts=50)
        for line in report(measure(data), args.offers):
            print(line)


if __name__ == "__main__":
    main()
