"""Tests for the EU FSF XML parser on a hand-written fixture (no real FSF file is available)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradewarden.errors import ListFormatError
from tradewarden.lists.base import ParseContext, ParseResult
from tradewarden.lists.eu_fsf import parse_fsf_xml, sniff_fsf_xml
from tradewarden.lists.load import parse_files, sniff


@pytest.fixture(scope="module")
def fsf_path() -> Path:
    return Path(__file__).resolve().parent.parent / "fixtures" / "eu" / "fsf_sample.xml"


@pytest.fixture(scope="module")
def fsf(fsf_path: Path) -> ParseResult:
    return parse_files("eu_fsf", [fsf_path])


def _parse(xml: str) -> ParseResult:
    result = ParseResult(source="eu_fsf")
    parse_fsf_xml(xml.encode("utf-8"), ParseContext("eu_fsf", Path("inline.xml"), result))
    return result


def _wrap(body: str) -> str:
    return f'<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2024-01-02T10:00:00">{body}</export>'


def test_fixture_is_sniffed_as_fsf(fsf_path: Path) -> None:
    fmt = sniff(fsf_path.name, fsf_path.read_bytes())
    assert fmt is not None and fmt.name == "eu_fsf_xml" and fmt.default_source == "eu_fsf"
    assert not sniff_fsf_xml("consolidated.xml", b"<CONSOLIDATED_LIST><INDIVIDUALS/></CONSOLIDATED_LIST>")
    assert sniff_fsf_xml("eu.xml", b"<export><sanctionEntity logicalId='1'/></export>")


def test_three_entities_and_the_malformed_one_reported_with_its_line(fsf: ParseResult, fsf_path: Path) -> None:
    assert sorted(e.context["source_id"] for e in fsf.entities.values()) == ["145201", "151077", "2317"]
    entity_lines = [n for n, text in enumerate(fsf_path.read_text("utf-8").splitlines(), 1) if "<sanctionEntity" in text]
    assert len(fsf.problems) == 1
    assert fsf.problems[0].line == entity_lines[3]
    assert "logicalId" in fsf.problems[0].reason
    assert fsf.published_at == "2024-06-06"


def test_person_keeps_latin_and_cyrillic_names(fsf: ParseResult) -> None:
    person = fsf.entities["eu-fsf-145201"]
    assert person.schema.name == "Person"
    assert person.get("name") == ["Ivan Petrovich SIDOROV"]
    assert person.get("alias") == ["Иван Петрович СИДОРОВ"]
    assert set(person.get("lastName")) == {"SIDOROV", "СИДОРОВ"}
    assert person.get("nationality") == ["ru"]
    assert person.get("birthDate") == ["1968-11-02"]
    assert person.get("birthPlace") == ["Tula, RUSSIAN FEDERATION"]
    assert person.get("gender") == ["male"]
    assert person.get("position") == ["Member of the State Duma"]
    assert person.get("programId") == ["EU.7821.33"]
    assert person.get("program") == ["UKR"]
    assert person.get("createdAt") == ["2022-03-15"]
    assert person.get("topics") == ["sanction"]
    assert any("State Duma" in note for note in person.get("notes"))


def test_enterprise_with_registration_number_address_and_contacts(fsf: ParseResult) -> None:
    org = fsf.entities["eu-fsf-151077"]
    assert org.schema.name == "Organization"
    assert org.get("registrationNumber") == ["1027800000001"]
    assert org.get("alias") == ["АО Северный Прибор"]
    assert org.get("address") == ["Ulitsa Optikov 4, 197374, Saint Petersburg, RUSSIAN FEDERATION"]
    assert org.get("country") == ["ru"]
    assert org.get("email") == ["info@severny-pribor.example.ru"]
    assert org.get("phone") == ["+78125550142"]
    assert len(org.get("website")) == 1
    # An identification type without its own property keeps its label in notes.
    assert org.get("idNumber") == ["7802000001"]
    assert "Tax Identification Number (INN): 7802000001" in org.get("notes")


def test_weak_alias_un_reference_and_circa_year(fsf: ParseResult) -> None:
    person = fsf.entities["eu-fsf-2317"]
    assert person.get("name") == ["Abdul Rahman Yusuf AL-FAQIH"]
    assert person.get("weakAlias") == ["Abu Yusuf"]
    assert person.get("alias") == []
    assert set(person.get("programId")) == {"EU.2105.12", "QDi.901"}
    assert person.get("birthDate") == ["1971"]
    assert person.get("birthCountry") == ["ly"]
    assert person.get("nationality") == []  # countryIso2Code="00" means unknown
    assert person.get("passportNumber") == ["B 000123"]
    assert person.get("createdAt") == ["2002-05-29"]  # the earliest regulation


def test_entity_without_a_name_is_a_problem() -> None:
    result = _parse(_wrap('<sanctionEntity logicalId="7"><subjectType code="person"/></sanctionEntity>'))
    assert result.entities == {}
    assert len(result.problems) == 1 and "no name" in result.problems[0].reason
    assert result.problems[0].line == 1


def test_unknown_subject_type_reads_as_legal_entity() -> None:
    body = '<sanctionEntity logicalId="8"><subjectType code="vessel"/><nameAlias wholeName="SEA STAR"/></sanctionEntity>'
    result = _parse(_wrap(body))
    assert result.entities["eu-fsf-8"].schema.name == "LegalEntity"
    assert "subjectType" in result.problems[0].reason


def test_only_weak_names_still_give_a_name() -> None:
    body = '<sanctionEntity logicalId="9"><subjectType code="enterprise"/><nameAlias wholeName="Al-Thing" strong="false"/></sanctionEntity>'
    entity = _parse(_wrap(body)).entities["eu-fsf-9"]
    assert entity.get("name") == ["Al-Thing"]


@pytest.mark.parametrize(
    "xml",
    [
        "<export><sanctionEntity logicalId='1'>",  # truncated download
        "",  # empty file
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><export>&a;</export>',  # entity expansion
    ],
)
def test_unreadable_xml_is_a_list_format_error(xml: str) -> None:
    with pytest.raises(ListFormatError):
        _parse(xml)


def test_wrong_root_is_a_list_format_error() -> None:
    with pytest.raises(ListFormatError, match="expected <export>"):
        _parse("<CONSOLIDATED_LIST/>")
