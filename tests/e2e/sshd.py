"""A throwaway OpenSSH server on 127.0.0.1, and the `ssh` command line to reach it.

    with Sshd(tmp_path) as sshd:                    # skips the test if sshd cannot start
        argv = sshd.ssh_argv(["offer-tui", "--data-dir", "/tmp/x"])
        with TmuxSession(argv) as term: ...

`Sshd` runs `sshd -D -e -f <generated config>` as the current user, with a fresh ed25519
host key and one client key (made with ssh-keygen in the given directory), public-key login
only, `StrictModes no` and `UsePAM no`. `ssh_argv()` also works against any server given a
port and key (e.g. `offer-tui serve --ssh`): see `ssh_command_line()`.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import shlex
import shutil
import socket
import subprocess
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import NoReturn

import pytest

START_TIMEOUT = 10.0
SBIN_PATH = "/usr/sbin:/sbin:/usr/local/sbin"

SSHD_CONFIG = """\
ListenAddress 127.0.0.1
Port {port}
HostKey {host_key}
PidFile {pid_file}
AuthorizedKeysFile {authorized_keys}
StrictModes no
UsePAM no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
AllowUsers {user}
AcceptEnv COLORTERM LANG LC_*
PrintMotd no
PrintLastLog no
X11Forwarding no
AllowAgentForwarding no
AllowTcpForwarding no
LogLevel VERBOSE
"""


def stop_process(process: subprocess.Popen[bytes] | None, grace: float) -> None:
    """SIGTERM, then SIGKILL after `grace` seconds; always reaped. None is a no-op."""
    if process is None:
        return
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def keygen(path: Path) -> Path:
    """A passphrase-less ed25519 key pair at `path` and `path`.pub; returns `path`."""
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "offer-tui-e2e", "-f", str(path)],
        check=True,
        capture_output=True,
        timeout=20,
    )
    return path


def ssh_command_line(
    port: int,
    key: Path,
    remote: Sequence[str] | None = None,
    *,
    user: str | None = None,
    send_env: Sequence[str] = ("COLORTERM", "LANG"),
) -> list[str]:
    """`ssh -tt` to 127.0.0.1:`port` with `key`, ignoring all ssh config and known hosts.

    `remote` is the command for the server to run (joined with shlex); None asks for a shell,
    which is what `offer-tui serve --ssh` expects.
    """
    argv = [
        "ssh", "-tt", "-F", "/dev/null", "-p", str(port), "-i", str(key),
        "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
        "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR",
        "-o", "ConnectTimeout=10",
        *(["-o", f"SendEnv={' '.join(send_env)}"] if send_env else []),
        "-l", user or getpass.getuser(), "127.0.0.1",
    ]  # fmt: skip
    if remote is not None:
        argv.append(shlex.join(remote))
    return argv


def remote_env_command(argv: Sequence[str], env: Mapping[str, str]) -> list[str]:
    """Wrap `argv` in `env K=V ...`: sshd gives the remote command a fresh environment."""
    return ["env", *(f"{k}={v}" for k, v in env.items()), *argv]


def _sshd_binary() -> str | None:
    return shutil.which("sshd", path=f"{os.environ.get('PATH', '')}:{SBIN_PATH}")


class Sshd:
    """OpenSSH's sshd in the foreground on a free port; a context manager."""

    def __init__(self, workdir: Path) -> None:
        self.dir = workdir / "sshd"
        self.port = 0
        self.user = getpass.getuser()
        self.client_key = self.dir / "client_ed25519"
        self.log_path = self.dir / "sshd.log"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> Sshd:
        """Start sshd, or skip the calling test with the reason when it cannot run here."""
        binary = _sshd_binary()
        if binary is None or shutil.which("ssh") is None:
            _skip("OpenSSH not installed (apt-get install openssh-server openssh-client)")
        self.dir.mkdir(parents=True, exist_ok=True)
        _ensure_privsep_dir()
        host_key = keygen(self.dir / "host_ed25519")
        keygen(self.client_key)
        shutil.copy(self.client_key.with_suffix(".pub"), self.dir / "authorized_keys")
        for _attempt in range(3):  # the free port may be taken between probe and bind
            if self._try_start(binary, host_key):
                return self
        _skip(f"sshd did not start:\n{self.log_path.read_text(errors='replace')}")

    def _try_start(self, binary: str, host_key: Path) -> bool:
        self.port = free_port()
        config = self.dir / "sshd_config"
        config.write_text(
            SSHD_CONFIG.format(
                port=self.port,
                host_key=host_key,
                pid_file=self.dir / "sshd.pid",
                authorized_keys=self.dir / "authorized_keys",
                user=self.user,
            )
        )
        with self.log_path.open("wb") as log:
            self._process = subprocess.Popen(
                [binary, "-D", "-e", "-f", str(config)], stdout=log, stderr=subprocess.STDOUT
            )
        if wait_listening(self.port, self._process):
            return True
        self.stop()
        return False

    def ssh_argv(self, remote: Sequence[str] | None = None) -> list[str]:
        """The `ssh -tt ...` command line that logs in to this sshd and runs `remote`."""
        return ssh_command_line(self.port, self.client_key, remote, user=self.user)

    def stop(self) -> None:
        stop_process(self._process, grace=5)
        self._process = None

    def __enter__(self) -> Sshd:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def wait_listening(port: int, process: subprocess.Popen[bytes]) -> bool:
    """Poll until 127.0.0.1:`port` accepts connections; False if `process` dies first."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return True
        time.sleep(0.05)
    return False


def _ensure_privsep_dir() -> None:
    """sshd started by root insists on its privilege-separation directory."""
    privsep = Path("/run/sshd")
    if os.geteuid() == 0 and not privsep.exists():
        with contextlib.suppress(OSError):
            privsep.mkdir(mode=0o755, parents=True)


def _skip(reason: str) -> NoReturn:
    print(f"skipping: {reason}")  # shown with -s, and in the captured output otherwise
    pytest.skip(reason)
