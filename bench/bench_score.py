"""Scoring time per answer: median and p95 for short (~30 words), long (~150) and very long
(~300) answers, after warm-up. Also a "keystroke" run (the answer re-scored as it grows one
character at a time) and a cold run (typo caches cleared before every score).

Each figure is given twice: wall-clock time, and this thread's CPU time. On a busy machine
the wall-clock tail (p95) includes time the process spent waiting for a CPU; the CPU-time
figures show the scorer's own cost.

    /work/venv/bin/python bench/bench_score.py [runs]
"""

from __future__ import annotations

import statistics
import sys
import time

from tui.content.questions import load_questions
from tui.model.question import Question
from tui.rehearsal.compiled import compile_question, compiled
from tui.rehearsal.scorer import score_answer

BASE = (
    "Thank you for taking my call. When we last spoke the travel was the sticking point: two "
    "trips a month did not work while my kids were small. Since then we have hired a nanny, "
    "so that part is settled. What has not changed is how much I want this role; building the "
    "new payments platform with your team is exactly the work I am after. I understand if the "
    "position has been filled, and if so I would like to be considered for future openings. "
    "Um, I guess the salery was kind of a factor too, but honestly it was never the reason. "
)


def words(n: int) -> str:
    pool = (BASE * (n // len(BASE.split()) + 1)).split()
    return " ".join(pool[:n])


Timings = tuple[list[float], list[float]]


def timed(question: Question, answer: str, runs: int, cold: bool = False) -> Timings:
    """(wall ms, cpu ms) per run."""
    for _ in range(50):
        score_answer(question, answer)
    wall, cpu = [], []
    vocab = compiled(question).vocab
    for _ in range(runs):
        if cold:
            vocab._close.clear()
        start, start_cpu = time.perf_counter_ns(), time.thread_time_ns()
        score_answer(question, answer)
        cpu.append((time.thread_time_ns() - start_cpu) / 1e6)
        wall.append((time.perf_counter_ns() - start) / 1e6)
    return wall, cpu


def p95(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.95) - 1]


def line(label: str, timings: Timings) -> str:
    wall, cpu = timings
    return (
        f"{label:<30} wall: median {statistics.median(wall):6.3f}  p95 {p95(wall):6.3f} ms"
        f"   cpu: median {statistics.median(cpu):6.3f}  p95 {p95(cpu):6.3f} ms  ({len(wall)} runs)"
    )


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    question = load_questions(None).items["why-changed-mind"]
    print(f"question: {question.id} ({len(question.rubric.criteria)} criteria)")
    for n in (30, 150, 300):
        answer = words(n)
        print(line(f"{n} words", timed(question, answer, runs)))
        print(line(f"{n} words, typo cache cold", timed(question, answer, runs, cold=True)))
    typed = words(150)
    wall, cpu = [], []
    for end in range(1, len(typed) + 1):
        start, start_cpu = time.perf_counter_ns(), time.thread_time_ns()
        score_answer(question, typed[:end])
        cpu.append((time.thread_time_ns() - start_cpu) / 1e6)
        wall.append((time.perf_counter_ns() - start) / 1e6)
    print(line("keystrokes up to 150 words", (wall, cpu)))
    start = time.perf_counter()
    for _ in range(20):
        compile_question(question)
    print(f"compile one question (once per load): {(time.perf_counter() - start) * 50:.3f} ms")


if __name__ == "__main__":
    main()
