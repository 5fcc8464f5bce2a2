"""Party matches as findings and decisions: what a party screening or a re-screening alert records.

Pure: a :class:`~tradewarden.match.model.Match` becomes a PARTY :class:`~tradewarden.findings.Finding`
whose evidence names the listed entity (``detail`` carries ``entity_id``, ``source``,
``source_id``, ``caption``, ``score`` and ``version_id``, which is how the case store links a
finding back to the entity when the entry later changes or is delisted).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from tradewarden.decide import Decision, DecisionPolicy, ListVersionRef, decide
from tradewarden.findings import Category, Evidence, Finding, Outcome, Severity
from tradewarden.match.model import Match, MatchKind

#: A name match scoring at least this asks for a block (a confirmed-strength match).
BLOCK_SCORE = 0.97
#: A match scoring at least this is a high-severity finding; below it, medium.
HIGH_SCORE = 0.90


def match_finding(match: Match, subject: str, party_name: str, version_id: int | None) -> Finding:
    """The finding for one match of a party against a listed entity.

    Args:
        match: the match.
        subject: the order field or party it concerns (``order.parties[0]``, ``party``).
        party_name: the party's name, for the title.
        version_id: the list version the listed entity was matched in.
    Returns:
        A PARTY finding (block for a name match of at least ``BLOCK_SCORE``, else review).
    """
    strong = match.kind == MatchKind.NAME.value and match.score >= BLOCK_SCORE
    if strong:
        severity = Severity.CRITICAL
    elif match.score >= HIGH_SCORE:
        severity = Severity.HIGH
    else:
        severity = Severity.MEDIUM
    code = "PARTY_LIST_MATCH" if match.kind == MatchKind.NAME.value else "PARTY_SHARED_IDENTIFIER"
    version = "" if version_id is None else f" (version {version_id})"
    return Finding(
        code=code,
        category=Category.PARTY,
        severity=severity,
        outcome=Outcome.BLOCK if strong else Outcome.REVIEW,
        title=f"{party_name} matches {match.source} {match.source_id} ({match.caption}), score {match.score:.2f}",
        detail=match.explanation,
        subject=subject,
        evidence=(
            Evidence(
                kind="list_entry",
                reference=f"{match.source}:{match.source_id}{version}",
                detail={
                    "entity_id": match.entity_id,
                    "source": match.source,
                    "source_id": match.source_id,
                    "caption": match.caption,
                    "schema": match.schema,
                    "matched_name": match.matched_name,
                    "score": match.score,
                    "kind": match.kind,
                    "version_id": version_id,
                },
            ),
        ),
    )


def party_decision(
    matches: Sequence[Match],
    subject: str,
    party_name: str,
    versions: Mapping[str, ListVersionRef],
    data_versions: dict[str, str] | None = None,
    policy: DecisionPolicy = DecisionPolicy(),
) -> Decision:
    """The decision of screening one party: a finding per match, decided by :func:`decide`.

    Args:
        matches: the party's matches.
        subject: the party's field (``party``).
        party_name: the party's name.
        versions: the list versions screened against, by source.
        data_versions: versions of other data used, if any.
        policy: the decision policy (stale or missing lists: never clear).
    Returns:
        Clear without matches (and with fresh lists); otherwise review or block.
    """
    findings = [
        match_finding(match, subject, party_name, versions[match.source].version_id if match.source in versions else None)
        for match in matches
    ]
    return decide(findings, policy, list_versions=sorted(versions.values(), key=lambda v: v.source), data_versions=data_versions)


def finding_hits(findings: Iterable[Finding]) -> list[tuple[str, dict[str, Any]]]:
    """The listed entities the findings name: ``(subject, evidence detail)`` for each list entry."""
    hits: list[tuple[str, dict[str, Any]]] = []
    for finding in findings:
        for evidence in finding.evidence:
            if evidence.kind == "list_entry" and isinstance(evidence.detail.get("entity_id"), str):
                hits.append((finding.subject, dict(evidence.detail)))
    return hits
