"""Start the app with the resolved settings (a bad config.toml was reported by `tui.cli`
before any screen)."""

from __future__ import annotations

import gc
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
    # No cyclic GC while Textual loads and the first frame is drawn: what that makes lives
    # as long as the app, and collections walking it again and again took ~30 ms before
    # the first frame. The app turns it back on, everything so far frozen, once the first
    # frame is drawn (Loading._start_loading).
    gc.disable()
    try:
        from tui.app.app import OfferApp  # Textual is imported only when a screen is needed

        app = OfferApp(settings)
        app.run(mouse=settings.mouse)
    finally:
        gc.enable()
    return app.return_code or 0
