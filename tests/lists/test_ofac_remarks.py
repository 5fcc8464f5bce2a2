"""OFAC remark parsing: one case table per kind of remark, with real remark text from sdn.csv."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradewarden.lists.ofac_remarks import (
    Identifier,
    identifier_prop,
    match_label,
    parse_dates,
    parse_feature,
    parse_remarks,
    parse_segment,
    split_remarks,
)

DATE_CASES = [
    ("01 Jan 1970", ["1970-01-01"]),
    ("1970", ["1970"]),
    ("Mar 1945", ["1945-03"]),
    ("circa 1960", ["1960"]),
    ("circa 01 Jan 1951", ["1951-01-01"]),
    ("1960 to 1962", ["1960", "1961", "1962"]),
    ("01 Jan 1960 to 31 Dec 1962", ["1960-01-01", "1961", "1962-12-31"]),
    ("Jan 1958 to Dec 1959", ["1958-01", "1959-12"]),
    ("circa 1960-1963", ["1960", "1961", "1962", "1963"]),
    ("1900 to 1990", ["1900", "1990"]),  # too wide to expand year by year
    ("unknown", []),
    ("31 Feb 1970", []),
]


@pytest.mark.parametrize(("text", "expected"), DATE_CASES)
def test_dates(text: str, expected: list[str]) -> None:
    assert parse_dates(text) == expected


FACT_CASES = [
    ("DOB 10 Dec 1948", "birthDate", ["1948-12-10"]),
    ("alt. DOB 1936", "birthDate", ["1936"]),
    ("DOB circa 1960", "birthDate", ["1960"]),
    ("POB Moscow, Russia.", "birthPlace", ["Moscow, Russia"]),
    ("alt. POB Yemen.", "birthPlace", ["Yemen"]),
    ("nationality Korea, North", "nationality", ["Korea, North"]),
    ("nationality: Eritrean", "nationality", ["Eritrean"]),
    ("citizen Mexico.", "citizenship", ["Mexico"]),
    ("Gender Male.", "gender", ["male"]),
    ("Gender Female", "gender", ["female"]),
    ("Email Address dam.d.free@net.sy.", "email", ["dam.d.free@net.sy"]),
    ("alt. Email Address golfrategrupo@ebonet.net", "email", ["golfrategrupo@ebonet.net"]),
    ("Website www.hib.uk.com", "website", ["www.hib.uk.com"]),
    ("Website http://www.rosneft.ru.", "website", ["http://www.rosneft.ru"]),
    ("Phone Number 982188526300", "phone", ["982188526300"]),
    ("Telephone (357)(22660766)", "phone", ["(357)(22660766)"]),
    ("Fax: 982188526301", "phone", ["982188526301"]),
    ("SWIFT/BIC VTBRRUMM", "swiftBic", ["VTBRRUMM"]),
    ("Organization Established Date 1969.", "incorporationDate", ["1969"]),
    ("Organization Established Date 17 Oct 1990", "incorporationDate", ["1990-10-17"]),
    ("Organization Type: Passenger air transport", "sector", ["Passenger air transport"]),
    ("Vessel Registration Identification IMO 7406784", "imoNumber", ["7406784"]),
    ("Identification Number IMO 5479311", "imoNumber", ["5479311"]),
    ("Company Number IMO 1991835.", "imoNumber", ["1991835"]),
    ("MMSI 572469210", "mmsi", ["572469210"]),
    ("Vessel Year of Build 1999", "buildDate", ["1999"]),
    ("Former Vessel Flag Malta", "pastFlags", ["Malta"]),
    ("Aircraft Model IL76-TD", "model", ["IL76-TD"]),
    ("Aircraft Manufacturer's Serial Number (MSN) 1023409321", "serialNumber", ["1023409321"]),
    ("Aircraft Tail Number EP-MMH", "registrationNumber", ["EP-MMH"]),
    ("Aircraft Manufacture Date 1992", "buildDate", ["1992"]),
    ("a.k.a. 'BNC'.", "weakAlias", ["BNC"]),
    ("a.k.a. 'AL SUDANI, Abu Seif'.", "weakAlias", ["AL SUDANI, Abu Seif"]),
    ("f.k.a. 'ANA I'.", "previousName", ["ANA I"]),
    ("n.k.a. 'NEW NAME LLC'", "alias", ["NEW NAME LLC"]),
]


@pytest.mark.parametrize(("segment", "prop", "values"), FACT_CASES)
def test_facts(segment: str, prop: str, values: list[str]) -> None:
    parsed = parse_segment(segment)
    assert parsed.values(prop) == values
    assert parsed.notes == []
    assert all(fact.text == segment for fact in parsed.facts)


ID_CASES = [
    ("Passport 106261543 (Kuwait)", Identifier("Passport", "106261543", "passportNumber", "Kuwait")),
    ("alt. Passport A10472263 (Malaysia).", Identifier("Passport", "A10472263", "passportNumber", "Malaysia")),
    ("Passport K754050 issued 26 May 1999 expires 25 May 2004",
     Identifier("Passport", "K754050", "passportNumber", None, "1999-05-26", "2004-05-25")),
    ("Passport K47248790 (Iran) expires 20 Oct 2023",
     Identifier("Passport", "K47248790", "passportNumber", "Iran", None, "2023-10-20")),
    ("Diplomatic Passport 008827 (Iran) issued 1999",
     Identifier("Diplomatic Passport", "008827", "passportNumber", "Iran", "1999")),
    ("National ID No. 216040 (Yemen)", Identifier("National ID No.", "216040", "idNumber", "Yemen")),
    ("Tax ID No. AABA 670850 Y.", Identifier("Tax ID No.", "AABA 670850 Y", "taxNumber")),
    ("Registration Number 26740 (Iran)", Identifier("Registration Number", "26740", "registrationNumber", "Iran")),
    ("Registration ID 14063277.", Identifier("Registration ID", "14063277", "registrationNumber")),
    ("Company Number 01074897 (United Kingdom).",
     Identifier("Company Number", "01074897", "registrationNumber", "United Kingdom")),
    ("Cedula No. 6068015 (Colombia)", Identifier("Cedula No.", "6068015", "idNumber", "Colombia")),
    ("NIT # 800018928-0 (Colombia).", Identifier("NIT #", "800018928-0", "taxNumber", "Colombia")),
    ("Legal Entity Number 253400V1H6ART1UQ0N98 (Russia)",
     Identifier("Legal Entity Number", "253400V1H6ART1UQ0N98", "leiCode", "Russia")),
    ("Government Gazette Number 09804148 (Russia).",
     Identifier("Government Gazette Number", "09804148", "okpoCode", "Russia")),
    ("Unified Social Credit Code (USCC) 9113100033607322XK (China)",
     Identifier("Unified Social Credit Code (USCC)", "9113100033607322XK", "uscCode", "China")),
    ("V.A.T. Number BE 454,419,759", Identifier("V.A.T. Number", "BE 454,419,759", "vatCode")),
    ("Public Registration Number 467323, Doc. 694710 (Panama).",
     Identifier("Public Registration Number", "467323, Doc. 694710", "registrationNumber", "Panama")),
]


@pytest.mark.parametrize(("segment", "expected"), ID_CASES)
def test_identifiers(segment: str, expected: Identifier) -> None:
    parsed = parse_segment(segment)
    assert len(parsed.identifiers) == 1
    got = parsed.identifiers[0]
    assert (got.label, got.number, got.prop, got.country, got.issued, got.expires) == (
        expected.label, expected.number, expected.prop, expected.country, expected.issued, expected.expires,
    )
    assert got.text == segment
    assert parsed.notes == [] and parsed.facts == []


NOTE_CASES = [
    "Additional Sanctions Information - Subject to Secondary Sanctions",
    "Secondary sanctions risk: section 1(b) of Executive Order 13224, as amended by Executive Order 13886",
    "Digital Currency Address - XBT 12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h",
    "alt. Digital Currency Address - XBT 1Kuf2Rd8mDyAViwBozGTNYnvWL8uYFrkVo",
    "Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions: North Korea "
    "Sanctions Regulations section 510.214",
    "Member of the Upper House of Parliament.",
    "Aircraft Operator YAS AIR",
    "DOB unknown",
]


@pytest.mark.parametrize("segment", NOTE_CASES)
def test_unparsed_segments_stay_as_notes(segment: str) -> None:
    parsed = parse_segment(segment)
    assert parsed.notes == [segment]
    assert parsed.facts == [] and parsed.identifiers == [] and parsed.linked_to == []


def test_date_range_keeps_a_note_that_it_was_a_range() -> None:
    parsed = parse_segment("DOB 1960 to 1962")
    assert parsed.values("birthDate") == ["1960", "1961", "1962"]
    assert parsed.notes == ["DOB 1960 to 1962"]


def test_linked_to_names_are_kept_as_written() -> None:
    parsed = parse_remarks("Linked To: HIZBALLAH; Linked To: ANGLO-CARIBBEAN CO., LTD.")
    assert parsed.linked_to == ["HIZBALLAH", "ANGLO-CARIBBEAN CO., LTD."]
    assert parsed.notes == []


def test_real_remark_reads_completely() -> None:
    # ent_num 2686 in sdn.csv (2021-08 and 2024-05 snapshots).
    text = (
        "DOB 31 Aug 1960; alt. DOB 31 Aug 1953; alt. DOB 31 Aug 1955; alt. DOB 31 Aug 1958; POB Al Basuriyah, "
        "Lebanon; Additional Sanctions Information - Subject to Secondary Sanctions Pursuant to the Hizballah "
        "Financial Sanctions Regulations; Gender Male; Passport 042833 (Lebanon); Secretary General of "
        "Hizballah; Linked To: HIZBALLAH."
    )
    parsed = parse_remarks(text)
    assert parsed.values("birthDate") == ["1960-08-31", "1953-08-31", "1955-08-31", "1958-08-31"]
    assert parsed.values("birthPlace") == ["Al Basuriyah, Lebanon"]
    assert parsed.values("gender") == ["male"]
    assert parsed.values("passportNumber") == ["042833"]
    assert parsed.identifiers[0].country == "Lebanon"
    assert parsed.linked_to == ["HIZBALLAH."]
    assert parsed.notes == [
        "Additional Sanctions Information - Subject to Secondary Sanctions Pursuant to the Hizballah Financial "
        "Sanctions Regulations",
        "Secretary General of Hizballah",
    ]


def test_split_keeps_segment_text() -> None:
    assert split_remarks(None) == []
    assert split_remarks("  ") == []
    assert split_remarks("DOB 1962; POB Shati.") == ["DOB 1962", "POB Shati."]
    assert split_remarks("a.k.a. 'X';") == ["a.k.a. 'X'"]


def test_longest_label_wins() -> None:
    assert match_label("Identification Number IMO 9187629") == ("Identification Number IMO", "9187629")
    assert match_label("Identification Number 2.194.975 (Paraguay)") == ("Identification Number", "2.194.975 (Paraguay)")
    assert match_label("Passport Booklet: A1") == ("Passport Booklet", "A1")
    assert match_label("Passports are nice") is None
    assert match_label("Gender") is None


def test_xml_labels_share_the_tables() -> None:
    assert parse_feature("Birthdate", "17 Oct 1990").values("birthDate") == ["1990-10-17"]
    assert parse_feature("Place of Birth", "Shati").values("birthPlace") == ["Shati"]
    assert parse_feature("Nationality Country", "Russia").values("nationality") == ["Russia"]
    assert parse_feature("Email Address", "postman@rosneft.ru").values("email") == ["postman@rosneft.ru"]
    assert parse_feature("ISIN", "CNE1000002P4").notes == ["ISIN CNE1000002P4"]
    assert identifier_prop("Tax ID No.") == "taxNumber"
    assert identifier_prop("Passport") == "passportNumber"
    assert identifier_prop("Some New Document") == "idNumber"


@given(st.lists(st.text(alphabet=st.characters(blacklist_characters=";"), min_size=1), max_size=6))
def test_no_segment_is_lost(parts: list[str]) -> None:
    text = "; ".join(parts)
    parsed = parse_remarks(text)
    segments = split_remarks(text)
    # Every segment ends up as at least one fact, identifier, link or note.
    texts = {fact.text for fact in parsed.facts} | {ident.text for ident in parsed.identifiers}
    for segment in segments:
        assert segment in texts or segment in parsed.notes or segment.rstrip(".") in parsed.notes or any(
            segment.endswith(name) or name in segment for name in parsed.linked_to
        )
