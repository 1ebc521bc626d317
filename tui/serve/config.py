"""Settings of the SSH practice server, and where its state lives."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

STATE_NAME = "offer-tui-serve"
HOST_KEY_NAME = "ssh_host_ed25519_key"
AUTHORIZED_KEYS_NAME = "authorized_keys"
USERS_DIR_NAME = "users"

# Given a key's data directory, the argv of the program a session runs.
ChildCommand = Callable[[Path], Sequence[str]]


def offer_tui_command(data_dir: Path, flags: Sequence[str] = ()) -> list[str]:
    """The real app: what every CLI-started server runs, with the server's own global flags
    (`--theme`, `--demo`) after the key's data directory.

    `-P`: the working folder is not put on sys.path, so a stray `tui.py` there can never
    stand in for the app.
    """
    return [sys.executable, "-P", "-m", "tui", "--data-dir", str(data_dir), *flags]


def default_state_dir(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    base = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base).expanduser() / STATE_NAME


@dataclass(frozen=True)
class Limits:
    """What one client may hold; every count is checked when the thing is opened."""

    max_sessions: int = 8  # session channels on the whole server
    max_sessions_per_key: int = 2  # so one key cannot hold every slot
    max_channels: int = 2  # session channels on one connection
    max_connections_per_key: int = 4  # authenticated connections, open at once
    # Connections still logging in (each ends within the login timeout); like OpenSSH's
    # MaxStartups, more are dropped at once.
    max_startups: int = 32
    # env requests per channel; later ones are refused. OpenSSH's usual `SendEnv LANG LC_*`
    # sends at most 15.
    max_env: int = 32
    max_env_size: int = 256  # bytes of name plus value in one env request
    # A connection with no session (`ssh -N`), or a session that never asks for its
    # terminal, is closed after this many seconds.
    start_timeout: float = 60.0
    # A session with no input for this long ends; a warning is shown `idle_warning` before.
    idle_timeout: float = 1800.0
    idle_warning: float = 60.0

    @property
    def warn_after(self) -> float:
        """Seconds of silence before the on-screen warning."""
        return max(self.idle_timeout - self.idle_warning, self.idle_timeout / 2)


@dataclass(frozen=True)
class ServeConfig:
    """Everything the server needs; `child_command` is injectable for tests only."""

    state_dir: Path
    host: str = "127.0.0.1"
    port: int = 2222
    authorized_keys: Path | None = None
    limits: Limits = field(default_factory=Limits)
    login_timeout: float = 30.0
    # Seconds between SIGHUP and SIGKILL when a client goes away.
    kill_grace: float = 2.0
    child_command: ChildCommand = field(default=offer_tui_command)

    @property
    def authorized_keys_path(self) -> Path:
        return self.authorized_keys or self.state_dir / AUTHORIZED_KEYS_NAME

    @property
    def host_key_path(self) -> Path:
        return self.state_dir / HOST_KEY_NAME

    @property
    def users_dir(self) -> Path:
        return self.state_dir / USERS_DIR_NAME
