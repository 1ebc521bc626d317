"""`python -m tui score` as a subprocess: JSON shape, text report, exit codes."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from tui.model import Contact, ContactRole, Offer, Status, ToldThem
from tui.store.attempts import AttemptStore
from tui.store.offers import OfferStore

ANSWER = (
    "Thank you for taking my call. I declined because of the salary, but since then I've "
    "realised I really want this role. I understand if it has been filled."
)


def run(data_dir: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", "--data-dir", str(data_dir), "score", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_json_shape(tmp_path: Path) -> None:
    done = run(tmp_path, "--question", "why-changed-mind", "--json", stdin=ANSWER)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert 0 <= data["score"] <= 100 and isinstance(data["criteria"], list)
    money = next(c for c in data["criteria"] if c["id"] == "no-money")
    assert money["status"] == "violated"
    span = money["spans"][0]
    assert ANSWER[span["start"] : span["end"]] == "salary"
    assert data["question_text"] and "follow_ups" in data


def test_text_report_from_file(tmp_path: Path) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text(ANSWER)
    done = run(tmp_path, "--question", "why-changed-mind", "--file", str(answer))
    assert done.returncode == 0, done.stderr
    assert "Score " in done.stdout and "Keeps money out of it" in done.stdout


def test_unknown_question_exits_2_with_suggestion(tmp_path: Path) -> None:
    done = run(tmp_path, "--question", "why-chnaged-mind", stdin=ANSWER)
    assert done.returncode == 2
    assert "why-changed-mind" in done.stderr and done.stdout == ""


def test_empty_answer_exits_2(tmp_path: Path) -> None:
    done = run(tmp_path, "--question", "why-changed-mind", stdin="  \n ")
    assert done.returncode == 2 and "empty" in done.stderr


def test_offer_personalises_and_checks_the_record(tmp_path: Path) -> None:
    offer = Offer(company="Northwind", role="Data Engineer", status=Status.DECLINED)
    offer.contacts.append(Contact("Dana Ruiz", ContactRole.HIRING_MANAGER))
    offer.told = ToldThem(reason="relocation", on=dt.date(2026, 10, 1))
    OfferStore(tmp_path).add(offer)
    done = run(
        tmp_path,
        "--question",
        "why-changed-mind",
        "--offer",
        offer.id,
        "--json",
        "--save",
        stdin=ANSWER,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["question_text"] == "You told us relocation was the problem. What is different now?"
    assert "Dana Ruiz" in data["context"]
    record = next(c for c in data["criteria"] if c["id"] == "matches-record")
    assert record["status"] == "violated"
    (saved,) = AttemptStore(tmp_path).load_all().attempts
    assert saved.offer_id == offer.id and saved.score == data["score"]


def test_unknown_offer_exits_2(tmp_path: Path) -> None:
    done = run(tmp_path, "--question", "why-changed-mind", "--offer", "nope-123", stdin=ANSWER)
    assert done.returncode == 2 and "unknown offer" in done.stderr


def test_explain_prints_the_reading_with_user_text_made_visible(tmp_path: Path) -> None:
    answer = (
        "Thank you, grateful, stay in touch, hard decision, LinkedIn.\n"
        "I'm delighted to accept \x1b]0;pwned\x07 the offer. I have decided not to accept."
    )
    done = run(tmp_path, "--question", "decline-offer", "--explain", stdin=answer)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "(this question asks for: declining)" in out
    assert 'Contradiction: "delighted to accept" and "decided not to" cannot both hold' in out
    assert "Relevance:" in out and "on the question" in out
    assert "1. Thank you, grateful" in out and "a list of words, not a sentence" in out
    assert "4. I have decided not to accept." in out and "+ Says no clearly" in out
    assert "Says no clearly: decline-an-offer-gracefully, Opening:" in out
    assert "\x1b" not in out and "\x07" not in out
    assert "accept ␛]0;" in out and "pwned␇ the offer" in out
