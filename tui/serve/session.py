"""One SSH session: an offer-tui child in its own pty, bytes pumped both ways."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

import asyncssh

from tui.serve.config import Limits
from tui.serve.environment import child_env, client_vars
from tui.serve.limits import IdleClock, Sessions
from tui.serve.ptychild import PtyChild

log = logging.getLogger(__name__)

DEFAULT_SIZE = (80, 24)
# After the child exits, how long to keep forwarding what it left in the pty.
OUTPUT_DRAIN_SECONDS = 1.0
# How long the pty is one row short when the screen is redrawn after an idle warning.
REDRAW_NUDGE_SECONDS = 0.1
NEEDS_PTY = b"offer-tui needs a terminal: connect with `ssh -t`.\r\n"
PTY_FORBIDDEN = (
    b"offer-tui: this key may not open a terminal (no-pty or restrict in the server's "
    b"authorized_keys), and offer-tui needs one.\r\n"
)
FAILED = b"offer-tui: could not start a session.\r\n"
# Leave the alternate screen, mouse modes and hidden cursor the app may have left behind.
_TERMINAL_RESET = b"\x1b[0m\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?25h\x1b[?1049l"

_DISCONNECTED = (asyncssh.Error, OSError, asyncio.IncompleteReadError)

SessionHandler = Callable[[asyncssh.SSHServerProcess[bytes]], Awaitable[None]]


class ShellOnlyProcess(asyncssh.SSHServerProcess[bytes]):
    """A session channel that accepts only an interactive shell request.

    Exec (`ssh host some-command`) and subsystem (sftp, ...) requests are refused at the
    protocol level, so the client sees "exec request failed" and nothing runs. It keeps
    only the allowed environment variables, refuses env requests past the limit, closes
    itself if no shell is asked for in time, and calls `on_close` once when it ends.
    """

    def __init__(
        self,
        handler: SessionHandler,
        limits: Limits,
        on_close: Callable[[], None],
        who: str = "",
    ) -> None:
        super().__init__(handler, None, 0, False)
        self.limits = limits
        self.who = who  # the key and address, for the log
        self.client_env: dict[str, str] = {}
        self.env_requests = 0
        self._on_close: Callable[[], None] | None = on_close
        self._start_timer: asyncio.TimerHandle | None = None

    def connection_made(self, chan: asyncssh.SSHServerChannel[bytes]) -> None:  # type: ignore[override]
        super().connection_made(chan)
        # asyncssh dispatches a channel request to `_process_<name>_request` and keeps
        # every env pair it gets; this handler stands in so only allowed ones are kept.
        setattr(chan, "_process_env_request", self._env_request)  # noqa: B010
        loop = asyncio.get_running_loop()
        self._start_timer = loop.call_later(self.limits.start_timeout, self._never_started)

    def _env_request(self, packet: asyncssh.packet.SSHPacket) -> bool:
        name, value = packet.get_string(), packet.get_string()
        packet.check_end()
        self.env_requests += 1
        if self.env_requests > self.limits.max_env:
            if self.env_requests == self.limits.max_env + 1:
                log.info("%s: env requests past %d refused", self.who, self.limits.max_env)
            return False
        if len(name) + len(value) > self.limits.max_env_size:
            return False
        kept = client_vars({name: value})
        self.client_env.update(kept)
        return bool(kept)

    def _never_started(self) -> None:
        log.info("%s: closed a session that asked for no shell in time", self.who)
        self.channel.close()

    def session_started(self) -> None:
        self._cancel_timer()
        super().session_started()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_timer()
        if self._on_close is not None:
            on_close, self._on_close = self._on_close, None
            on_close()
        super().connection_lost(exc)

    def _cancel_timer(self) -> None:
        if self._start_timer is not None:
            self._start_timer.cancel()
            self._start_timer = None

    def exec_requested(self, command: str) -> bool:
        log.info("%s: refused exec request", self.who)
        return False

    def subsystem_requested(self, subsystem: str) -> bool:
        log.info("%s: refused subsystem request %r", self.who, subsystem)
        return False


def _size(process: asyncssh.SSHServerProcess[bytes]) -> tuple[int, int]:
    cols, rows, *_ = process.term_size
    return (cols, rows) if cols > 0 and rows > 0 else DEFAULT_SIZE


def _duration(seconds: float) -> str:
    return f"{seconds / 60:.0f} min" if seconds >= 120 else f"{seconds:.0f} s"


def _exit_status(returncode: int) -> int:
    return returncode if returncode >= 0 else 128 - returncode


async def run_session(
    process: asyncssh.SSHServerProcess[bytes],
    argv: Sequence[str],
    home: Path,
    work_dir: Path,
    sessions: Sessions,
    pty_allowed: bool = True,
) -> None:
    """The whole life of one session; always ends the channel with an exit status."""
    assert isinstance(process, ShellOnlyProcess)
    if not pty_allowed:
        return _refuse(process, PTY_FORBIDDEN)
    if process.term_type is None:
        return _refuse(process, NEEDS_PTY)
    env = child_env(process.client_env, process.term_type, home)
    try:
        child = await PtyChild.spawn(argv, env, work_dir, _size(process))
    except OSError:
        log.exception("could not start %s", argv[0])
        return _refuse(process, FAILED)
    sessions.children.add(child)
    try:
        status = await _Pump(process, child, sessions).run()
    finally:
        # Reached on disconnect, error or cancellation alike: never leave a child behind.
        # A task of its own, so a second cancellation cannot cut the clean-up short.
        await asyncio.shield(asyncio.ensure_future(_end_child(child, sessions)))
    with contextlib.suppress(*_DISCONNECTED):
        process.exit(status)


def _refuse(process: asyncssh.SSHServerProcess[bytes], message: bytes) -> None:
    with contextlib.suppress(*_DISCONNECTED):
        process.stdout.write(message)
        process.exit(1)


async def _end_child(child: PtyChild, sessions: Sessions) -> None:
    try:
        await child.terminate(sessions.kill_grace)
    finally:
        sessions.children.discard(child)
        child.close()


class _Pump:
    """Bytes both ways between the client and the child, and the idle clock."""

    def __init__(self, process: ShellOnlyProcess, child: PtyChild, sessions: Sessions) -> None:
        self.process = process
        self.child = child
        self.grace = sessions.kill_grace
        self.size = _size(process)
        self.clock = IdleClock(process.limits, self._warn, self._back)
        self._nudge: asyncio.Task[None] | None = None

    async def run(self) -> int:
        output = asyncio.create_task(self._copy_output())
        client = asyncio.create_task(self._copy_input())
        exited = asyncio.create_task(self.child.wait())
        idle = asyncio.create_task(self.clock.expired())
        tasks = (output, client, exited, idle)
        try:
            await asyncio.wait({client, exited, idle}, return_when=asyncio.FIRST_COMPLETED)
            if not exited.done():  # the client went away, or sat idle too long
                status = _exit_status(await self.child.terminate(self.grace))
                if idle.done():
                    self._say_idle_end()
                return status
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(output), OUTPUT_DRAIN_SECONDS)
            return _exit_status(exited.result())
        finally:
            for task in (*tasks, self._nudge):
                if task is not None:
                    task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    def _write(self, data: bytes) -> None:
        with contextlib.suppress(*_DISCONNECTED):
            self.process.stdout.write(data)

    def _warn(self, seconds_left: int) -> None:
        """A line over the bottom row of the client's screen; the app is not involved."""
        rows = self.size[1]
        text = f" offer-tui: idle; this session ends in {seconds_left} s unless you press a key "
        line = text.encode()[: self.size[0]]
        self._write(b"\x1b7\x1b[%d;1H\x1b[2K\x1b[7m%s\x1b[0m\x1b8" % (rows, line))
        log.info("%s: idle session warned; ends in %d s", self.process.who, seconds_left)

    def _back(self) -> None:
        """Input after a warning: make the app repaint the row the warning covered."""
        self._nudge = asyncio.ensure_future(self._redraw())

    async def _redraw(self) -> None:
        cols, rows = self.size
        self.child.resize(cols, max(1, rows - 1))
        await asyncio.sleep(REDRAW_NUDGE_SECONDS)
        self.child.resize(*self.size)  # the size now: the client may have resized meanwhile

    def _say_idle_end(self) -> None:
        idle = _duration(self.process.limits.idle_timeout)
        self._write(
            _TERMINAL_RESET
            + f"\r\noffer-tui: session ended after {idle} without input.\r\n".encode()
        )
        log.info("%s: idle session ended", self.process.who)

    async def _copy_output(self) -> None:
        stdout = self.process.stdout
        with contextlib.suppress(*_DISCONNECTED):
            while data := await self.child.read():
                stdout.write(data)
                await stdout.drain()

    async def _copy_input(self) -> None:
        """Keystrokes to the pty, window changes to TIOCSWINSZ; returns on disconnect."""
        while True:
            try:
                data = await self.process.stdin.read(65536)
            except asyncssh.TerminalSizeChanged as change:
                self.size = (max(1, change.width), max(1, change.height))
                self.child.resize(change.width, change.height)
                self.clock.touch()
                continue
            except (asyncssh.BreakReceived, asyncssh.SignalReceived):
                continue  # not passed on: the app has no use for them
            except _DISCONNECTED:
                return
            if not data:
                return
            self.clock.touch()
            await self.child.write(data)
