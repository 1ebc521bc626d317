"""One child process in a fresh pseudo-terminal, driven from asyncio."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import fcntl
import os
import pty
import signal
import struct
import sys
import termios
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

READ_SIZE = 65536

# Runs in the child before the real program: a session leader that opens its terminal
# by name acquires it as controlling terminal, so the kernel delivers SIGWINCH on resize
# and SIGHUP on hang-up. Doing it in a shim avoids preexec_fn, unsafe with threads.
# `-I`: the shim's own imports never look in the working folder or at PYTHON* variables.
_CTTY_SHIM = (
    "import os,sys;os.close(os.open(os.ttyname(0),os.O_RDWR));os.execvp(sys.argv[1],sys.argv[1:])"
)


def set_winsize(fd: int, cols: int, rows: int) -> None:
    cols, rows = max(1, min(cols, 1000)), max(1, min(rows, 1000))
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


class PtyChild:
    """A process whose stdin, stdout and stderr are the slave side of a new pty."""

    def __init__(self, master_fd: int, process: asyncio.subprocess.Process) -> None:
        self.master_fd = master_fd
        self.process = process

    @classmethod
    async def spawn(
        cls,
        argv: Sequence[str],
        env: Mapping[str, str],
        cwd: Path,
        size: tuple[int, int],
    ) -> PtyChild:
        master, slave = pty.openpty()
        try:
            set_winsize(master, *size)
            os.set_blocking(master, False)
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-I", "-c", _CTTY_SHIM, *argv,
                stdin=slave, stdout=slave, stderr=slave,
                env=dict(env), cwd=cwd, start_new_session=True,
            )  # fmt: skip
        except BaseException:
            os.close(master)
            raise
        finally:
            os.close(slave)
        return cls(master, process)

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def running(self) -> bool:
        return self.process.returncode is None

    def resize(self, cols: int, rows: int) -> None:
        """Set the pty size; the kernel sends SIGWINCH to the child's foreground group."""
        with contextlib.suppress(OSError):
            set_winsize(self.master_fd, cols, rows)

    async def read(self) -> bytes:
        """The next chunk of output, or b"" once the child side of the pty is closed."""
        loop = asyncio.get_running_loop()
        while True:
            try:
                return os.read(self.master_fd, READ_SIZE)
            except BlockingIOError:
                await _wait_fd(loop, self.master_fd, loop.add_reader, loop.remove_reader)
            except OSError as exc:
                if exc.errno == errno.EIO:  # Linux: every slave fd is closed
                    return b""
                raise

    async def write(self, data: bytes) -> None:
        loop = asyncio.get_running_loop()
        view = memoryview(data)
        while view:
            try:
                view = view[os.write(self.master_fd, view) :]
            except BlockingIOError:
                await _wait_fd(loop, self.master_fd, loop.add_writer, loop.remove_writer)

    async def wait(self) -> int:
        return await self.process.wait()

    async def terminate(self, grace: float) -> int:
        """SIGHUP the child's process group, then SIGKILL after `grace` seconds; reap it."""
        if self.running:
            self._signal_group(signal.SIGHUP)
            try:
                return await asyncio.wait_for(asyncio.shield(self.wait()), grace)
            except TimeoutError:
                self._signal_group(signal.SIGKILL)
        return await self.wait()

    def _signal_group(self, sig: signal.Signals) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, sig)

    def close(self) -> None:
        if self.master_fd >= 0:
            os.close(self.master_fd)
            self.master_fd = -1


async def _wait_fd(
    loop: asyncio.AbstractEventLoop,
    fd: int,
    add: Callable[..., object],
    remove: Callable[[int], object],
) -> None:
    ready: asyncio.Future[None] = loop.create_future()

    def wake() -> None:
        if not ready.done():
            ready.set_result(None)

    add(fd, wake)
    try:
        await ready
    finally:
        remove(fd)
