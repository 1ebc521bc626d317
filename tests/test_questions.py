"""Question files: the bundled bank, the schema's error messages, user overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.content.questions import check_questions, load_questions, parse_questions
from tui.model.question import SCENARIOS, SOURCES
from tui.tomlio.errors import DataError
from tui.tomlio.tomlfile import parse_toml

REQUIRED = {
    "why-changed-mind": "change your mind",
    "why-declined-originally": "turn us down the first time",
    "will-you-leave-again": "won't leave again",
    "why-backing-out": "backing out",
    "decline-offer": "made a decision",
}

GOOD = """\
version = 1

[[criterion]]
id = "thanks"
label = "Thanks them"
kind = "include"
points = 10
cues = ["thank"]
suggestion = "Say thanks."
source = "decline-an-offer-gracefully"

[[question]]
id = "my-question"
scenario = "going-back"
title = "Mine"
text = "Why now?"
context = "The manager."
personal_text = "Why {company}, now?"
source = "revisit-a-declined-offer"
model_answers = ["Thank you for asking; I want this job now that the move is done."]

[[question.criterion]]
id = "interest"
label = "Interest"
kind = "include"
points = 20
cues = ["want this job"]
suggestion = "Say you want it."
source = "changing-your-mind-about-an-offer"

[[question.follow_up]]
id = "why"
text = "Why?"
when_missed = ["interest"]
"""


def parse(text: str, name: str = "q.toml") -> list:
    path = Path(name)
    return parse_questions(path, parse_toml(path, text.encode()), text)


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def problems(text: str) -> list:
    with pytest.raises(DataError) as caught:
        parse(text)
    return caught.value.problems


def test_bundled_bank_loads_cleanly() -> None:
    loaded = load_questions(None)
    assert loaded.problems == []
    assert len(loaded.items) >= 15
    assert {q.scenario for q in loaded.items.values()} == set(SCENARIOS)


def test_required_questions_exist_with_their_meaning() -> None:
    items = load_questions(None).items
    for question_id, phrase in REQUIRED.items():
        assert phrase in items[question_id].text.lower(), question_id
    assert items["why-backing-out"].scenario == "backing-out"
    assert items["decline-offer"].scenario == "declining"
    assert items["why-changed-mind"].scenario == "going-back"


def test_every_question_and_criterion_names_a_seed() -> None:
    seeds = {p.stem for p in (Path(__file__).parents[1] / "guidance").glob("*")} | set(SOURCES)
    for question in load_questions(None).items.values():
        assert question.source in SOURCES, question.id
        assert 1 <= len(question.model_answers) <= 2, question.id
        assert question.context and question.rubric.criteria
        for criterion in question.rubric.criteria:
            assert criterion.source in SOURCES, (question.id, criterion.id)
    assert seeds


def test_bundled_rubrics_cover_the_required_kinds() -> None:
    items = load_questions(None).items
    ids = {c.id for c in items["why-changed-mind"].rubric.criteria}
    assert {
        "reaffirms-interest",
        "says-what-changed",
        "easy-out",
        "owns-handling",
        "thanks",
        "no-money",
        "no-blame",
        "phone-length",
        "no-filler",
        "confident",
        "specific",
    } <= ids
    money = items["why-changed-mind"].rubric.get("no-money")
    assert money is not None and money.penalty >= 25 and money.cap is not None


def test_model_answers_pass_their_own_rubric() -> None:
    assert check_questions(None) == []


def test_good_file_parses_and_merges_shared_criteria() -> None:
    (question,) = parse(GOOD)
    assert [c.id for c in question.rubric.criteria] == ["thanks", "interest"]
    assert question.follow_ups[0].when_missed == ("interest",)
    assert question.fits_status("declined") and not question.fits_status("accepted")


def test_bad_toml_is_located_by_line_and_column() -> None:
    text = GOOD.replace('title = "Mine"', 'title = "Mine')
    (problem,) = problems(text)
    assert problem.line == _line_of(text, 'title = "Mine') and problem.column is not None
    assert "not valid TOML" in problem.message


def test_misspelt_key_gets_a_suggestion_and_a_line() -> None:
    text = GOOD.replace('suggestion = "Say you want it."', 'sugestion = "x"')
    found = problems(text)
    messages = [str(p) for p in found]
    assert any("did you mean `suggestion`" in m for m in messages), messages
    misspelt = next(p for p in found if "did you mean" in p.message)
    assert misspelt.line == _line_of(text, "sugestion")
    assert misspelt.key_path[:4] == ("question", 0, "criterion", 0)


def test_nested_criterion_is_located_within_its_own_question() -> None:
    second = GOOD.split("[[question]]", 1)[1].replace('"my-question"', '"second"')
    text = (
        GOOD
        + "\n[[question]]"
        + second.replace('kind = "include"\npoints = 20', 'kind = "inclde"\npoints = 20')
    )
    found = problems(text)
    bad = next(p for p in found if "inclde" in p.message)
    assert "did you mean `include`" in bad.message
    assert text.splitlines()[bad.line - 1].startswith('kind = "inclde"')


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('scenario = "going-back"', 'scenario = "goingback"'), "did you mean `going-back`"),
        (('personal_text = "Why {company}, now?"', 'personal_text = "{compnay}"'), "{company}"),
        (('text = "Why now?"', 'text = "Why {company}?"'), "personal_text"),
        (('when_missed = ["interest"]', 'when_missed = ["intrest"]'), "did you mean `interest`"),
        (
            ('source = "revisit-a-declined-offer"', 'source = "revisit-a-declined-ofer"'),
            "did you mean",
        ),
        (("points = 20", "points = 0"), "points > 0"),
        (("model_answers = [", "model_answerz = ["), "did you mean `model_answers`"),
        (('cues = ["thank"]', 'concepts = ["gratitide"]'), "did you mean `gratitude`"),
        (('cues = ["thank"]', 'cues = ["thank"]\ngrounds = "step 1"'), "name the article passage"),
        (
            ('scenario = "going-back"', 'scenario = "going-back"\nstance = "reconsiderin"'),
            "did you mean `reconsidering`",
        ),
    ],
)
def test_schema_errors(change: tuple[str, str], expected: str) -> None:
    found = problems(GOOD.replace(*change, 1))
    assert any(expected in p.message for p in found), [str(p) for p in found]


def test_concepts_and_grounds_are_read() -> None:
    text = GOOD.replace(
        'cues = ["thank"]',
        'concepts = ["gratitude"]\ngrounds = "1. Express gratitude: thank them"',
        1,
    )
    [question] = parse(text)
    thanks = question.rubric.get("thanks")
    assert thanks is not None and thanks.concepts == ("gratitude",) and not thanks.cues
    assert thanks.grounds.startswith("1. Express gratitude")


def test_user_file_overrides_bundled_question_with_notice(tmp_path: Path) -> None:
    folder = tmp_path / "questions"
    folder.mkdir()
    (folder / "mine.toml").write_text(GOOD.replace('"my-question"', '"decline-offer"'))
    loaded = load_questions(tmp_path)
    assert loaded.items["decline-offer"].title == "Mine"
    notices = [p for p in loaded.problems if p.severity == "notice"]
    assert notices and "replaces the bundled one" in notices[0].message


def test_bad_user_file_is_reported_and_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "questions"
    folder.mkdir()
    (folder / "broken.toml").write_text("[[question]\n")
    loaded = load_questions(tmp_path)
    assert "why-changed-mind" in loaded.items
    assert any(p.file.name == "broken.toml" and p.line == 1 for p in loaded.problems)
    assert any(p.file.name == "broken.toml" for p in check_questions(tmp_path))
