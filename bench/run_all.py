"""Every performance figure of issue 18 against its goal, in one run, from a wheel install.

    python bench/run_all.py [--runs 7] [--quick] [--markdown]

Run with the project's virtualenv python (it has the build tools and every dependency).
It builds a wheel of the working tree, installs it into a fresh virtualenv in a temporary
folder (dependencies are taken from the running interpreter's site-packages, so nothing
is downloaded), and runs itself again from there: the app is timed as installed, compiled
once, never from the source tree. Data comes from bench/generate.py (seed 1); everything
is removed at the end, tmux servers included. Start-up figures are ratios to a bare
Textual app (bench/bare_app.py) started interleaved in the same run, each noted with
its ratio to the floor, a bare Textual app doing the same start-up work
(bench/bare_floor.py), started interleaved too; key figures come
with the same work done by bare Textual widgets (bench/bare_widgets.py). The load average
is printed before and after: this machine is shared, and wall-clock times move with it.

--quick: two start-ups each, the two smaller sizes only (a smoke test, about a minute).
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
INSIDE = "OFFER_TUI_BENCH_WHEEL"  # set when running from the wheel's virtualenv


# -- the wheel install ------------------------------------------------------------------------


def install_wheel(folder: Path) -> Path:
    """A virtualenv in `folder` with offer-tui installed from a freshly built wheel."""
    dist = folder / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "-o", str(dist), str(ROOT)],
        check=True,
        capture_output=True,  # setuptools' warnings about package data folders
    )
    venv = folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # The dependencies (and pip) from this interpreter; its .pth files, and so an editable
    # install of offer-tui, are not read from there.
    Path(site, "_offer_tui_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    [wheel] = dist.glob("*.whl")
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
    )
    return python


def reexec_from_wheel(argv: Sequence[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="offer-tui-wheel-") as folder:
        print("building and installing the wheel…", flush=True)
        python = install_wheel(Path(folder))
        env = {**os.environ, INSIDE: "1"}
        return subprocess.run([str(python), str(BENCH / "run_all.py"), *argv], env=env).returncode


# -- figures --------------------------------------------------------------------------------


@dataclass
class Figure:
    what: str
    value: float
    unit: str  # "x bare", "ms", "s", "µs"
    goal: float | None
    note: str = ""

    @property
    def met(self) -> bool | None:
        return None if self.goal is None else self.value <= self.goal

    def line(self) -> str:
        mark = {True: "ok  ", False: "MISS", None: "    "}[self.met]
        goal = f"<= {self.goal:g} {self.unit}" if self.goal is not None else ""
        return f"{mark} {self.what:<58} {self.value:9.2f} {self.unit:<7} {goal:<16} {self.note}"


def growth(sizes: Sequence[float], values: Sequence[float]) -> str:
    """The exponent of a power law fitted to (size, value): 1 is linear, 0 constant."""
    points = [(math.log(s), math.log(v)) for s, v in zip(sizes, values, strict=True) if v > 0]
    if len(points) < 2:
        return "n/a"
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / sum(
        (x - mean_x) ** 2 for x, _ in points
    )
    flag = "  WORSE THAN LINEAR" if slope > 1.15 else ""
    return f"grows as size^{slope:.2f}{flag}"


def step(name: str, call: Callable[[], list[str]]) -> None:
    start = time.perf_counter()
    for line in call():
        print(f"  {line}", flush=True)
    print(f"  ({name}: {time.perf_counter() - start:.0f} s)", flush=True)


class Run:
    def __init__(self, home: Path, runs: int, quick: bool) -> None:
        self.home, self.runs, self.quick = home, runs, quick
        self.figures: list[Figure] = []
        self.series: list[str] = []
        self.offer_sizes = [200, 2000] if quick else [200, 2000, 10000]
        self.attempt_sizes = [500, 5000] if quick else [500, 5000, 50000]

    def data(self, offers: int, attempts: int) -> Path:
        from common import generate

        return generate(self.home, offers, attempts)

    def add(self, *figures: Figure) -> None:
        self.figures.extend(figures)

    # -- steps ------------------------------------------------------------------------
    def generator(self) -> list[str]:
        offers, attempts = (2000, 5000) if self.quick else (10000, 50000)
        start = time.perf_counter()
        self.data(offers, attempts)
        took = time.perf_counter() - start
        self.add(Figure(f"generate {offers:,} offers + {attempts:,} attempts", took, "s", 60))
        return [f"generator: {offers} offers and {attempts} attempts in {took:.1f} s"]

    def startup(self) -> list[str]:
        import bench_startup

        lines: list[str] = []
        cases = [(200, 50), (200, 5000), (2000, 200)]
        if not self.quick:
            cases.append((10000, 500))  # the 50,000-attempt set is for the history figures
        results = {}
        for offers, attempts in cases:
            data = self.data(offers, attempts)
            result = bench_startup.measure(data, offers, self.runs, self.home, attempts)
            results[(offers, attempts)] = result
            lines += bench_startup.report(result)
        first = results[(200, 50)]
        wall, cpu, _, _ = first.floor_to_bare
        self.add(
            Figure("first frame, 200 offers: wall", first.ratio, "x bare", 1.10,
                   floor_note(first.floor_ratio, wall)),
            Figure("first frame, 200 offers: CPU", first.cpu_ratio, "x bare", 1.10,
                   floor_note(first.floor_cpu_ratio, cpu)),
        )  # fmt: skip
        goals = {(200, 50): 1.3, (200, 5000): 1.3, (2000, 200): 2.0, (10000, 500): 5.0}
        for (offers, attempts), result in results.items():
            self.add(
                Figure(
                    f"list complete, {offers:,} offers, {attempts:,} attempts",
                    result.complete_ratio,
                    "x bare",
                    goals.get((offers, attempts)),
                    f"{median_ms(result.app):.0f} ms; "
                    + floor_note(result.floor_complete_ratio, result.floor_to_bare[2]),
                )
            )
        for (offers, attempts), result in results.items():
            if offers >= 2000:  # a first start: no offer cache yet, every file parsed
                self.add(
                    Figure(
                        f"list complete, {offers:,} offers, first start (no cache)",
                        result.cold_ratio,
                        "x bare",
                        goals.get((offers, attempts)),
                        f"{median_ms(result.cold):.0f} ms; "
                        + floor_note(result.floor_cold_ratio, result.floor_to_bare[2]),
                    )
                )
        rss_goals = {200: 1.3, 2000: 1.6, 10000: 2.5}
        by_offers = {o: r for (o, a), r in results.items() if a != 5000}
        for offers, result in by_offers.items():
            self.add(
                Figure(
                    f"peak RSS, {offers:,} offers",
                    result.rss_ratio,
                    "x bare",
                    rss_goals.get(offers),
                    f"{median_of(result.app_rss) / 1024:.0f} MiB; "
                    + floor_note(result.floor_rss_ratio, result.floor_to_bare[3]),
                )
            )
        sizes = sorted(by_offers)
        self.series += [
            "offers " + " / ".join(f"{n:,}" for n in sizes) + ":",
            "  list complete "
            + " / ".join(f"{median_ms(by_offers[n].app):.0f}" for n in sizes)
            + " ms, "
            + growth(sizes, [median_ms(by_offers[n].app) for n in sizes]),
            "  peak RSS "
            + " / ".join(f"{median_of(by_offers[n].app_rss) / 1024:.0f}" for n in sizes)
            + " MiB, "
            + growth(sizes, [median_of(by_offers[n].app_rss) for n in sizes]),
        ]
        return lines

    def reading(self) -> list[str]:
        import bench_read

        attempts = {200: 50, 2000: 200, 10000: 500}  # data sets made for the start-ups
        reads = [bench_read.measure(self.data(n, attempts[n]), n) for n in self.offer_sizes]
        self.add(Figure("reading one offer (CPU), 2,000 offers", reads[1].load, "µs", 100))
        sizes = [r.offers for r in reads]
        self.series += [
            "  read per offer (CPU) "
            + " / ".join(f"{r.load:.0f}" for r in reads)
            + " µs; load_all total "
            + " / ".join(f"{r.load * r.offers / 1000:.0f}" for r in reads)
            + " ms, "
            + growth(sizes, [r.load * r.offers for r in reads]),
        ]
        return [line for r in reads for line in bench_read.report(r)]

    def history(self) -> list[str]:
        import bench_history

        results = []
        for attempts in self.attempt_sizes:
            offers = {500: 20, 5000: 200, 50000: 10000}[attempts]
            results.append(bench_history.measure(self.data(offers, attempts), attempts))
        for h in results:
            self.add(
                Figure(
                    f"save one attempt, month file of {h.month_file:,} (p50)",
                    median_of(h.save),
                    "ms",
                    10,
                    f"fsync {median_of(h.fsync):.1f} ms",
                ),
                Figure(
                    f"pick the next question, {h.attempts:,} attempts (p50)",
                    median_of(h.pick),
                    "ms",
                    5 if h.attempts == 50000 else None,
                ),
            )
        sizes = [h.attempts for h in results]
        load = [median_of(h.load) for h in results]
        save = [median_of(h.save) for h in results]
        pick = [median_of(h.pick) for h in results]
        self.series += [
            "attempts " + " / ".join(f"{n:,}" for n in sizes) + ":",
            "  history load (background) "
            + " / ".join(f"{v:.0f}" for v in load)
            + " ms, "
            + growth(sizes, load),
            "  history memory "
            + " / ".join(f"{h.memory:.0f}" for h in results)
            + " MiB, "
            + growth(sizes, [h.memory for h in results]),
            "  save one attempt " + " / ".join(f"{v:.2f}" for v in save) + " ms, "
            + growth(sizes, save),
            "  next question " + " / ".join(f"{v:.3f}" for v in pick) + " ms, "
            + growth(sizes, pick),
        ]  # fmt: skip
        return [line for h in results for line in bench_history.report(h)]

    def keys(self) -> list[str]:
        import bench_keys

        offers = 2000
        result = bench_keys.measure(self.data(offers, 200), offers)
        goals = {"filter": 33, "move selection": 33, "tab switch": 100, "score (ctrl+s)": 100}
        for name, values in result.app.items():
            bare = result.bare.get(name)
            note = (
                f"bare Textual {median_of(bare):.0f} ms: {result.ratio(name):.2f} x" if bare else ""
            )
            cpu, bare_cpu = result.app_cpu.get(name), result.bare_cpu.get(name)
            if cpu and bare_cpu:
                cpu_ratio = median_of(cpu) / median_of(bare_cpu)
                note += f"; CPU {median_of(cpu):.0f} ms: {cpu_ratio:.2f} x"
            self.add(
                Figure(
                    f"key to screen settled, {offers:,} offers: {name}",
                    median_of(values),
                    "ms",
                    goals.get(name),
                    note,
                )
            )
        return bench_keys.report(result)

    def scoring(self) -> list[str]:
        from bench_score import timed, words

        from tui.content.questions import load_questions

        question = load_questions(None).items["why-changed-mind"]
        wall, cpu = timed(question, words(150), 300)
        self.add(
            Figure("score a 150-word answer (the scorer alone, p50)", median_of(wall), "ms", 2)
        )
        return [f"150 words: wall p50 {median_of(wall):.3f} ms, cpu p50 {median_of(cpu):.3f} ms"]

    def offer_save(self) -> list[str]:
        import bench_save

        result = bench_save.measure(self.data(2000, 200), saves=100)
        self.add(Figure("save one offer edit, 2,000 offers (p50)", median_of(result["save"]),
                        "ms", 5, f"fsync {median_of(result['fsync']):.1f} ms"))  # fmt: skip
        return bench_save.report(result, 2000)


def markdown(figures: Sequence[Figure]) -> list[str]:
    """The figures as README's performance table (one run, as printed above)."""
    lines = ["| | figure | measured | goal | note |", "|---|---|---|---|---|"]
    for f in figures:
        mark = {True: "met", False: "**missed**", None: ""}[f.met]
        goal = f"<= {f.goal:g} {f.unit}" if f.goal is not None else ""
        lines.append(f"| {mark} | {f.what} | {f.value:.2f} {f.unit} | {goal} | {f.note} |")
    return lines


def floor_note(ratio: float, floor_to_bare: float) -> str:
    """Our ratio to the floor (bench/bare_floor.py: bare Textual doing the same work),
    and the floor's own ratio to the bare app."""
    return f"{ratio:.2f} x floor (floor {floor_to_bare:.2f} x bare)"


def median_of(values: Sequence[float]) -> float:
    from common import median

    return median(values)


def median_ms(values: Sequence[float]) -> float:
    return median_of(values) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="start-ups of each program")
    parser.add_argument("--quick", action="store_true", help="a short smoke run")
    parser.add_argument(
        "--markdown", action="store_true", help="also print the figures as a Markdown table"
    )
    args = parser.parse_args()
    if not os.environ.get(INSIDE):
        raise SystemExit(reexec_from_wheel(sys.argv[1:]))
    from common import load_average, temp_dir

    import tui

    runs = 2 if args.quick else args.runs
    print(f"offer-tui from {Path(tui.__file__).parent} (wheel install); {load_average()}")
    with temp_dir() as home:
        run = Run(home, runs, args.quick)
        step("generator", run.generator)
        step("start-up", run.startup)
        step("reading offers", run.reading)
        step("history", run.history)
        step("keys", run.keys)
        step("scorer", run.scoring)
        step("offer save", run.offer_save)
    print(load_average())
    print()
    for figure in run.figures:
        print(figure.line())
    print()
    print("scale series (growth fitted; worse than linear is flagged):")
    for line in run.series:
        print(f"  {line}")
    if args.markdown:
        print()
        print("\n".join(markdown(run.figures)))


if __name__ == "__main__":
    main()
