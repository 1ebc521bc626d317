"""The scorer on hand-made answers: inflection, typos, negation, spans, determinism, money."""

from __future__ import annotations

import datetime as dt

import pytest

from tui.content.questions import load_questions
from tui.model import Contact, ContactRole, Handling, Offer, Status, ToldThem
from tui.model.question import Question
from tui.rehearsal.personalize import personalize, reason_phrase, score_context
from tui.rehearsal.result import MET, MISSED, VIOLATED
from tui.rehearsal.scorer import score_answer

GOOD = (
    "Thank you for taking my call. When we last spoke the travel was the sticking point, "
    "with two trips a month and small kids. Since then we have hired a nanny, so that is "
    "settled. I still want this role and the payments work your team does. I understand if "
    "the position has been filled."
)


@pytest.fixture(scope="module")
def questions() -> dict[str, Question]:
    return load_questions(None).items


@pytest.fixture(scope="module")
def q(questions: dict[str, Question]) -> Question:
    return questions["why-changed-mind"]


def status(question: Question, answer: str, criterion: str) -> str:
    result = score_answer(question, answer).result(criterion)
    assert result is not None
    return result.status


def test_inflections_match_by_stem(q: Question) -> None:
    for answer in ("I'm thankful.", "Thanking you for this.", "I appreciated it.", "Thanks!"):
        assert status(q, answer, "thanks") == MET, answer


def test_small_typos_still_match(q: Question) -> None:
    assert status(q, "I am still intrested in the role.", "reaffirms-interest") == MET
    assert status(q, "The salery was the issue.", "no-money") == VIOLATED
    assert status(q, "I have since realsied it was fear.", "says-what-changed") == MET


def test_short_words_need_an_exact_match(q: Question) -> None:
    # "think" is one letter from "thank"; short words are never fuzzy-matched
    assert status(q, "I think so.", "thanks") == MISSED


def test_negation_is_not_a_mention(q: Question) -> None:
    assert status(q, "I'm not coming back for the money.", "no-money") == MET
    assert status(q, "It has nothing to do with salary.", "no-money") == MET
    assert status(q, "Money was never the reason.", "no-money") == MET
    assert status(q, "The money was better there.", "no-money") == VIOLATED
    assert status(q, "The salary is not great.", "no-money") == VIOLATED
    assert status(q, "I am not interested in the role any more.", "reaffirms-interest") == MISSED


def test_negated_mention_is_explained(q: Question) -> None:
    result = score_answer(q, "I'm not coming back for the money.").result("no-money")
    assert result is not None and "negated" in result.evidence


def test_spans_point_at_the_words(q: Question) -> None:
    answer = "Thanks for the call. Honestly the salary was why I declined."
    result = score_answer(q, answer).result("no-money")
    assert result is not None and result.spans
    span = result.spans[0]
    assert answer[span.start : span.end] == "salary" == span.text
    thanks = score_answer(q, answer).result("thanks")
    assert thanks is not None and thanks.spans[0].text == "Thanks"


def test_deterministic(q: Question) -> None:
    first = score_answer(q, GOOD).to_dict()
    assert all(score_answer(q, GOOD).to_dict() == first for _ in range(5))


def test_money_is_a_heavy_penalty_and_caps_the_score(q: Question) -> None:
    clean = score_answer(q, GOOD)
    money = score_answer(q, GOOD + " Also the salary you offered is better than mine.")
    assert clean.score >= 85
    assert money.score <= 35
    assert money.result("no-money").status == VIOLATED  # type: ignore[union-attr]
    assert "is-it-pay" in [f.id for f in money.follow_ups]


def test_good_answer_scores_high_and_passes(q: Question) -> None:
    result = score_answer(q, GOOD)
    assert result.passed and result.grade in ("good", "excellent")


def test_empty_and_tiny_answers(q: Question) -> None:
    assert score_answer(q, "").score == 0
    assert score_answer(q, "   \n").words == 0
    assert score_answer(q, "ok").score < 10
    assert score_answer(q, "").follow_ups == ()


def test_rambling_costs_points(q: Question) -> None:
    long = " ".join([GOOD] * 5)
    assert score_answer(q, long).score < score_answer(q, GOOD).score - 30
    length = score_answer(q, long).result("phone-length")
    assert length is not None and length.status == VIOLATED and length.spans


def test_filler_and_hedging(q: Question) -> None:
    result = score_answer(q, GOOD + " Um, I guess it was, like, kind of a big change.")
    filler = result.result("no-filler")
    assert filler is not None and filler.status == VIOLATED
    found = {s.text.lower() for s in filler.spans}
    assert {"um", "i guess", "kind of"} <= found
    assert status(q, "I would like to join. It was kind of you to call.", "no-filler") == MET


def test_vague_answer_is_not_specific(q: Question) -> None:
    result = score_answer(q, "Things changed, so I want to come back.").result("specific")
    assert (
        result is not None
        and result.status == MISSED
        and "things changed" in result.evidence.lower()
    )


def test_blame_is_penalised(q: Question) -> None:
    assert status(q, "My current manager is incompetent.", "no-blame") == VIOLATED
    assert status(q, "I don't blame anyone.", "no-blame") == MET


def test_to_dict_shape(q: Question) -> None:
    data = score_answer(q, GOOD).to_dict()
    assert 0 <= data["score"] <= 100 and data["grade"]
    row = data["criteria"][0]
    assert {"id", "label", "kind", "status", "points", "evidence", "suggestion", "spans"} <= set(
        row
    )


# -- from the record -------------------------------------------------------------------------


def declined_offer(reason: str = "relocation", handling: Handling = Handling.CLEAN) -> Offer:
    offer = Offer(company="Northwind", role="Data Engineer", status=Status.DECLINED)
    offer.contacts.append(Contact("Dana Ruiz", ContactRole.HIRING_MANAGER))
    offer.told = ToldThem(reason=reason, on=dt.date(2026, 10, 1), handling=handling)
    return offer


def test_personalize_fills_text_and_context(q: Question) -> None:
    personal = personalize(q, declined_offer("the travel"))
    assert personal.text == "You told us the travel was the problem. What is different now?"
    assert "Dana Ruiz" in personal.context and "Northwind" in personal.context
    assert personal.rubric is q.rubric


def test_personalize_falls_back_without_data(q: Question) -> None:
    offer = Offer(company="Northwind", role="Data Engineer")
    assert personalize(q, offer).text == q.text
    assert personalize(q, None) is q


def test_reasons_are_reworded_never_pasted_in_quotes() -> None:
    assert reason_phrase("The travel.") == "the travel"
    long = "I could not move to Denver with the kids in school"
    assert reason_phrase(long) == "your family situation"
    both = "The salary was too low and there was far too much travel for me"
    assert reason_phrase(both) == "the pay and the travel"
    assert reason_phrase('I just had a "gut feeling" about it, hard to explain') == ""


def test_an_unworded_reason_falls_back_to_the_generic_question(q: Question) -> None:
    offer = declined_offer("Honestly I had a gut feeling about it that I cannot explain")
    assert personalize(q, offer).text == q.text


def test_interviewer_lines_use_the_real_deadline_and_the_recruiters_name() -> None:
    question = load_questions(None).items["need-more-time"]
    offer = Offer(company="Northwind", role="Data Engineer", deadline=dt.date(2026, 12, 4))
    asked = personalize(question, offer, today=dt.date(2026, 12, 1))
    assert (
        asked.text
        == "We need an answer on the Data Engineer offer by Friday. Where are you with it?"
    )
    assert asked.context.startswith("The recruiter at Northwind")
    offer.contacts.append(Contact("Sam Okafor", ContactRole.RECRUITER))
    later = personalize(question, offer, today=dt.date(2026, 11, 20))
    assert "by Friday 4 December" in later.text
    assert later.context.startswith("Sam Okafor at Northwind")
    assert "Friday" not in personalize(question, None).text


def test_contradicting_the_record_is_flagged(q: Question) -> None:
    context = score_context(declined_offer("relocation"))
    answer = "Thanks. I declined because of the salary, but I'd love to join now."
    result = score_answer(q, answer, context).result("matches-record")
    assert result is not None and result.status == VIOLATED
    assert "relocation" in result.evidence and result.spans[0].text == "salary"
    consistent = "Thanks. I declined because of the move to Denver; that has changed."
    ok = score_answer(q, consistent, context).result("matches-record")
    assert ok is not None and ok.status == MET


def test_no_record_no_consistency_check(q: Question) -> None:
    assert score_answer(q, "I declined because of the salary.").result("matches-record") is None


def test_owning_the_handling_only_when_handled_badly(q: Question) -> None:
    clean = score_context(declined_offer())
    badly = score_context(declined_offer(handling=Handling.SILENCE))
    assert score_answer(q, GOOD, clean).result("owns-handling") is None
    owned = score_answer(q, GOOD, badly).result("owns-handling")
    assert owned is not None and owned.status == MISSED
    sorry = "I'm sorry I went quiet on you last time. " + GOOD
    assert score_answer(q, sorry, badly).result("owns-handling").status == MET  # type: ignore[union-attr]


def test_follow_ups_triggered_by_content(q: Question) -> None:
    result = score_answer(q, GOOD + " I also have another offer on the table.")
    assert "other-offers" in [f.id for f in result.follow_ups]
    assert "other-offers" not in [f.id for f in score_answer(q, GOOD).follow_ups]
