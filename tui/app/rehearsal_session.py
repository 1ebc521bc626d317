"""The rehearsal pane's controller: which question is asked, scoring, attempts and history.

No widgets here: the pane calls these methods and renders what they return. Scoring is a
pure function (tui.rehearsal.scorer), fast enough to call on every keystroke.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from tui.model import Offer
from tui.model.attempt import Attempt
from tui.model.clock import now as wall_now
from tui.model.history import History, as_history
from tui.model.question import FollowUp, Question, Rubric
from tui.rehearsal.context import ScoreContext
from tui.rehearsal.personalize import personalize, score_context
from tui.rehearsal.result import VIOLATED, Score
from tui.rehearsal.schedule import Ranked, rank, trend
from tui.rehearsal.scorer import score_answer
from tui.store.attempts import AttemptStore

# A follow-up has no rubric of its own; its answer is judged on the parent question's
# habits (no money, no blame, no filler, confidence, length), not on its specific content.
FOLLOW_UP_KINDS = ("avoid", "filler", "consistent", "confident", "length")


@dataclass
class Round:
    """One question put to the user and, once submitted, how the answer did."""

    question: Question  # as asked: personalised, or a follow-up built from its parent
    offer: Offer | None
    context: ScoreContext
    started: float  # monotonic clock
    parent: Question | None = None  # set for a follow-up round
    previous: int | None = None  # the score of the try before this one (try again)
    answer: str = ""
    score: Score | None = None
    seconds: float = 0.0

    @property
    def submitted(self) -> bool:
        return self.score is not None

    @property
    def offer_id(self) -> str:
        return self.offer.id if self.offer else ""

    @property
    def model_answers(self) -> tuple[str, ...]:
        return (self.parent or self.question).model_answers


class RehearsalSession:
    def __init__(
        self,
        store: AttemptStore,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], dt.datetime] = wall_now,
    ) -> None:
        self.store = store  # the app's one attempt store
        self.clock = clock
        self.wall = wall
        self.questions: dict[str, Question] = {}
        self.history = History()  # attempts per question, shared with the app's load
        self.round: Round | None = None
        self._follow_ups: dict[tuple[str, str], Question] = {}

    # -- data ------------------------------------------------------------------------------
    def use(self, questions: Mapping[str, Question], attempts: History | Iterable[Attempt]) -> None:
        self.questions = dict(questions)
        self.history = as_history(attempts)
        self._follow_ups.clear()

    def last_scores(self) -> dict[str, int]:
        """Question id -> its latest score."""
        return self.history.last_scores()

    def trend(self) -> list[int]:
        return trend(self.history, self.round.question.id, limit=12) if self.round else []

    # -- choosing --------------------------------------------------------------------------
    def ranked(self, offer: Offer | None) -> list[Ranked]:
        status = offer.status.value if offer else None
        return rank(self.questions.values(), self.history, self.wall(), status=status)

    def next_up(self, offer: Offer | None) -> Ranked | None:
        """What the schedule would ask next, other than the current question."""
        current = self._base_id()
        return next((r for r in self.ranked(offer) if r.question.id != current), None)

    def _base_id(self) -> str:
        if self.round is None:
            return ""
        return (self.round.parent or self.round.question).id

    # -- rounds ----------------------------------------------------------------------------
    def start(self, question: Question, offer: Offer | None) -> Round:
        self.round = Round(
            question=personalize(question, offer, self.wall().date()),
            offer=offer,
            context=score_context(offer),
            started=self.clock(),
        )
        return self.round

    def start_next(self, offer: Offer | None) -> Round | None:
        """The weakest, stalest question for this offer's status (another one if possible)."""
        ranked = self.next_up(offer) or next(iter(self.ranked(offer)), None)
        if ranked is None and offer is not None:
            ranked = self.next_up(None)  # nothing fits this status: any question will do
        return self.start(ranked.question, offer) if ranked else None

    def restart_for(self, offer: Offer | None) -> Round | None:
        """The current question asked again for another offer (if it fits its status)."""
        current = self.questions.get(self._base_id())
        if current is not None and (offer is None or current.fits_status(offer.status.value)):
            return self.start(current, offer)
        return self.start_next(offer)

    def retry(self) -> Round | None:
        """The same question again, answer cleared, the last score kept for comparison."""
        old = self.round
        if old is None:
            return None
        previous = old.score.score if old.score else old.previous
        self.round = replace(
            old, started=self.clock(), previous=previous, answer="", score=None, seconds=0.0
        )
        return self.round

    def follow_ups(self) -> list[FollowUp]:
        """The follow-ups the submitted answer triggered, the one a mistake (a violated
        criterion) provoked first: that is what an interviewer would pick up on. None after
        a follow-up round."""
        old = self.round
        if old is None or old.score is None or old.parent is not None:
            return []
        violated = {r.id for r in old.score.with_status(VIOLATED)}
        return sorted(old.score.follow_ups, key=lambda f: not violated & set(f.when_violated))

    def pending_follow_up(self) -> FollowUp | None:
        return next(iter(self.follow_ups()), None)

    def start_follow_up(self) -> Round | None:
        follow = self.pending_follow_up()
        old = self.round
        if follow is None or old is None:
            return None
        self.round = Round(
            question=self._follow_up_question(old.question, follow),
            offer=old.offer,
            context=old.context,
            started=self.clock(),
            parent=old.question,
        )
        return self.round

    def _follow_up_question(self, parent: Question, follow: FollowUp) -> Question:
        # Kept per (question, follow-up) so the scorer's compiled-rubric cache is reused.
        key = (parent.id, follow.id)
        if key not in self._follow_ups:
            habits = tuple(c for c in parent.rubric.criteria if c.kind in FOLLOW_UP_KINDS)
            if not any(c.positive for c in habits):
                habits = parent.rubric.criteria
            self._follow_ups[key] = replace(
                parent,
                id=f"{parent.id}/{follow.id}",
                title=f"Follow-up: {follow.text}",
                text=follow.text,
                context=f"The interviewer follows up on: {parent.title}",
                rubric=Rubric(habits, parent.rubric.pass_mark),
                follow_ups=(),
                personal_text="",
                personal_context="",
            )
        return self._follow_ups[key]

    # -- answering -------------------------------------------------------------------------
    def elapsed(self) -> float:
        if self.round is None:
            return 0.0
        if self.round.submitted:
            return self.round.seconds
        return max(0.0, self.clock() - self.round.started)

    def live(self, answer: str) -> Score | None:
        if self.round is None:
            return None
        return score_answer(self.round.question, answer, self.round.context)

    def submit(self, answer: str) -> Attempt | None:
        """Score the answer, close the round and keep the attempt in memory; the caller saves
        it with `save` (off the UI thread)."""
        r = self.round
        if r is None or r.submitted:
            return None
        r.seconds = self.elapsed()
        r.answer = answer
        r.score = score_answer(r.question, answer, r.context)
        attempt = r.score.to_attempt(answer, self.wall(), r.seconds, r.offer_id)
        self.history.add(attempt)
        return attempt

    def save(self, attempt: Attempt) -> Path:
        return self.store.add(attempt)

    def change(self) -> str:
        """'62 -> 81, +19' after a try again, else ''."""
        r = self.round
        if r is None or r.score is None or r.previous is None:
            return ""
        delta = r.score.score - r.previous
        return f"{r.previous} -> {r.score.score}, {delta:+d}"
