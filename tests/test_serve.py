"""The SSH practice server, driven by real asyncssh clients on 127.0.0.1 (helpers in
serve_helpers.py; limits in test_serve_limits.py, authorized_keys options in
test_serve_keys.py)."""

from __future__ import annotations

import asyncio
import json
import stat
from pathlib import Path

import asyncssh
import pytest
from serve_helpers import (
    APP_TIMEOUT,
    TIMEOUT,
    Transcript,
    connect,
    key,
    make_config,
    new_key,
    open_session,
    server,
    stand_in,
    state_dir,
    wait_gone,
)

from tui.cli import main
from tui.serve.config import Limits, offer_tui_command
from tui.serve.environment import SERVED_VAR, child_env, client_vars
from tui.serve.keys import key_dir_name
from tui.serve.server import PracticeServer

__all__ = ["key", "server", "state_dir"]  # fixtures, used by name


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


async def test_break_and_signal_requests_do_not_end_the_session(
    server: PracticeServer, key: asyncssh.SSHKey
) -> None:
    async with asyncio.timeout(TIMEOUT), await connect(server.port, key) as conn:
        session = Transcript(await open_session(conn))
        await session.line("PID ")
        session.process.send_break(100)  # `~B` in OpenSSH's client
        session.process.send_signal("INT")
        session.process.stdin.write(b"exit 5\n")
        assert (await session.process.wait()).exit_status == 5


async def test_exit_status_comes_back(server: PracticeServer, key: asyncssh.SSHKey) -> None:
    async with asyncio.timeout(TIMEOUT), await connect(server.port, key) as conn:
        session = Transcript(await open_session(conn))
        await session.line("PID ")
        session.process.stdin.write(b"exit 3\n")
        assert (await session.process.wait()).exit_status == 3


async def test_session_cap_holds(state_dir: Path, key: asyncssh.SSHKey) -> None:
    config = make_config(state_dir, [key], Limits(max_sessions=1))
    async with asyncio.timeout(TIMEOUT), PracticeServer(config) as srv:
        async with await connect(srv.port, key) as first_conn:
            first = Transcript(await open_session(first_conn))
            await first.line("PID ")
            async with await connect(srv.port, key) as second_conn:
                with pytest.raises(asyncssh.ChannelOpenError, match="full"):
                    await open_session(second_conn)
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
        asyncio.timeout(APP_TIMEOUT + 10),
        PracticeServer(config) as srv,
        await connect(srv.port, key) as conn,
    ):
        session = Transcript(await open_session(conn, env={"COLORTERM": "truecolor"}), APP_TIMEOUT)
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


async def test_served_header_shows_no_server_paths(state_dir: Path, key: asyncssh.SSHKey) -> None:
    config = make_config(state_dir, [key], child_command=offer_tui_command)
    async with (
        asyncio.timeout(APP_TIMEOUT + 10),
        PracticeServer(config) as srv,
        await connect(srv.port, key) as conn,
    ):
        session = Transcript(await open_session(conn, size=(200, 30)), APP_TIMEOUT)
        await session.text(b"practice session")
        await session.text(b"Quit")
        session.process.stdin.write(b"q")
        await session.process.wait()
    shown = session.buffer
    assert key_dir_name(key).encode() not in shown
    assert b"sha256-" not in shown
    assert str(state_dir).encode() not in shown


async def test_a_stray_module_in_the_key_home_is_never_imported(
    state_dir: Path, key: asyncssh.SSHKey, tmp_path: Path
) -> None:
    marker = tmp_path / "stray-ran"
    home = state_dir / "users" / key_dir_name(key)
    stray = f"open({str(marker)!r}, 'w').close()\n"
    for folder in (home, home / "work", home / "data"):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "tui.py").write_text(stray)
        (folder / "textual.py").write_text(stray)
    config = make_config(state_dir, [key], child_command=offer_tui_command)
    async with (
        asyncio.timeout(APP_TIMEOUT + 10),
        PracticeServer(config) as srv,
        await connect(srv.port, key) as conn,
    ):
        session = Transcript(await open_session(conn), APP_TIMEOUT)
        await session.text(b"Quit")  # the real app came up, not the stray `tui.py`
        session.process.stdin.write(b"q")
        assert (await session.process.wait()).exit_status == 0
    assert not marker.exists()


def test_child_works_in_an_empty_private_folder(tmp_path: Path) -> None:
    from tui.serve.server import work_dir

    folder = work_dir(tmp_path)
    assert folder.parent == tmp_path and folder.name == "work"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert "-P" in offer_tui_command(tmp_path)  # the working folder is not on sys.path


@pytest.mark.parametrize("content", [b"not a key\n", b"", b"\x00\xff" * 40])
def test_cli_explains_a_bad_host_key_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    state = tmp_path / "state"
    state.mkdir()
    (state / "authorized_keys").write_bytes(new_key().export_public_key())
    host_key = state / "ssh_host_ed25519_key"
    host_key.write_bytes(content)
    assert main(["serve", "--ssh", "--state-dir", str(state), "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert str(host_key) in err
    assert "not a usable SSH private key" in err
    assert "Traceback" not in err
    assert host_key.read_bytes() == content  # left as it was, for the owner to look at


async def test_a_session_that_cannot_get_its_folder_is_refused_cleanly(
    state_dir: Path, key: asyncssh.SSHKey
) -> None:
    config = make_config(state_dir, [key])
    config.users_dir.write_text("a file where the users folder should be\n")
    async with asyncio.timeout(TIMEOUT), PracticeServer(config) as srv:
        async with await connect(srv.port, key) as conn:
            with pytest.raises(asyncssh.ChannelOpenError, match="could not start a session"):
                await open_session(conn)
        assert srv.sessions.open == 0  # nothing held for the refused session
        config.users_dir.unlink()
        async with await connect(srv.port, key) as conn:
            await Transcript(await open_session(conn)).line("PID ")
