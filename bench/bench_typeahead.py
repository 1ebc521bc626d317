"""What holding keys until the app has settled costs (tui/app/typeahead.py), in-process with
App.run_test (100x30, headless), keys handed to the app all at once as one terminal read:

- text burst: N printable characters into a form field; bare: the same into the only Input
  of a bare Textual app (which has no typeahead hold);
- whole forms: five add-offer forms (a, company, Tab, role, Enter) in one burst, until all
  five are saved (no bare floor: a bare app would put them in the wrong places).

Each figure is the median of --runs, from the burst to its last effect; the ratio is to the
bare app measured in the same run.

    python bench/bench_typeahead.py [--chars 2000] [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from common import load_average, median, temp_dir
from textual import events
from textual.app import App, ComposeResult
from textual.widgets import Input

from tui.app.app import OfferApp

SIZE = (100, 30)
TIMEOUT = 120.0


class BareInput(App[None]):
    def compose(self) -> ComposeResult:
        yield Input(id="field")


def burst(app: App[Any], keys: Iterable[str]) -> None:
    assert app._driver is not None
    for key in keys:
        event = events.Key(key, {"tab": "\t", "enter": "\r"}.get(key, key))
        event.set_sender(app)
        app._driver.send_message(event)


async def until(pilot: Any, check: Callable[[], bool]) -> float:
    start = time.perf_counter()
    while not check():
        if time.perf_counter() - start > TIMEOUT:
            raise SystemExit("a burst never finished")
        await pilot.pause(0.005)
    return time.perf_counter() - start


def text(chars: int) -> list[str]:
    return list(("pasted answer words " * (chars // 20 + 1))[:chars].replace(" ", "x"))


async def bare_text(chars: int) -> float:
    app = BareInput()
    async with app.run_test(size=SIZE) as pilot:
        field = app.query_one(Input)
        await pilot.pause(0.1)
        start = time.perf_counter()
        burst(app, text(chars))
        await until(pilot, lambda: len(field.value) == chars)
        return time.perf_counter() - start


async def app_text(data_dir: Path, chars: int) -> float:
    app = OfferApp(data_dir, watch_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.loaded and app.panes_ready)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.focused, Input))
        field = app.focused
        assert isinstance(field, Input)
        start = time.perf_counter()
        burst(app, text(chars))
        await until(pilot, lambda: len(field.value) == chars)
        return time.perf_counter() - start


async def app_forms(data_dir: Path) -> float:
    app = OfferApp(data_dir, watch_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.loaded and app.panes_ready)
        before = len(app.offers)
        keys: list[str] = []
        for n in range(5):
            keys += ["a", *f"Burst {n}", "tab", *f"Role {n}", "enter"]
        start = time.perf_counter()
        burst(app, keys)
        await until(pilot, lambda: len(app.offers) == before + 5 and not app.typeahead_pending)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"load average before: {load_average()}")
    bare, app, forms = [], [], []
    with temp_dir() as root:
        for run in range(args.runs):
            data_dir = root / f"data-{run}"
            bare.append(asyncio.run(bare_text(args.chars)))
            app.append(asyncio.run(app_text(data_dir, args.chars)))
            forms.append(asyncio.run(app_forms(data_dir)))
    b, a = median(bare), median(app)
    print(f"text burst, {args.chars} characters into a field (median of {args.runs}):")
    print(f"  bare Textual Input {b:.3f} s · offer-tui form field {a:.3f} s · ratio {a / b:.2f}")
    print(f"five whole add-offer forms in one burst: {median(forms):.3f} s (median)")
    print(f"load average after: {load_average()}")


if __name__ == "__main__":
    sys.exit(main())
