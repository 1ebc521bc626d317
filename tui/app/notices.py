"""Messages that do not hide the work: one at a time, and short.

Textual stacks every notification in the corner for five seconds; ticking three checklist
items at 80x24 covered most of the checklist. Here a new message replaces the one shown
(an error gives way only to another error, so a failure is never hidden by the routine
message that follows it), and routine messages go sooner."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.notifications import Notify

if TYPE_CHECKING:
    from textual.app import App

    _Host = App[Any]
else:
    _Host = object

# Seconds on screen by severity, unless the caller says otherwise.
SECONDS = {"information": 3.0, "warning": 5.0, "error": 10.0}


class OneNotice(_Host):
    """Mixed into the App."""

    def notify(self, message: str, **kwargs: Any) -> None:
        severity = kwargs.get("severity", "information")
        kwargs.setdefault("timeout", SECONDS.get(severity, SECONDS["information"]))
        super().notify(message, **kwargs)

    def on_notify(self, event: Notify) -> None:
        """Runs before Textual's own handler shows the new message: clear the old ones."""
        error = event.notification.severity == "error"
        for shown in list(self._notifications):
            if error or shown.severity != "error":
                self._unnotify(shown, refresh=False)
