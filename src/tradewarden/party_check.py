"""Party screening: every party of an order (and its owners) through the matcher, findings out.

Pure over a matcher (a loaded :class:`~tradewarden.match.MatchIndex`, or anything with the same
``match`` method) and the :class:`~tradewarden.listed.ListData` side tables.

**A confirmed match** is defined here, in :func:`confirmation`, and nowhere else. A match is
confirmed when

1. it rests on an exact identifier: a registration, tax, passport, IMO, SWIFT ... number equal to
   the listed entry's (``identifier_match`` feature, or a ``shared_identifier`` match of kind
   identifier), or
2. its score is at least ``ConfirmPolicy.confirm_score`` (default 0.95) *and* some secondary
   evidence corroborates it (same country, birth date or birth year) *and* nothing contradicts
   it (another country, a birth year more than a year away, a different kind of entity, a weak
   alias).

A confirmed match asks for what its list asks for (``data/list_effects.yaml``: block for SDN,
asset-freeze, Entity List and Denied Persons entries; review for lists that restrict only some
dealings). Any other match at or above the alert threshold is *possible* and asks for review.
A shared address, phone, e-mail or web domain with a listed entry asks for review.

Finding codes: ``PARTY_LISTED``, ``PARTY_POSSIBLE_MATCH``, ``PARTY_SHARED_CONTACT``, and the
ownership codes of :mod:`tradewarden.ownership`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from tradewarden.findings import Category, Evidence, Finding, Outcome, Severity
from tradewarden.listed import ListData
from tradewarden.match.model import DEFAULT_THRESHOLD, Match, MatchKind, Query
from tradewarden.models import BusinessType, Order, Owner, Party
from tradewarden.ownership import OwnerStatus, ownership_findings, resolve_owners

#: Features that corroborate a strong name match.
CORROBORATING = frozenset({"country_match", "dob_match", "dob_year_match"})
#: Features that keep a match from being confirmed, however high its score.
CONTRADICTING = frozenset({"country_mismatch", "dob_year_disjoint", "schema_mismatch", "weak_alias"})
#: How many list entries a finding carries as evidence.
MAX_EVIDENCE = 6


class PartyMatcher(Protocol):
    """Anything that matches a query against the lists (``MatchIndex`` does)."""

    def match(self, query: Query, limit: int = 10, min_score: float = DEFAULT_THRESHOLD) -> list[Match]:
        """Matches of ``query``, best first."""
        ...


@dataclass(frozen=True, slots=True)
class ConfirmPolicy:
    """Thresholds of party matching.

    Attributes:
        confirm_score: a corroborated match scoring at least this is confirmed.
        alert_score: matches below this are not reported.
        limit: the most matches looked at per party.
    """

    confirm_score: float = 0.95
    alert_score: float = DEFAULT_THRESHOLD
    limit: int = 10


def confirmation(match: Match, policy: ConfirmPolicy = ConfirmPolicy()) -> str | None:
    """Why a match is confirmed, or None when it is only possible (see the module docstring).

    Args:
        match: a match from the matcher.
        policy: the confirmation score.
    Returns:
        One sentence naming the decisive evidence, or None.
    """
    by_name = {feature.name: feature for feature in match.features}
    identifier = by_name.get("identifier_match") or by_name.get("shared_identifier")
    if identifier is not None:
        return f"exact identifier match ({identifier.detail})"
    if match.kind != MatchKind.NAME.value or match.score < policy.confirm_score:
        return None
    if set(by_name) & CONTRADICTING:
        return None
    support = sorted(set(by_name) & CORROBORATING)
    if not support:
        return None
    details = "; ".join(by_name[name].detail for name in support)
    return f"score {match.score:.2f} >= {policy.confirm_score:.2f}, corroborated by {details}"


@dataclass(frozen=True, slots=True)
class PartyToScreen:
    """One party as screening sees it: where it sits in the order, its roles, its query."""

    subject: str
    name: str
    roles: tuple[str, ...]
    query: Query
    owners: tuple[Owner, ...] | None = None


def _key(name: str | None) -> str:
    return re.sub(r"[\W_]+", " ", (name or "").casefold()).strip()


def party_query(party: Party) -> Query:
    """The matcher query of an order party: names, schema, country, birth date, identifiers, contacts.

    Args:
        party: an order party.
    Returns:
        The query.
    """
    schema = party.schema_hint.value if party.schema_hint else None
    if schema is None and party.business_type is BusinessType.INDIVIDUAL:
        schema = "Person"
    if schema is None and party.imo_number:
        schema = "Vessel"
    identifiers = [value for value in (party.registration_number, party.tax_number, party.imo_number) if value]
    identifiers += [identifier.value for identifier in party.identifiers]
    return Query(
        names=[party.name],
        schema=schema,
        countries=[party.country] if party.country else [],
        birth_dates=[party.birth_date.isoformat()] if party.birth_date else [],
        identifiers=identifiers,
        addresses=[party.address] if party.address else [],
        emails=[party.email] if party.email else [],
        phones=[party.phone] if party.phone else [],
        websites=[party.website] if party.website else [],
    )


def order_parties(order: Order) -> list[PartyToScreen]:
    """Every party to screen: the order's parties, then a payer or bank named only in the payment.

    Args:
        order: a validated order.
    Returns:
        The parties, each with its order path and roles.
    """
    found = [
        PartyToScreen(
            f"order.parties[{index}]", party.name, tuple(role.value for role in party.roles), party_query(party),
            tuple(party.owners) if party.owners is not None else None,
        )
        for index, party in enumerate(order.parties)
    ]
    known = {_key(party.name) for party in order.parties}
    payment = order.payment
    for attr, role, country in (("payer_name", "payer", payment.payer_country), ("bank_name", "bank", payment.bank_country)):
        name = getattr(payment, attr)
        if name and _key(name) not in known:
            known.add(_key(name))
            query = Query(names=[name], countries=[country] if country else [])
            found.append(PartyToScreen(f"order.payment.{attr}", name, (role,), query))
    return found


@dataclass(slots=True)
class PartyScreening:
    """What party screening found, and the facts it settles for the red-flag rules.

    Attributes:
        findings: party, contact and ownership findings.
        name_similar: some party resembles a listed one (``name_similar_to_listed_party``).
        contact_shared: some party shares a contact detail with a listed one; None when no
            party gave any (``address_shared_with_listed_party``).
        owners: resolved owners per order party index (list status settled by screening).
        matches: every reported match per party subject, for reports.
    """

    findings: list[Finding] = field(default_factory=list)
    name_similar: bool = False
    contact_shared: bool | None = None
    owners: dict[int, list[Owner]] = field(default_factory=dict)
    matches: dict[str, list[Match]] = field(default_factory=dict)


class PartyScreener:
    """Screens parties and owners with one matcher, list data and confirmation policy."""

    def __init__(self, matcher: PartyMatcher, lists: ListData, policy: ConfirmPolicy = ConfirmPolicy()) -> None:
        self.matcher = matcher
        self.lists = lists
        self.policy = policy

    def _matches(self, query: Query) -> list[Match]:
        return self.matcher.match(query, self.policy.limit, self.policy.alert_score)

    def evidence(self, match: Match, reason: str | None) -> Evidence:
        """The evidence of one match: the list entry, its version, programmes and the explanation."""
        entry = self.lists.entries.get(match.entity_id)
        effect = self.lists.effect(match.source, match.entity_id)
        version = self.lists.versions.get(match.source)
        detail: dict[str, object] = {
            "entity_id": match.entity_id,
            "source": match.source,
            "source_id": match.source_id,
            "caption": match.caption,
            "schema": match.schema,
            "query_name": match.query_name,
            "matched_name": match.matched_name,
            "score": match.score,
            "match_kind": match.kind,
            "explanation": match.explanation,
            "confirmed": reason,
            "list_effect": effect.label,
            "programs": list(entry.programs) if entry else [],
            "listed_on": entry.listed_on if entry else None,
            "list_version": version.version_id if version else None,
        }
        return Evidence(
            kind="list_entry",
            reference=self.lists.reference(match.source, match.source_id),
            citation=effect.citation,
            detail=detail,
        )

    def screen(self, order: Order) -> PartyScreening:
        """Screen every party of ``order`` and its declared owners.

        Args:
            order: a validated order.
        Returns:
            The findings and the facts they settle.
        """
        result = PartyScreening()
        any_contact = False
        for index, party in enumerate(order_parties(order)):
            query = party.query
            any_contact = any_contact or bool(query.addresses or query.emails or query.phones or query.websites)
            matches = self._matches(query)
            result.matches[party.subject] = matches
            findings, similar, shared, best = self._party_findings(party, matches)
            result.findings += findings
            result.name_similar = result.name_similar or similar
            result.contact_shared = True if shared else result.contact_shared
            if party.subject.startswith("order.parties["):
                owners = self._owners(party, best, result)
                if owners is not None:
                    result.owners[index] = owners
        if result.contact_shared is None and any_contact:
            result.contact_shared = False
        return result

    def _party_findings(
        self, party: PartyToScreen, matches: Sequence[Match]
    ) -> tuple[list[Finding], bool, bool, Match | None]:
        confirmed = [(m, r) for m in matches if (r := confirmation(m, self.policy)) is not None]
        confirmed_ids = {m.entity_id for m, _ in confirmed}
        possible = [m for m in matches if m.kind == MatchKind.NAME.value and m.entity_id not in confirmed_ids]
        contact = [m for m in matches if m.kind == MatchKind.SHARED_IDENTIFIER.value and m.entity_id not in confirmed_ids]
        roles = "/".join(role.replace("_", " ") for role in party.roles)
        findings: list[Finding] = []
        blocked = False
        if confirmed:
            effects = [(self.lists.effect(m.source, m.entity_id), m, r) for m, r in confirmed]
            effects.sort(key=lambda item: (-item[0].outcome.rank, -item[1].score))
            effect, best, _ = effects[0]
            blocked = effect.outcome is Outcome.BLOCK
            lists = ", ".join(dict.fromkeys(m.source for _, m, _ in effects))
            findings.append(self._finding(
                "PARTY_LISTED", effect.outcome, Severity.CRITICAL if blocked else Severity.HIGH,
                f"{roles.capitalize()} {party.name!r} is listed: {best.caption} ({effect.label})",
                f"Confirmed match on {lists}: {effects[0][2]}.", party.subject,
                tuple(self.evidence(m, r) for _, m, r in effects[:MAX_EVIDENCE]),
            ))
        if possible and not blocked:
            top = possible[0]
            findings.append(self._finding(
                "PARTY_POSSIBLE_MATCH", Outcome.REVIEW,
                Severity.HIGH if top.score >= self.policy.confirm_score else Severity.MEDIUM,
                f"{roles.capitalize()} {party.name!r} resembles listed {top.caption} ({top.source}, score {top.score:.2f})",
                "Possible match, not confirmed: no identifier and no corroborating country or birth date. "
                f"Best: {top.explanation}.", party.subject,
                tuple(self.evidence(m, None) for m in possible[:MAX_EVIDENCE]),
            ))
        if contact:
            top = contact[0]
            findings.append(self._finding(
                "PARTY_SHARED_CONTACT", Outcome.REVIEW, Severity.HIGH,
                f"{roles.capitalize()} {party.name!r} shares contact details with listed {top.caption} ({top.source})",
                f"{top.explanation}.", party.subject,
                tuple(self.evidence(m, None) for m in contact[:MAX_EVIDENCE]),
            ))
        best_confirmed = max((m for m, _ in confirmed), key=lambda m: m.score, default=None)
        similar = bool(possible) or any(m.kind == MatchKind.NAME.value for m, _ in confirmed)
        return findings, similar, bool(contact), best_confirmed

    def _owners(self, party: PartyToScreen, best: Match | None, result: PartyScreening) -> list[Owner] | None:
        if party.owners is not None:
            owners, checks = resolve_owners(party.owners, f"{party.subject}.owners", self.owner_status)
        elif best is not None and self.lists.ownership.owners_of(best.entity_id):
            owners, checks = self.lists.ownership.owner_tree(best.entity_id, self.lists.is_blocking), []
        else:
            return None
        result.findings += ownership_findings(party.name, party.subject, owners, checks)
        return owners

    def owner_status(self, owner: Owner, path: str) -> OwnerStatus:
        """Screen one declared owner: confirmed on a blocking list, possible, or no match.

        Args:
            owner: the owner (name and country are used).
            path: its order path, for the evidence.
        Returns:
            Its :class:`~tradewarden.ownership.OwnerStatus`, with list-data owners of its entry.
        """
        query = Query(names=[owner.name], countries=[owner.country] if owner.country else [])
        matches = [m for m in self._matches(query) if m.kind == MatchKind.NAME.value or confirmation(m, self.policy)]
        confirmed = [(m, r) for m in matches if (r := confirmation(m, self.policy)) is not None]
        blocking = [(m, r) for m, r in confirmed if self.lists.effect(m.source, m.entity_id).blocking]
        if blocking:
            best, reason = blocking[0]
            tree = self.lists.ownership.owner_tree(best.entity_id, self.lists.is_blocking)
            return OwnerStatus(
                True, f"confirmed match: {best.caption} on {best.source} ({reason})",
                tuple(self.evidence(m, r) for m, r in blocking[:MAX_EVIDENCE]), tuple(tree),
            )
        if confirmed:
            best, reason = confirmed[0]
            return OwnerStatus(
                False, f"listed on {best.source} ({self.lists.effect(best.source, best.entity_id).label}), "
                "which does not make it a blocked person", tuple(self.evidence(m, r) for m, r in confirmed[:MAX_EVIDENCE]),
            )
        if matches:
            top = matches[0]
            return OwnerStatus(
                None, f"possible match: {top.caption} on {top.source}, score {top.score:.2f}, not confirmed",
                tuple(self.evidence(m, None) for m in matches[:MAX_EVIDENCE]),
            )
        return OwnerStatus(False, f"no list match at or above {self.policy.alert_score:.2f}")

    @staticmethod
    def _finding(
        code: str, outcome: Outcome, severity: Severity, title: str, detail: str, subject: str,
        evidence: tuple[Evidence, ...],
    ) -> Finding:
        return Finding(
            code=code, category=Category.PARTY, severity=severity, outcome=outcome, title=title,
            detail=detail, subject=subject, evidence=evidence,
        )
