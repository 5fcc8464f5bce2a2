"""Regenerate the package's regulatory data files from ``../shared/reference``.

The run-time product never reads ``../shared``: the tables it needs are written into the package
(``src/tradewarden/items/data/*.csv`` and ``src/tradewarden/geo/data/jurisdictions.yaml``) in the
project's own compact format, one citation on every row. This script is the derivation, so the
files can be rebuilt and diffed whenever the reference tables change::

    python scripts/build_reference_data.py                      # ../shared/reference -> src/
    python scripts/build_reference_data.py --reference DIR --out ROOT

Hand-maintained package files (the description classifier ``items/data/classifier.csv`` and the
place names ``geo/data/place_names.yaml``) are not generated here.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference"

# Short citations for the source ids the package files use; the long titles are in SOURCES.md.
CITATIONS: dict[str, str] = {
    "CHPL-2024": "BIS notice 'Common High Priority List' (version of 23 Feb 2024)",
    "EAR-746-S7": "15 CFR part 746, Supplement No. 7",
    "EAR-746-S2S4S6": "15 CFR part 746, Supplements No. 2 and No. 4",
    "EAR-746-1": "15 CFR 746.1",
    "EAR-746-6": "15 CFR 746.6",
    "EAR-746-7": "15 CFR 746.7",
    "EAR-746-8": "15 CFR 746.8",
    "FR-2023-03930": "88 FR 12150 (27 Feb 2023)",
    "FR-2023-10774": "88 FR 33422 (23 May 2023)",
    "ITSR-560": "31 CFR part 560 (Iranian Transactions and Sanctions Regulations)",
    "RUHSR-587": "31 CFR part 587 (Russian Harmful Foreign Activities Sanctions Regulations)",
    "ADV-2023": "Commerce/Justice/State/Treasury advisory 'Guidance to Industry on Iran's "
    "UAV-Related Activities' (9 Jun 2023)",
    "FIVEBY-2023": "Fiveby summary of the 9 Jun 2023 Iran UAV advisory",
    "FINCEN-2022": "FinCEN/BIS alert FIN-2022-Alert003 (28 Jun 2022)",
    "TRISEAL-2023": "DOJ/Commerce/Treasury tri-seal compliance note on third-party intermediaries "
    "(2 Mar 2023)",
    "UK-OTSI-2025-01": "UK OTSI 'Countering Russian sanctions evasion - guidance for exporters' "
    "(7 Jan 2025)",
    "UK-OTSI-2025-08": "UK OTSI higher-risk jurisdictions update (Aug 2025)",
    "UK-SI-2023-1314": "The Iran (Sanctions) Regulations 2023 (SI 2023/1314)",
    "EU-2023-1529": "Council Regulation (EU) 2023/1529",
    "EU-2022-263": "Council Regulation (EU) 2022/263",
    "EU-2022-1903": "Council Regulation (EU) 2022/1903",
    "EU-ENVOY-2023": "EU sanctions envoy outreach to countries with unusual trade flows with Russia "
    "(2023)",
    "JP-METI": "Japan Export Trade Control Order, Russia-diversion destinations (METI)",
    "OFAC-SYRIA-2025": "E.O. 14312 of 30 Jun 2025 (revocation of Syria sanctions)",
    "WH-2023-06-09": "White House NSC statement and imagery (9 Jun 2023)",
    "STATE-2023-05-19": "State Department designations (19 May 2023)",
    "OFAC-2024-09-10": "OFAC vessel designations (10 Sep 2024)",
    "UA-CNR-2023": "Ukraine Center of National Resistance report (9 Jun 2023)",
    "ISW-2024": "Institute for the Study of War note (Sep 2024)",
    "UA-SSO-2025-08": "Ukrainian General Staff report on Port Olya (Aug 2025)",
    "LOCODE-DERIVED": "UN/LOCODE code list (UNECE)",
    "CNN-ALABUGA-2024": "CNN reporting on the Alabuga SEZ (Dec 2024)",
    "UA-NASHDONBASS-2023": "Nashdonbass reporting on Alabuga SEZ residents (2023)",
    "CAR-2022": "Conflict Armament Research findings on Iranian drones, via CNN (Nov/Dec 2022)",
    "CAR-2023-GERAN": "Conflict Armament Research Geran-2 dispatch (Aug 2023)",
    "UA-INTEL-2023": "Ukrainian intelligence assessment of the Shahed-136, via CNN (4 Jan 2023)",
    "IE-CARB-2023": "Irish government inquiry into a carburettor found in a Shahed-136 (Jul 2023)",
    "GUR-ALABUGA-2024": "Ukrainian military intelligence (GUR) report on Alabuga (2024)",
    "BRIEF": "project brief (no retrieved source; unverified)",
}

# Sources that name a country as a diversion point *to Russia/Belarus*; ADV-2023 links Tajikistan to Iran.
RUSSIA_DIVERSION_SOURCES = {
    "FINCEN-2022",
    "TRISEAL-2023",
    "UK-OTSI-2025-01",
    "UK-OTSI-2025-08",
    "EU-ENVOY-2023",
    "JP-METI",
}
IRAN_DIVERSION_SOURCES = {"ADV-2023"}
# Caspian littoral corridor countries with no naming source: the reference describes them as the
# western (Iran-Azerbaijan-Russia) and eastern (Iran-Turkmenistan-Kazakhstan-Russia) corridors.
CORRIDOR_LEADS_TO = ["IR", "RU"]

LEGAL_CITATION = re.compile(
    r"\b\d+ CFR (?:part )?\d+(?:\.\d+)?(?:\([a-z0-9]+\))*"
    r"|E\.O\. \d+"
    r"|(?:Council )?Regulation \(EU\) (?:No )?\d+/\d+"
    r"|(?:Council )?Decision \(CFSP\) \d+/\d+"
    r"|SI \d{4}/\d+"
)
FR_CITATION = re.compile(r"\b\d+ FR \d+")
LICENCE_PARAGRAPH = re.compile(r"15 CFR 746\.8\(a\)\(\d\)")


def cite(source_ids: list[str]) -> str:
    """Join the short citations of ``source_ids`` (in order, without repeats)."""
    missing = [s for s in source_ids if s not in CITATIONS]
    if missing:
        raise SystemExit(f"no short citation for source ids {missing}; add them to CITATIONS")
    return "; ".join(dict.fromkeys(CITATIONS[s] for s in source_ids))


def legal_citations(*texts: str | None) -> str:
    """Pull CFR parts, E.O.s and EU regulation numbers out of prose notes, in order of appearance."""
    found: list[str] = []
    for text in texts:
        for match in LEGAL_CITATION.finditer(text or ""):
            found.append(match.group(0).removeprefix("Council "))
    return "; ".join(dict.fromkeys(found))


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def split_ids(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def write_csv(path: Path, header: str, columns: list[str], rows: list[dict[str, str]]) -> None:
    buffer = io.StringIO()
    buffer.write(header.strip() + "\n")
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def comment(text: str) -> str:
    return "\n".join(f"# {line}".rstrip() for line in text.strip().splitlines())


def build_chpl(reference: Path, out: Path) -> int:
    rows = read_rows(reference / "chpl.csv")
    table = [
        {
            "hs6": row["hs6"],
            "tier": row["tier"],
            "description": row["description"],
            "tier_meaning": row["tier_meaning"],
            "citation": cite(["CHPL-2024"]),
            "sources": row["source_ids"],
        }
        for row in rows
    ]
    header = comment(
        """
Common High Priority List (CHPL): 50 HS-6 subheadings that Russia seeks for its weapons
programmes, published by BIS with the EU, Japan and the UK, grouped in tiers 1 (highest concern)
to 4.B. Every CHPL code is also in 15 CFR part 746, Supplement No. 7 (see ear_supp7.csv).
Generated by scripts/build_reference_data.py from ../shared/reference/chpl.csv; do not edit by hand.
Fields: hs6 = six digits, no dots; tier = 1, 2, 3.A, 3.B, 4.A or 4.B; description = our wording;
tier_meaning = what the tier holds; citation = the notice; sources = ids in shared/reference/SOURCES.md.
"""
    )
    write_csv(out / "chpl.csv", header, list(table[0]), table)
    return len(table)


def build_supp7(reference: Path, out: Path) -> int:
    rows = read_rows(reference / "iran_uav_hs.csv")
    table = [
        {
            "hs6": row["hs6"],
            "description": row["description"],
            "chpl_tier": row["chpl_tier"],
            "licence_iran": row["license_required_iran"],
            "licence_russia_belarus": row["license_required_russia_belarus"],
            "licence_crimea_regions": row["license_required_crimea_covered_regions"],
            "citation": cite(["EAR-746-S7"]),
            "amended_by": "; ".join(FR_CITATION.findall(row["fr_citation"])),
            "sources": row["source_ids"],
        }
        for row in rows
    ]
    scope = rows[0]["scope_note"]
    fdp = rows[0]["fdp_rules"]
    header = comment(
        f"""
15 CFR part 746, Supplement No. 7: HS-6 items that need a licence for Iran (746.7), Russia and
Belarus (746.8) and the Crimea region / covered regions of Ukraine (746.6), EAR99 items included.
Scope of each entry: {scope}.
Foreign-direct-product rules: {fdp}.
Generated by scripts/build_reference_data.py from ../shared/reference/iran_uav_hs.csv; do not edit by hand.
Fields: hs6; description (our wording); chpl_tier (blank for the three engine codes);
licence_iran / licence_russia_belarus / licence_crimea_regions = the EAR paragraph requiring the
licence; citation; amended_by = Federal Register rules; sources = ids in SOURCES.md.
"""
    )
    write_csv(out / "ear_supp7.csv", header, list(table[0]), table)
    return len(table)


def build_russia_belarus(reference: Path, out: Path) -> int:
    rows = read_rows(reference / "russia_belarus_hts.csv")
    table = []
    for row in rows:
        licence = LICENCE_PARAGRAPH.search(row["scope"])
        if licence is None:
            raise SystemExit(f"no 746.8 paragraph in scope of {row['hs6']}: {row['scope']!r}")
        table.append(
            {
                "hs6": row["hs6"],
                "supplement": row["supplement"],
                "licence": licence.group(0),
                "citation": row["cfr_citation"],
                "sources": row["source_ids"],
            }
        )
    header = comment(
        """
15 CFR part 746, Supplement No. 2 (Russia/Belarus oil and gas production items, licence under
746.8(a)(4)) and Supplement No. 4 (industry-sector sanctions, licence under 746.8(a)(5)), as HS-6
codes (HTSUS 2023). A code may appear in both supplements (7304.24). Any longer national code that
begins with the HS-6 is covered.
Generated by scripts/build_reference_data.py from ../shared/reference/russia_belarus_hts.csv; do
not edit by hand. Fields: hs6; supplement (2 or 4); licence = EAR paragraph; citation; sources.
"""
    )
    write_csv(out / "ear_russia_belarus.csv", header, list(table[0]), table)
    return len(table)


def build_uav(reference: Path, out: Path) -> int:
    rows = read_rows(reference / "uav_items_of_concern.csv")
    table = [
        {
            "id": row["id"],
            "category": row["advisory_category"],
            "item": row["item"],
            "hs6": row["typical_hs6"],
            "eccn_indicative": row["eccn_indicative"],
            "eccn_confidence": row["eccn_confidence"],
            "citation": cite(split_ids(row["source_ids"])[:1]),
            "sources": row["source_ids"],
            "basis": row["reported_in_uavs"],
            "notes": row["notes"],
        }
        for row in rows
    ]
    header = comment(
        """
Categories of parts found in, or sought for, Iranian-design UAVs (Shahed / Geran family), with the
HS-6 codes such parts usually fall under. Brands named by the sources are deliberately left out.
Generated by scripts/build_reference_data.py from ../shared/reference/uav_items_of_concern.csv; do
not edit by hand. Fields: id; category (advisory grouping); item; hs6 (';'-separated typical
codes); eccn_indicative / eccn_confidence (indicative only, never a classification); citation =
the first (principal) source; sources = all ids in SOURCES.md; basis = what the sources report;
notes.
"""
    )
    write_csv(out / "uav_items.csv", header, list(table[0]), table)
    return len(table)


def _port_id(country: str, name: str) -> str:
    base = re.split(r"[(/]", name)[0]
    slug = re.sub(r"[^a-z0-9]+", "-", base.lower()).strip("-")
    return f"{country.lower()}-{slug}"


def _notes(entry: dict[str, Any]) -> dict[str, str]:
    notes: dict[str, str] = {}
    us = entry.get("us")
    if isinstance(us, dict):
        for key, value in us.items():
            notes[f"us_{key}"] = str(value)
    elif us:
        notes["us"] = str(us)
    for key in ("eu", "uk"):
        if entry.get(key):
            notes[key] = str(entry[key])
    return notes


def _legal_from(entry: dict[str, Any]) -> str:
    # A note that opens with "No ..." says an act does *not* reach the entry (ZAP-KHE's US note).
    notes = [text for text in _notes(entry).values() if not text.startswith("No ")]
    return legal_citations(*notes)


def build_jurisdictions(reference: Path, out: Path) -> dict[str, int]:
    source = yaml.safe_load((reference / "jurisdictions.yaml").read_text(encoding="utf-8"))
    countries = []
    for entry in source["restricted_countries"]:
        countries.append(
            {
                "country": entry["iso2"],
                "name": entry["name"],
                "status": entry["status"],
                "citation": _legal_from(entry),
                "sources": entry["sources"],
                "verification": entry["verification"],
                "notes": _notes(entry),
                **({"advice": entry["screening_advice"]} if "screening_advice" in entry else {}),
            }
        )
    regions = []
    for entry in source["regions"]:
        regions.append(
            {
                "id": entry["id"],
                "name": entry["name"],
                "codes": entry["iso3166_2"],
                "status": entry["status"],
                "citation": _legal_from(entry),
                "sources": entry["sources"],
                "verification": entry["verification"],
                "notes": _notes(entry),
                **({"note": entry["note"]} if "note" in entry else {}),
            }
        )
    hubs = []
    for entry in source["transshipment_countries"]:
        named_by = list(entry["named_by"])
        if named_by:
            leads_to = ["RU", "BY"] if RUSSIA_DIVERSION_SOURCES & set(named_by) else []
            leads_to += ["IR"] if IRAN_DIVERSION_SOURCES & set(named_by) else []
            role = "diversion_hub"
            citation = cite(named_by)
        else:
            leads_to, role = list(CORRIDOR_LEADS_TO), "corridor"
            citation = "no official text names it as a diversion hub; Caspian routing context only"
        hubs.append(
            {
                "country": entry["iso2"],
                "name": entry["name"],
                "role": role,
                "leads_to": leads_to,
                "named_by": named_by,
                "citation": citation,
                "verification": entry["verification"],
                **({"note": entry["note"]} if "note" in entry else {}),
            }
        )
    ports = []
    for entry in source["caspian_ports"]:
        sources = list(entry.get("sources", []))
        route_sources = [s for s in sources if s != "LOCODE-DERIVED"]
        ports.append(
            {
                "id": _port_id(entry["country"], entry["name"]),
                "country": entry["country"],
                "name": entry["name"],
                "locodes": list(entry["locodes"]),
                "route_cited": bool(route_sources),
                "route_role": entry["route_role"],
                "citation": cite(route_sources) if route_sources else "UN/LOCODE (geography only; "
                "no Iran-Russia route source retrieved)",
                "sources": sources,
                "verification": entry["verification"],
                **({"note": entry["note"]} if "note" in entry else {}),
            }
        )
    locations = []
    for entry in source["locations_of_concern"]:
        locations.append(
            {
                "id": "ru-alabuga-sez" if "Alabuga" in entry["name"] else _port_id("xx", entry["name"]),
                "name": entry["name"],
                "subdivision": entry["iso3166_2"],
                "locodes": list(entry["locodes"]),
                "role": entry["role"],
                "citation": cite(entry["sources"]),
                "sources": entry["sources"],
                "verification": entry["verification"],
            }
        )
    document = {
        "compiled": str(source["meta"]["compiled"]),
        "caution": source["meta"]["caution"],
        "restricted_countries": countries,
        "un_arms_embargo": {
            "citation": "15 CFR 746.1(b)",
            "countries": list(source["un_arms_embargo_destinations_746_1b"]),
        },
        "regions": regions,
        "transshipment_countries": hubs,
        "caspian_ports": ports,
        "locations_of_concern": locations,
        "overland_routes_note": source["overland_routes_note"],
    }
    header = comment(
        """
Jurisdictions for destination and route screening: restricted countries, UN arms-embargoed
destinations, occupied / covered regions of Ukraine (ISO 3166-2), third countries named as
diversion hubs for Russia (and Iran), Caspian Sea ports on the Iran-Russia route (UN/LOCODEs) and
other locations of concern.
Generated by scripts/build_reference_data.py from ../shared/reference/jurisdictions.yaml; do not
edit by hand (place names in other languages live in place_names.yaml, maintained by hand).
Fields: country = ISO 3166-1 alpha-2; status drives the outcome (see geo/jurisdictions.py);
citation = the legal acts named in the notes; sources = ids in shared/reference/SOURCES.md;
verification = primary / secondary / unverified / none_found as defined there; notes = our
paraphrase of the act. Hubs: role diversion_hub (named by the sources in named_by) or corridor
(Caspian littoral, no naming source); leads_to = where the named diversion goes. Ports:
route_cited = a source places the port on an Iran-Russia route (false: geography only).
"""
    )
    body = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
    path = out / "jurisdictions.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + "\n" + body, encoding="utf-8")
    return {
        "restricted_countries": len(countries),
        "regions": len(regions),
        "transshipment_countries": len(hubs),
        "caspian_ports": len(ports),
        "locations_of_concern": len(locations),
    }


def build(reference: Path, out_root: Path) -> dict[str, object]:
    """Write every generated package data file under ``out_root`` (the repository root).

    Args:
        reference: the ``shared/reference`` folder.
        out_root: where ``src/tradewarden/...`` lies (the repository root, or a temporary copy).
    Returns:
        Row counts per file, for the log.
    """
    items = out_root / "src" / "tradewarden" / "items" / "data"
    geo = out_root / "src" / "tradewarden" / "geo" / "data"
    return {
        "chpl.csv": build_chpl(reference, items),
        "ear_supp7.csv": build_supp7(reference, items),
        "ear_russia_belarus.csv": build_russia_belarus(reference, items),
        "uav_items.csv": build_uav(reference, items),
        "jurisdictions.yaml": build_jurisdictions(reference, geo),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    parser.add_argument("--out", type=Path, default=ROOT, help="repository root to write under")
    args = parser.parse_args()
    if not args.reference.is_dir():
        raise SystemExit(f"reference folder not found: {args.reference}")
    for name, count in build(args.reference, args.out).items():
        print(f"{name}: {count}")


if __name__ == "__main__":
    main()
