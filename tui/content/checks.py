"""Validation of all guidance for `offer-tui check`: schema errors, unknown placeholders,
and references from checklist items to templates and rehearsal questions."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tui.content.checklists import Checklist, load_checklists
from tui.content.loading import Loaded
from tui.content.questions import check_questions, load_questions
from tui.content.templates import PLACEHOLDERS, Template, load_templates, placeholder_names
from tui.tomlio.errors import KeyPath, Problem, did_you_mean
from tui.tomlio.tomlfile import locate


def question_ids(user_dir: Path | None) -> set[str]:
    """Ids of the questions that exist (bundled and the user's)."""
    return set(load_questions(user_dir).items)


def _located(path: Path, key_path: KeyPath, message: str) -> Problem:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        text = ""
    where = locate(text, key_path) if text else None
    line, column = where if where else (None, None)
    return Problem(path, message, line, column, key_path)


def _unknown(kind: str, name: str, known: Iterable[str]) -> str:
    hint = did_you_mean(name, known)
    extra = f"; did you mean `{hint}`?" if hint else ""
    return f"names {kind} `{name}`, which does not exist{extra}"


def template_problems(templates: Loaded[Template]) -> list[Problem]:
    problems = []
    for tid, template in templates.items.items():
        path = templates.origins[tid]
        for name in template.unknown_placeholders():
            hint = did_you_mean(name, PLACEHOLDERS)
            extra = f"did you mean `{{{hint}}}`?" if hint else f"known: {', '.join(PLACEHOLDERS)}"
            key = "body" if name in placeholder_names(template.body) else "subject"
            problems.append(_located(path, (key,), f"unknown placeholder `{{{name}}}`; {extra}"))
    return problems


def reference_problems(
    checklists: Loaded[Checklist], template_ids: Iterable[str], questions: Iterable[str]
) -> list[Problem]:
    templates, known_questions = set(template_ids), set(questions)
    problems = []
    for cid, checklist in checklists.items.items():
        path = checklists.origins[cid]
        for index, item in enumerate(checklist.items):
            if item.template and item.template not in templates:
                message = _unknown("template", item.template, templates)
                problems.append(_located(path, ("item", index, "template"), message))
            if item.rehearse and item.rehearse not in known_questions:
                problems.append(_question_problem(path, index, item.rehearse, known_questions))
    return problems


def _question_problem(path: Path, index: int, wanted: str, known: set[str]) -> Problem:
    return _located(path, ("item", index, "rehearse"), _unknown("question", wanted, known))


def check_guidance(user_dir: Path | None) -> list[Problem]:
    """Every problem in the bundled and the user's checklists, templates and questions.
    Overrides of bundled items come back as Problems with severity "notice"."""
    checklists = load_checklists(user_dir)
    templates = load_templates(user_dir)
    problems = [*checklists.problems, *templates.problems]
    problems += template_problems(templates)
    problems += reference_problems(checklists, templates.items, question_ids(user_dir))
    problems += check_questions(user_dir)
    return problems
