"""A long history file is parsed a run of attempts at a time (tui.store.attempts_parse):
what is read, and where a problem is reported, are the same as from one whole parse."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

from tui.model.attempt import Attempt, ResultRecord
from tui.store.attempts import AttemptStore, read_file
from tui.store.attempts_parse import PIECE, pieces

NOV = dt.datetime(2026, 11, 3, 9, 30)


def attempt(n: int, answer: str = "") -> Attempt:
    return Attempt(
        question_id="why-changed-mind",
        answer=answer or f"Answer {n}: " + "I thank you for the offer. " * 20,
        score=n % 100,
        at=NOV + dt.timedelta(minutes=n),
        results=(ResultRecord("thanks", "met", 10.0),),
    )


def month_file(tmp_path: Path, attempts: list[Attempt]) -> Path:
    store = AttemptStore(tmp_path)
    for a in attempts:
        store.add(a)
    (path,) = store.files()
    assert path.stat().st_size > 3 * PIECE  # long enough to be read in pieces
    return path


def parses(piece: bytes) -> bool:
    try:
        tomllib.loads(piece.decode())
    except tomllib.TOMLDecodeError:
        return False
    return True


def test_a_long_file_read_in_pieces_gives_every_attempt(tmp_path: Path) -> None:
    saved = [attempt(n) for n in range(500)]
    path = month_file(tmp_path, saved)
    assert len(pieces(path.read_bytes())) > 3
    assert AttemptStore(tmp_path).load_all().attempts == saved


def test_an_answer_holding_a_block_header_stays_one_answer(tmp_path: Path) -> None:
    """A cut made inside an answer's multi-line string leaves the piece before it
    unterminated: the whole file is parsed then, and the answer is read whole. (Every
    field has a fixed length, so where the cuts fall does not change from run to run.)"""
    sneaky = "I thank you for the offer. " * 20 + "\n[[attempt]]\nid = 'not-a-block'\n"
    saved = [attempt(n, sneaky + "more " * (n % 7)) for n in range(500)]
    path = month_file(tmp_path, saved)
    assert not all(parses(piece) for piece in pieces(path.read_bytes()))  # a cut fell inside
    _, read = read_file(path)
    assert read == saved
    assert all(a.answer.startswith(sneaky) for a in read)


def test_a_bad_block_late_in_a_long_file_is_located_in_the_file(tmp_path: Path) -> None:
    path = month_file(tmp_path, [attempt(n) for n in range(500)])
    lines = path.read_text().splitlines()
    bad = [i for i, line in enumerate(lines) if line.startswith("score = ")][400]
    lines[bad] = 'score = "high"'
    path.write_text("\n".join(lines) + "\n")
    loaded = AttemptStore(tmp_path).load_all()
    assert len(loaded.attempts) == 499  # the other attempts are read
    (problem,) = loaded.problems
    assert problem.line == bad + 1
    assert problem.key_path == ("attempt", 400, "score")
    assert "whole number" in problem.message
