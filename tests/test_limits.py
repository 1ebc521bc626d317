"""One limit per field, shared by writer and reader: nothing written is refused on reading,
and one bad attempt never hides the rest of a month's history."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from tui.model.attempt import Attempt, ResultRecord
from tui.model.limits import MAX_ANSWER
from tui.store.attempts import AttemptStore, render_attempt

NOV = dt.datetime(2026, 11, 3, 9, 30)


def attempt(n: int, answer: str = "") -> Attempt:
    return Attempt(
        question_id="why-changed-mind",
        answer=answer or f"answer {n}",
        score=50,
        at=NOV + dt.timedelta(minutes=n),
        results=(ResultRecord("thanks", "met", 10.0),),
    )


def test_the_reader_takes_everything_the_writer_allows(tmp_path: Path) -> None:
    store = AttemptStore(tmp_path)
    store.add(attempt(0, "x" * MAX_ANSWER))  # exactly the limit
    [back] = store.load_all().attempts
    assert len(back.answer) == MAX_ANSWER


def test_an_answer_over_the_limit_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    store = AttemptStore(tmp_path)
    store.add(attempt(0))
    month = store.files()[0]
    before = month.read_bytes()
    with pytest.raises(ValueError, match="65,536"):
        store.add(attempt(1, "y" * 75_000))
    assert month.read_bytes() == before
    assert [a.answer for a in store.load_all().attempts] == ["answer 0"]


def test_score_save_refuses_a_75_kb_answer_with_a_message(tmp_path: Path) -> None:
    command = ["score", "--question", "why-changed-mind", "--save"]
    done = subprocess.run(
        [sys.executable, "-m", "tui", "--data-dir", str(tmp_path), *command],
        input="I declined because " + "very " * 15_000,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "characters long; the limit is 65,536" in done.stderr
    assert "nothing was saved" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "attempts").exists()


def test_one_bad_attempt_hides_none_of_the_others(tmp_path: Path) -> None:
    """A month file holding an over-long answer (as an older offer-tui could write) and a
    hand-edited score: every other attempt is read, the bad ones are named by line."""
    folder = tmp_path / "attempts"
    folder.mkdir()
    blocks = [render_attempt(attempt(n)) for n in range(6)]
    blocks[2] = render_attempt(attempt(2, "z" * 75_000))
    blocks[4] = blocks[4].replace("score = 50", "score = 150")
    path = folder / "2026-11.toml"
    path.write_text("version = 1\n\n" + "\n".join(blocks))
    loaded = AttemptStore(tmp_path).load_all()
    assert [a.answer for a in loaded.attempts] == [f"answer {n}" for n in (0, 1, 3, 5)]
    assert len(loaded.problems) == 2
    long, score = loaded.problems
    assert long.file == path and "75,000 characters long" in long.message
    assert "attempt 3 of 6 left out" in long.message and long.line is not None
    assert "must be 0-100" in score.message and "attempt 5 of 6" in score.message
