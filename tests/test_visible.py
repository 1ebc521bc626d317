"""The one rule for text on a terminal (tui.model.visible), over any string."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from tui.model.visible import CONTROL, has_control, json_safe, visible

# Every character class that matters, weighted towards the dangerous ones.
DANGEROUS = st.sampled_from(
    ["\x1b", "\x07", "\x00", "\x7f", "\x9b", "\x9d", "\u202e", "\u2066", "\n", "\t", "\r"]
)
TEXT = st.lists(st.one_of(DANGEROUS, st.characters()), max_size=60).map("".join)


@given(TEXT)
def test_visible_text_has_no_control_character(value: str) -> None:
    shown = visible(value)
    assert not has_control(shown)
    assert shown.count("\n") == value.count("\n")  # multi-line text keeps its lines
    assert "\n" not in visible(value, single_line=True)


@given(TEXT)
def test_only_controls_change(value: str) -> None:
    """Character by character: a control becomes its placeholder, anything else stays."""
    assert visible(value) == "".join(visible(c) for c in value)
    for char in value:
        assert (visible(char) != char) == (CONTROL.match(char) is not None)


@given(st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), TEXT),
                    lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(TEXT, inner, max_size=4), max_leaves=12))  # fmt: skip
def test_json_safe_is_the_same_data_and_prints_inert(data: object) -> None:
    text = json_safe(json.dumps(data, ensure_ascii=False))
    assert json.loads(text) == data
    assert not has_control(text.replace("\n", ""))
    assert "\u2028" not in text and "\u2029" not in text


def test_placeholders() -> None:
    assert visible("\x1b]0;title\x07") == "␛]0;title␇"
    assert visible("a\x7fb\x00") == "a␡b␀"
    assert visible("\x9b2J \u202eevil") == "\\u009b2J \\u202eevil"
    assert visible("one\ntwo\tthree", single_line=True) == "one ⏎ two three"
