"""OFAC Enhanced XML: four real entities (tests/fixtures/ofac/cons_enhanced.xml), hostile XML, the sample ZIP."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from followthemoney.proxy import EntityProxy

from tradewarden.errors import ListFormatError
from tradewarden.lists.base import ParseContext, ParseResult
from tradewarden.lists.load import parse_files, sniff
from tradewarden.lists.ofac_xml import NAMESPACE, parse

HEAD = f'<?xml version="1.0" encoding="utf-8"?>\n<sanctionsData xmlns="{NAMESPACE}">'


def _parse(content: bytes, name: str = "CONS_ENHANCED.XML") -> ParseResult:
    result = ParseResult(source="us_ofac_cons")
    parse(content, ParseContext("us_ofac_cons", Path(name), result))
    return result


def _entity(result: ParseResult, entity_id: str) -> EntityProxy:
    return result.entities[f"us-ofac-cons-{entity_id}"]


@pytest.fixture(scope="module")
def fixture_xml(fixtures_dir: Path) -> ParseResult:
    return _parse((fixtures_dir / "ofac" / "cons_enhanced.xml").read_bytes())


def test_sniff_by_content() -> None:
    head = HEAD.encode()
    cons = sniff("cons_enhanced.xml", head)
    sdn = sniff("sdn_enhanced.xml", head)
    assert cons is not None and (cons.name, cons.default_source) == ("ofac_enhanced_xml", "us_ofac_cons")
    assert sdn is not None and (sdn.name, sdn.default_source) == ("ofac_sdn_enhanced_xml", "us_ofac_sdn")
    other = sniff("cons_enhanced.xml", b'<?xml version="1.0"?><sanctionsData xmlns="urn:other"/>')
    assert other is None or not other.name.startswith("ofac_")


def test_fixture_entities(fixture_xml: ParseResult) -> None:
    assert fixture_xml.problems == []
    assert fixture_xml.published_at == "2025-01-10T00:00:00"
    listed = {e.context["source_id"]: e.schema.name for e in fixture_xml.listed()}
    assert listed == {"20686": "Organization", "17064": "Organization", "9647": "Person", "31693": "Organization"}


def test_person_names_and_features(fixture_xml: ParseResult) -> None:
    person = _entity(fixture_xml, "9647")
    assert person.get("name") == ["ZAHHAR, Mahmoud Khaled"]
    assert "AL ZAHAR, Mahmoud Khaled" in person.get("alias")
    assert set(person.get("weakAlias")) == {"ZAHAR, Mahmoud", "AL-ZAHAR, Mahmoud"}  # isLowQuality
    assert person.get("firstName") == ["Mahmoud Khaled"] and person.get("lastName") == ["ZAHHAR"]
    assert person.get("birthDate") and person.get("birthPlace")
    assert person.get("gender") == ["male"]
    assert person.get("topics") == ["sanction"]
    assert "NS-PLC" in person.get("program")
    # The related HAMAS entry is on the SDN list, not in this file: kept as text.
    assert "Acting for or on behalf of: HAMAS (OFAC entity 4695)" in person.get("notes")


def test_original_script_and_previous_names(fixture_xml: ParseResult) -> None:
    fund = _entity(fixture_xml, "31693")
    assert fund.get("name") == ["NATIONAL WEALTH FUND OF THE RUSSIAN FEDERATION"]
    assert "ФОНД НАЦИОНАЛЬНОГО БЛАГОСОСТОЯНИЯ" in fund.get("alias")
    novatek = _entity(fixture_xml, "17064")
    assert "FINANSOVO-INVESTITSIONNAYA KOMPANIYA NOVAFININVEST OAO" in novatek.get("alias")  # A.K.A.
    assert novatek.get("email")
    assert novatek.get("createdAt") == ["2014-07-16"]


def test_addresses_documents_and_sanctions(fixture_xml: ParseResult, fixtures_dir: Path) -> None:
    text = (fixtures_dir / "ofac" / "cons_enhanced.xml").read_text(encoding="utf-8")
    novatek = _entity(fixture_xml, "17064")
    block = text[text.index('<entity id="17064">'):]
    block = block[: block.index("</entity>")]
    numbers = re.findall(r"<documentNumber>([^<]+)</documentNumber>", block)
    on_entity = {v for prop in ("taxNumber", "registrationNumber", "idNumber", "okpoCode", "leiCode")
                 for v in novatek.get(prop, quiet=True)}
    assert numbers and set(numbers) <= on_entity
    assert len(novatek.get("address")) == block.count("<address id=")
    assert "ru" in novatek.get("country")
    assert "UKRAINE-EO13662" in novatek.get("program")
    assert any(note.startswith("Legal authority: Executive Order 13662") for note in novatek.get("notes"))


def test_relationship_between_entities_in_the_file(fixture_xml: ParseResult) -> None:
    # FtM's Ownership needs an Asset; an Organization is not one, so this stays an UnknownLink.
    links = [e for e in fixture_xml.entities.values() if e.schema.edge]
    assert [(link.schema.name, link.get("subject"), link.get("object"), link.get("role")) for link in links] == [
        ("UnknownLink", ["us-ofac-cons-20686"], ["us-ofac-cons-17064"], ["Owned or Controlled By"])
    ]


def test_entity_without_id_is_reported(fixtures_dir: Path) -> None:
    text = (fixtures_dir / "ofac" / "cons_enhanced.xml").read_text(encoding="utf-8")
    broken = text.replace('<entity id="9647">', "<entity>", 1)
    result = _parse(broken.encode())
    assert [(p.line, p.reason) for p in result.problems] == [(3, "entity record #3 has no id; skipped")]
    assert len(result.listed()) == 3


@pytest.mark.parametrize(
    "content",
    [
        # billion laughs
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
        + f'<sanctionsData xmlns="{NAMESPACE}">&lol2;</sanctionsData>'.encode(),
        # external entity
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        + f'<sanctionsData xmlns="{NAMESPACE}">&xxe;</sanctionsData>'.encode(),
        # a bare DTD
        b'<?xml version="1.0"?><!DOCTYPE sanctionsData SYSTEM "http://example.org/x.dtd">'
        + f'<sanctionsData xmlns="{NAMESPACE}"/>'.encode(),
    ],
)
def test_hostile_xml_is_refused(content: bytes) -> None:
    with pytest.raises(ListFormatError, match="refused unsafe XML"):
        _parse(content)


def test_broken_or_foreign_xml_is_a_format_error() -> None:
    with pytest.raises(ListFormatError, match="not well-formed"):
        _parse((HEAD + "<entities><entity id='1'>").encode())
    with pytest.raises(ListFormatError, match="not an OFAC Enhanced XML"):
        _parse(b'<?xml version="1.0"?><sanctionsData/>')


@pytest.mark.shared
def test_consolidated_enhanced_zip(shared_data: Path) -> None:
    path = shared_data / "lists-extra" / "us_ofac_cons_enhanced_xml" / "CONS_ENHANCED.ZIP"
    with zipfile.ZipFile(path) as archive:
        text = archive.read("CONS_ENHANCED.XML").decode("utf-8")
    result = parse_files("us_ofac_cons", [path])
    assert result.problems == []
    assert result.published_at == "2025-01-10T00:00:00"
    listed = result.listed()
    assert len(listed) == text.count("<entity id=") == 443
    kinds = re.findall(r"<entityType refId=\"\d+\">([^<]+)</entityType>", text)
    assert sum(1 for e in listed if e.schema.name == "Person") == kinds.count("Individual")
    assert sum(1 for e in listed if e.schema.name == "Organization") == kinds.count("Entity")
    names = re.findall(r"<name id=\"\d+\">.*?</name>\s*(?=<name id|</names>)", text, re.S)
    weak = sum(name.count("<translation id=") for name in names if "<isLowQuality>true" in name)
    assert sum(len(e.get("weakAlias")) for e in listed) == weak == 71
    links = [e for e in result.entities.values() if e.schema.name == "UnknownLink"]
    assert links and all(link.get("object")[0] in result.entities for link in links)
    unresolved = sum(1 for e in listed for note in e.get("notes") if "(OFAC entity " in note)
    assert len(links) + unresolved == text.count("<relationship id=")
