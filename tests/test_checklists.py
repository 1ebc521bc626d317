"""Checklist files: the schema, located errors, the `when` grammar, user files, the bundle."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tui.content.checklists import (
    KNOWN_SOURCES,
    OWN_ADVICE,
    SEED_SOURCES,
    Anchor,
    ChecklistItem,
    WhenError,
    load_checklists,
    parse_when,
    source_label,
)
from tui.content.checks import check_guidance, question_ids
from tui.content.templates import load_templates
from tui.model import ContactRole, LogKind, Status

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"

GOOD = """\
id = "my-list"
title = "My own list"
summary = "Things I do."
for_status = ["declined"]
version = 1

[[item]]
id = "call"
text = "Call them"
why = "Voice carries tone."
source = "decline-an-offer-gracefully"
when = "within 24h of decision"
contact_role = "hiring-manager"
template = "decline-call"
log = "call"

[[item]]
id = "note"
text = "Write to each interviewer"
contact_role = ["interviewer", "recruiter"]
"""


def write(user_dir: Path, name: str, text: str) -> Path:
    folder = user_dir / "checklists"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def errors_of(user_dir: Path) -> list[str]:
    return [str(p) for p in load_checklists(user_dir).problems if p.severity == "error"]


# -- schema ------------------------------------------------------------------------------


def test_good_user_checklist_loads_with_every_field(tmp_path: Path) -> None:
    write(tmp_path, "my-list.toml", GOOD)
    loaded = load_checklists(tmp_path)
    assert errors_of(tmp_path) == []
    mine = loaded.items["my-list"]
    assert mine.title == "My own list"
    assert mine.for_status == (Status.DECLINED,)
    call = mine.item("call")
    assert call is not None
    assert call.when is not None and call.when.anchor is Anchor.DECISION
    assert call.when.offset == dt.timedelta(hours=24)
    assert call.contact_roles == (ContactRole.HIRING_MANAGER,)
    assert call.log is LogKind.CALL
    assert call.template == "decline-call"
    note = mine.item("note")
    assert note is not None
    assert note.contact_roles == (ContactRole.INTERVIEWER, ContactRole.RECRUITER)


def test_toml_syntax_error_is_reported_with_file_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.toml", 'id = "broken"\ntitle = "x\n')
    loaded = load_checklists(tmp_path)
    assert "broken" not in loaded.items
    [problem] = [p for p in loaded.problems if p.file == path]
    assert problem.line == 2
    assert problem.column is not None
    assert str(problem).startswith(f"{path}:2:")
    assert "not valid TOML" in str(problem)


def test_misspelt_item_key_is_located_and_suggests_the_right_one(tmp_path: Path) -> None:
    path = write(tmp_path, "typo.toml", GOOD.replace('source = "decline', 'sorce = "decline'))
    loaded = load_checklists(tmp_path)
    assert "my-list" not in loaded.items
    [problem] = [p for p in loaded.problems if p.file == path]
    assert problem.line == 11
    assert "did you mean `source`?" in problem.message
    assert str(problem).startswith(f"{path}:11:1: item[0].sorce:")


def test_unknown_top_level_key_is_rejected_in_strict_mode(tmp_path: Path) -> None:
    write(tmp_path, "extra.toml", 'colour = "blue"\n' + GOOD)
    assert any("colour: unknown key" in e for e in errors_of(tmp_path))


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ('contact_role = "hiring-manager"', 'contact_role = "hiring-manger"', "hiring-manager"),
        ('for_status = ["declined"]', 'for_status = ["decilned"]', "declined"),
        ('log = "call"', 'log = "cal"', "call"),
    ],
)
def test_unknown_enum_values_are_rejected_with_a_suggestion(
    tmp_path: Path, before: str, after: str, expected: str
) -> None:
    write(tmp_path, "bad.toml", GOOD.replace(before, after))
    errors = errors_of(tmp_path)
    assert len(errors) == 1
    assert f"did you mean `{expected}`?" in errors[0]


def test_duplicate_item_id_is_rejected_at_the_second_one(tmp_path: Path) -> None:
    write(tmp_path, "dup.toml", GOOD.replace('id = "note"', 'id = "call"'))
    [error] = errors_of(tmp_path)
    assert "item id `call` is used twice" in error
    assert ":18:1: item[1].id:" in error


def test_missing_required_fields_and_no_items_are_each_reported(tmp_path: Path) -> None:
    write(tmp_path, "empty.toml", 'id = "empty"\n')
    errors = " | ".join(errors_of(tmp_path))
    assert "title: is required but missing" in errors
    assert "no [[item]] tables" in errors


def test_a_bad_when_says_how_to_write_it(tmp_path: Path) -> None:
    write(tmp_path, "when.toml", GOOD.replace("within 24h of decision", "soonish"))
    [error] = errors_of(tmp_path)
    assert ":12:1: item[0].when:" in error
    assert "within 24h of decision" in error


# -- the `when` grammar ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "anchor", "offset"),
    [
        ("within 24h of decision", Anchor.DECISION, dt.timedelta(hours=24)),
        ("within 2 days of decision", Anchor.DECISION, dt.timedelta(days=2)),
        ("2d before start", Anchor.START, dt.timedelta(days=-2)),
        ("1w after received", Anchor.RECEIVED, dt.timedelta(weeks=1)),
        ("before deadline", Anchor.DEADLINE, dt.timedelta(0)),
        ("By  Deadline", Anchor.DEADLINE, dt.timedelta(0)),
    ],
)
def test_when_phrases_parse(text: str, anchor: Anchor, offset: dt.timedelta) -> None:
    when = parse_when(text)
    assert (when.anchor, when.offset) == (anchor, offset)


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("within 24h of decison", "did you mean `decision`?"),
        ("2 dayz before start", "did you mean `day`?"),
        ("tomorrow", "cannot read"),
    ],
)
def test_bad_when_phrases_explain_themselves(text: str, hint: str) -> None:
    with pytest.raises(WhenError, match=hint):
        parse_when(text)


# -- user files next to the bundle -------------------------------------------------------


def test_broken_user_file_is_skipped_and_the_rest_still_load(tmp_path: Path) -> None:
    write(tmp_path, "good.toml", GOOD)
    bad = write(tmp_path, "bad.toml", GOOD.replace('"my-list"', '"other"').replace("text", "txt"))
    loaded = load_checklists(tmp_path)
    assert "my-list" in loaded.items
    assert "other" not in loaded.items
    assert "decline-gracefully" in loaded.items  # the bundle is unaffected
    assert any(p.file == bad and p.severity == "error" for p in loaded.problems)


def test_user_checklist_with_a_bundled_id_replaces_it_with_a_notice(tmp_path: Path) -> None:
    path = write(tmp_path, "mine.toml", GOOD.replace('"my-list"', '"decline-gracefully"'))
    loaded = load_checklists(tmp_path)
    assert loaded.items["decline-gracefully"].title == "My own list"
    assert loaded.origins["decline-gracefully"] == path
    [notice] = [p for p in loaded.problems if p.severity == "notice"]
    assert "replaces the bundled one from decline-gracefully.toml" in notice.message


# -- the bundled playbooks ---------------------------------------------------------------


def test_bundle_loads_cleanly_with_the_required_playbooks() -> None:
    loaded = load_checklists(None)
    assert loaded.problems == []
    for wanted in ("decline-gracefully", "back-out-of-accepted", "go-back-to-declined"):
        assert wanted in loaded.items
    for checklist_id, path in loaded.origins.items():
        assert path.stem == checklist_id
        assert loaded.items[checklist_id].version == 1


def test_every_bundled_item_cites_an_article_or_is_marked_our_advice() -> None:
    for checklist in load_checklists(None).items.values():
        for item in checklist.items:
            assert item.source in KNOWN_SOURCES, f"{checklist.id}/{item.id}: {item.source!r}"
            assert item.why, f"{checklist.id}/{item.id} has no why"
    assert source_label(OWN_ADVICE).startswith("our advice")
    assert source_label("revisit-a-declined-offer") == "revisit-a-declined-offer"


# -- point 9 of issue 16: guidance checked against what each article says ----------------


def _item(checklist_id: str, item_id: str) -> ChecklistItem:
    item = load_checklists(None).items[checklist_id].item(item_id)
    assert item is not None, f"{checklist_id}/{item_id}"
    return item


def test_back_out_says_in_person_is_best_and_a_letter_is_acceptable() -> None:
    tell = _item("back-out-of-accepted", "tell-them")
    words = f"{tell.text} {tell.why}".lower()
    assert "in person" in words and "letter is acceptable" in words
    assert "before anything goes in writing" not in words
    assert tell.source == "back-out-of-an-accepted-offer"


def test_items_the_back_out_article_does_not_say_are_credited_elsewhere() -> None:
    # The back-out article says nothing of clawbacks nor of confirming in writing.
    assert _item("back-out-of-accepted", "check-money-back").source == OWN_ADVICE
    confirm = _item("back-out-of-accepted", "confirm-in-writing")
    assert confirm.source == "revisit-a-declined-offer"  # speak first, then write (SHRM)
    article = SEEDS / "revisit-a-declined-offer.txt"
    if article.is_file():
        assert "then put it in writing" in article.read_text()


def test_going_back_says_some_terms_can_be_negotiated_but_not_pay() -> None:
    terms = _item("go-back-to-declined", "terms-to-raise")
    assert terms.source == "revisit-a-declined-offer"
    assert "other than pay" in terms.text
    assert _item("go-back-to-declined", "no-salary").source == "revisit-a-declined-offer"


def test_each_playbook_has_one_step_that_records_the_conversation() -> None:
    wanted = {
        "decline-gracefully": Status.DECLINED,
        "back-out-of-accepted": Status.BACKED_OUT,
        "go-back-to-declined": Status.RECONSIDERING,
    }
    for checklist_id, status in wanted.items():
        checklist = load_checklists(None).items[checklist_id]
        movers = [i for i in checklist.items if i.moves_to is not None]
        assert [i.moves_to for i in movers] == [status]
        ids = [i.id for i in checklist.items]
        before = ids[: ids.index(movers[0].id)]
        # the preparation comes first: a rehearsal and the script before the call
        assert any(checklist.item(i).rehearse for i in before), checklist_id  # type: ignore[union-attr]
        assert any(checklist.item(i).template for i in before), checklist_id  # type: ignore[union-attr]


def test_a_moving_step_cannot_be_one_per_person(tmp_path: Path) -> None:
    text = GOOD.replace('log = "call"', 'log = "call"\nmoves_to = "declined"')
    write(tmp_path, "mine.toml", text)
    [problem] = load_checklists(tmp_path).problems
    assert "item[0].moves_to" in str(problem)
    assert "cannot be one tick per person" in str(problem)


def test_not_needed_in_names_statuses(tmp_path: Path) -> None:
    text = GOOD.replace('log = "call"', 'log = "call"\nnot_needed_in = ["decliend"]')
    write(tmp_path, "mine.toml", text)
    [problem] = load_checklists(tmp_path).problems
    assert "did you mean `declined`?" in str(problem)


def test_every_bundled_reference_resolves() -> None:
    templates = load_templates(None).items
    questions = question_ids(None)
    for checklist in load_checklists(None).items.values():
        for item in checklist.items:
            if item.template:
                assert item.template in templates, f"{checklist.id}/{item.id}"
            if item.rehearse:
                assert item.rehearse in questions, f"{checklist.id}"
    mine = ("checklists", "templates")
    problems = [p for p in check_guidance(None) if p.file.parent.name in mine]
    assert [str(p) for p in problems] == []


def test_seed_sources_match_the_article_files() -> None:
    if not SEEDS.is_dir():
        pytest.skip("seed articles not available")
    assert sorted(p.stem for p in SEEDS.glob("*.txt")) == sorted(SEED_SOURCES)


def test_a_rehearse_typo_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    text = GOOD.replace('log = "call"', 'log = "call"\nrehearse = "why-changed-mnd"')
    path = write(tmp_path, "mine.toml", text)
    [error] = [str(p) for p in check_guidance(tmp_path) if p.severity == "error" and p.file == path]
    assert "item[0].rehearse: names question `why-changed-mnd`" in error
    assert "did you mean `why-changed-mind`?" in error


def test_go_back_links_the_what_changed_rehearsal() -> None:
    go_back = load_checklists(None).items["go-back-to-declined"]
    assert "why-changed-mind" in {i.rehearse for i in go_back.items}


def test_bundled_text_does_not_copy_sentences_from_the_articles() -> None:
    if not SEEDS.is_dir():
        pytest.skip("seed articles not available")
    articles = " ".join(" ".join(p.read_text().lower().split()) for p in SEEDS.glob("*.txt"))
    bundle = Path(__file__).resolve().parent.parent / "guidance"
    kinds = ("checklists", "templates", "questions")
    for path in [p for kind in kinds for p in bundle.glob(f"{kind}/*.toml")]:
        words = " ".join(path.read_text().lower().replace("\\\n", " ").split()).split()
        for start in range(len(words) - 5):
            run = " ".join(words[start : start + 6])
            assert run not in articles, f"{path.name} copies: {run!r}"


def test_check_guidance_reports_a_dangling_template_reference(tmp_path: Path) -> None:
    path = write(tmp_path, "mine.toml", GOOD.replace('"decline-call"', '"decline-cal"'))
    [problem] = [p for p in check_guidance(tmp_path) if p.severity == "error" and p.file == path]
    assert problem.file == path
    assert problem.line == 14
    assert "template `decline-cal`, which does not exist; did you mean `decline-call`?" in str(
        problem
    )
