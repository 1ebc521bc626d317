"""The SSH practice server, driven by real asyncssh clients on 127.0.0.1.

Most tests run a small stand-in child instead of the app (injected through
`ServeConfig.child_command`), so they check the server alone and stay fast.
"""

from __future__ import annotations

import asyncio
import json
import re
import stat
import sys
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path

import asyncssh
import pytest

from tui.cli import main
from tui.serve.config import ServeConfig, offer_tui_command
from tui.serve.environment import SERVED_VAR, child_env, client_vars
from tui.serve.keys import key_dir_name, load_authorized_keys
from tui.serve.server import PracticeServer

TIMEOUT = 15.0
READ_TIMEOUT = 8.0

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
    state_dir: Path, keys: Sequence[asyncssh.SSHKey], **overrides: object
) -> ServeConfig:
    state_dir.mkdir(parents=True, exist_ok=True)
    authorize(state_dir / "authorized_keys", *keys)
    settings: dict[str, object] = {"port": 0, "child_command": stand_in(), "kill_grace": 0.5}
    settings.update(overrides)
    return ServeConfig(state_dir=state_dir, **settings)  # type: ignore[arg-type]


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

    def __init__(self, process: asyncssh.SSHClientProcess[bytes]) -> None:
        self.process = process
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
            async with asyncio.timeout(READ_TIMEOUT):
                chunk = await self.process.stdout.read(4096)
        except TimeoutError:
            raise AssertionError(
                f"no {wanted!r} after {READ_TIMEOUT}s; got {self.buffer!r}"
            ) from None
        if not chunk:
            raise AssertionError(f"EOF before {wanted!r}; got {self.buffer!r}")
        self.buffer += chunk


def gone(pid: int) -> bool:
    """True once the process no longer exists (reaped, not a zombie)."""
    return not Path(f"/proc/{pid}").exists()


async def wait_gone(pid: int) -> None:
    while not gone(pid):
        await asyncio.sleep(0.05)


async def test_two_keys_get_separate_data_dirs(state_dir: Path) -> None:
    alice, bob = new_key(), new_key()
    async with (
        asyncio.timeout(TIMEOUT),
        PracticeServer(make_config(state_dir, [alice, bob])) as srv,
    ):
        dirs = []
        for who in (alice, bob):
            async with await connect(srv.port, who) as conn:
                session = Transcript(await open_session(conn))
                dirs.append(Path(await session.line("DATA ")))
                session.process.stdin.write(b"exit 0\n")
                assert (await session.process.wait()).exit_status == 0
    assert dirs[0] != dirs[1]
    for data_dir, who in zip(dirs, (alice, bob), strict=True):
        home = data_dir.parent
        assert home.parent == state_dir / "users"
        assert home.name == key_dir_name(who)
        assert stat.S_IMODE(home.stat().st_mode) == 0o700


async def test_unknown_key_is_refused(server: PracticeServer) -> None:
    async with asyncio.timeout(TIMEOUT):
        with pytest.raises(asyncssh.PermissionDenied):
            await connect(server.port, new_key())


async def test_host_key_persists_and_is_private(state_dir: Path, key: asyncssh.SSHKey) -> None:
    config = make_config(state_dir, [key])
    seen = []
    for _ in range(2):
        async with asyncio.timeout(TIMEOUT), PracticeServer(config) as srv:
            conn = await connect(srv.port, key)
            seen.append(conn.get_server_host_key().export_public_key())
            conn.close()
    assert seen[0] == seen[1]
    assert stat.S_IMODE(config.host_key_path.stat().st_mode) == 0o600
    assert b"ssh-ed25519" in seen[0]
    config.host_key_path.chmod(0o644)
    async with PracticeServer(config):
        assert stat.S_IMODE(config.host_key_path.stat().st_mode) == 0o600


async def test_child_runs_in_its_own_pty_session(
    server: PracticeServer, key: asyncssh.SSHKey
) -> None:
    async with asyncio.timeout(TIMEOUT), await connect(server.port, key) as conn:
        session = Transcript(await open_session(conn))
        assert await session.line("TTY ") == "True True"


async def test_resize_reaches_the_child(server: PracticeServer, key: asyncssh.SSHKey) -> None:
    async with asyncio.timeout(TIMEOUT), await connect(server.port, key) as conn:
        session = Transcript(await open_session(conn, size=(80, 24)))
        assert await session.line("SIZE ") == "80x24"
        session.process.change_terminal_size(120, 40)
        assert await session.line("SIZE ") == "120x40"
        session.process.change_terminal_size(60, 20)
        assert await session.line("SIZE ") == "60x20"


async def test_exit_status_comes_back(server: PracticeServer, key: asyncssh.SSHKey) -> None:
    async with asyncio.timeout(TIMEOUT), await connect(server.port, key) as conn:
        session = Transcript(await open_session(conn))
        await session.line("PID ")
        session.process.stdin.write(b"exit 3\n")
        assert (await session.process.wait()).exit_status == 3


async def test_session_cap_holds(state_dir: Path, key: asyncssh.SSHKey) -> None:
    config = make_config(state_dir, [key], max_sessions=1)
    async with asyncio.timeout(TIMEOUT), PracticeServer(config) as srv:
        async with await connect(srv.port, key) as first_conn:
            first = Transcript(await open_session(first_conn))
            await first.line("PID ")
            async with await connect(srv.port, key) as second_conn:
                second = await open_session(second_conn)
                completed = await second.wait()
                assert completed.exit_status == 1
                assert b"full" in completed.stdout
            first.process.stdin.write(b"exit 0\n")
            await first.process.wait()
        # The slot is free again once the first session ends.
        async with await connect(srv.port, key) as third_conn:
            await Transcript(await open_session(third_conn)).line("PID ")


async def test_exec_and_subsystem_requests_run_nothing(
    server: PracticeServer, key: asyncssh.SSHKey, tmp_path: Path
) -> None:
    marker = tmp_path / "ran"
    async with asyncio.timeout(TIMEOUT), await connect(server.port, key) as conn:
        with pytest.raises(asyncssh.ChannelOpenError):
            await conn.create_process(f"touch {marker}", term_type="xterm")
        with pytest.raises(asyncssh.ChannelOpenError):
            await conn.create_process(f"touch {marker}")
        with pytest.raises(asyncssh.ChannelOpenError):
            await conn.create_process(subsystem="sftp")
    assert not marker.exists()


async def test_forwarding_is_off(server: PracticeServer, key: asyncssh.SSHKey) -> None:
    async with asyncio.timeout(TIMEOUT), await connect(server.port, key) as conn:
        with pytest.raises(asyncssh.ChannelOpenError):
            await conn.open_connection("127.0.0.1", server.port)
        with pytest.raises(asyncssh.ChannelListenError):
            await conn.forward_remote_port("127.0.0.1", 0, "127.0.0.1", 22)


async def test_no_pty_gets_a_hint_and_nothing_runs(
    server: PracticeServer, key: asyncssh.SSHKey
) -> None:
    async with asyncio.timeout(TIMEOUT), await connect(server.port, key) as conn:
        completed = await (await conn.create_process(encoding=None)).wait()
    assert completed.exit_status == 1
    assert b"ssh -t" in completed.stdout


async def test_environment_allow_list(server: PracticeServer, key: asyncssh.SSHKey) -> None:
    sent = {
        "COLORTERM": "truecolor",
        "LANG": "en_GB.UTF-8",
        "LC_TIME": "C",
        "SECRET": "nope",
        "LD_PRELOAD": "/tmp/evil.so",
        "PYTHONPATH": "/tmp",
        "OFFER_TUI_DATA": "/tmp/elsewhere",
        "COLUMNS": "10",
        "LANG_EXTRA": "x",
    }
    async with asyncio.timeout(TIMEOUT), await connect(server.port, key) as conn:
        session = Transcript(await open_session(conn, env=sent))
        env = json.loads(await session.line("ENV "))
        data_dir = Path(await session.line("DATA "))
    assert env["COLORTERM"] == "truecolor"
    assert env["LANG"] == "en_GB.UTF-8"
    assert env["LC_TIME"] == "C"
    assert env["TERM"] == "xterm-256color"
    assert env[SERVED_VAR] == "1"
    assert env["HOME"] == str(data_dir.parent)
    for name in ("SECRET", "LD_PRELOAD", "PYTHONPATH", "OFFER_TUI_DATA", "COLUMNS", "LINES"):
        assert name not in env
    assert "LANG_EXTRA" not in env
    assert set(env) <= {
        "PATH",
        "HOME",
        "TERM",
        "LANG",
        "COLORTERM",
        "LC_TIME",
        SERVED_VAR,
        "LC_CTYPE",
    }


def test_child_env_defaults_and_rejects_odd_values(tmp_path: Path) -> None:
    env = child_env({"LANG": "en_US.UTF-8; rm -rf /", "COLORTERM": "24bit"}, None, tmp_path)
    assert env["LANG"] == "C.UTF-8"
    assert env["COLORTERM"] == "24bit"
    assert env["TERM"] == "xterm-256color"
    assert client_vars({b"LC_ALL": b"\xff"}) == {}


def test_authorized_keys_file_with_options_and_comments(tmp_path: Path) -> None:
    first, second = new_key(), new_key()
    path = tmp_path / "authorized_keys"
    path.write_text(
        "# practice keys\n\n"
        + first.export_public_key().decode()
        + 'from="10.0.0.1",command="echo x y" '
        + second.export_public_key().decode()
        + "not a key\n"
    )
    assert load_authorized_keys(path) == {first.public_data, second.public_data}
    assert load_authorized_keys(tmp_path / "missing") == set()


async def test_disconnect_ends_the_child(server: PracticeServer, key: asyncssh.SSHKey) -> None:
    async with asyncio.timeout(TIMEOUT):
        async with await connect(server.port, key) as conn:
            session = Transcript(await open_session(conn))
            pid = int(await session.line("PID "))
        await wait_gone(pid)
        assert not server.sessions.children


async def test_child_ignoring_sighup_is_killed(state_dir: Path, key: asyncssh.SSHKey) -> None:
    config = make_config(state_dir, [key], child_command=stand_in("--ignore-hup"), kill_grace=0.3)
    async with asyncio.timeout(TIMEOUT), PracticeServer(config) as srv:
        async with await connect(srv.port, key) as conn:
            session = Transcript(await open_session(conn))
            pid = int(await session.line("PID "))
        await wait_gone(pid)


async def test_server_close_ends_live_sessions(state_dir: Path, key: asyncssh.SSHKey) -> None:
    async with asyncio.timeout(TIMEOUT):
        srv = PracticeServer(make_config(state_dir, [key]))
        await srv.start()
        conn = await connect(srv.port, key)
        session = Transcript(await open_session(conn))
        pid = int(await session.line("PID "))
        await srv.close()
        conn.close()
        await wait_gone(pid)


async def test_real_app_starts_and_quits(state_dir: Path, key: asyncssh.SSHKey) -> None:
    config = make_config(state_dir, [key], child_command=offer_tui_command)
    async with (
        asyncio.timeout(30),
        PracticeServer(config) as srv,
        await connect(srv.port, key) as conn,
    ):
        session = Transcript(await open_session(conn, env={"COLORTERM": "truecolor"}))
        await session.text(b"Quit")  # the footer is drawn: the first screen is up
        session.process.stdin.write(b"q")
        assert (await session.process.wait()).exit_status == 0
    assert (next((state_dir / "users").iterdir()) / "data").is_dir()


async def test_login_timeout_drops_idle_connections(state_dir: Path, key: asyncssh.SSHKey) -> None:
    config = make_config(state_dir, [key], login_timeout=0.5)
    async with asyncio.timeout(TIMEOUT), PracticeServer(config) as srv:
        reader, writer = await asyncio.open_connection("127.0.0.1", srv.port)
        assert (await reader.readline()).startswith(b"SSH-2.0-")
        while await reader.read(4096):  # the server hangs up once the timeout passes
            pass
        writer.close()


def test_cli_requires_ssh_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve"]) == 2
    assert "--ssh" in capsys.readouterr().err


def test_cli_explains_a_missing_authorized_keys_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--ssh", "--state-dir", str(tmp_path / "state")]) == 2
    err = capsys.readouterr().err
    assert "authorized_keys" in err
    assert (tmp_path / "state").is_dir()
