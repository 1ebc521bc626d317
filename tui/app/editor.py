"""Hand text to $EDITOR and get it back (the terminal is lent to the editor meanwhile)."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path

from textual.app import App, SuspendNotSupported


class EditorUnavailable(RuntimeError):
    pass


def editor_command() -> list[str]:
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    return shlex.split(editor)


def edit_in_editor(app: App[object], text: str, suffix: str = ".txt", *, served: bool) -> str:
    """Open `text` in the user's editor; returns the edited text (unchanged if it failed).
    `served`: the app runs for an SSH visitor, who must not get a program on the server."""
    if served:
        raise EditorUnavailable("the editor is not available in a served session")
    with tempfile.TemporaryDirectory(prefix="offer-tui-") as folder:
        path = Path(folder) / f"draft{suffix}"
        path.write_text(text, encoding="utf-8")
        path.chmod(0o600)
        try:
            with app.suspend():
                subprocess.run([*editor_command(), str(path)], check=False)
        except FileNotFoundError as exc:
            raise EditorUnavailable(f"could not start the editor: {exc.filename}") from None
        except SuspendNotSupported:
            raise EditorUnavailable("this terminal cannot hand over to an editor") from None
        return path.read_text(encoding="utf-8")
