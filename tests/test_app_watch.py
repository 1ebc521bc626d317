"""A running app notices what another process did to its data directory and says so."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from apphelp import wait_for_text

from tui.app.app import OfferApp
from tui.demo import write_demo

TODAY = dt.date(2026, 11, 23)


async def test_import_and_edit_by_other_processes_show_up(data_dir: Path, tmp_path: Path) -> None:
    write_demo(data_dir, TODAY)
    rows = tmp_path / "more.csv"
    rows.write_text("company,role,status\nZephyr Works,Designer,received\n")
    app = OfferApp(data_dir, today=TODAY, watch_interval=0.2)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_text(pilot, app, "6 offers")
        subprocess.run(
            [sys.executable, "-m", "tui", "--data-dir", str(data_dir), "import", str(rows)],
            check=True,
            capture_output=True,
            timeout=60,
        )
        await wait_for_text(pilot, app, "7 offers")
        assert any("Changed on disk" in m for m in app.messages)

        path = data_dir / "offers" / "harbor-analytics-senior-data-a4b5c6.toml"
        edit = (
            "import pathlib, sys; p = pathlib.Path(sys.argv[1]); "
            "p.write_text(p.read_text().replace('Harbor Analytics', 'Harbor Renamed'))"
        )
        subprocess.run([sys.executable, "-c", edit, str(path)], check=True, timeout=60)
        await wait_for_text(pilot, app, "Harbor Renamed")
        assert any("Changed on disk" in m and "Harbor Analytics" in m for m in app.messages)
