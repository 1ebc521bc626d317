"""One module per CLI subcommand. Each has `register(subparsers)` that sets `func(args) -> int`.

Modules are imported only when the command line names them, so start-up stays fast.
"""

# subcommand name -> module under tui.commands
COMMANDS: dict[str, str] = {
    "check": "check",
    "export": "export",
    "import": "importer",
    "score": "score",
    "checklist": "checklist",
    "template": "template",
    "serve": "serve",
    "restore": "restore",
}
