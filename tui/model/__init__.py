"""The pure domain: offers, people, log, lifecycle. No Textual, no disk."""

from tui.model.offer import (
    Channel,
    ChecklistProgress,
    Compensation,
    Contact,
    ContactRole,
    DeadlineFlag,
    Handling,
    Intent,
    Intention,
    ItemDone,
    LogEntry,
    LogKind,
    Offer,
    ToldThem,
    Transition,
)
from tui.model.status import IllegalTransition, Status, allowed_next

__all__ = [
    "Channel",
    "ChecklistProgress",
    "Compensation",
    "Contact",
    "ContactRole",
    "DeadlineFlag",
    "Handling",
    "IllegalTransition",
    "Intent",
    "Intention",
    "ItemDone",
    "LogEntry",
    "LogKind",
    "Offer",
    "Status",
    "ToldThem",
    "Transition",
    "allowed_next",
]
