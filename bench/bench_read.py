"""Reading offers, in-process, per offer: OfferStore.load_all over N files (warm OS cache),
from the TOML files (no cache: a first start, or every file changed) and from the cache of
parsed offers (`.offers.cache`, what a start-up with unchanged files reads), and the parts
of a TOML read for the same files: parsing (the TOML 1.0 check and rtoml), validation by
the msgspec Structs (the happy path) and by the Fields reader (kept for bad files).

Times are this thread's CPU time (best of 3), which a busy machine inflates far less than
wall-clock time; the wall-clock time of the whole load is given too.

    python bench/bench_read.py [--offers 200 2000 10000]
"""

from __future__ import annotations

import argparse
import copy
import os
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from common import generate, load_average, temp_dir

from tui.store import offercache
from tui.store.codec import offer_from_dict
from tui.store.fastread import read_offer
from tui.store.offers import OfferStore
from tui.tomlio.tomlfile import parse_toml


@dataclass
class Read:
    offers: int
    load: float  # µs of CPU per offer, whole load_all from the TOML files
    load_wall: float  # µs per offer, wall clock
    cached: float  # µs of CPU per offer, whole load_all from the cache
    parse: float
    fast: float
    fields: float
    memory: float  # MiB held by the loaded offers (tracemalloc)
    cache_size: float  # MiB of the cache file


def best_of(runs: int, call: Callable[[], object], clock=time.thread_time) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = clock()
        call()
        times.append(clock() - start)
    return min(times)


def wait_until_cacheable(files: list[Path]) -> None:
    """Files written less than RACY_NS ago are not cached (see offercache): wait for them."""
    newest = max(max(p.stat().st_mtime_ns, p.stat().st_ctime_ns) for p in files)
    wait = (newest + offercache.RACY_NS - time.time_ns()) / 1e9
    if wait > 0:
        time.sleep(wait + 0.01)


def measure(data_dir: Path, offers: int, runs: int = 3) -> Read:
    store = OfferStore(data_dir)
    files = store.offer_files()
    per = 1e6 / len(files)
    cache = data_dir / offercache.NAME
    cache.unlink(missing_ok=True)  # load_all never writes it: every run reads the files
    load = best_of(runs, store.load_all) * per
    load_wall = best_of(runs, store.load_all, time.perf_counter) * per
    wait_until_cacheable(files)
    store.load_all()
    store.write_cache()
    cached = best_of(runs, store.load_all) * per
    data = [(p, p.read_bytes()) for p in files]
    parse = best_of(runs, lambda: [parse_toml(p, d, fast=True) for p, d in data]) * per
    tables = [(p.stem, parse_toml(p, d, fast=True)) for p, d in data]
    copies = [copy.deepcopy(tables) for _ in range(runs)]  # the Fields reader keeps them
    fast = best_of(runs, lambda: [read_offer(t, i) for i, t in tables]) * per
    fields = best_of(runs, lambda: [offer_from_dict(t, i) for i, t in copies.pop()]) * per
    tracemalloc.start()
    kept = OfferStore(data_dir).load_all()
    memory = tracemalloc.get_traced_memory()[0] / 2**20
    tracemalloc.stop()
    del kept
    size = os.stat(cache).st_size / 2**20
    return Read(offers, load, load_wall, cached, parse, fast, fields, memory, size)


def report(r: Read) -> list[str]:
    return [
        f"{r.offers} offers: read one offer {r.load:.1f} µs CPU ({r.load_wall:.1f} wall; "
        f"load_all / {r.offers}); of which "
        f"parse {r.parse:.1f} µs, msgspec validation {r.fast:.1f} µs (Fields reader would be "
        f"{r.fields:.1f} µs); loaded offers hold {r.memory:.1f} MiB",
        f"{r.offers} offers: read one offer from the cache {r.cached:.1f} µs CPU "
        f"({r.load / r.cached:.1f} x faster; cache file {r.cache_size:.1f} MiB)",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--offers", type=int, nargs="+", default=[200, 2000, 10000])
    args = parser.parse_args()
    print(load_average())
    with temp_dir() as home:
        for offers in args.offers:
            for line in report(measure(generate(home, offers, 0), offers)):
                print(line)


if __name__ == "__main__":
    main()
