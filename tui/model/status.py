"""The offer lifecycle: which status may follow which."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    RECEIVED = "received"
    NEGOTIATING = "negotiating"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"
    RESCINDED = "rescinded"
    BACKED_OUT = "backed-out"
    STARTED = "started"
    RECONSIDERING = "reconsidering"
    RE_OFFERED = "re-offered"
    CLOSED = "closed"


_DECIDE = (Status.ACCEPTED, Status.DECLINED, Status.EXPIRED, Status.RESCINDED)

TRANSITIONS: dict[Status, tuple[Status, ...]] = {
    Status.RECEIVED: (Status.NEGOTIATING, *_DECIDE),
    Status.NEGOTIATING: _DECIDE,
    Status.ACCEPTED: (Status.BACKED_OUT, Status.STARTED, Status.RESCINDED),
    Status.DECLINED: (Status.RECONSIDERING,),
    Status.RECONSIDERING: (Status.RE_OFFERED, Status.CLOSED),
    Status.RE_OFFERED: (Status.ACCEPTED, Status.CLOSED),
    Status.EXPIRED: (Status.RECONSIDERING,),
    Status.RESCINDED: (),
    Status.BACKED_OUT: (),
    Status.STARTED: (),
    Status.CLOSED: (),
}

# Statuses in which the person still has to answer by the respond-by deadline.
OPEN_STATUSES = frozenset({Status.RECEIVED, Status.NEGOTIATING, Status.RE_OFFERED})

# Statuses where "what I told them" is the heart of the record.
TELLING_STATUSES = frozenset({Status.DECLINED, Status.BACKED_OUT})


class IllegalTransition(ValueError):
    def __init__(self, current: Status, wanted: Status) -> None:
        allowed = TRANSITIONS[current]
        if allowed:
            options = ", ".join(s.value for s in allowed)
            text = f"an offer that is {current.value} can move to {options}; not {wanted.value}"
        else:
            text = f"an offer that is {current.value} is final; it cannot move to {wanted.value}"
        super().__init__(text)
        self.current = current
        self.wanted = wanted


def allowed_next(current: Status) -> tuple[Status, ...]:
    return TRANSITIONS[current]


def check_transition(current: Status, wanted: Status) -> None:
    if wanted not in TRANSITIONS[current]:
        raise IllegalTransition(current, wanted)
