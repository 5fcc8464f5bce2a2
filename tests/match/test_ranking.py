"""``match.ranking``: the blocking weight's ranking, on hand-made postings (no index)."""

from __future__ import annotations

import numpy as np

from tradewarden.match.ranking import MAX_LENGTH_GAP, TIE_STEP, rank_blocked, tie_steps


def test_tie_steps_is_the_capped_word_gap_times_the_step() -> None:
    table = tie_steps(3, 40)
    assert len(table) == 41
    for words in range(41):
        assert table[words] == TIE_STEP * min(abs(words - 3), MAX_LENGTH_GAP)


def _rank(found: list[tuple[str, list[int]]], names: int, lengths: list[int], query_length: int, limit: int) -> list[int]:
    arrays = [(key, np.array(ids, dtype=np.intp)) for key, ids in found]
    name_lengths = np.array(lengths, dtype=np.int16)
    ranked, _ = rank_blocked(
        arrays, np.zeros(names, dtype=np.float32), names, {}, np.zeros(names, dtype=np.int64), limit, 1000, 8,
        name_lengths, tie_steps(query_length, int(name_lengths.max())),
    )
    return [name_idx for name_idx, _ in ranked]


def test_names_of_equal_weight_nearest_the_query_length_come_first() -> None:
    # Names 0-3 all under one key: the two-word names (1, 3) before the one- and five-word ones.
    assert _rank([("ivan", [0, 1, 2, 3])], 10, [1, 2, 5, 2, 1, 1, 1, 1, 1, 1], 2, 10) == [1, 3, 0, 2]


def test_a_name_under_many_keys_takes_one_place_before_the_best_are_taken() -> None:
    # More places than four times the limit: each name is kept once (at its first place), so the
    # name under both keys ranks first and every other name still gets a place.
    names = 30
    both = list(range(0, 20, 2))
    found = [("a", list(range(names))), ("b", both)]
    ranked = _rank(found, names, [1] * names, 1, 2)
    assert ranked[0] in both and len(ranked) == 2 and len(set(ranked)) == 2
    assert _rank(found, names, [1] * names, 1, 9) == both[:9]
    everyone = _rank(found, names, [1] * names, 1, 30)
    assert sorted(everyone) == list(range(names))
    assert everyone[: len(both)] == both
