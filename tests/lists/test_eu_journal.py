"""Tests for the EU Official Journal CSV parser: a small fixture cut from the real files,
inline malformed rows, and the real snapshot counted independently with the csv module."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from followthemoney.proxy import EntityProxy
from followthemoney.types import registry

from tradewarden.lists.base import ParseContext, ParseResult
from tradewarden.lists.eu_journal import (
    AMENDMENT_HEADER,
    CONSOLIDATED_HEADER,
    parse_journal_csv,
    sniff_journal_csv,
    split_cell,
)
from tradewarden.lists.load import load_folder, parse_files, sniff

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "eu"


@pytest.fixture(scope="module")
def journal() -> ParseResult:
    return parse_files(
        "eu_journal_sanctions",
        [FIXTURES / "journal_consolidated.csv", FIXTURES / "journal_amendment.csv"],
    )


def _one(result: ParseResult, name: str) -> EntityProxy:
    found = [e for e in result.entities.values() if name in e.get("name")]
    assert len(found) == 1, name
    return found[0]


def test_both_headers_are_sniffed_and_nothing_else() -> None:
    fmt = sniff("32014R0269.csv", (CONSOLIDATED_HEADER + "\r\n").encode())
    assert fmt is not None and fmt.name == "eu_journal_csv"
    assert sniff_journal_csv("32024R1484.csv", b"\xef\xbb\xbf" + AMENDMENT_HEADER.encode() + b"\n1,2")
    assert not sniff_journal_csv("x.csv", (CONSOLIDATED_HEADER + ",extra\n").encode())
    assert not sniff_journal_csv("x.csv", b"celex,recordId\n")


def test_fixture_entities_and_problems(journal: ParseResult) -> None:
    # 11 rows: 8 good designations (the two Himmat rows are one), 3 malformed.
    assert len(journal.entities) == 8
    assert [(p.line, p.reason.split(";")[0]) for p in journal.problems] == [
        (12, "unknown schema 'Pirate'"),
        (13, "row without a name"),
        (14, "row has 9 cells, header has 45"),
    ]
    assert all(p.file == "journal_consolidated.csv" for p in journal.problems)


def test_person_with_cyrillic_aliases_and_amendment_row(journal: ParseResult) -> None:
    person = journal.entities["eu-journal-sanctions-32014r0269-i-persons-2"]
    assert person.context["source_id"] == "32014R0269-I.PERSONS-2"
    assert person.schema.name == "Person"
    assert person.get("alias") == [
        "Владимир Андреевич КОНСТАНТИНОВ",
        "Volodymyr Andriyovych KONSTANTINOV",
        "Володимир Андрiйович КОНСТАНТИНОВ",
    ]
    assert person.get("birthDate") == ["1956-11-19"]
    assert person.get("createdAt") == ["2014-03-17"]
    assert person.get("program") == ["EU-UKR"]
    assert person.get("topics") == ["sanction"]
    assert person.get("summary")[0].startswith("As speaker of the Supreme Council")
    assert "32014R0269 Annex I.PERSONS: Asset freeze (EU-UKR)" in person.get("notes")
    assert person.get("sourceUrl") == ["https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32014R0269"]
    # The amendment row (amendedCelex 32014R0269) lands on the same entity.
    assert person.get("position") == ["Chairman of the ‘State Council’ of the so-called ‘Republic of Crimea’"]
    assert "Transcribed from amending act 32024R1484" in person.get("notes")


def test_company_identifiers_and_multi_values(journal: ParseResult) -> None:
    company = _one(journal, "JSC Research Institute of Technical Systems ‘Sinvent’")
    assert company.schema.name == "Company"
    assert company.get("innCode") == ["7806016672"]
    assert company.get("ogrnCode") == ["1027804853900"]
    assert company.get("kppCode") == ["781001001"]
    assert company.get("incorporationDate") == ["1994-02-21"]
    assert company.get("email") == ["secretary@sinvent.ru", "sinvent@yandex.ru"]
    assert "Акционерное Общество Научно-Исследовательский Институт Технических Систем ‘Синвент’" in company.get("alias")
    assert len(company.get("address")) == 2
    # National-format phones FtM cannot clean are kept in notes, not dropped.
    assert "phone: 8 (812) 409-93-45" in company.get("notes")


def test_printed_values_are_split_or_kept_in_notes(journal: ParseResult) -> None:
    mya = _one(journal, "Mya Tun Oo")
    assert mya.get("nationality") == ["mm"]  # Myanmar/Burma
    assert mya.get("birthDate") == ["1961-05-04", "1961-05-05"]  # "4.5.1961 or 5.5.1961"
    amar = _one(journal, "Abderrahmane Ould El Amar")
    assert amar.get("birthDate") == []
    assert "birthDate: Between 1977 and 1982" in amar.get("notes")
    assert "عبد الرحمن ولد العامر" in amar.get("alias")
    assert "Father’s name is Leewemere" in amar.get("notes")


def test_quoted_semicolon_stays_one_value(journal: ParseResult) -> None:
    asc = _one(journal, "Afghan Support Committee (ASC)")
    assert len(asc.get("address")) == 1


def test_rows_without_record_id_key_on_name_and_merge(journal: ParseResult) -> None:
    himmat = _one(journal, "Ali Ghaleb Himmat")
    assert himmat.context["source_id"] == "32002R0881-I-Ali Ghaleb Himmat"
    assert len(himmat.get("address")) == 2
    assert "nationality: Italian since 1990" in himmat.get("notes")
    plant = _one(journal, "140 Repair Plant JSC")
    assert plant.get("topics") == ["export.control"]
    assert plant.schema.name == "LegalEntity"
    vessel = _one(journal, "Angara")
    assert vessel.schema.name == "Vessel" and vessel.get("imoNumber") == ["IMO9179842"]


@pytest.mark.parametrize(
    ("cell", "values"),
    [
        ("", []),
        ("Foo; Bar", ["Foo", "Bar"]),
        ('"Foo; Bar"; Baz', ["Foo; Bar", "Baz"]),
        ('"He said ""no"""; x', ['He said "no"', "x"]),
        ("a;;  b ", ["a", "b"]),
    ],
)
def test_split_cell(cell: str, values: list[str]) -> None:
    assert split_cell(cell) == values


def test_invalid_utf8_is_reported_and_the_rest_loads() -> None:
    cols = CONSOLIDATED_HEADER.split(",")
    row = dict.fromkeys(cols, "")
    row.update(celex="32014R0269", recordId="1", annex="I", programKey="EU-UKR", measure="Asset freeze",
               schema="Person", name="Ivan \udcff")
    line = ",".join(row[c] for c in cols).encode("utf-8", "surrogateescape")
    result = ParseResult(source="eu_journal_sanctions")
    parse_journal_csv(CONSOLIDATED_HEADER.encode() + b"\n" + line + b"\n", ParseContext("eu_journal_sanctions", Path("x.csv"), result))
    assert len(result.entities) == 1
    assert "UTF-8" in result.problems[0].reason


# ---- the real snapshot (../shared) ----------------------------------------------------------


def _read_rows(folder: Path) -> dict[str, list[dict[str, str]]]:
    rows: dict[str, list[dict[str, str]]] = {}
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows[path.name] = list(csv.DictReader(handle))
    return rows


@pytest.fixture(scope="module")
def real_folder(shared_lists: Path) -> Path:
    return shared_lists / "eu_journal_sanctions"


@pytest.fixture(scope="module")
def real(shared_lists: Path) -> ParseResult:
    return load_folder(shared_lists, sources=["eu_journal_sanctions"])["eu_journal_sanctions"]


@pytest.mark.shared
def test_real_snapshot_counts(real: ParseResult, real_folder: Path) -> None:
    rows = _read_rows(real_folder)
    assert len(rows) == 45
    assert sum(1 for file_rows in rows.values() if not file_rows) == 8
    all_rows = [row for file_rows in rows.values() for row in file_rows]
    assert len(all_rows) == 8017  # PROVENANCE.md
    keys = {f"{r['celex']}-{r['annex']}-{r['recordId'] or r['name']}" for r in all_rows}
    assert real.problems == []
    assert len(real.files) == 45
    assert {e.context["source_id"] for e in real.entities.values()} == keys
    by_schema: dict[str, set[str]] = {}
    for r in all_rows:
        by_schema.setdefault(r["schema"], set()).add(f"{r['celex']}-{r['annex']}-{r['recordId'] or r['name']}")
    for schema, schema_keys in by_schema.items():
        assert sum(1 for e in real.entities.values() if e.schema.name == schema) == len(schema_keys), schema


@pytest.mark.shared
def test_real_snapshot_keeps_every_name(real: ParseResult, real_folder: Path) -> None:
    cyrillic = re.compile("[\u0400-\u04ff]")
    expected: set[str | None] = set()
    for file_rows in _read_rows(real_folder).values():
        for r in file_rows:
            for column in ("alias", "weakAlias", "previousName"):
                expected.update(registry.name.clean(v) for v in split_cell(r[column]))
            expected.add(registry.name.clean(r["name"]))
    loaded = {n for e in real.entities.values() for p in ("name", "alias", "weakAlias", "previousName") for n in e.get(p)}
    # FtM's name cleaning is the only change allowed ("'Azovsky ...'" loses its quotes).
    assert expected - {None} <= loaded
    assert sum(1 for n in loaded if cyrillic.search(n)) > 4000
    aksyonov = real.entities["eu-journal-sanctions-32014r0269-i-persons-1"]
    assert "Sergei Valerievich AKSENOV (Сергей Валерьевич АКСЁНОВ)" in aksyonov.get("alias")
