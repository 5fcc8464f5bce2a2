"""A compact inverted list: string keys to runs of integers in one flat ``uint32`` array.

Keys are kept sorted and found by binary search, and persisted as one newline-joined string plus
two byte buffers, so loading costs one ``str.split`` (no dict of hundreds of thousands of keys to
rebuild, which alone would take most of a second).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping

import numpy as np

_EMPTY = np.zeros(0, dtype=np.uint32)


class InvertedList:
    """Keys mapped to arrays of integer ids (read-only once built)."""

    def __init__(self, keys: list[str], offsets: np.ndarray, data: np.ndarray) -> None:
        self._keys = keys  # sorted
        self._offsets = offsets
        self._data = data

    @classmethod
    def from_lists(cls, lists: Mapping[str, Iterable[int]]) -> InvertedList:
        """Build from a mapping of key to ids (keys must not contain a newline)."""
        keys = sorted(lists)
        runs = [np.fromiter(lists[key], dtype=np.uint32) for key in keys]
        offsets = np.zeros(len(keys) + 1, dtype=np.uint64)
        if runs:
            np.cumsum([len(run) for run in runs], out=offsets[1:])
        data = np.concatenate(runs) if runs else _EMPTY
        return cls(keys, offsets, data)

    def get(self, key: str) -> np.ndarray | None:
        """The ids under ``key`` (a read-only view), or None when the key is absent."""
        slot = bisect_left(self._keys, key)
        if slot == len(self._keys) or self._keys[slot] != key:
            return None
        return self._data[int(self._offsets[slot]) : int(self._offsets[slot + 1])]

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def dump(self) -> tuple[str, bytes, bytes]:
        """The persisted form: joined keys, offsets bytes, data bytes."""
        return "\n".join(self._keys), self._offsets.tobytes(), self._data.tobytes()

    @classmethod
    def parse(cls, dumped: tuple[str, bytes, bytes]) -> InvertedList:
        """Rebuild from ``dump`` output."""
        joined, offsets, data = dumped
        keys = joined.split("\n") if joined else []
        return cls(keys, np.frombuffer(offsets, dtype=np.uint64), np.frombuffer(data, dtype=np.uint32))
