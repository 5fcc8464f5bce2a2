"""Tests for the trade.gov CSL parser: a fixture of real rows (one malformed), the ``ids``
mapping, and the real snapshot counted independently with the csv module."""

from __future__ import annotations

import csv
import gzip
import io
from collections import Counter
from pathlib import Path

import pytest
from followthemoney import model

from tradewarden.errors import ListFormatError
from tradewarden.lists.base import ParseContext, ParseResult
from tradewarden.lists.csl import CSL_HEADER, add_date, add_id, parse_csl, sublist_code
from tradewarden.lists.load import load_folder, parse_files, sniff


@pytest.fixture(scope="module")
def sample(fixtures_dir: Path) -> ParseResult:
    return parse_files("us_trade_csl", [fixtures_dir / "us" / "csl_sample.csv"])


def _ctx(name: str = "x.csv") -> ParseContext:
    return ParseContext("us_trade_csl", Path(name), ParseResult(source="us_trade_csl"))


def test_sniffs_the_csl_header_only() -> None:
    header = ",".join(CSL_HEADER).encode()
    assert sniff("consolidated.csv", header + b"\n").name == "us_trade_csl_csv"  # type: ignore[union-attr]
    assert sniff("consolidated.csv", b"\xef\xbb\xbf" + header).name == "us_trade_csl_csv"  # type: ignore[union-attr]
    fmt = sniff("x.csv", b"id,source,entity_number\n")
    assert fmt is None or fmt.name != "us_trade_csl_csv"


def test_fixture_rows_problems_and_merge(sample: ParseResult) -> None:
    # 12 data rows: BANK BELVEB OJSC is on CAPTA, SDN and SSI (3 rows, one _id); the last row is short.
    assert len(sample.entities) == 9
    assert [(p.line, p.reason) for p in sample.problems] == [
        (12, "Start date '0097-06-30' is not a date; kept in notes"),
        (13, "expected 29 cells, found 6; row skipped"),
    ]
    bank = sample.entities["us-trade-csl-18291"]
    assert bank.schema.name == "Organization"
    assert sorted(bank.get("programId")) == ["CAPTA", "RUSSIA-EO14024", "SDN", "SSI", "UKRAINE-EO13662"]
    assert "Sectoral Sanctions Identifications List (SSI) - Treasury Department" in bank.get("program")
    assert bank.context["source_id"] == "18291"


def test_schemas_from_type_column(sample: ParseResult) -> None:
    schemas = {e.context["source_id"]: e.schema.name for e in sample.entities.values()}
    assert schemas["24904"] == "Person"
    assert schemas["31920"] == "Vessel"
    assert schemas["15445"] == "Airplane"
    # Entity List, DPL and MEU rows have no type.
    assert schemas["14b2dc922b62ff49cb9d3c6a18a8afb217f4d610"] == "LegalEntity"
    assert schemas["deb7a1d5743a85c354ca1a2c7f2664e2104b32d7"] == "LegalEntity"


def test_entity_list_row(sample: ParseResult) -> None:
    el = sample.entities["us-trade-csl-14b2dc922b62ff49cb9d3c6a18a8afb217f4d610"]
    assert el.get("name") == ["27th Scientific Center of the Russian Ministry of Defense"]
    assert el.get("alias") == ["27th NTs"]
    assert el.get("program") == ["Entity List (EL) - Bureau of Industry and Security"]
    assert el.get("programId") == ["EL"]
    assert el.get("topics") == ["export.control"]
    assert el.get("country") == ["ru"]
    assert el.get("address") == ["Birgadirskiy pereulok 13, Moscow, 105005, RU"]
    assert el.get("createdAt") == ["2021-03-04"]
    assert "License requirement: All items subject to the EAR." in el.get("notes")
    assert "Federal Register: 86 FR 12529" in el.get("notes")


def test_person_ids_dates_and_countries(sample: ParseResult) -> None:
    yasir = sample.entities["us-trade-csl-24904"]
    assert yasir.get("gender") == ["male"]
    assert yasir.get("birthDate") == ["1978-08-22"]
    assert yasir.get("nationality") == ["sy"]
    assert yasir.get("alias") == ["'ABBAS, Yasir 'Aziz"]
    sufian = sample.entities["us-trade-csl-9935"]
    assert sufian.get("passportNumber") == ["BC166787"]
    assert sorted(sufian.get("nationality")) == ["ca", "sd"]
    assert len(sufian.get("alias")) == 14
    assert sufian.get("birthPlace") == ["Al-Bawgah, Sudan", "Albaouga, Sudan"]


def test_vessel_and_aircraft_fields(sample: ParseResult) -> None:
    vessel = sample.entities["us-trade-csl-31920"]
    assert vessel.get("imoNumber") == ["IMO8770261"]
    assert vessel.get("callSign") == ["UDQB"]
    assert vessel.get("flag") == ["ru"]
    assert vessel.get("type") == ["Pipe-laying Vessel"]
    plane = sample.entities["us-trade-csl-15445"]
    assert plane.get("model") == ["A300B4-605R"]
    assert plane.get("buildDate") == ["1988-05-17"]
    assert "Aircraft Operator: MAHAN AIR" in plane.get("notes")


def test_organisation_ids(sample: ParseResult) -> None:
    bank = sample.entities["us-trade-csl-18291"]
    assert bank.get("taxNumber") == ["7750004150"]
    assert bank.get("innCode") == ["7750004150"]  # a Russian tax id is an INN
    assert bank.get("leiCode") == ["25340038P8SYW80B9W34"]
    assert bank.get("swiftBic") == ["BELBBY2X"]
    assert bank.get("incorporationDate") == ["1991-12-23"]
    assert "Target Type: Financial Institution" in bank.get("notes")
    assert sorted(bank.get("address")) == [
        "29 Pobeditelei ave., Minsk, 220004, BY",
        "Myasnikova, 32, Minsk, 220050, BY",
    ]


def test_unreadable_start_date_is_kept_raw(sample: ParseResult) -> None:
    vniief = next(e for e in sample.entities.values() if "VNIIEF" in e.get("name")[0])
    assert vniief.get("createdAt") == []
    assert "Start date (as published): 0097-06-30" in vniief.get("notes")


@pytest.mark.parametrize(
    ("entry", "schema", "prop", "value"),
    [
        ("RU, 1027700256297, Registration ID", "Company", "ogrnCode", "1027700256297"),
        ("http://www.90zavod.ru, Website", "Company", "website", "http://www.90zavod.ru/"),
        ("IMO 8898831, Vessel Registration Identification", "Vessel", "imoNumber", "IMO8898831"),
        ("677049700, MMSI", "Vessel", "mmsi", "677049700"),
        ("Panama, Former Vessel Flag", "Vessel", "pastFlags", "pa"),
        ("me.iraq17@yahoo.com, Email Address", "Person", "email", "me.iraq17@yahoo.com"),
        ("9647807798905, Phone Number", "Person", "phone", "+9647807798905"),
        ("Korea, North, Nationality of Registration", "Airplane", "country", "kp"),
        ("K048787, Passport", "Organization", "idNumber", "K048787"),  # no passportNumber there
        ("1Fz29BQp82pE3vXXcsZoMNQ3KSHfMzfMe3, Digital Currency Address - XBT", "Person", "notes",
         "Digital Currency Address - XBT: 1Fz29BQp82pE3vXXcsZoMNQ3KSHfMzfMe3"),
        ("Ukraine-/Russia-Related Sanctions Regulations, 31 CFR 589.201 and/or 589.209, Secondary sanctions risk:",
         "Company", "notes",
         "Secondary sanctions risk: Ukraine-/Russia-Related Sanctions Regulations, 31 CFR 589.201 and/or 589.209"),
    ],
)
def test_add_id(entry: str, schema: str, prop: str, value: str) -> None:
    entity = model.make_entity(schema)
    add_id(_ctx(), entity, entry, 2)
    assert value in entity.get(prop)


def test_add_date_ranges_and_bad_years() -> None:
    ctx = _ctx()
    person = model.make_entity("Person")
    add_date(ctx, person, "birthDate", "1958 to 1960", "Date of birth", 7)
    add_date(ctx, person, "birthDate", "circa 1967", "Date of birth", 7)
    assert sorted(person.get("birthDate")) == ["1958", "1960", "1967"]
    add_date(ctx, person, "birthDate", "1023-11-01", "Date of birth", 8)
    assert [(p.line, p.reason) for p in ctx.result.problems] == [
        (8, "Date of birth '1023-11-01' is not a date; kept in notes")
    ]


def test_sublist_codes() -> None:
    assert sublist_code("Entity List (EL) - Bureau of Industry and Security") == "EL"
    assert sublist_code("Military End User (MEU) List - Bureau of Industry and Security") == "MEU"
    assert sublist_code("Capta List (CAP) - Treasury Department") == "CAPTA"
    assert sublist_code("Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department") == "NS-MBS"
    assert sublist_code("Some New List - Agency") == "Some New List"


def test_header_without_required_column_is_a_format_error() -> None:
    with pytest.raises(ListFormatError, match="header lacks"):
        parse_csl(b"_id,source,entity_number,name\n1,x,1,Y\n", _ctx())
    with pytest.raises(ListFormatError, match="no header"):
        parse_csl(b"", _ctx())


def test_row_without_name_is_a_problem() -> None:
    ctx = _ctx()
    row = ["42", "Entity List (EL) - Bureau of Industry and Security"] + [""] * (len(CSL_HEADER) - 2)
    good = ["43", "Entity List (EL) - Bureau of Industry and Security", "", "Entity", "", "ACME"]
    good += [""] * (len(CSL_HEADER) - len(good))
    text = "\n".join(",".join(r) for r in (CSL_HEADER, row, good)) + "\n"
    parse_csl(text.encode(), ctx)
    assert [(p.line, p.reason) for p in ctx.result.problems] == [(2, "row without _id or name; skipped")]
    assert list(ctx.result.entities) == ["us-trade-csl-43"]


# --- the real snapshot ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_rows(shared_lists: Path) -> list[dict[str, str]]:
    raw = gzip.decompress((shared_lists / "us_trade_csl" / "consolidated.csv.gz").read_bytes())
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))


@pytest.fixture(scope="module")
def real(shared_lists: Path) -> ParseResult:
    return load_folder(shared_lists, sources=["us_trade_csl"])["us_trade_csl"]


@pytest.mark.shared
def test_real_snapshot_counts(real_rows: list[dict[str, str]], real: ParseResult) -> None:
    assert len(real_rows) == 14_160  # PROVENANCE.md
    assert len(real.entities) == len({row["_id"] for row in real_rows})
    by_list = Counter(row["source"] for row in real_rows)
    assert by_list["Entity List (EL) - Bureau of Industry and Security"] == 2_001  # PROVENANCE.md
    programs = Counter(p for e in real.entities.values() for p in e.get("program"))
    for source, count in by_list.items():
        ids = {row["_id"] for row in real_rows if row["source"] == source}
        assert programs[source] == len(ids), source
    assert sum(1 for e in real.entities.values() if "EL" in e.get("programId")) == 2_001


@pytest.mark.shared
def test_real_snapshot_problems_are_bad_dates_only(real_rows: list[dict[str, str]], real: ParseResult) -> None:
    bad_start = [row for row in real_rows if row["start_date"][:2] not in ("", "19", "20")]
    assert len(bad_start) == 3  # 0097-06-30 twice and 0017-05-26 on the Entity List
    assert sum("Start date" in p.reason for p in real.problems) == len(bad_start)
    assert all("is not a date" in p.reason for p in real.problems)


def _norm(name: str) -> str:
    """As FtM cleans names: C1 controls (a stray cp1252 ``\x92``) dropped, whitespace collapsed, quotes unwrapped."""
    return " ".join("".join(c for c in name if not 0x7F <= ord(c) <= 0x9F).split()).strip("\"'")


@pytest.mark.shared
def test_real_snapshot_names_and_types(real_rows: list[dict[str, str]], real: ParseResult) -> None:
    names = {_norm(row["name"]) for row in real_rows}
    aliases = {_norm(a) for row in real_rows for a in row["alt_names"].split(";") if a.strip()}
    parsed_names = {_norm(n) for e in real.entities.values() for n in e.get("name")}
    parsed_aliases = {_norm(n) for e in real.entities.values() for n in e.get("alias")}
    assert names == parsed_names
    assert aliases == parsed_aliases
    vessels = {row["_id"] for row in real_rows if row["type"] == "Vessel"}
    assert {e.context["source_id"] for e in real.entities.values() if e.schema.name == "Vessel"} == vessels
