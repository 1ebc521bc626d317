"""A list row's title, built from spans in one go, shows exactly what the piece-by-piece
build showed: the same characters, styles and cut, control characters made visible."""

from __future__ import annotations

import pytest
from rich.console import Console

from tui.app.offer_list import OfferList
from tui.model import Offer, Status

ODD = [
    ("Acme", "Platform Engineer", "Berlin"),
    ("Acme", "", ""),
    ("Ümlaut GmbH\x1b[31m", "Dev\tOps\r\nLead", "Köln\x07"),
    ("株式会社テスト" * 12, "エンジニア" * 10, "東京"),  # wide characters past the cut
    ("A" * 150, "B" * 60, "C" * 30),  # cut in the middle of the role
    ("[bold]not markup[/]", "x", "[red]"),
]


def rendered(title) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Each character on screen with its style."""
    console = Console(width=80, color_system="truecolor", force_terminal=True)
    lines = console.render_lines(title, console.options.update(width=80), pad=False)
    return [(char, str(seg.style)) for line in lines for seg in line for char in seg.text]


@pytest.mark.parametrize(("company", "role", "location"), ODD)
def test_title_matches_the_piece_by_piece_build(company: str, role: str, location: str) -> None:
    offer = Offer(company, role, status=Status.DECLINED, location=location, id="x-1")
    fast, slow = OfferList._title(offer), OfferList._long_title(offer)
    assert fast.plain == slow.plain
    assert rendered(fast) == rendered(slow)
    assert "\x1b" not in fast.plain and "\x07" not in fast.plain
