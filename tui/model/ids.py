"""Stable ids: a readable slug plus a short random suffix, never a path from raw text."""

from __future__ import annotations

import os
import re
import unicodedata

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


def slugify(text: str, limit: int = 40) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-")


def new_id(*parts: str) -> str:
    slug = slugify("-".join(p for p in parts if p)) or "offer"
    return f"{slug}-{_random_hex(3)}"


def short_id() -> str:
    return _random_hex(4)


def _random_hex(size: int) -> str:
    """What secrets.token_hex does (os.urandom), without importing secrets: it brings
    hmac and OpenSSL's hashlib, a tenth of the app's own import time."""
    return os.urandom(size).hex()


def is_valid_id(value: str) -> bool:
    return bool(ID_PATTERN.match(value))
