"""Imports and restores are all or none, even when killed at any instant or when the disk
refuses; the next start cleans up or finishes what an interrupted run left."""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import types
from pathlib import Path

import pytest
from import_helpers import folder_state, import_file, leftovers, run_cli, seeded

from tui.cli import main
from tui.store import backups, staging
from tui.store.backups import list_backups
from tui.store.offers import OfferStore
from tui.store.recovery import recover
from tui.store.staging import STAGING

KILLS = 30


# -- a disk that refuses ----------------------------------------------------------------


def _writes(monkeypatch: pytest.MonkeyPatch, fail_at: int, error: int) -> list[int]:
    """Make the `fail_at`-th file write (backup or staging) raise OSError(error)."""
    calls = [0]
    real = staging.atomic_write

    def flaky(path: Path, data: bytes) -> None:
        calls[0] += 1
        if calls[0] == fail_at:
            raise OSError(error, os.strerror(error), str(path))
        real(path, data)

    monkeypatch.setattr(staging, "atomic_write", flaky)
    monkeypatch.setattr(backups, "atomic_write", flaky)
    return calls


@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_full_or_read_only_disk_at_every_write_changes_nothing(
    tmp_path: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    error: int,
) -> None:
    existing = seeded(data_dir)
    source = import_file(tmp_path, existing, new=4)
    before = folder_state(data_dir)
    # 5 backup copies + manifest, 6 staged files, the plan: 13 writes, each refused in turn
    for fail_at in range(1, 30):
        calls = _writes(monkeypatch, fail_at, error)
        code = run_cli(data_dir, "import", str(source))
        err = capsys.readouterr().err
        if calls[0] < fail_at:  # fewer writes than that: the import went through
            assert code == 0
            break
        assert code == 1, err
        assert os.strerror(error) in err and "Nothing was imported" in err
        assert "Traceback" not in err
        assert folder_state(data_dir) == before
        assert leftovers(data_dir) == []
        assert [b.reason for b in list_backups(data_dir)] == []
    else:
        pytest.fail("the import never went through")


# -- killed at any instant --------------------------------------------------------------

CHILD = r"""
import sys
from tui.cli import main
import tui.store.importing, tui.store.transfer.json_format  # warm before "ready"
print("ready", flush=True)
sys.stdin.readline()
sys.exit(main(["--data-dir", sys.argv[1], "import", sys.argv[2]]))
"""


def _child(root: Path, source: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(root), str(source)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    return child


def _go(child: subprocess.Popen[str]) -> float:
    assert child.stdin is not None
    child.stdin.write("go\n")
    child.stdin.flush()
    return time.monotonic()


@pytest.mark.slow
def test_import_killed_at_random_instants_is_all_or_none(tmp_path: Path) -> None:
    template = tmp_path / "template"
    existing = seeded(template)
    source = import_file(tmp_path, existing)
    pre = folder_state(template)
    full = tmp_path / "full"
    shutil.copytree(template, full)
    child = _child(full, source)
    started = _go(child)
    assert child.wait(timeout=60) == 0
    duration = time.monotonic() - started
    post = folder_state(full)
    assert len(post) == 35

    rng = random.Random(int(os.environ.get("KILL_SEED", "0")) or random.randrange(10**6))
    outcomes = {"before": 0, "after": 0, "finished at next start": 0, "cleared at next start": 0}
    for kill in range(KILLS):
        root = tmp_path / f"k{kill}"
        shutil.copytree(template, root)
        child = _child(root, source)
        _go(child)
        time.sleep(rng.uniform(0, duration * 1.1))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        stage = root / STAGING
        staged = list(stage.iterdir()) if stage.is_dir() else []
        notes = recover(root)
        state = folder_state(root)
        assert state in (pre, post), f"kill {kill}: {len(state)} files, neither before nor after"
        assert leftovers(root) == [], kill
        if staged and state == post:
            outcomes["finished at next start"] += 1
            assert any("finished an import" in n or "empty staging" in n for n in notes)
        elif staged:
            outcomes["cleared at next start"] += 1
        else:
            outcomes["before" if state == pre else "after"] += 1
        if state == pre:  # running it again completes it, once
            assert run_cli(root, "import", str(source)) == 0
            assert folder_state(root) == post
        shutil.rmtree(root)
    print(f"\nimport kills: {KILLS} SIGKILLs over a {duration * 1000:.0f} ms import: {outcomes}")


def test_next_start_cleans_up_and_finishes_what_a_killed_run_left(data_dir: Path) -> None:
    [offer] = seeded(data_dir, 1)
    store = OfferStore(data_dir)
    (data_dir / "backups" / "20261101-101010-before-import").mkdir(parents=True)
    (data_dir / "offers" / f".{offer.id}.toml.abcd1234.tmp").write_text("half")
    unplanned = data_dir / STAGING / "import-20261101-101010-aaaaaa"
    (unplanned / "offers").mkdir(parents=True)
    (unplanned / "offers" / "new-1.toml").write_text('company = "Never committed"\n')
    planned = data_dir / STAGING / "import-20261101-101011-bbbbbb"
    (planned / "offers").mkdir(parents=True)
    (planned / "offers" / "new-2.toml").write_text('company = "Committed"\n')
    (planned / "plan.toml").write_text('version = 1\nfiles = ["new-2.toml"]\n')

    notes = store.ensure()

    assert sorted(p.name for p in (data_dir / "offers").iterdir()) == sorted(
        [f"{offer.id}.toml", "new-2.toml"]
    )
    assert leftovers(data_dir) == []
    assert list_backups(data_dir) == []
    text = "\n".join(notes)
    assert "finished an import that was interrupted: 1 of 1" in text
    assert "cleared an import that was interrupted before it changed anything" in text
    assert "removed the interrupted backup 20261101-101010-before-import" in text
    assert "removed 1 temp file(s)" in text
    assert store.ensure() == []  # nothing left to do the second time


def _die_at(step: int, after: bool) -> None:
    """In a forked child: end the process (no cleanup, as SIGKILL) at the `step`-th file
    write, rename or removal of an import or restore, just before or just after it."""
    calls = [0]

    def wrap(real):  # type: ignore[no-untyped-def]
        def dying(*args):  # type: ignore[no-untyped-def]
            calls[0] += 1
            if calls[0] == step and not after:
                os._exit(137)
            real(*args)
            if calls[0] == step and after:
                os._exit(137)

        return dying

    staging.atomic_write = wrap(staging.atomic_write)
    backups.atomic_write = wrap(backups.atomic_write)
    # the renames of the roll-forward only (atomic_write's own rename is inside a write)
    own_os = types.SimpleNamespace(**vars(os))
    own_os.replace = wrap(os.replace)
    own_os.unlink = wrap(os.unlink)
    staging.os = own_os  # type: ignore[assignment]


def _ended_at_every_step(root: Path, args: list[str], steps: int) -> list[dict[str, bytes]]:
    """The offers folder after the command was ended at each instant, once recovered."""
    states = []
    for step in range(1, steps + 1):
        for after in (False, True):
            copy = root.parent / f"{root.name}-{step}-{after}"
            shutil.copytree(root, copy)
            pid = os.fork()
            if pid == 0:
                try:
                    _die_at(step, after)
                    with open(os.devnull, "w") as sink:
                        sys.stdout = sys.stderr = sink
                        main(["--data-dir", str(copy), *args])
                finally:
                    os._exit(0)
            _, status = os.waitpid(pid, 0)
            assert os.waitstatus_to_exitcode(status) == 137, (step, after)
            recover(copy)
            assert leftovers(copy) == [], (step, after)
            states.append(folder_state(copy))
            shutil.rmtree(copy)
    return states


def test_restore_ended_at_every_instant_is_all_or_none(tmp_path: Path) -> None:
    """Restoring the pre-import backup: 2 offers back as they were, 3 imported ones removed.
    Its 6 + 3 writes (safety backup, staged files, plan) and 2 renames and 3 removals."""
    root = tmp_path / "data"
    existing = seeded(root, 2)
    pre = folder_state(root)
    assert run_cli(root, "import", str(import_file(tmp_path, existing, new=3))) == 0
    post_import = folder_state(root)
    [snapshot] = [b.name for b in list_backups(root) if b.reason == "before-import"]
    states = _ended_at_every_step(root, ["restore", snapshot], 14)
    assert all(state in (post_import, pre) for state in states)
    before = sum(state == post_import for state in states)
    assert before == 17 and len(states) - before == 11  # the plan (write 9) commits
    print(
        f"\nrestore ended at {len(states)} instants: {before} before, {len(states) - before} after"
    )


def test_import_ended_at_every_instant_is_all_or_none(tmp_path: Path) -> None:
    """Every instant between two disk operations of an import (5 backup copies and the
    manifest, 6 staged files and the plan, 6 renames): before-or-after once recovered."""
    root = tmp_path / "data"
    existing = seeded(root)
    source = import_file(tmp_path, existing, new=4)
    pre = folder_state(root)
    full = tmp_path / "full"
    shutil.copytree(root, full)
    assert run_cli(full, "import", str(source)) == 0
    post = folder_state(full)
    states = _ended_at_every_step(root, ["import", str(source)], 19)
    assert all(state in (pre, post) for state in states)
    before = sum(state == pre for state in states)
    # the plan (write 13) is the commit point: up to it, before; from it on, after
    assert (before, len(states) - before) == (25, 13)
    print(
        f"\nimport ended at {len(states)} instants: {before} before, {len(states) - before} after"
    )
