"""The settings file, `$XDG_CONFIG_HOME/offer-tui/config.toml`, validated like the data files.

theme = "ansi-dark"           # any Textual theme; ansi-dark/ansi-light use the terminal's palette
mouse = true
privacy = false               # start in privacy mode
data_dir = "~/Sync/offers"    # optional; --data-dir and $OFFER_TUI_DATA still win
my_name = "Alex Kim"          # signs the messages the templates fill in
sign_off = "Best wishes"      # the closing line above your name (default "Kind regards")
[keymap]
"offer.add" = "n"             # action id = keys (comma separated)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tui.actions.registry import keymap_clashes
from tui.settings.paths import config_dir
from tui.settings.themes import DEFAULT_THEME
from tui.tomlio.errors import DataError, FieldError, Problem, did_you_mean
from tui.tomlio.fields import Fields


@dataclass
class ConfigFile:
    """What the file says; empty strings and None mean "not set here"."""

    theme: str | None = None
    mouse: bool | None = None
    privacy: bool | None = None
    data_dir: str = ""
    my_name: str | None = None
    sign_off: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    path: Path | None = None


@dataclass
class ConfigLoad:
    config: ConfigFile
    problems: list[Problem]


def config_path(env: Mapping[str, str] | None = None) -> Path:
    return config_dir(env) / "config.toml"


def load_config(path: Path) -> ConfigLoad:
    """The file's settings, or nothing plus the problems that kept a bad file from being used."""
    if not path.is_file():
        return ConfigLoad(ConfigFile(), [])
    # The TOML reader (tomllib and the file helpers) only when there is a file to read.
    from tui.tomlio.tomlfile import field_problems, parse_toml, read_bytes

    try:
        data = read_bytes(path, follow_links=True)  # a dotfiles link is common here
        table = parse_toml(path, data)
    except DataError as exc:
        return ConfigLoad(ConfigFile(path=path), exc.problems)
    except OSError as exc:
        return ConfigLoad(ConfigFile(path=path), [Problem(path, f"cannot be read: {exc.strerror}")])
    f = Fields(table, strict=True)
    # Every key is read (so a misspelt one gets a "did you mean"); absent ones stay unset.
    theme, mouse = f.str("theme").strip() or None, f.bool("mouse", True)
    privacy, my_name = f.bool("privacy", False), f.str("my_name").strip()
    sign_off = f.str("sign_off").strip()
    config = ConfigFile(
        theme=theme if "theme" in table else None,
        mouse=mouse if "mouse" in table else None,
        privacy=privacy if "privacy" in table else None,
        data_dir=f.str("data_dir"),
        my_name=my_name if "my_name" in table else None,
        sign_off=sign_off if "sign_off" in table else None,
        path=path,
    )
    keymap = f.table("keymap")
    if keymap:
        for key, value in keymap.data.items():
            keymap.known.add(key)
            if isinstance(value, str) and value.strip():
                config.keymap[key] = value.strip()
            else:
                keymap.error(key, 'expected keys in quotes, like "n" or "ctrl+n,f2"')
    f.finish()
    problems = field_problems(path, data.decode("utf-8-sig"), f.errors)
    return ConfigLoad(config if not problems else ConfigFile(path=path), problems)


def check_names(
    load: ConfigLoad, action_ids: Iterable[str], themes: Iterable[str]
) -> list[Problem]:
    """Keymap ids and the theme name against the action registry and the known themes."""
    config, path = load.config, load.config.path
    if path is None:
        return []
    from tui.tomlio.tomlfile import field_problems

    text = path.read_text(encoding="utf-8-sig")
    errors: list[FieldError] = []
    ids, theme_names = set(action_ids), set(themes)
    for action_id in config.keymap:
        if action_id not in ids:
            hint = did_you_mean(action_id, ids)
            message = "is not a binding id" + (f"; did you mean `{hint}`?" if hint else "")
            errors.append(FieldError(("keymap", action_id), message))
    for action_id, why in keymap_clashes(config.keymap).items():
        errors.append(FieldError(("keymap", action_id), why))
    theme = config.theme or DEFAULT_THEME
    if theme not in theme_names:
        hint = did_you_mean(theme, theme_names)
        message = f"unknown theme {theme!r}" + (f"; did you mean `{hint}`?" if hint else "")
        errors.append(FieldError(("theme",), message))
    return field_problems(path, text, errors)


def remember(path: Path, key: str, value: str | bool) -> None:
    """Set one top-level key in the settings file, keeping its comments, layout and other
    keys; written atomically through a dotfiles link to where it points. Raises OSError,
    or ValueError when the file is not TOML (it is then left as it is)."""
    import tomlkit
    import tomlkit.exceptions

    from tui.tomlio.tomlfile import atomic_write, ensure_private_dir

    target = path.resolve() if path.is_symlink() else path
    text = target.read_text(encoding="utf-8-sig") if target.is_file() else ""
    try:
        doc = tomlkit.parse(text)
    except tomlkit.exceptions.ParseError as exc:
        raise ValueError(f"{path}: {exc}") from None
    doc[key] = value
    ensure_private_dir(target.parent)
    atomic_write(target, tomlkit.dumps(doc).encode("utf-8"))
