"""Id lists in binary, and the hash that places a token in its shard; search-index.js reads both.

A list is a varint header, (payload length << 1) | is_bitmap, then the payload: either a bitmap (bit i of byte
i // 8, least significant first, set when document i is in the list) or the gaps between sorted ids as
varints (the first gap from -1). Each list takes whichever is smaller: a rare word costs a few bytes, a word
in every other document one bit per document.
"""

from __future__ import annotations

import numpy as np

_FNV_OFFSET, _FNV_PRIME = 0x811C9DC5, 0x01000193


def fnv1a(data: bytes) -> int:
    """FNV-1a, 32 bits: the same in search-index.js."""
    h = _FNV_OFFSET
    for byte in data:
        h = ((h ^ byte) * _FNV_PRIME) & 0xFFFFFFFF
    return h


def varint(value: int) -> bytes:
    out = bytearray()
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def text(value: str) -> bytes:
    raw = value.encode("utf-8")
    return varint(len(raw)) + raw


def id_list(ids: list[int]) -> bytes:
    """A sorted list of distinct document ids, as the smaller of a bitmap and delta varints."""
    if len(ids) < 32:  # most lists: a few ids, cheaper in plain Python
        gaps = bytearray()
        last = -1
        for i in ids:
            gaps += varint(i - last)
            last = i
        deltas = bytes(gaps)
    else:
        deltas = _varints(np.diff(np.asarray(ids, dtype=np.int64), prepend=-1))
    bitmap_size = ids[-1] // 8 + 1 if ids else 0
    if bitmap_size < len(deltas):
        bits = np.zeros(bitmap_size * 8, dtype=np.uint8)
        bits[np.asarray(ids)] = 1
        payload, flag = np.packbits(bits, bitorder="little").tobytes(), 1
    else:
        payload, flag = deltas, 0
    return varint(len(payload) << 1 | flag) + payload


def _varints(values: np.ndarray) -> bytes:
    """Many varints at once (values below 2^28)."""
    sizes = 1 + (values >= 1 << 7) + (values >= 1 << 14) + (values >= 1 << 21)
    out = np.zeros(int(sizes.sum()), dtype=np.uint8)
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    for k in range(4):
        has = sizes > k
        byte = (values[has] >> (7 * k)) & 0x7F
        more = sizes[has] > k + 1
        out[starts[has] + k] = byte | (more.astype(np.int64) << 7)
    return out.tobytes()


def decode_list(data: bytes, at: int = 0) -> tuple[list[int], int]:
    """The ids of the list at `at`, and where the next thing starts (for tests and tools)."""
    header, at = read_varint(data, at)
    size, end = header >> 1, at + (header >> 1)
    if header & 1:
        bits = np.unpackbits(np.frombuffer(data[at:end], dtype=np.uint8), bitorder="little")
        return [int(i) for i in np.flatnonzero(bits)], end
    ids, last = [], -1
    while at < end:
        gap, at = read_varint(data, at)
        last += gap
        ids.append(last)
    assert size >= 0
    return ids, end


def read_varint(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at
