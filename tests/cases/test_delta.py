"""The assumptions of the delta bound (``cases/delta.py``) about the matcher's score, held as a contract.

``DeltaMatcher`` works out the most a party could score against a changed entity from the
entity's record and the party's facts, with empty names, plus its best name score. That is an
upper bound only while every feature other than the name similarity scores at least as much
without names as with them (features that read names may only lower the score). These tests
fail when a change in ``match/`` breaks that, before a re-screen could silently miss a hit.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import product

import pytest
from followthemoney.proxy import EntityProxy

from tradewarden.cases.delta import DeltaMatcher
from tradewarden.match.features import Candidate, name_similarity
from tradewarden.match.index import MatchIndex
from tradewarden.match.matching import prepare_query
from tradewarden.match.model import Query
from tradewarden.match.score import RAISED_BY_NAMES, WEIGHTS, score_candidate

Factory = Callable[..., EntityProxy]

QUERIES = [
    Query(names=["Ivan Petrov"], schema="Person", countries=["ru"], birth_dates=["1970-01-02"]),
    Query(names=["Ivan Petrov Holding Ltd"], schema="Person", countries=["de"]),
    Query(names=["Orion Trading LLC"], schema="Company", countries=["ae"], identifiers=["IMO 9126819"]),
    Query(names=["Petrov"], birth_dates=["1990"]),
]


def _entities(e: Factory) -> list[EntityProxy]:
    return [
        e("Person", "1", name="Ivan Petrov", alias="Petrov Group Ltd", country="ru", birthDate="1970-01-02"),
        e("Company", "2", name="Orion Trading FZE", country="ae", imoNumber="9126819"),
        e("Person", "3", name="Ivan Petrov", country="by", birthDate="1951"),
        e("Organization", "4", name="Petrov Holding", country="ru"),
    ]


def test_no_feature_but_the_name_scores_more_with_names_than_without(e: Factory) -> None:
    index = MatchIndex.build(_entities(e))
    checked = 0
    for query, entity_idx in product(QUERIES, range(len(index))):
        prepared = prepare_query(query)
        nameless = prepare_query(Query(schema=query.schema, countries=query.countries, birth_dates=query.birth_dates,
                                       identifiers=query.identifiers))
        record = index.record(entity_idx)
        bound = Candidate(record, 1.0, "", "", False, "")
        for (query_name, _form), name_idx in product(prepared.names, index.entity_names(entity_idx)):
            real = Candidate(record, 0.9, query_name, index.name_text(name_idx), index.name_is_weak(name_idx), "")
            for feature, weight in WEIGHTS:
                if feature is name_similarity or feature in RAISED_BY_NAMES:
                    continue  # the name itself; features the bound counts at their full weight
                with_names, without = feature(prepared, real), feature(nameless, bound)
                assert (0.0 if without is None else without.value * weight) >= (
                    0.0 if with_names is None else with_names.value * weight
                ), (feature.__name__, query, record.caption)
                checked += 1
    assert checked > 100


def test_the_least_name_score_needed_is_the_threshold_less_the_other_features(e: Factory) -> None:
    entities = _entities(e)
    index = MatchIndex.build(entities)
    matcher = DeltaMatcher(index, entities, 0.8)
    person, company = index.record(0), index.record(1)
    facts = ("Person", ("ru",), ("1970-01-02",), ())
    needed = matcher._needed_name_score(facts, 0)
    prepared = prepare_query(Query(schema="Person", countries=["ru"], birth_dates=["1970-01-02"]))
    assert score_candidate(prepared, Candidate(person, needed, "", "", False, ""))[0] >= 0.8 - 1e-9
    assert score_candidate(prepared, Candidate(person, needed - 0.01, "", "", False, ""))[0] < 0.8
    assert matcher._needed_name_score(facts, 1) > 1.0 and company.schema == "Company"  # a person is no company
    # A company's bound counts the most a same-legal-form name could add (legal_form_match).
    company_facts = ("Company", ("ru",), (), ())
    nameless = score_candidate(prepare_query(Query(schema="Company", countries=["ru"])), Candidate(company, 0.9, "", "", False, ""))[0]
    bonus = dict(WEIGHTS)[RAISED_BY_NAMES[0]]
    assert matcher._needed_name_score(company_facts, 1) == pytest.approx((0.8 - (nameless - 0.9) - bonus))
