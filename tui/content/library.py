"""All guidance at once (checklists, questions, templates), loaded once per data directory."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tui.content.checklists import Checklist, load_checklists
from tui.content.loading import Loaded
from tui.content.questions import load_questions
from tui.content.templates import Template, load_templates
from tui.model.question import Question
from tui.tomlio.errors import Problem


@dataclass
class Guidance:
    checklists: Loaded[Checklist] = field(default_factory=Loaded)
    questions: Loaded[Question] = field(default_factory=Loaded)
    templates: Loaded[Template] = field(default_factory=Loaded)

    @property
    def problems(self) -> list[Problem]:
        return [*self.checklists.problems, *self.questions.problems, *self.templates.problems]


def load_guidance(user_dir: Path | None) -> Guidance:
    return Guidance(
        checklists=load_checklists(user_dir),
        questions=load_questions(user_dir),
        templates=load_templates(user_dir),
    )
