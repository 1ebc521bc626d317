"""The selected offer's details read as finished text: separators between a name and a role,
an amount and its terms, a date and its countdown; the offer id the CLI needs; privacy mode
hiding people's names as well as their contact details."""

from __future__ import annotations

import datetime as dt

from apphelp import flat, screen_text, started, wait_for_text

from tui.app.app import OfferApp
from tui.app.theme import MASK

TODAY = dt.date(2026, 11, 23)


async def select(pilot, app: OfferApp, company: str) -> None:  # type: ignore[no-untyped-def]
    """Move down the list, as a person would, until `company` is selected."""
    await started(app, pilot)
    for _ in range(len(app.offers) + 1):
        offer = app.selected()
        if offer is not None and offer.company == company:
            return
        await pilot.press("down")
    raise AssertionError(f"{company} was never selected")


async def test_details_separate_names_roles_amounts_and_countdowns(demo_app: OfferApp) -> None:
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await select(pilot, app, "Northwind Health")
        await wait_for_text(pilot, app, "Dana Ruiz")
        text = flat(screen_text(app))
        assert "Dana Ruiz · hiring manager" in text
        assert "Sam Patel · recruiter" in text
        offer = app.selected()
        assert offer is not None
        assert f"id {offer.id}" in text
        if offer.compensation.sign_on_clawback:
            assert "USD · clawback:" in text
        assert offer.deadline is not None
        assert f"{offer.deadline.isoformat()} · " in text


async def test_privacy_mode_hides_names_under_people(demo_app: OfferApp) -> None:
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await select(pilot, app, "Northwind Health")
        await wait_for_text(pilot, app, "Dana Ruiz")
        await pilot.press("m")
        text = await wait_for_text(pilot, app, f"{MASK} · hiring manager")
        assert "Dana Ruiz" not in text and "Sam Patel" not in text
