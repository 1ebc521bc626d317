"""Which client keys may log in, and on what terms: an OpenSSH authorized_keys file.

Honoured options: `from=` (matched by asyncssh as OpenSSH does with UseDNS off: address
patterns with `*`/`?`, `!` negation and CIDR), `expiry-time=`, `restrict`, `no-pty` and
`pty`, and the `no-*-forwarding`/`no-user-rc` flags (the server never forwards anyway).
A line with any other option (`command=`, `environment=`, `permitopen=`, ...) does not
let its key in: the server cannot do what the option asks.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import asyncssh

FLAGS = frozenset(
    {
        "restrict",
        "pty",
        "no-pty",
        "no-port-forwarding",
        "no-agent-forwarding",
        "no-x11-forwarding",
        "no-user-rc",
    }
)
VALUED = frozenset({"from", "expiry-time"})
_EXPIRY = re.compile(r"(\d{8})(?:(\d{4})(\d{2})?)?([Zz]?)")


@dataclass(frozen=True)
class KeyLine:
    """One usable line of the file: its key, its options, and asyncssh's matcher for it."""

    number: int
    key: asyncssh.SSHKey
    options: tuple[tuple[str, str | None], ...]
    rules: asyncssh.SSHAuthorizedKeys
    error: str | None = None  # options that cannot be read: the line lets nobody in


@dataclass(frozen=True)
class Grant:
    """A key let in by line `line`; `pty` False means no terminal, so no session."""

    line: int
    pty: bool


def load_key_lines(path: Path) -> list[KeyLine]:
    """Every line of the file that names a key; comments and other text are skipped.

    A missing file allows nobody. Other read errors propagate (OSError).
    """
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return []
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line and not line.startswith("#") and (parsed := _parse(number, line)):
            lines.append(parsed)
    return lines


def decide(lines: Iterable[KeyLine], key: asyncssh.SSHKey, address: str) -> Grant | str:
    """The first line that lets `key` in from `address`, or why none did."""
    reasons = []
    for line in lines:
        if line.key.public_data != key.public_data:
            continue
        problem = _problem(line, address)
        if problem is None:
            return Grant(line.number, _pty_allowed(line.options))
        reasons.append(f"line {line.number}: {problem}")
    return "; ".join(reasons) or "not in the authorized keys file"


def _problem(line: KeyLine, address: str) -> str | None:
    if line.error is not None:
        return line.error
    for name, value in line.options:
        if name.lower() not in FLAGS and name not in VALUED:
            shown = name if value is None else f"{name}="
            return f"option {shown} is not supported by the practice server"
        if name == "expiry-time" and (expired := _expired(value or "")):
            return expired
    # The host name is left empty, as OpenSSH does without UseDNS: patterns match the address.
    if line.rules.validate(line.key, "", address) is None:
        return f"from= does not allow {address}"
    return None


def _expired(value: str) -> str | None:
    match = _EXPIRY.fullmatch(value)
    if match is None:
        return f"expiry-time={value} is not YYYYMMDD[HHMM[SS]][Z]"
    date, hhmm, ss, utc = match.groups()
    try:
        when = dt.datetime.strptime(date + (hhmm or "0000") + (ss or "00"), "%Y%m%d%H%M%S")
    except ValueError:
        return f"expiry-time={value} is not a real date"
    # OpenSSH reads the time as the server's local time unless it ends in Z.
    when = when.replace(tzinfo=dt.UTC) if utc else when.astimezone()
    if dt.datetime.now(dt.UTC) >= when:
        return f"expired at expiry-time={value}"
    return None


def _pty_allowed(options: Iterable[tuple[str, str | None]]) -> bool:
    names = {name.lower() for name, _ in options}
    return "no-pty" not in names and ("restrict" not in names or "pty" in names)


def _parse(number: int, line: str) -> KeyLine | None:
    try:
        key = asyncssh.import_public_key(line)
        options_text = ""
    except (asyncssh.KeyImportError, ValueError):
        end = _options_end(line)
        try:
            key = asyncssh.import_public_key(line[end:].strip())
        except (asyncssh.KeyImportError, ValueError):
            return None
        options_text = line[:end]
    try:
        options = tuple(_split_options(options_text))
        rules = asyncssh.import_authorized_keys(line)
    except ValueError as exc:  # e.g. an unbalanced quote
        return KeyLine(number, key, (), asyncssh.SSHAuthorizedKeys(), f"unreadable options: {exc}")
    return KeyLine(number, key, options, rules)


def _options_end(line: str) -> int:
    """Where the options field ends: the first space or tab outside double quotes."""
    quoted = escaped = False
    for index, char in enumerate(line):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char in " \t" and not quoted:
            return index
    return len(line)


def _split_options(text: str) -> Iterable[tuple[str, str | None]]:
    if not text:
        return
    parts, current, quoted, escaped = [], "", False, False
    for char in text:
        if escaped:
            current, escaped = current + char, False
        elif char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            parts.append(current)
            current = ""
        else:
            current += char
    if quoted or escaped:
        raise ValueError("unbalanced quote in options")
    parts.append(current)
    for part in parts:
        name, sep, value = part.partition("=")
        yield name, (value if sep else None)
