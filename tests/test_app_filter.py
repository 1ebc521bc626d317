"""The filter keeps each query's result for backspacing and narrows from it as you type on
(issue 18): what it shows must always be what a fresh filter of the same text shows."""

from __future__ import annotations

import dataclasses

from apphelp import TODAY, screen_text, started, wait_for

from tui.app.app import OfferApp
from tui.demo import demo_offers
from tui.model.query import Matches, keep_matching, matches, search_text


def expected(app: OfferApp, query: str) -> set[str]:
    return {o.company for o in app.offers.values() if matches(search_text(o), query)}


def listed(app: OfferApp) -> set[str]:
    box = app.main.query_one("#offers").region
    lines = screen_text(app).splitlines()[box.y : box.bottom]
    text = "\n".join(line[box.x : box.right] for line in lines)
    return {o.company for o in app.offers.values() if o.company in text}


async def test_typing_backspacing_and_retyping_show_what_a_fresh_filter_shows(
    demo_app: OfferApp,
) -> None:
    app = demo_app
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        await pilot.press("slash")
        typed = ""
        keys = ["r", "e", "backspace", "backspace", "o", "backspace", "b", "o", "s"]
        keys += ["backspace"] * 3 + ["space", "r", "e", "c", "e", "i", "v", "e", "d"]
        for key in keys:
            await pilot.press(key)
            typed = typed[:-1] if key == "backspace" else typed + {"space": " "}.get(key, key)
            want = expected(app, typed)
            await wait_for(lambda w=want: listed(app) == w, f"the rows for {typed!r}")
            total = len(app.offers)
            summary = f"{len(want)} of {total} offers" if typed.strip() else f"{total} offers"
            assert summary in screen_text(app), (typed, summary)


async def test_an_offer_edited_to_match_is_listed_under_the_filter_typed_before(
    demo_app: OfferApp,
) -> None:
    app = demo_app
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        await pilot.press("slash", *"oslo")
        await wait_for(lambda: listed(app) == {"Fjord Labs"}, "only the Oslo offer")
        other = next(o for o in app.offers.values() if o.company == "Northwind Health")
        moved = dataclasses.replace(other, location="Oslo, Norway")
        app.offers[moved.id] = moved
        app.offer_list.update_offer(moved)
        await wait_for(lambda: listed(app) == {"Fjord Labs", "Northwind Health"}, "both")
        await pilot.press("backspace")  # "osl": found again from the kept results
        await wait_for(lambda: listed(app) == expected(app, "osl"), "the rows for 'osl'")


def test_kept_results_are_what_a_fresh_search_finds_whatever_the_typing() -> None:
    offers = demo_offers(TODAY)
    index = {o.id: search_text(o) for o in offers}
    kept = Matches()
    typed = ""
    for key in "re\bb\bos\b\b\b ne go  \b\b\bremote x\b\b\b\b\b\b\b\b":
        typed = typed[:-1] if key == "\b" else typed + key
        found = [o.id for o in kept.matching(offers, typed, index)]
        assert found == [o.id for o in keep_matching(offers, typed, index)], typed
    fewer = offers[1:]  # another list (the offers changed): nothing kept is reused
    assert kept.matching(fewer, "", index) == fewer


async def test_a_filter_longer_than_its_box_shows_its_end_as_typed(demo_app: OfferApp) -> None:
    app = demo_app
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        await pilot.press("slash")
        typed = "remote " * 8 + "zq"
        await pilot.press(*[{" ": "space"}.get(c, c) for c in typed])
        box = app.main.query_one("#filter")
        assert len(typed) > box.size.width
        await wait_for(lambda: "zq" in region_of(app, "#filter"), "the end of the filter")
        assert "0 of 6 offers" in screen_text(app)


def region_of(app: OfferApp, selector: str) -> str:
    box = app.main.query_one(selector).region
    lines = screen_text(app).splitlines()[box.y : box.bottom]
    return "\n".join(line[box.x : box.right] for line in lines)
