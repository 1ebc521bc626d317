"""Message templates: safe filling, values from an offer, the schema, the CLI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tui.cli import main
from tui.content.checks import check_guidance
from tui.content.message import Signature, placeholders_for, render
from tui.content.templates import (
    PLACEHOLDERS,
    TemplateSyntaxError,
    fill,
    load_templates,
    placeholder_names,
    templates_for,
)
from tui.model import Contact, ContactRole, Handling, Intent, Offer, Status, ToldThem
from tui.store.offers import OfferStore

EMAIL = """\
id = "my-email"
title = "My email"
kind = "email"
for_status = ["declined"]
subject = "About {role}"
body = \"\"\"
Dear {hiring_manager_first},
I am declining. {reason}
{my_name}
\"\"\"
"""


def declined_offer(handling: Handling = Handling.CLEAN) -> Offer:
    offer = Offer(
        company="Northwind",
        role="Staff Engineer",
        received=dt.date(2026, 11, 2),
        start_date=dt.date(2027, 1, 4),
        id="northwind-staff-abc123",
    )
    offer.contacts.append(Contact("Dana Ruiz", ContactRole.HIRING_MANAGER, id="dana"))
    offer.contacts.append(Contact("Ian Park", ContactRole.INTERVIEWER, id="ian"))
    offer.move_to(Status.DECLINED, dt.datetime(2026, 11, 20, 9, 30))
    offer.told = ToldThem("I chose a role closer to home", handling=handling)
    return offer


def write(user_dir: Path, name: str, text: str) -> Path:
    folder = user_dir / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# -- the scanner -------------------------------------------------------------------------


def test_fill_replaces_names_and_keeps_escaped_braces() -> None:
    text = "Hi {name}, the set is {{a, b}} and {name} again."
    assert fill(text, {"name": "Dana"}) == "Hi Dana, the set is {a, b} and Dana again."


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("{offer.__class__}", "no attribute or index access"),
        ("{a[0]}", "no attribute or index access"),
        ("{company!r}", "no conversion or format spec"),
        ("{company:>10}", "no conversion or format spec"),
        ("{}", "empty placeholder"),
        ("{Company}", "lowercase letters"),
        ("Dear {company", "never closed"),
        ("a } b", "lone `}`"),
    ],
)
def test_hostile_or_malformed_placeholders_are_rejected(text: str, complaint: str) -> None:
    with pytest.raises(TemplateSyntaxError, match=complaint):
        fill(text, {"company": "Northwind", "a": "x", "offer": "x"})


def test_values_with_braces_are_inserted_verbatim_and_not_rescanned() -> None:
    assert fill("Re: {reason}", {"reason": "{offer.__class__} {{x}}"}) == (
        "Re: {offer.__class__} {{x}}"
    )


def test_a_name_without_a_value_stays_visible() -> None:
    assert fill("Dear {nobody},", {}) == "Dear [?nobody],"


def test_placeholder_names_in_order_of_first_use() -> None:
    assert placeholder_names("{b} {a} {{c}} {b}") == ["b", "a"]


# -- values from the offer ---------------------------------------------------------------


def test_placeholders_come_from_the_offer() -> None:
    values = placeholders_for(declined_offer(), my_name="Sam Hill")
    assert values["company"] == "Northwind"
    assert values["hiring_manager"] == "Dana Ruiz"
    assert values["hiring_manager_first"] == "Dana"
    assert values["reason"] == "I chose a role closer to home"
    assert values["start_date"] == "4 January 2027"
    assert values["my_name"] == "Sam Hill"
    assert values["contact"] == "Dana Ruiz"  # addressed to the hiring manager by default


def test_missing_values_render_as_markers_the_user_will_see() -> None:
    offer = declined_offer()
    values = placeholders_for(offer)
    assert values["recruiter"] == "[recruiter's name]"
    assert values["my_name"] == "[your name]"
    template = load_templates(None).items["decline-email"]
    message = render(template, offer)
    assert message.body.rstrip().endswith("[your name]")
    assert message.missing == ["[your name]"]


def test_addressing_a_person_fills_contact() -> None:
    offer = declined_offer()
    template = load_templates(None).items["decline-thanks-note"]
    message = render(template, offer, contact=offer.contact("ian"), signature=Signature("Sam"))
    assert message.body.startswith("Hi Ian,")
    assert "I have already told Dana Ruiz." in message.body
    assert message.subject == "Thank you, from Sam"


def test_a_private_status_note_never_fills_a_message() -> None:
    offer = declined_offer()
    note = "the other offer fell through"
    offer.move_to(Status.RECONSIDERING, dt.datetime(2027, 2, 1), note)
    for template in load_templates(None).items.values():
        message = render(template, offer)
        assert note not in message.body and note not in message.subject, template.id
    body = render(load_templates(None).items["reconsider-call-clean"], offer).body
    assert "[what has changed for you]" in body


def test_what_changed_comes_from_the_field_written_for_the_employer() -> None:
    offer = declined_offer()
    offer.intend(Intent.GO_BACK, dt.datetime(2027, 2, 1), what_changed="my family moved nearby")
    message = render(load_templates(None).items["reconsider-call-clean"], offer)
    assert "What has changed is this: my family moved nearby." in message.body
    assert message.sources()["what_changed"] == "What I intend: what I'll say changed"
    [part] = [p for p in message.body_parts if p.name == "what_changed"]
    assert part.text == "my family moved nearby" and part.known


def test_the_reason_i_mean_to_give_fills_the_script_before_i_have_told_them() -> None:
    offer = Offer("Northwind", "Staff Engineer", id="n")
    offer.intend(Intent.DECLINE, dt.datetime(2026, 11, 20), reason="the travel would not work")
    template = load_templates(None).items["decline-call"]
    assert template.fits(offer)  # the script fits before the status moves
    message = render(template, offer, signature=Signature("Sam Hill", "Warm wishes"))
    assert "The main reason is the travel would not work." in message.body
    assert message.sources()["reason"] == "What I intend: the reason I'll give them"
    assert message.sources()["my_name"] == "Settings: my_name"


def test_sign_off_and_name_close_every_email() -> None:
    offer = declined_offer()
    signature = Signature("Sam Hill", "Warm wishes")
    for template in load_templates(None).items.values():
        if template.kind.value == "email":
            body = render(template, offer, signature=signature).body.rstrip()
            assert body.endswith("Warm wishes,\nSam Hill"), template.id
    default = render(load_templates(None).items["decline-email"], offer, signature=Signature("S"))
    assert default.body.rstrip().endswith("Kind regards,\nS")


def test_reconsider_script_matches_how_the_no_was_handled() -> None:
    templates = load_templates(None).items
    clean = declined_offer(Handling.CLEAN)
    clean.move_to(Status.RECONSIDERING, dt.datetime(2027, 2, 1))
    badly = declined_offer(Handling.LONG_DELAY)
    badly.move_to(Status.RECONSIDERING, dt.datetime(2027, 2, 1))
    clean_ids = {t.id for t in templates_for(clean, templates)}
    badly_ids = {t.id for t in templates_for(badly, templates)}
    assert "reconsider-call-clean" in clean_ids
    assert "reconsider-call-after-bad-decline" not in clean_ids
    assert "reconsider-call-after-bad-decline" in badly_ids
    assert "reconsider-call-clean" not in badly_ids
    assert "decline-email" not in badly_ids  # wrong status


# -- the bundle and the schema -----------------------------------------------------------


def test_bundled_templates_load_cleanly_and_use_only_known_placeholders() -> None:
    loaded = load_templates(None)
    assert loaded.problems == []
    assert len(loaded.items) >= 8
    for template in loaded.items.values():
        assert template.unknown_placeholders() == [], template.id
        assert template.source, template.id
        assert template.for_status, template.id
        if template.kind == "email":
            assert template.subject, template.id


def test_a_user_template_with_a_hostile_placeholder_is_rejected_at_load(tmp_path: Path) -> None:
    path = write(tmp_path, "evil.toml", EMAIL.replace("{reason}", "{offer.__class__}"))
    loaded = load_templates(tmp_path)
    assert "my-email" not in loaded.items
    [problem] = [p for p in loaded.problems if p.file == path]
    assert problem.line == 6  # the `body` key
    assert "no attribute or index access" in problem.message
    assert "line 2, column 17 of the body" in problem.message


def test_unknown_placeholder_is_reported_by_check_with_a_suggestion(tmp_path: Path) -> None:
    path = write(tmp_path, "typo.toml", EMAIL.replace("{reason}", "{reasn}"))
    assert "my-email" in load_templates(tmp_path).items
    [problem] = [p for p in check_guidance(tmp_path) if p.severity == "error" and p.file == path]
    assert "unknown placeholder `{reasn}`; did you mean `{reason}`?" in problem.message


def test_email_without_subject_and_misspelt_key_are_rejected(tmp_path: Path) -> None:
    write(tmp_path, "bad.toml", EMAIL.replace("subject =", "subjet ="))
    messages = " | ".join(str(p) for p in load_templates(tmp_path).problems)
    assert "needs a `subject`" in messages
    assert "did you mean `subject`?" in messages


def test_user_template_overrides_bundled_one_with_notice(tmp_path: Path) -> None:
    write(tmp_path, "decline-email.toml", EMAIL.replace('"my-email"', '"decline-email"'))
    loaded = load_templates(tmp_path)
    assert loaded.items["decline-email"].title == "My email"
    assert [p.severity for p in loaded.problems] == ["notice"]


def test_allow_list_has_a_marker_for_every_name() -> None:
    for name, marker in PLACEHOLDERS.items():
        assert marker.startswith("[") and marker.endswith("]"), name


# -- the CLI -----------------------------------------------------------------------------


def saved(data_dir: Path) -> Offer:
    store = OfferStore(data_dir)
    store.ensure()
    offer = declined_offer()
    store.save(offer)
    return offer


def test_cli_prints_the_filled_email(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    offer = saved(data_dir)
    argv = ["--data-dir", str(data_dir), "template", "decline-email", "--offer", offer.id]
    code = main([*argv, "--name", "Sam Hill"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("Subject: Staff Engineer offer: thank you, and my answer\n\nDear Dana,")
    assert "The main reason is I chose a role closer to home." in out
    assert out.rstrip().endswith("Sam Hill")


def test_cli_unknown_template_exits_2_with_close_matches(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--data-dir", str(data_dir), "template", "decline-emial"])
    err = capsys.readouterr().err
    assert code == 2
    assert "no template with id 'decline-emial'; did you mean: decline-email" in err


def test_cli_unknown_offer_and_person_exit_2(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    offer = saved(data_dir)
    base = ["--data-dir", str(data_dir), "template", "decline-email"]
    assert main([*base, "--offer", "northwind"]) == 2
    assert f"did you mean: {offer.id}" in capsys.readouterr().err
    assert main([*base, "--offer", offer.id, "--to", "Zed"]) == 2
    assert "Dana Ruiz (dana)" in capsys.readouterr().err


def test_cli_without_offer_lists_what_to_fill_in(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(data_dir), "template", "back-out-call"]) == 0
    captured = capsys.readouterr()
    assert "Hi [hiring manager's first name]," in captured.out
    assert "Fill in before sending: [hiring manager's first name], [your name]" in captured.err


def test_cli_signs_with_my_name_and_sign_off_from_the_settings(
    data_dir: Path, isolated_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = isolated_dirs / "config" / "offer-tui" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('my_name = "Sam Hill"\nsign_off = "Warm wishes"\n', encoding="utf-8")
    offer = saved(data_dir)
    argv = ["--data-dir", str(data_dir), "template", "decline-email", "--offer", offer.id]
    assert main(argv) == 0
    assert capsys.readouterr().out.rstrip().endswith("Warm wishes,\nSam Hill")
    assert main([*argv, "--name", "S. Hill"]) == 0  # --name still wins
    assert capsys.readouterr().out.rstrip().endswith("Warm wishes,\nS. Hill")
