"""Tests for the FtM JSON-lines parser and the OpenSanctions delta protocol: a hand-written
fixture with broken lines, inline deltas, and the real yente samples counted independently."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tradewarden.errors import ListFormatError
from tradewarden.lists.base import ParseResult, make_entity_id
from tradewarden.lists.ftm import apply_deltas, delta_files, entity_from_ftm, sniff_ftm_delta, sniff_ftm_json
from tradewarden.lists.load import load_folder, parse_files, sniff

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "ftm" / "entities.ftm.json"


def _id(ftm_id: str) -> str:
    return make_entity_id("opensanctions", ftm_id)


def _line(op: str, ftm_id: str, schema: str = "Person", **properties: list[str]) -> str:
    return json.dumps({"op": op, "entity": {"id": ftm_id, "schema": schema, "properties": properties}})


@pytest.fixture(scope="module")
def fixture_result() -> ParseResult:
    return parse_files("opensanctions", [FIXTURE])


def test_fixture_entities_keep_schema_properties_and_metadata(fixture_result: ParseResult) -> None:
    assert set(fixture_result.entities) == {_id(i) for i in ("NK-fixPerson1", "NK-fixOrg1", "addr-fix1", "own-fix1", "NK-fixPerson2")}
    person = fixture_result.entities[_id("NK-fixPerson1")]
    assert person.schema.name == "Person"
    assert person.get("name") == ["Tatiana Vladimirovna ZJURAVLEVA", "Татьяна Владимировна ЖУРАВЛЕВА"]
    assert person.get("phone") == ["+375172000000"]
    assert person.context["source_id"] == "NK-fixPerson1"
    assert person.context["ftm_id"] == "NK-fixPerson1"
    assert person.context["datasets"] == ["eu_fsf"]
    assert person.context["referents"] == ["eu-fsf-eu-9000-11", "gb-hmt-15000"]
    assert person.context["first_seen"] == "2023-04-20T18:00:25"
    assert person.context["last_seen"] == "2024-06-01T10:57:03"


def test_references_are_rewritten_and_helpers_are_not_listed(fixture_result: ParseResult) -> None:
    org = fixture_result.entities[_id("NK-fixOrg1")]
    assert org.get("addressEntity") == [_id("addr-fix1")]
    ownership = fixture_result.entities[_id("own-fix1")]
    assert ownership.get("owner") == [_id("NK-fixPerson1")]
    assert ownership.get("asset") == [_id("NK-fixOrg1")]
    listed = {e.context["source_id"] for e in fixture_result.listed()}
    assert listed == {"NK-fixPerson1", "NK-fixOrg1", "NK-fixPerson2"}
    assert "source_id" not in fixture_result.entities[_id("addr-fix1")].context


def test_bad_lines_are_problems_with_line_numbers(fixture_result: ParseResult) -> None:
    problems = {p.line: p.reason for p in fixture_result.problems}
    assert set(problems) == {6, 7, 8, 9}
    assert "invalid JSON" in problems[6]
    assert "unknown schema 'Spaceship'" in problems[7]
    assert "favouriteColour" in problems[8]
    assert "not a JSON object" in problems[9]
    # The entity of line 8 still loads without the unknown property.
    assert fixture_result.entities[_id("NK-fixPerson2")].get("name") == ["Viktor Sojko"]


def test_without_target_flag_matchable_schemas_are_listed() -> None:
    person = entity_from_ftm({"id": "p1", "schema": "Person", "properties": {"name": ["A B"]}})
    address = entity_from_ftm({"id": "a1", "schema": "Address", "properties": {"full": ["Minsk"]}})
    assert person is not None and person.context["source_id"] == "p1"
    assert address is not None and "source_id" not in address.context


def test_sniffing() -> None:
    head = FIXTURE.read_bytes()[:65536]
    assert sniff_ftm_json("entities.ftm.json", head)
    assert not sniff_ftm_delta("entities.ftm.json", head)
    delta = _line("ADD", "x", name=["A"]).encode()
    assert sniff_ftm_delta("changes.json", delta) and not sniff_ftm_json("changes.json", delta)
    assert sniff_ftm_delta("20240527134702-zbn__entities.delta.json", b"")  # an empty version
    assert not sniff_ftm_json("x.json", b'{"id": "1"}\n')
    assert not sniff_ftm_json("x.json", b"[1, 2]\n")
    # A first line longer than the sniffed head is judged by the keys it shows.
    long_line = b'{"id":"x","schema":"Person","properties":{"name":["' + b"a" * 70000
    assert sniff_ftm_json("x.json", long_line[:65536])
    fmt = sniff("entities.ftm.json", head)
    assert fmt is not None and fmt.default_source == "opensanctions"


def test_apply_deltas_add_mod_del_and_purity() -> None:
    old = entity_from_ftm({"id": "a", "schema": "Person", "properties": {"name": ["Old Name"]}})
    assert old is not None
    base = {_id("a"): old}
    problems: list[tuple[int | None, str]] = []
    lines: list[Any] = [
        _line("ADD", "b", name=["Bee"]),
        _line("MOD", "a", name=["New Name"], birthDate=["1970"]),
        "",
        _line("DEL", "b"),
        _line("DEL", "ghost"),
        "{oops",
        {"op": "ADD", "entity": {"id": "c", "schema": "Company", "properties": {"name": ["Cee Ltd"]}}},
        json.dumps({"op": "RENAME", "entity": {"id": "a"}}),
    ]
    updated = apply_deltas(base, lines, report=lambda line, reason: problems.append((line, reason)))
    assert set(updated) == {_id("a"), _id("c")}
    assert updated[_id("a")].get("name") == ["New Name"]  # MOD replaces the entity
    assert updated[_id("a")].get("birthDate") == ["1970"]
    assert base[_id("a")].get("name") == ["Old Name"]  # the input is untouched
    assert [line for line, _ in problems] == [5, 6, 8]
    assert "DEL of unknown entity 'ghost'" in problems[0][1]


def test_delta_index_errors(tmp_path: Path) -> None:
    with pytest.raises(ListFormatError):
        delta_files(tmp_path)
    (tmp_path / "delta.json").write_text('{"versions": {"20240101000000-abc": "https://example.org/x"}}')
    with pytest.raises(ListFormatError, match="missing"):
        delta_files(tmp_path)


def test_delta_files_parse_after_the_base(tmp_path: Path) -> None:
    base = tmp_path / "entities.ftm.json"
    base.write_text(json.dumps({"id": "a", "schema": "Person", "properties": {"name": ["Anna"]}, "target": True}) + "\n")
    (tmp_path / "20240102000000-bbb__entities.delta.json").write_text(_line("DEL", "a") + "\n" + _line("DEL", "zzz") + "\n")
    (tmp_path / "20240101000000-aaa__entities.delta.json").write_text(_line("MOD", "a", name=["Anna Maria"]) + "\n")
    (tmp_path / "20240103000000-ccc__entities.delta.json").write_text("")
    files = sorted(tmp_path.iterdir(), reverse=True)  # order of the list must not matter
    result = parse_files("opensanctions", files)
    assert result.entities == {}
    assert [(p.file, p.line) for p in result.problems] == [("20240102000000-bbb__entities.delta.json", 2)]


# ---- the real yente samples (../shared) -----------------------------------------------------


@pytest.mark.shared
def test_real_entities_file(shared_lists: Path) -> None:
    path = shared_lists / "opensanctions_ftm" / "entities.ftm.json"
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    assert len(records) == 7  # PROVENANCE.md: 4 Person, 2 Organization, 1 Address
    result = load_folder(shared_lists, sources=["opensanctions"])["opensanctions"]
    assert result.problems == []
    assert set(result.entities) == {_id(r["id"]) for r in records}
    assert {e.context["source_id"] for e in result.listed()} == {r["id"] for r in records if r.get("target")}
    for record in records:
        entity = result.entities[_id(record["id"])]
        assert entity.schema.name == record["schema"]
        assert entity.context["referents"] == record.get("referents", [])
        for prop, values in record["properties"].items():
            if entity.schema.properties[prop].type.name != "entity":
                assert entity.get(prop) == values, (record["id"], prop)
    zhuravleva = result.entities[_id("NK-2KeUB68qUJtykm3BuAcazG")]
    assert any("ЖУРАВЛЕВА" in name for name in zhuravleva.get("name"))


def _expected_after_deltas(folder: Path) -> dict[str, dict[str, Any]]:
    """The delta protocol replayed with plain dicts, independently of the parser."""
    index = json.loads((folder / "delta.json").read_text("utf-8"))
    state: dict[str, dict[str, Any]] = {}
    for version in sorted(index["versions"]):
        for line in (folder / f"{version}__entities.delta.json").read_text("utf-8").splitlines():
            if not line.strip():
                continue
            change = json.loads(line)
            if change["op"] == "DEL":
                state.pop(change["entity"]["id"], None)
            else:
                state[change["entity"]["id"]] = change["entity"]
    return state


@pytest.mark.shared
def test_real_deltas(shared_data: Path, shared_lists: Path) -> None:
    folder = shared_data / "lists-extra" / "opensanctions_ftm_deltas"
    expected = _expected_after_deltas(folder)
    paths = delta_files(folder)
    assert [p.name.split("__")[0] for p in paths] == sorted(json.loads((folder / "delta.json").read_text())["versions"])
    assert any(p.stat().st_size == 0 for p in paths)
    entities: dict[str, Any] = {}
    problems: list[tuple[int | None, str]] = []
    for path in paths:
        entities = apply_deltas(entities, path.read_bytes().splitlines(), report=lambda n, r: problems.append((n, r)))
    assert problems == []
    assert set(entities) == {_id(i) for i in expected}
    for ftm_id, record in expected.items():
        assert entities[_id(ftm_id)].get("name") == record["properties"].get("name", []), ftm_id
    # The same through the loader: the base file plus the deltas, parsed in version order.
    base = shared_lists / "opensanctions_ftm" / "entities.ftm.json"
    result = parse_files("opensanctions", [*paths, base])
    base_ids = {_id(json.loads(line)["id"]) for line in base.read_text("utf-8").splitlines() if line.strip()}
    assert set(result.entities) == base_ids | {_id(i) for i in expected}
    assert result.problems == []
