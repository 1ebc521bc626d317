"""Every action the app offers, in one table: the key bindings, the command palette and the
help screen are all built from it. Users re-map keys by the binding id in config.toml."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Action:
    id: str  # binding id, used by keymaps
    keys: str  # default keys, comma separated
    action: str  # Textual action name on the app
    title: str  # shown in the palette and on the help screen
    help: str
    footer: bool = False
    footer_title: str = ""


ACTIONS: tuple[Action, ...] = (
    Action("offer.add", "a", "add_offer", "Add offer", "Add a new offer", True, "Add"),
    Action("offer.edit", "e", "edit_offer", "Edit offer", "Edit the selected offer's details"),
    Action(
        "offer.intend",
        "i",
        "intend",
        "Say what I intend",
        "Decline, back out or go back: attaches the playbook now; the status moves when "
        "you record what you told them",
    ),
    Action(
        "offer.status",
        "s",
        "change_status",
        "Change status",
        "Move the selected offer through its lifecycle",
        True,
        "Status",
    ),
    Action(
        "offer.contact",
        "p",
        "add_contact",
        "Add person",
        "Add a recruiter, hiring manager, interviewer or other person",
    ),
    Action(
        "offer.log",
        "l",
        "add_log",
        "Log call or email",
        "Log a call, voicemail, email, meeting or note",
        True,
        "Log",
    ),
    Action(
        "offer.told",
        "t",
        "edit_told",
        "What I told them",
        "Edit what you told them when you said no (the playbook's step records it first)",
    ),
    Action(
        "offer.delete",
        "delete,D",
        "delete_offer",
        "Delete offer",
        "Delete the selected offer (asks first; a copy goes to backups)",
    ),
    Action(
        "list.filter",
        "slash",
        "focus_filter",
        "Filter offers",
        "Type to filter the list by company, role, status or person",
        True,
        "Filter",
    ),
    Action(
        "list.sort",
        "o",
        "cycle_sort",
        "Sort offers",
        "Sort by deadline, company, status or date received",
    ),
    Action(
        "list.mark",
        "space",
        "toggle_mark",
        "Mark for compare",
        "Mark or unmark the selected offer for comparing",
    ),
    Action(
        "list.compare",
        "c",
        "compare",
        "Compare offers",
        "Compare the marked offers side by side",
        True,
        "Compare",
    ),
    Action(
        "app.reload",
        "r",
        "reload",
        "Reload from disk",
        "Re-read the data directory (after an edit elsewhere)",
    ),
    Action(
        "app.problems",
        "exclamation_mark",
        "show_problems",
        "Show file problems",
        "List data or guidance files that could not be read",
    ),
    Action(
        "app.privacy",
        "m",
        "toggle_privacy",
        "Privacy mode",
        "Mask salaries and contact details on screen",
    ),
    Action(
        "pane.offer",
        "1",
        "show_pane('offer')",
        "Show offer details",
        "Switch the right-hand side to the offer details",
    ),
    Action(
        "pane.checklists",
        "2",
        "show_pane('checklists')",
        "Show checklists",
        "Switch the right-hand side to the checklists",
    ),
    Action(
        "pane.rehearsal",
        "3",
        "show_pane('rehearsal')",
        "Show rehearsal",
        "Switch the right-hand side to rehearsal",
    ),
    Action(
        "app.back",
        "escape",
        "back",
        "Back to the list",
        "Leave the filter or a pane and return to the offer list",
    ),
    Action(
        "app.help", "f1,question_mark", "help", "Help", "Show every key and action", True, "Help"
    ),
    Action(
        "app.quit",
        "q",
        "quit",
        "Quit",
        "Quit offer-tui (everything is already saved)",
        True,
        "Quit",
    ),
)


def bindings() -> list[Binding]:
    return [
        Binding(
            a.keys,
            a.action,
            a.footer_title or a.title,
            show=a.footer,
            id=a.id,
            tooltip=a.help,
        )
        for a in ACTIONS
    ]


def find(action_id: str) -> Action:
    return next(a for a in ACTIONS if a.id == action_id)
