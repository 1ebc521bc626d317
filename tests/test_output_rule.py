"""The grep-able rule: user text reaches a terminal only through the one way out.

- The command line: nothing in tui/ prints, writes to sys.stdout/sys.stderr or makes a Rich
  Console except tui/commands/output.py (emit, error, emit_data), which makes control
  characters visible. Comparing a stream (`sys.stdin is None`) is allowed.
- The app: a Textual widget never gets an f-string or string concatenation (where data
  hides); text built from data goes through literal() or clean() in tui/app/text.py.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import tui

ROOT = Path(tui.__file__).parent
OUTPUT_MODULE = ROOT / "commands" / "output.py"
STREAMS = {"stdout", "stderr", "__stdout__", "__stderr__"}
# Textual widgets that draw a str as it is (or parse it as markup): text built from data
# must reach them through literal() or clean(). Not listed, because they do that
# themselves for any str: OfferApp.notify (every toast, also a widget's notify(); markup
# off is checked below), and FormScreen, Field labels, ChoiceScreen, ConfirmScreen and
# TextScreen (through shown()).
SHOWN = {"Static", "Label", "Option", "TabPane", "Input", "Button", "update", "Select"}
SHOWN_KEYWORDS = {"value", "title", "message", "label", "prompt", "placeholder"}


def _sources(under: Path) -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(under.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"), str(path))


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def printing_calls(tree: ast.Module) -> list[str]:
    """Every way this module could print, other than through tui.commands.output."""
    parents = _parents(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node.func) in ("print", "Console"):
            found.append(f"line {node.lineno}: {_name(node.func)}(...)")
        if (
            isinstance(node, ast.Attribute)
            and node.attr in STREAMS
            and isinstance(node.value, ast.Name)
            and node.value.id == "sys"
            and not isinstance(parents.get(node), ast.Compare)
        ):
            found.append(f"line {node.lineno}: sys.{node.attr}")
    return found


def _built_from_data(arg: ast.expr) -> bool:
    """An f-string with a placeholder, or text made with +, %, format(), join() or str().
    (A str held in a variable cannot be told from a Text here: test_hostile_app.py runs
    every view over the hostile corpus for that.)"""
    if isinstance(arg, ast.JoinedStr):
        return any(isinstance(v, ast.FormattedValue) for v in arg.values)
    if isinstance(arg, ast.BinOp) and isinstance(arg.op, (ast.Add, ast.Mod)):
        return _is_text(arg.left) or _is_text(arg.right)
    return isinstance(arg, ast.Call) and _name(arg.func) in ("format", "join", "str", "repr")


def _is_text(node: ast.expr) -> bool:
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


def unsafe_widget_text(tree: ast.Module) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and _name(node.func) in SHOWN):
            continue
        shown = list(node.args[:1]) + [k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS]
        found += [
            f"line {node.lineno}: {_name(node.func)}({ast.unparse(arg)[:60]})"
            for arg in shown
            if _built_from_data(arg)
        ]
    return found


def markup_toasts(tree: ast.Module) -> list[str]:
    """notify() calls whose message is not a plain string but that leave markup on."""
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and _name(node.func) == "notify" and node.args):
            continue
        markup = [k.value for k in node.keywords if k.arg == "markup"]
        off = bool(markup) and isinstance(markup[0], ast.Constant) and markup[0].value is False
        formatted = not _is_text(node.args[0]) or _built_from_data(node.args[0])
        if formatted and not off and not any(k.arg is None for k in node.keywords):
            found.append(f"line {node.lineno}: notify({ast.unparse(node.args[0])[:60]})")
    return found


def test_toasts_built_from_data_are_not_markup() -> None:
    offenders = {
        str(path.relative_to(ROOT)): calls
        for path, tree in _sources(ROOT / "app")
        if (calls := markup_toasts(tree))
    }
    assert offenders == {}, "pass markup=False: a company name may hold [link=...]"


def test_only_the_output_module_prints() -> None:
    offenders = {
        str(path.relative_to(ROOT)): calls
        for path, tree in _sources(ROOT)
        if path != OUTPUT_MODULE and (calls := printing_calls(tree))
    }
    assert offenders == {}, "print through tui.commands.output (emit/error/emit_data)"


def test_widgets_get_data_only_through_literal_or_clean() -> None:
    offenders = {
        str(path.relative_to(ROOT)): calls
        for path, tree in _sources(ROOT / "app")
        if (calls := unsafe_widget_text(tree))
    }
    assert offenders == {}, "wrap text built from data in literal() or clean()"


def test_the_rules_catch_what_they_are_for() -> None:
    leaky = ast.parse(
        "import sys\n"
        "print(offer.company)\n"
        "sys.stdout.write(x)\n"
        "Static(f'Edit {offer.company}')\n"
        "label.update('Deleted ' + offer.company)\n"
        "Input(value=f'{offer.role}')\n"
        "if sys.stdin is None: pass\n"
        "Static(clean(f'Edit {offer.company}'))\n"
        "Label(', '.join(names))\n"
    )
    assert len(printing_calls(leaky)) == 2
    assert len(unsafe_widget_text(leaky)) == 4
    toasts = ast.parse(
        "self.notify(f'Deleted {offer.company}')\n"
        "self.notify(f'Deleted {offer.company}', markup=False)\n"
        "self.notify('Saved')\n"
        "self.app.notify(message)\n"
    )
    assert len(markup_toasts(toasts)) == 2
