"""Each validation gate on hand-built parse results (pure: no files, no database)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tradewarden.lists.base import ParseContext, ParseResult
from tradewarden.lists.gates import check_gates
from tradewarden.store import VersionInfo, VersionStatus


def _result(names: list[str | None], problems: int = 0, files: tuple[str, ...] = ("sdn.csv",)) -> ParseResult:
    result = ParseResult(source="us_ofac_sdn", files=[Path(name) for name in files])
    ctx = ParseContext("us_ofac_sdn", Path(files[0] if files else "sdn.csv"), result)
    for number, name in enumerate(names, start=1):
        entity = ctx.make("Organization", str(number))
        ctx.add(entity, "name", name)
        ctx.emit(entity)
    for line in range(problems):
        ctx.problem(line + 1, "no name column")
    return result


def _previous(entity_count: int) -> VersionInfo:
    return VersionInfo(
        id=7, source="us_ofac_sdn", status=VersionStatus.CURRENT, created_at=datetime(2024, 5, 2, tzinfo=UTC),
        fetched_at=None, published_at=None, sha256="0" * 64, files=[], entity_count=entity_count,
        problem_count=0, problems=[], reason=None,
    )


def _names(count: int) -> list[str | None]:
    return [f"CIMEX {n}" for n in range(count)]


def test_a_good_result_passes() -> None:
    gate = check_gates(_result(_names(100)), _previous(100))
    assert gate.ok and gate.reasons == []


@pytest.mark.parametrize("force", [False, True])
def test_an_empty_parse_is_rejected_even_when_forced(force: bool) -> None:
    empty = _result([], problems=0)
    gate = check_gates(empty, None, force=force)
    assert not gate.ok
    assert gate.reasons == ["no listed entities parsed from 1 file(s)"]


def test_an_empty_parse_names_its_first_problem() -> None:
    gate = check_gates(_result([], problems=1), None)
    assert "first problem: sdn.csv:1: no name column" in gate.reasons[0]


def test_relations_alone_do_not_count_as_listed() -> None:
    result = _result([])
    ctx = ParseContext("us_ofac_sdn", Path("sdn.csv"), result)
    link = ctx.make("UnknownLink", "link-1")
    ctx.emit(link)
    assert not check_gates(result, None).ok


def test_entities_without_a_name_are_rejected() -> None:
    gate = check_gates(_result(["AEROCARIBBEAN AIRLINES", None, "CASA DE CUBA", None]), None)
    assert not gate.ok
    assert gate.reasons == ["2 listed entities have no name (source ids 2, 4)"]


def test_a_listed_address_is_named_by_its_caption_property() -> None:
    result = _result(["CIMEX"])
    ctx = ParseContext("us_ofac_sdn", Path("add.csv"), result)
    address = ctx.make("Address", "add-1")
    ctx.add(address, "full", "Avenida 5ta, Havana")
    ctx.emit(address)
    assert check_gates(result, None).ok


def test_an_empty_source_id_is_rejected() -> None:
    result = _result(["CIMEX"])
    ctx = ParseContext("us_ofac_sdn", Path("sdn.csv"), result)
    blank = ctx.make("Person", " ")
    ctx.add(blank, "name", "Nobody")
    ctx.emit(blank)
    gate = check_gates(result, None)
    assert not gate.ok and "empty source id" in gate.reasons[0]


@pytest.mark.parametrize(
    ("previous", "now", "force", "ok"),
    [
        (100, 80, False, True),  # exactly 20 % down: allowed
        (100, 79, False, False),  # 21 % down: refused
        (100, 79, True, True),  # refused drop, forced
        (100, 150, False, True),  # growth is fine
        (0, 5, False, True),  # nothing to compare with
    ],
)
def test_shrink_gate(previous: int, now: int, force: bool, ok: bool) -> None:
    gate = check_gates(_result(_names(now)), _previous(previous), max_shrink=0.20, force=force)
    assert gate.ok is ok
    if not ok:
        assert gate.reasons == [
            "79 listed entities, 21% fewer than the 100 of current version 7 (limit 20%); "
            "force the update if the list really shrank"
        ]


def test_shrink_limit_is_a_parameter() -> None:
    assert not check_gates(_result(_names(94)), _previous(100), max_shrink=0.05).ok
    assert check_gates(_result(_names(96)), _previous(100), max_shrink=0.05).ok


def test_no_previous_version_means_no_shrink_check() -> None:
    assert check_gates(_result(_names(1)), None).ok


def test_too_many_problem_rows_are_rejected_unless_forced() -> None:
    noisy = _result(_names(10), problems=2)
    gate = check_gates(noisy, None)
    assert not gate.ok
    assert gate.reasons[0].startswith("2 problem rows, 17% of 12 (limit 10%)")
    assert check_gates(noisy, None, force=True).ok
    assert check_gates(_result(_names(19), problems=2), None).ok


def test_required_files_must_be_parsed() -> None:
    result = _result(_names(5), files=("sdn.csv.gz", "alt.csv"))
    assert check_gates(result, None, required_sources_files=["sdn.csv", "alt.csv"]).ok
    gate = check_gates(result, None, required_sources_files=["sdn.csv", "add.csv"])
    assert gate.reasons == ["required file(s) missing: add.csv"]


def test_every_failing_gate_is_reported() -> None:
    gate = check_gates(_result([None, *_names(3)], problems=3), _previous(100))
    assert not gate.ok
    assert len(gate.reasons) == 3
    assert [reason.split(" ")[1] for reason in gate.reasons] == ["listed", "listed", "problem"]
