"""One edit saved at 2,000 offers: OfferStore.save of one changed offer, in-process, after
load_all (the conflict check re-reads the file, the merge keeps unknown keys, the write is
atomic with fsync of the file and its folder). The time spent inside os.fsync is also
given on its own: it depends on the disk, not on offer-tui.

    /work/venv/bin/python bench/bench_save.py [--offers 2000] [--saves 200]
"""

from __future__ import annotations

import argparse
import copy
import os
import time
from collections.abc import Callable
from pathlib import Path

from common import generate, load_average, median, p95, temp_dir

from tui.store.offers import OfferStore


def counting_fsync(spent: list[float]) -> Callable[[int], None]:
    real = os.fsync

    def fsync(fd: int) -> None:
        start = time.perf_counter()
        real(fd)
        spent.append((time.perf_counter() - start) * 1000)

    return fsync


def measure(data_dir: Path, saves: int) -> dict[str, list[float]]:
    store = OfferStore(data_dir)
    offers = list(store.load_all().offers.values())
    figures: dict[str, list[float]] = {"save": [], "fsync": [], "load_all": []}
    real_fsync = os.fsync
    os.fsync = counting_fsync(spent := [])  # type: ignore[assignment]
    try:
        for n in range(saves):
            draft = copy.deepcopy(offers[(n * 7919) % len(offers)])
            draft.notes = f"edited {n}"
            spent.clear()
            start = time.perf_counter()
            store.save(draft)
            figures["save"].append((time.perf_counter() - start) * 1000)
            figures["fsync"].append(sum(spent))
    finally:
        os.fsync = real_fsync  # type: ignore[assignment]
    for _ in range(3):
        start = time.perf_counter()
        OfferStore(data_dir).load_all()
        figures["load_all"].append((time.perf_counter() - start) * 1000)
    return figures


def report(figures: dict[str, list[float]], offers: int) -> list[str]:
    save, fsync = figures["save"], figures["fsync"]
    without = [s - f for s, f in zip(save, fsync, strict=True)]
    return [
        f"{offers} offers: save one edit  p50 {median(save):6.2f}  p95 {p95(save):6.2f} ms"
        f"  ({len(save)} saves)",
        f"{offers} offers:   of which fsync  p50 {median(fsync):6.2f}  p95 {p95(fsync):6.2f} ms;"
        f" without fsync p50 {median(without):6.2f}  p95 {p95(without):6.2f} ms",
        f"{offers} offers: load_all (in-process, warm cache) median "
        f"{median(figures['load_all']):.0f} ms",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--offers", type=int, default=2000)
    parser.add_argument("--saves", type=int, default=200)
    args = parser.parse_args()
    print(load_average())
    with temp_dir() as home:
        data = generate(home, args.offers, attempts=50)
        for line in report(measure(data, args.saves), args.offers):
            print(line)


if __name__ == "__main__":
    main()
