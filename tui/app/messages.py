"""Messages any pane can send to the app."""

from __future__ import annotations

from collections.abc import Callable

from textual.message import Message

from tui.model import Offer


class EditOffer(Message):
    """Ask the app to change one offer and save it.

    `change` receives a private copy of the offer, mutates it, and returns the line to show
    the user ("Ticked: call the hiring manager"). The app saves the copy through the store;
    on success it replaces the shown offer, on a conflict it reloads and says so. `change`
    may raise ValueError (e.g. IllegalTransition) to refuse with that message.
    """

    def __init__(self, offer_id: str, change: Callable[[Offer], str]) -> None:
        super().__init__()
        self.offer_id = offer_id
        self.change = change


class RehearseQuestion(Message):
    """Ask the app to open the Rehearsal tab on one question (a checklist step's link)."""

    def __init__(self, question_id: str) -> None:
        super().__init__()
        self.question_id = question_id
