"""The rehearsal pane: a question played like a call, a timed answer with live hints, then
the score, the breakdown, the follow-up and the model answer; try again to see the change.

Layout and events only: scoring, choosing questions and history live in RehearsalSession.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult, SuspendNotSupported
from textual.containers import Horizontal, VerticalScroll
from textual.css.query import NoMatches
from textual.widgets import Sparkline, Static, TabbedContent, TextArea
from textual.widgets.text_area import Edit, EditResult

from tui.actions import Scope
from tui.app import rehearsal_view as view
from tui.app.dialogs import ConfirmScreen
from tui.app.editor import EditorUnavailable, edit_in_editor
from tui.app.keys import bindings
from tui.app.rehearsal_picker import QuestionPicker, question_options
from tui.app.rehearsal_session import RehearsalSession, Round
from tui.app.rendered import OneFrame, Rendered
from tui.app.text import clean, literal
from tui.model import Offer
from tui.model.attempt import Attempt
from tui.model.history import History
from tui.model.limits import MAX_ANSWER, cut
from tui.model.question import Question
from tui.store.attempts import AttemptStore
from tui.tomlio.errors import ConflictError, DataError

TAB_ID = "rehearsal"


def _as_typed(text: str) -> str:
    """Line breaks of any system as newlines; every other control character visible."""
    return clean(text.replace("\r\n", "\n").replace("\r", "\n"))


@dataclass(frozen=True)
class RehearsalData:
    """The app's state the pane shows: the selected offer, the questions and the history."""

    offer: Offer | None
    questions: Mapping[str, Question]
    attempts: History | Sequence[Attempt]
    privacy: bool = False  # people's names masked, as in the other panes


class AnswerArea(TextArea):
    """The answer being typed. Escape leaves it (focus back to the pane), keeping the text.

    A TextArea draws its text as it is, so pasted or loaded text (from $EDITOR, say) has
    its control characters made visible on the way in: what is shown is what is scored
    and saved."""

    BINDINGS = bindings(Scope.ANSWER)

    def edit(self, edit: Edit) -> EditResult:
        text = _as_typed(edit.text)
        room = MAX_ANSWER - len(self.text)  # an upper bound: a selection being replaced frees more
        if len(text) > room:
            text = text[: max(0, room)]
            self._say_cut()
        edit.text = text
        return super().edit(edit)

    def load_text(self, text: str) -> None:
        text, was_cut = cut(_as_typed(text), MAX_ANSWER)
        if was_cut:
            self._say_cut()
        super().load_text(text)

    def _say_cut(self) -> None:
        """The writer's limit, said before anything is written (history refuses longer)."""
        self.app.notify(
            f"An answer holds at most {MAX_ANSWER:,} characters; the rest was left out.",
            severity="warning",
            markup=False,
        )

    def action_leave(self) -> None:
        self.query_ancestor(RehearsalPane).focus()


class RehearsalPane(OneFrame, VerticalScroll, can_focus=True):
    BINDINGS = bindings(Scope.REHEARSAL)

    def __init__(self, attempts: AttemptStore, *, served: bool = False, **kwargs: object) -> None:
        """`attempts`: the app's store of rehearsal history, where answers are saved."""
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.session = RehearsalSession(attempts)
        self.served = served  # no $EDITOR for a session served over SSH
        self.data: RehearsalData | None = None  # pushed by the app (`show`)
        self._privacy_shown = False  # whether the question on screen has names masked
        self.hints_on = True
        self._seen: tuple[object, object] = (None, None)

    # -- layout ----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static("Loading questions…", id="rh-empty", markup=False)
        yield Static("", id="rh-heading", markup=False)
        yield Static("", id="rh-question", markup=False)
        yield Static("", id="rh-context", markup=False)
        yield Static("", id="rh-status", markup=False)
        yield AnswerArea(id="rh-answer", soft_wrap=True, tab_behavior="focus")
        yield Static("", id="rh-hints", markup=False)
        yield Rendered(id="rh-result")
        yield Static("", id="rh-model", markup=False)
        with Horizontal(id="rh-trend"):
            yield Sparkline([], id="rh-spark")
            yield Static("", id="rh-history", markup=False)
        yield Static("", id="rh-next", markup=False)

    @property
    def area(self) -> AnswerArea:
        return self.query_one(AnswerArea)

    def show(self, data: RehearsalData) -> None:
        """What the app pushes on load and whenever the selection or its data change."""
        self.data = data
        if self.is_mounted and self._active():
            self.sync()
            r = self.session.round
            if r is not None and self._privacy_shown != data.privacy:
                self._show_question(r)

    def on_mount(self) -> None:
        self._show_round_widgets(False)
        self.set_interval(1.0, self._tick_clock)
        tabs = self._tabs()
        if tabs is not None:
            self.watch(tabs, "active", self._tab_changed, init=False)

    def _tabs(self) -> TabbedContent | None:
        try:
            return self.query_ancestor(TabbedContent)
        except NoMatches:  # a pane outside a TabbedContent is always "active"
            return None

    def _active(self) -> bool:
        tabs = self._tabs()
        return tabs is None or tabs.active == TAB_ID

    def _show_round_widgets(self, shown: bool) -> None:
        self.query_one("#rh-empty").display = not shown
        for name in ("heading", "question", "context", "status", "answer", "hints", "trend"):
            self.query_one(f"#rh-{name}").display = shown
        self.query_one("#rh-next").display = shown
        self.query_one("#rh-result").display = False
        self.query_one("#rh-model").display = False

    # -- keeping up with the app -----------------------------------------------------------
    def _tab_changed(self, active: str) -> None:
        if active != TAB_ID:
            return
        self.sync()
        r = self.session.round
        if r is not None and not r.submitted:
            self.area.focus()
        else:
            self.focus()

    def _tick_clock(self) -> None:
        """The answer's running time, once a second while the tab is shown."""
        try:
            if self._active():
                self._update_status()
        except NoMatches:  # a tick during shutdown, when the widgets are going away
            pass

    def sync(self) -> None:
        """Take up newly loaded questions and history; start a question, or ask the current
        one for a newly selected offer while nothing is typed yet."""
        session, data = self.session, self.data
        if data is None:
            return self._empty("Loading questions…")
        if self._seen[0] is not data.questions or self._seen[1] is not data.attempts:
            self._seen = (data.questions, data.attempts)
            session.use(data.questions, data.attempts)
        if not session.questions:
            return self._empty("No rehearsal questions could be loaded (press ! for problems).")
        offer, r = data.offer, session.round
        # Following the list's selection must not pull the keys away from the list.
        focus = self.has_focus_within
        if r is None:
            self._begin(session.start_next(offer), focus)
        elif self._offer_changed(offer) and (r.parent is None or r.submitted):
            self._begin(session.restart_for(offer), focus)

    def _selected(self) -> Offer | None:
        return self.data.offer if self.data else None

    def _offer_changed(self, offer: Offer | None) -> bool:
        """Another offer is selected and following it loses nothing: the round was scored
        (and saved), or nothing is typed yet."""
        r = self.session.round
        if r is None or (not r.submitted and self.area.text.strip()):
            return False
        return (offer.id if offer else "") != r.offer_id

    def _empty(self, message: str) -> None:
        self.query_one("#rh-empty", Static).update(literal(message))
        self._show_round_widgets(False)

    # -- showing a round -------------------------------------------------------------------
    def _begin(self, r: Round | None, focus: bool = True) -> None:
        """Show a round fresh: the question, an empty answer, no result yet; the answer box
        takes the focus unless `focus` is false."""
        if r is None:
            return
        self._show_round_widgets(True)
        self._show_question(r)
        self.area.load_text("")
        self._show_hints("")
        self._update_status()
        self._update_history()
        if focus and self._active():
            self.area.focus()
        self.scroll_home(animate=False)

    def _hidden(self, r: Round) -> list[str]:
        """The people's names privacy mode masks in the round's text."""
        if self.data is None or not self.data.privacy or r.offer is None:
            return []
        return [c.name for c in r.offer.contacts]

    def _show_question(self, r: Round) -> None:
        hidden = self._hidden(r)
        self._privacy_shown = self.data is not None and self.data.privacy
        self.query_one("#rh-heading", Static).update(view.heading(r))
        self.query_one("#rh-question", Static).update(view.interviewer_line(r, hidden))
        context = view.hide_names(r.question.context, hidden)
        self.query_one("#rh-context", Static).update(literal(context))

    def _update_status(self) -> None:
        session = self.session
        if session.round is None:
            return
        line = view.status_line(session.round, session.elapsed(), self.hints_on)
        self.query_one("#rh-status", Static).update(line)

    def _update_history(self) -> None:
        session = self.session
        if session.round is None:
            return
        scores = session.trend()
        spark = self.query_one("#rh-spark", Sparkline)
        spark.data = scores
        spark.display = len(scores) > 1
        self.query_one("#rh-history", Static).update(view.history_line(scores))
        nxt = session.next_up(session.round.offer)
        self.query_one("#rh-next", Static).update(view.next_up_line(nxt))

    def _show_hints(self, answer: str) -> None:
        hints = self.query_one("#rh-hints", Static)
        r = self.session.round
        hints.display = self.hints_on and r is not None and not r.submitted
        if hints.display:
            hints.update(view.hints(self.session.live(answer)))

    @on(TextArea.Changed, "#rh-answer")
    def _answer_changed(self, event: TextArea.Changed) -> None:
        self._show_hints(event.text_area.text)
        hints = self.query_one("#rh-hints")
        if hints.display and event.text_area.has_focus:  # keep them in sight on 24 rows
            self.scroll_to_widget(hints, animate=False)

    def _show_result(self) -> None:
        session = self.session
        if session.round is None:
            return
        hidden = self._hidden(session.round)
        follow_ups = [view.hide_names(f.text, hidden) for f in session.follow_ups()]
        text = view.breakdown(session.round, session.change(), follow_ups)
        result = self.query_one("#rh-result", Rendered)
        result.update(text)
        result.display = True
        self.area.display = False
        self._show_hints("")
        self._update_status()
        self._update_history()
        # Now, not after the next frame as focus() would: the footer's keys change with
        # the focus and are drawn in the same frame as the score.
        self.screen.set_focus(self, scroll_visible=False)
        self.scroll_home(animate=False)

    # -- actions ---------------------------------------------------------------------------
    def action_submit(self) -> None:
        session = self.session
        r = session.round if session else None
        if r is None:
            return
        if r.submitted:
            self.app.notify("Already scored: ctrl+t tries again, ctrl+n moves on.")
            return
        answer = self.area.text
        if not answer.strip():
            self.app.notify("Type an answer first.", severity="warning")
            return
        attempt = session.submit(answer)
        self._show_result()
        if attempt is not None:
            self._save(attempt)

    @work(thread=True, group="rehearsal-save")
    def _save(self, attempt: Attempt) -> None:
        try:
            self.session.save(attempt)
        except (ConflictError, DataError, OSError, ValueError) as exc:
            message = f"This attempt was not saved to history: {exc}"
            self.app.call_from_thread(
                self.app.notify, message, title="Not saved", severity="error", markup=False
            )

    def action_toggle_hints(self) -> None:
        self.hints_on = not self.hints_on
        self._show_hints(self.area.text)
        self._update_status()
        self.app.notify(
            "Live hints on" if self.hints_on else "Live hints off: a realistic run", markup=False
        )

    def action_model_answer(self) -> None:
        session = self.session
        r = session.round if session else None
        if r is None:
            return
        model = self.query_one("#rh-model", Static)
        model.display = not model.display
        if model.display:
            model.update(view.model_answers(r.model_answers, r.parent is not None))
            self.scroll_to_widget(model, animate=False, top=True)

    def action_try_again(self) -> None:
        self._unless_typing_is_lost(self._try_again)

    def _try_again(self) -> None:
        self._begin(self.session.retry())

    def action_next_question(self) -> None:
        self._unless_typing_is_lost(self._next_question)

    def _next_question(self) -> None:
        session = self.session
        if session.pending_follow_up() is not None:
            self._begin(session.start_follow_up())
        else:
            offer = session.round.offer if session.round else self._selected()
            self._begin(session.start_next(offer))

    def action_choose_question(self) -> None:
        self._unless_typing_is_lost(self._choose_question)

    def _choose_question(self) -> None:
        session = self.session
        if not session.questions:
            return
        offer = self._selected()
        status = offer.status.value if offer else None
        options = question_options(session.questions, session.last_scores(), status)
        current = session.round.question.id if session.round else ""

        def chosen(question_id: str | None) -> None:
            question = session.questions.get(question_id or "")
            if question is not None:
                self._begin(session.start(question, offer))

        self.app.push_screen(QuestionPicker(options, current), chosen)

    def rehearse(self, question_id: str) -> None:
        """Start one question for the selected offer (a checklist step links to it)."""
        question = self.session.questions.get(question_id)
        if question is None:
            self.app.notify(
                f"No rehearsal question {question_id!r} is loaded.",
                severity="warning",
                markup=False,
            )
            return
        self._unless_typing_is_lost(
            lambda: self._begin(self.session.start(question, self._selected()))
        )

    def action_open_editor(self) -> None:
        r = self.session.round
        if r is None:
            return
        if r.submitted:
            self.app.notify("Already scored: ctrl+t to try again first.")
            return
        if self.served:
            self.app.notify(
                "The editor is not available in a served session; type the answer here.",
                severity="warning",
            )
            return
        try:
            text = edit_in_editor(self.app, self.area.text, served=self.served)
        except (EditorUnavailable, SuspendNotSupported) as exc:
            self.app.notify(f"No editor: {exc}", severity="warning", markup=False)
            return
        self.area.load_text(text)
        self.area.focus()

    def action_focus_answer(self) -> None:
        r = self.session.round
        if r is not None and not r.submitted:
            self.area.focus()

    def _unless_typing_is_lost(self, then: Callable[[], None]) -> None:
        """Run `then`, asking first if it would throw away an answer not yet submitted."""
        r = self.session.round
        if r is None or r.submitted or not self.area.text.strip():
            then()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                then()

        question = "Your answer is not submitted yet (ctrl+s scores it). Leave it?"
        self.app.push_screen(ConfirmScreen(question, "Leave it"), answered)
