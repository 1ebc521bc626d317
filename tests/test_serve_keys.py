"""authorized_keys options: what the practice server honours and what makes it refuse
a key (with one line in its log saying why)."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from pathlib import Path

import asyncssh
import pytest
from serve_helpers import TIMEOUT, Transcript, connect, key, make_config, open_session, state_dir

from tui.serve.authkeys import Grant, decide, load_key_lines
from tui.serve.server import PracticeServer, client_address

__all__ = ["key", "state_dir"]  # fixtures, used by name

LOOPBACK = "127.0.0.1"


def public(key: asyncssh.SSHKey) -> str:
    return key.export_public_key().decode().strip()


def lines_of(tmp_path: Path, text: str) -> list:
    path = tmp_path / "authorized_keys"
    path.write_text(text)
    return load_key_lines(path)


def verdict(tmp_path: Path, key: asyncssh.SSHKey, options: str, address: str = LOOPBACK):
    return decide(lines_of(tmp_path, f"{options} {public(key)}\n"), key, address)


@pytest.mark.parametrize(
    ("pattern", "address", "allowed"),
    [
        ("127.0.0.1", LOOPBACK, True),
        ("10.0.0.1", LOOPBACK, False),
        ("127.0.0.0/8", LOOPBACK, True),
        ("10.0.0.0/8", LOOPBACK, False),
        ("127.0.0.?", LOOPBACK, True),
        ("10.*,127.*", LOOPBACK, True),
        ("*,!127.0.0.1", LOOPBACK, False),
        ("!127.0.0.1", LOOPBACK, False),  # only a negation: nothing matches positively
        ("*.example.com", LOOPBACK, False),  # names are not looked up, as OpenSSH without UseDNS
        ("2001:db8::/32", "2001:db8::5", True),
        ("2001:db8::/32", "2001:db9::5", False),
    ],
)
def test_from_patterns(
    tmp_path: Path, key: asyncssh.SSHKey, pattern: str, address: str, allowed: bool
) -> None:
    result = verdict(tmp_path, key, f'from="{pattern}"', address)
    assert isinstance(result, Grant) is allowed
    if not allowed:
        assert f"from= does not allow {address}" in str(result)


@pytest.mark.parametrize(
    ("options", "pty"),
    [
        ("", True),
        ("no-pty", False),
        ("restrict", False),
        ("restrict,pty", True),
        ("restrict,no-port-forwarding,no-agent-forwarding,no-X11-forwarding,no-user-rc,pty", True),
    ],
)
def test_pty_permission(tmp_path: Path, key: asyncssh.SSHKey, options: str, pty: bool) -> None:
    result = verdict(tmp_path, key, options)
    assert isinstance(result, Grant)
    assert result.pty is pty


@pytest.mark.parametrize(
    ("options", "reason"),
    [
        ('command="echo hi"', "option command= is not supported"),
        ('environment="A=b"', "option environment= is not supported"),
        ('permitopen="localhost:80"', "option permitopen= is not supported"),
        ("cert-authority", "option cert-authority is not supported"),
        ('from="127.0.0.1",no-touch-required', "option no-touch-required is not supported"),
        ("expiry-time=20200101", "expired at expiry-time=20200101"),
        ("expiry-time=2020", "expiry-time=2020 is not YYYYMMDD"),
        ("expiry-time=20201399", "is not a real date"),
        ('permitopen="no-port-here"', "unreadable options"),
    ],
)
def test_refusals_say_why(tmp_path: Path, key: asyncssh.SSHKey, options: str, reason: str) -> None:
    result = verdict(tmp_path, key, options)
    assert isinstance(result, str)
    assert reason in result
    assert result.startswith("line 1: ")


def test_an_unclosed_quote_hides_the_key(tmp_path: Path, key: asyncssh.SSHKey) -> None:
    # The quote runs to the end of the line, so the key is inside it, as for OpenSSH.
    assert verdict(tmp_path, key, 'from="127.0.0.1') == "not in the authorized keys file"


def test_expiry_in_the_future_and_utc(tmp_path: Path, key: asyncssh.SSHKey) -> None:
    soon = dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)
    assert isinstance(verdict(tmp_path, key, f"expiry-time={soon:%Y%m%d%H%M}Z"), Grant)
    gone = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=2)
    assert "expired" in str(verdict(tmp_path, key, f"expiry-time={gone:%Y%m%d%H%M%S}Z"))


def test_a_later_line_can_let_the_key_in(tmp_path: Path, key: asyncssh.SSHKey) -> None:
    text = f'from="10.0.0.1" {public(key)}\n# comment\n\nnot a key\nrestrict,pty {public(key)}\n'
    result = decide(lines_of(tmp_path, text), key, LOOPBACK)
    assert result == Grant(line=5, pty=True)


def test_quoted_text_in_options_is_not_taken_for_the_key(
    tmp_path: Path, key: asyncssh.SSHKey
) -> None:
    other = asyncssh.generate_private_key("ssh-ed25519")
    text = f'command="{public(other)}" {public(key)}\n'
    assert decide(lines_of(tmp_path, text), other, LOOPBACK) == "not in the authorized keys file"
    assert "command=" in str(decide(lines_of(tmp_path, text), key, LOOPBACK))


def test_unlisted_keys_and_missing_files(tmp_path: Path, key: asyncssh.SSHKey) -> None:
    assert load_key_lines(tmp_path / "missing") == []
    other = asyncssh.generate_private_key("ssh-ed25519")
    assert decide(lines_of(tmp_path, public(other) + "\n"), key, LOOPBACK) == (
        "not in the authorized keys file"
    )


@pytest.mark.parametrize(
    ("peer", "address"),
    [("::ffff:127.0.0.1", "127.0.0.1"), ("fe80::1%eth0", "fe80::1"), ("10.1.2.3", "10.1.2.3")],
)
def test_client_address_as_from_sees_it(peer: str, address: str) -> None:
    assert client_address(peer) == address


async def serve_with(state_dir: Path, key: asyncssh.SSHKey, options: str) -> PracticeServer:
    config = make_config(state_dir, [])
    (state_dir / "authorized_keys").write_text(f"{options} {public(key)}\n")
    return PracticeServer(config)


@pytest.mark.parametrize(
    ("options", "logged"),
    [
        ('from="10.0.0.0/8"', "from= does not allow 127.0.0.1"),
        ('command="/bin/sh"', "option command= is not supported"),
        ("expiry-time=20200101", "expired at expiry-time=20200101"),
    ],
)
async def test_a_restricted_key_is_refused_with_one_log_line(
    state_dir: Path,
    key: asyncssh.SSHKey,
    caplog: pytest.LogCaptureFixture,
    options: str,
    logged: str,
) -> None:
    caplog.set_level(logging.INFO, logger="tui.serve")
    async with asyncio.timeout(TIMEOUT), await serve_with(state_dir, key, options) as srv:
        with pytest.raises(asyncssh.PermissionDenied):
            await connect(srv.port, key)
    refusals = [r.getMessage() for r in caplog.records if "refused key" in r.getMessage()]
    assert len(refusals) == 1
    assert logged in refusals[0]
    assert key.get_fingerprint("sha256") in refusals[0]


async def test_a_matching_from_lets_the_key_in(state_dir: Path, key: asyncssh.SSHKey) -> None:
    async with (
        asyncio.timeout(TIMEOUT),
        await serve_with(state_dir, key, 'from="10.0.0.0/8,127.0.0.0/8"') as srv,
        await connect(srv.port, key) as conn,
    ):
        await Transcript(await open_session(conn)).line("PID ")


@pytest.mark.parametrize("options", ["no-pty", "restrict"])
async def test_a_key_without_pty_gets_a_message_and_nothing_runs(
    state_dir: Path, key: asyncssh.SSHKey, options: str
) -> None:
    async with (
        asyncio.timeout(TIMEOUT),
        await serve_with(state_dir, key, options) as srv,
        await connect(srv.port, key) as conn,
    ):
        completed = await (await open_session(conn)).wait()
    assert completed.exit_status == 1
    assert b"may not open a terminal" in completed.stdout
    assert b"PID " not in completed.stdout
