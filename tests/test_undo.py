"""`u` puts back what the last change did, on screen and on disk: an added offer goes away,
an edit or a status move is reverted, a deleted offer comes back; repeated, it walks back."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

from apphelp import fill, started, wait_for, wait_for_text

from tui.app.app import OfferApp

TODAY = dt.date(2026, 11, 23)


def on_disk(data_dir: Path) -> dict[str, dict]:
    return {p.stem: tomllib.loads(p.read_text()) for p in (data_dir / "offers").glob("*.toml")}


def only(files: dict[str, dict]) -> dict:
    (offer,) = files.values()
    return offer


async def wait_disk(pilot, data_dir: Path, check, what: str) -> dict:  # type: ignore[no-untyped-def]
    def files() -> tuple[dict] | None:  # a tuple: an empty folder is a true answer too
        found = on_disk(data_dir)
        return (found,) if check(found) else None

    (found,) = await wait_for(files, f"{what} on disk", detail=lambda: on_disk(data_dir))
    return found


async def test_undo_walks_back_an_add_an_edit_and_a_delete(data_dir: Path) -> None:
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        await pilot.press("a")
        await wait_for_text(pilot, app, "Add offer")
        await fill(pilot, "Acme", "Platform Engineer")
        await pilot.press("enter")
        await wait_disk(pilot, data_dir, lambda f: len(f) == 1, "the added offer")

        await pilot.press("s")  # first legal move: negotiating
        await wait_for_text(pilot, app, "Change status")
        await pilot.press("tab", *"asked for more", "enter")
        await wait_disk(
            pilot, data_dir, lambda f: only(f)["status"] == "negotiating", "negotiating"
        )

        await pilot.press("D")
        await wait_for_text(pilot, app, "A copy is kept")
        await pilot.press("y")
        await wait_disk(pilot, data_dir, lambda f: f == {}, "the offer deleted")

        await pilot.press("u")  # the delete
        files = await wait_disk(pilot, data_dir, lambda f: len(f) == 1, "the offer back")
        assert only(files)["status"] == "negotiating"
        assert "Undone: Deleted Acme" in app.messages

        await pilot.press("u")  # the status move
        await wait_disk(
            pilot, data_dir, lambda f: only(f)["status"] == "received", "received again"
        )
        await pilot.press("u")  # the add
        await wait_disk(pilot, data_dir, lambda f: f == {}, "the added offer gone")
        await started(app, pilot)
        await pilot.press("u")
        await pilot.pause()
        assert app.messages[-1] == "Nothing to undo."
