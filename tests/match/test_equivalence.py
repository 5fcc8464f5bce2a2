"""The fast paths of ``MatchIndex`` return exactly what the plain algorithm returns.

``candidate_names`` sums key IDFs with one scatter-add and drops repeated names with numpy, and
``match`` compares a name listed on several lists once and looks rarity up in a table; the
reference functions below are the plain versions (one vectorised add per key, a dict to keep
first places, one comparison per listed name, every one exact: ``match`` stops comparisons that
cannot reach its ``name_floor``). A few hundred queries (variants, reorderings,
other scripts, unrelated names) over a generated index with names repeated across lists and
keys common enough to take every branch must give identical candidates, matches, scores and
explanations.
"""

from __future__ import annotations

import math
import random

import numpy as np
import pytest
from followthemoney import model
from followthemoney.proxy import EntityProxy

from tradewarden.match import MatchIndex, Query
from tradewarden.match import index as index_module
from tradewarden.match import matching, ranking
from tradewarden.match.blocking import KEY_WEIGHTS, abjad_counted_groups, name_keys, unknown_token_keys
from tradewarden.match.model import Match, MatchKind
from tradewarden.match.score import explain, score_candidate
from tradewarden.names.analyze import NameForm
from tradewarden.names.compare import compare_names
from tradewarden.names.organisations import compare_organisations

FIRST = ["Mohammed", "Muhammad", "Ivan", "Sergei", "Ali", "Hassan", "Olga", "Anna", "Yusuf", "Omar",
         "Dmitry", "Elena", "Reza", "Fatima", "Viktor", "Mahmoud"]
LAST = ["Al-Rashid", "Petrov", "Sidorov", "Hosseini", "Karimi", "Ivanov", "Smirnova", "Haddad",
        "Rahimi", "Volkov", "Mansour", "Kuznetsov", "Nasser", "Abdullah", "Popova", "Tehrani"]
WORDS = ["Trading", "Aero", "Sepahan", "Rostec", "Kavosh", "Delta", "Orion", "Pars", "Tech", "Marine"]
FORMS = ["LLC", "OOO", "Co., Ltd.", "JSC", "Limited", ""]
OTHER_SCRIPT = ["Иван Петров", "Сергей Волков", "محمد الرشيد", "حسن کریمی", "Ольга Смирнова", "رضا رحیمی"]


def _entity(schema: str, source: str, source_id: str) -> EntityProxy:
    entity = model.make_entity(schema)
    entity.id = f"{source}-{source_id}"
    entity.context.update(source=source, source_id=source_id)
    return entity


def _entities(rng: random.Random) -> list[EntityProxy]:
    entities: list[EntityProxy] = []
    for n in range(260):
        if n % 3:
            name = f"{rng.choice(FIRST)} {rng.choice(FIRST)} {rng.choice(LAST)}"
            entity = _entity("Person", "test", f"p{n}")
            entity.add("birthDate", f"19{rng.randint(50, 99)}")
            if n % 5 == 0:
                entity.add("alias", rng.choice(OTHER_SCRIPT))
            if n % 7 == 0:
                entity.add("weakAlias", f"Abu {rng.choice(FIRST)}")
        else:
            name = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(FORMS)}".strip()
            entity = _entity("Company", "test", f"c{n}")
        entity.add("name", name)
        entity.add("country", rng.choice(["ru", "ir", "cn", "sy"]))
        entities.append(entity)
        if n % 4 == 0:  # the same party on another list, under the same names
            twin = _entity(entity.schema.name, "other", f"{n}")
            for prop in ("name", "alias", "weakAlias", "country"):
                twin.add(prop, entity.get(prop, quiet=True))
            entities.append(twin)
    return entities


def _typo(text: str, rng: random.Random) -> str:
    pos = rng.randrange(1, max(2, len(text) - 1))
    return text[:pos] + text[pos + 1 :] if rng.random() < 0.5 else text[:pos] + "x" + text[pos:]


def _queries(entities: list[EntityProxy], rng: random.Random) -> list[Query]:
    queries: list[Query] = []
    for _ in range(150):
        entity = rng.choice(entities)
        name = rng.choice(entity.get("name") + entity.get("alias"))
        words = name.split()
        variant = rng.choice([name, _typo(name, rng), " ".join(reversed(words)), " ".join(words[:2])])
        queries.append(Query(names=[variant], schema=rng.choice([None, entity.schema.name])))
    for text in OTHER_SCRIPT + ["John Smith", "Acme Holdings GmbH", "Mohammed", "Sepahan Pars Kavosh",
                                "Trading Aero Delta Orion Marine", "Ivan Ivan Ivanov", "Zzyzx Qwerty"]:
        queries.append(Query(names=[text]))
        queries.append(Query(names=[text], countries=["ru"], birth_dates=["1970-01-01"]))
    return queries


def reference_candidate_names(index: MatchIndex, form: NameForm, limit: int) -> list[tuple[int, float]]:
    """The plain blocking sum: one vectorised add per key, a dict keeping each name's first place."""
    acc = np.zeros(index.name_count, dtype=np.float32)
    postings = index._postings
    keys = name_keys(form, affixes=False)
    for token in [t for t in form.tokens if t in keys and t not in postings]:
        keys.update(unknown_token_keys(token))
    hits: list[np.ndarray] = []
    common: list[tuple[int, np.ndarray, float]] = []
    # An abjad name counts each key group once per listed name, at its commonest key the name
    # holds (a compound across a particle twice for a name holding neither word apart).
    counted, again = _abjad_counted(index, form) if form.abjad else (None, {})
    for key in sorted(keys if counted is None else counted):
        ids = postings.get(key)
        if ids is None:
            continue
        idf = math.log(1.0 + index.name_count / len(ids)) * KEY_WEIGHTS.get(key[0], 1.0)
        length = len(ids)
        entries = [ids]
        if counted is not None:
            entries = [np.array(sorted(names), dtype=ids.dtype) for names in (counted[key], again.get(key)) if names]
        for ids in entries:
            if length > index_module.MAX_POSTING:
                common.append((length, ids, idf))
                continue
            acc[ids] += idf
            hits.append(ids)
    if len(common) >= 2 and sum(len(h) for h in hits) < limit:
        common.sort(key=lambda item: item[0])
        both = np.intersect1d(common[0][1], common[1][1], assume_unique=True)
        acc[both] += common[0][2] + common[1][2]
        hits.append(both)
    if not hits:
        return []
    touched = np.concatenate(hits)
    scores = acc[touched]
    if len(touched) > limit * 4:
        # One place per name (its first), before the best places are taken.
        first = np.sort(np.unique(touched, return_index=True)[1])
        touched, scores = touched[first], scores[first]
    # Ties in weight: names of about the query's number of words first (not for abjad queries).
    rank = -scores.astype(np.float64)
    if not form.abjad:
        gap = np.abs(index.name_lengths[touched].astype(np.int64) - len(form.tokens))
        rank += ranking.TIE_STEP * np.minimum(gap, ranking.MAX_LENGTH_GAP)
    if len(touched) > limit * 4:
        chosen = np.argpartition(rank, limit * 4)[: limit * 4]
        touched, scores, rank = touched[chosen], scores[chosen], rank[chosen]
    order = np.argsort(rank, kind="stable")
    ranked: dict[int, float] = {}
    for name_idx, weight in zip(touched[order].tolist(), scores[order].tolist()):
        ranked.setdefault(name_idx, weight)
        if len(ranked) >= limit:
            break
    # Then the other names of the query's whole-skeleton key, when that key is rare enough.
    respelt = [ids for ids in (postings.get(key) for key in sorted(keys) if key[0] == "&") if ids is not None]
    if respelt and len(respelt[0]) <= index_module.RESPELT_NAMES:
        ranked.update((name_idx, float(acc[name_idx])) for name_idx in respelt[0].tolist() if name_idx not in ranked)
    return list(ranked.items())


def _abjad_counted(index: MatchIndex, form: NameForm) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """Per key of ``abjad_key_groups``, the names it counts for: those holding no commoner key of
    its group (ties by key); and per key of a compound's group (``abjad_counted_groups``), the
    names it counts for once more: those holding no key of its words' groups."""
    counted: dict[str, list[int]] = {}
    again: dict[str, list[int]] = {}
    held: list[set[int]] = []
    for group, members in abjad_counted_groups(form):
        owner: dict[int, tuple[int, str]] = {}
        for key in group:
            ids = index._postings.get(key)
            for name_idx in [] if ids is None else ids.tolist():
                rank = (-len(ids), key)
                if name_idx not in owner or rank < owner[name_idx]:
                    owner[name_idx] = rank
        held.append(set(owner))
        apart = set().union(*(held[member] for member in members))
        for name_idx, (_, key) in owner.items():
            counted.setdefault(key, []).append(name_idx)
            if members and name_idx not in apart:
                again.setdefault(key, []).append(name_idx)
    return counted, again


def reference_match(index: MatchIndex, query: Query, limit: int, min_score: float) -> list[Match]:
    """``match`` for name-only evidence, comparing every shortlisted name on its own."""
    prepared = matching.prepare_query(query)
    best: dict[int, tuple[float, int, str, str]] = {}
    organisation = prepared.schema != "Person"
    for query_name, texts, form in prepared.written_names():
        for name_idx in matching._shortlist(index, form, texts, organisation):
            both = organisation and index.is_organisation(index.name_entity(name_idx))
            compare = compare_organisations if both else compare_names
            compared = compare(form, NameForm.parse(index.form_key(name_idx)), index.rarity)
            comparison = max(
                (matching.exact_floor(compared, text, index.name_text(name_idx)) for text in texts), key=lambda c: c.score
            )
            score = comparison.score - (0.08 if index.name_is_weak(name_idx) else 0.0)
            entity_idx = index.name_entity(name_idx)
            if entity_idx not in best or score > best[entity_idx][0]:
                best[entity_idx] = (score, name_idx, query_name, comparison.detail)
    matches: list[Match] = []
    for entity_idx, found in best.items():
        if found[0] + 0.3 < min_score:
            continue
        cand = matching._candidate(index, entity_idx, found)
        score, results = score_candidate(prepared, cand)
        if score >= min_score:
            matches.append(matching._make_match(cand, score, MatchKind.NAME.value, results, explain(score, results)))
    return sorted(matches, key=lambda m: (-m.score, m.entity_id))[:limit]


@pytest.fixture(scope="module")
def generated() -> tuple[MatchIndex, list[Query]]:
    rng = random.Random(20261126)
    entities = _entities(rng)
    return MatchIndex.build(entities), _queries(entities, rng)


def test_candidate_names_equal_the_plain_sum(generated: tuple[MatchIndex, list[Query]], monkeypatch: pytest.MonkeyPatch) -> None:
    index, queries = generated
    forms = [form for query in queries for _, form in matching.prepare_query(query).names]
    branches = {"several keys": 0, "selection": 0, "common pair": 0}
    for max_posting in (index_module.MAX_POSTING, 25):  # 25: common keys and their intersection
        monkeypatch.setattr(index_module, "MAX_POSTING", max_posting)
        for form in forms:
            for limit in (3, 40, 1 << 40):
                expected = reference_candidate_names(index, form, limit)
                assert index.candidate_names(form, limit) == expected, (form.tokens, limit, max_posting)
            counts = [index._postings.count(key) for key in name_keys(form, affixes=False)]
            branches["several keys"] += sum(1 for c in counts if 0 < c <= max_posting) > 1
            branches["selection"] += sum(c for c in counts if c <= max_posting) > 12
            branches["common pair"] += sum(1 for c in counts if c > max_posting) >= 2
    assert all(branches.values()), branches


@pytest.mark.parametrize(("limit", "min_score"), [(10, 0.8), (10, 0.0), (3, 0.5)])
def test_match_equals_the_plain_comparison(generated: tuple[MatchIndex, list[Query]], limit: int, min_score: float) -> None:
    index, queries = generated
    found = 0
    for query in queries:
        expected = reference_match(index, query, limit, min_score)
        assert index.match(query, limit, min_score) == expected, query.names
        found += bool(expected)
    assert found > len(queries) // 2
    assert index.match_many(queries, limit, min_score) == [index.match(q, limit, min_score) for q in queries]


def test_name_floor_leaves_room_for_every_other_feature() -> None:
    # 0.80 less legal form, country, birth date and birth year (0.02 + 0.03 + 0.08 + 0.03).
    plain = matching.prepare_query(Query(names=["Ivan Petrov"], schema="Person"))
    assert matching.name_floor(plain, 0.8) == pytest.approx(0.64, abs=1e-5)
    assert matching.name_floor(plain, 0.8) < 0.64
    assert matching.name_floor(plain, 0.1) == 0.0
    # A shared identifier alone reaches any threshold: no floor.
    with_id = matching.prepare_query(Query(names=["Ivan Petrov"], schema="Person", identifiers=["4509 123456"]))
    assert with_id.identifier_keys
    assert matching.name_floor(with_id, 0.8) == 0.0


def test_rarity_table_matches_the_postings(generated: tuple[MatchIndex, list[Query]]) -> None:
    index, _ = generated
    for token in ("mohammed", "petrov", "sepahan", "nosuchtoken"):
        count = index._postings.count(token)
        expected = 1.0 if count <= index_module.RARE_COUNT else max(
            index_module.MIN_RARITY,
            math.log(1.0 + index.name_count / count) / math.log(1.0 + index.name_count / index_module.RARE_COUNT),
        )
        assert index.rarity(token) == expected
        assert index.rarity_of(token) == expected


def test_match_many_matches_a_repeated_query_once(generated: tuple[MatchIndex, list[Query]], monkeypatch: pytest.MonkeyPatch) -> None:
    index, queries = generated
    batch = [queries[0], queries[1], Query(names=list(queries[0].names), schema=queries[0].schema), queries[0]]
    calls: list[Query] = []
    plain = MatchIndex.match

    def counted(self: MatchIndex, query: Query, limit: int = 10, min_score: float = 0.8) -> list[Match]:
        calls.append(query)
        return plain(self, query, limit, min_score)

    monkeypatch.setattr(MatchIndex, "match", counted)
    results = index.match_many(batch, 10, 0.0)
    assert len(calls) == 2
    assert results == [plain(index, q, 10, 0.0) for q in batch]
    assert results[0] is not results[2]  # each query gets its own list
    other_schema = Query(names=list(queries[0].names), schema="Vessel")
    index.match_many([queries[0], other_schema], 10, 0.0)
    assert len(calls) == 4  # a query differing in any field is matched on its own
