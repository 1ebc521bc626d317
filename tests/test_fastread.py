"""The msgspec happy path reads offers and attempts exactly as the Fields readers do, and
leaves anything unusual to them, so bad files keep their located, did-you-mean messages."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import rtoml
import tomli_w

from tui.demo import demo_offers
from tui.model.attempt import Attempt, ResultRecord
from tui.store.attempts import MAX_ANSWER, VERSION, AttemptStore, _attempt, read_file
from tui.store.codec import offer_from_dict, offer_to_dict, prune
from tui.store.fastread import read_attempts, read_offer
from tui.store.offers import OfferStore
from tui.tomlio.errors import DataError
from tui.tomlio.fields import Fields

TODAY = dt.date(2026, 11, 20)


def tables() -> list[dict[str, Any]]:
    """Every demo offer as its file would parse (through rtoml, as the store reads it)."""
    return [rtoml.loads(tomli_w.dumps(prune(offer_to_dict(o)))) for o in demo_offers(TODAY)]


def test_demo_offers_read_the_same_both_ways() -> None:
    for n, table in enumerate(tables()):
        fast = read_offer(copy.deepcopy(table), f"offer-{n}")
        slow, errors = offer_from_dict(table, f"offer-{n}")
        assert errors == [] and fast == slow


def test_generous_values_read_the_same_both_ways() -> None:
    table = tables()[0]
    table.update(received="2026-11-02", compensation={"currency": "", "base": 0})
    table["log"] = [{"at": dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC), "kind": "call"}]
    fast = read_offer(copy.deepcopy(table), "x")
    slow, errors = offer_from_dict(table, "x")
    assert errors == [] and fast is not None
    assert fast.compensation.currency == "USD" and fast.log[0].at.tzinfo is None
    assert fast.log[0].id  # a fresh id, as the Fields reader gives
    fast.log[0].id = slow.log[0].id
    assert fast == slow


UNUSUAL: list[tuple[str, Any]] = [
    ("compnay", "Typo Inc"),  # a misspelt key: did-you-mean
    ("future_key", 1),  # a key from a newer version: kept, Fields decides
    ("received", dt.datetime(2026, 11, 2, 9)),  # a date-time where a date goes
    ("company", "   "),
    ("status", "declinde"),
    ("compensation", {"base": -5}),
    ("compensation", {"base": True}),
    ("contacts", [{"name": "Ann", "role": "boss"}]),
]


@pytest.mark.parametrize(("key", "value"), UNUSUAL)
def test_anything_unusual_goes_to_the_fields_reader(key: str, value: Any) -> None:
    table = tables()[0]
    table[key] = value
    assert read_offer(table, "x") is None


def test_a_bad_file_keeps_its_located_did_you_mean_message(tmp_path: Path) -> None:
    store = OfferStore(tmp_path)
    store.ensure()
    text = tomli_w.dumps(prune(offer_to_dict(demo_offers(TODAY)[0])))
    path = store.layout.offers / "acme-abc123.toml"
    path.write_text(text.replace('status = "', 'stauts = "'))
    with pytest.raises(DataError) as caught:
        store.load_file(path)
    (problem,) = caught.value.problems
    assert "did you mean `status`" in problem.message and problem.line == 4


def attempt(n: int) -> Attempt:
    return Attempt(
        question_id="why-changed-mind",
        answer=f"Answer {n}\nsecond line",
        score=n,
        at=dt.datetime(2026, 11, 3, 9, n),
        offer_id="acme-1" if n % 2 else "",
        seconds=12.5 + n,
        results=(ResultRecord("thanks", "met", 10.0), ResultRecord("blame", "violated", -3.5)),
        id=f"a{n}",
    )


def slow_attempts(table: dict[str, Any]) -> list[Attempt]:
    top = Fields(table)
    out = [_attempt(f) for f in top.tables("attempt")]
    assert top.errors == []
    return out


def history_table(tmp_path: Path, count: int = 5) -> dict[str, Any]:
    store = AttemptStore(tmp_path)
    for n in range(count):
        store.add(attempt(n))
    return rtoml.loads(store.month_path(attempt(0).at).read_text())


def test_attempts_read_the_same_both_ways(tmp_path: Path) -> None:
    table = history_table(tmp_path)
    fast = read_attempts(copy.deepcopy(table), VERSION, MAX_ANSWER)
    assert fast == slow_attempts(table) == [attempt(n) for n in range(5)]


@pytest.mark.parametrize(
    ("key", "value"),
    [("score", 101), ("results", [{"id": "x", "status": "maybe", "points": 1.0}]),
     ("id", " "), ("at", dt.date(2026, 11, 3)), ("answer", "x" * (MAX_ANSWER + 1))],
)  # fmt: skip
def test_unusual_attempts_go_to_the_fields_reader(tmp_path: Path, key: str, value: Any) -> None:
    table = history_table(tmp_path, 2)
    table["attempt"][1][key] = value
    assert read_attempts(table, VERSION, MAX_ANSWER) is None


def test_an_attempt_without_results_is_refused_with_its_line(tmp_path: Path) -> None:
    store = AttemptStore(tmp_path)
    store.add(attempt(0))
    path = store.month_path(attempt(0).at)
    cut = path.read_text().split("results = [")[0]
    path.write_text(cut)
    with pytest.raises(DataError) as caught:
        read_file(path)
    (problem,) = caught.value.problems
    assert "results" in str(problem) and problem.line == 3  # the attempt's [[attempt]] line
