"""The offer-tui application: the tracker beside the selected offer, checklists and rehearsal.

State lives here (the loaded offers); widgets get it through method calls and report back
with messages. Every change is saved at once through the store."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, on, work
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, Static

from tui.actions import Scope
from tui.app.footer import KeyFooter
from tui.app.keys import bindings
from tui.app.loading import Loading
from tui.app.notices import OneNotice
from tui.app.offer_actions import OfferActions
from tui.app.offer_list import OfferList
from tui.app.palette import Palette
from tui.app.side_panel import SidePanel
from tui.app.text import clean
from tui.app.typeahead import Typeahead
from tui.app.undo import UndoHistory
from tui.model import Offer
from tui.model.clock import now
from tui.settings import Settings
from tui.settings.file import config_path, remember
from tui.tomlio.errors import Problem

if TYPE_CHECKING:
    # The checklist and rehearsal panes (and through them the guidance loaders, the
    # rehearsal scorer and rapidfuzz) are imported by the load worker, after the first
    # frame: see `_import_panes`. Forms, dialogs, the compare and help views are imported
    # by the actions that open them: the first frame needs none of them.

    from tui.app.checklist_pane import ChecklistPane
    from tui.app.rehearsal_pane import RehearsalPane
    from tui.content.library import Guidance
    from tui.store.attempts import AttemptLoad, AttemptStore
    from tui.store.offers import OfferStore

SERVED_SUB_TITLE = "practice session"
DEMO_SUB_TITLE = "demo data (a temporary copy)"


def header_label(settings: Settings) -> str:
    """Which data this window shows, in words: a served session must not show the server's
    folders or the key's hash, and the demo's temporary folder means nothing to a person."""
    if settings.served:
        return SERVED_SUB_TITLE
    if settings.demo:
        return DEMO_SUB_TITLE
    path, home = settings.data_dir, Path.home()
    return f"~/{path.relative_to(home)}" if path.is_relative_to(home) else str(path)


NARROW = 70


class OfferApp(Typeahead, OneNotice, SidePanel, Loading, OfferActions, Palette, App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "offer-tui"
    AUTO_FOCUS = "#offers"
    BINDINGS = bindings(Scope.LIST, Scope.APP)

    privacy: reactive[bool] = reactive(False)
    _theme_chosen_here = False  # from mount on, a theme change is the user's pick

    def __init__(
        self,
        settings: Settings | Path,
        *,
        today: dt.date | None = None,
        watch_interval: float = 3.0,
    ) -> None:
        """`settings` as resolved by `tui.cli`; a bare path (tests, benchmarks) means the
        defaults with that data directory."""
        super().__init__()
        # A tab's sliding underline (and any other animation) repaints the screen for a
        # dozen frames, each costing as much as the key that caused it at 2,000 offers.
        self.animation_level = "none"
        if isinstance(settings, Path):
            settings = Settings(data_dir=settings)
        self.settings = settings
        self.theme = settings.theme
        if settings.keymap:
            self.set_keymap(dict(settings.keymap))
        self.data_dir = settings.data_dir
        self._store: OfferStore | None = None  # see the `store` property
        self._attempt_store: AttemptStore | None = None  # see `attempt_store`
        self.offers: dict[str, Offer] = {}
        self.undo_history = UndoHistory()
        self.problems: list[Problem] = []
        self.fixed_today = today
        self.served = settings.served
        self.watch_interval = watch_interval
        self.loaded = False
        self.messages: list[str] = []
        self._guidance: Guidance | None = None  # see the `guidance` property
        self._attempts: AttemptLoad | None = None  # rehearsal history
        self._side_mounting = self._side_ready = False
        self._mounts_idle = asyncio.Event()
        self._mounts_idle.set()
        self._stale_tabs: set[str] = set()  # side tabs not showing the selected offer
        self._panes_ready = False
        self.set_reactive(OfferApp.privacy, settings.privacy)
        self.sub_title = clean(header_label(settings), single_line=True)

    # -- layout ------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """The list pane and the footer: the first frame. The side panel (the selected
        offer, checklists, rehearsal) is mounted once the list is drawn (`_mount_side`)."""
        yield Header()
        with Horizontal(id="main"):
            yield OfferList(on_highlight=self._highlighted, id="tracker")
        yield Static("", id="problems-bar", markup=False)
        yield KeyFooter()

    def typeahead_ready(self) -> bool:
        """Keys typed while the app starts wait for the panes they may be aimed at."""
        return self.loaded and self._panes_ready

    @property
    def store(self) -> OfferStore:
        """The offers on disk. Made (and its module imported) on first use: from the main
        thread just after the first frame (`_start_loading`), before the load worker."""
        if self._store is None:
            from tui.store.offers import OfferStore

            self._store = OfferStore(self.data_dir)
        return self._store

    @store.setter
    def store(self, store: OfferStore) -> None:
        self._store = store

    @property
    def attempt_store(self) -> AttemptStore:
        """Rehearsal history on disk: the app's one store of it (the load worker reads it,
        the rehearsal pane saves to it). Made on the main thread like `store`."""
        if self._attempt_store is None:
            from tui.store.attempts import AttemptStore

            self._attempt_store = AttemptStore(self.data_dir)
        return self._attempt_store

    @property
    def guidance(self) -> Guidance:
        """Checklists, questions and templates (empty until loaded)."""
        if self._guidance is None:
            from tui.content.library import Guidance

            self._guidance = Guidance()
        return self._guidance

    @guidance.setter
    def guidance(self, guidance: Guidance) -> None:
        self._guidance = guidance

    @property
    def attempts(self) -> AttemptLoad:
        """Rehearsal history (empty until loaded)."""
        if self._attempts is None:
            from tui.store.attempts import AttemptLoad

            self._attempts = AttemptLoad()
        return self._attempts

    @attempts.setter
    def attempts(self, attempts: AttemptLoad) -> None:
        self._attempts = attempts

    @property
    def main(self) -> Screen:
        """The tracker's screen, whatever modal is on top of it (forms, help, compare)."""
        return self.screen_stack[0] if self.screen_stack else self.screen

    @property
    def today(self) -> dt.date:
        return self.fixed_today or dt.date.today()

    @property
    def offer_list(self) -> OfferList:
        return self.main.query_one(OfferList)

    def on_mount(self) -> None:
        self.call_after_refresh(setattr, self, "_theme_chosen_here", True)
        self.offer_list.show_loading()
        self.call_after_refresh(self._start_loading)  # the first frame first
        if self.watch_interval:
            self.set_interval(self.watch_interval, self.check_disk)

    def watch_theme(self, theme: str) -> None:
        """A theme picked in the palette is kept in config.toml for the next start (not for
        a served session or the demo, whose settings file is not this person's)."""
        if not self._theme_chosen_here or self.settings.served or self.settings.demo:
            return
        self._keep_theme(theme, self.settings.config_path or config_path())

    @work(thread=True, exclusive=True, group="settings")
    def _keep_theme(self, theme: str, path: Path) -> None:
        """The settings file is read, edited and fsynced off the main thread."""
        try:
            remember(path, "theme", theme)
        except (OSError, ValueError) as exc:
            message = f"Theme not saved: {exc}"
            self.call_from_thread(self.notify, message, severity="warning", markup=False)
            return
        self.call_from_thread(self.notify, f"Theme {theme} kept in {path.name}", markup=False)

    def notify(self, message: str, **kwargs: Any) -> None:
        """Every message also goes into `messages`, newest last (tests and the log read it).
        Toasts name offers and people: control characters are made visible in every one,
        whoever calls this (a widget's notify() comes here too). Markup stays the caller's
        choice, for Textual's own toasts; ours that hold data pass markup=False
        (tests/test_output_rule.py checks)."""
        self.messages.append(message)
        del self.messages[:-50]
        if kwargs.get("severity") in ("warning", "error") and self.handling_key:
            # A key's action was refused: what was typed after it was meant for what did
            # not open, and on the list letters are bindings. (A warning from the loader or
            # the disk watch is nobody's refusal: keys typed meanwhile stay.)
            self.drop_typeahead()
        kwargs["title"] = clean(kwargs.get("title", ""), single_line=True)
        super().notify(clean(message), **kwargs)

    # -- selection ---------------------------------------------------------------------
    def selected(self) -> Offer | None:
        offer_id = self.offer_list.current_id()
        return self.offers.get(offer_id) if offer_id else None

    def require_selected(self) -> Offer | None:
        offer = self.selected()
        if offer is None:
            self.notify("Select an offer first (or press a to add one).", severity="warning")
        return offer

    def _highlighted(self, offer_id: str | None) -> None:
        self.show_selected()

    @on(OfferList.Chosen)
    def _chosen(self, message: OfferList.Chosen) -> None:
        if not self._side_ready:
            return
        self.side.active = "offer"
        self.main.add_class("-show-side")
        self.main.query_one("#details").focus()

    def on_resize(self, event: events.Resize) -> None:
        """Below NARROW columns the list and the panes take turns (Enter / Escape); the
        one that has focus is the one shown, so a resize never moves the focus."""
        main = self.main
        narrow = event.size.width < NARROW
        if narrow and not main.has_class("-narrow") and self._side_ready:
            focused = main.focused
            main.set_class(focused is not None and self.side in focused.ancestors, "-show-side")
        main.set_class(narrow, "-narrow")

    def action_back(self) -> None:  # type: ignore[override]  # App's is async; ours needn't be
        """Escape: from a pane or the filter back to the list; never discards anything."""
        self.main.remove_class("-show-side")
        self.offer_list.table.focus()

    def show_selected(self) -> None:
        """Show the selected offer in the visible tab; the hidden ones are brought up to
        date when shown (`_tab_shown`): updating them would lay the screen out for nothing."""
        if not self.screen_stack or not self._side_ready:
            return  # a late message while the app shuts down, or before the panel is up
        from textual.widgets import TabbedContent

        from tui.app.details import OfferDetails

        details, sides = self.main.query(OfferDetails), self.main.query("#side")
        if not details or not sides:
            return  # the panel is being taken down (the app is closing)
        active = sides.first(TabbedContent).active
        self._stale_tabs = {"offer", "checklists", "rehearsal"} - {active}
        if active == "offer":
            details.first().show(self.selected(), self.today, self.privacy)
        elif self._panes_ready:
            self.show_in_panes(active)

    def show_in_panes(self, only: str | None = None) -> None:
        """Push the selected offer and the loaded data to the checklist and rehearsal panes
        (they never read the app's state themselves), or to the one of them named."""
        from tui.app.rehearsal_pane import RehearsalData

        offer = self.selected()
        if only in (None, "checklists"):
            self.checklist_pane.show(offer, self.guidance, self.checklist_now(), self.privacy)
        if self.loaded and only in (None, "rehearsal"):
            questions, history = self.guidance.questions.items, self.attempts.history
            data = RehearsalData(offer, questions, history, self.privacy)
            self.rehearsal_pane.show(data)

    def _tab_shown(self, active: str) -> None:
        if active in self._stale_tabs:
            self.show_selected()

    @property
    def checklist_pane(self) -> ChecklistPane:
        from tui.app.checklist_pane import ChecklistPane

        return self.main.query_one(ChecklistPane)

    @property
    def rehearsal_pane(self) -> RehearsalPane:
        from tui.app.rehearsal_pane import RehearsalPane

        return self.main.query_one(RehearsalPane)

    def checklist_now(self) -> dt.datetime:
        """The moment due times are counted from (midday of a fixed `today` in tests)."""
        if self.fixed_today:
            return dt.datetime.combine(self.fixed_today, dt.time(12))
        return now()

    def watch_privacy(self, privacy: bool) -> None:
        self.show_selected()

    # -- actions: list -----------------------------------------------------------------
    def action_focus_filter(self) -> None:
        self.main.query_one("#filter").focus()

    def action_cycle_sort(self) -> None:
        by = self.offer_list.cycle_sort()
        self.notify(f"Sorted by {by.value}", markup=False)

    def action_toggle_mark(self) -> None:
        self.offer_list.toggle_mark()

    def action_compare(self) -> None:
        marked = [self.offers[i] for i in self.offer_list.shown if i in self.offer_list.marked]
        if len(marked) < 2:
            self.notify("Mark two or more offers with space, then press c.", severity="warning")
            return
        from tui.app.compare import compare_table
        from tui.app.dialogs import TextScreen

        body = compare_table(marked, self.today, self.privacy)
        self.push_screen(TextScreen(f"Comparing {len(marked)} offers", body, "compare"))

    # -- actions: app ------------------------------------------------------------------
    def action_reload(self) -> None:
        self.load_data()

    def action_show_problems(self) -> None:
        from tui.app.dialogs import TextScreen, problems_text

        self.push_screen(TextScreen("File problems", problems_text(self.problems)))

    def action_toggle_privacy(self) -> None:
        self.privacy = not self.privacy
        self.notify(
            "Privacy mode on: salaries and contact details hidden"
            if self.privacy
            else "Privacy mode off",
            markup=False,
        )

    def action_show_pane(self, pane: str) -> None:
        if not self._side_ready:
            return
        tabs = self.side
        if tabs.get_pane(pane) is not None:
            tabs.active = pane
            self.main.add_class("-show-side")
            if pane == "checklists" and self._panes_ready:
                self.checklist_pane.focus_list()
