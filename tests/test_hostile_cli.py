"""Every subcommand, in every output format, over offers with a hostile string in every text
field: no raw control character from the data reaches standard output or standard error
(a terminal), and the data still shows, as visible placeholders. A closed pipe, a closed
standard output or input and ctrl+c end each command quietly with the conventional status."""

from __future__ import annotations

import io
import json
import os
import pty
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_corpus import CORPUS, QUESTION, raw_controls, write_corpus

from tui.cli import main
from tui.model import Offer
from tui.settings.file import config_path
from tui.store.backups import backup

pytestmark = pytest.mark.slow

HOSTILE_KEY = "\x1b]0;HOSTILE-TITLE\x07\x1b]52;c;SE9TVElMRQ==\x07"


class _Terminal(io.BytesIO):
    def isatty(self) -> bool:
        return True


class Outputs:
    """Runs `offer-tui ARGS` in this process with standard output and error captured."""

    def __init__(self) -> None:
        self.checked = 0
        self.runs = 0

    def run(self, *args: str, tty: bool = True) -> tuple[int, str, str]:
        out, err = (_Terminal() if tty else io.BytesIO()), _Terminal()
        saved = sys.stdout, sys.stderr
        streams = io.TextIOWrapper(out, "utf-8", newline=""), io.TextIOWrapper(err, "utf-8")
        sys.stdout, sys.stderr = streams
        try:
            status = main(list(args))
        except SystemExit as exc:  # argparse: --help, --version, usage errors
            status = int(exc.code or 0)
        finally:
            sys.stdout, sys.stderr = saved
        for stream in streams:
            stream.flush()
        self.runs += 1
        return status, out.getvalue().decode(), err.getvalue().decode()

    def clean(self, *args: str, tty: bool = True, status: int | None = 0) -> str:
        """Run, assert no raw control character in either stream; return both, joined."""
        code, out, err = self.run(*args, tty=tty)
        for name, text in (("stdout", out), ("stderr", err)):
            assert raw_controls(text) == [], f"{args}: raw control characters in {name}:\n{text}"
            self.checked += 1
        if status is not None:
            assert code == status, f"{args} ended {code}:\n{out}\n{err}"
        return out + err


@pytest.fixture
def outputs() -> Outputs:
    return Outputs()


@pytest.fixture
def corpus(data_dir: Path) -> list[Offer]:
    return write_corpus(data_dir)


def test_every_command_and_format_over_the_corpus(
    data_dir: Path,
    corpus: list[Offer],
    outputs: Outputs,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    d = ["--data-dir", str(data_dir)]
    answer = tmp_path / "answer.txt"
    for index, offer in enumerate(corpus):
        answer.write_text("Thank you, I have decided to decline. " + offer.role, encoding="utf-8")
        ident, person = offer.id, offer.contacts[0].id
        shown = [
            outputs.clean(*d, "checklist", ident),
            outputs.clean(*d, "checklist", ident, "--json"),
            outputs.clean(*d, "template", "decline-email", "--offer", ident, "--to", person),
            outputs.clean(*d, "template", "decline-call", "--offer", ident),
            outputs.clean(*d, "score", "--question", QUESTION, "--offer", ident,
                          "--file", str(answer)),
            outputs.clean(*d, "score", "--question", QUESTION, "--offer", ident, "--json",
                          "--file", str(answer)),
        ]  # fmt: skip
        # The data is there, made visible: not dropped.
        with_company = [shown[i] for i in (0, 2, 4, 5)]  # checklist --json names only the id
        assert all(f"co{index}" in text for text in with_company), with_company
        outputs.clean(*d, "template", "decline-email", "--offer", ident, "--to", "x", status=2)
    for fmt in ("json", "csv", "ics"):
        outputs.clean(*d, "export", "--format", fmt)
        outputs.clean(*d, "export", "--format", fmt, "--output", str(tmp_path / f"all.{fmt}"))
    piped = outputs.clean(*d, "export", "--format", "json", tty=False)
    companies = sorted(o["company"] for o in json.loads(piped))
    assert companies == sorted(o.company for o in corpus), "JSON escapes, and loses nothing"
    _imports(outputs, tmp_path, corpus)
    _check_and_restore(outputs, data_dir)
    outputs.clean("--version")
    outputs.clean("--help")
    outputs.clean(*d, "checklist", HOSTILE_KEY, status=2)
    outputs.clean(*d, HOSTILE_KEY, status=2)
    with capsys.disabled():
        print(
            f"\nhostile CLI: {len(CORPUS)} hostile strings in every text field, "
            f"{outputs.runs} command runs, {outputs.checked} outputs checked, "
            "0 raw control characters"
        )


def _imports(outputs: Outputs, tmp_path: Path, corpus: list[Offer]) -> None:
    exported = tmp_path / "all.json"
    fresh = ["--data-dir", str(tmp_path / "fresh")]
    summary = outputs.clean(*fresh, "import", str(exported), "--dry-run")
    assert f"{len(corpus)} offers would be imported" in summary
    summary = outputs.clean(*fresh, "import", str(exported))
    assert "␛]0;HOSTILE-TITLE␇" in summary and "\\u202eevil" in summary
    outputs.clean(*fresh, "import", str(tmp_path / "all.csv"))
    bad = tmp_path / "bad.csv"
    bad.write_text(f"company,status,currency\n{HOSTILE_KEY},{HOSTILE_KEY},{HOSTILE_KEY}\n")
    refused = outputs.clean(*fresh, "import", str(bad), status=2)
    assert "row 2" in refused


def _check_and_restore(outputs: Outputs, data_dir: Path) -> None:
    d = ["--data-dir", str(data_dir)]
    settings = config_path()
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(f'"{json.dumps(HOSTILE_KEY)[1:-1]}" = 1\n', encoding="utf-8")
    broken = data_dir / "offers" / "\x1b]0;HOSTILE-NAME\x07.toml"  # check names each file
    broken.write_text(f'company = "{json.dumps(HOSTILE_KEY)[1:-1]}"\nstatus = 3\n')
    checked = outputs.clean(*d, "check", status=2)
    assert "␛]0;HOSTILE-TITLE␇" in checked and "␛]0;HOSTILE-NAME␇.toml" in checked, checked
    settings.unlink()
    broken.unlink()
    backup(data_dir, HOSTILE_KEY)
    listing = outputs.clean(*d, "restore")
    assert "␛]0;HOSTILE-TITLE␇" in listing, listing


def test_csv_into_a_pipe_is_byte_for_byte(
    data_dir: Path, corpus: list[Offer], outputs: Outputs
) -> None:
    """Into a pipe or file a data format is exact (the next program needs the data); only
    a terminal gets the visible form."""
    _, piped, _ = outputs.run("--data-dir", str(data_dir), "export", "--format", "csv", tty=False)
    _, shown, _ = outputs.run("--data-dir", str(data_dir), "export", "--format", "csv")
    assert "\x1b]0;HOSTILE-TITLE\x07" in piped
    assert raw_controls(shown) == [] and "␛]0;HOSTILE-TITLE␇" in shown
    assert "\r\n" in piped and "␍\n" not in shown  # CR LF line ends: lines on a terminal


# -- how commands end -------------------------------------------------------------------


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "tui", *args]


def _commands(tmp_path: Path) -> list[list[str]]:
    """Every subcommand that writes to standard output (serve only logs to stderr)."""
    answer = tmp_path / "answer.txt"
    answer.write_text("Thank you for the offer; I have decided to decline it.\n")
    rows = tmp_path / "rows.json"
    rows.write_text(json.dumps([{"company": "\x1b]0;HOSTILE-TITLE\x07 Acme", "role": "Lead"}]))
    offer = "hostile-00-osc0-title"
    return [
        ["export"],
        ["export", "--format", "csv"],
        ["export", "--format", "ics"],
        ["checklist", offer],
        ["checklist", offer, "--json"],
        ["template", "decline-email", "--offer", offer],
        ["score", "--question", QUESTION, "--offer", offer, "--file", str(answer)],
        ["score", "--question", QUESTION, "--json", "--file", str(answer)],
        ["import", str(rows), "--dry-run"],
        ["check"],
        ["restore"],
        ["--help"],
        ["--version"],
    ]


def test_a_closed_pipe_ends_each_command_quietly_with_141(
    data_dir: Path, corpus: list[Offer], tmp_path: Path
) -> None:
    for args in _commands(tmp_path):
        read, write = os.pipe()
        os.close(read)  # the reader is gone before the first byte: like `| head -0`
        try:
            done = subprocess.run(
                _cli("--data-dir", str(data_dir), *args),
                stdout=write, stderr=subprocess.PIPE, text=True, timeout=60, check=False,
            )  # fmt: skip
        finally:
            os.close(write)
        assert (done.returncode, done.stderr) == (141, ""), args


def test_a_closed_stdout_is_one_line_and_status_1(
    data_dir: Path, corpus: list[Offer], tmp_path: Path
) -> None:
    for args in _commands(tmp_path):
        done = subprocess.run(
            _cli("--data-dir", str(data_dir), *args),
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=60,
            preexec_fn=lambda: os.close(1), check=False,
        )  # fmt: skip
        assert "Traceback" not in done.stderr, args
        if args[0].startswith("--"):  # argparse sends help and version to stderr then
            assert done.returncode == 0 and "offer-tui" in done.stderr
            continue
        assert (done.returncode, done.stderr.splitlines()[-1]) == (
            1,
            "offer-tui: cannot write to standard output: standard output is closed",
        ), args


def test_a_closed_stdin_is_a_message_not_a_traceback(data_dir: Path, corpus: list[Offer]) -> None:
    runs = {
        "score": ["score", "--question", QUESTION],
        "app": [],
    }
    for name, args in runs.items():
        done = subprocess.run(
            _cli("--data-dir", str(data_dir), *args),
            stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
            preexec_fn=lambda: os.close(0), check=False,
        )  # fmt: skip
        assert done.returncode == 2, (name, done.stderr)
        assert "standard input is closed" in done.stderr and "Traceback" not in done.stderr


def test_ctrl_c_ends_a_command_with_130_and_no_traceback(data_dir: Path) -> None:
    """ctrl+c while `score` waits for an answer typed on a terminal (SIGINT, as the
    terminal sends it)."""
    primary, secondary = pty.openpty()
    process = subprocess.Popen(
        _cli("--data-dir", str(data_dir), "score", "--question", QUESTION),
        stdin=secondary, stdout=secondary, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    os.close(secondary)
    try:
        assert process.stderr is not None
        prompt = process.stderr.readline()  # blocks until score asks for the answer
        assert "Type your answer" in prompt
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
    finally:
        process.kill()
        os.close(primary)
    assert process.returncode == 130
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
