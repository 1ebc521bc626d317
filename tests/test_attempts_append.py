"""Appending to history: only the new block is written, a torn append never costs earlier
attempts, a file changed behind our back is checked whole, and the per-question index
gives what a full scan gives."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

import tui.store.attempts as attempts_mod
from tui.content.questions import load_questions
from tui.model.attempt import Attempt, ResultRecord
from tui.model.history import History
from tui.rehearsal.schedule import interval_days, rank, weakness
from tui.store.attempts import AttemptStore, read_file

NOV = dt.datetime(2026, 11, 3, 9, 30)


def attempt(n: int, question: str = "why-changed-mind", minutes: int | None = None) -> Attempt:
    return Attempt(
        question_id=question,
        answer=f"Answer {n}: thank you, and\na second line",
        score=n % 101,
        at=NOV + dt.timedelta(minutes=n if minutes is None else minutes),
        seconds=10.0,
        results=(ResultRecord("thanks", "met", 10.0),),
        id=f"a{n:04d}",
    )


@pytest.fixture
def new_process() -> None:
    """Forget what this process verified, as a freshly started program would."""
    attempts_mod._signatures.clear()


def count_whole_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    reads: list[Path] = []
    real = attempts_mod.read_file

    def spy(path: Path, data: bytes | None = None):  # type: ignore[no-untyped-def]
        reads.append(path)
        return real(path, data)

    monkeypatch.setattr(attempts_mod, "read_file", spy)
    return reads


def test_append_keeps_earlier_bytes_and_skips_rereading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, new_process: None
) -> None:
    store = AttemptStore(tmp_path)
    for n in range(3):
        store.add(attempt(n))
    path = store.month_path(NOV)
    before = path.read_bytes()
    reads = count_whole_reads(monkeypatch)
    store.add(attempt(3))
    after = path.read_bytes()
    assert after.startswith(before)
    assert after[len(before) :].startswith(b"\n[[attempt]]\n")
    assert reads == []  # the signature matched: nothing was parsed
    assert [a.id for a in store.load_all().attempts] == ["a0000", "a0001", "a0002", "a0003"]


def test_a_file_this_process_has_not_read_is_checked_whole_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    AttemptStore(tmp_path).add(attempt(0))
    attempts_mod._signatures.clear()  # a new program
    reads = count_whole_reads(monkeypatch)
    path = AttemptStore(tmp_path).add(attempt(1))
    assert reads == [path]
    AttemptStore(tmp_path).add(attempt(2))
    assert reads == [path]  # remembered from then on
    assert len(read_file(path)[1]) == 3


def test_a_killed_append_costs_only_its_own_attempt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = AttemptStore(tmp_path)
    for n in range(3):
        store.add(attempt(n))
    path = store.month_path(NOV)
    before = path.read_bytes()

    real_write = attempts_mod.os.write

    def dies_half_way(fd: int, data: memoryview) -> int:
        real_write(fd, bytes(data[: len(data) // 2]))
        raise KeyboardInterrupt  # the process is killed mid-write

    monkeypatch.setattr(attempts_mod.os, "write", dies_half_way)
    with pytest.raises(KeyboardInterrupt):
        store.add(attempt(3))
    monkeypatch.setattr(attempts_mod.os, "write", real_write)
    attempts_mod._signatures.clear()  # the next program start

    torn = path.read_bytes()
    assert torn.startswith(before) and len(torn) > len(before)
    loaded = AttemptStore(tmp_path).load_all()
    assert [a.id for a in loaded.attempts] == ["a0000", "a0001", "a0002"]
    (problem,) = loaded.problems
    torn_line = before.count(b"\n") + 2  # the torn block's `[[attempt]]` line
    assert problem.file == path and f"from line {torn_line}" in problem.message
    assert "3 attempts before it are read" in problem.message

    side = AttemptStore(tmp_path).add(attempt(4))
    assert side.name == "2026-11.2.toml"
    assert path.read_bytes() == torn  # the torn file is never written again
    ids = [a.id for a in AttemptStore(tmp_path).load_all().attempts]
    assert ids == ["a0000", "a0001", "a0002", "a0004"]


def test_a_file_edited_behind_our_back_is_checked_and_refused_if_broken(
    tmp_path: Path, new_process: None
) -> None:
    store = AttemptStore(tmp_path)
    store.add(attempt(0))
    path = store.month_path(NOV)
    # Same size, different bytes: a broken edit another program saved.
    data = path.read_bytes().replace(b"score = 0", b"score = x")
    path.write_bytes(data)
    side = store.add(attempt(1))
    assert side.name == "2026-11.2.toml"
    assert path.read_bytes() == data
    loaded = store.load_all()
    assert [a.id for a in loaded.attempts] == ["a0001"]
    assert loaded.problems[0].file == path


def test_a_valid_edit_behind_our_back_is_appended_to(tmp_path: Path, new_process: None) -> None:
    store = AttemptStore(tmp_path)
    store.add(attempt(0))
    path = store.month_path(NOV)
    path.write_bytes(path.read_bytes().replace(b"score = 0", b"score = 9"))
    assert store.add(attempt(1)) == path
    assert [a.score for a in read_file(path)[1]] == [9, 1]


def full_scan_rank(questions, attempts, now):  # type: ignore[no-untyped-def]
    """What to practise next from every attempt, without the index (the reference)."""
    out = []
    for q in questions:
        past = sorted((a for a in attempts if a.question_id == q.id), key=lambda a: a.at)
        scores = [a.score for a in past]
        days = (now - past[-1].at).total_seconds() / 86_400 if past else 0.0
        stale = min(max(0.0, days) / interval_days(scores), 1.0) if past else 1.0
        out.append((q.id, round(0.65 * weakness(scores) + 0.35 * stale, 9), len(past)))
    return out


def test_index_gives_what_a_full_scan_gives(tmp_path: Path, new_process: None) -> None:
    bank = load_questions(None).items
    ids = sorted(bank)[:6]
    rng = random.Random(7)
    made = [
        attempt(rng.randrange(0, 100) + 101 * n, rng.choice(ids), rng.randrange(0, 60 * 24 * 20))
        for n in range(400)
    ]
    made = [Attempt(**{**a.__dict__, "id": f"x{n:04d}"}) for n, a in enumerate(made)]
    store = AttemptStore(tmp_path)
    for a in made:
        store.add(a)
    loaded = store.load_all()
    assert len(loaded.history) == len(made) == len(loaded.attempts)
    for qid in ids:
        scan = sorted((a for a in loaded.attempts if a.question_id == qid), key=lambda a: a.at)
        assert list(loaded.history.of(qid)) == scan
    now = NOV + dt.timedelta(days=25)
    questions = [bank[i] for i in ids]
    got = [
        (r.question.id, round(r.priority, 9), r.attempts)
        for r in rank(questions, loaded.history, now)
    ]
    assert sorted(got) == sorted(full_scan_rank(questions, made, now))
    # Added one by one, out of order, the index stays oldest first.
    grown = History()
    for a in made:
        grown.add(a)
    for qid in ids:
        kept = list(grown.of(qid))
        assert [a.at for a in kept] == sorted(a.at for a in kept)
        assert sorted(a.id for a in kept) == sorted(a.id for a in loaded.history.of(qid))
