"""An offer's checklist progress: suggestions, per-person ticks, due times, ticking, the CLI."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tui.cli import main
from tui.content.checklists import Checklist, load_checklists, parse_when
from tui.content.progress import (
    UnknownTick,
    attach,
    decision_time,
    due_time,
    offer_views,
    suggested_checklists,
    tick,
    untick,
    view,
)
from tui.model import (
    ChecklistProgress,
    Contact,
    ContactRole,
    ItemDone,
    LogKind,
    Offer,
    Status,
)
from tui.store.offers import OfferStore

DECIDED = dt.datetime(2026, 11, 20, 9, 30)
NOW = dt.datetime(2026, 11, 21, 12, 0)


@pytest.fixture(scope="module")
def checklists() -> dict[str, Checklist]:
    return load_checklists(None).items


def declined(*contacts: Contact) -> Offer:
    offer = Offer(
        company="Northwind",
        role="Staff Engineer",
        received=dt.date(2026, 11, 2),
        deadline=dt.date(2026, 11, 30),
        start_date=dt.date(2027, 1, 4),
        id="northwind-staff-abc123",
    )
    offer.contacts.extend(contacts)
    offer.move_to(Status.DECLINED, DECIDED, "took the other one")
    return offer


DANA = Contact("Dana Ruiz", ContactRole.HIRING_MANAGER, id="dana")
IAN = Contact("Ian Park", ContactRole.INTERVIEWER, id="ian")
MO = Contact("Mo Lee", ContactRole.INTERVIEWER, id="mo")


# -- suggestions -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ([Status.DECLINED], "decline-gracefully"),
        ([Status.ACCEPTED, Status.BACKED_OUT], "back-out-of-accepted"),
        ([Status.DECLINED, Status.RECONSIDERING], "go-back-to-declined"),
        ([], "be-certain"),
    ],
)
def test_the_playbook_offered_first_follows_the_status(
    checklists: dict[str, Checklist], path: list[Status], expected: str
) -> None:
    offer = Offer(company="A", role="B")
    for step, status in enumerate(path):
        offer.move_to(status, DECIDED + dt.timedelta(days=step))
    assert suggested_checklists(offer, checklists)[0].id == expected


def test_an_attached_checklist_is_not_suggested_again(checklists: dict[str, Checklist]) -> None:
    offer = declined()
    attach(offer, "decline-gracefully", NOW)
    assert "decline-gracefully" not in [c.id for c in suggested_checklists(offer, checklists)]
    [shown] = offer_views(offer, checklists, NOW)
    assert shown.attached and shown.checklist_id == "decline-gracefully"


# -- one tick per person -----------------------------------------------------------------


def test_interviewer_item_expands_to_one_tick_per_interviewer(
    checklists: dict[str, Checklist],
) -> None:
    offer = declined(DANA, IAN, MO)
    shown = view(offer, "decline-gracefully", checklists, NOW)
    keys = [t.key for t in shown.ticks if t.item.id == "tell-interviewers"]
    assert keys == ["tell-interviewers@ian", "tell-interviewers@mo"]
    labels = [t.label for t in shown.ticks if t.item.id == "tell-interviewers"]
    assert labels[0].endswith(": Ian Park")
    connect = [t.contact.name for t in shown.ticks if t.item.id == "connect" and t.contact]
    assert connect == ["Dana Ruiz", "Ian Park", "Mo Lee"]  # several roles, every person once


def test_missing_person_gives_one_reminder_tick(checklists: dict[str, Checklist]) -> None:
    offer = declined(DANA)
    shown = view(offer, "decline-gracefully", checklists, NOW)
    [reminder] = [t for t in shown.ticks if t.item.id == "tell-recruiter"]
    assert reminder.key == "tell-recruiter"
    assert reminder.missing_role == (ContactRole.RECRUITER,)
    assert "add the recruiter to this offer's people" in reminder.label


def test_counts_and_fraction(checklists: dict[str, Checklist]) -> None:
    offer = declined(DANA, IAN, MO)
    before = view(offer, "decline-gracefully", checklists, NOW)
    items = len(checklists["decline-gracefully"].items)
    # two interviewers (+1), three people to connect with (+2); the seven steps that
    # prepare the call do not count once the offer is declined
    assert before.not_needed_count == 7
    assert before.total == items + 1 + 2 - 7
    tick(offer, checklists["decline-gracefully"], "tell-interviewers@ian", NOW)
    tick(offer, checklists["decline-gracefully"], "thank-them", NOW)
    after = view(offer, "decline-gracefully", checklists, NOW)
    assert after.done_count == 3  # the two ticks, and the call: the offer is declined already
    assert after.fraction == pytest.approx(3 / after.total)


# -- due times ---------------------------------------------------------------------------


def test_due_times_from_decision_deadline_and_start(checklists: dict[str, Checklist]) -> None:
    offer = declined(DANA)
    chosen = checklists["decline-gracefully"]
    assert decision_time(offer, chosen) == DECIDED
    assert due_time(offer, parse_when("within 24h of decision"), chosen) == DECIDED + dt.timedelta(
        hours=24
    )
    assert due_time(offer, parse_when("before deadline")) == dt.datetime(2026, 11, 30, 23, 59, 59)
    assert due_time(offer, parse_when("2d before start")) == dt.datetime(2027, 1, 2)
    offer.start_date = None
    assert due_time(offer, parse_when("2d before start")) is None


def test_decision_time_is_the_move_into_the_checklists_status() -> None:
    offer = declined()
    offer.move_to(Status.RECONSIDERING, dt.datetime(2027, 2, 1))
    decline = load_checklists(None).items["decline-gracefully"]
    assert decision_time(offer, decline) == DECIDED  # the decline, not the later reconsider
    assert decision_time(offer) == dt.datetime(2027, 2, 1)


def test_without_history_the_decision_falls_back_to_the_received_date() -> None:
    offer = Offer(company="A", role="B", status=Status.DECLINED, received=dt.date(2026, 5, 1))
    assert decision_time(offer) == dt.datetime(2026, 5, 1)
    offer.received = None
    assert decision_time(offer) is None


def test_overdue_only_when_past_due_and_not_done(checklists: dict[str, Checklist]) -> None:
    offer = declined(DANA)
    chosen = checklists["decline-gracefully"]
    early = view(offer, chosen.id, checklists, DECIDED + dt.timedelta(hours=47))
    late = view(offer, chosen.id, checklists, DECIDED + dt.timedelta(hours=49))
    call = "confirm-in-writing"
    assert early.tick(call).overdue is False  # type: ignore[union-attr]
    assert late.tick(call).overdue is True  # type: ignore[union-attr]
    assert late.tick("thank-them").overdue is False  # type: ignore[union-attr]  # no `when`
    tick(offer, chosen, call, NOW)
    assert view(offer, chosen.id, checklists, late.ticks[0].due or NOW).tick(call).overdue is False  # type: ignore[union-attr]


def test_due_note_explains_a_missing_date(checklists: dict[str, Checklist]) -> None:
    offer = declined()
    offer.deadline = None
    shown = view(offer, "decline-gracefully", checklists, NOW)
    decide = shown.tick("decide-promptly")
    assert decide is not None and decide.due is None
    assert decide.due_note == "no respond-by date on this offer"


# -- ticking -----------------------------------------------------------------------------


def test_tick_attaches_records_and_returns_a_log_entry(checklists: dict[str, Checklist]) -> None:
    offer = declined(DANA, IAN)
    chosen = checklists["decline-gracefully"]
    entry = tick(offer, chosen, "tell-interviewers@ian", NOW, note="he took it well")
    progress = offer.progress_for("decline-gracefully")
    assert progress is not None and progress.attached == NOW
    assert progress.done["tell-interviewers@ian"] == ItemDone(NOW, "he took it well")
    assert entry is not None
    assert entry.kind is LogKind.EMAIL
    assert entry.contact == "ian"
    assert "Ian Park" in entry.summary and "he took it well" in entry.summary
    assert offer.log == []  # the caller decides whether to append it
    assert tick(offer, chosen, "thank-them", NOW) is None  # no `log` on that item


def test_untick_round_trip(checklists: dict[str, Checklist]) -> None:
    offer = declined(DANA)
    chosen = checklists["decline-gracefully"]
    tick(offer, chosen, "thank-them", NOW)
    assert view(offer, chosen.id, checklists, NOW).tick("thank-them").is_done  # type: ignore[union-attr]
    removed = untick(offer, chosen.id, "thank-them")
    assert removed == ItemDone(NOW)
    assert not view(offer, chosen.id, checklists, NOW).tick("thank-them").is_done  # type: ignore[union-attr]
    assert untick(offer, chosen.id, "thank-them") is None
    assert untick(offer, "not-attached", "thank-them") is None


def test_ticking_something_that_is_not_there_is_refused(checklists: dict[str, Checklist]) -> None:
    offer = declined(DANA)
    chosen = checklists["decline-gracefully"]
    with pytest.raises(UnknownTick, match="`tell-interviewers@zed` is not a tick"):
        tick(offer, chosen, "tell-interviewers@zed", NOW)
    with pytest.raises(UnknownTick):
        tick(offer, chosen, "connect", NOW)  # Dana exists: the key names her
    assert offer.checklists == []


def test_ticks_on_a_round_trip_through_the_store(
    data_dir: Path, checklists: dict[str, Checklist]
) -> None:
    store = OfferStore(data_dir)
    store.ensure()
    offer = declined(DANA, IAN)
    tick(offer, checklists["decline-gracefully"], "tell-interviewers@ian", NOW, "done")
    offer.checklists[0].done["be-sure"] = ItemDone(NOW, not_needed="the offer is declined now")
    store.save(offer)
    again = OfferStore(data_dir).load_all().offers[offer.id]
    shown = view(again, "decline-gracefully", checklists, NOW)
    assert shown.tick("tell-interviewers@ian").done == ItemDone(NOW, "done")  # type: ignore[union-attr]
    assert shown.tick("be-sure").not_needed == "the offer is declined now"  # type: ignore[union-attr]


def test_progress_for_items_that_no_longer_exist_is_kept(checklists: dict[str, Checklist]) -> None:
    offer = declined(DANA)
    offer.checklists.append(
        ChecklistProgress(
            "decline-gracefully",
            NOW,
            {
                "old-item": ItemDone(NOW),
                "tell-interviewers@gone": ItemDone(NOW),
                "thank-them": ItemDone(NOW),
            },
        )
    )
    offer.checklists.append(ChecklistProgress("retired-list", NOW, {"x": ItemDone(NOW)}))
    first, second = offer_views(offer, checklists, NOW)
    assert first.done_count == 2  # thank-them, and the call behind the declined status
    reasons = {s.key: s.reason for s in first.stale}
    assert reasons["old-item"] == "item `old-item` is no longer in this checklist"
    assert reasons["tell-interviewers@gone"] == "that person was removed from this offer"
    assert second.checklist is None and second.title == "retired-list"
    assert [s.key for s in second.stale] == ["x"]
    assert untick(offer, "decline-gracefully", "old-item") == ItemDone(NOW)


# -- the CLI -----------------------------------------------------------------------------


def test_cli_text_shows_people_due_and_overdue(
    data_dir: Path, checklists: dict[str, Checklist], capsys: pytest.CaptureFixture[str]
) -> None:
    store = OfferStore(data_dir)
    store.ensure()
    offer = declined(DANA, IAN)
    tick(offer, checklists["decline-gracefully"], "thank-them", DECIDED)
    store.save(offer)
    code = main(["--data-dir", str(data_dir), "checklist", offer.id, "--now", "2026-11-23T12:00"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Decline gracefully  [2/" in out  # thanked, and the call is behind them
    assert (
        "[x] Phone the hiring manager yourself, then record what you told them (this marks "
        "the offer declined)  (done: the offer is declined already)" in out
    )
    assert (
        "[ ] Follow the conversation with a brief written note that confirms your decision  "
        "(due 2026-11-22 09:30)  OVERDUE" in out
    )
    assert "[-] Reach a firm answer well before the respond-by date" in out
    assert "(not needed: the offer is declined)" in out
    assert (
        "[x] Thank them for the interviews, their time and the offer itself  (done 2026-11-20"
        in out
    )
    assert "add the recruiter to this offer's people" in out


def test_cli_json_and_suggestion(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = OfferStore(data_dir)
    store.ensure()
    offer = declined(DANA)
    store.save(offer)
    code = main(
        ["--data-dir", str(data_dir), "checklist", offer.id, "--json", "--now", "2026-11-23T12:00"]
    )
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    [shown] = [c for c in data["checklists"] if c["id"] == "decline-gracefully"]
    assert shown["attached"] is False
    call = next(i for i in shown["items"] if i["key"] == "confirm-in-writing")
    assert call["overdue"] is True and call["due"] == "2026-11-22T09:30:00"
    assert call["template"] == "decline-email"
    prepare = next(i for i in shown["items"] if i["key"] == "decide-promptly")
    assert prepare["not_needed"] == "the offer is declined" and prepare["overdue"] is False


def test_cli_unknown_offer_suggests_ids(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = OfferStore(data_dir)
    store.ensure()
    store.save(declined())
    assert main(["--data-dir", str(data_dir), "checklist", "northwind-staf"]) == 2
    assert "did you mean: northwind-staff-abc123" in capsys.readouterr().err


def test_cli_broken_offer_file_is_named(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    OfferStore(data_dir).ensure()
    (data_dir / "offers" / "broken-1.toml").write_text("company = \n")
    assert main(["--data-dir", str(data_dir), "checklist", "broken-1"]) == 1
    assert "broken-1.toml:1:" in capsys.readouterr().err
