"""The child's environment: a minimal base plus a short allow-list from the client.

Allowed from the client: COLORTERM (truecolour detection), LANG and LC_* (locale; OpenSSH
clients send these by default with `SendEnv LANG LC_*`). Everything else the client sends
is dropped, so nothing like LD_PRELOAD, PYTHONPATH or OFFER_TUI_DATA can reach the child.
COLUMNS/LINES are never set: the app must read its size from the pty, which follows resizes.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

SERVED_VAR = "OFFER_TUI_SERVED"
ALLOWED_NAMES = frozenset({"COLORTERM", "LANG"})
_LC_NAME = re.compile(r"LC_[A-Z]{1,20}")
# Locale, terminal and COLORTERM values are short plain tokens; anything else is dropped.
_SAFE_VALUE = re.compile(r"[A-Za-z0-9_.,:@+-]{1,64}")
DEFAULT_TERM = "xterm-256color"
DEFAULT_LANG = "C.UTF-8"


def is_allowed(name: str) -> bool:
    return name in ALLOWED_NAMES or bool(_LC_NAME.fullmatch(name))


def _text(value: str | bytes) -> str | None:
    if isinstance(value, bytes):
        try:
            value = value.decode("ascii")
        except UnicodeDecodeError:
            return None
    return value if _SAFE_VALUE.fullmatch(value) else None


# What a client sent: str pairs, or the raw bytes of an SSH env request.
Sent = Mapping[str, str] | Mapping[bytes, bytes]


def client_vars(sent: Sent) -> dict[str, str]:
    """The allowed subset of what the client sent."""
    kept: dict[str, str] = {}
    for raw_name, raw_value in sent.items():
        name, value = _text(raw_name), _text(raw_value)
        if name is not None and value is not None and is_allowed(name):
            kept[name] = value
    return kept


def child_env(sent: Sent, term: str | None, home: Path) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH") or os.defpath,
        "HOME": str(home),
        "TERM": (term and _text(term)) or DEFAULT_TERM,
        "LANG": DEFAULT_LANG,
        SERVED_VAR: "1",
    }
    env.update(client_vars(sent))
    return env
