"""The scorer's graded development set (tests/scoring): its shape, and that it is written in
our own words, not copied from the seed articles."""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

import pytest

from tui.content.questions import load_questions

SCORING = Path(__file__).with_name("scoring")
KINDS = {
    "plain",
    "cue-salad",
    "paraphrase",
    "money",
    "blame",
    "contradiction",
    "off-question",
    "false-hit",
    "floor",
}


def _part(name: str) -> list[dict]:
    with (SCORING / name).open("rb") as handle:
        return tomllib.load(handle)["answer"]


def _seeds() -> Path | None:
    for parent in Path(__file__).resolve().parents:
        found = parent / "shared" / "seeds"
        if found.is_dir():
            return found
    return None


def test_the_set_is_big_graded_and_covers_every_kind() -> None:
    dev, held_out = _part("dev.toml"), _part("held_out.toml")
    answers = dev + held_out
    assert len(answers) >= 200
    assert 0.25 <= len(held_out) / len(answers) <= 0.35
    kinds = Counter(a["kind"] for a in answers)
    assert set(kinds) == KINDS
    assert min(kinds.values()) >= 10, kinds
    assert {a["grade"] for a in answers} == {1, 2, 3, 4, 5}
    assert all(a["why"].strip() and a["text"].strip() for a in answers)


def test_every_answer_names_a_bundled_question() -> None:
    known = load_questions(None).items
    for answer in _part("dev.toml") + _part("held_out.toml"):
        assert answer["question"] in known, answer["question"]


def test_no_answer_is_repeated_across_the_parts() -> None:
    pairs = [(a["question"], a["text"]) for a in _part("dev.toml") + _part("held_out.toml")]
    assert len(pairs) == len(set(pairs))


def test_the_set_does_not_copy_the_articles() -> None:
    seeds = _seeds()
    if seeds is None:
        pytest.skip("seed articles not available")
    articles = " ".join(" ".join(p.read_text().lower().split()) for p in seeds.glob("*.txt"))
    for answer in _part("dev.toml") + _part("held_out.toml"):
        words = " ".join(f"{answer['text']} {answer['why']}".lower().split()).split()
        for start in range(len(words) - 5):
            run = " ".join(words[start : start + 6])
            assert run not in articles, f"copies: {run!r}"
