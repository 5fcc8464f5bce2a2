"""The one per-record function of a batch, and the party decision; both engines run this code.

A chunk of raw rows comes in; each row is checked (:mod:`tradewarden.batch.records`), matched
against the in-memory ``MatchIndex`` and given a decision. The output row has the shape of
``tradewarden match --in/--out`` plus ``decision``::

    {"id": "42", "decision": "review",
     "matches": [{"source", "source_id", "entity_id", "caption", "matched_name", "score",
                  "explanation"}, ...]}      # every candidate >= min_score, best first

**The party decision** (:func:`party_decision`, the only place it is defined):

* ``block``  - a candidate shares an exact identifier (registration, tax, passport, IMO ...
  number) with the record, or scores at least ``block_score`` (0.97);
* ``review`` - otherwise, any candidate scores at least the alert ``threshold``
  (:data:`~tradewarden.match.DEFAULT_THRESHOLD`);
* ``clear``  - otherwise.

The decision never depends on ``min_score``: candidates are fetched down to the lower of the
two, decided on, then filtered for output.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tradewarden.batch.records import PartyRecord, RawRecord, Reject, check_record, query_key
from tradewarden.batch.summary import ChunkStats
from tradewarden.findings import Outcome
from tradewarden.match.index import MatchIndex
from tradewarden.match.model import DEFAULT_THRESHOLD, Match, MatchKind

#: A candidate scoring at least this blocks the record without review.
BLOCK_SCORE = 0.97
#: Candidates kept per record: in practice "every candidate above min_score".
MAX_CANDIDATES = 1000
#: Results remembered per process for repeated identical records (same name, country, ...).
CACHE_SIZE = 50_000
#: Evidence that counts as an exact identifier: a feature of ``match.score`` or ``match.matching``.
IDENTIFIER_FEATURES = frozenset({"identifier_match", "shared_identifier"})

ResultRow = dict[str, Any]
#: A decided query: the decision and every candidate fetched (best first).
Decided = tuple[Outcome, list[Match]]


@dataclass(frozen=True, slots=True)
class ScreenOptions:
    """What a batch screens for.

    Attributes:
        min_score: candidates scoring below this are left out of the output.
        threshold: the alert threshold: a candidate at or above it means review.
        block_score: a candidate at or above it means block.
        limit: the most candidates kept per record.
    """

    min_score: float = DEFAULT_THRESHOLD
    threshold: float = DEFAULT_THRESHOLD
    block_score: float = BLOCK_SCORE
    limit: int = MAX_CANDIDATES


#: The options used when none are given.
DEFAULT_OPTIONS = ScreenOptions()


@dataclass(frozen=True, slots=True)
class Chunk:
    """A numbered slice of the input: ``chunk_id`` counts from 0 in file order."""

    chunk_id: int
    records: tuple[RawRecord, ...]


@dataclass(slots=True)
class ChunkResult:
    """What screening one chunk produced: output rows in input order, rejects, statistics."""

    chunk_id: int
    rows: list[ResultRow] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    stats: ChunkStats = field(default_factory=ChunkStats)

    @property
    def records(self) -> int:
        """Records of the chunk, screened or rejected."""
        return len(self.rows) + len(self.rejects)


def has_exact_identifier(match: Match) -> bool:
    """Whether ``match`` rests on an identifier equal to the record's (not a phone or e-mail)."""
    if match.kind == MatchKind.SHARED_IDENTIFIER.value:
        return any(f.name == "shared_identifier" for f in match.features)
    return any(f.name in IDENTIFIER_FEATURES and f.value >= 1.0 for f in match.features)


def party_decision(matches: Sequence[Match], options: ScreenOptions = DEFAULT_OPTIONS) -> Outcome:
    """The decision for one party from its candidates (see the module docstring).

    Args:
        matches: the party's candidates, any order.
        options: the thresholds.
    Returns:
        ``Outcome.BLOCK``, ``Outcome.REVIEW`` or ``Outcome.CLEAR``.
    """
    outcome = Outcome.CLEAR
    for match in matches:
        if match.score >= options.block_score or has_exact_identifier(match):
            return Outcome.BLOCK
        if match.score >= options.threshold:
            outcome = Outcome.REVIEW
    return outcome


def match_row(match: Match) -> dict[str, Any]:
    """One candidate in the output shape shared with ``tradewarden match --out``."""
    return {
        "source": match.source,
        "source_id": match.source_id,
        "entity_id": match.entity_id,
        "caption": match.caption,
        "matched_name": match.matched_name,
        "score": match.score,
        "explanation": match.explanation,
    }


class ResultCache:
    """A small LRU of decided results by query, so a repeated party is matched once per process."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self._size = size
        self._items: OrderedDict[tuple[object, ...], Decided] = OrderedDict()

    def get(self, key: tuple[object, ...]) -> Decided | None:
        """The cached result of ``key``, or None."""
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
        return found

    def put(self, key: tuple[object, ...], value: Decided) -> None:
        """Remember ``value`` for ``key``, forgetting the least recently used beyond the size."""
        self._items[key] = value
        if len(self._items) > self._size:
            self._items.popitem(last=False)


def _shown_row(record: PartyRecord, found: Decided, options: ScreenOptions) -> tuple[ResultRow, Outcome, list[Match]]:
    """The output row of ``record`` from its decided candidates, the decision and the shown candidates."""
    decision, candidates = found
    shown = [m for m in candidates if m.score >= options.min_score]
    row = {"id": record.id, "decision": decision.value, "matches": [match_row(m) for m in shown]}
    return row, decision, shown


def screen_party(
    index: MatchIndex, record: PartyRecord, options: ScreenOptions = DEFAULT_OPTIONS, cache: ResultCache | None = None
) -> tuple[ResultRow, Outcome, list[Match]]:
    """Screen one checked record: match, decide, and shape the output row.

    Args:
        index: the match index.
        record: a record that passed :func:`~tradewarden.batch.records.check_record`.
        options: thresholds and limits.
        cache: results of earlier identical queries, if any.
    Returns:
        The output row, the decision, and the candidates in the row (best first).
    """
    key = query_key(record.query)
    found = None if cache is None else cache.get(key)
    if found is None:
        floor = min(options.min_score, options.threshold)
        candidates = index.match(record.query, options.limit, floor)
        found = (party_decision(candidates, options), candidates)
        if cache is not None:
            cache.put(key, found)
    return _shown_row(record, found, options)


def decide_parties(
    index: MatchIndex, records: Sequence[PartyRecord], options: ScreenOptions = DEFAULT_OPTIONS,
    cache: ResultCache | None = None,
) -> list[Decided | Exception]:
    """Match and decide many checked records at once, each distinct query once.

    Queries already in ``cache`` are not matched again; the rest go to ``MatchIndex.match_many``
    in one call. Should that call fail, each of its queries is matched on its own, so only the
    record that fails carries the error.

    Args:
        index: the match index.
        records: checked records.
        options: thresholds and limits.
        cache: results of earlier identical queries, if any (updated).
    Returns:
        Per record, in order: its decision and candidates (best first), or the error that stopped it.
    """
    position: dict[tuple[object, ...], int] = {}  # distinct query -> its place in ``distinct``
    distinct: list[tuple[tuple[object, ...], PartyRecord]] = []
    slots = []
    for record in records:
        key = query_key(record.query)
        slot = position.get(key)
        if slot is None:
            slot = position[key] = len(distinct)
            distinct.append((key, record))
        slots.append(slot)
    decided: list[Decided | Exception | None] = [None if cache is None else cache.get(key) for key, _ in distinct]
    todo = [slot for slot, found in enumerate(decided) if found is None]
    floor = min(options.min_score, options.threshold)
    queries = [distinct[slot][1].query for slot in todo]
    try:
        matched: list[list[Match] | Exception] = list(index.match_many(queries, options.limit, floor))
    except Exception:  # find the query that failed: match each on its own
        matched = []
        for query in queries:
            try:
                matched.append(index.match(query, options.limit, floor))
            except Exception as exc:  # noqa: BLE001 - becomes that record's reject
                matched.append(exc)
    for slot, candidates in zip(todo, matched, strict=True):
        if isinstance(candidates, Exception):
            decided[slot] = candidates
            continue
        try:
            found = (party_decision(candidates, options), candidates)
        except Exception as exc:  # noqa: BLE001 - becomes that record's reject
            decided[slot] = exc
            continue
        decided[slot] = found
        if cache is not None:
            cache.put(distinct[slot][0], found)
    return [decided[slot] for slot in slots]  # type: ignore[misc]  # every slot is filled above


def _failed(record: PartyRecord, exc: Exception) -> Reject:
    return Reject(record.line, record.id, f"screening failed: {type(exc).__name__}: {exc}")


def screen_chunk(
    index: MatchIndex, chunk: Chunk, options: ScreenOptions = DEFAULT_OPTIONS, cache: ResultCache | None = None
) -> ChunkResult:
    """Check and screen every row of a chunk; a bad row becomes a reject and the rest go on.

    The chunk's checked records are matched together (:func:`decide_parties`), with the same
    results as :func:`screen_party` on each.

    Args:
        index: the match index.
        chunk: the rows.
        options: thresholds and limits.
        cache: results of earlier identical queries, if any.
    Returns:
        The chunk's output rows (input order), rejects and statistics.
    """
    result = ChunkResult(chunk.chunk_id)
    checked = [check_record(raw) for raw in chunk.records]
    parties = [record for record in checked if isinstance(record, PartyRecord)]
    outcomes = iter(decide_parties(index, parties, options, cache))
    for record in checked:
        if isinstance(record, Reject):
            result.rejects.append(record)
            result.stats.add_reject()
            continue
        found = next(outcomes)
        try:  # one record must not stop a million; the reject names the cause
            if isinstance(found, Exception):
                raise found
            row, decision, shown = _shown_row(record, found, options)
        except Exception as exc:  # noqa: BLE001
            result.rejects.append(_failed(record, exc))
            result.stats.add_reject()
            continue
        result.rows.append(row)
        result.stats.add(record.id, record.query.names[0], decision, shown)
    return result
