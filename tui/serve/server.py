"""The asyncssh server: public-key auth only, one offer-tui session per channel."""

from __future__ import annotations

import asyncio
import functools
import ipaddress
import logging
from pathlib import Path
from types import TracebackType

import asyncssh

from tui.serve.authkeys import Grant, KeyLine, decide, load_key_lines
from tui.serve.config import ServeConfig
from tui.serve.keys import DIR_MODE, ensure_host_key, ensure_key_home, key_dir_name
from tui.serve.limits import Sessions
from tui.serve.session import ShellOnlyProcess, run_session

log = logging.getLogger(__name__)

# Dead clients (no answer to three keepalives 30 s apart) are dropped.
KEEPALIVE_INTERVAL = 30.0
KEEPALIVE_COUNT_MAX = 3


class PracticeServer:
    """Start with `await server.start()` or `async with PracticeServer(config) as server`."""

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self.sessions = Sessions(config.limits, config.kill_grace)
        self._acceptor: asyncssh.SSHAcceptor | None = None

    async def start(self) -> None:
        config = self.config
        config.state_dir.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
        self._acceptor = await asyncssh.listen(
            config.host,
            config.port,
            server_factory=functools.partial(_Connection, config, self.sessions),
            server_host_keys=[ensure_host_key(config.host_key_path)],
            login_timeout=config.login_timeout,
            keepalive_interval=KEEPALIVE_INTERVAL,
            keepalive_count_max=KEEPALIVE_COUNT_MAX,
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
        self._address = ""
        self._lines: list[KeyLine] = []
        self._key: asyncssh.SSHKey | None = None
        self._grant: Grant | None = None
        self._key_name = ""  # set once the connection counts against its key
        self._who = ""
        self._channels = 0
        self._idle: asyncio.TimerHandle | None = None
        self._pending = False  # counted among the connections still logging in

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self._conn = conn
        peer = conn.get_extra_info("peername")
        self._address = client_address(str(peer[0])) if peer else ""
        if self._sessions.logging_in >= self._config.limits.max_startups:
            log.info("dropped a connection from %s: too many logging in", self._address)
            conn.close()
            return
        self._sessions.logging_in += 1
        self._pending = True

    def _logged_in(self) -> None:
        if self._pending:
            self._pending = False
            self._sessions.logging_in -= 1

    def connection_lost(self, exc: Exception | None) -> None:
        self._logged_in()
        self._stop_idle_timer()
        if self._key_name:
            self._sessions.drop_connection(self._key_name)
            self._key_name = ""
        self._conn = None

    def begin_auth(self, username: str) -> bool:
        # Re-read per connection, so changes to the file take effect without a restart.
        try:
            self._lines = load_key_lines(self._config.authorized_keys_path)
        except OSError as exc:
            log.warning("cannot read %s: %s", self._config.authorized_keys_path, exc)
            self._lines = []
        return True

    def public_key_auth_supported(self) -> bool:
        return True

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        decision = decide(self._lines, key, self._address)
        fingerprint = key.get_fingerprint("sha256")
        if isinstance(decision, str):
            level = logging.INFO if self._listed(key) else logging.DEBUG
            log.log(level, "refused key %s from %s: %s", fingerprint, self._address, decision)
            return False
        # asyncssh checks the signature right after this; auth succeeds only on a signed
        # request, so the last key accepted here is the one the client proved it holds.
        self._key, self._grant = key, decision
        return True

    def _listed(self, key: asyncssh.SSHKey) -> bool:
        return any(line.key.public_data == key.public_data for line in self._lines)

    def auth_completed(self) -> None:
        assert self._key is not None and self._conn is not None
        self._logged_in()
        self._lines = []
        name = key_dir_name(self._key)
        if not self._sessions.add_connection(name):
            log.info("refused a connection for %s from %s: too many", name, self._address)
            self._conn.disconnect(
                asyncssh.DISC_TOO_MANY_CONNECTIONS,
                "offer-tui: this key has too many connections open",
            )
            return
        self._key_name = name
        self._who = f"{self._key.get_fingerprint('sha256')} from {self._address}"
        log.info("%s: logged in", self._who)
        self._start_idle_timer()

    def session_requested(self) -> tuple[asyncssh.SSHServerChannel[bytes], ShellOnlyProcess]:
        assert self._conn is not None and self._key is not None and self._grant is not None
        try:
            home = ensure_key_home(self._config.users_dir, self._key)
            work = work_dir(home)
        except OSError as exc:
            log.error("%s: cannot make the key's folders: %s", self._who, exc)
            raise _refused("could not start a session", asyncssh.OPEN_CONNECT_FAILED) from None
        self._take_slot()
        handler = functools.partial(
            run_session,
            argv=list(self._config.child_command(data_dir(home))),
            home=home,
            work_dir=work,
            sessions=self._sessions,
            pty_allowed=self._grant.pty,
        )
        channel = self._conn.create_server_channel(encoding=None)
        closed = functools.partial(self._channel_closed, self._key_name)
        return channel, ShellOnlyProcess(handler, self._config.limits, closed, self._who)

    def _take_slot(self) -> None:
        """Count a new session channel, or refuse it (ChannelOpenError) saying why."""
        limits = self._config.limits
        if not self._key_name:  # turned away at login; the disconnect is on its way
            raise _refused("this connection is closing")
        if self._channels >= limits.max_channels:
            raise _refused(f"at most {limits.max_channels} sessions on one connection")
        if (refusal := self._sessions.take_slot(self._key_name)) is not None:
            raise _refused(refusal)
        self._channels += 1
        self._stop_idle_timer()

    def _channel_closed(self, key_name: str) -> None:
        self._sessions.free_slot(key_name)
        self._channels -= 1
        if self._channels == 0 and self._conn is not None:
            self._start_idle_timer()

    def _start_idle_timer(self) -> None:
        self._stop_idle_timer()
        loop = asyncio.get_running_loop()
        self._idle = loop.call_later(self._config.limits.start_timeout, self._drop_idle)

    def _stop_idle_timer(self) -> None:
        if self._idle is not None:
            self._idle.cancel()
            self._idle = None

    def _drop_idle(self) -> None:
        self._idle = None
        if self._conn is not None:
            log.info("%s: closed the connection, no session open", self._who)
            self._conn.disconnect(
                asyncssh.DISC_BY_APPLICATION, "offer-tui: no session was opened in time"
            )

    def connection_requested(self, *args: object) -> bool:
        return False  # no direct-tcpip (ssh -L)

    def server_requested(self, *args: object) -> bool:
        return False  # no tcpip-forward (ssh -R)


def _refused(reason: str, code: int = asyncssh.OPEN_RESOURCE_SHORTAGE) -> asyncssh.ChannelOpenError:
    """A channel refusal; OpenSSH clients print the reason."""
    return asyncssh.ChannelOpenError(code, f"offer-tui: {reason}")


def client_address(peer: str) -> str:
    """The address `from=` patterns are matched against: an IPv4 client of an IPv6 socket
    (::ffff:a.b.c.d) as plain IPv4, and no %scope, as OpenSSH does."""
    try:
        address = ipaddress.ip_address(peer.partition("%")[0])
    except ValueError:
        return peer
    mapped = getattr(address, "ipv4_mapped", None)
    return str(mapped or address)


def data_dir(home: Path) -> Path:
    """The key's offer-tui data directory, inside its home."""
    return home / "data"


def work_dir(home: Path) -> Path:
    """The child's working folder: empty and private, never on its import path."""
    path = home / "work"
    path.mkdir(mode=DIR_MODE, exist_ok=True)
    return path
