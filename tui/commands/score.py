"""`offer-tui score`: score a typed answer to a rehearsal question, as text or JSON."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from tui.commands.output import emit, emit_data, error
from tui.content.questions import load_questions
from tui.model import Offer
from tui.model.limits import MAX_ANSWER, too_long
from tui.model.question import Question
from tui.model.visible import json_safe, visible
from tui.rehearsal.context import ScoreContext
from tui.rehearsal.personalize import personalize, score_context
from tui.rehearsal.result import MET, VIOLATED, Score
from tui.rehearsal.scorer import score_answer
from tui.tomlio.errors import DataError, did_you_mean

EXIT_OK = 0
EXIT_USAGE = 2
MARKS = {MET: "+", "missed": "-", VIOLATED: "!"}


class UsageError(Exception):
    pass


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "score",
        help="score an answer to a rehearsal question",
        description="Score an answer (from --file or standard input) against a question's rubric.",
    )
    parser.add_argument("--question", required=True, metavar="ID", help="question id")
    parser.add_argument("--file", metavar="F", help="read the answer from F ('-' = stdin)")
    parser.add_argument("--offer", metavar="OFFER_ID", help="personalise with this offer")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--save", action="store_true", help="keep the attempt in history")
    parser.add_argument(
        "--explain",
        action="store_true",
        help="also print the sentence-level reading: stance, criteria met per sentence, relevance",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    data_dir = args.settings.data_dir
    try:
        question = _question(data_dir, args.question)
        offer = _offer(data_dir, args.offer) if args.offer else None
        answer = _read_answer(args.file)
        long = too_long(answer, MAX_ANSWER) if args.save else None
        if long:  # refused before anything is scored or written
            raise UsageError(f"the answer {long} (a saved answer); nothing was saved")
    except UsageError as exc:
        error(f"offer-tui score: {exc}")
        return EXIT_USAGE
    question = personalize(question, offer)
    context = score_context(offer)
    result = score_answer(question, answer, context)
    if args.save:
        _save(data_dir, result, answer, offer)
    if args.json:
        payload = json.dumps(_payload(question, result, context), indent=2, ensure_ascii=False)
        emit_data(json_safe(payload) + "\n")
    else:
        emit(report(question, result))
        if args.explain:
            emit("\n" + explain(result))
    return EXIT_OK


def _question(data_dir: Path, question_id: str) -> Question:
    loaded = load_questions(data_dir)
    for problem in loaded.problems:
        if problem.severity == "error":
            error(f"warning: {problem}")
    question = loaded.get(question_id)
    if question is None:
        raise UsageError(f"unknown question `{question_id}`{_hint(question_id, loaded.items)}")
    return question


def _offer(data_dir: Path, offer_id: str) -> Offer:
    from tui.store.offers import OfferStore

    result = OfferStore(data_dir).load_all()
    offer = result.offers.get(offer_id)
    if offer is None:
        bad = [p for p in result.problems if p.file.stem == offer_id]
        if bad:
            raise UsageError(f"offer `{offer_id}` cannot be read: {bad[0]}")
        raise UsageError(f"unknown offer `{offer_id}`{_hint(offer_id, result.offers)}")
    return offer


def _hint(name: str, known: dict[str, Any]) -> str:
    close = did_you_mean(name, known)
    if close:
        return f"; did you mean `{close}`?"
    sample = ", ".join(sorted(known)[:6])
    return f"; known: {sample}{' ...' if len(known) > 6 else ''}" if known else ""


def _read_answer(file: str | None) -> str:
    if file in (None, "-"):
        text = _read_stdin()
    else:
        try:
            text = Path(file).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"cannot read {file}: {exc}") from None
    if not text.strip():
        raise UsageError("the answer is empty; type or pipe an answer to score")
    return text


def _read_stdin() -> str:
    if sys.stdin is None:
        raise UsageError("standard input is closed; pipe an answer in or use --file")
    if sys.stdin.isatty():
        error("Type your answer, then ctrl+d on a line of its own (ctrl+c gives up).")
    try:
        return sys.stdin.read()
    except UnicodeDecodeError:
        raise UsageError("standard input is not UTF-8 text") from None
    except OSError as exc:
        raise UsageError(f"cannot read standard input: {exc.strerror or exc}") from None


def _save(data_dir: Path, result: Score, answer: str, offer: Offer | None) -> None:
    from tui.store.attempts import AttemptStore

    attempt = result.to_attempt(answer, dt.datetime.now(), offer_id=offer.id if offer else "")
    try:
        AttemptStore(data_dir).add(attempt)
    except (DataError, OSError, ValueError) as exc:
        error(f"warning: attempt not saved: {exc}")


def _payload(question: Question, result: Score, context: ScoreContext) -> dict[str, Any]:
    payload = result.to_dict()
    payload["question_text"] = question.text
    payload["context"] = question.context
    payload["offer"] = context.offer_id
    return payload


def report(question: Question, result: Score) -> str:
    lines = [
        f"{question.id}: {question.text}",
        f"  ({question.context})",
        "",
        f"Score {result.score}/100  {result.grade}  ({result.words} words)",
        "",
    ]
    for r in result.results:
        points = f"{r.points:+.0f}" + (f"/{r.max_points:.0f}" if r.max_points else "")
        lines.append(f"  {MARKS.get(r.status, '?')} {r.status:<8} {points:>7}  {r.label}")
        lines.append(f"      {r.evidence}")
        if r.status != MET:
            lines.append(f"      -> {r.suggestion}")
    if result.follow_ups:
        lines += ["", "They may ask next:"]
        lines += [f"  - {f.text}" for f in result.follow_ups]
    return "\n".join(lines)


SHAPES = {
    "list": "a list of words, not a sentence: its points count for a fifth",
    "fragment": "words without a sentence: its points count for a fifth",
    "salad": "packed with rubric words: its points count for a quarter",
    "sarcasm": "said with a sneer: its points do not count",
}


def explain(result: Score) -> str:
    """How the scorer read the answer: its stance, whether it is on the question, and which
    sentence met (or broke) each criterion, with the article passage behind it."""
    reading = result.reading
    if reading is None or not reading.sentences:
        return "Reading: nothing to read yet."
    stance, relevance = reading.stance, reading.relevance
    expected = f" (this question asks for: {stance.expected})" if stance.expected else ""
    lines = ["Reading", f"  Stance: {stance.stance}{expected}"]
    if stance.contradiction:
        lines.append(f"  Contradiction: {_quoted(stance.contradiction)}")
    if stance.conflict:
        lines.append(f"  Off the question: answers as if {stance.conflict}")
    topic = "on the question" if relevance.on_topic else "mostly about something else"
    lines.append(
        f"  Relevance: {relevance.share:.0%} of {relevance.words} content words are about "
        f"this question ({topic})"
    )
    lines += ["", "  Sentences:"]
    for number, shape, text in reading.sentences:
        lines.append(f"  {number}. {_quoted(text)}")
        if shape in SHAPES:
            lines.append(f"       ({SHAPES[shape]})")
        for r in result.results:
            if r.sentence == number:
                lines.append(f"       {MARKS.get(r.status, '?')} {r.label}")
    whole = [r for r in result.results if not r.sentence and r.max_points and r.status != MET]
    if whole:
        lines += ["", "  Not met in any sentence:"]
        lines += [f"    - {r.label}: {r.suggestion}" for r in whole]
    grounded = [r for r in result.results if r.grounds]
    if grounded:
        lines += ["", "  Where the rubric comes from:"]
        lines += [f"    {r.label}: {r.source}, {r.grounds}" for r in grounded]
    return "\n".join(lines)


def _quoted(text: str) -> str:
    """An answer's words on one line, control characters made visible."""
    return visible(text, single_line=True)
