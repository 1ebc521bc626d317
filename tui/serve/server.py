"""The asyncssh server: public-key auth only, one offer-tui session per channel."""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from types import TracebackType

import asyncssh

from tui.serve.config import ServeConfig
from tui.serve.keys import ensure_host_key, ensure_key_home, load_authorized_keys
from tui.serve.session import Sessions, ShellOnlyProcess, run_session

log = logging.getLogger(__name__)


class PracticeServer:
    """Start with `await server.start()` or `async with PracticeServer(config) as server`."""

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self.sessions = Sessions(config.max_sessions, config.kill_grace)
        self._acceptor: asyncssh.SSHAcceptor | None = None

    async def start(self) -> None:
        config = self.config
        config.state_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._acceptor = await asyncssh.listen(
            config.host,
            config.port,
            server_factory=functools.partial(_Connection, config, self.sessions),
            server_host_keys=[ensure_host_key(config.host_key_path)],
            login_timeout=config.login_timeout,
            public_key_auth=True,
            password_auth=False,
            kbdint_auth=False,
            host_based_auth=False,
            gss_host=None,
            agent_forwarding=False,
            x11_forwarding=False,
            allow_scp=False,
            allow_pty=True,
            line_editor=False,
            encoding=None,
            config=None,
        )

    @property
    def port(self) -> int:
        assert self._acceptor is not None, "server not started"
        return self._acceptor.get_port()

    async def wait_closed(self) -> None:
        assert self._acceptor is not None, "server not started"
        await self._acceptor.wait_closed()

    async def close(self) -> None:
        """Stop listening and end every session's child."""
        if self._acceptor is not None:
            self._acceptor.close()
            await self.sessions.close_all()
            await self._acceptor.wait_closed()

    async def __aenter__(self) -> PracticeServer:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()


class _Connection(asyncssh.SSHServer):
    """One client connection: authenticates a key, then serves offer-tui sessions."""

    def __init__(self, config: ServeConfig, sessions: Sessions) -> None:
        self._config = config
        self._sessions = sessions
        self._conn: asyncssh.SSHServerConnection | None = None
        self._allowed: set[bytes] = set()
        self._key: asyncssh.SSHKey | None = None

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self._conn = conn

    def begin_auth(self, username: str) -> bool:
        # Re-read per connection, so keys added to the file take effect without a restart.
        self._allowed = load_authorized_keys(self._config.authorized_keys_path)
        return True

    def public_key_auth_supported(self) -> bool:
        return True

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        if key.public_data not in self._allowed:
            return False
        # asyncssh checks the signature right after this; auth succeeds only on a signed
        # request, so the last key accepted here is the one the client proved it holds.
        self._key = key
        return True

    def auth_completed(self) -> None:
        assert self._key is not None
        log.info("session key %s", self._key.get_fingerprint("sha256"))

    def session_requested(self) -> tuple[asyncssh.SSHServerChannel[bytes], ShellOnlyProcess]:
        assert self._conn is not None and self._key is not None
        home = ensure_key_home(self._config.users_dir, self._key)
        argv = list(self._config.child_command(data_dir(home)))
        handler = functools.partial(run_session, argv=argv, home=home, sessions=self._sessions)
        channel = self._conn.create_server_channel(encoding=None)
        return channel, ShellOnlyProcess(handler, None, 0, False)

    def connection_requested(self, *args: object) -> bool:
        return False  # no direct-tcpip (ssh -L)

    def server_requested(self, *args: object) -> bool:
        return False  # no tcpip-forward (ssh -R)


def data_dir(home: Path) -> Path:
    """The key's offer-tui data directory, inside its home."""
    return home / "data"
