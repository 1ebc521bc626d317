"""Typed reading of a parsed TOML table, collecting every problem with its key path.

Used by the store (offers, attempts) and by content (checklists, questions, templates),
so every file gets the same kind of message: the key, what was expected, what was found,
and a "did you mean" for a misspelt key.
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from tui.tomlio.errors import FieldError, KeyPath, did_you_mean

_MISSING = object()


def _kind(value: Any) -> str:
    names = {
        str: "a string",
        int: "an integer",
        float: "a number",
        bool: "true/false",
        list: "a list",
        dict: "a table",
        dt.date: "a date",
        dt.datetime: "a date-time",
    }
    return names.get(type(value), type(value).__name__)


class Fields:
    """Reads keys from one table; remembers which keys it was asked for."""

    def __init__(
        self,
        table: Mapping[str, Any],
        path: KeyPath = (),
        errors: list[FieldError] | None = None,
        strict: bool = False,
    ) -> None:
        self.data = table
        self.path = path
        self.errors: list[FieldError] = [] if errors is None else errors
        self.strict = strict
        self.known: set[str] = set()

    # -- helpers -------------------------------------------------------------
    def error(self, key: str | int | None, message: str) -> None:
        path = self.path if key is None else (*self.path, key)
        self.errors.append(FieldError(path, message))

    def _get(self, key: str, required: bool) -> Any:
        self.known.add(key)
        value = self.data.get(key, _MISSING)
        if value is _MISSING and required:
            self.error(key, "is required but missing")
        return value

    def _child(self, table: Mapping[str, Any], path: KeyPath) -> Fields:
        return Fields(table, path, self.errors, self.strict)

    # -- scalars -------------------------------------------------------------
    def str(self, key: str, default: str = "", required: bool = False, max_len: int = 0) -> str:
        value = self._get(key, required)
        if value is _MISSING:
            return default
        if not isinstance(value, str):
            self.error(key, f"expected text in quotes, found {_kind(value)}")
            return default
        if required and not value.strip():
            self.error(key, "must not be empty")
        if max_len and len(value) > max_len:
            self.error(key, f"is {len(value):,} characters long; the limit is {max_len:,}")
            return value[:max_len]
        return value

    def int(
        self,
        key: builtins.str,
        default: builtins.int | None = None,
        minimum: builtins.int | None = None,
    ) -> builtins.int | None:
        value = self._get(key, False)
        if value is _MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(key, f"expected a whole number, found {_kind(value)}")
            return default
        if minimum is not None and value < minimum:
            self.error(key, f"must be at least {minimum}, found {value}")
            return default
        return value

    def number(self, key: builtins.str, default: float | None = None) -> float | None:
        value = self._get(key, False)
        if value is _MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.error(key, f"expected a number, found {_kind(value)}")
            return default
        return float(value)

    def bool(self, key: builtins.str, default: builtins.bool = False) -> builtins.bool:
        value = self._get(key, False)
        if value is _MISSING:
            return default
        if not isinstance(value, bool):
            self.error(key, f"expected true or false, found {_kind(value)}")
            return default
        return value

    def date(self, key: builtins.str, required: builtins.bool = False) -> dt.date | None:
        value = self._get(key, required)
        if value is _MISSING:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.error(key, f"expected a date like 2026-11-30, found {value!r}")
        return None

    def datetime(self, key: builtins.str, required: builtins.bool = False) -> dt.datetime | None:
        value = self._get(key, required)
        if value is _MISSING:
            return None
        if isinstance(value, dt.datetime):
            return value.replace(tzinfo=None) if value.tzinfo else value
        if isinstance(value, dt.date):
            return dt.datetime.combine(value, dt.time())
        if isinstance(value, str):
            try:
                parsed = dt.datetime.fromisoformat(value)
                return parsed.replace(tzinfo=None) if parsed.tzinfo else parsed
            except ValueError:
                pass
        self.error(key, f"expected a date-time like 2026-11-30T14:00:00, found {value!r}")
        return None

    def choice(
        self,
        key: builtins.str,
        choices: Iterable[builtins.str],
        default: builtins.str,
        required: builtins.bool = False,
    ) -> builtins.str:
        options = list(choices)
        value = self._get(key, required)
        if value is _MISSING:
            return default
        if not isinstance(value, str) or value not in options:
            hint = did_you_mean(value, options) if isinstance(value, str) else None
            found = repr(value) if isinstance(value, str) else _kind(value)
            message = f"expected one of {', '.join(options)}; found {found}"
            if hint:
                message += f" (did you mean `{hint}`?)"
            self.error(key, message)
            return default
        return value

    def str_list(self, key: builtins.str) -> list[builtins.str]:
        value = self._get(key, False)
        if value is _MISSING:
            return []
        if not isinstance(value, list):
            self.error(key, f"expected a list of texts, found {_kind(value)}")
            return []
        out: list[str] = []
        for index, item in enumerate(value):
            if isinstance(item, str):
                out.append(item)
            else:
                self.errors.append(
                    FieldError((*self.path, key, index), f"expected text, found {_kind(item)}")
                )
        return out

    # -- nested --------------------------------------------------------------
    def table(self, key: builtins.str, required: builtins.bool = False) -> Fields | None:
        value = self._get(key, required)
        if value is _MISSING:
            return None
        if not isinstance(value, Mapping):
            self.error(key, f"expected a table, found {_kind(value)}")
            return None
        return self._child(value, (*self.path, key))

    def tables(self, key: builtins.str) -> list[Fields]:
        """An array of tables (`[[key]]`)."""
        value = self._get(key, False)
        if value is _MISSING:
            return []
        if not isinstance(value, list):
            self.error(key, f"expected a list of tables ([[{key}]]), found {_kind(value)}")
            return []
        out: list[Fields] = []
        for index, item in enumerate(value):
            if isinstance(item, Mapping):
                out.append(self._child(item, (*self.path, key, index)))
            else:
                self.errors.append(
                    FieldError((*self.path, key, index), f"expected a table, found {_kind(item)}")
                )
        return out

    def raw(self, key: builtins.str) -> Any:
        """The value as parsed, for tables whose keys are data (ids), not field names."""
        value = self._get(key, False)
        return None if value is _MISSING else value

    def finish(self) -> None:
        """Flag unknown keys: a near-miss of a known key is always an error (a typo would
        silently lose data); other unknown keys are errors only in strict mode."""
        for key in self.data:
            if key in self.known:
                continue
            hint = did_you_mean(key, self.known)
            if hint:
                self.error(key, f"unknown key; did you mean `{hint}`?")
            elif self.strict:
                self.error(key, f"unknown key; known keys are {', '.join(sorted(self.known))}")
