"""``InvertedList``: lookups, counts and the persisted round trip."""

from __future__ import annotations

import numpy as np
import pytest

from tradewarden.match.inverted import InvertedList


@pytest.fixture
def inverted() -> InvertedList:
    return InvertedList.from_lists({"petrov": [0, 4, 9], "~ptrv": [0, 4, 9, 12], "ivan": [3]})


def test_get_count_and_contains(inverted: InvertedList) -> None:
    ids = inverted.get("~ptrv")
    assert ids is not None and ids.tolist() == [0, 4, 9, 12]
    assert inverted.get("nobody") is None
    assert [inverted.count(k) for k in ("petrov", "ivan", "nobody")] == [3, 1, 0]
    assert "ivan" in inverted and "iva" not in inverted and 3 not in inverted
    assert len(inverted) == 3


def test_get_present_keeps_the_order_given_and_skips_absent_keys(inverted: InvertedList) -> None:
    found = inverted.get_present(["~ptrv", "nobody", "ivan", "petrov"])
    assert [(key, ids.tolist()) for key, ids in found] == [("~ptrv", [0, 4, 9, 12]), ("ivan", [3]), ("petrov", [0, 4, 9])]
    assert inverted.get_present([]) == []


def test_ids_are_read_only(inverted: InvertedList) -> None:
    ids = inverted.get("petrov")
    assert ids is not None
    with pytest.raises(ValueError):
        ids[0] = 7


def test_dump_parse_round_trip(inverted: InvertedList) -> None:
    joined, offsets, data = inverted.dump()
    assert np.frombuffer(data, dtype=np.uint32).tolist() == [3, 0, 4, 9, 0, 4, 9, 12]  # sorted keys: ivan, petrov, ~ptrv
    again = InvertedList.parse((joined, offsets, data))
    for key in ("petrov", "~ptrv", "ivan"):
        assert again.get(key).tolist() == inverted.get(key).tolist()  # type: ignore[union-attr]
    empty = InvertedList.parse(InvertedList.from_lists({}).dump())
    assert len(empty) == 0 and empty.get("x") is None


def test_runs_past_the_first_65536_ids_keep_their_bounds() -> None:
    """A slot packs its run's start and end in one int (``start << 32 | end``)."""
    lists = {f"k{n:06d}": range(n * 3, n * 3 + 3) for n in range(40_000)}
    inverted = InvertedList.from_lists(lists)
    ids = inverted.get("k039999")
    assert ids is not None and ids.tolist() == [119_997, 119_998, 119_999]
    assert inverted.count("k030000") == 3 and inverted.count("k0") == 0
    assert [ids.tolist() for _, ids in inverted.get_present(["k000001", "k025000"])] == [[3, 4, 5], [75_000, 75_001, 75_002]]
    assert InvertedList.parse(inverted.dump()).get("k039999").tolist() == [119_997, 119_998, 119_999]  # type: ignore[union-attr]
