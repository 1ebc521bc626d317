"""How well the scorer orders graded answers, against word count and a bag-of-words cosine
to the question's model answers. Prints, for the development part and the held-out part,
pairwise accuracy and Spearman per failure kind (see bench/accuracy.py for definitions).

    python bench/bench_accuracy.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy import Graded, Row, cosine_to_models, load, table

from tui.content.questions import load_questions
from tui.rehearsal.scorer import score_answer
from tui.rehearsal.text import word_count

METHODS = ("scorer", "cosine", "words")


def methods() -> dict:
    questions = load_questions(None).items

    def scorer(g: Graded) -> float:
        return float(score_answer(questions[g.question], g.text).score)

    def cosine(g: Graded) -> float:
        return cosine_to_models(g.text, questions[g.question].model_answers)

    def words(g: Graded) -> float:
        return float(word_count(g.text))

    return {"scorer": scorer, "cosine": cosine, "words": words}


def render(title: str, rows: list[Row]) -> str:
    head = f"{'kind':<14}{'n':>4}{'pairs':>7}"
    head += "".join(f"{'pw ' + m:>11}" for m in METHODS)
    head += "".join(f"{'rho ' + m:>12}" for m in METHODS)
    head += f"{'margin':>9}"
    lines = [title, head]
    for r in rows:
        line = f"{r.label:<14}{r.answers:>4}{r.pairs:>7}"
        line += "".join(f"{r.pairwise[m]:>11.3f}" for m in METHODS)
        line += "".join(f"{r.spearman[m]:>12.3f}" for m in METHODS)
        line += f"{r.pairwise['scorer'] - r.pairwise['cosine']:>+9.3f}"
        lines.append(line)
    return "\n".join(lines)


def main() -> None:
    chosen = methods()
    for part in ("dev", "held-out"):
        items = load(part)
        print(render(f"\n{part}: {len(items)} answers", table(items, chosen)))
    print("\nmargin = scorer pairwise - cosine pairwise (goal: >= +0.05 on every kind)")


if __name__ == "__main__":
    main()
