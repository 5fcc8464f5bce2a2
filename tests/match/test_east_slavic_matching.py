"""A Ukrainian name in Cyrillic found under its passport spelling (Ukraine's national
romanisation), a Belarusian one under its Russian spelling (each compared beside Russian's BGN/PCGN
reading: ``analyze.east_slavic_form``; issue 3). Made-up persons."""

from __future__ import annotations

from collections.abc import Callable

from followthemoney.proxy import EntityProxy

from tradewarden.match import MatchIndex, Query

Factory = Callable[..., EntityProxy]  # the ``e`` fixture of conftest.py
THRESHOLD = 0.8


def _index(make: Factory) -> MatchIndex:
    return MatchIndex.build(
        [
            make("Person", "p1", name="Hlib Hnatiuk"),
            make("Person", "p2", name="Yuliia Havryliuk"),
            make("Person", "p3", name="Gleb Gnatyuk"),
            make("Person", "p4", name="Ivan Petrenko"),
        ]
    )


def _found(index: MatchIndex, name: str) -> dict[str, float]:
    return {m.entity_id: m.score for m in index.match(Query(names=[name], schema="Person"), min_score=0.0)}


def test_ukrainian_spelling_found(e: Factory) -> None:
    index = _index(e)
    found = _found(index, "Гліб Гнатюк")
    assert found.get("test-p1", 0.0) >= THRESHOLD
    # Russian's spelling of the same Cyrillic is still met, by the first reading.
    assert found.get("test-p3", 0.0) >= THRESHOLD
    assert _found(index, "Юлія Гаврилюк").get("test-p2", 0.0) >= THRESHOLD


def test_explanation_names_the_query_as_written(e: Factory) -> None:
    match = next(m for m in _index(e).match(Query(names=["Гліб Гнатюк"], schema="Person")) if m.entity_id == "test-p1")
    assert "hlib=hlib" in match.explanation and "hnatiuk=hnatiuk" in match.explanation


def test_russian_name_unchanged(e: Factory) -> None:
    # No Ukrainian letter: one reading, and no other name of the index met.
    found = _found(_index(e), "Иван Петренко")
    assert found.get("test-p4", 0.0) >= THRESHOLD
    assert max((s for k, s in found.items() if k != "test-p4"), default=0.0) < THRESHOLD


def test_listed_ukrainian_name_met_by_passport_spelling(e: Factory) -> None:
    # Listed in Ukrainian Cyrillic and in Russian's Latin spelling only: the passport spelling
    # meets the listed name's Ukrainian reading.
    index = MatchIndex.build([e("Person", "p1", name=["Гліб Гнатюк", "Gleb Gnatyuk"]), e("Person", "p2", name="Ivan Petrenko")])
    found = _found(index, "Hlib Hnatiuk")
    assert found.get("test-p1", 0.0) >= THRESHOLD
    match = next(m for m in index.match(Query(names=["Hlib Hnatiuk"], schema="Person")) if m.entity_id == "test-p1")
    assert match.matched_name == "Гліб Гнатюк"


def test_belarusian_name_found_under_russian_spelling(e: Factory) -> None:
    # Listed in Russian's Latin spelling only; the query in Belarusian Cyrillic (дз, ў, і).
    index = MatchIndex.build(
        [e("Person", "p1", name="Dmitriy Vladimirovich DEMIDOV"), e("Person", "p2", name="Dzmitry Uladzimiravich BALABA")]
    )
    found = _found(index, "Дзмiтрый Уладзiмiравiч ДЗЯМIДАЎ")
    assert found.get("test-p1", 0.0) >= THRESHOLD
    assert found.get("test-p2", 0.0) < THRESHOLD
