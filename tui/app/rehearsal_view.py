"""Rich renderables for the rehearsal pane. Every piece of user or guidance text goes
through literal(): an answer is shown exactly as typed, never parsed as markup."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import Group
from rich.table import Table
from rich.text import Text

from tui.app.rehearsal_session import Round
from tui.app.text import literal
from tui.app.theme import MASK
from tui.rehearsal.result import MET, MISSED, VIOLATED, CriterionResult, Score
from tui.rehearsal.schedule import Ranked
from tui.rehearsal.text import Span

EARNED_STYLE = "bold underline green"
COST_STYLE = "bold reverse red"
MARKS = {MET: ("✓", "green"), MISSED: ("✗", "yellow"), VIOLATED: ("!", "bold red")}
SCENARIO_TITLES = {
    "declining": "Declining an offer",
    "backing-out": "Backing out of an accepted offer",
    "going-back": "Going back to an employer",
    "deciding": "Deciding",
}


def clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


# -- the question ------------------------------------------------------------------------


def heading(r: Round) -> Text:
    out = literal(r.question.title, "bold", single_line=True)
    scenario = SCENARIO_TITLES.get(r.question.scenario, r.question.scenario)
    out.append(f"  · {scenario}", style="dim")
    if r.offer is not None:
        out.append("  · for ", style="dim")
        out.append_text(literal(r.offer.company, "dim", single_line=True))
    return out


def hide_names(text: str, names: Iterable[str]) -> str:
    """Privacy mode: each of `names` in `text` shown as the mask (longest first, so a full
    name is hidden before a first name inside it)."""
    for name in sorted({n.strip() for n in names if n.strip()}, key=len, reverse=True):
        text = text.replace(name, MASK)
    return text


def interviewer_line(r: Round, hidden: Sequence[str] = ()) -> Text:
    out = Text("Interviewer: ", style="bold cyan")
    out.append_text(literal(f"“{hide_names(r.question.text, hidden)}”"))
    return out


def status_line(r: Round, seconds: float, hints_on: bool) -> Text:
    out = Text(f"Time {clock(seconds)}", style="bold" if not r.submitted else "dim")
    if r.previous is not None:
        out.append(f"  · previous try {r.previous}", style="dim")
    if not hints_on:
        out.append("  · hints off", style="dim")
    return out


# -- live hints --------------------------------------------------------------------------


def hints(score: Score | None) -> Text:
    if score is None or score.words == 0:
        return Text("Running score — start typing to see which points you have made.", "dim")
    out = Text(f"Running score {score.score}", style="bold")
    out.append(f" · {score.words} words\n", style="dim")
    for result in score.results:
        mark, style = MARKS[result.status]
        if result.status == MISSED and result.max_points == 0:
            continue
        out.append(f"{mark} ", style=style)
        out.append_text(literal(result.label, "" if result.status != MISSED else "dim"))
        out.append("  ")
    return out


# -- the breakdown -----------------------------------------------------------------------


def breakdown(r: Round, change: str, follow_ups: Sequence[str]) -> Group:
    score = r.score
    if score is None:
        return Group()
    answer = Text("\nYour answer", style="bold")
    answer.append(" (", style="dim")
    answer.append("earned points", style=EARNED_STYLE)
    answer.append(" · ", style="dim")
    answer.append("cost points", style=COST_STYLE)
    answer.append(")\n", style="dim")
    answer.append_text(highlighted(r.answer, score.results))
    if follow_ups:
        answer.append("\n\nThey may ask next:", style="bold cyan")
        for text in follow_ups:
            answer.append("\n  • ")
            answer.append_text(literal(f"“{text}”"))
        answer.append("\nctrl+n answers the first one as the next round.", style="dim")
    return Group(_score_line(r, score, change), _criteria(score.results), answer)


def _score_line(r: Round, score: Score, change: str) -> Text:
    style = "bold green" if score.passed else "bold yellow"
    out = Text(f"Score {score.score}/100 · {score.grade}", style=style)
    if change:
        out.append(f"   ({change})", style="bold")
    verdict = "passed" if score.passed else "below"
    out.append(f"\n{verdict} the pass mark {r.question.rubric.pass_mark}", style="dim")
    out.append(f" · {score.words} words in {clock(r.seconds)}\n", style="dim")
    out.append_text(reading_line(score))
    return out


def reading_line(score: Score) -> Text:
    """How the scorer read the answer as a whole: its stance and whether it is on topic."""
    reading = score.reading
    if reading is None or not score.words:
        return Text()
    stance, relevance = reading.stance, reading.relevance
    out = Text("Reading: ", style="dim")
    out.append(stance.stance if stance.stance != "none" else "stance unclear")
    if stance.expected and stance.expected != stance.stance:
        out.append(f" (wanted: {stance.expected})", style="dim")
    if stance.contradiction:
        out.append(" · contradicts itself", style="bold red")
    elif stance.conflict or not relevance.on_topic:
        out.append(" · off the question", style="bold red")
    else:
        out.append(" · on the question", style="dim")
    out.append("\n")
    return out


def _criteria(results: Iterable[CriterionResult]) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    for result in results:
        mark, style = MARKS[result.status]
        left = Text(f"{mark} {result.status:<8}\n", style=style)
        left.append(f"{_points(result):>9}", style=style)
        right = literal(result.label, "bold")
        right.append("\n")
        right.append_text(literal(result.evidence, "dim"))
        if result.status != MET and result.suggestion:
            right.append("\n→ ")
            right.append_text(literal(result.suggestion))
        table.add_row(left, right)
    return table


def _points(result: CriterionResult) -> str:
    if result.max_points > 0:
        return f"+{result.points:g}/{result.max_points:g}"
    return f"{result.points:+g}" if result.points else "0"


def highlighted(answer: str, results: Iterable[CriterionResult]) -> Text:
    """The answer, literal, with spans that earned points and spans that cost points styled.
    Built piece by piece because literal() may lengthen a control character."""
    earned = [s for r in results if r.status == MET and r.max_points > 0 for s in r.spans]
    cost = [s for r in results if r.status == VIOLATED for s in r.spans]
    styles = _char_styles(len(answer), earned, cost)
    out = Text()
    start = 0
    for index in range(1, len(answer) + 1):
        if index == len(answer) or styles[index] != styles[start]:
            out.append_text(literal(answer[start:index], styles[start]))
            start = index
    return out


def _char_styles(length: int, earned: Sequence[Span], cost: Sequence[Span]) -> list[str]:
    styles = [""] * length
    for spans, style in ((earned, EARNED_STYLE), (cost, COST_STYLE)):  # cost wins overlaps
        for span in spans:
            for index in range(max(0, span.start), min(length, span.end)):
                styles[index] = style
    return styles


def model_answers(answers: Sequence[str], follow_up: bool) -> Text:
    out = Text("Model answer" + ("s" if len(answers) > 1 else ""), style="bold")
    if follow_up:
        out.append(" (to the main question; a follow-up has none of its own)", style="dim")
    for answer in answers:
        out.append("\n")
        out.append_text(literal(answer, "italic"))
        out.append("\n")
    return out


# -- history and what's next -------------------------------------------------------------


def history_line(scores: Sequence[int]) -> Text:
    if not scores:
        return Text("History: no attempts yet", style="dim")
    out = Text("History: ", style="dim")
    out.append(" → ".join(str(s) for s in scores[-6:]), style="bold")
    out.append(f"  ({len(scores)} tries)" if len(scores) > 1 else "  (1 try)", style="dim")
    return out


def next_up_line(ranked: Ranked | None) -> Text:
    if ranked is None:
        return Text("")
    out = Text("Next up: ", style="dim")
    out.append_text(literal(ranked.question.title, single_line=True))
    out.append(f" ({ranked.why})", style="dim")
    return out
