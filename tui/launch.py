"""Start the app: settings first (a bad config.toml is reported before any screen), then the
data directory (or a demo copy), then the TUI."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from tui.store.config import Config, ConfigLoad, check_names, load_config
from tui.store.paths import ENV_DATA, resolve_data_dir
from tui.tomlio.errors import Problem

SERVED_ENV = "OFFER_TUI_SERVED"
EXIT_CONFIG = 2


def _name_problems(load: ConfigLoad) -> list[Problem]:
    """Check the settings file's keymap ids and theme; with no file there is nothing to
    check, and walking every app module for binding ids is left out of start-up."""
    if load.config.path is None:
        return []
    from tui.app.keys import known_binding_ids, known_themes

    binding_ids = known_binding_ids() if load.config.keymap else set()
    return check_names(load, binding_ids, known_themes())


def launch(args: argparse.Namespace) -> int:
    from tui.app.keys import known_themes

    load = load_config()
    problems = load.problems or _name_problems(load)
    if problems:
        for problem in problems:
            print(f"offer-tui: {problem}", file=sys.stderr)
        print(
            "offer-tui: fix the settings file above (or move it away) and start again.",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    config = load.config
    if getattr(args, "theme", None):
        if args.theme not in known_themes():
            print(
                f"offer-tui: unknown theme {args.theme!r}; one of: "
                + ", ".join(sorted(known_themes())),
                file=sys.stderr,
            )
            return EXIT_CONFIG
        config.theme = args.theme
    if args.demo:
        with tempfile.TemporaryDirectory(prefix="offer-tui-demo-") as tmp:
            from tui.demo import write_demo

            data_dir = Path(tmp) / "data"
            write_demo(data_dir)
            return run_app(data_dir, config)
    return run_app(_data_dir(args, config), config)


def _data_dir(args: argparse.Namespace, config: Config) -> Path:
    if not args.data_dir and not os.environ.get(ENV_DATA) and config.data_dir:
        return Path(config.data_dir).expanduser()
    return resolve_data_dir(args.data_dir)


def run_app(data_dir: Path, config: Config) -> int:
    if data_dir.exists() and not data_dir.is_dir():
        print(
            f"offer-tui: {data_dir} is not a folder; choose another with --data-dir",
            file=sys.stderr,
        )
        return 2
    from tui.app.app import OfferApp  # Textual is imported only when a screen is needed

    app = OfferApp(
        data_dir,
        served=os.environ.get(SERVED_ENV) == "1",
        privacy=config.privacy,
        theme=config.theme,
        keymap=config.keymap,
    )
    app.run(mouse=config.mouse)
    return app.return_code or 0
