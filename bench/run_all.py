"""Every performance figure with its target, in one run (about 2-3 minutes).

    /work/venv/bin/python bench/run_all.py [--runs 10]

Data directories come from bench/generate.py (seed 1) in a temporary folder, removed at
the end, as are the tmux servers. Figures are wall-clock times on this machine under
whatever else it is running: the load average is printed before and after.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from dataclasses import dataclass

import bench_filter
import bench_save
import bench_startup
from bench_score import timed, words
from common import generate, load_average, median, p95, temp_dir

from tui.content.questions import load_questions


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    target: float

    @property
    def met(self) -> bool:
        return self.value <= self.target

    def line(self) -> str:
        mark = "ok  " if self.met else "MISS"
        return (
            f"{mark} {self.name:<44} {self.value:8.2f} {self.unit:<7} target <= "
            f"{self.target:g} {self.unit}"
        )


def startup_figures(home, runs: int) -> tuple[list[Figure], list[str]]:  # type: ignore[no-untyped-def]
    small = bench_startup.measure(generate(home, 200, 50), 200, runs, home)
    big = bench_startup.measure(generate(home, 2000, 200), 2000, runs, home)
    figures = [
        Figure("first paint, 200 offers (x bare Textual app)", small.ratio, "x bare", 1.15),
        Figure("first paint, 2,000 offers (x bare)", big.ratio, "x bare", 1.5),
        Figure("list complete, 2,000 offers", median(big.app), "s", 1.0),
        Figure("peak RSS, 2,000 offers (x bare)", big.rss_ratio, "x bare", 1.3),
    ]
    return figures, bench_startup.report(small) + bench_startup.report(big)


def save_figures(home) -> tuple[list[Figure], list[str]]:  # type: ignore[no-untyped-def]
    result = bench_save.measure(generate(home, 2000, 200), saves=200)
    figures = [
        Figure("save one edit, 2,000 offers, p50", median(result["save"]), "ms", 5.0),
        Figure("save one edit, 2,000 offers, p95", p95(result["save"]), "ms", 5.0),
    ]
    return figures, bench_save.report(result, 2000)


def filter_figures(home) -> tuple[list[Figure], list[str]]:  # type: ignore[no-untyped-def]
    result = bench_filter.measure(generate(home, 2000, 200))
    figures = [Figure("filter keystroke, 2,000 offers, p95", p95(result["key"]), "ms", 16.0)]
    return figures, bench_filter.report(result, 2000)


def score_figures() -> tuple[list[Figure], list[str]]:
    question = load_questions(None).items["why-changed-mind"]
    wall, cpu = timed(question, words(150), 1000)
    figures = [
        Figure("score a 150-word answer, p50", median(wall), "ms", 2.0),
        Figure("score a 150-word answer, p95", p95(wall), "ms", 2.0),
    ]
    detail = f"150 words ({question.id}): cpu p50 {median(cpu):.3f} p95 {p95(cpu):.3f} ms"
    return figures, [detail]


def run_step(
    name: str, step: Callable[[], tuple[list[Figure], list[str]]], out: list[Figure]
) -> None:
    start = time.perf_counter()
    figures, details = step()
    out.extend(figures)
    for line in details:
        print(f"  {line}")
    print(f"  ({name}: {time.perf_counter() - start:.0f} s)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="start-ups of each program")
    args = parser.parse_args()
    print(load_average(), flush=True)
    figures: list[Figure] = []
    with temp_dir() as home:
        run_step("score", score_figures, figures)
        run_step("save", lambda: save_figures(home), figures)
        run_step("filter", lambda: filter_figures(home), figures)
        run_step("start-up", lambda: startup_figures(home, args.runs), figures)
    print(load_average())
    print()
    for figure in figures:
        print(figure.line())


if __name__ == "__main__":
    main()
