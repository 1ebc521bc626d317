"""Drive a command in a real terminal: a detached tmux session on its own server.

    with TmuxSession(["offer-tui", "--data-dir", str(tmp)]) as term:
        term.wait_for("offer-tui")      # poll the screen until the text shows
        term.send_keys("a")             # tmux key names: "Enter", "Escape", "C-q", "Up", "Tab"
        term.press("Escape", "q")       # one at a time, so ESC is not read as alt+q
        term.type("Acme Ltd")           # literal text, no key-name lookup
        term.paste("a long answer")     # a bracketed paste, as from the clipboard
        print(term.capture())           # the visible screen as plain text
        term.wait_exit()                # True once the command has exited

Every session gets its own tmux server (`tmux -L <unique socket>`, no user config), with the
status line off so the command sees exactly `width` x `height`, and `remain-on-exit` on so a
command that dies leaves its last screen and exit status behind to inspect. Leaving the
`with` block (or `kill()`) always kills that tmux server and whatever runs in it.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import TracebackType

DEFAULT_SIZE = (80, 24)
POLL_SECONDS = 0.05
TMUX_TIMEOUT = 10.0
# Longer than the app's wait for the rest of an escape sequence after a lone ESC.
KEY_PAUSE = 0.2

# The settings we recommend to users running offer-tui in tmux, plus what tests need.
TMUX_CONF = """\
set -g status off
set -g remain-on-exit on
set -sg escape-time 10
set -g set-clipboard on
set -g history-limit 1000
set -g default-terminal "{term}"
"""


def tmux_available() -> bool:
    return shutil.which("tmux") is not None


def _default_term() -> str:
    """tmux-256color when this machine has its terminfo entry, else screen-256color."""
    for base in ("/usr/share/terminfo", "/lib/terminfo", "/etc/terminfo"):
        if Path(base, "t", "tmux-256color").exists():
            return "tmux-256color"
    return "screen-256color"


class TmuxError(RuntimeError):
    pass


class TmuxSession:
    """One command in a detached tmux session of `size` (columns, rows)."""

    def __init__(
        self,
        command: Sequence[str],
        *,
        size: tuple[int, int] = DEFAULT_SIZE,
        env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
    ) -> None:
        self.command = list(command)
        self.size = size
        self.env = dict(os.environ if env is None else env)
        self.env.pop("TMUX", None)  # never talk to an enclosing tmux
        self.cwd = cwd
        self.socket = f"offer-tui-e2e-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.target = "e2e:0.0"
        self._conf_dir = tempfile.TemporaryDirectory(prefix="offer-tui-tmux-")
        self._started = False
        self._socket_path = ""
        self._status_file = Path(self._conf_dir.name) / "status"

    # -- lifecycle -----------------------------------------------------------------------
    def start(self) -> TmuxSession:
        conf_dir = Path(self._conf_dir.name)
        conf = conf_dir / "tmux.conf"
        conf.write_text(TMUX_CONF.format(term=_default_term()))
        self._status_file = conf_dir / "status"
        cols, rows = self.size
        self._started = True
        self._tmux(
            "-f", str(conf), "new-session", "-d", "-s", "e2e",
            "-x", str(cols), "-y", str(rows),
            *(["-c", str(self.cwd)] if self.cwd else []),
            self._wrapped_command(),
        )  # fmt: skip
        self._socket_path = self._tmux("display-message", "-p", "#{socket_path}").strip()
        return self

    def _wrapped_command(self) -> str:
        # tmux loses the exit status of some commands (ssh -tt among them), so a shell
        # around the command writes it to a file.
        record = f'"$@"; status=$?; echo "$status" > {shlex.quote(str(self._status_file))}'
        return shlex.join(["sh", "-c", f"{record}; exit $status", "sh", *self.command])

    def kill(self) -> None:
        """Kill this session's tmux server and everything in it; safe to call twice."""
        if self._started:
            self._started = False
            subprocess.run(
                ["tmux", "-L", self.socket, "kill-server"],
                capture_output=True,
                timeout=TMUX_TIMEOUT,
                check=False,
            )
        if self._socket_path:  # tmux 3.3 can leave the socket file behind
            Path(self._socket_path).unlink(missing_ok=True)
        self._conf_dir.cleanup()

    def __enter__(self) -> TmuxSession:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.kill()

    # -- input ---------------------------------------------------------------------------
    def send_keys(self, *keys: str) -> None:
        """Send tmux key names, one key per argument: "q", "C-q", "Enter", "Escape", "Down".

        All go in one write, so "Escape" followed by another key reads as alt+key to the
        app; use `press()` when a key must follow Escape.
        """
        self._tmux("send-keys", "-t", self.target, *keys)

    def press(self, *keys: str, pause: float = KEY_PAUSE) -> None:
        """Send keys one at a time with a pause after each, as a person types."""
        for key in keys:
            self.send_keys(key)
            time.sleep(pause)

    def type(self, text: str) -> None:
        """Type `text` literally, character by character as a user would."""
        self._tmux("send-keys", "-t", self.target, "-l", text)

    def paste(self, text: str) -> None:
        """Paste `text` as a terminal does: bracketed (one paste event) when the command
        has asked for bracketed paste, as Textual apps do."""
        buffer = Path(self._conf_dir.name) / "paste"
        buffer.write_text(text)
        self._tmux("load-buffer", "-b", "e2e-paste", str(buffer))
        self._tmux("paste-buffer", "-p", "-d", "-b", "e2e-paste", "-t", self.target)

    def resize(self, cols: int, rows: int) -> None:
        self._tmux("resize-window", "-t", "e2e", "-x", str(cols), "-y", str(rows))
        self.size = (cols, rows)

    # -- output --------------------------------------------------------------------------
    def capture(self, *, escapes: bool = False) -> str:
        """The visible screen as text; with `escapes`, keep colour and style sequences."""
        flags = ["-e"] if escapes else []
        return self._tmux("capture-pane", "-p", *flags, "-t", self.target)

    def wait_for(self, text: str | re.Pattern[str], timeout: float = 10.0) -> str:
        """Poll until `text` (a string or regex) is on screen; return that screen."""
        if isinstance(text, str):
            return self.wait_until(lambda screen: text in screen, timeout, f"{text!r} on screen")
        return self.wait_until(lambda s: text.search(s) is not None, timeout, repr(text.pattern))

    def wait_gone(self, text: str, timeout: float = 10.0) -> str:
        return self.wait_until(lambda screen: text not in screen, timeout, f"{text!r} gone")

    def wait_until(
        self, predicate: Callable[[str], bool], timeout: float = 10.0, what: str = "condition"
    ) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.capture()
            if predicate(screen):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"timed out after {timeout}s waiting for {what}; screen:\n{screen}"
                )
            time.sleep(POLL_SECONDS)

    # -- the command's end ---------------------------------------------------------------
    def exit_status(self) -> int | None:
        """The command's exit status once it has ended (-1 if unknown), else None."""
        # Ask tmux first: once the pane is dead the wrapper has finished writing the file.
        dead = self._tmux("display-message", "-p", "-t", self.target, "#{pane_dead}").strip()
        if self._status_file.exists() and (text := self._status_file.read_text().strip()):
            return int(text)
        return -1 if dead == "1" else None  # killed before the wrapper recorded a status

    def wait_exit(self, timeout: float = 10.0) -> int:
        """Wait for the command to end and return its exit status (-1 if killed by a signal)."""
        deadline = time.monotonic() + timeout
        while (status := self.exit_status()) is None:
            if time.monotonic() > deadline:
                raise AssertionError(f"still running after {timeout}s; screen:\n{self.capture()}")
            time.sleep(POLL_SECONDS)
        return status

    def _tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            env=self.env,
            timeout=TMUX_TIMEOUT,
            check=False,
        )
        if result.returncode != 0:
            raise TmuxError(f"tmux {' '.join(args)}: {result.stderr.strip()}")
        return result.stdout
