"""Item screening: one order line in, findings out, each resting on a row of an ``items/data`` file.

Findings (``Finding.code``):

* ``ITEM_CHPL_TIER1`` .. ``ITEM_CHPL_TIER4`` (review; tiers 1-2 high, 3-4 medium): on the CHPL;
* ``ITEM_EAR_SUPP7``: Supplement No. 7 to 15 CFR part 746, block for Iran, Russia, Belarus and
  the Crimea / covered regions (licence required), review elsewhere (high-priority diversion item);
* ``ITEM_EAR_SUPP2`` / ``ITEM_EAR_SUPP4``: Supplements No. 2 / 4, block for Russia and Belarus;
* ``ITEM_UAV_CATEGORY`` (review): a category of parts found in Iranian-design drones;
* ``ITEM_ECCN_LICENCE``: a Commerce Control List item (ECCN other than EAR99) to a destination
  where every CCL item needs a licence (``ccl_destinations.csv``);
* ``ITEM_HS_MISMATCH`` (review): the description points to a listed code the declared one is not;
* ``ITEM_CLASSIFIED`` (clear, info): the HS code was inferred from the description, and how;
* ``ITEM_UNCLASSIFIED`` (review, info): no HS code and the classifier could not tell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Set
from dataclasses import dataclass
from functools import cache

from tradewarden.errors import InputError
from tradewarden.findings import Category, Evidence, Finding, Outcome, Severity
from tradewarden.geo.countries import country_name, normalize_country
from tradewarden.items.classify import Classification, Confidence, classify
from tradewarden.items.hs import dotted, parse_hs
from tradewarden.items.hs_lists import (
    CCL_FILE,
    CHPL_FILE,
    CLASSIFIER_FILE,
    RUSSIA_BELARUS_FILE,
    SUPP7_FILE,
    UAV_FILE,
    ListHits,
    lookup,
    lookup_heading,
    read_table,
    uav_category,
)


@dataclass(frozen=True, slots=True)
class ItemInput:
    """One order line as item screening needs it.

    Attributes:
        description: free text (``"GPS receiver module"``).
        hs_code: HS / HTS / CN code in any usual shape, or None.
        part_number: manufacturer part number (``"NEO-M8N"``), or None.
        manufacturer: maker's name, or None.
        eccn: Export Control Classification Number (``"5A992.c"``, ``"EAR99"``), or None.
    """

    description: str | None = None
    hs_code: str | None = None
    part_number: str | None = None
    manufacturer: str | None = None
    eccn: str | None = None


# Supplement No. 7 columns and the territories (FtM codes) each licence requirement covers.
SUPP7_JURISDICTIONS: tuple[tuple[str, frozenset[str]], ...] = (
    ("licence_iran", frozenset({"ir"})),
    ("licence_russia_belarus", frozenset({"ru", "by"})),
    ("licence_crimea_regions", frozenset({"ua-cri", "ua-dpr", "ua-lpr"})),
)
RUSSIA_BELARUS = frozenset({"ru", "by"})
CHPL_SEVERITY = {1: Severity.HIGH, 2: Severity.HIGH, 3: Severity.MEDIUM, 4: Severity.MEDIUM}
HIGH_PRIORITY_CODES = frozenset(
    {"ITEM_CHPL_TIER1", "ITEM_CHPL_TIER2", "ITEM_CHPL_TIER3", "ITEM_CHPL_TIER4", "ITEM_EAR_SUPP7"}
)
_ECCN = re.compile(r"^(EAR99|[0-9][A-E][0-9]{3}(\.[A-Za-z0-9]+)*)$")


@dataclass(frozen=True, slots=True)
class _CclRule:
    country: str
    outcome: Outcome
    citation: str
    sources: tuple[str, ...]
    basis: str


@cache
def _ccl_rules() -> dict[str, _CclRule]:
    return {
        row["country"]: _CclRule(
            row["country"], Outcome(row["outcome"]), row["citation"],
            tuple(s for s in row["sources"].split(";") if s), row["basis"],
        )
        for row in read_table(CCL_FILE)
    }


def has_high_priority(findings: Iterable[Finding]) -> bool:
    """Whether item findings show a high-priority (CHPL / Supplement No. 7) item.

    Args:
        findings: findings from ``screen_item``.
    Returns:
        True when any of them is a CHPL or Supplement No. 7 finding.
    """
    return any(f.code in HIGH_PRIORITY_CODES for f in findings)


def _destinations(values: Set[str]) -> set[str]:
    return {normalize_country(value, "destination_countries").code for value in values}


def _normalize_eccn(value: str | None, field: str) -> str | None:
    text = (value or "").strip()
    if not text:
        return None
    eccn = text[:5].upper() + text[5:]
    if not _ECCN.match(eccn):
        raise InputError(
            f"{value!r} is not an ECCN (e.g. 3A001.a.7, 5A992.c or EAR99)", field=field, value=value
        )
    return eccn


def _hs_evidence(file: str, code: str, citation: str, **detail: object) -> Evidence:
    return Evidence(
        kind="hs_list",
        reference=f"{file} {code}",
        citation=citation,
        detail={k: v for k, v in detail.items() if v not in (None, "", (), [])},
    )


def _names(codes: Iterable[str]) -> str:
    return ", ".join(sorted(country_name(code) for code in codes))


def _chpl_findings(hits: ListHits, subject: str, basis: str) -> list[Finding]:
    return [
        Finding(
            code=f"ITEM_CHPL_TIER{chpl.major_tier}",
            category=Category.ITEM,
            severity=CHPL_SEVERITY[chpl.major_tier],
            outcome=Outcome.REVIEW,
            title=f"Common High Priority List tier {chpl.tier}: HS {dotted(chpl.hs6)}",
            detail=f"{chpl.description}. Tier {chpl.tier}: {chpl.tier_meaning}. {basis}",
            subject=subject,
            evidence=(
                _hs_evidence(CHPL_FILE, chpl.hs6, chpl.citation, tier=chpl.tier,
                             description=chpl.description, sources=list(chpl.sources)),
            ),
        )
        for chpl in hits.chpl
    ]


def _supp7_finding(hits: ListHits, dests: set[str], subject: str, basis: str, exact: bool) -> Finding | None:
    if not hits.supp7:
        return None
    where = f"HS {dotted(hits.code)}" if exact else f"heading {hits.code}"
    covered = [(column, codes & dests) for column, codes in SUPP7_JURISDICTIONS if codes & dests]
    hit = sorted(code for _, codes in covered for code in codes)
    licences = [getattr(hits.supp7[0], column) for column, _ in covered]
    blocked = bool(hit) and exact
    if not hit:
        title = f"High-priority diversion item: {where} is in Supp. No. 7 to 15 CFR part 746"
        detail = "A licence is needed for Iran, Russia, Belarus and the Crimea / covered regions; "
        detail += f"screen for diversion. {basis}"
    elif exact:
        title = f"Licence required: {where} is in Supp. No. 7 to 15 CFR part 746 for {_names(hit)}"
        detail = f"Licence under {'; '.join(licences)}; no licence exceptions for these items. {basis}"
    else:
        title = f"{where} includes Supp. No. 7 subheadings; destination {_names(hit)}"
        detail = f"{len(hits.supp7)} Supp. No. 7 subheadings under this heading; classify to six digits. {basis}"
    return Finding(
        code="ITEM_EAR_SUPP7",
        category=Category.ITEM,
        severity=Severity.CRITICAL if blocked else Severity.HIGH if hit else Severity.MEDIUM,
        outcome=Outcome.BLOCK if blocked else Outcome.REVIEW,
        title=title,
        detail=detail,
        subject=subject,
        evidence=tuple(
            _hs_evidence(SUPP7_FILE, e.hs6, e.citation, description=e.description, chpl_tier=e.chpl_tier,
                         licence=licences, amended_by=e.amended_by, sources=list(e.sources))
            for e in hits.supp7[:5]
        ),
    )


def _russia_belarus_findings(
    hits: ListHits, dests: set[str], subject: str, basis: str, exact: bool
) -> list[Finding]:
    hit = sorted(dests & RUSSIA_BELARUS)
    if not hit:
        return []
    where = f"HS {dotted(hits.code)}" if exact else f"heading {hits.code}"
    findings = []
    for supplement in (2, 4):
        entries = [e for e in hits.russia_belarus if e.supplement == supplement]
        if not entries:
            continue
        if exact:
            title = f"Licence required: {where} is in Supp. No. {supplement} to 15 CFR part 746 for {_names(hit)}"
            detail = f"Licence under {entries[0].licence}. {basis}"
        else:
            title = f"{where} includes Supp. No. {supplement} subheadings; destination {_names(hit)}"
            detail = f"{len(entries)} subheadings under this heading are listed; classify to six digits. {basis}"
        findings.append(
            Finding(
                code=f"ITEM_EAR_SUPP{supplement}",
                category=Category.ITEM,
                severity=Severity.CRITICAL if exact else Severity.HIGH,
                outcome=Outcome.BLOCK if exact else Outcome.REVIEW,
                title=title,
                detail=detail,
                subject=subject,
                evidence=tuple(
                    _hs_evidence(RUSSIA_BELARUS_FILE, e.hs6, e.citation, supplement=e.supplement,
                                 licence=e.licence, sources=list(e.sources))
                    for e in entries[:5]
                ),
            )
        )
    return findings


def _list_findings(hits: ListHits, dests: set[str], subject: str, basis: str, exact: bool) -> list[Finding]:
    """Findings for the list entries of one code (exact) or of every code under a heading.

    Only an exact six-digit code blocks; a heading says which subheadings may apply (review).
    """
    findings = _chpl_findings(hits, subject, basis) if exact else []
    supp7 = _supp7_finding(hits, dests, subject, basis, exact)
    findings += [supp7] if supp7 else []
    return findings + _russia_belarus_findings(hits, dests, subject, basis, exact)


def _uav_findings(hits: ListHits | None, classification: Classification | None, subject: str) -> list[Finding]:
    categories = list(hits.uav) if hits else []
    if classification is not None and classification.uav_ref:
        extra = uav_category(classification.uav_ref)
        if extra is not None and extra not in categories:
            categories.insert(0, extra)
    findings = []
    for category in categories:
        findings.append(
            Finding(
                code="ITEM_UAV_CATEGORY",
                category=Category.ITEM,
                severity=Severity.MEDIUM,
                outcome=Outcome.REVIEW,
                title=f"Item category found in Iranian-design drones: {category.item}",
                detail=f"{category.basis} Indicative ECCN: {category.eccn_indicative}.",
                subject=subject,
                evidence=(_hs_evidence(UAV_FILE, category.id, category.citation, category=category.category,
                                       hs6=list(category.hs6), sources=list(category.sources),
                                       eccn_confidence=category.eccn_confidence),),
            )
        )
    return findings


def _classification_finding(classification: Classification, subject: str) -> Finding:
    evidence = Evidence(
        kind="classifier",
        reference=f"{CLASSIFIER_FILE} {classification.pattern_id or '-'}",
        citation="",
        detail={k: v for k, v in {
            "hs6": classification.hs6, "heading": classification.heading, "category": classification.category,
            "confidence": classification.confidence.value, "matched": classification.matched,
        }.items() if v},
    )
    if classification.classified:
        code = classification.hs6 and dotted(classification.hs6) or f"heading {classification.heading}"
        return Finding(
            code="ITEM_CLASSIFIED",
            category=Category.ITEM,
            severity=Severity.INFO,
            outcome=Outcome.CLEAR,
            title=f"No HS code given; classified as {code} ({classification.category}, "
            f"{classification.confidence.value} confidence)",
            detail=classification.reason,
            subject=subject,
            evidence=(evidence,),
        )
    return Finding(
        code="ITEM_UNCLASSIFIED",
        category=Category.ITEM,
        severity=Severity.INFO,
        outcome=Outcome.REVIEW,
        title="Could not classify the item: no HS code and no classifier pattern decides",
        detail=classification.reason,
        subject=subject,
        evidence=(evidence,),
    )


def _mismatch_finding(declared: str, classification: Classification, subject: str) -> Finding | None:
    """Review when the description points to a listed code and the declared code is unlisted."""
    suggested = classification.hs6
    if suggested is None or suggested == declared or classification.confidence is Confidence.LOW:
        return None
    if not lookup(suggested).is_high_priority or lookup(declared).is_high_priority:
        return None
    return Finding(
        code="ITEM_HS_MISMATCH",
        category=Category.ITEM,
        severity=Severity.MEDIUM,
        outcome=Outcome.REVIEW,
        title=f"Declared HS {dotted(declared)}, but the description suggests {dotted(suggested)} "
        f"({classification.category}), a high-priority code",
        detail=f"Misdeclared HS codes are a common evasion red flag. {classification.reason}",
        subject=subject,
        evidence=(Evidence(kind="classifier", reference=f"{CLASSIFIER_FILE} {classification.pattern_id}",
                           detail={"declared": declared, "suggested": suggested}),),
    )


def _eccn_findings(eccn: str | None, dests: set[str], subject: str) -> list[Finding]:
    if eccn is None or eccn == "EAR99":
        return []
    findings = []
    for code in sorted(dests):
        rule = _ccl_rules().get(code)
        if rule is None:
            continue
        findings.append(
            Finding(
                code="ITEM_ECCN_LICENCE",
                category=Category.ITEM,
                severity=Severity.CRITICAL if rule.outcome is Outcome.BLOCK else Severity.HIGH,
                outcome=rule.outcome,
                title=f"ECCN {eccn} (Commerce Control List) to {country_name(code)}: licence required",
                detail=rule.basis,
                subject=subject,
                evidence=(Evidence(kind="jurisdiction", reference=f"{CCL_FILE} {code}", citation=rule.citation,
                                   detail={"eccn": eccn, "sources": list(rule.sources)}),),
            )
        )
    return findings


def screen_item(item: ItemInput, destination_countries: Set[str], field: str) -> list[Finding]:
    """Screen one order line against the HS-6 lists, the drone-parts categories and the CCL rules.

    Args:
        item: the line (description, HS code, part number, manufacturer, ECCN).
        destination_countries: every country the goods are bound for (destination and final
            destination), as ISO codes or names; ``ua-cri`` / ``UA-43`` for Crimea.
        field: the order path of the line (``order.items[3]``); errors name its members
            (``order.items[3].hs_code``).
    Returns:
        Findings, strongest first.
    Raises:
        InputError: an invalid HS code or ECCN, or an unknown destination country.
    """
    dests = _destinations(destination_countries)
    eccn = _normalize_eccn(item.eccn, f"{field}.eccn")
    findings: list[Finding] = []
    classification: Classification | None = None
    hits: ListHits | None = None
    if (item.hs_code or "").strip():
        hs = parse_hs(item.hs_code or "", f"{field}.hs_code")
        hits = lookup(hs.hs6)
        findings += _list_findings(hits, dests, field, f"Declared HS code {item.hs_code}.", exact=True)
        if item.description or item.part_number:
            suggested = classify(item.description, item.part_number, item.manufacturer)
            mismatch = _mismatch_finding(hs.hs6, suggested, field)
            findings += [mismatch] if mismatch else []
    else:
        classification = classify(item.description, item.part_number, item.manufacturer)
        findings.append(_classification_finding(classification, field))
        basis = f"HS code inferred from the description ({classification.reason.split(';')[0]})."
        if classification.hs6 is not None:
            hits = lookup(classification.hs6)
            findings += _list_findings(hits, dests, field, basis, exact=True)
        elif classification.heading is not None:
            findings += _list_findings(lookup_heading(classification.heading), dests, field, basis, exact=False)
    findings += _uav_findings(hits, classification, field)
    findings += _eccn_findings(eccn, dests, field)
    return sorted(findings, key=lambda f: (-f.outcome.rank, -int(f.severity)))
