"""How well the scorer orders graded answers, against word count and a bag-of-words cosine
to the question's model answers. Prints, for the development part and the held-out part,
pairwise accuracy and Spearman per failure kind (see bench/accuracy.py for definitions).

    python bench/bench_accuracy.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy import Graded, Row, cosine_to_models, load, probes, table

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


def timing(items: list[Graded], rounds: int = 5) -> str:
    """Per-score time over every answer of the set, warm (each answer scored once first)."""
    questions = load_questions(None).items
    for g in items:
        score_answer(questions[g.question], g.text)
    wall, cpu = [], []
    for _ in range(rounds):
        for g in items:
            start, start_cpu = time.perf_counter_ns(), time.thread_time_ns()
            score_answer(questions[g.question], g.text)
            cpu.append((time.thread_time_ns() - start_cpu) / 1e6)
            wall.append((time.perf_counter_ns() - start) / 1e6)

    def p95(values: list[float]) -> float:
        return sorted(values)[int(len(values) * 0.95) - 1]

    return (
        f"score time over {len(items)} answers x {rounds}: wall median "
        f"{statistics.median(wall):.3f} p95 {p95(wall):.3f} ms; cpu median "
        f"{statistics.median(cpu):.3f} p95 {p95(cpu):.3f} ms"
    )


def main() -> None:
    chosen = methods()
    every: list[Graded] = []
    for part in ("dev", "held-out"):
        items = load(part)
        every += items
        print(render(f"\n{part}: {len(items)} answers", table(items, chosen)))
    print("\nmargin = scorer pairwise - cosine pairwise (goal: >= +0.05 on every kind)")
    print(probe_line())
    print(timing(every))


def probe_line() -> str:
    """Minimal pairs held by each method (better answer strictly above the worse one)."""
    questions = load_questions(None).items
    chosen = probes()
    held = {"scorer": 0, "cosine": 0, "words": 0}
    for p in chosen:
        q = questions[p.question]
        pairs = {
            "scorer": (score_answer(q, p.better).score, score_answer(q, p.worse).score),
            "cosine": (
                cosine_to_models(p.better, q.model_answers),
                cosine_to_models(p.worse, q.model_answers),
            ),
            "words": (word_count(p.better), word_count(p.worse)),
        }
        for name, (better, worse) in pairs.items():
            held[name] += better > worse
    shown = ", ".join(f"{name} {count}" for name, count in held.items())
    return f"probes held (tests/scoring/probes.toml, {len(chosen)} pairs): {shown}"


if __name__ == "__main__":
    main()
