"""The package's regulatory data files against ../shared/reference: same codes and counts, a
citation on every row, and ``scripts/build_reference_data.py`` reproduces them byte for byte."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from tradewarden.items.hs_lists import (
    CCL_FILE,
    CHPL_FILE,
    RUSSIA_BELARUS_FILE,
    SUPP7_FILE,
    UAV_FILE,
    read_table,
)

ROOT = Path(__file__).resolve().parents[2]
GENERATED = [
    "src/tradewarden/items/data/chpl.csv",
    "src/tradewarden/items/data/ear_supp7.csv",
    "src/tradewarden/items/data/ear_russia_belarus.csv",
    "src/tradewarden/items/data/uav_items.csv",
    "src/tradewarden/geo/data/jurisdictions.yaml",
]


def shared_rows(reference: Path, name: str) -> list[dict[str, str]]:
    with (reference / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def load_build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_reference_data", ROOT / "scripts" / "build_reference_data.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_chpl_matches_shared(shared_reference: Path) -> None:
    shared = {row["hs6"]: row["tier"] for row in shared_rows(shared_reference, "chpl.csv")}
    ours = {row["hs6"]: row["tier"] for row in read_table(CHPL_FILE)}
    assert ours == shared
    assert len(ours) == 50  # the CHPL has 50 HS-6 subheadings (SOURCES.md)


def test_supp7_matches_shared(shared_reference: Path) -> None:
    shared = {row["hs6"] for row in shared_rows(shared_reference, "iran_uav_hs.csv")}
    ours = {row["hs6"] for row in read_table(SUPP7_FILE)}
    assert ours == shared and len(ours) == 53
    # SOURCES.md check figure: the 50 CHPL codes plus 8407.10, 8408.90 and 8409.10 are Supp. No. 7.
    chpl = {row["hs6"] for row in read_table(CHPL_FILE)}
    assert ours == chpl | {"840710", "840890", "840910"}


def test_russia_belarus_matches_shared(shared_reference: Path) -> None:
    shared = {(row["hs6"], row["supplement"]) for row in shared_rows(shared_reference, "russia_belarus_hts.csv")}
    ours = {(row["hs6"], row["supplement"]) for row in read_table(RUSSIA_BELARUS_FILE)}
    assert ours == shared
    assert sum(1 for _, supp in ours if supp == "4") == 2405
    assert sum(1 for _, supp in ours if supp == "2") == 29


def test_uav_categories_match_shared(shared_reference: Path) -> None:
    shared = {row["id"]: row["typical_hs6"] for row in shared_rows(shared_reference, "uav_items_of_concern.csv")}
    ours = {row["id"]: row["hs6"] for row in read_table(UAV_FILE)}
    assert ours == shared


@pytest.mark.parametrize("name", [CHPL_FILE, SUPP7_FILE, RUSSIA_BELARUS_FILE, UAV_FILE, CCL_FILE])
def test_every_row_cites_its_source(name: str) -> None:
    rows = read_table(name)
    assert rows
    for row in rows:
        assert row["citation"].strip(), row
        assert row["sources"].strip(), row
    if name in (SUPP7_FILE, RUSSIA_BELARUS_FILE, CCL_FILE):
        assert all("CFR" in row["citation"] for row in rows)


def test_build_script_reproduces_package_files(shared_reference: Path, tmp_path: Path) -> None:
    load_build_script().build(shared_reference, tmp_path)
    for relative in GENERATED:
        assert (tmp_path / relative).read_bytes() == (ROOT / relative).read_bytes(), relative
