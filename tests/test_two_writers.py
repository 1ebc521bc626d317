"""Never lose data: two real processes writing one data directory.

Each writer is a separate Python process holding its own OfferStore, driven by JSON
commands on stdin. An edit made in one is never silently overwritten by a save in the
other: the stale save raises ConflictError, and after a reload both edits apply. Saves of
different offers from two processes, and an `offer-tui import` running beside a store, all
land."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tui.model import Offer
from tui.store.offers import OfferStore

WORKER = r'''
import json, sys, time
from pathlib import Path
from tui.model import Offer
from tui.tomlio.errors import ConflictError
from tui.store.offers import OfferStore

store = OfferStore(Path(sys.argv[1]))
offers = {}

def wait(cmd):
    start = cmd.get("start_at")
    if start:
        time.sleep(max(0.0, start - time.time()))

def save_retrying(offer_id, change):
    """Apply `change` and save; on a conflict reload and apply it again. Returns conflicts."""
    conflicts = 0
    while True:
        change(offers[offer_id])
        try:
            store.save(offers[offer_id])
            return conflicts
        except ConflictError:
            conflicts += 1
            offers[offer_id] = store.reload(offer_id)

def handle(cmd):
    op = cmd["op"]
    wait(cmd)
    if op == "load":
        result = store.load_all()
        offers.update(result.offers)
        return {"ids": sorted(result.offers), "problems": [str(p) for p in result.problems]}
    if op == "set":
        setattr(offers[cmd["id"]], cmd["field"], cmd["value"])
        return {}
    if op == "save":
        try:
            store.save(offers[cmd["id"]])
            return {"saved": True}
        except ConflictError as exc:
            return {"conflict": str(exc)}
    if op == "reload":
        offers[cmd["id"]] = store.reload(cmd["id"])
        return {}
    if op == "delete":
        store.delete(cmd["id"])
        return {}
    if op == "add_many":
        ids = []
        for i in range(cmd["n"]):
            ids.append(store.add(Offer(company=f"{cmd['tag']} {i}", role="r")).id)
        return {"ids": ids}
    if op == "append_many":
        conflicts = 0
        for i in range(cmd["n"]):
            tag = f"[{cmd['tag']}-{i}]"
            def change(offer, tag=tag):
                if tag not in offer.notes:
                    offer.notes += tag
            conflicts += save_retrying(cmd["id"], change)
        return {"conflicts": conflicts}
    if op == "save_many":
        for i in range(cmd["n"]):
            offers[cmd["id"]].notes = f"{cmd['tag']}-{i}"
            store.save(offers[cmd["id"]])
        return {}
    raise ValueError(op)

for line in sys.stdin:
    try:
        reply = handle(json.loads(line))
    except Exception as exc:
        reply = {"error": f"{type(exc).__name__}: {exc}"}
    sys.stdout.write(json.dumps(reply) + "\n")
    sys.stdout.flush()
'''


class Writer:
    """One writer process."""

    def __init__(self, root: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", WORKER, str(root)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )

    def send(self, **cmd: Any) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(cmd) + "\n")
        self.proc.stdin.flush()

    def reply(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        assert line, "writer process died"
        answer = json.loads(line)
        assert "error" not in answer, answer["error"]
        return answer

    def __call__(self, **cmd: Any) -> dict[str, Any]:
        self.send(**cmd)
        return self.reply()

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=10)


@pytest.fixture
def writers(data_dir: Path):
    made: list[Writer] = []

    def make() -> Writer:
        made.append(Writer(data_dir))
        return made[-1]

    yield make
    for writer in made:
        writer.close()


def _seed(data_dir: Path, *companies: str) -> list[str]:
    store = OfferStore(data_dir)
    store.ensure()
    return [store.add(Offer(company=c, role="Engineer")).id for c in companies]


def _both(a: Writer, b: Writer, for_a: dict[str, Any], for_b: dict[str, Any]) -> tuple[dict, dict]:
    """Send one command to each writer, to start at the same moment; wait for both."""
    start_at = time.time() + 0.2
    a.send(**for_a, start_at=start_at)
    b.send(**for_b, start_at=start_at)
    return a.reply(), b.reply()


def test_stale_save_is_refused_and_both_edits_survive(data_dir: Path, writers) -> None:
    [offer_id] = _seed(data_dir, "Acme")
    a, b = writers(), writers()
    a(op="load")
    b(op="load")
    a(op="set", id=offer_id, field="notes", value="edit from A")
    assert a(op="save", id=offer_id) == {"saved": True}

    b(op="set", id=offer_id, field="location", value="edit from B")
    refused = b(op="save", id=offer_id)
    assert "changed on disk" in refused["conflict"] and "nothing was written" in refused["conflict"]
    on_disk = OfferStore(data_dir).load_all().offers[offer_id]
    assert (on_disk.notes, on_disk.location) == ("edit from A", "")  # A's edit intact

    b(op="reload", id=offer_id)
    b(op="set", id=offer_id, field="location", value="edit from B")
    assert b(op="save", id=offer_id) == {"saved": True}
    final = OfferStore(data_dir).load_all().offers[offer_id]
    assert (final.notes, final.location) == ("edit from A", "edit from B")


def test_save_after_a_delete_elsewhere_is_refused(data_dir: Path, writers) -> None:
    [offer_id] = _seed(data_dir, "Acme")
    a, b = writers(), writers()
    a(op="load")
    b(op="load")
    a(op="delete", id=offer_id)
    b(op="set", id=offer_id, field="notes", value="too late")
    assert "conflict" in b(op="save", id=offer_id)
    assert not (data_dir / "offers" / f"{offer_id}.toml").exists()  # not resurrected
    assert list((data_dir / "backups" / "deleted").iterdir())  # and the deleted copy is kept


def test_concurrent_edits_of_one_offer_lose_nothing(
    data_dir: Path, writers, capsys: pytest.CaptureFixture[str]
) -> None:
    [offer_id] = _seed(data_dir, "Acme")
    a, b = writers(), writers()
    a(op="load")
    b(op="load")
    n = 40
    ra, rb = _both(
        a,
        b,
        {"op": "append_many", "id": offer_id, "n": n, "tag": "A"},
        {"op": "append_many", "id": offer_id, "n": n, "tag": "B"},
    )
    notes = OfferStore(data_dir).load_all().offers[offer_id].notes
    missing = [f"[{w}-{i}]" for w in "AB" for i in range(n) if f"[{w}-{i}]" not in notes]
    conflicts = ra["conflicts"] + rb["conflicts"]
    with capsys.disabled():
        print(
            f"\ntwo-writers: {2 * n} edits of one offer from 2 processes, {conflicts} stale "
            f"saves refused and redone after reload, {len(missing)} lost"
        )
    assert missing == []


def test_concurrent_saves_of_different_offers_all_land(
    data_dir: Path, writers, capsys: pytest.CaptureFixture[str]
) -> None:
    own_a, own_b = _seed(data_dir, "Alpha own", "Beta own")
    a, b = writers(), writers()
    a(op="load")
    b(op="load")
    ra, rb = _both(
        a,
        b,
        {"op": "add_many", "n": 40, "tag": "Alpha"},
        {"op": "add_many", "n": 40, "tag": "Beta"},
    )
    _both(
        a,
        b,
        {"op": "save_many", "id": own_a, "n": 60, "tag": "A"},
        {"op": "save_many", "id": own_b, "n": 60, "tag": "B"},
    )
    loaded = OfferStore(data_dir).load_all()
    assert loaded.problems == []
    assert set(ra["ids"]) | set(rb["ids"]) | {own_a, own_b} == set(loaded.offers)
    assert len(loaded.offers) == 82
    assert loaded.offers[own_a].notes == "A-59" and loaded.offers[own_b].notes == "B-59"
    with capsys.disabled():
        print(
            f"\ntwo-writers: 80 adds and 120 saves from 2 processes, {len(loaded.offers)} "
            "offers on disk, all present"
        )


def test_cli_import_beside_a_running_store(data_dir: Path, writers, tmp_path: Path) -> None:
    [own] = _seed(data_dir, "Own")
    rows = "".join(f"Imported {i},Dev,received\n" for i in range(40))
    csv_file = tmp_path / "in.csv"
    csv_file.write_text("company,role,status\n" + rows)
    b = writers()
    b(op="load")
    b.send(op="add_many", n=40, tag="Store")
    importer = subprocess.run(
        [sys.executable, "-m", "tui", "--data-dir", str(data_dir), "import", str(csv_file)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    added = b.reply()["ids"]
    assert importer.returncode == 0, importer.stderr
    loaded = OfferStore(data_dir).load_all()
    assert loaded.problems == []
    companies = sorted(o.company for o in loaded.offers.values())
    assert len(companies) == 81
    assert set(added) <= set(loaded.offers) and own in loaded.offers
    assert sum(c.startswith("Imported ") for c in companies) == 40
