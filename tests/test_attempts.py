"""Rehearsal history on disk: round trip, concurrent writers, bad files left alone."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import stat
from pathlib import Path

import pytest

import tui.store.attempts as attempts_mod
from tui.content.questions import load_questions
from tui.model.attempt import Attempt, ResultRecord
from tui.rehearsal.scorer import score_answer
from tui.store.attempts import AttemptStore, read_file

NOV = dt.datetime(2026, 11, 3, 9, 30)


def attempt(n: int = 0, at: dt.datetime = NOV, question: str = "why-changed-mind") -> Attempt:
    return Attempt(
        question_id=question,
        answer=f'Answer {n}: "quoted", a newline\\nand unicode café',
        score=40 + n,
        at=at + dt.timedelta(minutes=n),
        offer_id="northwind-abc123" if n % 2 else "",
        seconds=12.5,
        results=(ResultRecord("thanks", "met", 10.0), ResultRecord("no-money", "violated", -30.0)),
    )


def test_round_trip(tmp_path: Path) -> None:
    store = AttemptStore(tmp_path)
    saved = [attempt(n) for n in range(3)]
    for a in saved:
        store.add(a)
    loaded = store.load_all()
    assert loaded.problems == []
    assert loaded.attempts == saved
    assert len(loaded.for_question("why-changed-mind")) == 3


def test_a_scored_attempt_round_trips(tmp_path: Path) -> None:
    question = load_questions(None).items["decline-offer"]
    answer = "Thank you. I have decided not to accept.\nI hope we stay in touch."
    result = score_answer(question, answer)
    made = result.to_attempt(answer, NOV, seconds=33.3, offer_id="x-1")
    AttemptStore(tmp_path).add(made)
    (back,) = AttemptStore(tmp_path).load_all().attempts
    assert back == made and back.score == result.score
    assert {r.id for r in back.results} == {r.id for r in result.results}


def test_month_files_versioned_and_private(tmp_path: Path) -> None:
    store = AttemptStore(tmp_path)
    store.add(attempt(0, NOV))
    store.add(attempt(1, dt.datetime(2026, 12, 1)))
    names = [p.name for p in store.files()]
    assert names == ["2026-11.toml", "2026-12.toml"]
    path = store.files()[0]
    assert path.read_text().startswith("version = 1\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_earlier_bytes_are_kept_exactly(tmp_path: Path) -> None:
    store = AttemptStore(tmp_path)
    store.add(attempt(0))
    path = store.month_path(NOV)
    path.write_text(path.read_text() + "# a comment the user wrote\n")
    before = path.read_bytes()
    store.add(attempt(1))
    assert path.read_bytes().startswith(before)


def test_a_write_by_another_program_is_kept(tmp_path: Path) -> None:
    """Another program appends after our last write: the signature no longer matches, so
    the file is read whole before ours is appended, and both attempts are kept."""
    store = AttemptStore(tmp_path)
    store.add(attempt(0))
    path = store.month_path(NOV)
    other = attempts_mod.render_attempt(attempt(7)).encode()
    path.write_bytes(path.read_bytes() + b"\n" + other)
    store.add(attempt(1))
    assert sorted(a.score for a in read_file(path)[1]) == [40, 41, 47]


def _writer(root: str, worker: int, count: int) -> None:
    store = AttemptStore(Path(root))
    for n in range(count):
        store.add(attempt(worker * 20 + n))


def test_two_processes_do_not_lose_attempts(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    workers = [ctx.Process(target=_writer, args=(str(tmp_path), w, 15)) for w in range(2)]
    for p in workers:
        p.start()
    for p in workers:
        p.join(60)
        assert p.exitcode == 0
    loaded = AttemptStore(tmp_path).load_all()
    assert loaded.problems == []
    assert len(loaded.attempts) == 30
    assert len({a.id for a in loaded.attempts}) == 30


def test_bad_file_is_reported_and_left_byte_identical(tmp_path: Path) -> None:
    store = AttemptStore(tmp_path)
    store.add(attempt(0, dt.datetime(2026, 10, 5)))
    folder = tmp_path / "attempts"
    bad = folder / "2026-11.toml"
    bad.write_bytes(b'version = 1\n[[attempt]]\nid = "x"\nscore = \n')
    before = bad.read_bytes()
    loaded = store.load_all()
    assert len(loaded.attempts) == 1
    (problem,) = loaded.problems
    assert problem.file == bad and problem.line == 4
    side = store.add(attempt(1))
    assert bad.read_bytes() == before
    assert side.name == "2026-11.2.toml"
    assert len(store.load_all().attempts) == 2


def test_out_of_range_score_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        AttemptStore(tmp_path).add(attempt(70))
    assert AttemptStore(tmp_path).files() == []


def test_invalid_attempt_is_located(tmp_path: Path) -> None:
    folder = tmp_path / "attempts"
    folder.mkdir()
    path = folder / "2026-11.toml"
    path.write_text(
        'version = 1\n\n[[attempt]]\nid = "a"\nquestion_id = "q"\nat = 2026-11-01T10:00:00\n'
        'score = "high"\nresults = []\n'
    )
    (problem,) = AttemptStore(tmp_path).load_all().problems
    assert problem.line == 7 and "whole number" in problem.message


def test_newer_version_is_not_rewritten(tmp_path: Path) -> None:
    folder = tmp_path / "attempts"
    folder.mkdir()
    path = folder / "2026-11.toml"
    path.write_text("version = 2\n")
    store = AttemptStore(tmp_path)
    assert "reads history up to 1" in store.load_all().problems[0].message
    store.add(attempt(0))
    assert path.read_text() == "version = 2\n"
