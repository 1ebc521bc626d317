"""Rehearsal history indexed by question: each question's attempts, oldest first."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Sequence

from tui.model.attempt import Attempt


def _when(attempt: Attempt) -> dt.datetime:
    return attempt.at


class History:
    """Each question's attempts, oldest first, kept as attempts load and as they are made."""

    def __init__(self, attempts: Iterable[Attempt] = ()) -> None:
        self._by_question: dict[str, list[Attempt]] = {}
        self._count = 0
        for attempt in attempts:
            self.add(attempt)

    def add(self, attempt: Attempt) -> None:
        past = self._by_question.setdefault(attempt.question_id, [])
        if past and attempt.at < past[-1].at:
            bisect.insort_right(past, attempt, key=_when)  # after equal times: load order
        else:
            past.append(attempt)
        self._count += 1

    def of(self, question_id: str) -> Sequence[Attempt]:
        """This question's attempts, oldest first."""
        return self._by_question.get(question_id, ())

    def last_scores(self) -> dict[str, int]:
        """Question id -> its latest score."""
        return {qid: past[-1].score for qid, past in self._by_question.items()}

    def __len__(self) -> int:
        return self._count


def as_history(attempts: History | Iterable[Attempt]) -> History:
    return attempts if isinstance(attempts, History) else History(attempts)
