"""`offer-tui serve --ssh` as a separate process, for driving with a real `ssh` client.

with PracticeServerProcess(tmp_path) as server:
    argv = server.ssh_argv()            # ssh -tt ... with a key the server accepts
    with TmuxSession(argv) as term: ...
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from e2e.sshd import free_port, keygen, ssh_command_line, stop_process, wait_listening


class PracticeServerProcess:
    """The CLI's SSH server on a free port with one authorised client key."""

    def __init__(
        self,
        workdir: Path,
        max_sessions: int = 4,
        key_options: str = "",
        extra_args: Sequence[str] = (),
    ) -> None:
        """`key_options`: an authorized_keys options field for the client key, e.g. `no-pty`;
        `extra_args`: more `serve` flags, e.g. limits."""
        self.dir = workdir / "practice"
        self.state_dir = self.dir / "state"
        self.client_key = self.dir / "client_ed25519"
        self.log_path = self.dir / "serve.log"
        self.max_sessions = max_sessions
        self.key_options = key_options
        self.extra_args = list(extra_args)
        self.port = 0
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> PracticeServerProcess:
        self.dir.mkdir(parents=True, exist_ok=True)
        keygen(self.client_key)
        authorized = self.dir / "authorized_keys"
        public = self.client_key.with_suffix(".pub").read_bytes()
        prefix = f"{self.key_options} ".encode() if self.key_options else b""
        authorized.write_bytes(prefix + public)
        self.port = free_port()
        with self.log_path.open("wb") as log:
            self._process = subprocess.Popen(
                [
                    sys.executable, "-m", "tui", "serve", "--ssh",
                    "--port", str(self.port), "--state-dir", str(self.state_dir),
                    "--authorized-keys", str(authorized),
                    "--max-sessions", str(self.max_sessions), *self.extra_args,
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
            )  # fmt: skip
        if not wait_listening(self.port, self._process):
            self.stop()
            raise AssertionError(f"serve did not start:\n{self.log_path.read_text()}")
        return self

    def ssh_argv(self) -> list[str]:
        return ssh_command_line(self.port, self.client_key, None, user="practice")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        stop_process(self._process, grace=10)
        self._process = None

    def __enter__(self) -> PracticeServerProcess:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
