from __future__ import annotations

from pathlib import Path

from tradewarden.lists.base import ParseContext, ParseResult, make_entity_id, slug


def test_entity_ids_are_stable_and_ascii() -> None:
    assert make_entity_id("un_sc_sanctions", "QDi.006") == "un-sc-sanctions-qdi-006"
    assert make_entity_id("us_ofac_sdn", "36") == "us-ofac-sdn-36"
    long_id = make_entity_id("x", "Ω" * 5)
    assert long_id.startswith("x-") and long_id.isascii()
    assert slug("  A.B/c ") == "a-b-c"


def test_emit_merges_same_id_and_upgrades_schema() -> None:
    result = ParseResult(source="s")
    ctx = ParseContext("s", Path("f.csv"), result)
    partial = ctx.make("LegalEntity", "1")
    ctx.add(partial, "alias", "Vanya")
    ctx.emit(partial)
    full = ctx.make("Person", "1")
    ctx.add(full, "name", "Ivan Petrov")
    ctx.emit(full)
    merged = result.entities["s-1"]
    assert merged.schema.name == "Person"
    assert set(merged.get("name")) == {"Ivan Petrov"}
    assert set(merged.get("alias")) == {"Vanya"}
    assert merged.context["source_id"] == "1"


def test_emit_conflicting_schema_is_a_problem_not_a_crash() -> None:
    result = ParseResult(source="s")
    ctx = ParseContext("s", Path("f.csv"), result)
    vessel = ctx.make("Vessel", "9")
    ctx.add(vessel, "name", "SEA STAR")
    ctx.emit(vessel)
    person = ctx.make("Person", "9")
    ctx.add(person, "name", "Ivan")
    ctx.emit(person)
    assert result.entities["s-9"].schema.name == "Vessel"
    assert len(result.problems) == 1 and "conflicts" in result.problems[0].reason


def test_add_reports_rejected_values() -> None:
    result = ParseResult(source="s")
    ctx = ParseContext("s", Path("f.csv"), result)
    entity = ctx.make("Person", "2")
    ctx.add(entity, "name", ["  ", None, "A B"])
    assert entity.get("name") == ["A B"]
    assert result.problems == []
