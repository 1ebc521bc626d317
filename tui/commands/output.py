"""The command line's one way out. Every subcommand prints through `emit` (standard output)
and `error` (standard error), which make control characters visible (tui.model.visible), so
an offer's company or a settings key cannot retitle the terminal, write its clipboard or
clear the screen. `emit_data` writes a data format (CSV, iCalendar, JSON) byte for byte into
a file or pipe, where the next program needs it, and visibly on a terminal, as `ls` does
with file names. tests/test_output_rule.py fails if a command prints any other way.

How a command ends when its surroundings go away (see `tui.cli.main`):
- the reader of standard output has gone (`offer-tui export | head -1`): BrokenPipeError
  reaches main, which ends quietly with 141, the status a shell shows for a tool that
  SIGPIPE ended;
- standard output is closed or cannot be written (`>&-`, a full disk): OutputError, one
  line on standard error and status 1, as coreutils' `write error`.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import TextIO

from tui.model.visible import visible

EXIT_BROKEN_PIPE = 128 + 13  # what a shell reports for a process ended by SIGPIPE
EXIT_INTERRUPTED = 128 + 2  # ... and for one ended by SIGINT (ctrl+c)
EXIT_WRITE_ERROR = 1


class OutputError(Exception):
    """Standard output is closed or cannot be written (not a closed pipe: see module doc)."""


def emit(text: str = "", end: str = "\n") -> None:
    """Human-readable text to standard output, control characters made visible."""
    _write(_stdout(), visible(text) + end)


def error(text: str, end: str = "\n") -> None:
    """A message to standard error, control characters made visible. With no standard
    error (closed), the message is dropped: there is nowhere left to say it."""
    stream = sys.stderr
    if stream is None:
        return
    with contextlib.suppress(OSError):
        stream.write(visible(text) + end)
        stream.flush()


def emit_data(text: str) -> None:
    """A file format to standard output: exact bytes into a pipe or file, visible on a
    terminal (a CSV cell holding ESC would otherwise drive the terminal)."""
    stream = _stdout()
    if _isatty(stream):  # CSV and iCalendar end lines with CR LF: a line end, not data
        text = visible(text.replace("\r\n", "\n"))
    binary = getattr(stream, "buffer", None)
    if binary is None:
        _write(stream, text)
        return
    try:
        stream.flush()
        binary.write(text.encode("utf-8"))
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(exc.strerror or str(exc)) from None


def finish() -> None:
    """Flush standard output inside the command, so a closed pipe or full disk is met
    here (and reported as above), not as a traceback at interpreter exit."""
    stream = sys.stdout
    if stream is None:
        return
    try:
        stream.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as exc:
        raise OutputError(getattr(exc, "strerror", None) or str(exc)) from None


def silence_stdout() -> None:
    """After a closed pipe: point standard output at /dev/null so the interpreter's final
    flush has nowhere to fail (the recipe in Python's signal module documentation)."""
    stream = sys.stdout
    if stream is None:
        return
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)


def guard_standard_fds() -> None:
    """Open /dev/null on a closed fd 0, 1 or 2, so a file the command opens later cannot
    take that number and receive what was meant for the terminal. sys.stdin/stdout/stderr
    stay None, so reading or printing still reports the stream as closed."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            with contextlib.suppress(OSError):
                opened = os.open(os.devnull, os.O_RDWR)
                if opened != fd:  # the lowest free number is this one, unless it was not
                    os.close(opened)


def _stdout() -> TextIO:
    if sys.stdout is None:
        raise OutputError("standard output is closed")
    return sys.stdout


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (OSError, ValueError):
        return False


def _write(stream: TextIO, text: str) -> None:
    try:
        stream.write(text)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(exc.strerror or str(exc)) from None
