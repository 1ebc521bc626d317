"""Never lose data: hostile inputs are reported, never crash, never touch a byte on disk.

Offer TOML files (random bytes, truncated files, wrong types, huge strings, deep nesting,
invalid UTF-8, a BOM, CRLF, duplicate keys): the loader returns problems naming the file and
never raises; `offer-tui check` (when built) exits 0 or 2; every file stays byte-identical;
the good offer beside the bad file still loads. CSV / JSON imports: exit 0 (every row
added) or 2 (nothing written); existing files never change."""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.util
import io
import json
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.cli import main
from tui.model import Compensation, Contact, LogEntry, LogKind, Offer
from tui.store.codec import offer_to_dict, prune
from tui.store.offers import OfferStore
from tui.store.transfer import CSV_COLUMNS, offers_to_json, read_import

HAVE_CHECK = importlib.util.find_spec("tui.commands.check") is not None
FUZZ = settings(
    max_examples=300,
    deadline=None,
    derandomize=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FUZZ_FILES = settings(FUZZ, max_examples=200)  # each also runs `offer-tui check`
FUZZ_ID = "fuzz-target-000001"


def _valid_table() -> dict[str, Any]:
    offer = Offer(company="Acme", role="Dev", notes="hello\nworld", deadline=dt.date(2026, 12, 1))
    offer.compensation = Compensation(base=100, currency="EUR")
    offer.contacts.append(Contact("Dana", id="c1"))
    offer.log.append(LogEntry(LogKind.CALL, dt.datetime(2026, 11, 1, 9), "call", id="l1"))
    return prune(offer_to_dict(offer))


VALID = _valid_table()
VALID_BYTES = tomli_w.dumps(VALID).encode()

toml_values = st.recursive(
    st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=True)
    | st.text(max_size=40)
    | st.dates()
    | st.datetimes()
    | st.times(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def _wrong_types(draw: st.DrawFn) -> bytes:
    table = dict(VALID)
    for _ in range(draw(st.integers(1, 4))):
        key = draw(st.sampled_from([*VALID, "contacts", "compensation", "told", "history"]))
        table[key] = draw(toml_values)
    return tomli_w.dumps(prune(table)).encode()


@st.composite
def offer_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """A hostile file, tagged with how it was made; BOM and CRLF go on top of any kind."""
    kind = draw(st.sampled_from(sorted(_KINDS)))
    data = _KINDS[kind](draw)
    tags = [kind]
    if draw(st.integers(0, 3)) == 0:
        data, tags = data.replace(b"\n", b"\r\n"), [*tags, "crlf"]
    if draw(st.integers(0, 3)) == 0:
        data, tags = b"\xef\xbb\xbf" + data, [*tags, "bom"]
    return "+".join(tags), data


def _random(draw: st.DrawFn) -> bytes:
    return draw(st.binary(max_size=3000))


def _truncated(draw: st.DrawFn) -> bytes:
    return VALID_BYTES[: draw(st.integers(0, len(VALID_BYTES)))]


def _huge(draw: st.DrawFn) -> bytes:
    size = draw(st.sampled_from([70_000, 300_000, 2_000_000]))
    key = draw(st.sampled_from(["notes", "company", "role", "bogus"]))
    return tomli_w.dumps(VALID | {key: "é" * size}).encode()


def _deep(draw: st.DrawFn) -> bytes:
    depth = draw(st.integers(1, 4000))
    shape = draw(st.sampled_from(["array", "inline", "header"]))
    if shape == "array":
        body = f"notes = {'[' * depth}1{']' * depth}\n"
    elif shape == "inline":
        body = "notes = " + "{a = " * depth + "1" + "}" * depth + "\n"
    else:
        body = "[" + ".".join(["contacts"] * min(depth, 500)) + "]\nname = 'x'\n"
    return b'company = "Deep"\n' + body.encode()


def _bad_utf8(draw: st.DrawFn) -> bytes:
    at = draw(st.integers(0, len(VALID_BYTES)))
    junk = draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x80\x80"]))
    return VALID_BYTES[:at] + junk + VALID_BYTES[at:]


def _duplicate(draw: st.DrawFn) -> bytes:
    lines = VALID_BYTES.splitlines(keepends=True)
    at = draw(st.integers(0, len(lines)))
    dup = draw(st.sampled_from([b'company = "Again"\n', b"[compensation]\n", b"version = 1\n"]))
    return b"".join([*lines[:at], dup, *lines[at:]])


def _byte_flips(draw: st.DrawFn) -> bytes:
    data = bytearray(VALID_BYTES)
    for _ in range(draw(st.integers(1, 5))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


def _valid(draw: st.DrawFn) -> bytes:
    return VALID_BYTES


_KINDS: dict[str, Callable[[st.DrawFn], bytes]] = {
    "random": _random,
    "truncated": _truncated,
    "wrong-types": _wrong_types,
    "huge": _huge,
    "deep": _deep,
    "bad-utf8": _bad_utf8,
    "duplicate": _duplicate,
    "byte-flips": _byte_flips,
    "valid": _valid,
}


def _snapshot(root: Path) -> dict[Path, bytes]:
    if not root.exists():
        return {}
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _quiet(fn: Callable[[], int]) -> int:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return fn()


def _good_offer(root: Path) -> str:
    store = OfferStore(root)
    store.ensure()
    return store.add(Offer(company="Good", role="Still here")).id


@pytest.fixture
def guidance_checked_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """`offer-tui check` checks the bundled guidance as well as the offers (~0.3 s of CPU,
    most of it scoring every model answer). No example here has guidance of its own, so
    that part is the same every time: it is worked out once and reused. The offers are
    read afresh by every run of `check`."""
    from tui.content import checks
    from tui.rehearsal import calibration

    check_guidance, notices = checks.check_guidance, calibration.model_answer_notices
    kept: dict[object, list[Any]] = {}

    def guidance_once(user_dir: Path | None) -> list[Any]:
        own = [
            name
            for name in ("checklists", "templates", "questions")
            if user_dir and (user_dir / name).exists()
        ]
        if own:
            return check_guidance(user_dir)
        if "guidance" not in kept:
            kept["guidance"] = check_guidance(user_dir)
        return list(kept["guidance"])

    def notices_once(questions: Any, origins: Any) -> list[Any]:
        key = tuple((name, str(origins[name])) for name in questions)  # bundled files only
        if key not in kept:
            kept[key] = notices(questions, origins)
        return list(kept[key])

    monkeypatch.setattr(checks, "check_guidance", guidance_once)
    monkeypatch.setattr(calibration, "model_answer_notices", notices_once)


@pytest.mark.usefixtures("guidance_checked_once")
def test_fuzz_offer_files(capsys: pytest.CaptureFixture[str]) -> None:
    tried: Counter[str] = Counter()
    examples: Counter[str] = Counter()
    check_codes: Counter[int] = Counter()
    reported: Counter[str] = Counter()

    @FUZZ_FILES
    @given(offer_files())
    def one(case: tuple[str, bytes]) -> None:
        kind, data = case
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            good = _good_offer(root)
            target = root / "offers" / f"{FUZZ_ID}.toml"
            target.write_bytes(data)
            before = _snapshot(root)
            result = OfferStore(root).load_all()  # must not raise
            assert good in result.offers
            for problem in result.problems:
                assert problem.file == target and str(problem).startswith(str(target))
            assert (FUZZ_ID in result.offers) != bool(result.problems)
            if HAVE_CHECK:
                code = _quiet(lambda: main(["--data-dir", str(root), "check"]))
                assert code in (0, 2)
                check_codes[code] += 1
            assert _snapshot(root) == before
            examples["all"] += 1
            for tag in kind.split("+"):
                tried[tag] += 1
            reported["all"] += bool(result.problems)

    one()
    with capsys.disabled():
        print(
            f"\nfuzz: {examples.total()} offer files tried, "
            f"{reported['all']} reported as problems, 0 raised, 0 bytes changed; "
            f"by kind {dict(sorted(tried.items()))}"
            + (f"; `offer-tui check` exited {dict(check_codes)}" if HAVE_CHECK else "")
            + ("" if HAVE_CHECK else "; `offer-tui check` not built yet, not run")
        )


def test_oversized_text_field_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    _good_offer(tmp_path)
    target = tmp_path / "offers" / f"{FUZZ_ID}.toml"
    target.write_bytes(tomli_w.dumps(VALID | {"notes": "x" * (16 * 1024 * 1024 + 1)}).encode())
    result = OfferStore(tmp_path).load_all()
    assert FUZZ_ID not in result.offers
    assert "the limit is" in str(result.problems[0])


# -- imports ----------------------------------------------------------------------------

cell_text = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["=1+1", "+x", "-3", "@SUM(A1)", "'=x", "\t", '"', "a,b", "a;b", "x\ny"]),
    st.dates().map(str),
    st.sampled_from(["2026-02-30", "30/11/2026", "120,000", "$95 000", "1e5", "-5", "usd"]),
    # odd values: calendar edges, European and huge amounts, unknown currencies, blanks
    st.sampled_from(["9999-12-31", "0001-01-01", "180.000", "1.234.567,00", "180.5", "UDS"]),
    st.sampled_from(["5" * 5000, "NaN", "Infinity", "   ", "\t", "€", "12,34,567", "+5d"]),
    st.sampled_from(["received", "declined", "declinned", "backed out", "Accepted"]),
)
column_names = st.one_of(
    st.sampled_from(CSV_COLUMNS),
    st.sampled_from(["Company", "Base Salary", "rol", "salary", "deadlin", "", "extra"]),
    st.text(max_size=10),
)


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=500))
    if draw(st.booleans()):
        return draw(valid_csv_files())
    header = draw(st.lists(column_names, min_size=1, max_size=7))
    if draw(st.booleans()):
        header = ["company", *header]
    rows = draw(st.lists(st.lists(cell_text, max_size=len(header) + 1), max_size=6))
    buffer = io.StringIO()
    import csv

    writer = csv.writer(buffer, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerow(header)
    writer.writerows(rows)
    data = buffer.getvalue().encode()
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    if draw(st.integers(0, 9)) == 0:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + b"\xff" + data[at:]
    return data


VALID_CELLS: dict[str, st.SearchStrategy[str]] = {
    "company": st.text(min_size=1, max_size=20).filter(str.strip),
    "status": st.sampled_from(["received", "Declined", "backed out", "re-offered", ""]),
    "received": st.dates(min_value=dt.date(1990, 1, 1)).map(str) | st.just(""),
    "deadline": st.dates(min_value=dt.date(1990, 1, 1)).map(str) | st.just(""),
    "start_date": st.just(""),
    "base_salary": st.integers(0, 10**9).map(lambda n: f"{n:,}")
    | st.integers(0, 10**9).map(lambda n: f"{n:,}".replace(",", "."))  # European grouping
    | st.just(""),
    "bonus": st.integers(0, 10**6).map(str) | st.just(""),
    "sign_on": st.sampled_from(["$5,000", "0", ""]),
    "equity_yearly": st.sampled_from(["12 000", "1000.00", ""]),
    "currency": st.sampled_from(["usd", "EUR", "GBP", "JPY", "chf", ""]),
    "id": st.just(""),
}


@st.composite
def valid_csv_files(draw: st.DrawFn) -> bytes:
    """Headers the importer knows and cells it accepts (text cells anything at all)."""
    import csv

    header = ["company", *draw(st.lists(st.sampled_from(CSV_COLUMNS[2:]), unique=True))]
    rows = [
        [draw(VALID_CELLS.get(column, cell_text)) for column in header]
        for _ in range(draw(st.integers(0, 5)))
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode()


json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()  # NaN and infinities included
    | st.integers(min_value=10**20, max_value=10**60)
    | cell_text
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
json_keys = st.one_of(
    st.sampled_from(["company", "role", "status", "deadline", "base_salary", "currency", "notes"]),
    st.sampled_from(["id", "compensation", "contacts", "log", "told", "history", "checklists"]),
    st.sampled_from(["comapny", "salary", "version"]),
)


any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
random_offers = st.builds(
    Offer,
    company=any_text.filter(str.strip),
    role=any_text,
    notes=any_text,
    location=any_text,
    deadline=st.none() | st.dates(),
    compensation=st.builds(Compensation, base=st.none() | st.integers(0, 10**9)),
)


@st.composite
def exported_json_files(draw: st.DrawFn) -> bytes:
    """What `offer-tui export --format json` writes, for random offers."""
    return offers_to_json(draw(st.lists(random_offers, max_size=4))).encode()


@st.composite
def json_files(draw: st.DrawFn) -> bytes:
    choice = draw(st.integers(0, 9))
    if choice >= 7:
        return draw(exported_json_files())
    if choice == 0:
        return draw(st.binary(max_size=300))
    if choice == 1:
        return json.dumps(draw(json_values)).encode()
    items = draw(
        st.lists(
            st.tuples(st.booleans(), st.dictionaries(json_keys, json_values, max_size=6)).map(
                lambda pair: {"company": "Co", **pair[1]} if pair[0] else pair[1]
            )
            | json_values,
            max_size=5,
        )
    )
    text = json.dumps(items)
    if draw(st.integers(0, 9)) == 0:
        text = text.replace('"Co"', '"\\ud800"', 1)  # a lone surrogate
    return text.encode()


def _import_case(data: bytes, suffix: str, outcomes: Counter[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        root = base / "data"
        if outcomes.total() % 2:
            _good_offer(root)  # half the time into an empty (missing) data directory
        source = base / f"in.{suffix}"
        source.write_bytes(data)
        before = _snapshot(root)
        expected = read_import(source, data, suffix)
        code = _quiet(lambda: main(["--data-dir", str(root), "import", str(source)]))
        assert code in (0, 2)
        assert source.read_bytes() == data
        after = _snapshot(root)
        offers = {p for p in after if p.parent == root / "offers"}
        old = {p for p in before if p.parent == root / "offers"}
        for path in old:
            assert after[path] == before[path], "an import changed an existing file"
        if code == 2:
            assert not expected.ok
            assert after == before, "a refused import wrote something"
            outcomes["refused"] += 1
            return
        assert expected.ok
        assert len(offers - old) == len(expected.offers)
        loaded = OfferStore(root).load_all()
        assert loaded.problems == []
        outcomes["imported" if expected.offers else "empty"] += 1


def test_fuzz_csv_imports(capsys: pytest.CaptureFixture[str]) -> None:
    outcomes: Counter[str] = Counter()

    @FUZZ
    @given(csv_files())
    def one(data: bytes) -> None:
        _import_case(data, "csv", outcomes)

    one()
    with capsys.disabled():
        print(f"\nfuzz: {outcomes.total()} CSV imports tried: {dict(outcomes)}; none partial")


def test_fuzz_json_imports(capsys: pytest.CaptureFixture[str]) -> None:
    outcomes: Counter[str] = Counter()

    @FUZZ
    @given(json_files())
    def one(data: bytes) -> None:
        _import_case(data, "json", outcomes)

    one()
    with capsys.disabled():
        print(f"\nfuzz: {outcomes.total()} JSON imports tried: {dict(outcomes)}; none partial")
