"""`offer-tui check`: validate the data directory and the guidance without opening a screen.

Exit 0 when every file is fine (notices are printed but do not fail), 2 otherwise, with one
line per problem: `path:line:col: message`."""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.commands.output import emit, error
from tui.tomlio.errors import Problem


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "check",
        help="validate data files and guidance; print path:line:col: problem",
        description="Validate the offers, rehearsal history, your own checklists, questions "
        "and templates, and the bundled guidance. Exit 0 if all is well, 2 otherwise.",
    )
    parser.add_argument("--quiet", action="store_true", help="print nothing when all is well")
    parser.set_defaults(func=run)


def collect(root: Path, config_problems: list[Problem]) -> list[Problem]:
    from tui.content.checks import check_guidance
    from tui.content.questions import load_questions
    from tui.rehearsal.calibration import model_answer_notices
    from tui.store.attempts import AttemptStore
    from tui.store.offers import OfferStore

    problems: list[Problem] = []
    problems += OfferStore(root).load_all().problems
    problems += AttemptStore(root).load_all().problems
    problems += check_guidance(root)
    questions = load_questions(root)
    problems += model_answer_notices(questions.items, questions.origins)
    problems += config_problems
    return problems


def run(args: argparse.Namespace) -> int:
    problems = collect(args.settings.data_dir, args.settings_problems)
    errors = [p for p in problems if p.severity == "error"]
    for problem in problems:
        if problem.severity == "error":
            error(str(problem))
        else:
            emit(f"note: {problem}")
    if errors:
        error(f"offer-tui check: {len(errors)} problem(s); files were left unchanged.")
        return 2
    if not args.quiet:
        emit("offer-tui check: all files are valid.")
    return 0
