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


def fnv1a_many(values: list[str]) -> np.ndarray:
    """fnv1a of each string's UTF-8, all at once (uint32): one step per byte position, not per byte."""
    raw = [v.encode() for v in values]
    lengths = np.fromiter(map(len, raw), dtype=np.int64, count=len(raw))
    order = np.argsort(-lengths, kind="stable")  # longest first: the strings still going are a prefix
    data = np.frombuffer(b"".join(raw[k] for k in order.tolist()), dtype=np.uint8)
    ordered = lengths[order]
    starts = np.concatenate(([0], np.cumsum(ordered)[:-1])).astype(np.int64)
    h = np.full(len(raw), _FNV_OFFSET, dtype=np.uint32)
    prime = np.uint32(_FNV_PRIME)
    for k in range(int(ordered[0]) if len(raw) else 0):
        live = int(np.searchsorted(-ordered, -k, side="left"))  # strings longer than k
        h[:live] = (h[:live] ^ data[starts[:live] + k]) * prime
    out = np.empty_like(h)
    out[order] = h
    return out


def varint(value: int) -> bytes:
    out = bytearray()
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def text(value: str) -> bytes:
    raw = value.encode("utf-8")
    return (_LENGTHS[len(raw)] if len(raw) < 128 else varint(len(raw))) + raw


_LENGTHS = [bytes([n]) for n in range(128)]  # a varint below 128 is its one byte


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
        deltas = varints(np.diff(np.asarray(ids, dtype=np.int64), prepend=-1))
    bitmap_size = ids[-1] // 8 + 1 if ids else 0
    if bitmap_size < len(deltas):
        bits = np.zeros(bitmap_size * 8, dtype=np.uint8)
        bits[np.asarray(ids)] = 1
        payload, flag = np.packbits(bits, bitorder="little").tobytes(), 1
    else:
        payload, flag = deltas, 0
    return varint(len(payload) << 1 | flag) + payload


def varints(values: np.ndarray) -> bytes:
    """Many varints at once (values below 2^28)."""
    sizes = _sizes(values)
    out = np.zeros(int(sizes.sum()), dtype=np.uint8)
    _put(out, np.concatenate(([0], np.cumsum(sizes)[:-1])), values, sizes)
    return out.tobytes()


def _sizes(values: np.ndarray) -> np.ndarray:
    return (1 + (values >= 1 << 7) + (values >= 1 << 14) + (values >= 1 << 21)).astype(np.int64)


def _put(out: np.ndarray, at: np.ndarray, values: np.ndarray, sizes: np.ndarray) -> None:
    """Write varints of `values` (below 2^28, each `sizes` bytes) into `out` at `at`."""
    for k in range(4):
        has = sizes > k
        byte = (values[has] >> (7 * k)) & 0x7F
        more = sizes[has] > k + 1
        out[at[has] + k] = byte | (more.astype(np.int64) << 7)


BLOCK = 1 << 18  # ids encoded at once: `id_lists` needs about 100 bytes an id, whatever the corpus


def id_lists(ids: np.ndarray, bounds: np.ndarray) -> tuple[bytes, list[int]]:
    """Many lists at once, list k being ids[bounds[k]:bounds[k + 1]] (sorted, distinct), each as `id_list`
    encodes it. Returns their bytes one after the other and where each starts (one more entry than lists)."""
    parts: list[bytes] = []
    starts = [0]
    a = 0
    while a < len(bounds) - 1:
        b = int(np.searchsorted(bounds, bounds[a] + BLOCK, side="right")) - 1
        b = min(max(b, a + 1), len(bounds) - 1)  # one list larger than a block goes alone
        data, offsets = _block(ids[bounds[a] : bounds[b]].astype(np.int64), bounds[a : b + 1] - bounds[a])
        starts += (offsets[1:] + starts[-1]).tolist()
        parts.append(data)
        a = b
    return b"".join(parts), starts


def _block(ids: np.ndarray, bounds: np.ndarray) -> tuple[bytes, np.ndarray]:
    counts = np.diff(bounds)
    full = counts > 0
    previous = np.empty_like(ids)
    previous[1:] = ids[:-1]
    previous[bounds[:-1][full]] = -1
    gaps = ids - previous
    gap_sizes = _sizes(gaps)
    before = np.concatenate(([0], np.cumsum(gap_sizes)))  # varint bytes before each id
    deltas = before[bounds[1:]] - before[bounds[:-1]]
    last = ids[np.maximum(bounds[1:] - 1, 0)] if len(ids) else np.zeros(len(counts), dtype=np.int64)
    bitmap = np.where(full, last // 8 + 1, 0)
    is_bitmap = bitmap < deltas
    payload = np.where(is_bitmap, bitmap, deltas)
    header = payload << 1 | is_bitmap
    header_sizes = _sizes(header)
    offsets = np.concatenate(([0], np.cumsum(header_sizes + payload)))
    out = np.zeros(int(offsets[-1]), dtype=np.uint8)
    _put(out, offsets[:-1], header, header_sizes)
    body = offsets[:-1] + header_sizes  # where each list's payload starts
    owner = np.repeat(np.arange(len(counts)), counts)
    as_gaps = ~is_bitmap[owner]
    at = body[owner] + before[:-1] - before[bounds[:-1]][owner]
    _put(out, at[as_gaps], gaps[as_gaps], gap_sizes[as_gaps])
    in_bits = ~as_gaps
    np.bitwise_or.at(out, body[owner[in_bits]] + ids[in_bits] // 8, (1 << (ids[in_bits] % 8)).astype(np.uint8))
    return out.tobytes(), offsets


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
