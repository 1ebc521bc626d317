"""Never lose data: an offer file survives its writer being SIGKILLed at any moment.

A real child process saves one offer in an endless loop, alternating small and large
(200 KB notes) contents; the test kills it with SIGKILL 0-30 ms after it says it is ready,
hundreds of times, and after every kill checks that the file parses and holds exactly one
of the known versions (never a mix, never empty), and that leftover temp files are never
read as offers.

Spawning a fresh Python per kill costs ~150 ms, so most children are forked from a
"zygote" process that has already imported the store (the children are still separate
processes writing through OfferStore); a few are spawned fresh for good measure.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from tui.model import Offer
from tui.store.offers import OfferStore

pytestmark = pytest.mark.slow

KILLS_FORKED = 300
KILLS_SPAWNED = 10
MAX_DELAY = 0.030

COMMON = r"""
VERSIONS = 4

def variant(k):
    size = 200_000 if k % 2 else 40
    return f"<{k}>" + chr(ord("a") + k) * size + f"</{k}>"

def save_forever(root, offer_id, start):
    import os
    from pathlib import Path
    from tui.store.offers import OfferStore
    store = OfferStore(Path(root))
    loaded = store.load_all()
    offer = loaded.offers[offer_id]
    os.write(1, f"ready {os.getpid()}\n".encode())
    k = start
    while True:
        k = (k + 1) % VERSIONS
        offer.notes = variant(k)
        offer.role = f"role-{k}"
        offer.compensation.base = 1000 * k
        store.save(offer)
"""

ZYGOTE = (
    COMMON
    + r"""
import os, random, sys, traceback
import tui.store.offers  # imported once; every fork starts warm

root, offer_id = sys.argv[1], sys.argv[2]
for line in sys.stdin:
    if line.strip() != "go":
        break
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        try:
            save_forever(root, offer_id, random.randrange(VERSIONS))
        except BaseException:
            traceback.print_exc()
        os._exit(3)
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(f"reaped {status}\n")
    sys.stdout.flush()
"""
)

SPAWNED = COMMON + "\nimport sys\nsave_forever(sys.argv[1], sys.argv[2], int(sys.argv[3]))\n"

ns: dict = {}
exec(COMMON, ns)
KNOWN = {ns["variant"](k): k for k in range(ns["VERSIONS"])}


class Tally:
    def __init__(self) -> None:
        self.kills = 0
        self.mid_write = 0  # kills that left a temp file behind (died inside a write)
        self.seen: dict[int, int] = {}


def check_after_kill(root: Path, offer_id: str, tally: Tally) -> None:
    offers = root / "offers"
    path = offers / f"{offer_id}.toml"
    data = path.read_bytes()
    assert data, "offer file is empty after a kill"
    tomllib.loads(data.decode("utf-8"))  # parses
    loaded = OfferStore(root).load_all()
    assert loaded.problems == [], loaded.problems
    assert list(loaded.offers) == [offer_id], "a temp file was read as an offer"
    offer = loaded.offers[offer_id]
    assert offer.notes in KNOWN, "notes are not one of the known versions (torn write?)"
    k = KNOWN[offer.notes]
    assert offer.role == f"role-{k}" and offer.compensation.base == 1000 * k, "mixed versions"
    assert offer.company == "Crash Test Inc"
    temps = list(offers.glob(".*.tmp"))
    if temps:
        tally.mid_write += 1
        for temp in temps:
            temp.unlink()
    tally.kills += 1
    tally.seen[k] = tally.seen.get(k, 0) + 1


def _expect_killed(status: int, who: str) -> None:
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (
        f"{who} ended with status {status} instead of being killed (see stderr)"
    )


def _new_offer(root: Path) -> str:
    store = OfferStore(root)
    store.ensure()
    offer = Offer(company="Crash Test Inc", role="role-0", notes=ns["variant"](0))
    offer.compensation.base = 0
    return store.add(offer).id


def _run_forked(root: Path, offer_id: str, rng: random.Random, tally: Tally) -> None:
    zygote = subprocess.Popen(
        [sys.executable, "-c", ZYGOTE, str(root), offer_id],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    assert zygote.stdin is not None and zygote.stdout is not None
    try:
        for _ in range(KILLS_FORKED):
            zygote.stdin.write("go\n")
            zygote.stdin.flush()
            ready = zygote.stdout.readline().split()
            assert ready and ready[0] == "ready", f"child did not start: {ready}"
            time.sleep(rng.uniform(0, MAX_DELAY))
            os.kill(int(ready[1]), signal.SIGKILL)
            reaped = zygote.stdout.readline().split()
            assert reaped and reaped[0] == "reaped", f"zygote said {reaped}"
            _expect_killed(int(reaped[1]), "forked writer")
            check_after_kill(root, offer_id, tally)
    finally:
        zygote.stdin.close()
        zygote.wait(timeout=10)


def _run_spawned(root: Path, offer_id: str, rng: random.Random, tally: Tally) -> None:
    for _ in range(KILLS_SPAWNED):
        child = subprocess.Popen(
            [sys.executable, "-c", SPAWNED, str(root), offer_id, str(rng.randrange(4))],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        assert child.stdout.readline().startswith("ready")
        time.sleep(rng.uniform(0, MAX_DELAY))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        assert child.returncode == -signal.SIGKILL, f"spawned writer ended {child.returncode}"
        check_after_kill(root, offer_id, tally)


def test_sigkill_mid_save_never_corrupts(data_dir: Path, capsys: pytest.CaptureFixture[str]):
    seed = int(os.environ.get("CRASH_SEED", time.time_ns() % 100_000))
    rng = random.Random(seed)
    offer_id = _new_offer(data_dir)
    tally = Tally()
    started = time.monotonic()
    _run_spawned(data_dir, offer_id, rng, tally)
    _run_forked(data_dir, offer_id, rng, tally)
    elapsed = time.monotonic() - started
    with capsys.disabled():
        print(
            f"\ncrash-safety: {tally.kills} kills survived ({KILLS_SPAWNED} fresh processes, "
            f"{KILLS_FORKED} forked; {tally.mid_write} died mid-write leaving a temp file; "
            f"versions found {dict(sorted(tally.seen.items()))}; seed {seed}; {elapsed:.1f} s)"
        )
    assert tally.kills == KILLS_FORKED + KILLS_SPAWNED
    assert len(tally.seen) > 1, "the writer never got a save done; the test proves nothing"
    assert tally.mid_write > 0, "no kill landed inside a write; the test proves too little"
