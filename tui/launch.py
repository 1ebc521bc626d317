"""Start the app with the resolved settings (a bad config.toml was reported by `tui.cli`
before any screen)."""

from __future__ import annotations

import sys

from tui.commands.output import error
from tui.settings import Settings


def launch(settings: Settings) -> int:
    data_dir = settings.data_dir
    if data_dir.exists() and not data_dir.is_dir():
        error(f"offer-tui: {data_dir} is not a folder; choose another with --data-dir")
        return 2
    if sys.stdin is None or sys.stderr is None:  # Textual reads keys from one, draws on the other
        closed = "input" if sys.stdin is None else "error"
        error(f"offer-tui: standard {closed} is closed; the app needs a terminal")
        return 2
    from tui.app.app import OfferApp  # Textual is imported only when a screen is needed

    app = OfferApp(settings)
    app.run(mouse=settings.mouse)
    return app.return_code or 0
