"""Every action offer-tui has, declared once: its id (what a keymap in config.toml names),
default keys, what it does and where it applies. The app's and the panes' key bindings, the
help screen, the command palette, README's key table and `offer-tui check` all read this
table. Pure data: no Textual here, so validating a keymap needs no screen."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any


class Scope(Enum):
    """Where an action applies; the value is how help and README name the place."""

    APP = "anywhere"
    LIST = "offer list"
    CHECKLIST = "checklists tab"
    REHEARSAL = "rehearsal tab"
    ANSWER = "answer box"
    FORM = "forms"
    CONFIRM = "yes/no question"
    CHOICE = "choice list"
    MESSAGE = "message"
    PICKER = "question list"
    PAGE = "help and other pages"


# Scopes whose actions the command palette lists (the rest belong to one open screen).
PALETTE_SCOPES = frozenset({Scope.APP, Scope.LIST, Scope.CHECKLIST, Scope.REHEARSAL})


@dataclass(frozen=True)
class Action:
    id: str  # what a keymap names: "offer.add" = "n"
    keys: str  # default keys, comma separated, as Textual names them
    action: str  # the Textual action run on the widget or screen that binds it
    scope: Scope
    label: str  # short: the footer and the palette
    help: str  # what it does: help screen, tooltip, palette, README
    footer: bool = True
    palette: bool = True  # listed in the command palette (when its scope is)
    name: str = ""  # the palette's and help's name, when `label` is too short for it

    @property
    def title(self) -> str:
        """The name in the command palette and on the help screen."""
        if self.name:
            return self.name
        if self.scope is Scope.REHEARSAL:
            return f"Rehearsal: {self.label}"
        return self.label


def _a(id: str, keys: str, action: str, scope: Scope, label: str, help: str, **kw: Any) -> Action:
    return Action(id, keys, action, scope, label, help, **kw)


A, L, C, R = Scope.APP, Scope.LIST, Scope.CHECKLIST, Scope.REHEARSAL
ACTIONS: tuple[Action, ...] = (
    # -- the offer list (bound on the app) -------------------------------------------------
    _a("offer.add", "a", "add_offer", L, "Add", "Add an offer", name="Add offer"),
    _a("offer.edit", "e", "edit_offer", L, "Edit offer", "Edit the selected offer", footer=False),
    _a(
        "offer.intend",
        "i",
        "intend",
        L,
        "Intend",
        "Say what you intend (decline, back out, go back): its playbook attaches at once; "
        "the status moves when you record what you told them",
        footer=False,
        name="Say what I intend",
    ),
    _a(
        "offer.status",
        "s",
        "change_status",
        L,
        "Status",
        "Change its status (only legal moves are offered)",
        name="Change status",
    ),
    _a(
        "offer.contact",
        "p",
        "add_contact",
        L,
        "Add person",
        "Add a person (recruiter, hiring manager, interviewer, referrer, other)",
        footer=False,
    ),
    _a(
        "offer.log",
        "l",
        "add_log",
        L,
        "Log",
        "Log a call, voicemail, email, meeting or note, with a next step and due date",
        name="Log call or email",
    ),
    _a(
        "offer.told",
        "t",
        "edit_told",
        L,
        "What I told them",
        "What I told them: the reason, how, when, and whether it went well or badly (the "
        "playbook's tell-them step records it first)",
        footer=False,
    ),
    _a(
        "offer.delete",
        "delete,D",
        "delete_offer",
        L,
        "Delete offer",
        "Delete the offer (asks first; a copy goes to backups/deleted/)",
        footer=False,
    ),
    _a(
        "list.filter",
        "slash",
        "focus_filter",
        L,
        "Filter",
        "Filter the list as you type (company, role, status, location, people)",
        name="Filter offers",
    ),
    _a(
        "list.sort",
        "o",
        "cycle_sort",
        L,
        "Sort offers",
        "Sort by deadline, company, status or date received",
        footer=False,
    ),
    _a(
        "list.mark",
        "space",
        "toggle_mark",
        L,
        "Mark for compare",
        "Mark or unmark the selected offer for comparing",
        footer=False,
    ),
    _a(
        "list.compare",
        "c",
        "compare",
        L,
        "Compare",
        "Compare the marked offers side by side",
        name="Compare offers",
    ),
    _a(
        "app.undo",
        "u",
        "undo",
        A,
        "Undo last change",
        "Undo the last change made here (an add, edit, status move or delete; repeatable)",
        footer=False,
    ),
    # -- anywhere --------------------------------------------------------------------------
    _a(
        "pane.offer",
        "1",
        "show_pane('offer')",
        A,
        "Show offer details",
        "Show the selected offer's details beside the list",
        footer=False,
    ),
    _a(
        "pane.checklists",
        "2",
        "show_pane('checklists')",
        A,
        "Show checklists",
        "Show the selected offer's checklists",
        footer=False,
    ),
    _a(
        "pane.rehearsal",
        "3",
        "show_pane('rehearsal')",
        A,
        "Show rehearsal",
        "Rehearse the hard questions for the selected offer",
        footer=False,
    ),
    _a(
        "app.privacy",
        "m",
        "toggle_privacy",
        A,
        "Privacy mode",
        "Privacy mode: mask salaries and contact details (for a shared screen)",
        footer=False,
    ),
    _a(
        "app.reload",
        "r",
        "reload",
        A,
        "Reload from disk",
        "Re-read the data directory (after an edit elsewhere)",
        footer=False,
    ),
    _a(
        "app.problems",
        "exclamation_mark",
        "show_problems",
        A,
        "Show file problems",
        "List data or guidance files that could not be read",
        footer=False,
    ),
    _a(
        "app.back",
        "escape",
        "back",
        A,
        "Back to the list",
        "Leave the filter or a pane and return to the offer list",
        footer=False,
    ),
    _a("app.help", "f1,question_mark", "help", A, "Help", "Help: every key as bound right now"),
    _a("app.quit", "q", "quit", A, "Quit", "Quit (everything is already saved)"),
    # -- the checklists tab ----------------------------------------------------------------
    _a(
        "checklist.tick",
        "space",
        "tick",
        C,
        "Tick",
        "Tick or untick the highlighted item (Enter too); some items also add a log entry",
        name="Tick checklist item",
    ),
    _a(
        "checklist.note",
        "n",
        "note",
        C,
        "Note",
        "Tick the highlighted item with a note, or change the note of a ticked one",
        name="Add a note to a checklist tick",
    ),
    _a(
        "checklist.attach",
        "A",
        "attach",
        C,
        "Attach",
        "Attach another checklist (playbook)",
        name="Attach checklist",
    ),
    _a(
        "checklist.detach",
        "X",
        "detach",
        C,
        "Detach",
        "Remove the highlighted checklist and its ticks from the offer (asks first)",
        name="Detach checklist",
    ),
    _a(
        "checklist.template",
        "T",
        "template",
        C,
        "Message",
        "The item's call script or email, filled in from the offer, to copy or edit",
        name="Open message template",
    ),
    _a(
        "checklist.rehearse",
        "R",
        "rehearse",
        C,
        "Rehearse",
        "Rehearse the question the highlighted step links to (opens the Rehearsal tab)",
        name="Rehearse this step",
        footer=False,
    ),
    # -- the rehearsal tab -----------------------------------------------------------------
    _a(
        "rehearsal.submit",
        "ctrl+s,ctrl+r",
        "submit",
        R,
        "Submit",
        "Score the answer and show the breakdown (ctrl+s or ctrl+r)",
    ),
    _a(
        "rehearsal.hints",
        "ctrl+f",
        "toggle_hints",
        R,
        "Hints",
        "Live hints on or off (off for a realistic run)",
    ),
    _a(
        "rehearsal.model",
        "ctrl+g",
        "model_answer",
        R,
        "Model",
        "Show or hide the model answer to compare with yours",
    ),
    _a(
        "rehearsal.retry",
        "ctrl+t",
        "try_again",
        R,
        "Try again",
        "The same question again, answer cleared, last score kept",
    ),
    _a(
        "rehearsal.next",
        "ctrl+n",
        "next_question",
        R,
        "Next",
        "The follow-up your answer triggered, else the weakest, stalest question",
    ),
    _a(
        "rehearsal.choose",
        "ctrl+l",
        "choose_question",
        R,
        "Questions",
        "Choose a question from the list, with their last scores",
    ),
    _a("rehearsal.editor", "ctrl+o", "open_editor", R, "Editor", "Write the answer in $EDITOR"),
    _a(
        "rehearsal.type",
        "enter,i",
        "focus_answer",
        R,
        "Type",
        "Back into the answer box",
        footer=False,
        palette=False,
    ),
    _a(
        "rehearsal.leave",
        "escape",
        "leave",
        Scope.ANSWER,
        "Leave answer",
        "Leave the answer box (the text is kept)",
    ),
    # -- screens opened by an action ------------------------------------------------------
    _a("form.save", "ctrl+s", "save", Scope.FORM, "Save", "Save the form (Enter too)"),
    _a(
        "form.cancel",
        "escape",
        "cancel",
        Scope.FORM,
        "Cancel",
        "Close the form, saving nothing (asks first if you changed anything)",
    ),
    _a("confirm.yes", "y", "answer(True)", Scope.CONFIRM, "Yes", "Answer yes"),
    _a("confirm.no", "n,escape", "answer(False)", Scope.CONFIRM, "No", "Answer no"),
    _a(
        "choice.cancel",
        "escape",
        "cancel",
        Scope.CHOICE,
        "Cancel",
        "Close the list, choosing nothing",
    ),
    _a(
        "message.copy",
        "y",
        "copy",
        Scope.MESSAGE,
        "Copy",
        "Copy the message (OSC 52: works over SSH, and in tmux with set-clipboard on)",
    ),
    _a(
        "message.edit",
        "E",
        "edit",
        Scope.MESSAGE,
        "Edit in $EDITOR",
        "Edit the message in $EDITOR first",
    ),
    _a("message.close", "escape,q", "close", Scope.MESSAGE, "Close", "Close the message"),
    _a(
        "rehearsal.picker.close",
        "escape",
        "close",
        Scope.PICKER,
        "Close",
        "Close the question list",
    ),
    _a("page.close", "escape,q", "close", Scope.PAGE, "Close", "Close the page"),
)

ACTION_IDS: frozenset[str] = frozenset(a.id for a in ACTIONS)

# Textual key names -> what a person types.
_KEY_NAMES = {
    "slash": "/",
    "exclamation_mark": "!",
    "question_mark": "?",
}


def in_scope(scope: Scope) -> tuple[Action, ...]:
    return tuple(a for a in ACTIONS if a.scope is scope)


def find(action_id: str) -> Action:
    return next(a for a in ACTIONS if a.id == action_id)


def _keys(keys: str) -> set[str]:
    return {k.strip() for k in keys.split(",") if k.strip()}


def _meet(a: Action, b: Action) -> bool:
    """Whether a key of `a` can hide one of `b`: one scope, or the app's keys and a pane's
    (the focused list or pane gets a key before the app does)."""
    if a.scope is b.scope:
        return True
    return Scope.APP in (a.scope, b.scope) and {a.scope, b.scope} <= PALETTE_SCOPES


def keymap_clashes(keymap: Mapping[str, str]) -> dict[str, str]:
    """Re-mapped keys that land on another action's key where both apply, so one of the two
    would never run: action id -> why. Overlaps the defaults already have (Escape leaving
    the answer box and going back) are by design and not reported."""
    found: dict[str, str] = {}
    for a in ACTIONS:
        if a.id not in keymap:
            continue
        mine = _keys(keymap[a.id])
        for b in ACTIONS:
            if b is a or not _meet(a, b):
                continue
            shared = mine & _keys(keymap.get(b.id, b.keys)) - (_keys(a.keys) & _keys(b.keys))
            if shared:
                key = key_display(",".join(sorted(shared)))
                where = b.scope.value
                found[a.id] = f"{key!r} is also the key of `{b.id}` ({where}); one would never run"
                break
    return found


def key_display(keys: str) -> str:
    """`"f1,question_mark"` -> `"f1 / ?"`."""
    return " / ".join(_KEY_NAMES.get(k.strip(), k.strip()) for k in keys.split(","))


def markdown_table() -> str:
    """README's key table: every action, where it applies and its id."""
    lines = ["| key | where | what it does | id |", "|---|---|---|---|"]
    for a in ACTIONS:
        keys = " / ".join(f"`{k}`" for k in key_display(a.keys).split(" / "))
        lines.append(f"| {keys} | {a.scope.value} | {a.help} | `{a.id}` |")
    return "\n".join(lines)
