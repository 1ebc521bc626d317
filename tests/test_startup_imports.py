"""What starting the app loads: the heavy libraries only once something needs them.

Each check runs in a fresh interpreter (this one has imported everything by now), with the
app on the demo data through Pilot until the list, the side panel and the panes are up.
Memory a person sees in `top`: snowballstemmer (every language, 3.5 MiB) and rapidfuzz
(3.6 MiB) came with the rehearsal pane; Rich's emoji table (1.4 MiB) with the list's
column titles."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from apphelp import TODAY

from tui.demo import write_demo

# Wanted by scoring an answer, importing, exporting, editing config.toml: not by starting.
HEAVY = (
    "snowballstemmer",
    "rapidfuzz",
    "rich._emoji_codes",
    "tomlkit",
    "icalendar",
    "pycountry",
)

SCRIPT = """
import asyncio, datetime as dt, sys
from pathlib import Path
sys.path.insert(0, {tests!r})
from waiting import wait_for
from tui.app.app import OfferApp

HEAVY = {heavy!r}

async def main() -> None:
    app = OfferApp(Path({data!r}), today=dt.date.fromisoformat({today!r}), watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(lambda: app.loaded and app.panes_ready, "the first load")
        print("loaded:", *[m for m in HEAVY if m in sys.modules])
        if {score!r}:
            await pilot.press("slash", *"quill", "enter", "3")
            pane = app.rehearsal_pane
            await wait_for(lambda: pane.session.round is not None, "a rehearsal round")
            pane.query_one("#rh-answer").text = "Thank you, I have decided to decline."
            await pilot.press("ctrl+s")
            await wait_for(lambda: "snowballstemmer" in sys.modules, "the scorer's stemmer")
            print("scored:", *[m for m in HEAVY if m in sys.modules])

asyncio.run(main())
"""


def run_app(data_dir: Path, score: bool = False) -> list[str]:
    write_demo(data_dir, TODAY)
    script = SCRIPT.format(
        tests=str(Path(__file__).parent),
        heavy=HEAVY,
        data=str(data_dir),
        today=TODAY.isoformat(),
        score=score,
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.splitlines()


def test_starting_loads_none_of_the_heavy_libraries(data_dir: Path) -> None:
    (loaded,) = run_app(data_dir)
    assert loaded == "loaded:"


def test_scoring_an_answer_loads_the_scorer_libraries(data_dir: Path) -> None:
    loaded, scored = run_app(data_dir, score=True)
    assert loaded == "loaded:"
    assert "snowballstemmer" in scored.split()
