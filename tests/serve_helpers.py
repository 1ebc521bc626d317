"""Shared pieces of the SSH practice server tests: a stand-in child, real asyncssh
clients on 127.0.0.1, and a transcript reader with deadlines.

Most tests run the stand-in instead of the app (injected through
`ServeConfig.child_command`), so they check the server alone and stay fast.
"""

from __future__ import annotations

import asyncio
import re
import sys
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path

import asyncssh
import pytest
from asyncssh.packet import String
from waiting import wait_for

from tui.serve.config import Limits, ServeConfig
from tui.serve.server import PracticeServer

TIMEOUT = 15.0
READ_TIMEOUT = 8.0
# The real app's first screen on a loaded 2-core machine can take this long to come.
APP_TIMEOUT = 40.0

# Prints what the server gave it, then its size on every SIGWINCH; `exit N` ends it.
STAND_IN = r"""
import json, os, select, signal, sys
def size(*_):  # os.write: print() is not safe to re-enter from a signal handler
    cols, rows = os.get_terminal_size(0)
    os.write(1, f"SIZE {cols}x{rows}\n".encode())
signal.signal(signal.SIGWINCH, size)
if "--ignore-hup" in sys.argv:
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
data = sys.argv[1]
os.makedirs(data, exist_ok=True)
print("ENV " + json.dumps(dict(os.environ)), flush=True)
print(f"DATA {data}", flush=True)
print(f"PID {os.getpid()}", flush=True)
print(f"TTY {os.isatty(0)} {os.getsid(0) == os.getpid()}", flush=True)
size()
# select with a timeout, not a bare blocking read: a signal landing just before read()
# blocks would otherwise leave the Python-level handler waiting until the next input.
while True:
    if select.select([0], [], [], 0.1)[0]:
        line = sys.stdin.readline()
        if not line:
            break
        if line.startswith("exit"):
            sys.exit(int(line.split()[1]))
"""


def stand_in(*extra: str) -> Callable[[Path], Sequence[str]]:
    return lambda data_dir: [sys.executable, "-c", STAND_IN, str(data_dir), *extra]


def new_key() -> asyncssh.SSHKey:
    return asyncssh.generate_private_key("ssh-ed25519")


def authorize(path: Path, *keys: asyncssh.SSHKey) -> None:
    path.write_bytes(b"".join(k.export_public_key() for k in keys))


@pytest.fixture
def state_dir(tmp_path: Path) -> Path:
    return tmp_path / "state"


@pytest.fixture
def key() -> asyncssh.SSHKey:
    return new_key()


def make_config(
    state_dir: Path,
    keys: Sequence[asyncssh.SSHKey],
    limits: Limits | None = None,
    **overrides: object,
) -> ServeConfig:
    state_dir.mkdir(parents=True, exist_ok=True)
    authorize(state_dir / "authorized_keys", *keys)
    settings: dict[str, object] = {"port": 0, "child_command": stand_in(), "kill_grace": 0.5}
    settings.update(overrides)
    return ServeConfig(
        state_dir=state_dir,
        limits=limits or Limits(),
        **settings,  # type: ignore[arg-type]
    )


@pytest.fixture
async def server(state_dir: Path, key: asyncssh.SSHKey) -> AsyncIterator[PracticeServer]:
    async with PracticeServer(make_config(state_dir, [key])) as running:
        yield running


async def connect(port: int, key: asyncssh.SSHKey) -> asyncssh.SSHClientConnection:
    return await asyncssh.connect(
        "127.0.0.1",
        port,
        username="practice",
        client_keys=[key],
        known_hosts=None,
        agent_path=None,
        config=None,
        password_auth=False,
        kbdint_auth=False,
    )


async def open_session(
    conn: asyncssh.SSHClientConnection,
    size: tuple[int, int] = (80, 24),
    env: dict[str, str] | None = None,
) -> asyncssh.SSHClientProcess[bytes]:
    return await conn.create_process(
        term_type="xterm-256color", term_size=size, env=env or {}, encoding=None
    )


class Transcript:
    """Buffered output of one client session, read line by line by prefix."""

    def __init__(
        self, process: asyncssh.SSHClientProcess[bytes], read_timeout: float = READ_TIMEOUT
    ) -> None:
        self.process = process
        self.read_timeout = read_timeout
        self.buffer = b""

    async def line(self, prefix: str) -> str:
        """The rest of the next output line that starts with `prefix`."""
        pattern = re.compile(re.escape(prefix.encode()) + rb"([^\r\n]*)\r?\n")
        while (match := pattern.search(self.buffer)) is None:
            await self._more(prefix)
        self.buffer = self.buffer[match.end() :]
        return match.group(1).decode()

    async def text(self, marker: bytes) -> None:
        while marker not in self.buffer:
            await self._more(marker)

    async def _more(self, wanted: object) -> None:
        try:
            async with asyncio.timeout(self.read_timeout):
                chunk = await self.process.stdout.read(4096)
        except TimeoutError:
            raise AssertionError(
                f"no {wanted!r} after {self.read_timeout}s; got {self.buffer!r}"
            ) from None
        if not chunk:
            raise AssertionError(f"EOF before {wanted!r}; got {self.buffer!r}")
        self.buffer += chunk


def gone(pid: int) -> bool:
    """True once the process no longer exists (reaped, not a zombie)."""
    return not Path(f"/proc/{pid}").exists()


async def wait_gone(pid: int) -> None:
    await wait_for(lambda: gone(pid), f"process {pid} ending")


# A flood client needs what a normal client never does: a session channel that asks for
# nothing, and env requests sent one by one. asyncssh's client has no public call for
# either, so these two use its channel internals.
async def open_bare_channel(conn: asyncssh.SSHClientConnection) -> asyncssh.SSHClientChannel:
    """A session channel with no pty and no shell request: what `ssh -N`-style floods hold."""
    loop = asyncio.get_running_loop()
    chan = asyncssh.SSHClientChannel(conn, loop, "strict", None, "strict", 2**21, 32768)
    await chan._open(b"session")
    return chan


def send_env(chan: asyncssh.SSHClientChannel, name: bytes, value: bytes) -> None:
    chan._send_request(b"env", String(name), String(value))


async def env_acknowledged(chan: asyncssh.SSHClientChannel) -> bool:
    """Sends one more env request and waits for its answer: every earlier one is handled."""
    return bool(await chan._make_request(b"env", String(b"LANG"), String(b"C.UTF-8")))
