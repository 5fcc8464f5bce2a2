"""Helpers of the case tests (imported by their conftest and tests): user-like ``Person``,
``make_decision``, an example ``ORDER``, ``make_entity`` and ``stage_current``."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from followthemoney import model
from followthemoney.proxy import EntityProxy

from tradewarden.decide import Decision, ListVersionRef
from tradewarden.findings import Category, Evidence, Finding, Outcome, Severity
from tradewarden.lists.base import make_entity_id
from tradewarden.store import Store

SOURCE = "test_list"


@dataclass(frozen=True)
class Person:
    """A user-like actor: what the case functions need of a user."""

    name: str
    role: str


@dataclass(frozen=True)
class People:
    analyst: Person
    bob: Person
    carol: Person
    dave: Person


DecisionFactory = Callable[..., Decision]


def make_decision(outcome: str = "review", risk: float | None = None, subject: str = "order.parties[0]",
                  entity_id: str | None = None) -> Decision:
    """A decision with one finding of the given outcome (risk defaults to what the finding implies)."""
    if outcome == "clear":
        return Decision(outcome=Outcome.CLEAR, risk_score=0.0, list_versions=(ListVersionRef(source=SOURCE, version_id=1),))
    evidence: tuple[Evidence, ...] = ()
    if entity_id is not None:
        evidence = (Evidence(kind="list_entry", reference=f"{SOURCE}:{entity_id}",
                             detail={"entity_id": entity_id, "source": SOURCE, "source_id": entity_id,
                                     "caption": "Listed", "score": 0.95, "version_id": 1}),)
    finding = Finding(code="PARTY_LIST_MATCH", category=Category.PARTY, severity=Severity.HIGH,
                      outcome=Outcome(outcome), title="Orion Trading FZE matches test_list 1", subject=subject,
                      evidence=evidence)
    return Decision(
        outcome=Outcome(outcome), risk_score=35.0 if risk is None else risk, reasons=(finding.title,),
        findings=(finding,), list_versions=(ListVersionRef(source=SOURCE, version_id=1, sha256="ab" * 32),),
        data_versions={"rules": "sha256:test"},
    )


ORDER: dict[str, Any] = {
    "reference": "PO-2024-0117",
    "parties": [
        {"roles": ["buyer"], "name": "Orion Trading FZE", "country": "AE", "email": "sales@orion.ae",
         "owners": [{"name": "Ivan Petrov", "country": "RU"}]},
        {"roles": ["consignee"], "name": "Silk Road Commerce LLC", "country": "KG"},
    ],
    "items": [{"description": "GNSS receiver module", "hs_code": "8526.91"}],
}


def make_entity(schema: str, source_id: str, *, source: str = SOURCE, **props: Any) -> EntityProxy:
    """A listed entity of ``source`` with ``source_id`` and the given properties."""
    entity = model.make_entity(schema)
    entity.id = make_entity_id(source, source_id)
    entity.context["source"] = source
    entity.context["source_id"] = source_id
    for prop, values in props.items():
        entity.add(prop, values)
    return entity


def stage_current(store: Store, entities: list[EntityProxy], *, source: str = SOURCE, tag: str = "v",
                  published_at: str | None = None) -> int:
    """Stage and promote a version of ``source`` holding ``entities``; returns its id."""
    digest = hashlib.sha256((tag + str(sorted(str(x.id) for x in entities))).encode()).hexdigest()
    version = store.stage_version(source, entities, sha256=digest, published_at=published_at)
    return store.promote(version.id).id
