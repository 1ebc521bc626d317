"""Shared pieces of the benchmarks: percentiles, generated data, a program in tmux."""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path

BENCH = Path(__file__).resolve().parent
PYTHON = sys.executable
OFFER_TUI = str(Path(PYTHON).with_name("offer-tui"))
SIZE = (100, 30)
POLL = 0.01  # seconds between screen captures
TIMEOUT = 30.0


def p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.95 + 0.5) - 1)]


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def load_average() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min) {five:.2f} (5 min) on {os.cpu_count()} cores"


@contextlib.contextmanager
def temp_dir(prefix: str = "offer-tui-bench-") -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def generate(
    root: Path, offers: int, attempts: int, seed: int = 1, name: str | None = None
) -> Path:
    """A data directory of `offers` offers and `attempts` attempts under `root` (made by
    bench/generate.py), reused when it is already there."""
    target = root / (name or f"data-{offers}-{attempts}")
    if not target.exists():
        subprocess.run(
            [
                PYTHON,
                str(BENCH / "generate.py"),
                "--offers",
                str(offers),
                "--attempts",
                str(attempts),
                "--seed",
                str(seed),
                str(target),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return target


class Tmux:
    """A private tmux server (own socket) whose sessions run one program each."""

    def __init__(self, home: Path) -> None:
        self.socket = f"offer-tui-bench-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        self.env = {k: v for k, v in os.environ.items() if k != "TMUX"}
        self.env["XDG_CONFIG_HOME"] = str(home / "config")  # no user config.toml
        self.env["XDG_DATA_HOME"] = str(home / "share")
        self.conf = home / "tmux.conf"
        self.conf.write_text("set -g status off\nset -sg escape-time 10\n")
        self._run("new-session", "-d", "-s", "keeper", "-x", "100", "-y", "30", "sleep 600")

    def _run(self, *args: str) -> str:
        command = ["tmux", "-L", self.socket, "-f", str(self.conf), *args]
        done = subprocess.run(command, capture_output=True, text=True, env=self.env, timeout=10)
        if done.returncode != 0:
            raise RuntimeError(f"tmux {args[0]}: {done.stderr.strip()}")
        return done.stdout

    def start(self, name: str, command: Sequence[str]) -> None:
        line = "exec " + shlex.join(command)
        width, height = SIZE
        self._run("new-session", "-d", "-s", name, "-x", str(width), "-y", str(height), line)

    def capture(self, name: str) -> str:
        return self._run("capture-pane", "-p", "-t", name)

    def pid(self, name: str) -> int:
        return int(self._run("display-message", "-p", "-t", name, "#{pane_pid}").strip())

    def wait_for(self, name: str, text: str | Sequence[str], started: float) -> float:
        """Seconds from `started` (perf_counter) until `text` (or every one of several
        texts, on the same screen) is on the screen."""
        texts = [text] if isinstance(text, str) else list(text)
        while time.perf_counter() - started < TIMEOUT:
            screen = self.capture(name)
            if all(t in screen for t in texts):
                return time.perf_counter() - started
            time.sleep(POLL)
        raise TimeoutError(f"{texts!r} not shown within {TIMEOUT} s:\n{self.capture(name)}")

    def wait_for_cpu(
        self, name: str, text: str | Sequence[str], started: float
    ) -> tuple[float, float]:
        """As wait_for, and the program's CPU seconds when the text was seen."""
        took = self.wait_for(name, text, started)
        return took, cpu_seconds(self.pid(name))

    def kill(self, name: str) -> None:
        with contextlib.suppress(RuntimeError):
            self._run("kill-session", "-t", name)

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
            self._run("kill-server")


@contextlib.contextmanager
def tmux(home: Path) -> Iterator[Tmux]:
    server = Tmux(home)
    try:
        yield server
    finally:
        server.close()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far, all its threads (10 ms resolution)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_kib(pid: int) -> int:
    """VmHWM (peak resident set) of a running process, in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmHWM for pid {pid}")
