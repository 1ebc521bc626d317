"""`offer-tui serve --ssh`: the built-in SSH practice server."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import logging
import signal
from pathlib import Path
from typing import TYPE_CHECKING

from tui.commands.output import error

if TYPE_CHECKING:
    from tui.serve.config import ServeConfig
    from tui.settings import Settings

EXIT_OK = 0
EXIT_USAGE = 2


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
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
        "--max-sessions",
        type=_positive,
        default=8,
        metavar="N",
        help="concurrent sessions; more clients are turned away (default: 8)",
    )
    parser.add_argument(
        "--state-dir",
        metavar="DIR",
        help="host key and per-key data (default: $XDG_DATA_HOME/offer-tui-serve)",
    )
    parser.set_defaults(func=run)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def run(args: argparse.Namespace) -> int:
    from tui.serve.config import ServeConfig, default_state_dir, offer_tui_command

    if not args.ssh:
        error("offer-tui serve: only --ssh is supported; try `offer-tui serve --ssh`")
        return EXIT_USAGE
    state_dir = Path(args.state_dir).expanduser() if args.state_dir else default_state_dir()
    config = ServeConfig(
        state_dir=state_dir,
        host=args.host,
        port=args.port,
        authorized_keys=Path(args.authorized_keys).expanduser() if args.authorized_keys else None,
        max_sessions=args.max_sessions,
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
    error(
        f"offer-tui: serving on {config.host}:{server.port} "
        f"(state {config.state_dir}, at most {config.max_sessions} sessions); ctrl+c stops"
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
