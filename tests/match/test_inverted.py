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
