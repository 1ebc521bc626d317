"""`offer-tui serve --ssh`: the built-in SSH practice server."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import functools
import logging
import signal
from pathlib import Path
from typing import TYPE_CHECKING

from tui.commands.output import error

if TYPE_CHECKING:
    from tui.serve.config import Limits, ServeConfig
    from tui.settings import Settings

EXIT_OK = 0
EXIT_USAGE = 2

# (flag, Limits field, help); defaults come from tui.serve.config.Limits.
_COUNT_FLAGS = (
    ("--max-sessions", "max_sessions", "sessions on the whole server, counted at every open"),
    ("--max-sessions-per-key", "max_sessions_per_key", "sessions one key may hold at once"),
    ("--max-channels", "max_channels", "sessions on one connection"),
    ("--max-connections-per-key", "max_connections_per_key", "connections one key may hold"),
    ("--max-startups", "max_startups", "connections still logging in; more are dropped"),
    ("--max-env", "max_env", "environment requests per session; later ones are refused"),
    ("--max-env-size", "max_env_size", "bytes of name plus value in one environment request"),
)
_SECONDS_FLAGS = (
    ("--start-timeout", "start_timeout", "close a connection with no session (ssh -N), or a "
     "session that asks for no terminal, after this long"),
    ("--idle-timeout", "idle_timeout", "end a session with no input for this long"),
    ("--idle-warning", "idle_warning", "warn on screen this long before the idle end"),
)  # fmt: skip


def register(subparsers: argparse._SubParsersAction) -> None:
    from tui.serve.config import Limits  # asyncssh-free: cheap for every `offer-tui` run

    parser = subparsers.add_parser(
        "serve",
        help="serve offer-tui over SSH (public-key login, one app per session, no shell)",
        description=(
            "Run a built-in SSH server that drops each client straight into offer-tui. "
            "Each authorised key gets its own data directory under the state directory."
        ),
    )
    parser.add_argument("--ssh", action="store_true", help="serve over SSH (required)")
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
    )
    parser.add_argument("--port", type=int, default=2222, help="port to listen on (default: 2222)")
    parser.add_argument(
        "--authorized-keys",
        metavar="FILE",
        help="OpenSSH authorized_keys file (default: STATE_DIR/authorized_keys)",
    )
    parser.add_argument(
        "--state-dir",
        metavar="DIR",
        help="host key and per-key data (default: $XDG_DATA_HOME/offer-tui-serve)",
    )
    defaults = Limits()
    for flag, name, text in _COUNT_FLAGS:
        default = getattr(defaults, name)
        parser.add_argument(
            flag, type=_positive, default=default, metavar="N", help=f"{text} (default: {default})"
        )
    for flag, name, text in _SECONDS_FLAGS:
        default = getattr(defaults, name)
        parser.add_argument(
            flag, type=_seconds, default=default, metavar="S", help=f"{text} (default: {default:g})"
        )
    parser.set_defaults(func=run)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _seconds(text: str) -> float:
    value = float(text)
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError("must be a number of seconds above 0")
    return value


def limits_from(args: argparse.Namespace) -> Limits:
    from tui.serve.config import Limits

    return Limits(**{f.name: getattr(args, f.name) for f in dataclasses.fields(Limits)})


def run(args: argparse.Namespace) -> int:
    from tui.serve.config import ServeConfig, default_state_dir, offer_tui_command
    from tui.serve.keys import HostKeyError

    if not args.ssh:
        error("offer-tui serve: only --ssh is supported; try `offer-tui serve --ssh`")
        return EXIT_USAGE
    state_dir = Path(args.state_dir).expanduser() if args.state_dir else default_state_dir()
    config = ServeConfig(
        state_dir=state_dir,
        host=args.host,
        port=args.port,
        authorized_keys=Path(args.authorized_keys).expanduser() if args.authorized_keys else None,
        limits=limits_from(args),
        child_command=functools.partial(offer_tui_command, flags=session_flags(args.settings)),
    )
    # Made up front so the hint below (`cat key.pub >> FILE`) works as given.
    state_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not config.authorized_keys_path.is_file():
        error(
            f"offer-tui serve: no authorized keys file at {config.authorized_keys_path}\n"
            "  add public keys there, one per line, e.g.\n"
            f"  cat ~/.ssh/id_ed25519.pub >> {config.authorized_keys_path}"
        )
        return EXIT_USAGE
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    logging.getLogger("asyncssh").setLevel(logging.WARNING)
    try:
        asyncio.run(_serve(config))
    except HostKeyError as exc:
        error(f"offer-tui serve: {exc}")
        return EXIT_USAGE
    except OSError as exc:
        error(f"offer-tui serve: {exc}")
        return 1
    return EXIT_OK


def session_flags(settings: Settings) -> list[str]:
    """What each session's app is started with besides its data directory: the server's
    theme, and `--demo` (every session then gets its own sample copy)."""
    return ["--theme", settings.theme, *(["--demo"] if settings.demo else [])]


async def _serve(config: ServeConfig) -> None:
    from tui.serve.server import PracticeServer

    server = PracticeServer(config)
    await server.start()
    limits = config.limits
    error(
        f"offer-tui: serving on {config.host}:{server.port} (state {config.state_dir}, "
        f"at most {limits.max_sessions} sessions, {limits.max_sessions_per_key} per key); "
        "ctrl+c stops"
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        with contextlib.suppress(Exception):
            await server.close()
