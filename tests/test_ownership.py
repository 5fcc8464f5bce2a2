"""The 50 % rule: list-data ownership links, owner resolution, aggregation and its findings."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from screen_support import link, make

from tradewarden.findings import Evidence, Outcome
from tradewarden.lists.load import load_folder
from tradewarden.models import Owner
from tradewarden.ownership import (
    OwnerCheck,
    OwnershipGraph,
    OwnerStatus,
    is_blocked,
    ownership_findings,
    parse_percent,
    resolve_owners,
)


@pytest.mark.parametrize(
    ("values", "expected"),
    [(["50%"], 50.0), (["25.5"], 25.5), (["33,3 %"], 33.3), (["majority", "60"], 60.0), (["150"], None), ([], None)],
)
def test_parse_percent(values: list[str], expected: float | None) -> None:
    assert parse_percent(values) == expected


def _graph() -> OwnershipGraph:
    return OwnershipGraph.build([
        make("Company", "src", "parent", name="Parent Holding"),
        make("Company", "src", "child", name="Child Trading"),
        make("Company", "src", "grand", name="Grandchild Works"),
        make("Person", "src", "boss", name="Boss Person"),
        link("Ownership", "o1", "src", owner="src-parent", asset="src-child", percentage="60%"),
        link("UnknownLink", "u1", "src", subject="src-grand", object="src-child", role="Owned or Controlled By"),
        link("UnknownLink", "u2", "src", subject="src-boss", object="src-parent", role="Parent of"),
        link("UnknownLink", "u3", "src", subject="src-boss", object="src-grand", role="Linked To"),
    ])


def test_graph_reads_ownership_and_ownership_roles_only() -> None:
    graph = _graph()
    assert len(graph) == 3  # "Linked To" is not ownership
    child = graph.owners_of("src-child")
    assert [(link.owner_id, link.percent) for link in child] == [("src-parent", 60.0)]
    assert [link.owner_id for link in graph.owners_of("src-grand")] == ["src-child"]  # subject owned by object
    assert [link.owner_id for link in graph.owners_of("src-parent")] == ["src-boss"]  # subject parent of object
    assert graph.entities["src-parent"].caption == "Parent Holding"


def test_owner_tree_follows_links_and_marks_blocked() -> None:
    tree = _graph().owner_tree("src-grand", lambda entity_id: entity_id == "src-boss")
    assert [owner.name for owner in tree] == ["Child Trading"]
    parent = tree[0].owners[0]  # type: ignore[index]
    assert (parent.name, parent.percent, parent.listed) == ("Parent Holding", 60.0, False)
    assert parent.owners[0].name == "Boss Person" and parent.owners[0].listed  # type: ignore[index]
    # Boss blocks Parent (100 % unknown share -> undecided), so the share of Child is unknown.
    assert is_blocked(parent) is None


def test_owner_tree_stops_at_depth() -> None:
    assert _graph().owner_tree("src-grand", lambda _: True, depth=1)[0].owners is None


def _lookup(statuses: dict[str, OwnerStatus]):  # type: ignore[no-untyped-def]
    return lambda owner, path: statuses.get(owner.name, OwnerStatus(False, "no list match"))


def test_resolve_owners_combines_declared_and_screened_status() -> None:
    entry = Evidence(kind="list_entry", reference="us_ofac_sdn:1")
    owners = [
        Owner(name="Declared", percent=10, listed=True),
        Owner(name="Confirmed", percent=20),
        Owner(name="Possible", percent=30, listed=False),
        Owner(name="Clean", percent=40, owners=[Owner(name="Deep", percent=100)]),
    ]
    statuses = {
        "Confirmed": OwnerStatus(True, "confirmed match", (entry,), (Owner(name="From list", listed=True),)),
        "Possible": OwnerStatus(None, "possible match", (entry,)),
        "Deep": OwnerStatus(True, "confirmed match", (entry,)),
    }
    resolved, checks = resolve_owners(owners, "order.parties[0].owners", _lookup(statuses))
    assert [owner.listed for owner in resolved] == [True, True, None, False]
    assert resolved[1].owners[0].name == "From list"  # type: ignore[index]
    assert resolved[3].owners[0].listed is True  # type: ignore[index]
    assert [check.path for check in checks] == [
        "order.parties[0].owners[0]", "order.parties[0].owners[1]", "order.parties[0].owners[2]",
        "order.parties[0].owners[3]", "order.parties[0].owners[3].owners[0]",
    ]
    assert checks[0].basis == "declared listed in the order"
    assert is_blocked(resolved[3]) is True  # 100 % owned by a blocked owner


def _findings(owners: list[Owner]) -> set[str]:
    resolved, checks = resolve_owners(owners, "order.parties[0].owners", _lookup({}))
    return {f.code for f in ownership_findings("Buyer", "order.parties[0]", resolved, checks)}


def test_findings_by_aggregate_share() -> None:
    assert _findings([Owner(name="A", percent=25, listed=True), Owner(name="B", percent=25, listed=True)]) == {"OWNERSHIP_BLOCKED_50"}
    assert _findings([Owner(name="A", percent=30, listed=True), Owner(name="B", percent=70)]) == {"OWNERSHIP_LISTED_OWNER"}
    assert _findings([Owner(name="A", percent=30, listed=True)]) == {"OWNERSHIP_LISTED_OWNER"}
    assert _findings([Owner(name="A", listed=True)]) == {"OWNERSHIP_UNDETERMINED"}
    assert _findings([Owner(name="A", percent=100)]) == set()
    indirect = Owner(name="Holding", percent=50, owners=[Owner(name="X", percent=50, listed=True)])
    assert _findings([indirect]) == {"OWNERSHIP_BLOCKED_50"}


def test_blocked_finding_carries_owner_evidence_and_citation() -> None:
    owners = [Owner(name="A", percent=25, listed=True), Owner(name="B", percent=25, listed=True), Owner(name="C", percent=50)]
    checks = [OwnerCheck("order.parties[0].owners[0]", "A", 25, True, True, "declared", (Evidence(kind="list_entry", reference="x:1"),))]
    (finding,) = ownership_findings("Buyer", "order.parties[0]", owners, checks)
    assert finding.outcome is Outcome.BLOCK and "50" in finding.title
    kinds = [(e.kind, e.reference) for e in finding.evidence]
    assert kinds == [("ownership", "order.parties[0].owners[0] A"), ("ownership", "order.parties[0].owners[1] B"), ("list_entry", "x:1")]
    assert "587.406" in finding.evidence[0].citation


def test_possible_owner_match_is_reported() -> None:
    statuses = {"Maybe": OwnerStatus(None, "possible match", (Evidence(kind="list_entry", reference="x:2"),))}
    resolved, checks = resolve_owners([Owner(name="Maybe", percent=10)], "order.parties[0].owners", _lookup(statuses))
    codes = [f.code for f in ownership_findings("Buyer", "order.parties[0]", resolved, checks)]
    assert codes == ["OWNER_POSSIBLE_MATCH"]


def test_real_cuba_restricted_list_parents(shared_lists: Path) -> None:
    folder = shared_lists / "us_state_cuba_restricted"
    with (folder / "restricted_entities.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    ids = {row["Id"] for row in rows}
    expected = sum(1 for row in rows if row["Parent"].strip() and row["Parent"].strip() in ids)
    result = load_folder(shared_lists, ["us_state_cuba_restricted"])["us_state_cuba_restricted"]
    graph = OwnershipGraph.build(result.entities.values())
    assert len(graph) == expected > 0
    gaviota = [row["Id"] for row in rows if row["Parent"] == "grupo-de-turismo-gaviota"]
    child = next(e for e in result.entities.values() if e.context.get("source_id") == gaviota[0])
    (owner,) = graph.owner_tree(str(child.id), lambda _: True)
    assert "Gaviota" in owner.name and owner.listed
