"""Host key, authorised client keys, and the per-key home directory."""

from __future__ import annotations

import os
from pathlib import Path

import asyncssh

PRIVATE_MODE = 0o600
DIR_MODE = 0o700


class HostKeyError(Exception):
    """The host key file exists but cannot be used; the message names the file."""


def ensure_host_key(path: Path) -> asyncssh.SSHKey:
    """Load the server's ed25519 host key, creating it (mode 0600) on first run."""
    if path.exists():
        return _read_host_key(path)
    path.parent.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    key = asyncssh.generate_private_key("ssh-ed25519")
    # O_EXCL: two servers starting at once must not overwrite each other's key.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_MODE)
    with os.fdopen(fd, "wb") as out:
        out.write(key.export_private_key())
    return key


def _read_host_key(path: Path) -> asyncssh.SSHKey:
    try:
        if path.stat().st_mode & 0o077:  # copied or restored loosely: make it private again
            path.chmod(PRIVATE_MODE)
        return asyncssh.read_private_key(path)
    except (asyncssh.KeyImportError, ValueError, OSError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise HostKeyError(
            f"host key {path} is not a usable SSH private key ({reason}); "
            "fix it, or move it away and a new one is made at the next start"
        ) from None


def key_dir_name(key: asyncssh.SSHKey) -> str:
    """A filesystem-safe name from the key's SHA256 fingerprint."""
    digest = key.get_fingerprint("sha256").removeprefix("SHA256:")
    safe = digest.replace("+", "-").replace("/", "_").rstrip("=")
    return f"sha256-{safe}"


def ensure_key_home(users_dir: Path, key: asyncssh.SSHKey) -> Path:
    """The key's private home directory (0700), created on first use."""
    users_dir.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    home = users_dir / key_dir_name(key)
    home.mkdir(exist_ok=True, mode=DIR_MODE)
    return home
