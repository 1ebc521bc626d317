"""The rehearsal tab through Pilot: a question played like a call, scored, retried, saved."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

from apphelp import flat, screen_text, started, wait_for, wait_for_text
from textual.widgets import OptionList, Sparkline

from tui.actions import ACTIONS, PALETTE_SCOPES
from tui.app.app import OfferApp
from tui.app.dialogs import ConfirmScreen
from tui.app.rehearsal_pane import AnswerArea, RehearsalData, RehearsalPane
from tui.app.rehearsal_picker import QuestionPicker
from tui.demo import write_demo
from tui.rehearsal.personalize import personalize
from tui.settings import Settings

TODAY = dt.date(2026, 11, 23)
QUILL = "quill-co-platform-lead-d7e8f9"
SIZE = (160, 100)  # tall enough for the whole breakdown
MONEY_ANSWER = "Thank you for taking my call. Honestly the money was better elsewhere."


async def open_rehearsal(app: OfferApp, pilot, company: str = "") -> RehearsalPane:  # type: ignore[no-untyped-def]
    if company:
        await pilot.press("slash", *company, "enter")
    await pilot.press("3")
    await wait_for_text(pilot, app, "Interviewer:")
    return app.query_one(RehearsalPane)


async def choose(pilot, app: OfferApp, question_id: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+l")
    await wait_for(lambda: isinstance(app.screen, QuestionPicker), "the question list")
    listing = app.screen.query_one(OptionList)
    listing.highlighted = listing.get_option_index(question_id)
    await pilot.press("enter")
    await wait_for(lambda: not isinstance(app.screen, QuestionPicker), "list closed")


def attempt_files(data_dir: Path) -> list[dict]:
    folder = data_dir / "attempts"
    return [tomllib.loads(p.read_text()) for p in sorted(folder.glob("*.toml"))]


def saved_attempts(data_dir: Path) -> list[dict]:
    return [a for table in attempt_files(data_dir) for a in table.get("attempt", [])]


async def test_full_round_score_follow_up_retry_and_history(
    demo_app: OfferApp, data_dir: Path
) -> None:
    app = demo_app
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        pane = await open_rehearsal(app, pilot, "quill")
        await choose(pilot, app, "why-changed-mind")
        session = pane.session
        assert session is not None and session.round is not None
        question = app.guidance.questions.items["why-changed-mind"]
        asked = personalize(question, app.offers[QUILL])
        assert session.round.question.text == asked.text != question.text
        screen = await wait_for_text(pilot, app, "for Quill & Co")
        assert "Interviewer:" in screen and "Time 0:0" in screen

        assert isinstance(app.focused, AnswerArea)
        await pilot.press(*"Thank you")
        screen = await wait_for_text(pilot, app, "Running score")
        assert "✓ Thanks them" in screen

        pane.area.load_text(MONEY_ANSWER)
        await pilot.press("ctrl+s")
        screen = flat(await wait_for_text(pilot, app, "Score "))
        first = session.round.score
        assert first is not None
        assert f"Score {first.score}/100 · {first.grade}" in screen
        assert "violated Keeps money out of it" in screen
        assert 'found "money"' in screen and "→ Leave pay out entirely" in screen
        assert "They may ask next:" in screen and "Is this about the pay?" in screen
        assert "Running score" not in screen  # hints go once the answer is in

        await wait_for(lambda: saved_attempts(data_dir), "the attempt on disk")
        [saved] = saved_attempts(data_dir)
        assert saved["question_id"] == "why-changed-mind"
        assert saved["offer_id"] == QUILL
        assert saved["answer"] == MONEY_ANSWER
        assert saved["score"] == first.score
        assert {"id": "no-money", "status": "violated"}.items() <= next(
            r for r in saved["results"] if r["id"] == "no-money"
        ).items()

        await pilot.press("ctrl+g")
        await wait_for_text(pilot, app, "Model answer")

        await pilot.press("ctrl+t")
        await wait_for_text(pilot, app, f"previous try {first.score}")
        assert pane.area.text == "" and isinstance(app.focused, AnswerArea)
        pane.area.load_text(question.model_answers[0])
        await pilot.press("ctrl+r")  # the other submit key
        second = await wait_until_scored(pilot, pane)
        change = f"{first.score} -> {second}, {second - first.score:+d}"
        screen = await wait_for_text(pilot, app, change)
        assert f"History: {first.score} → {second}" in screen
        assert app.query_one("#rh-spark", Sparkline).display
        await wait_for(lambda: len(saved_attempts(data_dir)) == 2, "second attempt")

        # The follow-up was asked after the first answer only; the retry had none, so
        # ctrl+n moves on to the schedule's next question for this offer's status.
        await pilot.press("ctrl+n")
        await wait_for(lambda: session.round.question.id != "why-changed-mind", "next question")
        assert session.round.question.fits_status("reconsidering")


async def wait_until_scored(pilot, pane: RehearsalPane) -> int:  # type: ignore[no-untyped-def]
    def scored() -> bool:
        r = pane.session.round if pane.session else None
        return r is not None and r.score is not None

    await wait_for(scored, "a score")
    return pane.session.round.score.score  # type: ignore[union-attr]


async def test_money_answer_asks_the_follow_up_as_the_next_round(
    demo_app: OfferApp, data_dir: Path
) -> None:
    app = demo_app
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        pane = await open_rehearsal(app, pilot, "quill")
        await choose(pilot, app, "why-changed-mind")
        pane.area.load_text(MONEY_ANSWER)
        await pilot.press("ctrl+s")
        await wait_for_text(pilot, app, "Is this about the pay?")
        await pilot.press("ctrl+n")
        screen = await wait_for_text(pilot, app, "Follow-up:")
        assert "Interviewer: “Is this about the pay?" in screen
        pane.area.load_text("No. I told you I took a counter-offer, and that role was cut back.")
        await pilot.press("ctrl+s")
        await wait_for_text(pilot, app, "Score ")
        await wait_for(lambda: len(saved_attempts(data_dir)) == 2, "both attempts")
        follow = saved_attempts(data_dir)[1]
        assert follow["question_id"] == "why-changed-mind/is-it-pay"


async def test_hints_toggle_hides_the_live_hints(demo_app: OfferApp) -> None:
    app = demo_app
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await open_rehearsal(app, pilot, "cobalt")
        await pilot.press(*"Thank you")
        await wait_for_text(pilot, app, "Running score")
        await pilot.press("ctrl+f")
        await wait_for_text(pilot, app, "hints off")
        assert "Running score" not in screen_text(app)
        await pilot.press(*" ok")
        await wait_for_text(pilot, app, "Thank you ok")
        await pilot.pause()  # the change handled: hints would show now if they were on
        assert "Running score" not in screen_text(app)
        await pilot.press("ctrl+f")
        await wait_for_text(pilot, app, "Running score")


async def test_hostile_answer_is_shown_literally(demo_app: OfferApp, data_dir: Path) -> None:
    app = demo_app
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        pane = await open_rehearsal(app, pilot, "quill")
        pane.area.load_text("[bold red]Thank you[/] \x1b[31mthe money\x1b[0m [link=x]y[/link]")
        await pilot.press("ctrl+s")
        screen = await wait_for_text(pilot, app, "Your answer")
        assert "[bold red]Thank you[/] ␛[31mthe money␛[0m [link=x]y[/link]" in screen
        await wait_for(lambda: saved_attempts(data_dir), "the attempt on disk")
        assert saved_attempts(data_dir)[0]["answer"].startswith("[bold red]Thank you[/] ␛[31m")


async def test_escape_keeps_the_answer_and_moving_on_asks_first(demo_app: OfferApp) -> None:
    app = demo_app
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        pane = await open_rehearsal(app, pilot, "cobalt")
        asked = pane.session.round.question.id  # type: ignore[union-attr]
        assert pane.session.round.question.fits_status("declined")  # type: ignore[union-attr]
        await pilot.press(*"Half")
        await pilot.press("escape")
        assert app.focused is pane
        assert pane.area.text == "Half"
        await pilot.press("ctrl+n")
        await wait_for(lambda: isinstance(app.screen, ConfirmScreen), "a question")
        await pilot.press("n")
        await wait_for(lambda: not isinstance(app.screen, ConfirmScreen), "closed")
        assert pane.area.text == "Half"
        assert pane.session.round.question.id == asked  # type: ignore[union-attr]
        await pilot.press("i")
        assert isinstance(app.focused, AnswerArea)


async def test_editor_is_refused_in_a_served_session(data_dir: Path) -> None:
    write_demo(data_dir, TODAY)
    app = OfferApp(Settings(data_dir, served=True), today=TODAY, watch_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await open_rehearsal(app, pilot)
        await pilot.press("ctrl+o")
        assert any("editor is not available" in m for m in app.messages)


async def test_without_offers_the_generic_question_is_asked(data_dir: Path) -> None:
    app = OfferApp(data_dir, today=TODAY, watch_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        pane = await open_rehearsal(app, pilot)
        r = pane.session.round  # type: ignore[union-attr]
        assert r is not None and r.offer is None
        assert r.question == app.guidance.questions.items[r.question.id]


async def test_question_list_shows_last_scores(demo_app: OfferApp) -> None:
    app = demo_app
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        pane = await open_rehearsal(app, pilot, "quill")
        await choose(pilot, app, "why-changed-mind")
        pane.area.load_text(MONEY_ANSWER)
        await pilot.press("ctrl+s")
        score = await wait_until_scored(pilot, pane)
        await pilot.press("ctrl+l")
        screen = await wait_for_text(pilot, app, "Choose a question")
        assert "Going back to an employer" in screen and "Declining an offer" in screen
        title = app.guidance.questions.items["why-changed-mind"].title
        assert f"{title}  last {score}" in screen
        await pilot.press("escape")


def test_keys_have_ids_survive_terminals_and_reach_the_palette() -> None:
    bindings = RehearsalPane.BINDINGS + AnswerArea.BINDINGS
    for binding in bindings:
        assert binding.id and binding.id.startswith("rehearsal.")  # type: ignore[union-attr]
        for key in binding.key.split(","):  # type: ignore[union-attr]
            assert "enter" not in key or "+" not in key, key
            assert not key.startswith(("alt+", "shift+", "ctrl+shift")), key
            assert not (key.startswith("f") and key[1:].isdigit()), key
    titles = {a.title for a in ACTIONS if a.palette and a.scope in PALETTE_SCOPES}
    assert {"Rehearsal: Submit", "Rehearsal: Hints", "Rehearsal: Try again"} <= titles


async def test_the_pane_shows_what_it_is_pushed_and_saves_to_the_store_it_is_given(
    data_dir: Path,
) -> None:
    """No app state is read: a bare app that pushes questions gets a working round, and the
    answer lands in the one store the pane was handed."""
    from textual.app import App, ComposeResult

    from tui.content.questions import load_questions
    from tui.store.attempts import AttemptStore

    store = AttemptStore(data_dir)
    questions = load_questions(data_dir).items

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield RehearsalPane(store)

    app = Bare()
    async with app.run_test(size=SIZE) as pilot:
        pane = app.query_one(RehearsalPane)
        await wait_for_text(pilot, app, "Loading questions")
        pane.show(RehearsalData(None, questions, []))
        await wait_for_text(pilot, app, "Interviewer:")
        pane.area.focus()
        await pilot.press(*MONEY_ANSWER, "ctrl+s")
        await wait_for(lambda: store.load_all().attempts, "the attempt saved to the given store")
