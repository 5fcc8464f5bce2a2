"""screen_item: every HS list fires on each of its codes (parametrised over the package data files),
destinations decide block versus review, and errors name the order field."""

from __future__ import annotations

import pytest

from tradewarden.errors import InputError
from tradewarden.findings import Finding, Outcome, Severity
from tradewarden.items import ItemInput, has_high_priority, screen_item
from tradewarden.items.hs_lists import (
    CHPL_FILE,
    RUSSIA_BELARUS_FILE,
    SUPP7_FILE,
    UAV_FILE,
    read_table,
)

CHPL_ROWS = read_table(CHPL_FILE)
SUPP7_ROWS = read_table(SUPP7_FILE)
UAV_ROWS = read_table(UAV_FILE)
FIELD = "order.items[3]"


def codes(findings: list[Finding]) -> dict[str, Finding]:
    return {f.code: f for f in findings}


def screen(hs: str, *dests: str) -> dict[str, Finding]:
    return codes(screen_item(ItemInput(hs_code=hs), set(dests), FIELD))


@pytest.mark.parametrize("row", CHPL_ROWS, ids=lambda r: r["hs6"])
def test_every_chpl_code_fires_with_its_tier(row: dict[str, str]) -> None:
    tier = int(row["tier"].split(".")[0])
    found = screen(f"{row['hs6'][:4]}.{row['hs6'][4:]}.0000", "DE")
    finding = found[f"ITEM_CHPL_TIER{tier}"]
    assert finding.outcome is Outcome.REVIEW
    assert finding.severity is (Severity.HIGH if tier <= 2 else Severity.MEDIUM)
    (evidence,) = finding.evidence
    assert evidence.kind == "hs_list"
    assert evidence.reference == f"chpl.csv {row['hs6']}"
    assert evidence.detail["tier"] == row["tier"]
    assert "Common High Priority List" in evidence.citation


@pytest.mark.parametrize("row", SUPP7_ROWS, ids=lambda r: r["hs6"])
@pytest.mark.parametrize(
    ("destination", "paragraph"),
    [
        ("IR", "746.7"),
        ("RU", "746.8"),
        ("by", "746.8"),
        ("UA-43", "746.6"),
        ("Crimea", "746.6"),
    ],
)
def test_every_supp7_code_blocks_for_each_licence_jurisdiction(
    row: dict[str, str], destination: str, paragraph: str
) -> None:
    finding = screen(row["hs6"], destination)["ITEM_EAR_SUPP7"]
    assert finding.outcome is Outcome.BLOCK
    assert finding.severity is Severity.CRITICAL
    (evidence,) = finding.evidence
    assert evidence.reference == f"ear_supp7.csv {row['hs6']}"
    assert evidence.citation == "15 CFR part 746, Supplement No. 7"
    assert any(paragraph in licence for licence in evidence.detail["licence"])  # type: ignore[attr-defined]


@pytest.mark.parametrize("row", SUPP7_ROWS, ids=lambda r: r["hs6"])
def test_every_supp7_code_is_reviewed_elsewhere(row: dict[str, str]) -> None:
    found = screen(row["hs6"], "DE", "AE")
    assert found["ITEM_EAR_SUPP7"].outcome is Outcome.REVIEW
    assert has_high_priority(found.values())


def test_every_russia_belarus_code_blocks_for_russia_and_belarus() -> None:
    rows = read_table(RUSSIA_BELARUS_FILE)
    assert len(rows) > 2000
    for row in rows:
        for dest in ("RU", "Belarus"):
            finding = screen(row["hs6"], dest)[f"ITEM_EAR_SUPP{row['supplement']}"]
            assert finding.outcome is Outcome.BLOCK, row
            assert f"{RUSSIA_BELARUS_FILE} {row['hs6']}" in [e.reference for e in finding.evidence]
        # Supp. 2 and 4 alone say nothing for other destinations.
        assert not {"ITEM_EAR_SUPP2", "ITEM_EAR_SUPP4"} & set(screen(row["hs6"], "DE"))


@pytest.mark.parametrize("row", UAV_ROWS, ids=lambda r: r["id"])
def test_every_uav_category_fires_for_its_codes(row: dict[str, str]) -> None:
    for hs6 in row["hs6"].split(";"):
        finding = screen(hs6, "DE")["ITEM_UAV_CATEGORY"]
        refs = [e.reference for f in screen_item(ItemInput(hs_code=hs6), {"DE"}, FIELD)
                if f.code == "ITEM_UAV_CATEGORY" for e in f.evidence]
        assert f"uav_items.csv {row['id']}" in refs
        assert finding.outcome is Outcome.REVIEW
        assert finding.evidence[0].citation


def test_description_only_item_is_classified_and_screened() -> None:
    findings = screen_item(ItemInput(description="u-blox NEO-M8N GPS module"), {"RU"}, FIELD)
    found = codes(findings)
    assert found["ITEM_CLASSIFIED"].outcome is Outcome.CLEAR
    assert "852691" in str(found["ITEM_CLASSIFIED"].evidence[0].detail)
    assert found["ITEM_EAR_SUPP7"].outcome is Outcome.BLOCK
    assert found["ITEM_CHPL_TIER2"].severity is Severity.HIGH
    assert found["ITEM_UAV_CATEGORY"].evidence[0].reference == "uav_items.csv U11"
    assert findings[0].outcome is Outcome.BLOCK  # strongest first


def test_unclassified_item_is_a_review_worthy_note() -> None:
    (finding,) = screen_item(ItemInput(description="office chair"), {"DE"}, FIELD)
    assert finding.code == "ITEM_UNCLASSIFIED"
    assert (finding.outcome, finding.severity) == (Outcome.REVIEW, Severity.INFO)
    assert "could not classify" in finding.title.lower()


def test_uncontrolled_code_has_no_findings() -> None:
    assert screen_item(ItemInput(hs_code="0901.11", description="coffee beans"), {"RU"}, FIELD) == []


def test_heading_only_classification_reviews_but_does_not_block() -> None:
    found = codes(screen_item(ItemInput(description="quadcopter drone"), {"RU"}, FIELD))
    assert found["ITEM_EAR_SUPP4"].outcome is Outcome.REVIEW
    assert "heading 8806" in found["ITEM_EAR_SUPP4"].title
    assert found["ITEM_UAV_CATEGORY"].evidence[0].reference == "uav_items.csv U23"


def test_declared_code_that_hides_a_listed_item() -> None:
    item = ItemInput(description="STM32F405 microcontroller", hs_code="9401.30")
    finding = codes(screen_item(item, {"DE"}, FIELD))["ITEM_HS_MISMATCH"]
    assert finding.outcome is Outcome.REVIEW
    assert finding.evidence[0].detail == {"declared": "940130", "suggested": "854231"}
    # A consistent declaration raises no mismatch.
    consistent = ItemInput(description="STM32F405 microcontroller", hs_code="8542.31")
    assert "ITEM_HS_MISMATCH" not in codes(screen_item(consistent, {"DE"}, FIELD))


@pytest.mark.parametrize(
    ("destination", "outcome"),
    [("IR", Outcome.BLOCK), ("RU", Outcome.BLOCK), ("CU", Outcome.BLOCK), ("UA-43", Outcome.BLOCK),
     ("SY", Outcome.REVIEW)],
)
def test_ccl_item_to_restricted_destination(destination: str, outcome: Outcome) -> None:
    finding = codes(screen_item(ItemInput(hs_code="0901.11", eccn="5a992.c"), {destination}, FIELD))[
        "ITEM_ECCN_LICENCE"
    ]
    assert finding.outcome is outcome
    assert finding.evidence[0].citation.startswith("15 CFR 746.")


def test_ear99_and_other_destinations_raise_no_ccl_finding() -> None:
    assert screen_item(ItemInput(hs_code="0901.11", eccn="EAR99"), {"IR"}, FIELD) == []
    assert screen_item(ItemInput(hs_code="0901.11", eccn="3A001.a.7"), {"DE"}, FIELD) == []


@pytest.mark.parametrize(
    ("item", "dests", "field"),
    [
        (ItemInput(hs_code="8542.3"), {"DE"}, "order.items[3].hs_code"),
        (ItemInput(hs_code="abc"), {"DE"}, "order.items[3].hs_code"),
        (ItemInput(hs_code="854231", eccn="not-an-eccn"), {"DE"}, "order.items[3].eccn"),
        (ItemInput(hs_code="854231"), {"Atlantis"}, "destination_countries"),
    ],
)
def test_bad_input_names_the_field(item: ItemInput, dests: set[str], field: str) -> None:
    with pytest.raises(InputError) as caught:
        screen_item(item, dests, "order.items[3]")
    assert caught.value.field == field
