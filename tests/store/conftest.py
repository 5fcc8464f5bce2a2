"""Fixtures of the store tests: ``store`` (an open Store on each backend, via ``store_url``)
and ``e`` (a one-line FtM entity factory: ``e("Person", "42", name="Ivan", country="ru")``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from followthemoney import model
from followthemoney.proxy import EntityProxy

from tradewarden.lists.base import make_entity_id
from tradewarden.store import Store

SOURCE = "test_list"

EntityFactory = Callable[..., EntityProxy]


def make_test_entity(schema: str, source_id: str | None = None, *, source: str = SOURCE, **props: Any) -> EntityProxy:
    """A listed entity (with ``source_id``) or a helper entity (``id=`` given in ``props``)."""
    entity = model.make_entity(schema)
    entity.id = props.pop("id", None) or make_entity_id(source, str(source_id))
    entity.context["source"] = source
    if source_id is not None:
        entity.context["source_id"] = str(source_id)
    for prop, values in props.items():
        entity.add(prop, values)
    return entity


@pytest.fixture
def e() -> EntityFactory:
    return make_test_entity


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    opened = Store.from_url(store_url)
    try:
        yield opened
    finally:
        opened.close()
