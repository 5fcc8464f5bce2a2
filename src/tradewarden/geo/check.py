"""Destination screening: a country (and region or address text) in, findings out.

Checks, each citing its entry in ``geo/data/jurisdictions.yaml``:

* restricted country (``DEST_EMBARGO`` block; ``DEST_SANCTIONED`` / ``DEST_SANCTIONS_CHANGED``
  review), per ``STATUS_POLICY``;
* UN arms-embargoed destination under 15 CFR 746.1(b) (``DEST_ARMS_EMBARGO`` review);
* occupied / covered region of Ukraine by ISO 3166-2 code, FtM territory code or place name
  (``DEST_OCCUPIED_REGION`` block; ``DEST_REGION_PARTLY_OCCUPIED`` review for an oblast code that is
  partly government-controlled);
* diversion hub (``DEST_DIVERSION_HUB``) or Caspian corridor country (``DEST_CASPIAN_CORRIDOR``),
  review, more severe with a high-priority item;
* location of concern named in the address (``DEST_LOCATION_OF_CONCERN`` review).

Pure: the only I/O is reading the package data once.
"""

from __future__ import annotations

from tradewarden.errors import InputError
from tradewarden.findings import Category, Evidence, Finding, Outcome, Severity
from tradewarden.geo.countries import Country, normalize_country, subdivision_code
from tradewarden.geo.jurisdictions import (
    JURISDICTIONS_FILE,
    Jurisdictions,
    Region,
    TransitCountry,
    load_jurisdictions,
)

# Region names are matched in free text only for these countries (or when no country is given):
# occupied towns are written with Ukraine or, by the occupier's administration, Russia.
_REGION_TEXT_COUNTRIES = frozenset({"ua", "ru", "ua-cri", "ua-dpr", "ua-lpr"})


def _jurisdiction_evidence(section: str, key: str, citation: str, **detail: object) -> Evidence:
    return Evidence(
        kind="jurisdiction",
        reference=f"{JURISDICTIONS_FILE} {section} {key}",
        citation=citation,
        detail={k: v for k, v in detail.items() if v not in (None, "", (), [])},
    )


def restricted_findings(country: Country, subject: str, data: Jurisdictions) -> list[Finding]:
    """Findings for a restricted or UN arms-embargoed country (no region logic)."""
    findings: list[Finding] = []
    entry = data.restricted.get(country.code)
    if entry is not None:
        policy = entry.policy
        findings.append(
            Finding(
                code=policy.code,
                category=Category.DESTINATION,
                severity=policy.severity,
                outcome=policy.outcome,
                title=f"{entry.name}: {policy.label}",
                detail=entry.advice or next(iter(entry.notes.values()), ""),
                subject=subject,
                evidence=(
                    _jurisdiction_evidence(
                        "restricted_countries", entry.country, entry.citation, status=entry.status,
                        sources=list(entry.sources), verification=entry.verification,
                    ),
                ),
            )
        )
    if country.code in data.arms_embargo:
        findings.append(
            Finding(
                code="DEST_ARMS_EMBARGO",
                category=Category.DESTINATION,
                severity=Severity.MEDIUM,
                outcome=Outcome.REVIEW,
                title=f"{country.iso2}: UN arms-embargoed destination",
                detail="Listed in 15 CFR 746.1(b) among destinations under a UN arms embargo; "
                "600-series and other military items need a licence.",
                subject=subject,
                evidence=(
                    _jurisdiction_evidence("un_arms_embargo", country.iso2, data.arms_embargo_citation),
                ),
            )
        )
    return findings


def _region_matches(
    country: Country | None, region: str | None, data: Jurisdictions
) -> dict[str, tuple[Region, Outcome, list[str]]]:
    """Regions hit, each with the strongest outcome and what matched."""
    found: dict[str, tuple[Region, Outcome, list[str]]] = {}

    def add(hit: Region, outcome: Outcome, how: str) -> None:
        _, current, hows = found.get(hit.id, (hit, Outcome.CLEAR, []))
        best = outcome if outcome.rank > current.rank else current
        found[hit.id] = (hit, best, [*hows, how])

    codes = [country.subdivision if country else None, subdivision_code(region)]
    for code in codes:
        if code and code in data.region_by_code:
            hit = data.region_by_code[code]
            add(hit, hit.code_outcome, f"ISO 3166-2 code {code}")
    if country is not None and country.code in data.region_by_ftm:
        hit = data.region_by_ftm[country.code]
        # FtM reads "Crimea", "DNR", "Donetsk" ... as the occupied territory itself; an ISO
        # 3166-2 code (UA-14, the whole oblast) already decided above.
        if hit.id not in found:
            add(hit, Outcome.BLOCK, f"territory {country.code} (from {country.raw!r})")
    if country is None or country.code in _REGION_TEXT_COUNTRIES:
        texts = [region] if subdivision_code(region) is None else []
        for text in texts:
            for place in data.region_names.find(text):
                outcome = place.target.code_outcome if place.kind == "oblast_names" else Outcome.BLOCK
                add(place.target, outcome, f"{place.kind.removesuffix('s').replace('_', ' ')} {place.name!r}")
    return found


def region_findings(
    country: Country | None, region: str | None, subject: str, data: Jurisdictions
) -> list[Finding]:
    """Findings for occupied or covered regions of Ukraine named by code, territory or place."""
    findings = []
    for hit, outcome, hows in _region_matches(country, region, data).values():
        blocked = outcome is Outcome.BLOCK
        findings.append(
            Finding(
                code="DEST_OCCUPIED_REGION" if blocked else "DEST_REGION_PARTLY_OCCUPIED",
                category=Category.DESTINATION,
                severity=Severity.CRITICAL if blocked else Severity.HIGH,
                outcome=outcome,
                title=f"{hit.name}" + ("" if blocked else ": partly occupied oblast, confirm the place"),
                detail=f"Matched by {', '.join(hows)}. {hit.note}".strip(),
                subject=subject,
                evidence=(
                    _jurisdiction_evidence(
                        "regions", hit.id, hit.citation, status=hit.status, codes=list(hit.codes),
                        matched=hows, sources=list(hit.sources), verification=hit.verification,
                    ),
                ),
            )
        )
    return findings


def transit_country_finding(
    entry: TransitCountry, subject: str, has_high_priority_item: bool, *, code_prefix: str = "DEST"
) -> Finding:
    """The finding for a diversion hub or Caspian corridor country on an order."""
    # One step up the scale with a high-priority item: hubs medium -> high, corridors low -> medium.
    if entry.is_hub:
        code, severity = f"{code_prefix}_DIVERSION_HUB", Severity.MEDIUM
        title = f"{entry.name}: named diversion point for {'/'.join(c.upper() for c in entry.leads_to)}"
    else:
        code, severity = f"{code_prefix}_CASPIAN_CORRIDOR", Severity.LOW
        title = f"{entry.name}: Caspian corridor country on Iran-Russia routes"
    detail = entry.note or ""
    if has_high_priority_item:
        severity = Severity(severity + 1)
        detail = f"A high-priority (CHPL / Supp. No. 7) item is involved. {detail}".strip()
    return Finding(
        code=code,
        category=Category.DESTINATION if code_prefix == "DEST" else Category.ROUTE,
        severity=severity,
        outcome=Outcome.REVIEW,
        title=title,
        detail=detail,
        subject=subject,
        evidence=(
            _jurisdiction_evidence(
                "transshipment_countries", entry.country, entry.citation, role=entry.role,
                leads_to=[c.upper() for c in entry.leads_to], named_by=list(entry.named_by),
                verification=entry.verification,
            ),
        ),
    )


def location_findings(text: str | None, subject: str, data: Jurisdictions) -> list[Finding]:
    """Findings for locations of concern named in free text (the Alabuga drone plant)."""
    findings = []
    for hit in {id(h.target): h for h in data.location_names.find(text)}.values():
        loc = hit.target
        findings.append(
            Finding(
                code="DEST_LOCATION_OF_CONCERN",
                category=Category.DESTINATION,
                severity=Severity.HIGH,
                outcome=Outcome.REVIEW,
                title=f"Location of concern: {loc.name}",
                detail=loc.role,
                subject=subject,
                evidence=(
                    _jurisdiction_evidence(
                        "locations_of_concern", loc.id, loc.citation, matched=hit.name,
                        sources=list(loc.sources), verification=loc.verification,
                    ),
                ),
            )
        )
    return findings


def screen_destination(
    country: str | None,
    region: str | None = None,
    field: str = "destination",
    *,
    has_high_priority_item: bool = False,
) -> list[Finding]:
    """Screen a destination country and region against the jurisdiction tables.

    Args:
        country: ISO 3166-1 alpha-2 in any case, a country name (``Russia``, ``Россия``), an
            ISO 3166-2 code (``UA-43``) or an FtM territory (``Crimea``); may be None when
            ``region`` is given.
        region: a region code (``UA-43``) or free text (an oblast, city or address line).
        field: the order path of the destination record; errors and findings name
            ``<field>.country`` / ``<field>.region``.
        has_high_priority_item: a CHPL / Supp. No. 7 item is on the order (raises the severity
            of diversion-hub findings).
    Returns:
        Findings, strongest first (block before review).
    Raises:
        InputError: the country is unknown, or neither country nor region is given.
    """
    data = load_jurisdictions()
    country_text = (country or "").strip()
    if not country_text and not (region or "").strip():
        raise InputError("destination has neither a country nor a region", field=field)
    place = normalize_country(country_text, f"{field}.country") if country_text else None
    findings: list[Finding] = []
    if place is not None:
        findings += restricted_findings(place, f"{field}.country", data)
    region_subject = f"{field}.region" if region else f"{field}.country"
    findings += region_findings(place, region, region_subject, data)
    if place is not None and place.code in data.transit:
        findings.append(
            transit_country_finding(data.transit[place.code], f"{field}.country", has_high_priority_item)
        )
    findings += location_findings(region, f"{field}.region", data)
    return sorted(findings, key=lambda f: (-f.outcome.rank, -int(f.severity)))
