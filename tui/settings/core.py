"""The settings object and the one rule that resolves it.

Precedence, for every setting: command-line flag > environment variable > config.toml >
default. `--demo` beats every route to the data directory: it points at a fresh temporary
copy of the sample data, so nothing run with `--demo` can reach the user's own files.

| setting  | flag         | environment        | config.toml | default                      |
|----------|--------------|--------------------|-------------|------------------------------|
| data_dir | --data-dir   | OFFER_TUI_DATA     | data_dir    | $XDG_DATA_HOME/offer-tui     |
| demo     | --demo       |                    |             | off                          |
| theme    | --theme      |                    | theme       | textual-dark                 |
| mouse    |              |                    | mouse       | true                         |
| privacy  |              |                    | privacy     | false                        |
| my_name  |              |                    | my_name     | "" (templates leave a blank) |
| sign_off |              |                    | sign_off    | "" (messages: Kind regards)  |
| keymap   |              |                    | [keymap]    | the registry's keys          |
| served   |              | OFFER_TUI_SERVED=1 |             | off (set by `serve`)         |

NO_COLOR is read by Textual itself. Resolved once, in `tui.cli`, and handed to the app, every
subcommand and the SSH server.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from tui.actions import ACTION_IDS
from tui.settings.file import ConfigFile, check_names, config_path, load_config
from tui.settings.paths import ENV_DATA, ENV_SERVED, default_data_dir
from tui.settings.themes import DEFAULT_THEME, THEMES
from tui.tomlio.errors import Problem


class FlagError(ValueError):
    """A command-line flag with a value offer-tui cannot use."""


@dataclass(frozen=True)
class Flags:
    """The global command-line flags (before any subcommand)."""

    data_dir: str | None = None
    demo: bool = False
    theme: str | None = None

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Flags:
        return cls(args.data_dir, bool(args.demo), args.theme)


def _empty_keymap() -> Mapping[str, str]:
    return MappingProxyType({})


@dataclass(frozen=True)
class Settings:
    """Everything a run of offer-tui is configured with (see the module's precedence table)."""

    data_dir: Path
    theme: str = DEFAULT_THEME
    mouse: bool = True
    privacy: bool = False
    my_name: str = ""
    sign_off: str = ""
    keymap: Mapping[str, str] = field(default_factory=_empty_keymap)
    demo: bool = False
    served: bool = False
    config_path: Path | None = None


@dataclass(frozen=True)
class Resolved:
    settings: Settings
    # What is wrong with config.toml; with any, the file's values are not used.
    problems: list[Problem]


def resolve(
    flags: Flags,
    env: Mapping[str, str] | None = None,
    demo_dir: Path | None = None,
) -> Resolved:
    """Apply the precedence rule; `demo_dir` is the demo copy when `flags.demo` is set."""
    env = os.environ if env is None else env
    if flags.theme is not None and flags.theme not in THEMES:
        raise FlagError(f"unknown theme {flags.theme!r}; one of: " + ", ".join(sorted(THEMES)))
    if flags.demo and demo_dir is None:
        raise ValueError("--demo needs the demo copy's folder")
    path = config_path(env)
    load = load_config(path)
    problems = load.problems or check_names(load, ACTION_IDS, THEMES)
    file = load.config if not problems else ConfigFile(path=path)
    settings = Settings(
        data_dir=_data_dir(flags, env, file.data_dir, demo_dir),
        theme=flags.theme or file.theme or DEFAULT_THEME,
        mouse=_first(file.mouse, True),
        privacy=_first(file.privacy, False),
        my_name=file.my_name or "",
        sign_off=file.sign_off or "",
        keymap=MappingProxyType(dict(file.keymap)),
        demo=flags.demo,
        served=env.get(ENV_SERVED) == "1",
        config_path=path if path.is_file() else None,
    )
    return Resolved(settings, problems)


@contextmanager
def open_settings(flags: Flags, env: Mapping[str, str] | None = None) -> Iterator[Resolved]:
    """`resolve`, with the demo copy written to a temporary folder (removed afterwards)."""
    if not flags.demo:
        yield resolve(flags, env)
        return
    with tempfile.TemporaryDirectory(prefix="offer-tui-demo-") as tmp:
        from tui.demo import write_demo

        demo_dir = Path(tmp) / "data"
        write_demo(demo_dir)
        yield resolve(flags, env, demo_dir)


def _data_dir(flags: Flags, env: Mapping[str, str], from_file: str, demo: Path | None) -> Path:
    if flags.demo and demo is not None:
        return demo
    chosen = flags.data_dir or env.get(ENV_DATA) or from_file
    return Path(chosen).expanduser() if chosen else default_data_dir(env)


def _first(value: bool | None, default: bool) -> bool:
    return default if value is None else value
