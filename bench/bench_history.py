"""Rehearsal history at 500, 5,000 and 50,000 attempts, in-process.

- load: AttemptStore.load_all (parse, validate, per-question index), in the background
  after the list in the app;
- save: AttemptStore.add of one more attempt to the fullest month's file, after a load
  (as in the app), fsync included (the time inside fsync is also given on its own: it
  depends on the disk);
- next question: what the schedule asks next (rank over the bundled questions from the
  per-question index), as the rehearsal pane does after each answer.

    python bench/bench_history.py [--attempts 500 5000 50000]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import time
import tracemalloc
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench_save import counting_fsync
from common import generate, load_average, median, temp_dir

from tui.content.questions import load_questions
from tui.rehearsal.schedule import rank
from tui.store.attempts import AttemptStore

SAVES = 50
PICKS = 200


@dataclass
class History:
    attempts: int
    month_file: int = 0  # attempts in the month file saved to
    load: list[float] = field(default_factory=list)  # ms
    save: list[float] = field(default_factory=list)  # ms
    fsync: list[float] = field(default_factory=list)  # ms of each save spent in os.fsync
    pick: list[float] = field(default_factory=list)  # ms
    memory: float = 0.0  # MiB allocated by the load (tracemalloc)


def measure(data_dir: Path, attempts: int, loads: int = 3) -> History:
    result = History(attempts)
    store = AttemptStore(data_dir)
    for _ in range(loads):
        start = time.perf_counter()
        loaded = store.load_all()
        result.load.append((time.perf_counter() - start) * 1000)
    tracemalloc.start()
    loaded = store.load_all()
    result.memory = tracemalloc.get_traced_memory()[0] / 2**20
    tracemalloc.stop()
    months = Counter(store.month_path(a.at) for a in loaded.attempts)
    month, result.month_file = months.most_common(1)[0]
    sample = next(a for a in reversed(loaded.attempts) if store.month_path(a.at) == month)
    real_fsync = os.fsync
    os.fsync = counting_fsync(spent := [])  # type: ignore[assignment]
    try:
        for n in range(SAVES):
            spent.clear()
            start = time.perf_counter()
            store.add(dataclasses.replace(sample, id=f"bench{n:04d}"))
            result.save.append((time.perf_counter() - start) * 1000)
            result.fsync.append(sum(spent))
    finally:
        os.fsync = real_fsync  # type: ignore[assignment]
    latest = loaded.attempts[-1]
    questions = list(load_questions(None).items.values())
    now = latest.at + dt.timedelta(days=1)
    for _ in range(PICKS):
        start = time.perf_counter()
        rank(questions, loaded.history, now)
        result.pick.append((time.perf_counter() - start) * 1000)
    return result


def report(h: History) -> list[str]:
    return [
        f"{h.attempts} attempts: load {median(h.load):.0f} ms ({h.memory:.0f} MiB); save one "
        f"(month file of {h.month_file}) p50 {median(h.save):.2f} max {max(h.save):.2f} ms, of "
        f"which fsync p50 {median(h.fsync):.2f} ms; "
        f"next question p50 {median(h.pick):.3f} max {max(h.pick):.3f} ms"
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--attempts", type=int, nargs="+", default=[500, 5000, 50000])
    args = parser.parse_args()
    print(load_average())
    with temp_dir() as home:
        for attempts in args.attempts:
            data = generate(home, 20, attempts, name=f"history-{attempts}")
            for line in report(measure(data, attempts)):
                print(line)


if __name__ == "__main__":
    main()
