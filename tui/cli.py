"""The `offer-tui` command: launch the app, or run one non-interactive subcommand."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui import __version__
from tui.commands import COMMANDS, output
from tui.settings import FlagError, Flags, Resolved, open_settings

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

EXIT_OK = 0
EXIT_USAGE = 2


class Parser(argparse.ArgumentParser):
    """argparse echoes what was typed (`unrecognized arguments: ...`): through the one
    way out, like everything else. Subcommand parsers are made of this class too."""

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        if not message:
            return
        if file is None or file is sys.stderr:
            output.error(message, end="")
        else:
            output.emit(message, end="")


def _base_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="offer-tui",
        description="Track offers, follow the playbooks, rehearse the hard conversations.",
    )
    parser.add_argument("--version", action="version", version=f"offer-tui {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="data directory (default: $OFFER_TUI_DATA, else data_dir in config.toml, "
        "else $XDG_DATA_HOME/offer-tui)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="work on sample data in a temporary copy (the app and every subcommand)",
    )
    parser.add_argument(
        "--theme",
        metavar="NAME",
        help="colour theme; ansi-dark and ansi-light use the terminal's own palette",
    )
    return parser


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The full parser; with `only`, import just that subcommand's module."""
    parser = _base_parser()
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        if only is not None and name != only:
            sub.add_parser(name, add_help=False)
            continue
        try:
            module = importlib.import_module(f"tui.commands.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"tui.commands.{module_name}":
                raise
            continue  # subcommand not built yet
        module.register(sub)
    return parser


def _wanted_command(argv: Sequence[str]) -> str | None:
    skip_next = False
    for arg in argv:
        if skip_next:
            skip_next = False
            continue
        if arg in ("--data-dir", "--theme"):
            skip_next = True
            continue
        if arg.startswith("-"):
            continue
        return arg if arg in COMMANDS else None
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; a closed pipe, a closed or full standard output and ctrl+c end it
    quietly with the conventional status (see tui.commands.output), never a traceback."""
    output.guard_standard_fds()
    try:
        status = _run(argv)
        output.finish()
    except KeyboardInterrupt:
        output.error("")  # end the line the ^C was echoed on
        return output.EXIT_INTERRUPTED
    except BrokenPipeError:
        output.silence_stdout()
        return output.EXIT_BROKEN_PIPE
    except output.OutputError as exc:
        output.error(f"offer-tui: cannot write to standard output: {exc}")
        return output.EXIT_WRITE_ERROR
    return status


def _run(argv: Sequence[str] | None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    wanted = _wanted_command(args_list)
    wants_help = any(a in ("-h", "--help") for a in args_list)
    parser = build_parser(only=None if wants_help and wanted is None else wanted or "")
    args = parser.parse_args(args_list)
    try:
        with open_settings(Flags.from_args(args)) as resolved:
            return _dispatch(args, resolved)
    except FlagError as exc:
        output.error(f"offer-tui: {exc}")
        return EXIT_USAGE


def _dispatch(args: argparse.Namespace, resolved: Resolved) -> int:
    """Run the app or the subcommand with the settings; a bad config.toml stops everything
    but `check`, which reports it among the other files' problems."""
    if resolved.problems and args.command != "check":
        for problem in resolved.problems:
            output.error(f"offer-tui: {problem}")
        output.error("offer-tui: fix the settings file above (or move it away) and start again.")
        return EXIT_USAGE
    args.settings = resolved.settings
    args.settings_problems = resolved.problems
    if args.command is None:
        from tui.launch import launch

        return launch(resolved.settings)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
