"""Start the app with the resolved settings (a bad config.toml was reported by `tui.cli`
before any screen)."""

from __future__ import annotations

import sys

from tui.settings import Settings


def launch(settings: Settings) -> int:
    data_dir = settings.data_dir
    if data_dir.exists() and not data_dir.is_dir():
        print(
            f"offer-tui: {data_dir} is not a folder; choose another with --data-dir",
            file=sys.stderr,
        )
        return 2
    from tui.app.app import OfferApp  # Textual is imported only when a screen is needed

    app = OfferApp(settings)
    app.run(mouse=settings.mouse)
    return app.return_code or 0
