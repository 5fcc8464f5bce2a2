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


def test_two_fathers_names_a_letter_apart_are_a_conflict(e: Factory) -> None:
    # Yulyevna (Yuliy's daughter) and Yuryevna (Yuriy's) are 0.88 alike, and two fathers.
    index = MatchIndex.build([e("Person", "p10", name="Анна Юрьевна СОКОЛОВА")])
    other = index.match(Query(names=["Anna Yulyevna Sokolova"], schema="Person"), min_score=0.0)[0]
    assert any(f.name == "patronymic_conflict" for f in other.features), other.explanation
    same = index.match(Query(names=["Anna Yurievna Sokolova"], schema="Person"), min_score=0.0)[0]
    assert not any(f.name == "patronymic_conflict" for f in same.features), same.explanation


def test_one_fathers_name_in_two_languages_is_no_conflict(e: Factory) -> None:
    # Mykolaivna is the Ukrainian form of Nikolaevna: other consonants, one father (``given_names``).
    index = MatchIndex.build([e("Person", "p8", name="KOSTENKO, Elena Nikolaevna")])
    hit = index.match(Query(names=["KOSTENKO, Olena Mykolaivna"], schema="Person"), min_score=0.0)[0]
    assert not any(f.name == "patronymic_conflict" for f in hit.features), hit.explanation
    assert hit.score >= 0.8, hit.explanation
    other = index.match(Query(names=["KOSTENKO, Olena Petrivna"], schema="Person"), min_score=0.0)[0]
    assert any(f.name == "patronymic_conflict" for f in other.features), other.explanation


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


def test_a_company_named_after_a_one_word_person_costs_twice(e: Factory) -> None:
    index = MatchIndex.build([e("Person", "p1", name="YERMAKOVA"), e("Person", "p2", name="Yelena YERMAKOVA")])
    one = next(m for m in index.match(Query(names=["AO «Yermakova»"], schema="LegalEntity"), min_score=0.0) if m.entity_id == "test-p1")
    two = next(m for m in index.match(Query(names=["AO «Yelena Yermakova»"], schema="LegalEntity"), min_score=0.0) if m.entity_id == "test-p2")
    penalty = {m.entity_id: next(f.contribution for f in m.features if f.name == "company_name_for_person") for m in (one, two)}
    assert penalty["test-p1"] == 2 * penalty["test-p2"] < 0, (one.explanation, two.explanation)
    assert one.score < 0.8 <= two.score


def test_one_word_names_spelt_otherwise(e: Factory) -> None:
    index = MatchIndex.build([
        e("Company", "c1", name="Santers Holding"), e("Company", "c2", name="Schneider GMBH"),
        e("Company", "c3", name="Rosoboronexport JSC"),
    ])

    def best(name: str) -> Match:
        return index.match(Query(names=[name], schema="LegalEntity"), min_score=0.0)[0]

    for name in ("Sanders Inc", "Snyder Ltd"):
        hit = best(name)
        assert any(f.name == "one_word_otherwise" for f in hit.features), hit.explanation
        assert hit.score < 0.8, hit.explanation
    slip = best("Rosoboronexpott JSC")  # a slip of the name as written keeps its floor
    assert not any(f.name == "one_word_otherwise" for f in slip.features) and slip.score >= 0.85, slip.explanation
    same = best("Rosoboronexport LLC")  # the same word, another legal form
    assert not any(f.name == "one_word_otherwise" for f in same.features), same.explanation
    cyrillic = best("АО «Рособоронекспорт»")  # another script: romanisations differ by more than a slip
    assert not any(f.name == "one_word_otherwise" for f in cyrillic.features), cyrillic.explanation


def test_ta_marbuta_against_a_latin_word_ending_in_a_consonant(e: Factory) -> None:
    index = MatchIndex.build([
        e("Person", "p1", name="Jamil HASSAN"), e("Person", "p2", name="Jamila HASSAN"), e("Person", "p3", name="Usama bin Laden"),
    ])

    def hit(name: str, entity_id: str) -> Match:
        return next(m for m in index.match(Query(names=[name], schema="Person"), min_score=0.0) if m.entity_id == entity_id)

    woman = hit("جميلة حسن", "test-p1")  # Jamila against Jamil
    assert any(f.name == "ta_marbuta_conflict" for f in woman.features) and woman.score < 0.8, woman.explanation
    same = hit("جميلة حسن", "test-p2")  # Jamila written with its vowel
    assert not any(f.name == "ta_marbuta_conflict" for f in same.features) and same.score >= 0.8, same.explanation
    usama = hit("أسامة بن لادن", "test-p3")  # a man's name in ta marbuta, written Usama
    assert not any(f.name == "ta_marbuta_conflict" for f in usama.features) and usama.score >= 0.8, usama.explanation
    persian = hit("جمیله حسن", "test-p1")  # a Persian final he is no ta marbuta: left to the comparison
    assert not any(f.name == "ta_marbuta_conflict" for f in persian.features), persian.explanation


def test_a_family_name_alone_with_another_company_word(e: Factory) -> None:
    index = MatchIndex.build([
        e("Company", "c1", name="Публичное Акционерное Общество «Яковлев»"), e("Company", "c2", name="JSC Kalashnikov"),
        e("Company", "c3", name="PJSC Rosneft"),
    ])

    def hit(name: str, entity_id: str) -> Match:
        return next(m for m in index.match(Query(names=[name], schema="LegalEntity"), min_score=0.0) if m.entity_id == entity_id)

    for name, entity_id in (("Яковлев Групп", "test-c1"), ("NPO «Kalashnikova»", "test-c2")):
        found = hit(name, entity_id)
        assert any(f.name == "family_name_company" for f in found.features) and found.score < 0.8, found.explanation
    for name, entity_id in (
        ("ПАО «Яковлев»", "test-c1"),  # the same legal form
        ("Kalashnikov Joint Stock Company", "test-c2"),  # the same legal form written otherwise
        ("Kalashnikov", "test-c2"),  # a bare name: no company word to tell
        ("Rosneft Group", "test-c3"),  # no family name
    ):
        found = hit(name, entity_id)
        assert not any(f.name == "family_name_company" for f in found.features) and found.score >= 0.8, found.explanation
