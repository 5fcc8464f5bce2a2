"""Fixtures: ``e`` (one-line test entity factory) and ``small_index`` (a MatchIndex of a dozen
hand-written entities across schemata, scripts and identifier kinds)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from followthemoney import model
from followthemoney.proxy import EntityProxy

from tradewarden.match import Match, MatchIndex, Query

Factory = Callable[..., EntityProxy]


def make(schema: str, source_id: str, source: str = "test", **props: Any) -> EntityProxy:
    """A listed entity in one line: ``make("Person", "1", name="Ivan Petrov", country="ru")``."""
    entity = model.make_entity(schema)
    entity.id = f"{source}-{source_id}"
    entity.context["source"] = source
    entity.context["source_id"] = source_id
    for prop, value in props.items():
        entity.add(prop, value)
    return entity


def best_match(index: MatchIndex, name: str, schema: str) -> Match:
    """The best match of one name, whatever its score (the test fails where there is none)."""
    matches = index.match(Query(names=[name], schema=schema), min_score=0.0)
    assert matches, f"no candidate for {name!r}"
    return matches[0]


@pytest.fixture
def e() -> Factory:
    return make


@pytest.fixture(scope="module")
def small_index() -> MatchIndex:
    entities = [
        make("Person", "p1", name="Ivan Petrovich Sidorov", country="ru", birthDate="1970-03-14",
             passportNumber="4509 123456"),
        make("Person", "p2", name="Mohammed Abdullah Al-Rashid", alias="Abu Khalid",
             weakAlias="Abu Ali", nationality="sa", birthDate="1965"),
        make("Company", "c1", name="Romashka LLC", alias="OOO Romashka", registrationNumber="1027700132195",
             phone="+7 495 123-45-67", email="info@romashka.ru", website="https://www.romashka.ru/en",
             address="ul. Tverskaya 12, 125009 Moscow", country="ru"),
        make("Vessel", "v1", name="Ivan Sidorov", imoNumber="IMO 9126819", flag="ru"),
        make("Organization", "o1", name="Huawei Technologies Co., Ltd.", country="cn"),
        make("Person", "p3", name="Xi Jinping", country="cn"),
        make("Person", "p4", name="Hassan Rouhani", country="ir"),
        make("Company", "c2", name="Rosoboronexport", country="ru"),
        make("Person", "p5", name="Yuri Khabarov", country="ru", source="other"),
        make("Address", "a1", full="ul. Tverskaya 12, 125009 Moscow"),
    ]
    ownership = model.make_entity("Ownership")
    ownership.id = "test-own-1"
    ownership.add("owner", "test-p1")
    ownership.add("asset", "test-c1")
    entities.append(ownership)
    return MatchIndex.build(entities)
