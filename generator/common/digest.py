"""Short content digests: what a cached result, a page or a card was made from."""

from __future__ import annotations

import hashlib


def digest(*parts: object, size: int = 12) -> str:
    """A digest of values whose `repr` is stable (strings, numbers, tuples, lists, dataclasses of them)."""
    return hashlib.blake2b(repr(parts).encode(), digest_size=size).hexdigest()


def digest_bytes(data: bytes, size: int = 12) -> str:
    return hashlib.blake2b(data, digest_size=size).hexdigest()
