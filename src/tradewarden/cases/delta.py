"""The delta of a list version as a match index, and the gate that keeps re-screening exact.

A :class:`DeltaIndex` holds only the entities added or changed in a new list version; its
blocking keys pick the monitored parties worth a look. :class:`DeltaGate` then asks the full
index of the current versions (the one live screening uses) whether its own blocking would
bring a party within reach of a changed entity; only those parties are matched, against the
full index, so the hits on changed entities are exactly those a full re-screen would find.
Pure, over in-memory indexes; :mod:`tradewarden.cases.rescreen` does the I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from followthemoney.proxy import EntityProxy

from tradewarden.cases.parties import fit_key, query_from_json, shared_query_keys
from tradewarden.match.features import PreparedQuery
from tradewarden.match.index import MatchIndex
from tradewarden.match.matching import _shortlist, match_prepared, prepare_query
from tradewarden.match.model import DEFAULT_THRESHOLD, Match, Query
from tradewarden.store.cases_monitor import PartyRecord

#: The most matches kept per party and delta.
MATCH_LIMIT = 10


class DeltaIndex(MatchIndex):
    """A ``MatchIndex`` over a few changed entities that borrows token rarity from a full index.

    Rarity (how common a name token is among all listed names) shapes name scores; a
    handful of entities would make every token look rare, so the full index supplies it.
    """

    reference: MatchIndex | None = None

    def rarity(self, token: str) -> float:
        """The token's rarity in the reference index (or in this one, without a reference)."""
        if self.reference is None:
            return super().rarity(token)
        return self.reference.rarity(token)


def build_delta_index(entities: Iterable[EntityProxy], reference: MatchIndex | None) -> DeltaIndex:
    """A :class:`DeltaIndex` over ``entities`` with token rarity from ``reference``."""
    index = DeltaIndex.build(entities)
    assert isinstance(index, DeltaIndex)
    index.reference = reference
    return index


def index_keys(index: MatchIndex) -> set[str] | None:
    """Every blocking and shared-identifier key of ``index``, or None if they cannot be read.

    None means "no prefilter": every monitored party is then matched.
    """
    postings = getattr(index, "_postings", None)
    shared = getattr(index, "_shared", None)
    keys = getattr(postings, "_keys", None), getattr(shared, "_keys", None)
    if not all(isinstance(part, list) for part in keys):
        return None
    return {fit_key(key) for part in keys for key in part}  # type: ignore[union-attr]


def match_parties(
    index: MatchIndex, parties: Sequence[PartyRecord], min_score: float = DEFAULT_THRESHOLD
) -> dict[int, list[Match]]:
    """The matches of each party against ``index`` (parties without matches are left out)."""
    found: dict[int, list[Match]] = {}
    for party in parties:
        matches = index.match(query_from_json(party.query), MATCH_LIMIT, min_score)
        if matches:
            found[party.id] = matches
    return found


class DeltaGate:
    """Decides, cheaply and exactly, whether a full screen of a party could reach a changed entity.

    A full screen compares a party only with the listed names its blocking shortlists in the
    full index, plus the entities sharing an identifier with it. When none of those is a
    changed entity, a full screen finds nothing new for that party, so it is skipped; the
    others are matched against the full index and keep only their matches on changed entities,
    which are then exactly what a full re-screen would find on them.
    """

    def __init__(self, reference: MatchIndex, delta: MatchIndex, delta_ids: set[str]) -> None:
        self.reference = reference
        self.delta_ids = delta_ids
        self._entities = {i for i in range(len(reference)) if reference.record(i).entity_id in delta_ids}
        shared = getattr(getattr(delta, "_shared", None), "_keys", None)
        self._shared: set[str] | None = set(shared) if isinstance(shared, list) else None

    def covers(self, delta: MatchIndex) -> bool:
        """Whether the reference holds every changed party entity (it was built from the new version)."""
        return len(self._entities) >= len(delta)

    def could_match(self, query: Query, prepared: PreparedQuery | None = None) -> bool:
        """Whether a full screen of ``query`` would compare it with any changed entity."""
        if self._shared is None or self._shared & set(shared_query_keys(query)):
            return True
        for _text, form in (prepared or prepare_query(query)).names:
            for name_idx in _shortlist(self.reference, form):
                if self.reference.name_entity(name_idx) in self._entities:
                    return True
        return False

    def match(self, parties: Sequence[PartyRecord], min_score: float) -> dict[int, list[Match]]:
        """The matches on changed entities of the parties a full screen could reach them from."""
        found: dict[int, list[Match]] = {}
        for party in parties:
            query = query_from_json(party.query)
            prepared = prepare_query(query)
            if not self.could_match(query, prepared):
                continue
            matches = match_prepared(self.reference, prepared, MATCH_LIMIT, min_score, query)
            kept = [m for m in matches if m.entity_id in self.delta_ids]
            if kept:
                found[party.id] = kept
        return found
