"""The OFAC 50 % rule across ownership links in the list data and the order's declared owners.

Pure. Two sources of ownership meet here:

* the list data: FtM ``Ownership`` entities (``owner``, ``asset``, ``percentage``) and
  ``UnknownLink`` entities whose ``role`` says ownership or control ("Owned or Controlled By",
  "Subsidiary Of", "Parent Of" ...), gathered by :class:`OwnershipGraph` from the parsed lists
  (the DoD 1260H and Cuba Restricted List parents, OFAC remarks);
* the order: each party's nested ``owners``, whose list status screening settles by matching
  every owner's name (:func:`resolve_owners`, given a lookup function).

The aggregation itself is :func:`tradewarden.rules.facts.blocked_share` (31 CFR 587.406: blocked
persons' shares add up, directly or indirectly); it is reused, not duplicated. An owner is
*blocked* when it is listed on a blocking list or is itself 50 %+ owned by blocked owners.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from followthemoney.proxy import EntityProxy

from tradewarden.findings import Category, Evidence, Finding, Outcome, Severity
from tradewarden.models import Owner
from tradewarden.rules.facts import blocked_share

#: The OFAC 50 % rule, as cited on ownership findings.
FIFTY_PERCENT_CITATION = "31 CFR 587.406 (OFAC 50 % rule; same rule in the other parts of 31 CFR chapter V)"
#: How many layers of list-data owners are followed above an entity.
MAX_DEPTH = 4
# UnknownLink roles that mean "subject is owned or controlled by object", and the reverse.
_OWNED_BY = re.compile(r"owned|controlled by|subsidiary|majority[- ]held", re.IGNORECASE)
_OWNER_OF = re.compile(r"\b(parent|owner|shareholder) of\b|\bowns\b", re.IGNORECASE)
_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)")


@dataclass(frozen=True, slots=True)
class OwnershipLink:
    """One ownership edge from the list data.

    Attributes:
        owner_id: the owning entity's id.
        asset_id: the owned entity's id.
        percent: the share held (0-100), None when the list does not say.
        role: how the list states it (``Ownership`` or the UnknownLink role).
        source: the list the link comes from.
    """

    owner_id: str
    asset_id: str
    percent: float | None
    role: str
    source: str


@dataclass(frozen=True, slots=True)
class LinkedEntity:
    """A listed entity at one end of an ownership link."""

    entity_id: str
    caption: str
    source: str
    source_id: str


def parse_percent(values: Iterable[str]) -> float | None:
    """The first percentage in FtM ``percentage`` values (``"50%"``, ``"25.5"``), or None.

    Args:
        values: the property values.
    Returns:
        The share in [0, 100], or None when no value holds a number in that range.
    """
    for value in values:
        found = _PERCENT.search(value)
        if found is not None:
            number = float(found.group(1).replace(",", "."))
            if 0.0 <= number <= 100.0:
                return number
    return None


@dataclass(slots=True)
class OwnershipGraph:
    """Ownership links of the list data, by owned entity, with the entities at their ends."""

    links_by_asset: dict[str, list[OwnershipLink]] = field(default_factory=dict)
    entities: dict[str, LinkedEntity] = field(default_factory=dict)

    @classmethod
    def build(cls, entities: Iterable[EntityProxy]) -> OwnershipGraph:
        """Gather the ownership links of parsed list entities.

        Args:
            entities: FtM entities of the lists (relations and parties, any order).
        Returns:
            The graph; links whose ends are not among ``entities`` are kept (their owner is
            then reported by id only).
        """
        links: defaultdict[str, list[OwnershipLink]] = defaultdict(list)
        known: dict[str, LinkedEntity] = {}
        for entity in entities:
            schema = entity.schema.name
            source = str(entity.context.get("source", ""))
            if schema == "Ownership":
                percent = parse_percent(entity.get("percentage", quiet=True))
                for owner in entity.get("owner", quiet=True):
                    for asset in entity.get("asset", quiet=True):
                        links[asset].append(OwnershipLink(owner, asset, percent, "Ownership", source))
            elif schema == "UnknownLink":
                for role in entity.get("role", quiet=True):
                    pairs = _role_pairs(role, entity)
                    for owner, asset in pairs:
                        links[asset].append(OwnershipLink(owner, asset, None, role, source))
            elif not entity.schema.edge and entity.id and entity.context.get("source_id") is not None:
                known[entity.id] = LinkedEntity(entity.id, entity.caption, source, str(entity.context["source_id"]))
        ends = {link.owner_id for group in links.values() for link in group} | set(links)
        return cls(dict(links), {eid: known[eid] for eid in ends if eid in known})

    def __len__(self) -> int:
        return sum(len(group) for group in self.links_by_asset.values())

    def owners_of(self, entity_id: str) -> list[OwnershipLink]:
        """The list-data owners of one entity (direct links only)."""
        return list(self.links_by_asset.get(entity_id, ()))

    def owner_tree(self, entity_id: str, is_blocked: Callable[[str], bool], depth: int = MAX_DEPTH) -> list[Owner]:
        """The list-data owners of an entity as order-style :class:`Owner` values, recursively.

        Args:
            entity_id: the owned entity.
            is_blocked: whether a listed entity (by id) is on a blocking list.
            depth: how many layers to follow (cycles end there too).
        Returns:
            One ``Owner`` per link: ``listed`` says blocked, ``percent`` is the list's share or None.
        """
        if depth <= 0:
            return []
        owners: list[Owner] = []
        for link in self.links_by_asset.get(entity_id, ()):
            node = self.entities.get(link.owner_id)
            nested = self.owner_tree(link.owner_id, is_blocked, depth - 1)
            owners.append(
                Owner(
                    name=node.caption if node else link.owner_id,
                    percent=link.percent,
                    listed=is_blocked(link.owner_id),
                    owners=nested or None,
                )
            )
        return owners


def _role_pairs(role: str, entity: EntityProxy) -> list[tuple[str, str]]:
    """(owner, asset) pairs an UnknownLink states, or [] when its role is not ownership."""
    subjects = entity.get("subject", quiet=True)
    objects = entity.get("object", quiet=True)
    if _OWNED_BY.search(role):
        return [(obj, subj) for subj in subjects for obj in objects]
    if _OWNER_OF.search(role):
        return [(subj, obj) for subj in subjects for obj in objects]
    return []


@dataclass(frozen=True, slots=True)
class OwnerStatus:
    """What screening says about one owner's list status.

    Attributes:
        listed: True (a confirmed match on a blocking list), None (a possible match: a human
            must decide) or False (no match).
        basis: one sentence saying why.
        evidence: the list entries behind it.
        list_owners: the owner's own owners from the list data (used when the order declares none).
    """

    listed: bool | None
    basis: str
    evidence: tuple[Evidence, ...] = ()
    list_owners: tuple[Owner, ...] = ()


OwnerLookup = Callable[[Owner, str], OwnerStatus]


@dataclass(frozen=True, slots=True)
class OwnerCheck:
    """One declared owner after screening: where it sits, its share and its resolved status."""

    path: str
    name: str
    percent: float | None
    declared: bool | None
    listed: bool | None
    basis: str
    evidence: tuple[Evidence, ...]


def _combine(declared: bool | None, screened: bool | None) -> bool | None:
    """Declared-listed or confirmed wins; a possible match makes the status unknown."""
    if declared or screened:
        return True
    if screened is None:
        return None
    return False


def resolve_owners(
    owners: Sequence[Owner], path: str, lookup: OwnerLookup
) -> tuple[list[Owner], list[OwnerCheck]]:
    """Settle the list status of every declared owner, recursively.

    Args:
        owners: a party's (or owner's) declared owners.
        path: the order path of ``owners`` (``order.parties[0].owners``).
        lookup: screens one owner (name, country) against the lists.
    Returns:
        The owners with ``listed`` resolved (and list-data owners filled in where the order
        declares none), and one :class:`OwnerCheck` per declared owner, depth first.
    """
    resolved: list[Owner] = []
    checks: list[OwnerCheck] = []
    for index, owner in enumerate(owners):
        where = f"{path}[{index}]"
        status = lookup(owner, where)
        listed = _combine(owner.listed, status.listed)
        basis = "declared listed in the order" if owner.listed and not status.listed else status.basis
        checks.append(OwnerCheck(where, owner.name, owner.percent, owner.listed, listed, basis, status.evidence))
        nested: list[Owner] | None = None
        if owner.owners is not None:
            nested, deeper = resolve_owners(owner.owners, f"{where}.owners", lookup)
            checks.extend(deeper)
        elif status.list_owners:
            nested = list(status.list_owners)
        resolved.append(owner.model_copy(update={"listed": listed, "owners": nested}))
    return resolved, checks


def is_blocked(owner: Owner) -> bool | None:
    """Whether an owner is blocked: listed, or 50 %+ owned by blocked owners (None: cannot tell).

    Args:
        owner: an owner with ``listed`` resolved.
    Returns:
        True, False, or None when its status or its owners' shares are unknown.
    """
    if owner.listed:
        return True
    share = blocked_share(owner.owners) if owner.owners is not None else 0.0
    if share is not None and share >= 50:
        return True
    if owner.listed is None or share is None:
        return None
    return False


def ownership_findings(
    party_name: str, subject: str, owners: Sequence[Owner], checks: Sequence[OwnerCheck]
) -> list[Finding]:
    """Findings of the 50 % rule for one party's resolved owners.

    Args:
        party_name: the party's name, for the titles.
        subject: the party's order path (``order.parties[0]``).
        owners: the party's owners after :func:`resolve_owners`.
        checks: the owner checks of the same call.
    Returns:
        ``OWNERSHIP_BLOCKED_50`` (block) when blocked owners hold 50 % or more together;
        ``OWNERSHIP_UNDETERMINED`` (review) when unknown statuses or shares could reach 50 %;
        ``OWNERSHIP_LISTED_OWNER`` (review) when a blocked owner holds less; plus
        ``OWNER_POSSIBLE_MATCH`` (review) for each owner with only a possible match.
    """
    findings: list[Finding] = []
    share = blocked_share(owners)
    direct = [(owner, is_blocked(owner)) for owner in owners]
    blocked = [owner for owner, status in direct if status]
    by_path = {check.path: check for check in checks}
    paths = [f"{subject}.owners[{index}]" for index, (_, status) in enumerate(direct) if status]
    evidence = tuple(_owner_evidence(owner, path, by_path) for owner, path in zip(blocked, paths, strict=True))
    # The owners' list entries themselves, so a report shows which entries made them blocked.
    evidence += tuple(entry for path in paths if path in by_path for entry in by_path[path].evidence)
    parts = ", ".join(f"{owner.name} ({_share(owner.percent)})" for owner in blocked)
    if share is not None and share >= 50:
        findings.append(
            _finding("OWNERSHIP_BLOCKED_50", Outcome.BLOCK, Severity.CRITICAL,
                     f"{party_name} is {share:g} % owned by blocked persons: treat as blocked",
                     f"Blocked owners, alone or together: {parts}. Their shares add up under the 50 % rule.",
                     subject, evidence)
        )
    elif share is None:
        unknown = [owner.name for owner, status in direct if status is None]
        findings.append(
            _finding("OWNERSHIP_UNDETERMINED", Outcome.REVIEW, Severity.HIGH,
                     f"{party_name}: blocked ownership could reach 50 % (unknown status or share)",
                     "Establish the list status and share of: " + ", ".join(unknown or [o.name for o in owners])
                     + (f". Blocked owners so far: {parts}." if parts else "."),
                     subject, evidence)
        )
    elif blocked:
        findings.append(
            _finding("OWNERSHIP_LISTED_OWNER", Outcome.REVIEW, Severity.HIGH,
                     f"{party_name} has blocked owners holding {share:g} % (below 50 %)",
                     f"Blocked owners: {parts}. Below the 50 % line, but control and aggregation with "
                     "undisclosed holdings must be checked.", subject, evidence)
        )
    for check in checks:
        if check.listed is None and check.evidence:
            findings.append(
                _finding("OWNER_POSSIBLE_MATCH", Outcome.REVIEW, Severity.MEDIUM,
                         f"Owner {check.name} ({_share(check.percent)} of {party_name}) may be listed",
                         check.basis, check.path, check.evidence)
            )
    return findings


def _share(percent: float | None) -> str:
    return "share unknown" if percent is None else f"{percent:g} %"


def _owner_evidence(owner: Owner, path: str, checks: dict[str, OwnerCheck]) -> Evidence:
    check = checks.get(path)
    entries = [e.reference for e in check.evidence] if check else []
    return Evidence(
        kind="ownership",
        reference=f"{path} {owner.name}",
        citation=FIFTY_PERCENT_CITATION,
        detail={
            "owner": owner.name,
            "percent": owner.percent,
            "basis": check.basis if check else "list data",
            "list_entries": entries,
        },
    )


def _finding(
    code: str, outcome: Outcome, severity: Severity, title: str, detail: str, subject: str,
    evidence: tuple[Evidence, ...],
) -> Finding:
    return Finding(
        code=code, category=Category.OWNERSHIP, severity=severity, outcome=outcome, title=title,
        detail=detail, subject=subject, evidence=evidence,
    )
