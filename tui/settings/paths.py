"""Where the settings file and the default data directory are, from the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from tui.store.paths import APP_NAME

ENV_DATA = "OFFER_TUI_DATA"
ENV_SERVED = "OFFER_TUI_SERVED"


def _home_based(env: Mapping[str, str], var: str, fallback: tuple[str, ...]) -> Path:
    home = env.get("HOME") or str(Path.home())
    base = env.get(var) or str(Path(home, *fallback))
    return Path(base).expanduser()


def default_data_dir(env: Mapping[str, str] | None = None) -> Path:
    """$XDG_DATA_HOME/offer-tui, else ~/.local/share/offer-tui ($OFFER_TUI_DATA not included)."""
    env = os.environ if env is None else env
    return _home_based(env, "XDG_DATA_HOME", (".local", "share")) / APP_NAME


def config_dir(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    return _home_based(env, "XDG_CONFIG_HOME", (".config",)) / APP_NAME
