"""Recording screenings: every one is stored and audited; anything not clear opens a case."""

from __future__ import annotations

import copy
from collections.abc import Callable

import pytest
from casekit import ORDER, SOURCE, DecisionFactory, stage_current
from followthemoney.proxy import EntityProxy

from tradewarden.cases import (
    CaseStatus,
    case_detail,
    get_screening,
    list_queue,
    queue_counts,
    record_screening,
)
from tradewarden.cases.party_screening import monitored_parties
from tradewarden.cases.rescreen import hits_by_party
from tradewarden.errors import InputError, NotFound
from tradewarden.findings import Outcome
from tradewarden.match.index import MatchIndex
from tradewarden.models import parse_order
from tradewarden.screen import screen_order
from tradewarden.store import Store
from tradewarden.store.audit import audit_log
from tradewarden.store.engine import read_transaction
from tradewarden.store.cases_monitor import watermarks


def test_a_clear_screening_is_stored_and_audited_but_opens_no_case(store: Store, decision: DecisionFactory) -> None:
    screening = record_screening(store, "order", ORDER, decision("clear"), "alice", reference="PO-2024-0117")
    assert screening.case_id is None
    stored = get_screening(store, screening.id)
    assert stored.input == ORDER
    assert stored.decision == decision("clear")
    assert stored.actor == "alice" and stored.reference == "PO-2024-0117" and stored.case_id is None
    assert list_queue(store) == []
    entry = audit_log(store, subject=f"screening:{screening.id}")[0]
    assert entry.action == "screening.record" and entry.actor == "alice"
    assert entry.payload["outcome"] == "clear"
    assert entry.payload["list_versions"] == [{"source": SOURCE, "version_id": 1}]


@pytest.mark.parametrize("outcome", ["review", "block"])
def test_anything_not_clear_opens_an_open_case(store: Store, decision: DecisionFactory, outcome: str) -> None:
    made = decision(outcome, 42.0)
    screening = record_screening(store, "order", ORDER, made, "alice")
    assert screening.case_id is not None
    detail = case_detail(store, screening.case_id)
    assert detail.case.status is CaseStatus.OPEN
    assert detail.case.outcome == outcome and detail.case.risk_score == 42.0 and detail.case.version == 1
    assert detail.case.title == made.reasons[0]
    # The screening keeps the exact list and data versions used.
    assert detail.screening.decision.list_versions == made.list_versions
    assert detail.screening.decision.data_versions == {"rules": "sha256:test"}
    assert get_screening(store, screening.id).case_id == screening.case_id
    opened = audit_log(store, subject=f"case:{screening.case_id}")
    assert [entry.action for entry in opened] == ["case.open"]
    assert opened[0].payload["screening_id"] == screening.id


def test_the_queue_orders_by_risk_and_filters_by_status(store: Store, decision: DecisionFactory) -> None:
    low = record_screening(store, "order", ORDER, decision("review", 20.0), "alice").case_id
    high = record_screening(store, "order", ORDER, decision("review", 90.0), "alice").case_id
    mid = record_screening(store, "party", {"name": "Ivan Petrov"}, decision("review", 50.0, subject="party"), "bob").case_id
    assert [case.id for case in list_queue(store)] == [high, mid, low]
    assert list_queue(store, ["released"]) == []
    assert queue_counts(store)["open"] == 3
    with pytest.raises(InputError, match="status"):
        list_queue(store, ["shelved"])


def test_bad_input_is_refused_with_the_field_named(store: Store, decision: DecisionFactory) -> None:
    with pytest.raises(InputError) as kind:
        record_screening(store, "invoice", ORDER, decision(), "alice")
    assert kind.value.field == "kind"
    with pytest.raises(InputError) as actor:
        record_screening(store, "order", ORDER, decision(), " ")
    assert actor.value.field == "actor"
    with pytest.raises(InputError) as shape:
        record_screening(store, "order", ["not", "an", "object"], decision(), "alice")  # type: ignore[arg-type]
    assert shape.value.field == "input"
    with pytest.raises(NotFound):
        get_screening(store, 999)


def test_order_parties_and_owners_become_monitored_parties_once(store: Store, decision: DecisionFactory) -> None:
    first = record_screening(store, "order", ORDER, decision("review", entity_id="e-1"), "alice", reference="PO-1")
    again = copy.deepcopy(ORDER)
    record_screening(store, "order", again, decision("clear"), "alice", reference="PO-2")
    total, parties = monitored_parties(store)
    assert total == 3  # buyer, its owner, consignee: repeat orders share a party
    by_name = {party.name: party for party in parties}
    assert set(by_name) == {"Orion Trading FZE", "Ivan Petrov", "Silk Road Commerce LLC"}
    buyer = by_name["Orion Trading FZE"]
    assert buyer.origin == "order" and buyer.query["countries"] == ["AE"] and buyer.query["emails"] == ["sales@orion.ae"]
    # The finding on order.parties[0] names a listed entity: it becomes the buyer's hit, tied to the case.
    hits = hits_by_party(store, [buyer.id])[buyer.id]
    assert [(hit["entity_id"], hit["case_id"]) for hit in hits] == [("e-1", first.case_id)]
    assert hits_by_party(store, [by_name["Ivan Petrov"].id]) == {}
    # Monitoring starts at the list versions the screening used.
    with read_transaction(store.engine) as conn:
        assert watermarks(conn) == {SOURCE: 1}


def test_monitor_false_registers_no_party(store: Store, decision: DecisionFactory) -> None:
    record_screening(store, "order", ORDER, decision("clear"), "alice", monitor=False)
    assert monitored_parties(store)[0] == 0


def test_a_real_order_screening_is_recorded_with_its_party_hits(store: Store, e: Callable[..., EntityProxy]) -> None:
    version = stage_current(store, [e("Company", "1", name="Orion Trading FZE", country="ae")])
    decision = screen_order(parse_order(ORDER), MatchIndex.build(store.current_entities()))
    assert decision.outcome is not Outcome.CLEAR
    screening = record_screening(store, "order", ORDER, decision, "alice", reference=ORDER["reference"])
    detail = case_detail(store, screening.case_id or 0)
    assert detail.screening.decision == decision and detail.case.risk_score == decision.risk_score
    _, parties = monitored_parties(store)
    buyer = next(p for p in parties if p.name == "Orion Trading FZE")
    (hit,) = hits_by_party(store, [buyer.id])[buyer.id]
    assert hit["source_id"] == "1" and hit["case_id"] == screening.case_id
    assert hit["version_id"] in (0, version)  # the screening's evidence names the version when it knows it
