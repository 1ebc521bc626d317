"""Apply a freshly encoded table onto what was read from disk, so that keys the app does not
know survive a rewrite. Works on plain dicts and on tomlkit documents alike (both are
mutable mappings), which is how comments survive when the file has them."""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping, MutableSequence, Sequence
from typing import Any

from tui.store.codec import Replace

_MATCH_KEYS = ("id", "checklist")


def sync(target: MutableMapping[str, Any], new: Mapping[str, Any]) -> None:
    for key, value in new.items():
        if value is None:
            if key in target:
                del target[key]
            continue
        old: Any = target.get(key)
        if isinstance(value, Replace) or not _same_shape(old, value):
            target[key] = _plain(value)
        elif isinstance(value, Mapping):
            sync(old, value)
        elif _is_tables(value):
            _sync_tables(old, value)
        elif isinstance(old, type(value)) and old == value:
            continue  # unchanged: keep it as written (a multi-line string stays one)
        else:
            target[key] = _multiline(value) if _is_multiline(old) else value


def _is_multiline(value: Any) -> bool:
    """A tomlkit string written across lines, in triple quotes (plain dicts have none)."""
    kind = getattr(value, "type", None)
    return isinstance(value, str) and getattr(kind, "name", "") in ("MLB", "MLL")


def _multiline(value: Any) -> Any:
    """`value` as a multi-line basic string when it reads back exactly (a CR would not:
    parsers may turn CR LF into LF)."""
    if not isinstance(value, str) or "\r" in value:
        return value
    import tomllib

    import tomlkit  # only here: a tomlkit document is being saved

    item = tomlkit.string(value, multiline=True)
    try:
        same = tomllib.loads(f"v = {item.as_string()}")["v"] == value
    except tomllib.TOMLDecodeError:
        same = False
    return item if same else value


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _same_shape(old: Any, new: Any) -> bool:
    if isinstance(new, Mapping):
        return isinstance(old, MutableMapping)
    if _is_tables(new):
        return isinstance(old, MutableSequence) and _is_tables(old)
    return True


def _is_tables(value: Any) -> bool:
    return (
        isinstance(value, Sequence)
        and not isinstance(value, str)
        and bool(value)
        and all(isinstance(v, Mapping) for v in value)
    )


def _match_key(items: Sequence[Mapping[str, Any]]) -> str | None:
    for key in _MATCH_KEYS:
        if all(key in item for item in items):
            return key
    return None


def _sync_tables(old: MutableSequence[Any], new: Sequence[Mapping[str, Any]]) -> None:
    """Match array-of-table entries by id (or position), keep their unknown keys."""
    key = _match_key(new)
    if key is not None:
        by_key = {item.get(key): item for item in old if isinstance(item, MutableMapping)}
        matched = [by_key.get(item[key]) for item in new]
    else:
        matched = [old[i] if i < len(old) else None for i in range(len(new))]
    result = []
    for existing, fresh in zip(matched, new, strict=True):
        if isinstance(existing, MutableMapping):
            sync(existing, fresh)
            result.append(existing)
        else:
            result.append(_plain(fresh))
    # Rebuild in the new order, reusing the (possibly tomlkit) containers.
    while len(old):
        old.pop()
    for item in result:
        old.append(item)
