"""Settings in `$XDG_CONFIG_HOME/offer-tui/config.toml`, validated like the data files.

theme = "ansi-dark"           # any Textual theme; ansi-dark/ansi-light use the terminal's palette
mouse = true
privacy = false               # start in privacy mode
data_dir = "~/Sync/offers"    # optional; --data-dir and $OFFER_TUI_DATA still win
[keymap]
"offer.add" = "n"             # binding id = keys (comma separated)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tui.store.paths import config_dir
from tui.tomlio.errors import DataError, FieldError, Problem, did_you_mean
from tui.tomlio.fields import Fields
from tui.tomlio.tomlfile import field_problems, parse_toml, read_bytes

DEFAULT_THEME = "textual-dark"


@dataclass
class Config:
    theme: str = DEFAULT_THEME
    mouse: bool = True
    privacy: bool = False
    data_dir: str = ""
    keymap: dict[str, str] = field(default_factory=dict)
    path: Path | None = None


@dataclass
class ConfigLoad:
    config: Config
    problems: list[Problem]


def config_path(env: Mapping[str, str] | None = None) -> Path:
    return config_dir(env) / "config.toml"


def load_config(path: Path | None = None) -> ConfigLoad:
    """The settings, or the defaults plus the problems that kept a bad file from being used."""
    path = path or config_path()
    if not path.is_file():
        return ConfigLoad(Config(), [])
    try:
        data = read_bytes(path)
        table = parse_toml(path, data)
    except DataError as exc:
        return ConfigLoad(Config(path=path), exc.problems)
    except OSError as exc:
        return ConfigLoad(Config(path=path), [Problem(path, f"cannot be read: {exc.strerror}")])
    f = Fields(table, strict=True)
    config = Config(
        theme=f.str("theme", DEFAULT_THEME) or DEFAULT_THEME,
        mouse=f.bool("mouse", True),
        privacy=f.bool("privacy", False),
        data_dir=f.str("data_dir"),
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
    return ConfigLoad(config if not problems else Config(path=path), problems)


def check_names(
    load: ConfigLoad, binding_ids: Iterable[str], themes: Iterable[str]
) -> list[Problem]:
    """Keymap ids and the theme name against what the app knows (passed in: no Textual here)."""
    config, path = load.config, load.config.path
    if path is None:
        return []
    text = path.read_text(encoding="utf-8-sig")
    errors: list[FieldError] = []
    ids, theme_names = set(binding_ids), set(themes)
    for binding_id in config.keymap:
        if binding_id not in ids:
            hint = did_you_mean(binding_id, ids)
            message = "is not a binding id" + (f"; did you mean `{hint}`?" if hint else "")
            errors.append(FieldError(("keymap", binding_id), message))
    if config.theme not in theme_names:
        hint = did_you_mean(config.theme, theme_names)
        message = f"unknown theme {config.theme!r}" + (f"; did you mean `{hint}`?" if hint else "")
        errors.append(FieldError(("theme",), message))
    return field_problems(path, text, errors)
