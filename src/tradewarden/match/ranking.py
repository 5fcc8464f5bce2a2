"""The blocking weight of listed names for one query name: the hot loop of ``MatchIndex.blocked_names``.

Kept apart from ``match.index`` so that it compiles with mypyc (``tradewarden._native``): the index
class itself stays a plain Python class (tests and subclasses patch its methods). The numpy work
is the same either way; mypyc speeds up the per-key and per-name Python loops around it.
"""

from __future__ import annotations

import math

import numpy as np

from tradewarden.match.blocking import KEY_WEIGHTS

#: The first characters of the blocking keys of a whole name (``=joined``, ``%`` whole name, ``&``
#: whole skeleton: ``match.blocking``), which only names of exactly the query's words share.
WHOLE_NAME_KEYS = frozenset("=%&")
_EMPTY_IDS = np.zeros(0, dtype=np.intp)
#: Ties in blocking weight are broken by the gap between a name's number of words and the
#: query's, counted up to ``MAX_LENGTH_GAP`` words, each ``TIE_STEP`` of weight: far below the
#: least difference between two different sums of keys (half the IDF of a key under
#: ``MAX_POSTING`` names, about 2), so only names of equal weight change places.
TIE_STEP = 1e-3
MAX_LENGTH_GAP = 15


#: ``tie_steps`` tables by query length and longest listed name.
_TIE_TABLES: dict[tuple[int, int], np.ndarray] = {}


def tie_steps(query_length: int, longest: int) -> np.ndarray:
    """The tie-break in blocking weight of a listed name of each word count, 0 to ``longest``
    (the most words of a listed name), for a query of ``query_length`` words: ``TIE_STEP`` per
    word of gap, up to ``MAX_LENGTH_GAP`` (float64). Made once per query length, so that a query
    gathers its names' tie-breaks from it (``rank_blocked``) instead of working out every gap."""
    table = _TIE_TABLES.get((query_length, longest))
    if table is None:
        gap = np.minimum(np.abs(np.arange(longest + 1, dtype=np.int64) - query_length), MAX_LENGTH_GAP)
        table = _TIE_TABLES[query_length, longest] = TIE_STEP * gap
    return table


def rank_blocked(
    found: list[tuple[str, np.ndarray]],
    acc: np.ndarray,
    total: int,
    idf_of_count: dict[int, float],
    slots: np.ndarray,
    limit: int,
    max_posting: int,
    respelt_names: int,
    name_lengths: np.ndarray | None = None,
    ties: np.ndarray | None = None,
    counts: list[int] | None = None,
) -> tuple[list[tuple[int, float]], float]:
    """The best ``limit`` listed names by blocking weight, and the most weight a name can get
    without the whole-name keys (``MatchIndex.blocked_names`` documents both).

    Args:
        found: ``(key, name indexes)`` of each of the query's keys present, in sorted key order.
        acc: a zeroed float32 array, one place per listed name (left zeroed).
        total: how many listed names there are.
        idf_of_count: the IDF of a posting of each length seen (filled in here).
        slots: an int64 array, one place per listed name (scratch: any content).
        limit: how many names at most.
        max_posting: keys under more names than this only count where two of them meet.
        respelt_names: names under the query's ``&`` key come after the best when at most this many.
        name_lengths: the number of words of each listed name (int16), to break ties: of names of
            equal weight, those nearest the query's number of words come first (None: ties in
            posting order).
        ties: ``tie_steps`` of the query's number of words and the most words of a listed name
            (given with ``name_lengths``).
        counts: where given, the posting length whose IDF each entry of ``found`` counts (an
            entry may hold part of a key's names: ``MatchIndex._abjad_found``); else its own.
    """
    hits: list[np.ndarray] = []
    idfs: list[float] = []
    lengths: list[int] = []
    partial = 0.0  # the weight of the keys other than whole-name ones
    common: list[tuple[int, np.ndarray, float]] = []
    respelt = _EMPTY_IDS  # the names of the query's whole skeleton (``&``)
    for position, (key, ids) in enumerate(found):
        length = len(ids) if counts is None else counts[position]
        idf = idf_of_count.get(length)
        if idf is None:
            idf = math.log(1.0 + total / length)
            idf_of_count[length] = idf
        kind = key[0]
        weight = KEY_WEIGHTS.get(kind)
        if weight is not None:
            idf *= weight
        if length > max_posting:
            common.append((length, ids, idf))
            continue
        hits.append(ids)
        idfs.append(idf)
        lengths.append(len(ids))
        if kind == "&":
            respelt = ids
        if kind not in WHOLE_NAME_KEYS:
            partial += idf
    touched = _EMPTY_IDS
    if len(hits) > 1:
        # One scatter-add in key order: each name's float32 sum builds up as one add per key would.
        touched = np.concatenate(hits)
        np.add.at(acc, touched, np.repeat(np.array(idfs, dtype=np.float32), lengths))
    elif hits:
        touched = hits[0]
        acc[touched] += idfs[0]
    if len(common) >= 2 and len(touched) < limit:
        common.sort(key=lambda item: item[0])
        both = np.intersect1d(common[0][1], common[1][1], assume_unique=True)
        acc[both] += common[0][2] + common[1][2]
        partial += common[0][2] + common[1][2]
        touched = np.concatenate((touched, both))
        hits.append(both)
    if not hits:
        return [], partial
    unique = len(hits) == 1  # each name once in ``touched`` (one key's names, or kept once below)
    respelt_scores = acc[respelt] if len(respelt) else None
    if len(hits) > 1 and len(touched) > limit * 4:
        # A name under several keys appears once per key: keep one place per name before taking
        # the best ``4 * limit`` places, or the names sharing the most keys fill them (ten keys
        # each: sixteen names, where the limit asks for forty) and a name within the share of the
        # best is never ranked (Nanjing Electronics Technology Institute for Nanjing Research
        # Institute of Electronics Technology: 39 of the best 59, 20th). Each name's slot keeps
        # its first position, so names keep the order of their first key, as the ranking below
        # does: each key's positions are written, last key first, so that a name's first key
        # writes last. (A key holds a name once, so each write is well defined, where numpy
        # leaves a repeated index's value unspecified; and a little quicker than ``minimum.at``.)
        positions = np.arange(len(touched), dtype=np.int64)
        end = len(touched)
        for key_place in range(len(hits) - 1, -1, -1):  # ``touched`` is ``hits`` run together
            # (By place, not ``reversed(hits)``: mypyc cannot compile that over arrays.)
            ids = hits[key_place]
            start = end - len(ids)
            slots[ids] = positions[start:end]
            end = start
        touched = touched[slots[touched] == positions]
        unique = True
    # (Read and cleared once the places are one per name, if they were made so: fewer to touch.)
    scores = acc[touched]
    acc[touched] = 0.0
    # The order: by weight, ties (names under the same keys: forty of the hundreds holding one
    # common word are kept) broken by how near each name's number of words is to the query's.
    if name_lengths is not None and ties is not None:
        # One gather from the small table of each word count's tie-break (``tie_steps``) instead
        # of four passes over the names; ``ties - scores`` is bit for bit ``-scores + ties``.
        rank = ties[name_lengths[touched]] - scores
    else:
        rank = -scores.astype(np.float64)
    if len(touched) > limit * 4:
        chosen = rank.argpartition(limit * 4)[: limit * 4]
        best_ids, best_scores, rank = touched[chosen], scores[chosen], rank[chosen]
    else:
        best_ids, best_scores = touched, scores
    order = rank.argsort(kind="stable")
    ranked_ids: list[int] = best_ids[order].tolist()
    ranked_scores: list[float] = best_scores[order].tolist()
    ranked: list[tuple[int, float]] = []
    if unique:
        ranked = list(zip(ranked_ids[:limit], ranked_scores[:limit]))
    else:
        # A name under several keys appears once per key: keep its first (best) place. A plain
        # loop over at most 4 * limit ranked names, stopping at ``limit``, is quicker than numpy.
        seen: set[int] = set()
        for name_idx, score in zip(ranked_ids, ranked_scores):
            if name_idx not in seen:
                seen.add(name_idx)
                ranked.append((name_idx, score))
                if len(ranked) == limit:
                    break
    if respelt_scores is not None and len(respelt) <= respelt_names:
        # Names of the query's words respelt throughout (``Jung Jong Kim`` for ``Kim Chung
        # Chong``) share only that key and the skeletons the spellings still agree on, and
        # names holding the query's common words as written outrank them: they come after
        # the best (the matcher compares a few, ``matching._respelt_alike``).
        kept = {name_idx for name_idx, _ in ranked}
        respelt_ids: list[int] = respelt.tolist()
        weights: list[float] = respelt_scores.tolist()
        ranked.extend((name_idx, weight) for name_idx, weight in zip(respelt_ids, weights) if name_idx not in kept)
    return ranked, partial
