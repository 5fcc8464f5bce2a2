"""Record checks: a good row becomes a Query, a bad one a Reject naming the field and problem."""

from __future__ import annotations

import pytest

from tradewarden.batch.records import PartyRecord, RawRecord, Reject, check_record, encoding_problem, query_key


def test_good_record_becomes_a_query_with_split_values() -> None:
    raw = RawRecord(7, {
        "id": b"42", "name": "Romashka; Trading LLC".encode(), "schema": b"company", "country": b"ru; by",
        "dob": None, "identifier": b"1027700132195", "email": b"info@romashka.ru", "phone": b"",
    })
    checked = check_record(raw)
    assert isinstance(checked, PartyRecord)
    assert (checked.line, checked.id) == (7, "42")
    query = checked.query
    assert query.names == ["Romashka; Trading LLC"]  # one name: ';' may be part of it
    assert query.schema == "Company"
    assert query.countries == ["ru", "by"]
    assert query.identifiers == ["1027700132195"]
    assert query.emails == ["info@romashka.ru"] and query.phones == []


def test_json_values_lists_and_numbers() -> None:
    checked = check_record(RawRecord(1, {"id": 17, "name": ["Ivan Sidorov", "Иван Сидоров"], "dob": "14.03.1970"}))
    assert isinstance(checked, PartyRecord)
    assert checked.id == "17"
    assert checked.query.names == ["Ivan Sidorov", "Иван Сидоров"]
    assert checked.query.birth_dates == ["1970-03-14"]


CASES = [
    ({"id": b"1", "name": b""}, "name: missing"),
    ({"id": b"1", "name": b"   "}, "name: missing"),
    ({"id": b"1"}, "name: missing"),
    ({"id": b"", "name": b"Ivan"}, "id: missing"),
    ({"id": b"1", "name": b"\xff\xfeIvan"}, "name: broken encoding (not UTF-8 at byte 0)"),
    ({"id": b"1", "name": "Ivan \ufffd Petrov".encode()}, "name: broken encoding (contains U+FFFD"),
    ({"id": b"1", "name": "Ð˜Ð²Ð°Ð½".encode()}, "name: broken encoding (looks like UTF-8 read as Latin-1"),
    ({"id": b"1", "name": b"Ivan\x00Petrov"}, "name: broken encoding (contains control character U+0000"),
    ({"id": b"1", "name": "Ivan \ud800"}, "name: broken encoding (contains a lone UTF-16 surrogate"),
    ({"id": b"1", "name": b"x" * 501}, "name: oversized field (501 characters, limit 500)"),
    ({"id": b"1", "name": b"Ivan", "address": b"a" * 2001}, "address: oversized field (2001 characters"),
    ({"id": b"1", "name": b"Ivan", "country": b";".join([b"ru"] * 21)}, "country: oversized field (21 values"),
    ({"id": b"1", "name": b"Ivan", "schema": b"Ship"}, "schema: 'Ship' is not one of"),
    ({"id": b"1", "name": b"Ivan", "dob": b"yesterday"}, "dob: 'yesterday' is not a date"),
    ({"id": b"1", "name": True}, "name: expected text, got a boolean"),
    ({"id": b"1", "name": {"first": "Ivan"}}, "name: expected text, got dict"),
]


@pytest.mark.parametrize(("fields", "reason"), CASES)
def test_bad_records_are_rejected_with_reason_and_line(fields: dict[str, object], reason: str) -> None:
    checked = check_record(RawRecord(12, fields))  # type: ignore[arg-type]
    assert isinstance(checked, Reject)
    assert checked.line == 12
    assert checked.reason.startswith(reason), checked.reason
    assert checked.id == ("" if fields.get("id") in (b"", None) else "1")


def test_reader_problem_passes_through() -> None:
    checked = check_record(RawRecord(3, {"id": b"9"}, problem="not valid JSON: Expecting value at column 1"))
    assert checked == Reject(3, "9", "not valid JSON: Expecting value at column 1")


@pytest.mark.parametrize("text", ["São Paulo", "Ñandú SA", "Müller GmbH", "Øresund", "Иван", "محمد", "王秀英"])
def test_genuine_non_ascii_is_not_mistaken_for_broken_encoding(text: str) -> None:
    assert encoding_problem(text) is None


def test_query_key_is_equal_for_equal_queries_only() -> None:
    a = check_record(RawRecord(1, {"id": b"1", "name": b"Ivan", "country": b"ru"}))
    b = check_record(RawRecord(2, {"id": b"2", "name": b"Ivan", "country": b"ru"}))
    c = check_record(RawRecord(3, {"id": b"3", "name": b"Ivan", "country": b"by"}))
    assert isinstance(a, PartyRecord) and isinstance(b, PartyRecord) and isinstance(c, PartyRecord)
    assert query_key(a.query) == query_key(b.query) != query_key(c.query)


@pytest.mark.parametrize(("text", "problem"), [
    ("tab\there, CR\r and LF\n", None),
    ("a\x1fb\ud800", "contains control character U+001F"),  # the first offender is named
    ("a\ud800b\x01", "contains a lone UTF-16 surrogate"),
    ("\x7f is DEL, not a C0 control", None),
    ("x\x0b", "contains control character U+000B"),
])
def test_encoding_problem_names_the_first_offending_character(text: str, problem: str | None) -> None:
    assert encoding_problem(text) == problem
