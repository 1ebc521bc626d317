"""One SSH session: an offer-tui child in its own pty, bytes pumped both ways."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from pathlib import Path

import asyncssh

from tui.serve.environment import child_env
from tui.serve.ptychild import PtyChild

log = logging.getLogger(__name__)

DEFAULT_SIZE = (80, 24)
# After the child exits, how long to keep forwarding what it left in the pty.
OUTPUT_DRAIN_SECONDS = 1.0
NEEDS_PTY = b"offer-tui needs a terminal: connect with `ssh -t`.\r\n"
FULL = b"offer-tui: the practice server is full right now; please try again later.\r\n"
FAILED = b"offer-tui: could not start a session.\r\n"

_DISCONNECTED = (asyncssh.Error, OSError, asyncio.IncompleteReadError)


class ShellOnlyProcess(asyncssh.SSHServerProcess[bytes]):
    """A server process that accepts only an interactive shell request.

    Exec (`ssh host some-command`) and subsystem (sftp, ...) requests are refused at the
    protocol level, so the client sees "exec request failed" and nothing runs.
    """

    def exec_requested(self, command: str) -> bool:
        log.info("refused exec request")
        return False

    def subsystem_requested(self, subsystem: str) -> bool:
        log.info("refused subsystem request %r", subsystem)
        return False


class Sessions:
    """The concurrent-session cap, and every live child so shutdown can end them."""

    def __init__(self, max_sessions: int, kill_grace: float) -> None:
        self.max_sessions = max_sessions
        self.kill_grace = kill_grace
        self.reserved = 0
        self.children: set[PtyChild] = set()

    def try_reserve(self) -> bool:
        if self.reserved >= self.max_sessions:
            return False
        self.reserved += 1
        return True

    def release(self) -> None:
        self.reserved -= 1

    async def close_all(self) -> None:
        await asyncio.gather(*(c.terminate(self.kill_grace) for c in list(self.children)))


def _size(process: asyncssh.SSHServerProcess[bytes]) -> tuple[int, int]:
    cols, rows, *_ = process.term_size
    return (cols, rows) if cols > 0 and rows > 0 else DEFAULT_SIZE


def _exit_status(returncode: int) -> int:
    return returncode if returncode >= 0 else 128 - returncode


async def run_session(
    process: asyncssh.SSHServerProcess[bytes],
    argv: Sequence[str],
    home: Path,
    sessions: Sessions,
) -> None:
    """The whole life of one session; always ends the channel with an exit status."""
    if process.term_type is None:
        return _refuse(process, NEEDS_PTY)
    if not sessions.try_reserve():
        return _refuse(process, FULL)
    try:
        status = await _run_child(process, argv, home, sessions)
    finally:
        sessions.release()
    with contextlib.suppress(*_DISCONNECTED):
        process.exit(status)


def _refuse(process: asyncssh.SSHServerProcess[bytes], message: bytes) -> None:
    with contextlib.suppress(*_DISCONNECTED):
        process.stdout.write(message)
        process.exit(1)


async def _run_child(
    process: asyncssh.SSHServerProcess[bytes],
    argv: Sequence[str],
    home: Path,
    sessions: Sessions,
) -> int:
    env = child_env(process.env, process.term_type, home)
    try:
        child = await PtyChild.spawn(argv, env, home, _size(process))
    except OSError:
        log.exception("could not start %s", argv[0])
        process.stdout.write(FAILED)
        return 1
    sessions.children.add(child)
    try:
        return await _pump(process, child, sessions.kill_grace)
    finally:
        # Reached on disconnect, error or cancellation alike: never leave a child behind.
        # A task of its own, so a second cancellation cannot cut the clean-up short.
        await asyncio.shield(asyncio.ensure_future(_end_child(child, sessions)))


async def _end_child(child: PtyChild, sessions: Sessions) -> None:
    try:
        await child.terminate(sessions.kill_grace)
    finally:
        sessions.children.discard(child)
        child.close()


async def _pump(process: asyncssh.SSHServerProcess[bytes], child: PtyChild, grace: float) -> int:
    output = asyncio.create_task(_copy_output(child, process.stdout))
    client = asyncio.create_task(_copy_input(process, child))
    exited = asyncio.create_task(child.wait())
    try:
        await asyncio.wait({client, exited}, return_when=asyncio.FIRST_COMPLETED)
        if not exited.done():  # the client went away first
            return _exit_status(await child.terminate(grace))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(output), OUTPUT_DRAIN_SECONDS)
        return _exit_status(exited.result())
    finally:
        for task in (output, client, exited):
            task.cancel()
        await asyncio.gather(output, client, exited, return_exceptions=True)


async def _copy_output(child: PtyChild, stdout: asyncssh.SSHWriter[bytes]) -> None:
    with contextlib.suppress(*_DISCONNECTED):
        while data := await child.read():
            stdout.write(data)
            await stdout.drain()


async def _copy_input(process: asyncssh.SSHServerProcess[bytes], child: PtyChild) -> None:
    """Client keystrokes to the pty, window changes to TIOCSWINSZ; returns on disconnect."""
    while True:
        try:
            data = await process.stdin.read(65536)
        except asyncssh.TerminalSizeChanged as change:
            log.debug("resize to %sx%s", change.width, change.height)
            child.resize(change.width, change.height)
            continue
        except (asyncssh.BreakReceived, asyncssh.SignalReceived, asyncssh.SoftEOFReceived):
            continue
        except _DISCONNECTED:
            return
        if not data:
            return
        await child.write(data)
