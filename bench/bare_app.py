"""The yardstick for start-up figures: a bare Textual app (Header, one Static, Footer).

/work/venv/bin/python bench/bare_app.py
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

READY = "bare app ready"


class BareApp(App[None]):
    TITLE = "bare"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(READY)
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
