"""The cache of parsed offers (`<data dir>/.offers.cache`): a start-up shortcut that is never
trusted over the files. Any change to a file, a damaged or foreign cache, a link or a file
written too recently to be sure of means the file is read as without a cache, and problems
in files are reported exactly as before."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest
from apphelp import wait_for_text

from tui.model import Contact, Offer, Status
from tui.store import offercache
from tui.store import offers as offers_module
from tui.store.backups import backup
from tui.store.offers import OfferStore
from tui.tomlio.errors import ConflictError
from tui.tomlio.tomlfile import LINK_MESSAGE

BAD = 'version = 1\ncompany = "Typo Ltd"\nrole = "Dev"\nstauts = "declined"\n'


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by the test count as old enough to cache (as they would be seconds
    later): the load's clock is moved past the racy window."""
    real = offercache.clock_ns
    monkeypatch.setattr(offercache, "clock_ns", lambda: real() + 2 * offercache.RACY_NS)


def _store(data_dir: Path, *companies: str) -> OfferStore:
    store = OfferStore(data_dir)
    store.ensure()
    for company in companies:
        offer = Offer(company=company, role="Engineer", status=Status.NEGOTIATING)
        offer.contacts.append(Contact("Dana Novak", id="c1"))
        store.add(offer)
    return store


def _cached_load(data_dir: Path) -> OfferStore:
    """Load once and write the cache, as the app does at start-up."""
    store = OfferStore(data_dir)
    store.load_all()
    store.write_cache()
    return store


def _parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the store parses from TOML from now on."""
    parsed: list[str] = []
    real = offers_module.parse_toml

    def spy(path: Path, data: bytes, fast: bool = False) -> dict[str, object]:
        parsed.append(path.name)
        return real(path, data, fast=fast)

    monkeypatch.setattr(offers_module, "parse_toml", spy)
    return parsed


def test_unchanged_files_come_from_the_cache_with_the_same_offers(
    data_dir: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    _store(data_dir, "Northwind", "Globex")
    before = OfferStore(data_dir).load_all().offers
    _cached_load(data_dir)
    cache = data_dir / offercache.NAME
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600

    parsed = _parsed(monkeypatch)
    after = OfferStore(data_dir).load_all()

    assert parsed == []  # nothing read from TOML
    assert after.offers == before and after.problems == []


def test_a_changed_file_is_read_again_not_served_stale(
    data_dir: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _store(data_dir, "Northwind", "Globex")
    _cached_load(data_dir)
    path = next(p for p in store.offer_files() if p.name.startswith("northwind"))
    st = path.stat()
    # Same size, and the old modification time put back: only the ctime and bytes differ.
    path.write_bytes(path.read_bytes().replace(b"Northwind", b"Southwind"))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size

    parsed = _parsed(monkeypatch)
    loaded = OfferStore(data_dir).load_all()

    assert parsed == [path.name]  # only the changed file
    assert {o.company for o in loaded.offers.values()} == {"Southwind", "Globex"}


def test_a_file_written_within_the_racy_window_is_not_cached(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file whose times are not clearly before the load could be written again in the
    same timestamp tick without its signature changing: it is read again next time."""
    _store(data_dir, "Fresh Co")  # written just now
    _cached_load(data_dir)
    parsed = _parsed(monkeypatch)

    loaded = OfferStore(data_dir).load_all()

    assert len(parsed) == 1  # read from its file again, not from the cache
    assert [o.company for o in loaded.offers.values()] == ["Fresh Co"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data[:-3],  # the end frame cut
        lambda data: b"\x00" * len(data),  # zeroed
        lambda data: b"not a cache at all",
        lambda data: data.replace(offercache._fingerprint().encode(), b"x" * 24),  # foreign
    ],
    ids=["half", "no-end", "zeroed", "garbage", "other-version"],
)
def test_a_damaged_or_foreign_cache_is_ignored_silently_and_rebuilt(
    data_dir: Path, settled: None, monkeypatch: pytest.MonkeyPatch, damage
) -> None:  # type: ignore[no-untyped-def]
    _store(data_dir, "Northwind", "Globex", "Initech")
    expected = OfferStore(data_dir).load_all().offers
    _cached_load(data_dir)
    cache = data_dir / offercache.NAME
    cache.write_bytes(damage(cache.read_bytes()))

    parsed = _parsed(monkeypatch)
    store = OfferStore(data_dir)
    loaded = store.load_all()

    assert loaded.offers == expected and loaded.problems == []  # never an offer problem
    assert len(parsed) == 3
    assert store.write_cache()  # rebuilt
    parsed.clear()
    assert OfferStore(data_dir).load_all().offers == expected
    assert parsed == []


def test_a_cache_readable_by_others_is_not_used_and_is_rewritten_private(
    data_dir: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    _store(data_dir, "Northwind")
    _cached_load(data_dir)
    cache = data_dir / offercache.NAME
    cache.chmod(0o644)

    parsed = _parsed(monkeypatch)
    store = OfferStore(data_dir)
    store.load_all()
    store.write_cache()

    assert len(parsed) == 1
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600


def test_a_linked_cache_is_never_read_or_written_through(
    data_dir: Path, settled: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _store(data_dir, "Northwind")
    _cached_load(data_dir)
    cache = data_dir / offercache.NAME
    outside = tmp_path / "outside.cache"
    outside.write_bytes(cache.read_bytes())  # a cache that would match, outside the folder
    outside.chmod(0o600)
    cache.unlink()
    cache.symlink_to(outside)
    before = outside.read_bytes()

    parsed = _parsed(monkeypatch)
    store = OfferStore(data_dir)
    store.load_all()
    store.write_cache()

    assert len(parsed) == 1  # the link was not followed to read
    assert outside.read_bytes() == before  # nor to write
    assert not cache.is_symlink() and stat.S_IMODE(cache.stat().st_mode) == 0o600


def test_an_offer_file_replaced_by_a_link_is_reported_not_served(
    data_dir: Path, settled: None, tmp_path: Path
) -> None:
    store = _store(data_dir, "Northwind")
    _cached_load(data_dir)
    [path] = store.offer_files()
    outside = tmp_path / "outside.toml"
    outside.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(outside)

    loaded = OfferStore(data_dir).load_all()

    assert loaded.offers == {}
    assert [p.message for p in loaded.problems] == [LINK_MESSAGE]


def test_problems_are_reported_as_without_a_cache_and_never_cached(
    data_dir: Path, settled: None
) -> None:
    store = _store(data_dir, "Northwind")
    (store.layout.offers / "typo-ltd-dev-1a2b3c.toml").write_text(BAD)
    without = OfferStore(data_dir).load_all().problems
    assert "status" in str(without[0])  # did you mean, with file and line

    _cached_load(data_dir)
    first = OfferStore(data_dir).load_all()
    _cached_load(data_dir)
    second = OfferStore(data_dir).load_all()

    assert first.problems == second.problems == without
    assert [p.line for p in second.problems] == [4]
    assert [o.company for o in second.offers.values()] == ["Northwind"]


def test_a_cached_offer_broken_by_an_edit_is_reported_with_its_line(
    data_dir: Path, settled: None
) -> None:
    store = _store(data_dir, "Northwind")
    _cached_load(data_dir)
    [path] = store.offer_files()
    path.write_text(path.read_text().replace('status = "negotiating"', 'status = "negotiatin"'))

    loaded = OfferStore(data_dir).load_all()

    assert loaded.offers == {}
    [problem] = loaded.problems
    assert problem.file == path and problem.line is not None
    assert "negotiating" in problem.message  # did you mean


def test_files_without_ids_for_people_are_not_cached(
    data_dir: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A person without an id in the file gets a new one at each read: a cache would
    quietly make it stick, so such a file is always read."""
    store = _store(data_dir)
    text = 'version = 1\ncompany = "Hand Written"\n[[contacts]]\nname = "Sam"\n'
    (store.layout.offers / "hand-written-1a2b3c.toml").write_text(text)
    _cached_load(data_dir)

    parsed = _parsed(monkeypatch)
    OfferStore(data_dir).load_all()

    assert parsed == ["hand-written-1a2b3c.toml"]


def test_saving_and_watching_work_on_offers_read_from_the_cache(
    data_dir: Path, settled: None
) -> None:
    store = _store(data_dir, "Northwind", "Globex")
    _cached_load(data_dir)
    store = OfferStore(data_dir)
    offers = store.load_all().offers
    northwind = next(o for o in offers.values() if o.company == "Northwind")
    globex = next(o for o in offers.values() if o.company == "Globex")

    northwind.notes = "saved over a cached read"
    store.save(northwind)  # the cached digest matches the file: no conflict
    assert store.changed_on_disk() == []
    path = store.path_for(globex.id)
    path.write_text(path.read_text().replace("Globex", "Globex Edited"))

    assert store.changed_on_disk() == [globex.id]
    with pytest.raises(ConflictError):
        store.save(globex)
    assert OfferStore(data_dir).load_all().offers[northwind.id].notes == "saved over a cached read"


def test_the_cache_is_not_backed_up_and_lives_outside_the_offers_folder(
    data_dir: Path, settled: None
) -> None:
    store = _store(data_dir, "Northwind")
    _cached_load(data_dir)
    assert (data_dir / offercache.NAME).is_file()

    folder = backup(data_dir, "check")

    copied = [p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()]
    assert sorted(copied) == ["manifest.toml", f"offers/{store.offer_files()[0].name}"]


async def test_the_app_writes_the_cache_once_the_list_is_shown(
    data_dir: Path, settled: None
) -> None:
    from tui.app.app import OfferApp

    _store(data_dir, "Northwind", "Globex")
    app = OfferApp(data_dir, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_text(pilot, app, "2 offers")
        cache = data_dir / offercache.NAME
        deadline = time.monotonic() + 10
        while not cache.exists() and time.monotonic() < deadline:
            await pilot.pause(0.05)
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    assert len(list(offercache.entries(data_dir))) == 2


def test_offers_loaded_together_equal_each_file_read_alone(
    data_dir: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Loading shares equal values between offers (sharing.py) and may read the cache: the
    offers are still exactly what each file says."""
    from tui.demo import write_demo
    from tui.model.clock import today

    write_demo(data_dir, today())
    store = OfferStore(data_dir)
    alone = {o.id: o for o in (store.load_file(p) for p in store.offer_files())}

    fresh = OfferStore(data_dir).load_all().offers
    _cached_load(data_dir)
    parsed = _parsed(monkeypatch)
    cached = OfferStore(data_dir).load_all().offers

    assert fresh == alone
    assert cached == alone and parsed == []
