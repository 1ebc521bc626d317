"""Colours for renderables inside tables (statuses, deadline flags). Named ANSI colours, so
they read in 16-colour terminals and follow the terminal's own palette. Widget styles live
in app.tcss."""

from __future__ import annotations

from tui.model import DeadlineFlag, Status

STATUS_STYLE: dict[Status, str] = {
    Status.RECEIVED: "bold cyan",
    Status.NEGOTIATING: "bold blue",
    Status.ACCEPTED: "bold green",
    Status.STARTED: "green",
    Status.DECLINED: "magenta",
    Status.BACKED_OUT: "bold magenta",
    Status.RECONSIDERING: "bold yellow",
    Status.RE_OFFERED: "bold cyan",
    Status.EXPIRED: "dim",
    Status.RESCINDED: "dim red",
    Status.CLOSED: "dim",
}

FLAG_STYLE: dict[DeadlineFlag, str] = {
    DeadlineFlag.SOON: "bold yellow",
    DeadlineFlag.OVERDUE: "bold red",
    DeadlineFlag.OK: "",
    DeadlineFlag.NONE: "dim",
}

MASK = "•••"


def money(value: int | None, currency: str, privacy: bool) -> str:
    """An amount as shown on screen: `185,000 USD`, `—` when unknown, masked in privacy mode."""
    if value is None:
        return "—"
    return MASK if privacy else f"{value:,} {currency}"
