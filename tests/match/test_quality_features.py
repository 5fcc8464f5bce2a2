"""The company-name-for-person feature and the matches it changes (issue 3 false alerts)."""

from __future__ import annotations

from collections.abc import Callable

from followthemoney.proxy import EntityProxy

from tradewarden.match import MatchIndex, Query
from tradewarden.match.score import WEIGHTS

Factory = Callable[..., EntityProxy]  # the ``e`` fixture of conftest.py


def _index(make: Factory) -> MatchIndex:
    return MatchIndex.build(
        [
            make("Person", "p1", name="CAMPBELL, David"),
            make("Company", "c1", name="Haeryong Trading Company Ltd"),
            make("Company", "c2", name="Campbell Group Ltd"),
        ]
    )


def test_feature_is_in_the_weight_table() -> None:
    weights = {feature.__name__: weight for feature, weight in WEIGHTS}
    assert weights["company_name_for_person"] < 0


def test_company_name_does_not_match_a_listed_person_fully(e: Factory) -> None:
    index = _index(e)
    company = index.match(Query(names=["Campbell David Group Ltd"], schema="LegalEntity"), min_score=0.0)
    person = index.match(Query(names=["David Campbell"], schema="LegalEntity"), min_score=0.0)
    found = {m.entity_id: m for m in company}
    assert "test-p1" in found
    assert any(f.name == "company_name_for_person" for f in found["test-p1"].features)
    assert found["test-p1"].score < next(m.score for m in person if m.entity_id == "test-p1")


def test_person_query_against_a_company_name(e: Factory) -> None:
    index = _index(e)
    matches = index.match(Query(names=["Haeryong Trading"], schema="Person"), min_score=0.0)
    hit = next(m for m in matches if m.entity_id == "test-c1")
    assert any(f.name == "company_name_for_person" for f in hit.features), hit.explanation
    plain = index.match(Query(names=["Haeryong Trading"]), min_score=0.0)
    assert hit.score < next(m.score for m in plain if m.entity_id == "test-c1")
