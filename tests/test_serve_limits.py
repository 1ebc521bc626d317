"""Server limits under abuse, on 127.0.0.1 with real asyncssh clients: channels per
connection, the server-wide cap on every channel, sessions and connections per key,
env floods, connections and sessions that sit idle, and memory after a flood.

Every flood is bounded (a few hundred requests, a few MB) and every wait has a deadline.
"""

from __future__ import annotations

import asyncio
import gc
import json
import tracemalloc
from pathlib import Path

import asyncssh
import pytest
from serve_helpers import (
    TIMEOUT,
    Transcript,
    connect,
    env_acknowledged,
    key,
    make_config,
    new_key,
    open_bare_channel,
    open_session,
    send_env,
    state_dir,
    wait_gone,
)
from waiting import wait_for

from tui.cli import build_parser
from tui.commands.serve import limits_from
from tui.serve.config import Limits
from tui.serve.server import PracticeServer, _Connection

__all__ = ["key", "state_dir"]  # fixtures, used by name

ROOMY = {"max_sessions": 50, "max_sessions_per_key": 50, "max_channels": 50}


async def test_channels_per_connection_are_capped(state_dir: Path, key: asyncssh.SSHKey) -> None:
    limits = Limits(**{**ROOMY, "max_channels": 2})
    async with (
        asyncio.timeout(TIMEOUT),
        PracticeServer(make_config(state_dir, [key], limits)) as srv,
        await connect(srv.port, key) as conn,
    ):
        held = [await open_bare_channel(conn) for _ in range(2)]
        with pytest.raises(asyncssh.ChannelOpenError, match="at most 2 sessions on one"):
            await open_bare_channel(conn)
        assert srv.sessions.open == 2
        held[0].close()
        await wait_for(lambda: srv.sessions.open == 1, "a slot back")
        held.append(await open_bare_channel(conn))  # a closed channel gives its place back


async def test_the_server_cap_counts_channels_that_never_start(state_dir: Path) -> None:
    alice, bob = new_key(), new_key()
    limits = Limits(**{**ROOMY, "max_sessions": 2})
    config = make_config(state_dir, [alice, bob], limits)
    async with asyncio.timeout(TIMEOUT), PracticeServer(config) as srv:
        async with await connect(srv.port, alice) as hog:
            for _ in range(2):
                await open_bare_channel(hog)
            async with await connect(srv.port, bob) as conn:
                with pytest.raises(asyncssh.ChannelOpenError, match="full"):
                    await open_session(conn)
        await wait_for(lambda: srv.sessions.open == 0, "slots back after the hog left")
        async with await connect(srv.port, bob) as conn:
            await Transcript(await open_session(conn)).line("PID ")


async def test_one_key_cannot_hold_every_slot(state_dir: Path) -> None:
    alice, bob = new_key(), new_key()
    limits = Limits(max_sessions=4, max_sessions_per_key=2, max_channels=4)
    async with (
        asyncio.timeout(TIMEOUT),
        PracticeServer(make_config(state_dir, [alice, bob], limits)) as srv,
    ):
        first, second = await connect(srv.port, alice), await connect(srv.port, alice)
        try:
            await Transcript(await open_session(first)).line("PID ")
            await Transcript(await open_session(second)).line("PID ")
            with pytest.raises(asyncssh.ChannelOpenError, match="this key already has 2"):
                await open_session(second)
            async with await connect(srv.port, bob) as conn:
                await Transcript(await open_session(conn)).line("PID ")
        finally:
            first.close()
            second.close()


async def test_connections_per_key_are_capped(state_dir: Path, key: asyncssh.SSHKey) -> None:
    limits = Limits(max_connections_per_key=2)
    async with (
        asyncio.timeout(TIMEOUT),
        PracticeServer(make_config(state_dir, [key], limits)) as srv,
    ):
        held = [await connect(srv.port, key) for _ in range(2)]
        try:
            with pytest.raises((asyncssh.DisconnectError, asyncssh.ChannelOpenError)):
                extra = await connect(srv.port, key)
                await extra.wait_closed()  # dropped just after login, if connect got that far
                await open_session(extra)
        finally:
            for conn in held:
                conn.close()
        await wait_for(lambda: not srv.sessions.connections, "connection counts back to none")


async def test_env_flood_keeps_only_the_allowed_few(state_dir: Path, key: asyncssh.SSHKey) -> None:
    limits = Limits(max_env=4, max_env_size=64)
    sent = {"LANG": "en_GB.UTF-8", "LC_TIME": "C" * 80}  # the second is over the size limit
    sent |= {f"JUNK{i}": "x" * 2000 for i in range(300)}
    sent["COLORTERM"] = "truecolor"  # past the count limit: refused
    async with (
        asyncio.timeout(TIMEOUT),
        PracticeServer(make_config(state_dir, [key], limits)) as srv,
        await connect(srv.port, key) as conn,
    ):
        env = json.loads(await Transcript(await open_session(conn, env=sent)).line("ENV "))
    assert env["LANG"] == "en_GB.UTF-8"
    assert "LC_TIME" not in env
    assert "COLORTERM" not in env
    assert not any(name.startswith("JUNK") for name in env)


# The flood of issue 13: many channels that never ask for a shell, each sent hundreds of
# large env requests. Server and client share this process, so tracemalloc sees both.
FLOOD_CONNECTIONS = 8
FLOOD_CHANNELS = 2
FLOOD_REQUESTS = 200
FLOOD_VALUE = 4096


def rss_mib() -> float:
    """This process's resident memory, for the printed figures only (never asserted)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def test_memory_comes_back_after_a_flood(state_dir: Path) -> None:
    keys = [new_key() for _ in range(FLOOD_CONNECTIONS)]
    config = make_config(state_dir, keys, Limits(max_sessions=64))
    tracemalloc.start()
    try:
        async with asyncio.timeout(60), PracticeServer(config) as srv:
            async with await connect(srv.port, keys[0]) as warm:  # import and cache costs
                await env_acknowledged(await open_bare_channel(warm))
            await wait_for(lambda: not srv.sessions.connections, "warm-up gone")
            gc.collect()
            before = tracemalloc.get_traced_memory()[0]
            rss = [rss_mib()]
            conns = [await connect(srv.port, k) for k in keys]
            for conn in conns:
                for _ in range(FLOOD_CHANNELS):
                    chan = await open_bare_channel(conn)
                    for i in range(FLOOD_REQUESTS):
                        send_env(chan, b"LC_%d" % i, b"v" * FLOOD_VALUE)
                    await env_acknowledged(chan)
            gc.collect()
            held = tracemalloc.get_traced_memory()[0]
            rss.append(rss_mib())
            for conn in conns:
                conn.close()
            del conns, chan
            await wait_for(
                lambda: not srv.sessions.connections and srv.sessions.open == 0, "all closed"
            )
            await asyncio.sleep(0)  # let asyncssh drop its last references
            gc.collect()
            after = tracemalloc.get_traced_memory()[0]
            rss.append(rss_mib())
            alive = [obj for obj in gc.get_objects() if isinstance(obj, _Connection)]
    finally:
        tracemalloc.stop()
    sent = FLOOD_CONNECTIONS * FLOOD_CHANNELS * FLOOD_REQUESTS * FLOOD_VALUE
    print(
        f"\nflood: {FLOOD_CONNECTIONS} connections, {FLOOD_CONNECTIONS * FLOOD_CHANNELS} "
        f"channels, {FLOOD_CONNECTIONS * FLOOD_CHANNELS * FLOOD_REQUESTS} env requests, "
        f"{sent / 2**20:.1f} MiB sent; traced memory before {before / 2**20:.2f} MiB, "
        f"held {held / 2**20:.2f} MiB, after {after / 2**20:.2f} MiB; "
        f"RSS {rss[0]:.0f} / {rss[1]:.0f} / {rss[2]:.0f} MiB"
    )
    assert held - before < sent / 8, "the server kept what the flood sent"
    assert after - before < 1 * 2**20
    assert alive == []


async def test_a_connection_with_no_session_is_dropped(
    state_dir: Path, key: asyncssh.SSHKey
) -> None:
    limits = Limits(start_timeout=0.5)
    async with (
        asyncio.timeout(TIMEOUT),
        PracticeServer(make_config(state_dir, [key], limits)) as srv,
    ):
        conn = await connect(srv.port, key)  # like `ssh -N`: logged in, asks for nothing
        await conn.wait_closed()
        await wait_for(lambda: not srv.sessions.connections, "the connection count freed")


async def test_a_connection_whose_sessions_ended_is_dropped(
    state_dir: Path, key: asyncssh.SSHKey
) -> None:
    limits = Limits(start_timeout=0.5)
    async with (
        asyncio.timeout(TIMEOUT),
        PracticeServer(make_config(state_dir, [key], limits)) as srv,
    ):
        conn = await connect(srv.port, key)
        session = Transcript(await open_session(conn))
        await session.line("PID ")
        session.process.stdin.write(b"exit 0\n")
        await session.process.wait()
        await conn.wait_closed()


async def test_a_channel_that_never_starts_is_closed(state_dir: Path, key: asyncssh.SSHKey) -> None:
    limits = Limits(start_timeout=0.5)
    async with (
        asyncio.timeout(TIMEOUT),
        PracticeServer(make_config(state_dir, [key], limits)) as srv,
        await connect(srv.port, key) as conn,
    ):
        chan = await open_bare_channel(conn)
        await chan.wait_closed()
        await wait_for(lambda: srv.sessions.open == 0, "the slot freed")


async def test_an_idle_session_is_warned_then_ended(state_dir: Path, key: asyncssh.SSHKey) -> None:
    limits = Limits(idle_timeout=2.0, idle_warning=1.0)
    async with (
        asyncio.timeout(TIMEOUT),
        PracticeServer(make_config(state_dir, [key], limits)) as srv,
        await connect(srv.port, key) as conn,
    ):
        session = Transcript(await open_session(conn))
        pid = int(await session.line("PID "))
        await session.text(b"this session ends in ")
        await session.text(b" s unless you press a key")
        await session.text(b"session ended after 2 s without input")
        assert (await session.process.wait()).exit_status != 0
        await wait_gone(pid)
        await wait_for(lambda: srv.sessions.open == 0, "the slot freed")


async def test_input_after_the_warning_keeps_the_session(
    state_dir: Path, key: asyncssh.SSHKey
) -> None:
    limits = Limits(idle_timeout=3.0, idle_warning=1.5)
    async with (
        asyncio.timeout(TIMEOUT),
        PracticeServer(make_config(state_dir, [key], limits)) as srv,
        await connect(srv.port, key) as conn,
    ):
        session = Transcript(await open_session(conn, size=(80, 24)))
        assert await session.line("SIZE ") == "80x24"
        await session.text(b"unless you press a key")
        session.process.stdin.write(b"x")
        # The app is made to repaint the row the warning covered: one row less, then back.
        assert await session.line("SIZE ") == "80x23"
        assert await session.line("SIZE ") == "80x24"
        for _ in range(12):  # 3.6 s of typing: past the idle limit counted from the start
            await asyncio.sleep(0.3)
            session.process.stdin.write(b"x")
        session.process.stdin.write(b"\nexit 7\n")
        assert (await session.process.wait()).exit_status == 7


def test_flags_reach_the_limits() -> None:
    args = build_parser("serve").parse_args(
        ["serve", "--ssh", "--max-channels", "3", "--max-env", "5", "--idle-timeout", "90"]
    )
    limits = limits_from(args)
    assert (limits.max_channels, limits.max_env, limits.idle_timeout) == (3, 5, 90.0)
    assert limits.max_sessions == Limits().max_sessions


@pytest.mark.parametrize("flag", ["--max-env=0", "--idle-timeout=0", "--idle-timeout=nan"])
def test_bad_limit_flags_are_usage_errors(flag: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        build_parser("serve").parse_args(["serve", "--ssh", flag])
    assert exit_info.value.code == 2
    assert flag.split("=")[0] in capsys.readouterr().err


async def test_connections_still_logging_in_are_capped(
    state_dir: Path, key: asyncssh.SSHKey
) -> None:
    limits = Limits(max_startups=3)
    async with (
        asyncio.timeout(TIMEOUT),
        PracticeServer(make_config(state_dir, [key], limits)) as srv,
    ):
        # Raw TCP connections that never log in: the first three wait, the fourth is dropped.
        raw = [await asyncio.open_connection("127.0.0.1", srv.port) for _ in range(4)]
        for reader, _ in raw[:3]:
            assert (await reader.readline()).startswith(b"SSH-2.0-")
        async with asyncio.timeout(5):  # closed by the server, long before the login timeout
            await raw[3][0].read()
        assert srv.sessions.logging_in == 3
        for _, writer in raw:
            writer.close()
        await wait_for(lambda: srv.sessions.logging_in == 0, "the waiting ones counted out")
        async with await connect(srv.port, key) as conn:  # room again for a real client
            await Transcript(await open_session(conn)).line("PID ")
