"""Rehearsal questions: schema, strict parsing, loading (bundled + the user's own).

A question file holds shared `[[criterion]]` tables (used by every question in the file
unless a question lists them in `skip`) and `[[question]]` tables with their own
`[[question.criterion]]` and `[[question.follow_up]]`. See guidance/questions/README.md.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tui.content.loading import Loaded, load_kind
from tui.model.ids import is_valid_id
from tui.model.question import (
    CONCEPTS,
    KINDS,
    PLACEHOLDERS,
    SCENARIOS,
    SOURCES,
    STANCES,
    WHEN,
    Criterion,
    FollowUp,
    Question,
    Rubric,
)
from tui.model.status import Status
from tui.tomlio.errors import DataError, FieldError, Problem, did_you_mean
from tui.tomlio.fields import Fields
from tui.tomlio.tomlfile import field_problems

VERSION = 1
MAX_TEXT = 4000
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


# -- parsing -------------------------------------------------------------------------------


def parse_questions(path: Path, table: dict[str, Any], text: str) -> list[Question]:
    """Parse one question file; raises DataError listing every problem with line/column."""
    top = Fields(table, strict=True)
    version = top.int("version", default=VERSION)
    if version is not None and version > VERSION:
        top.error("version", f"is {version}; this offer-tui reads question files up to {VERSION}")
    shared = [_criterion(f) for f in top.tables("criterion")]
    _unique(top, "criterion", shared)
    questions = [_question(f, shared) for f in top.tables("question")]
    if "question" not in table:
        top.error(None, "has no [[question]] tables")
    top.finish()
    if top.errors:
        raise DataError(_problems(path, text, top.errors))
    return [q for q in questions if q is not None]


def _criterion(f: Fields) -> Criterion:
    kind = f.choice("kind", KINDS, "include", required=True)
    crit = Criterion(
        id=_id(f),
        label=f.str("label", required=True, max_len=200),
        kind=kind,
        source=_source(f),
        suggestion=f.str("suggestion", required=True, max_len=MAX_TEXT),
        points=f.number("points", 0.0) or 0.0,
        penalty=f.number("penalty", 0.0) or 0.0,
        cues=tuple(_cues(f, "cues")),
        counter_cues=tuple(_cues(f, "counter_cues")),
        patterns=tuple(_patterns(f)),
        when=f.choice("when", WHEN, "always"),
        min_hits=f.int("min_hits", 1, minimum=1) or 1,
        per_hit=f.number("per_hit", 0.0) or 0.0,
        min_words=f.int("min_words", 0, minimum=0) or 0,
        max_words=f.int("max_words", 0, minimum=0) or 0,
        cap=f.int("cap", None, minimum=0),
        negation=f.bool("negation", True),
        fuzzy=f.bool("fuzzy", True),
        concepts=tuple(_concepts(f)),
        exceptions=tuple(_cues(f, "exceptions")),
        grounds=_grounds(f),
    )
    _check_criterion(f, crit)
    f.finish()
    return crit


def _check_criterion(f: Fields, c: Criterion) -> None:
    if c.points < 0 or c.penalty < 0:
        f.error(None, "points and penalty are amounts; write them as positive numbers")
    if c.positive and c.points <= 0:
        f.error("points", f"a `{c.kind}` criterion needs points > 0")
    if c.kind in ("avoid", "filler", "consistent") and c.penalty <= 0:
        f.error("penalty", f"an `{c.kind}` criterion needs a penalty > 0")
    if c.kind in ("include", "avoid", "filler") and not (c.cues or c.patterns or c.concepts):
        f.error("cues", f"an `{c.kind}` criterion needs cues, patterns or concepts")
    if c.kind == "length" and not 0 < c.min_words < c.max_words:
        f.error("max_words", "a `length` criterion needs 0 < min_words < max_words")
    if c.kind == "filler" and c.per_hit <= 0:
        f.error("per_hit", "a `filler` criterion needs per_hit > 0")


def _question(f: Fields, shared: list[Criterion]) -> Question | None:
    skip = f.str_list("skip")
    shared_ids = {c.id for c in shared}
    for name in skip:
        if name not in shared_ids:
            _unknown_id(f, "skip", name, shared_ids, "shared criterion")
    own = [_criterion(c) for c in f.tables("criterion")]
    _unique(f, "criterion", own)
    own_ids = {c.id for c in own}
    merged = [c for c in shared if c.id not in skip and c.id not in own_ids] + own
    if not any(c.positive for c in merged):
        f.error("criterion", "needs at least one criterion that earns points")
    rubric = Rubric(tuple(merged), f.int("pass_mark", 70, minimum=1) or 70)
    follow_ups = [_follow_up(t, rubric) for t in f.tables("follow_up")]
    question = Question(
        id=_id(f),
        scenario=f.choice("scenario", SCENARIOS, "going-back", required=True),
        title=f.str("title", required=True, max_len=120),
        text=_plain(f, "text", required=True),
        context=_plain(f, "context", required=True),
        source=_source(f),
        rubric=rubric,
        model_answers=tuple(_model_answers(f)),
        follow_ups=tuple(follow_ups),
        personal_text=_template(f, "personal_text"),
        personal_context=_template(f, "personal_context"),
        statuses=tuple(_statuses(f)),
        stance=f.choice("stance", STANCES, ""),
    )
    f.finish()
    return question


def _follow_up(f: Fields, rubric: Rubric) -> FollowUp:
    known = {c.id for c in rubric.criteria}
    follow = FollowUp(
        id=_id(f),
        text=f.str("text", required=True, max_len=MAX_TEXT),
        when_any=tuple(_cues(f, "when_any")),
        when_missed=tuple(f.str_list("when_missed")),
        when_violated=tuple(f.str_list("when_violated")),
    )
    for key in ("when_missed", "when_violated"):
        for name in getattr(follow, key):
            if name not in known:
                _unknown_id(f, key, name, known, "criterion of this question")
    if not (follow.when_any or follow.when_missed or follow.when_violated):
        f.error(None, "needs when_any, when_missed or when_violated")
    f.finish()
    return follow


# -- field helpers -------------------------------------------------------------------------


def _id(f: Fields) -> str:
    value = f.str("id", required=True)
    if value and not is_valid_id(value):
        f.error("id", f"{value!r} is not an id (lowercase letters, digits and -)")
    return value


def _source(f: Fields) -> str:
    """A seed article by file name stem. A near-miss of a known one is a typo."""
    value = f.str("source", required=True)
    if value and value not in SOURCES:
        hint = did_you_mean(value, SOURCES)
        if hint:
            f.error("source", f"unknown source {value!r}; did you mean `{hint}`?")
    return value


def _cues(f: Fields, key: str) -> list[str]:
    cues = f.str_list(key)
    for index, cue in enumerate(cues):
        stripped = cue.strip()
        if not stripped or stripped.startswith("*") or stripped.endswith("*"):
            f.errors.append(
                FieldError((*f.path, key, index), "a cue needs words; `*` only between words")
            )
    return cues


def _concepts(f: Fields) -> list[str]:
    names = f.str_list("concepts")
    for name in names:
        if name not in CONCEPTS:
            _unknown_id(f, "concepts", name, CONCEPTS, "concept")
    return names


MAX_GROUNDS = 300


def _grounds(f: Fields) -> str:
    """Where in the criterion's `source` article the advice comes from: a locator and a short
    paraphrase in our own words ("5. Provide valuable insight: pay can be useful feedback")."""
    value = f.str("grounds", max_len=MAX_GROUNDS)
    if "grounds" in f.data and len(value.split()) < 3:
        f.error("grounds", "name the article passage: a locator and a short paraphrase")
    return value


def _patterns(f: Fields) -> list[str]:
    patterns = f.str_list("patterns")
    for index, pattern in enumerate(patterns):
        try:
            re.compile(pattern)
        except re.error as exc:
            f.errors.append(
                FieldError((*f.path, "patterns", index), f"not a regular expression: {exc}")
            )
    return patterns


def _plain(f: Fields, key: str, required: bool = False) -> str:
    value = f.str(key, required=required, max_len=MAX_TEXT)
    if _PLACEHOLDER.search(value):
        f.error(key, f"has a {{placeholder}}; put that wording in personal_{key}")
    return value


def _template(f: Fields, key: str) -> str:
    value = f.str(key, max_len=MAX_TEXT)
    for name in _PLACEHOLDER.findall(value):
        if name not in PLACEHOLDERS:
            hint = did_you_mean(name, PLACEHOLDERS)
            extra = f" (did you mean `{{{hint}}}`?)" if hint else ""
            known = ", ".join(f"{{{p}}}" for p in sorted(PLACEHOLDERS))
            f.error(key, f"unknown placeholder {{{name}}}{extra}; known: {known}")
    return value


def _model_answers(f: Fields) -> list[str]:
    answers = f.str_list("model_answers")
    if not answers:
        f.error("model_answers", "needs one or two model answers")
    return answers


def _statuses(f: Fields) -> list[str]:
    known = [s.value for s in Status]
    values = f.str_list("statuses")
    for name in values:
        if name not in known:
            _unknown_id(f, "statuses", name, known, "offer status")
    return values


def _unknown_id(f: Fields, key: str, name: str, known: Any, what: str) -> None:
    hint = did_you_mean(name, known)
    extra = f"; did you mean `{hint}`?" if hint else ""
    f.error(key, f"{name!r} is not a {what}{extra}")


def _unique(f: Fields, key: str, items: list[Criterion]) -> None:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            f.error(key, f"criterion id `{item.id}` is used twice")
        seen.add(item.id)


# -- locating problems ---------------------------------------------------------------------

_QUESTION_HEADER = re.compile(r"^\s*\[\[\s*question\s*\]\]")


def _problems(path: Path, text: str, errors: list[FieldError]) -> list[Problem]:
    """field_problems, but a nested `[[question.criterion]]` index is counted within its own
    question (the generic locator counts them across the whole file)."""
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if _QUESTION_HEADER.match(line)]
    problems: list[Problem] = []
    for error in errors:
        path_ = error.key_path
        if len(path_) >= 2 and path_[0] == "question" and isinstance(path_[1], int):
            index = path_[1]
            if index < len(starts):
                first = starts[index]
                last = starts[index + 1] if index + 1 < len(starts) else len(lines)
                local = FieldError(("question", 0, *path_[2:]), error.message)
                found = field_problems(path, "".join(lines[first:last]), [local])[0]
                line = found.line + first if found.line is not None else None
                problems.append(Problem(path, error.message, line, found.column, path_))
                continue
        problems.extend(field_problems(path, text, [error]))
    return problems


# -- loading -------------------------------------------------------------------------------


def load_questions(user_dir: Path | None) -> Loaded[Question]:
    """Bundled questions plus `<user_dir>/questions/*.toml` (same id replaces, with a notice)."""
    return load_kind("questions", parse_questions, user_dir)


def check_questions(user_dir: Path | None) -> list[Problem]:
    """Every problem in the bundled and the user's question files."""
    return list(load_questions(user_dir).problems)
