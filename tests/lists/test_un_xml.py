"""Tests for the UN SC consolidated XML parser: a hand-written fixture and the real snapshot."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from tradewarden.errors import ListFormatError
from tradewarden.lists.base import ParseContext, ParseResult
from tradewarden.lists.load import parse_files, sniff
from tradewarden.lists.un_xml import parse


@pytest.fixture(scope="module")
def sample_path() -> Path:
    return Path(__file__).resolve().parent.parent / "fixtures" / "un" / "consolidated_sample.xml"


@pytest.fixture(scope="module")
def sample(sample_path: Path) -> ParseResult:
    return parse_files("un_sc_sanctions", [sample_path])


def _parse(xml: bytes) -> ParseResult:
    result = ParseResult(source="un_sc_sanctions")
    parse(xml, ParseContext("un_sc_sanctions", Path("inline.xml"), result))
    return result


def test_sniffed_as_un_xml(sample_path: Path) -> None:
    fmt = sniff(sample_path.name, sample_path.read_bytes())
    assert fmt is not None and fmt.name == "un_sc_xml" and fmt.default_source == "un_sc_sanctions"


def test_records_and_problems_with_their_lines(sample: ParseResult, sample_path: Path) -> None:
    assert sorted(e.context["source_id"] for e in sample.entities.values()) == ["IRe.901", "KPi.901", "QDi.901"]
    text = sample_path.read_text("utf-8").splitlines()
    record_lines = [n for n, line in enumerate(text, 1) if re.search(r"<(INDIVIDUAL|ENTITY)>", line)]
    assert [(p.line, p.reason.split(":")[0]) for p in sample.problems] == [
        (record_lines[1], "INDIVIDUAL record 2"),
        (record_lines[2], "INDIVIDUAL record 3 (KPi.999)"),
    ]
    assert "REFERENCE_NUMBER" in sample.problems[0].reason and "no name" in sample.problems[1].reason
    assert sample.published_at == "2026-01-15T00:00:05.120Z"


def test_person_names_and_alias_qualities(sample: ParseResult) -> None:
    person = sample.entities["un-sc-sanctions-qdi-901"]
    assert person.schema.name == "Person"
    assert person.get("name") == ["KARIM JABIR NASIR AL-SAMPLI", "كريم جابر ناصر"]
    assert person.get("firstName") == ["KARIM"] and person.get("secondName") == ["JABIR"]
    assert sorted(person.get("alias")) == ["Kareem Al-Sampli", "Karim Jaber Nasser", "Karim Sampli"]
    assert person.get("weakAlias") == ["Abu Sample"]
    assert person.get("previousName") == ["Karim Nasir"]


def test_person_facts(sample: ParseResult) -> None:
    person = sample.entities["un-sc-sanctions-qdi-901"]
    # EXACT date, every year of BETWEEN 1973-1975, a date given only as a note, and the
    # birth date of the f.k.a. identity.
    assert sorted(person.get("birthDate")) == ["1968-11", "1969-02-03", "1970-03-25", "1973", "1974", "1975"]
    assert person.get("birthPlace") == ["Tikrit, Salah al-Din, Iraq"]
    assert person.get("birthCountry") == ["iq"]
    assert person.get("nationality") == ["iq"]  # "na" (not available) is not Namibia
    assert person.get("passportNumber") == ["A1234567", "B7654321"]
    assert person.get("idNumber") == ["00112233"]
    assert person.get("address") == ["12 Sample Street, Mosul, Iraq"]
    assert sorted(person.get("country")) == ["iq", "sy"]
    assert person.get("position") == ["Financier of an invented group"]
    assert person.get("title") == ["Haji"]
    assert person.get("gender") == ["male"]
    assert person.get("program") == ["Al-Qaida"]
    assert person.get("topics") == ["sanction"]
    assert person.get("createdAt") == ["2015-04-07"]
    assert person.get("modifiedAt") == ["2021-03-02"]
    assert person.get("notes") == ["Invented record for tests. Father's name is Jabir."]


def test_approximate_year_and_hangul_name(sample: ParseResult) -> None:
    person = sample.entities["un-sc-sanctions-kpi-901"]
    assert person.get("birthDate") == ["1961"]
    assert "박 견본 선" in person.get("name")
    assert person.get("nationality") == ["kp"]


def test_entity_split_names_scripts_and_low_alias(sample: ParseResult) -> None:
    org = sample.entities["un-sc-sanctions-ire-901"]
    assert org.schema.name == "Organization"
    assert org.get("name") == [
        "SAMPLE TRADING HOUSE (STH)",
        "EXAMPLE IMPORT & EXPORT COMPANY",
        "Торговый дом Образец",
        "示例贸易公司",
    ]
    assert org.get("alias") == ["STH Company"]
    assert org.get("weakAlias") == ["The Trading House"]
    assert org.get("address") == ["Sample Avenue 5, Tehran, 12345, Iran (Islamic Republic of)"]
    assert org.get("country") == ["ir"]


@pytest.mark.parametrize(
    "xml",
    [
        b"<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL></CONSOLIDATED_LIST>",
        b"<OTHER_LIST/>",
        b'<!DOCTYPE x [<!ENTITY a "aaaa">]><CONSOLIDATED_LIST>&a;</CONSOLIDATED_LIST>',
    ],
    ids=["broken", "wrong-root", "entity-declaration"],
)
def test_unreadable_files_raise_list_format_error(xml: bytes) -> None:
    with pytest.raises(ListFormatError):
        _parse(xml)


@pytest.fixture(scope="module")
def un_snapshot(shared_lists: Path) -> tuple[bytes, ParseResult]:
    path = shared_lists / "un_sc_sanctions" / "consolidated.xml"
    return path.read_bytes(), parse_files("un_sc_sanctions", [path])


@pytest.mark.shared
def test_snapshot_counts(un_snapshot: tuple[bytes, ParseResult]) -> None:
    content, result = un_snapshot
    individuals = len(re.findall(rb"<INDIVIDUAL>", content))
    entities = len(re.findall(rb"<ENTITY>", content))
    assert (individuals, entities) == (730, 273)  # PROVENANCE.md
    schemas = [e.schema.name for e in result.entities.values()]
    assert schemas.count("Person") == individuals and schemas.count("Organization") == entities
    # Twelve references carry a trailing space in the file ("KPe.044 ").
    references = {m.decode().strip() for m in re.findall(rb"<REFERENCE_NUMBER>([^<]+)<", content)}
    assert len(references) == individuals + entities
    assert {e.context["source_id"] for e in result.entities.values()} == references
    assert result.problems == []
    generated = re.search(rb'dateGenerated="([^"]+)"', content)
    assert generated is not None and result.published_at == generated.group(1).decode()


@pytest.mark.shared
def test_snapshot_keeps_every_original_script_name(un_snapshot: tuple[bytes, ParseResult]) -> None:
    content, result = un_snapshot
    originals = [unescape(m.decode()) for m in re.findall(rb"<NAME_ORIGINAL_SCRIPT>([^<]*)<", content)]
    assert len(originals) == 378
    names = {name for entity in result.entities.values() for name in entity.get("name")}
    # Only whitespace may change: two values are wrapped over several lines in the file.
    missing = [text for text in originals if " ".join(text.split()) not in names]
    assert missing == []


@pytest.mark.shared
def test_snapshot_alias_qualities(un_snapshot: tuple[bytes, ParseResult]) -> None:
    content, result = un_snapshot
    blocks = re.findall(rb"<QUALITY>([^<]*)</QUALITY>\s*<ALIAS_NAME>([^<]+)</ALIAS_NAME>", content)
    low = {" ".join(unescape(n.decode()).split()) for q, name in blocks if q == b"Low" for n in name.split(b";")}
    weak = {alias for entity in result.entities.values() for alias in entity.get("weakAlias")}
    assert low and low <= weak
