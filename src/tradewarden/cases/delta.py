"""The delta of a list version as a small match index, and the exact bound that keeps re-screening cheap.

A :class:`DeltaIndex` is a public :class:`~tradewarden.match.index.MatchIndex` built over only the
entities added or changed in a new list version (token rarity borrowed from the full index).
:class:`DeltaMatcher` finds what a full re-screen of the monitored parties would find on those
entities while comparing each party's names only with the changed entities' names:

1. **Keys.** A full screen compares a query name only with listed names sharing one of its
   blocking keys, and matches on anything else only through a shared identifier, e-mail,
   phone, web domain or address key. Every key the matcher could look up for a party is among
   its stored ``party_key`` rows (:func:`tradewarden.cases.parties.party_keys`, a superset), so
   one indexed lookup of the changed entities' keys (:meth:`DeltaMatcher.keys`) gives each party
   the changed names it could meet; a party sharing an identifier-like key is matched in full.
2. **Bound.** A match's score is monotone in its best name score (``match.score``: the name
   feature is additive, and the features that read names, a weak alias or a company name for a
   person, only lower it; ``tests/cases/test_delta.py`` holds ``match/`` to that).
   So for each reachable entity the least name score that could reach the threshold is worked
   out once per kind of party (schema, countries, birth dates, identifiers), and never for a
   person against a company. The party's names are then compared with that entity's names it
   shares a key with, skipping pairs the matcher itself never compares in full (its quick
   ``token_sort_ratio`` filter, save names written alike or held in the query, :func:`comparable`), with the
   matcher's own ``compare_names`` and the full index's rarity, until one scores enough. A full
   screen compares a subset of these pairs, so it cannot score higher.
3. **Match.** The few parties within the bound are matched against the full index
   (``MatchIndex.match``) and keep their matches on changed entities: exactly a full re-screen's.

The cost grows with the size of the delta and the parties sharing its keys, each checked by a
few cheap name comparisons instead of a full query. ``tests/cases/test_rescreen.py`` holds the
bound to a full re-screen and to the matcher's shortlist. Pure, over in-memory indexes and key
sets; :mod:`tradewarden.cases.rescreen` does the I/O.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Mapping, Sequence

from followthemoney.proxy import EntityProxy
from rapidfuzz import fuzz

from tradewarden.cases.parties import fit_key, party_keys, query_from_json
from tradewarden.match.blocking import listed_name_keys
from tradewarden.match.features import Candidate, PreparedQuery
from tradewarden.match.index import MatchIndex
from tradewarden.match.matching import QUICK_CUTOFF, exact_floor, listed_words_met, prepare_query, written_alike
from tradewarden.match.model import DEFAULT_THRESHOLD, Match, Query
from tradewarden.match.records import entity_shared_keys, is_party
from tradewarden.match.score import RAISED_BY_NAMES, WEIGHTS, score_candidate
from tradewarden.names.acronyms import acronym_comparison
from tradewarden.names.analyze import NameForm
from tradewarden.names.compare import compare_names
from tradewarden.names.organisations import compare_organisations, holds_whole
from tradewarden.store.cases_monitor import PartyRecord

#: The most matches kept per party and delta (as a full screen keeps).
MATCH_LIMIT = 10
#: Above this many changed entities the bound saves little: candidates are matched in full.
MAX_BOUNDED_ENTITIES = 2000
_ENTITY_IDS: weakref.WeakKeyDictionary[MatchIndex, frozenset[str]] = weakref.WeakKeyDictionary()
#: What scoring looks at besides names: schema, countries, birth dates, identifiers.
_Facts = tuple[str | None, tuple[str, ...], tuple[str, ...], tuple[str, ...]]


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


def comparable(
    form: NameForm, text: str, listed_text: str, query_name: str = "", written: str = "", listed: NameForm | None = None
) -> bool:
    """Whether a full screen could compare the query name ``form`` with a listed name in full.

    The matcher compares a blocked name only when their tokens' quick similarity
    (``token_sort_ratio``) reaches ``QUICK_CUTOFF``, except for Arabic- and Hebrew-script names,
    which that filter cannot judge, foreign names in Chinese characters read by their sounds
    (``NameForm.transcribed``, shortlisted without it: ``match.matching._transcribed_shortlist``),
    names written as the query name or so but for one slip (``match.matching.written_alike``), and
    names whose every word the query holds, give or take a respelling
    (``match.matching.listed_words_met``).

    Args:
        form: the analysed query name.
        text: its tokens, space-separated.
        listed_text: the listed name's tokens (``MatchIndex.name_token_text``).
        query_name: the query name as written ("": not known, that exception not checked).
        written: the listed name as written.
        listed: the analysed listed name (None: not known, that exception not checked).
    """
    return (
        form.abjad
        or form.transcribed
        or fuzz.token_sort_ratio(text, listed_text, score_cutoff=QUICK_CUTOFF) >= QUICK_CUTOFF
        or bool(query_name and written_alike(query_name, written))
        or (listed is not None and listed_words_met(form, listed))
    )


def keyed_names(index: MatchIndex, entities: Iterable[EntityProxy]) -> tuple[dict[str, list[int]], set[str]]:
    """The blocking keys of the index's names with the names under each, and the
    shared-identifier keys of ``entities``: the keys ``MatchIndex.build`` files them under,
    fitted for the ``party_key`` column."""
    by_key: dict[str, list[int]] = {}
    for name_idx in range(index.name_count):
        for key in listed_name_keys(index.form(name_idx), index.is_organisation(index.name_entity(name_idx))):
            by_key.setdefault(fit_key(key), []).append(name_idx)
    shared = {fit_key(key) for entity in entities if is_party(entity) for key in entity_shared_keys(entity)}
    return by_key, shared


def delta_keys(index: MatchIndex, entities: Iterable[EntityProxy]) -> set[str]:
    """Every key a party must share with the changed entities to match one of them at all."""
    by_key, shared = keyed_names(index, entities)
    return set(by_key) | shared


def match_parties(
    index: MatchIndex,
    parties: Sequence[PartyRecord],
    min_score: float = DEFAULT_THRESHOLD,
    keep: frozenset[str] | None = None,
) -> dict[int, list[Match]]:
    """The matches of each party against ``index`` (parties without matches are left out).

    Args:
        index: the index to match against.
        parties: the parties.
        min_score: the threshold.
        keep: only matches on these entities (default: all).
    """
    found: dict[int, list[Match]] = {}
    for party in parties:
        matches = index.match(query_from_json(party.query), MATCH_LIMIT, min_score)
        if keep is not None:
            matches = [m for m in matches if m.entity_id in keep]
        if matches:
            found[party.id] = matches
    return found


def entity_ids(index: MatchIndex) -> frozenset[str]:
    """The ids of the entities an index holds (read once per index)."""
    known = _ENTITY_IDS.get(index)
    if known is None:
        known = frozenset(index.record(i).entity_id for i in range(len(index)))
        _ENTITY_IDS[index] = known
    return known


class DeltaMatcher:
    """Finds, exactly and cheaply, what a full re-screen finds on the changed entities.

    Args:
        reference: the full index of the current versions (what live screening uses).
        entities: the added and changed entities of the new version.
        min_score: the alert threshold.
    """

    def __init__(
        self, reference: MatchIndex, entities: Sequence[EntityProxy], min_score: float = DEFAULT_THRESHOLD
    ) -> None:
        self.reference = reference
        self.min_score = min_score
        self.delta = build_delta_index(entities, reference)
        self.delta_ids = frozenset(self.delta.record(i).entity_id for i in range(len(self.delta)))
        self._by_key, self._shared = keyed_names(self.delta, entities)
        self._needed: dict[tuple[_Facts, int], float] = {}
        self._facts: dict[_Facts, PreparedQuery] = {}

    @property
    def covered(self) -> bool:
        """Whether the reference holds every changed entity (it was built from the new version)."""
        return self.delta_ids <= entity_ids(self.reference)

    @property
    def exact(self) -> bool:
        """Whether the bound applies: the reference holds every changed entity, and they are few."""
        return len(self.delta) <= MAX_BOUNDED_ENTITIES and self.covered

    def keys(self) -> set[str]:
        """The keys of the changed entities: a party sharing none cannot match one."""
        return set(self._by_key) | self._shared

    def could_match(self, query: Query, keys: Iterable[str] | None = None) -> bool:
        """Whether a full screen of ``query`` could score a changed entity at the threshold.

        Args:
            query: the party.
            keys: its stored blocking keys (default: computed now with ``party_keys``).
        """
        held = set(party_keys(query) if keys is None else keys)
        if held & self._shared:
            return True
        reachable: dict[int, set[int]] = {}
        for key in held:
            for name_idx in self._by_key.get(key, ()):
                reachable.setdefault(self.delta.name_entity(name_idx), set()).add(name_idx)
        facts = (query.schema, tuple(query.countries), tuple(query.birth_dates), tuple(query.identifiers))
        needed = {entity: self._needed_name_score(facts, entity) for entity in reachable}
        within = [(score, reachable[entity]) for entity, score in needed.items() if score <= 1.0]
        if not within:
            return False  # not even an equal name would do (a person against a company ...)
        rarity = self.reference.rarity
        forms = [(text, form, " ".join(form.tokens)) for _, texts, form in prepare_query(query).written_names() for text in texts]
        organisation = query.schema != "Person"
        for score, names in within:
            for name_idx in names:
                listed_text, listed = self.delta.name_token_text(name_idx), self.delta.form(name_idx)
                written = self.delta.name_text(name_idx)
                # Two organisation names: an acronym written out too (``names.acronyms``), as the matcher does.
                both = organisation and self.delta.is_organisation(self.delta.name_entity(name_idx))
                compare = compare_organisations if both else compare_names
                for name, form, text in forms:
                    if not comparable(form, text, listed_text, name, written, listed) and not (
                        both and (acronym_comparison(form, listed) is not None or holds_whole(form, listed, rarity))
                    ):
                        continue
                    if exact_floor(compare(form, listed, rarity), name, written, form, listed).score >= score:
                        return True
        return False

    def _needed_name_score(self, facts: _Facts, entity_idx: int) -> float:
        """The least best-name score with which a party of these facts could reach the threshold."""
        cached = self._needed.get((facts, entity_idx))
        if cached is not None:
            return cached
        prepared = self._facts.get(facts)
        if prepared is None:
            schema, countries, birth_dates, identifiers = facts
            prepared = prepare_query(Query(schema=schema, countries=list(countries), birth_dates=list(birth_dates),
                                           identifiers=list(identifiers)))
            self._facts[facts] = prepared
        _, results = score_candidate(prepared, Candidate(self.delta.record(entity_idx), 1.0, "", "", False, ""))
        name = next(r for r in results if r.name == "name_similarity")
        rest = sum(r.contribution for r in results if r is not name)
        # A feature that needs the party's names is not in the nameless bound: count its most
        # (they compare legal forms, which a listed person does not carry).
        if self.delta.record(entity_idx).schema != "Person":
            rest += sum(weight for feature, weight in WEIGHTS if feature in RAISED_BY_NAMES and weight > 0)
        needed = (self.min_score - rest) / name.weight
        self._needed[(facts, entity_idx)] = needed
        return needed

    def match(
        self, parties: Sequence[PartyRecord], keys: Mapping[int, Iterable[str]] | None = None, *, bounded: bool = False
    ) -> dict[int, list[Match]]:
        """The full re-screen's matches on changed entities, of the parties that could have any.

        Args:
            parties: the parties.
            keys: each party's stored keys among :meth:`keys` (default: computed per party).
            bounded: the parties passed :meth:`could_match` already.
        """
        found: dict[int, list[Match]] = {}
        for party in parties:
            query = query_from_json(party.query)
            if not bounded and not self.could_match(query, None if keys is None else keys.get(party.id, ())):
                continue
            matches = self.reference.match(query, MATCH_LIMIT, self.min_score)
            kept = [m for m in matches if m.entity_id in self.delta_ids]
            if kept:
                found[party.id] = kept
        return found
