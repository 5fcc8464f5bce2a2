"""Every example order in examples/orders gets its expected decision against every shared list.

The lists are parsed once per session (``load_folder`` of ../shared/data/lists, then
``MatchIndex.build`` and ``ListData.build``): this takes a minute or two, so the fixture is
session-scoped. Expected outcomes and the findings each must show are in
``examples/orders/expected.json``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tradewarden.decide import ListVersionRef
from tradewarden.listed import ListData
from tradewarden.lists.load import load_folder
from tradewarden.match import MatchIndex
from tradewarden.models import parse_order
from tradewarden.screen import screen_order

ORDERS = Path(__file__).resolve().parent.parent / "examples" / "orders"
EXPECTED: dict[str, Any] = json.loads((ORDERS / "expected.json").read_text(encoding="utf-8"))
CASES = sorted(name for name in EXPECTED if not name.startswith("_"))


@pytest.fixture(scope="session")
def all_lists(shared_lists: Path) -> tuple[MatchIndex, ListData]:
    results = load_folder(shared_lists)
    entities = [entity for result in results.values() for entity in result.entities.values()]
    versions = [
        ListVersionRef(source=source, version_id=number, published_at=result.published_at)
        for number, (source, result) in enumerate(sorted(results.items()), start=1)
    ]
    return MatchIndex.build(entities), ListData.build(entities, versions)


def test_examples_and_expectations_agree() -> None:
    files = sorted(p.name for p in ORDERS.glob("*.json") if p.name != "expected.json")
    assert files == CASES
    assert len(CASES) >= 15
    outcomes = {EXPECTED[name]["outcome"] for name in CASES}
    assert outcomes == {"clear", "review", "block"}


@pytest.mark.shared
@pytest.mark.parametrize("name", CASES)
def test_example_decision(name: str, all_lists: tuple[MatchIndex, ListData]) -> None:
    index, lists = all_lists
    expected = EXPECTED[name]
    decision = screen_order(parse_order((ORDERS / name).read_bytes()), index, lists=lists)
    found = {finding.code for finding in decision.findings}
    assert decision.outcome.value == expected["outcome"], decision.reasons
    missing = set(expected["codes"]) - found
    assert not missing, f"{name}: expected findings {sorted(missing)} not among {sorted(found)}"
    assert len(decision.list_versions) == len(lists.versions)
