"""Big and odd data: megabytes of notes, thousands of offers, emoji, CJK and right-to-left
names, tiny terminals and rapid resizes. No crash, no broken layout."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import tomli_w
from apphelp import screen_text, wait_for_text

from tui.app.app import OfferApp
from tui.model import Compensation, Offer, Status
from tui.store.codec import offer_to_dict, prune
from tui.store.offers import OfferStore

TODAY = dt.date(2026, 11, 23)
ODD_NAMES = ["🚀 Rocket Labs", "株式会社テスト", "شركة الاختبار", "Ünïcødé GmbH", "Ω" * 300]


def write_fast(data_dir: Path, offers: list[Offer]) -> None:
    """Test fixtures only: straight to disk, skipping the store's fsyncs."""
    folder = data_dir / "offers"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    for offer in offers:
        (folder / f"{offer.id}.toml").write_text(tomli_w.dumps(prune(offer_to_dict(offer))))


def test_ten_megabyte_notes_round_trip(data_dir: Path) -> None:
    store = OfferStore(data_dir)
    store.ensure()
    notes = ("A long note about the offer. " * 400_000)[:10_000_000]
    offer = store.add(Offer("Big Notes Inc", "Dev", notes=notes))
    loaded = OfferStore(data_dir).load_all()
    assert loaded.problems == []
    assert loaded.offers[offer.id].notes == notes


async def test_ten_megabyte_notes_show_cut_without_freezing(data_dir: Path) -> None:
    store = OfferStore(data_dir)
    store.ensure()
    store.add(Offer("Big Notes Inc", "Dev", notes="n" * 10_000_000))
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_text(pilot, app, "Big Notes Inc")
        await pilot.press("enter", "end")
        await wait_for_text(pilot, app, "9,996,000 more characters")


@pytest.mark.slow
async def test_five_thousand_offers(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    statuses = list(Status)
    offers = [
        Offer(
            f"Company {i:04d}",
            f"Role {i % 37}",
            status=statuses[i % len(statuses)],
            deadline=TODAY + dt.timedelta(days=i % 40 - 10),
            compensation=Compensation(base=90_000 + i),
            id=f"company-{i:04d}-abc123",
        )
        for i in range(5_000)
    ]
    write_fast(data_dir, offers)
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_text(pilot, app, "5000 offers", timeout=60)
        await pilot.press("slash", *"company 4999")
        await wait_for_text(pilot, app, "1 of 5000 offers")
        assert "Company 4999" in screen_text(app)
    with capsys.disabled():
        print("\nbig and odd: 5000 offers loaded and filtered")


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_odd_names_at_small_sizes(data_dir: Path, size: tuple[int, int]) -> None:
    write_fast(
        data_dir,
        [
            Offer(
                name,
                "Ingeniera de software 🛠",
                id=f"odd-{i}-abc123",
                location="القاهرة",
                deadline=TODAY,
            )
            for i, name in enumerate(ODD_NAMES)
        ],
    )
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=size) as pilot:
        text = await wait_for_text(pilot, app, "Ünïcødé GmbH")
        assert "5 offers" in text
        lines = text.splitlines()
        assert len(lines) <= size[1]
        assert all(len(line) <= size[0] for line in lines)
        await pilot.press("enter")  # the selected offer in full (beside, or instead of, the list)
        await wait_for_text(pilot, app, "next: negotiating")
        await pilot.press("escape")
        await wait_for_text(pilot, app, "5 offers")


async def test_rapid_resizes_end_in_a_sound_layout(data_dir: Path) -> None:
    write_fast(
        data_dir, [Offer(name, "Dev", id=f"odd-{i}-abc123") for i, name in enumerate(ODD_NAMES)]
    )
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_text(pilot, app, "5 offers")
        for width, height in [(40, 12), (200, 60), (81, 25), (20, 8), (120, 40)] * 6:
            await pilot.resize_terminal(width, height)
        await pilot.resize_terminal(80, 24)
        text = await wait_for_text(pilot, app, "5 offers")
        assert "Rocket Labs" in text and "Quit" in text
