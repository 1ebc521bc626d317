"""Colour depth follows the terminal: 16 colours for TERM=xterm, 256 over a typical SSH
login (no COLORTERM), truecolour when COLORTERM says so, greys only with NO_COLOR."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from e2e.conftest import app_argv
from e2e.tmux import TmuxSession
from tui.demo import write_demo

pytestmark = pytest.mark.e2e

TRUECOLOUR = re.compile(r"\x1b\[[0-9;]*[34]8;2;")
PALETTE_256 = re.compile(r"\x1b\[[0-9;]*[34]8;5;")
ANY_COLOUR = re.compile(r"\x1b\[[0-9;]*(?:3[0-7]|4[0-7]|9[0-7]|10[0-7]|[34]8;)")


def screen_with(env_changes: dict[str, str | None], data: Path) -> str:
    env = dict(os.environ)
    for key, value in env_changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    with TmuxSession(
        ["env", *[f"{k}={v}" for k, v in env_changes.items() if v is not None], *app_argv(data)],
        size=(100, 30),
        env=env,
    ) as term:
        term.wait_for("Northwind", timeout=20)
        term.wait_for("Quit", timeout=10)
        screen = term.capture(escapes=True)
        term.send_keys("q")
        term.wait_exit(timeout=10)
    return screen


@pytest.fixture(scope="module")
def demo_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("colours") / "data"
    write_demo(data)
    return data


def test_sixteen_colours_for_plain_xterm(demo_data: Path) -> None:
    screen = screen_with({"TERM": "xterm", "COLORTERM": None, "NO_COLOR": None}, demo_data)
    assert ANY_COLOUR.search(screen), "no colour at all"
    assert not PALETTE_256.search(screen) and not TRUECOLOUR.search(screen)


def test_256_colours_over_a_typical_ssh_login(demo_data: Path) -> None:
    screen = screen_with({"TERM": "xterm-256color", "COLORTERM": None, "NO_COLOR": None}, demo_data)
    assert PALETTE_256.search(screen)
    assert not TRUECOLOUR.search(screen)


def test_truecolour_when_the_terminal_says_so(demo_data: Path) -> None:
    screen = screen_with(
        {"TERM": "xterm-256color", "COLORTERM": "truecolor", "NO_COLOR": None}, demo_data
    )
    assert TRUECOLOUR.search(screen)


def test_no_colour_with_no_color(demo_data: Path) -> None:
    """Textual honours NO_COLOR by rendering in greys only: no hue anywhere on screen."""
    screen = screen_with(
        {"TERM": "xterm-256color", "COLORTERM": "truecolor", "NO_COLOR": "1"}, demo_data
    )
    assert "Northwind" in screen
    colours = re.findall(r"[34]8;2;(\d+);(\d+);(\d+)", screen)
    assert colours, "expected greys"
    assert all(r == g == b for r, g, b in colours), sorted(set(colours))[:5]


def test_ansi_theme_uses_the_terminals_own_palette(demo_data: Path, tmp_path: Path) -> None:
    """With theme ansi-dark the app asks for palette colours, never exact RGB values."""
    config = tmp_path / "config" / "offer-tui" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('theme = "ansi-dark"\n')
    screen = screen_with(
        {
            "TERM": "xterm-256color",
            "COLORTERM": "truecolor",
            "NO_COLOR": None,
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
        },
        demo_data,
    )
    assert ANY_COLOUR.search(screen)
    assert not TRUECOLOUR.search(screen), "exact RGB colours in the ANSI theme"
