"""The company-name-for-person feature and the matches it changes (issue 3 false alerts)."""

from __future__ import annotations

from collections.abc import Callable

from followthemoney.proxy import EntityProxy

from tradewarden.match import Match, MatchIndex, Query
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


def test_a_listed_persons_own_words_do_not_make_the_query_a_company(e: Factory) -> None:
    # "Na" reads as a legal form (N.A.) when the query's kind is unknown; the listed person's name
    # carries it too, so the query is that person's name, not a company's.
    index = MatchIndex.build([e("Person", "p9", name="WEI, Lin Na"), e("Person", "p1", name="CAMPBELL, David")])
    hit = next(m for m in index.match(Query(names=["WEI, Lin Na"]), min_score=0.0) if m.entity_id == "test-p9")
    assert not any(f.name == "company_name_for_person" for f in hit.features), hit.explanation
    assert hit.score >= 0.95
    company = next(m for m in index.match(Query(names=["Wei Lin Na Trading Ltd"]), min_score=0.0) if m.entity_id == "test-p9")
    assert any(f.name == "company_name_for_person" for f in company.features), company.explanation


def test_same_legal_form_adds_a_little(e: Factory) -> None:
    index = MatchIndex.build([e("Company", "c7", name="Joint Stock Company Design Bureau Zenit Optics")])
    same = index.match(Query(names=["АО «ОКБ Зенит»"], schema="LegalEntity"), min_score=0.0)[0]
    feature = next(f for f in same.features if f.name == "legal_form_match")
    assert feature.contribution == WEIGHTS_BY_NAME["legal_form_match"] > 0, same.explanation
    other = index.match(Query(names=["ООО «ОКБ Зенит»"], schema="LegalEntity"), min_score=0.0)[0]
    assert not any(f.name == "legal_form_match" for f in other.features), other.explanation
    assert other.score < same.score
    bare = index.match(Query(names=["ОКБ Зенит"], schema="LegalEntity"), min_score=0.0)[0]
    assert not any(f.name == "legal_form_match" for f in bare.features), bare.explanation


def test_different_patronymics_are_namesakes(e: Factory) -> None:
    index = MatchIndex.build([e("Person", "p3", name="Владимир Алексеевич СОРОКИН")])
    other = index.match(Query(names=["Vladimir Vikentyevich Sorokin"], schema="Person"), min_score=0.0)[0]
    conflict = next(f for f in other.features if f.name == "patronymic_conflict")
    assert conflict.contribution == WEIGHTS_BY_NAME["patronymic_conflict"] < 0, other.explanation
    for same_or_left_out in ("Vladimir Alexeevich Sorokin", "Vladimir Sorokin"):
        hit = index.match(Query(names=[same_or_left_out], schema="Person"), min_score=0.0)[0]
        assert not any(f.name == "patronymic_conflict" for f in hit.features), hit.explanation
        assert hit.score > other.score
    # The Ukrainian form of the same patronymic (vowels elsewhere, same consonants) is no conflict.
    ukrainian = index.match(Query(names=["Volodymyr Oleksiyovych Sorokin"], schema="Person"), min_score=0.0)[0]
    assert not any(f.name == "patronymic_conflict" for f in ukrainian.features), ukrainian.explanation


def test_a_womans_name_is_not_the_mans(e: Factory) -> None:
    index = MatchIndex.build([e("Person", "p4", name="Александр Николаевич БЕЛЯЕВ"), e("Person", "p5", name="Aleksandr KOVALENKO")])

    def best(name: str) -> Match:
        return index.match(Query(names=[name], schema="Person"), min_score=0.0)[0]

    for woman in ("Aleksandra Belyayeva", "Aleksandra Kovalenko"):
        hit = best(woman)
        conflict = next(f for f in hit.features if f.name == "gender_conflict")
        assert conflict.contribution == WEIGHTS_BY_NAME["gender_conflict"] < 0, hit.explanation
        assert hit.score < 0.8, hit.explanation
    # The man's name in another spelling, and the family name alone in the other gender, are no conflict.
    for same in ("Aleksandr Belyayev", "Alexander Beliaev", "Aleksandr Belyayeva"):
        hit = best(same)
        assert not any(f.name == "gender_conflict" for f in hit.features), hit.explanation


WEIGHTS_BY_NAME = {feature.__name__: weight for feature, weight in WEIGHTS}


def test_features_a_query_without_facts_skips_find_nothing() -> None:
    from tradewarden.match.features import Candidate, PreparedQuery
    from tradewarden.match.records import ListedRecord
    from tradewarden.match.score import query_weights, score_candidate
    from tradewarden.names.analyze import analyze_name

    listed = ListedRecord("x", "us_ofac_sdn", "1", "Ivan PETROV", "Person", ("ru",), ("1970-01-02",), ("id:123",))
    cand = Candidate(listed, 0.9, "Ivan Petrov", "PETROV, Ivan", False, "detail", analyze_name("PETROV, Ivan", True))
    bare = PreparedQuery((("Ivan Petrov", analyze_name("Ivan Petrov", True)),), "Person", frozenset(), (), frozenset())
    skipped = [feature for feature, _ in WEIGHTS if feature not in dict(query_weights(bare))]
    assert {feature.__name__ for feature in skipped} == {
        "country_match", "country_mismatch", "dob_match", "dob_year_match", "dob_year_disjoint", "identifier_match"
    }
    assert all(feature(bare, cand) is None for feature in skipped)
    assert score_candidate(bare, cand, query_weights(bare)) == score_candidate(bare, cand)
    full = PreparedQuery(bare.names, "Person", frozenset({"ru"}), ("1970-01-02",), frozenset({"id:123"}))
    assert query_weights(full) == WEIGHTS
    assert score_candidate(full, cand, query_weights(full)) == score_candidate(full, cand)
