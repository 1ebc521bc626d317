"""Regenerate the SVG screenshots of every main view, at 100x30 with the demo data.

    python screenshots/make.py            # all views
    python screenshots/make.py tracker    # just one

Dates are fixed (the demo is built for 2026-11-23) so the pictures only change when the
app does."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

from textual.pilot import Pilot

from tui.app.app import OfferApp
from tui.demo import write_demo
from tui.settings import Settings

HERE = Path(__file__).resolve().parent
TODAY = dt.date(2026, 11, 23)
SIZE = (100, 30)
MOMENT = dt.datetime(2026, 11, 23, 9, 30)  # "now" for whatever the steps save


def _freeze_clock() -> None:
    """Changes made by the steps are stamped at MOMENT, so due times read the same each run."""
    from tui.app import app, checklist_pane, journey_changes, offer_actions, offer_forms

    for module, name in (
        (app, "now"),
        (checklist_pane, "clock_now"),
        (journey_changes, "clock_now"),
        (offer_actions, "now"),
        (offer_forms, "now"),
    ):
        setattr(module, name, lambda: MOMENT)


Steps = Callable[[Pilot], Awaitable[None]]

ANSWER = (
    "I owe you an apology first: I took four days to tell you no, and that was unfair to "
    "your team. Since then the counter-offer role was cut back, and I realised the platform "
    "work with Marta is what I want. I understand if the job is filled; if not, I would "
    "love to talk. Thank you for hearing me out."
)


REASON = "I have decided to stay closer to home"


async def _keys(pilot: Pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause(0.2)


async def _intend(pilot: Pilot, *then: str) -> None:
    """The walkthrough: say I intend to decline Northwind, then press `then` in its playbook
    (the first open step is highlighted: be certain; the script is 5 down, the call 7)."""
    await _keys(pilot, "slash", *"northwind", "enter", "i", *REASON, "ctrl+s")
    await pilot.pause(0.3)
    await _keys(pilot, *then)


VIEWS: dict[str, tuple[str, Steps]] = {
    "tracker": (
        "The tracker: offers by deadline beside the selected offer",
        lambda p: _keys(p, "down"),
    ),
    "add-offer": ("Adding an offer", lambda p: _keys(p, "a", *"Acme Robotics")),
    "declined": (
        "A declined offer and what you told them",
        lambda p: _keys(p, "slash", *"cobalt", "enter"),
    ),
    "compare": (
        "Two offers side by side",
        lambda p: _keys(p, "down", "space", "down", "space", "c"),
    ),
    "checklists": (
        "The checklist pane for a declined offer",
        lambda p: _keys(p, "slash", *"cobalt", "enter", "2"),
    ),
    "rehearsal": (
        "Rehearsing the hard questions",
        lambda p: _keys(p, "slash", *"quill", "enter", "3"),
    ),
    "rehearsal-scored": (
        "A scored answer: each point made or missed, with the evidence",
        lambda p: _keys(p, "slash", *"quill", "enter", "3", *ANSWER, "ctrl+s"),
    ),
    "help": ("Every key and binding id", lambda p: _keys(p, "f1")),
    "intend": (
        "Saying you intend to decline: the playbook attaches at once, the status waits",
        lambda p: _intend(p),
    ),
    "script": (
        "The call script, each filled value underlined, with the field it came from",
        lambda p: _intend(p, *["down"] * 5, "T"),
    ),
    "record": (
        "The call happened: its step asks what you told them, then moves the offer",
        lambda p: _intend(p, *["down"] * 7, "space"),
    ),
    "recorded": (
        "Declined: the call logged, the steps before it closed as not needed",
        lambda p: _intend(p, *["down"] * 7, "space", "ctrl+s"),
    ),
}


async def shoot(name: str, steps: Steps, data_dir: Path) -> Path:
    settings = Settings(data_dir=data_dir, my_name="Alex Kim", demo=True)
    app = OfferApp(settings, today=TODAY, watch_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(100):
            await pilot.pause(0.02)
            if app.loaded:
                break
        await pilot.pause(0.2)
        await steps(pilot)
        target = HERE / f"{name}.svg"
        app.save_screenshot(filename=target.name, path=str(HERE))
    return target


async def main(names: list[str]) -> int:
    _freeze_clock()
    unknown = [n for n in names if n not in VIEWS]
    if unknown:
        print(f"unknown view(s): {', '.join(unknown)}; choose from {', '.join(VIEWS)}")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        for name in names or list(VIEWS):
            data_dir = Path(tmp) / name
            write_demo(data_dir, TODAY)
            target = await shoot(name, VIEWS[name][1], data_dir)
            print(f"{target.relative_to(HERE.parent)}: {VIEWS[name][0]}")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
