"""The scorer reads meaning, not bags of words (issue 17): phrase boundaries, concepts said
in other words, money and blame by role and target, stance and contradiction, answers to
another question, lists of rubric words, floors, and an explanation for every point."""

from __future__ import annotations

import pytest

from tui.content.questions import load_questions
from tui.model.question import Question
from tui.rehearsal.result import MET, VIOLATED, Score
from tui.rehearsal.scorer import score_answer

DECLINE = (
    "I have, and thank you for the offer and the warm welcome in the interviews. It was a "
    "hard decision, but I've decided not to accept: my current employer has asked me to lead "
    "the new analytics group. I'd like to stay in touch on LinkedIn."
)
BACK_OUT = (
    "I'm sorry to be making this call. My wife has been offered a post in Glasgow and we are "
    "moving next month, so I won't be able to join. I'm telling you straight away so you can "
    "go back to your other candidates. Thank you for the time your team put into hiring me."
)


@pytest.fixture(scope="module")
def bank() -> dict[str, Question]:
    return load_questions(None).items


def score(bank: dict[str, Question], question: str, answer: str) -> Score:
    return score_answer(bank[question], answer)


def status(bank: dict[str, Question], question: str, answer: str, criterion: str) -> str:
    result = score(bank, question, answer).result(criterion)
    assert result is not None, criterion
    return result.status


# -- phrase boundaries ---------------------------------------------------------------------


def test_let_you_know_is_not_the_filler_you_know(bank: dict[str, Question]) -> None:
    said = "I wanted to let you know as soon as I'd decided: I won't be joining."
    assert status(bank, "why-backing-out", said, "no-filler") == MET
    filler = "I won't be joining, you know, because of the move."
    assert status(bank, "why-backing-out", filler, "no-filler") == VIOLATED


def test_as_soon_as_possible_is_not_the_hedge_possibly(bank: dict[str, Question]) -> None:
    said = "I have decided to withdraw my acceptance, and I'm calling as soon as possible."
    assert status(bank, "why-backing-out", said, "confident") == MET
    hedged = "I have decided to withdraw, possibly, if my move goes ahead."
    assert status(bank, "why-backing-out", hedged, "confident") != MET


def test_capitals_and_id_are_not_names(bank: dict[str, Question]) -> None:
    shouting = "I AM NOT COMING. Id say THANKS but HONESTLY it's NOT FOR ME."
    assert status(bank, "why-backing-out", shouting, "specific") != MET
    named = "I won't be joining: I have accepted a post with the NHS near my family."
    assert status(bank, "why-backing-out", named, "specific") == MET


# -- concepts in other words ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("criterion", "answer"),
    [
        ("clear-no", "I'm going to pass on this one, I'm afraid."),
        ("clear-no", "I'll have to bow out this time."),
        ("clear-no", "I'm declining the offer."),
        ("thanks", "It means a lot that you picked me."),
        ("thanks", "Cheers for all your time."),
        ("keeps-relationship", "Let's stay connected."),
        ("keeps-relationship", "Do let's keep the lines open."),
    ],
)
def test_paraphrases_meet_the_decline_criteria(
    bank: dict[str, Question], criterion: str, answer: str
) -> None:
    assert status(bank, "decline-offer", answer, criterion) == MET


def test_an_easy_out_in_other_words(bank: dict[str, Question]) -> None:
    answer = "No worries if you have hired since; I'd just like to be in the running."
    assert status(bank, "why-changed-mind", answer, "easy-out") == MET


# -- money: by role, not everywhere ---------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "What the other firm put forward was less, and your overall offer looks better.",
        "The rewards at my current place haven't matched, and your package was stronger.",
        "I can't pretend pay played no part in it.",
    ],
)
def test_money_said_indirectly_counts_when_going_back(
    bank: dict[str, Question], answer: str
) -> None:
    assert status(bank, "why-changed-mind", answer, "no-money") == VIOLATED


def test_denying_money_is_not_a_money_answer(bank: dict[str, Question]) -> None:
    answer = "It was never about the money; the move that stopped me is off."
    assert status(bank, "why-changed-mind", answer, "no-money") == MET


def test_an_honest_pay_reason_when_declining_is_not_capped(bank: dict[str, Question]) -> None:
    honest = DECLINE.replace(
        "my current employer has asked me to lead the new analytics group",
        "my current employer matched the salary and asked me to lead the analytics group",
    )
    result = score(bank, "decline-offer", honest)
    assert result.score >= 75 and not result.with_status(VIOLATED)


def test_bargaining_is_penalised_when_declining_and_backing_out(
    bank: dict[str, Question],
) -> None:
    lever = " Unless you can match what they put forward, that is."
    for question, answer in (("decline-offer", DECLINE), ("why-backing-out", BACK_OUT)):
        clean, haggled = score(bank, question, answer), score(bank, question, answer + lever)
        assert status(bank, question, answer + lever, "no-bargaining") == VIOLATED
        assert haggled.score < clean.score - 20


# -- blame or regret -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "Communication on your side has been patchy at best.",
        "The onboarding has been all over the place.",
        "Your HR people are a joke.",
        "I hate your recruiter.",
    ],
)
def test_polite_and_slang_blame_is_blame(bank: dict[str, Question], answer: str) -> None:
    assert status(bank, "why-backing-out", answer, "no-blame") == VIOLATED


@pytest.mark.parametrize(
    "answer",
    [
        "I feel dreadful about the timing.",
        "I was an idiot to turn it down.",
        "I hate leaving you short.",
    ],
)
def test_regret_aimed_at_yourself_is_not_blame(bank: dict[str, Question], answer: str) -> None:
    result = score(bank, "why-changed-mind", answer).result("no-blame")
    assert result is not None and result.status == MET
    assert "regret, not blame" in result.evidence


# -- stance, contradiction, the question asked ----------------------------------------------


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        (
            "decline-offer",
            "Thank you, I'm delighted to accept the offer. I've decided not to accept it.",
        ),
        ("why-backing-out", "I'm not backing out, I've decided to withdraw my acceptance."),
        ("why-changed-mind", "I never turned your offer down. I declined because of the commute."),
        (
            "why-backing-out",
            "I'm really looking forward to starting on Monday and I won't be joining.",
        ),
    ],
)
def test_contradictions_are_caught(bank: dict[str, Question], question: str, answer: str) -> None:
    result = score(bank, question, answer)
    assert result.reading is not None and result.reading.stance.contradiction
    flagged = result.result("contradiction")
    assert flagged is not None and flagged.status == VIOLATED and flagged.spans
    assert result.score <= 25


def test_a_contradiction_costs_a_polished_answer_most_of_its_score(
    bank: dict[str, Question],
) -> None:
    clean = score(bank, "decline-offer", DECLINE)
    torn = score(bank, "decline-offer", DECLINE + " Actually, I'm delighted to accept the offer.")
    assert clean.score >= 85 and torn.score < clean.score / 2


def test_stance_is_read(bank: dict[str, Question]) -> None:
    assert score(bank, "decline-offer", DECLINE).reading.stance.stance == "declining"  # type: ignore[union-attr]
    assert score(bank, "why-backing-out", BACK_OUT).reading.stance.stance == "withdrawing"  # type: ignore[union-attr]


def test_i_will_be_withdrawing_is_a_withdrawal(bank: dict[str, Question]) -> None:
    answer = "My partner's job is moving us north, so I'll be withdrawing from the role."
    result = score(bank, "why-backing-out", answer)
    assert result.reading is not None and result.reading.stance.stance == "withdrawing"
    decided = result.result("clear-decision")
    assert decided is not None and decided.status == MET


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        (
            "why-backing-out",
            "Thank you, I'm delighted to accept and I'll see you on the first of the month.",
        ),
        (
            "why-changed-mind",
            "We had a lovely week in Cornwall, the weather held up and the kids learned to "
            "surf. I'm back at my desk now, catching up on email.",
        ),
        (
            "decline-offer",
            "Hi, I'm Priya, I've spent six years in logistics software, mostly on routing, and I "
            "love mentoring junior engineers. In my spare time I run half marathons.",
        ),
    ],
)
def test_answers_to_another_question_score_low(
    bank: dict[str, Question], question: str, answer: str
) -> None:
    result = score(bank, question, answer)
    flagged = result.result("off-question")
    assert flagged is not None and flagged.status == VIOLATED
    assert result.score <= 15


# -- cue salad and floors -------------------------------------------------------------------


def test_a_list_of_rubric_words_is_not_an_answer(bank: dict[str, Question]) -> None:
    salad = (
        "Thank you, grateful, decided not to accept, hard decision, stay in touch, LinkedIn, "
        "current employer, team lead role."
    )
    result = score(bank, "decline-offer", salad)
    assert result.reading is not None and result.reading.sentences[0][1] == "list"
    assert result.score < 30
    thin = score(bank, "decline-offer", "Thank you, but I've decided not to accept.")
    assert thin.score > result.score


FRAGMENT_SALAD = (
    "Thank you. Decided not to accept. Hard decision. Stay in touch. LinkedIn. "
    "Current employer. Goals."
)


def test_rubric_notes_split_by_full_stops_earn_like_a_list(bank: dict[str, Question]) -> None:
    notes = score(bank, "decline-offer", FRAGMENT_SALAD)
    listed = score(bank, "decline-offer", FRAGMENT_SALAD.replace(".", ",")[:-1] + ".")
    assert notes.reading is not None
    assert {shape for _, shape, _ in notes.reading.sentences} == {"fragment"}
    assert notes.score < 30 and abs(notes.score - listed.score) <= 10
    said = notes.result("clear-no")
    assert said is not None and said.status != MET and "rather than a sentence" in said.evidence


def test_a_short_real_answer_is_not_read_as_notes(bank: dict[str, Question]) -> None:
    short = score(bank, "decline-offer", "No, thank you. I have decided to decline.")
    assert short.reading is not None
    assert {shape for _, shape, _ in short.reading.sentences} == {"sentence"}
    said = short.result("clear-no")
    assert said is not None and said.status == MET
    assert short.reading.stance.stance == "declining"
    assert short.score > score(bank, "decline-offer", FRAGMENT_SALAD).score


@pytest.mark.parametrize(
    "answer",
    [
        "Thanks so much. I'm going to say no. It was a close call. My current team has offered "
        "me the lead role. Let's keep in touch.",
        "Thank you for the offer; I've decided to decline, as I'm staying with my current "
        "employer. Stay in touch!",
    ],
)
def test_short_sentences_and_set_phrases_keep_their_points(
    bank: dict[str, Question], answer: str
) -> None:
    result = score(bank, "decline-offer", answer)
    assert result.reading is not None
    assert "fragment" not in {shape for _, shape, _ in result.reading.sentences}
    kept = result.result("keeps-relationship")
    assert kept is not None and kept.status == MET
    assert result.score >= 70


def test_a_lone_word_sentence_earns_like_a_word(bank: dict[str, Question]) -> None:
    """ "LinkedIn." on its own is a note, not an offer to keep in contact."""
    answer = "Thank you for the offer. I've decided not to accept. LinkedIn."
    result = score(bank, "decline-offer", answer)
    kept = result.result("keeps-relationship")
    assert kept is not None and kept.status != MET and "sentence 3" in kept.evidence


def test_in_an_answer_that_lists_a_short_comma_run_is_a_list_too(
    bank: dict[str, Question],
) -> None:
    listing = (
        "Thank you, I appreciate it, I'm grateful. I have decided, my decision, withdraw my "
        "acceptance, won't be joining."
    )
    result = score(bank, "why-backing-out", listing)
    assert result.reading is not None
    assert [shape for _, shape, _ in result.reading.sentences] == ["list", "list"]
    thanks = result.result("thanks")
    assert thanks is not None and thanks.status != MET
    said = "Thank you, I appreciate it, I'm grateful. I have decided to withdraw my acceptance."
    thanked = score(bank, "why-backing-out", said).result("thanks")
    assert thanked is not None and thanked.status == MET


def test_a_list_of_rubric_words_ranks_below_one_point_said_plainly(
    bank: dict[str, Question],
) -> None:
    """A list touches every criterion for a fraction of each; that fraction earns no
    delivery points and takes no stance, so a thin real answer stays above it."""
    listed = score(
        bank,
        "why-backing-out",
        "Sorry, thank you, withdraw my acceptance, as soon as, other candidates, relocating, "
        "my partner, I know this leaves you.",
    )
    thin = score(bank, "why-backing-out", "Sorry, I can't join anymore.")
    assert listed.reading is not None and not listed.reading.stance.fitting
    assert thin.reading is not None and thin.reading.stance.fitting
    assert thin.score > listed.score + 10


def test_a_thin_answer_beats_a_single_word(bank: dict[str, Question]) -> None:
    for question, thin in (
        ("decline-offer", "I'm declining, sorry."),
        ("why-backing-out", "Sorry, I can't join anymore."),
        ("why-changed-mind", "I realised I actually want the job. Sorry."),
    ):
        assert score(bank, question, thin).score > score(bank, question, "No.").score > 0 or (
            score(bank, question, thin).score > 0
        )
        assert score(bank, question, thin).score > score(bank, question, "No.").score


def test_a_flawed_answer_that_makes_its_points_stays_above_one_that_makes_none(
    bank: dict[str, Question],
) -> None:
    blaming = DECLINE + " Honestly the process was a shambles and your recruiter was useless."
    assert score(bank, "decline-offer", blaming).score > score(bank, "decline-offer", "No.").score
    assert score(bank, "decline-offer", blaming).score > 10


def test_delivery_points_need_content(bank: dict[str, Question]) -> None:
    """A long, first-person answer with names and numbers but none of the content earns
    little for length, detail and confidence."""
    story = (
        "I started in customer support in 2015, moved into analytics at Barclays after two "
        "years, and for the last four I have run reporting for a bank in Leeds. I coach an "
        "under-twelves team on Saturdays and I bake bread on Sundays with my daughter."
    )
    assert score(bank, "decline-offer", story).score <= 15


# -- explainable ----------------------------------------------------------------------------


def test_every_point_shows_its_words_and_a_suggestion(bank: dict[str, Question]) -> None:
    for question, answer in (("decline-offer", DECLINE), ("why-backing-out", BACK_OUT)):
        result = score(bank, question, answer + " Honestly your recruiter was clueless.")
        for r in result.results:
            if r.status == MET and r.max_points and r.kind == "include":
                assert r.spans and r.sentence >= 1, r.id
            if r.status == VIOLATED:
                assert r.spans and r.suggestion, r.id


def test_every_bundled_criterion_names_its_passage(bank: dict[str, Question]) -> None:
    for question in bank.values():
        for criterion in question.rubric.criteria:
            assert len(criterion.grounds.split()) >= 5, (question.id, criterion.id)


def test_capitals_read_as_shouting(bank: dict[str, Question]) -> None:
    calm = "I won't be coming, and thank you for the offer; it's just not for me."
    loud = "I AM NOT COMING. Id say THANKS but HONESTLY it's just NOT FOR ME."
    flagged = score(bank, "why-backing-out", loud).result("shouting")
    assert flagged is not None and flagged.status == VIOLATED
    assert "COMING" in {s.text for s in flagged.spans}
    assert score(bank, "why-backing-out", calm).result("shouting") is None
    assert score(bank, "why-backing-out", loud).score < score(bank, "why-backing-out", calm).score


def test_a_fitting_stance_keeps_a_thin_answer_on_the_question(bank: dict[str, Question]) -> None:
    thin = "I just changed my mind, that's all. Is the job still going?"
    result = score(bank, "why-changed-mind", thin)
    assert result.result("off-question") is None and result.score > 0


def test_sarcasm_is_not_read_straight(bank: dict[str, Question]) -> None:
    sneer = "Oh sure, I'd love to stay in touch with a team that ghosted me for a month."
    straight = "I'd love to stay in touch with the team I met."
    sneering = score(bank, "decline-offer", sneer)
    assert sneering.reading is not None and sneering.reading.sentences[0][1] == "sarcasm"
    assert sneering.result("keeps-relationship").status != MET  # type: ignore[union-attr]
    assert sneering.result("no-blame").status == VIOLATED  # type: ignore[union-attr]
    assert score(bank, "decline-offer", straight).result("keeps-relationship").status == MET  # type: ignore[union-attr]
