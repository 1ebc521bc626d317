"""Start the app: resolve the data directory (or a demo copy), then run the TUI."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from tui.store.paths import resolve_data_dir

SERVED_ENV = "OFFER_TUI_SERVED"


def launch(args: argparse.Namespace) -> int:
    if args.demo:
        with tempfile.TemporaryDirectory(prefix="offer-tui-demo-") as tmp:
            from tui.demo import write_demo

            data_dir = Path(tmp) / "data"
            write_demo(data_dir)
            return run_app(data_dir)
    return run_app(resolve_data_dir(args.data_dir))


def run_app(data_dir: Path) -> int:
    if data_dir.exists() and not data_dir.is_dir():
        print(
            f"offer-tui: {data_dir} is not a folder; choose another with --data-dir",
            file=sys.stderr,
        )
        return 2
    from tui.app.app import OfferApp  # Textual is imported only when a screen is needed

    app = OfferApp(data_dir, served=os.environ.get(SERVED_ENV) == "1")
    app.run()
    return app.return_code or 0
