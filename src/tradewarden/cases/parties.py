"""Monitored parties: from order parties and customer-master rows to match queries and blocking keys.

Pure functions. A party of a past order (the ``parties`` of an order's input JSON, see
:class:`tradewarden.models.Party`) or a row of the customer master CSV
(``id,name[,schema,country,dob,address,email,phone,website,identifier]``, several values in one
cell separated by ``;``) becomes a :class:`~tradewarden.match.model.Query`. Its *blocking keys*
are every key under which the matcher could find a listed name or shared identifier for it
(a superset of what one query looks up), so re-screening after a list delta needs to match only
the parties that share a key with the changed entities.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from tradewarden.lists.values import parse_date, split_values
from tradewarden.match.blocking import name_keys, unknown_token_keys
from tradewarden.match.identifiers import IdentifierKind, shared_keys
from tradewarden.match.index import FORMAT_VERSION
from tradewarden.match.matching import prepare_query
from tradewarden.match.model import Query

#: Changes whenever the key computation changes (here or in ``match.blocking``, e.g. the abjad
#: skeleton variants); parties keyed by another version are re-keyed before re-screening.
KEYS_VERSION = f"keys-9/index-{FORMAT_VERSION}"
#: Keys longer than this are stored as a prefix plus a digest (the column holds 255 characters).
MAX_KEY_LENGTH = 200
CUSTOMER_COLUMNS = ("id", "name", "schema", "country", "dob", "address", "email", "phone", "website", "identifier")
_QUERY_LISTS = frozenset(name for name in Query.__dataclass_fields__ if name != "schema")
_SCHEMATA = {"person": "Person", "organization": "Organization", "company": "Company", "legalentity": "LegalEntity",
             "vessel": "Vessel", "airplane": "Airplane", "aircraft": "Airplane", "publicbody": "PublicBody"}


def query_to_json(query: Query) -> dict[str, Any]:
    """The query as a JSON object (for the ``monitored_party.query`` column)."""
    return {name: value for name, value in asdict(query).items() if value}


def query_from_json(data: Mapping[str, Any]) -> Query:
    """The query stored by :func:`query_to_json` (other keys are ignored)."""
    lists = {
        name: [str(v) for v in value]
        for name, value in data.items()
        if name in _QUERY_LISTS and isinstance(value, list)
    }
    schema = data.get("schema")
    return Query(schema=None if schema is None else str(schema), **lists)


def fit_key(key: str) -> str:
    """A key short enough for the ``party_key`` column (long ones end in a digest)."""
    if len(key) <= MAX_KEY_LENGTH:
        return key
    return key[:150] + "#" + hashlib.sha1(key.encode("utf-8")).hexdigest()


def party_keys(query: Query) -> set[str]:
    """Every blocking and shared-identifier key the matcher could look up for ``query``.

    The names are analysed exactly as the matcher analyses a query (``prepare_query``); each
    name contributes its blocking keys plus the prefix, suffix and deletion keys of all its tokens
    (a query adds those only for tokens the index does not know, so this is a superset).

    Args:
        query: the party.
    Returns:
        The keys, fitted with :func:`fit_key`.
    """
    keys: set[str] = set()
    for _text, form in prepare_query(query).names:
        keys.update(name_keys(form))
        for token in form.tokens:
            keys.update(unknown_token_keys(token))
    keys.update(shared_query_keys(query))
    return {fit_key(key) for key in keys}


def shared_query_keys(query: Query) -> list[str]:
    """The identifier, e-mail, phone, web domain and address keys the matcher looks up for ``query``."""
    keys: list[str] = []
    for kind, values in (
        (IdentifierKind.IDENTIFIER, query.identifiers),
        (IdentifierKind.EMAIL, query.emails),
        (IdentifierKind.PHONE, query.phones),
        (IdentifierKind.DOMAIN, query.websites),
        (IdentifierKind.ADDRESS, query.addresses),
    ):
        keys.extend(shared_keys(kind, list(values)))
    return keys


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def order_party_query(party: Mapping[str, Any]) -> Query:
    """The match query of one party of an order's input JSON (name, country, identifiers ...)."""
    identifiers = [
        value
        for value in (
            _text(party.get("registration_number")),
            _text(party.get("tax_number")),
            _text(party.get("imo_number")),
            *(_text(item.get("value")) for item in party.get("identifiers") or [] if isinstance(item, Mapping)),
        )
        if value
    ]
    schema = _text(party.get("schema_hint"))
    birth = _text(party.get("birth_date"))
    return Query(
        names=[name for name in [_text(party.get("name"))] if name],
        schema=schema,
        countries=[c for c in [_text(party.get("country"))] if c],
        birth_dates=[birth] if birth else [],
        identifiers=identifiers,
        addresses=[a for a in [_text(party.get("address"))] if a],
        emails=[e for e in [_text(party.get("email"))] if e],
        phones=[p for p in [_text(party.get("phone"))] if p],
        websites=[w for w in [_text(party.get("website"))] if w],
    )


def order_queries(order: Mapping[str, Any]) -> list[tuple[str, Query]]:
    """The queries of an order's parties and their declared owners, with the order field of each.

    Args:
        order: an order's input JSON (``{"parties": [{"name": ...}, ...], ...}``).
    Returns:
        ``(subject, query)`` pairs such as ``("order.parties[0]", Query(...))`` and
        ``("order.parties[0].owners[1]", Query(...))``; nameless entries are skipped.
    """
    found: list[tuple[str, Query]] = []

    def owners(subject: str, holder: Mapping[str, Any]) -> None:
        for number, owner in enumerate(holder.get("owners") or []):
            if isinstance(owner, Mapping) and _text(owner.get("name")):
                path = f"{subject}.owners[{number}]"
                found.append((path, order_party_query({"name": owner["name"], "country": owner.get("country")})))
                owners(path, owner)

    for number, party in enumerate(order.get("parties") or []):
        if isinstance(party, Mapping) and _text(party.get("name")):
            subject = f"order.parties[{number}]"
            found.append((subject, order_party_query(party)))
            owners(subject, party)
    return found


def order_party_key(query: Query) -> str:
    """The key of a party seen in orders: a digest of its query, so repeat orders share it."""
    canonical = json.dumps(query_to_json(query), sort_keys=True, ensure_ascii=False)
    return "order:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class CustomerRow:
    """One usable row of the customer master."""

    line: int
    customer_id: str
    query: Query

    @property
    def key(self) -> str:
        """The monitored-party key: ``customer:<id>``."""
        return f"customer:{self.customer_id}"


@dataclass(slots=True)
class CustomerFile:
    """The usable rows of a customer master file and the problems of the others."""

    rows: list[CustomerRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _schema(value: str | None) -> str | None:
    if value is None:
        return None
    return _SCHEMATA.get(value.replace(" ", "").lower())


def read_customers(content: str, file_name: str = "customers.csv") -> CustomerFile:
    """Read a customer master CSV; bad rows become problems naming their line.

    Args:
        content: the CSV text with a header row containing at least ``id`` and ``name``.
        file_name: the file's name, for problem messages.
    Returns:
        The usable rows and the problems (``customers.csv:7: ...``).
    """
    result = CustomerFile()
    reader = csv.DictReader(io.StringIO(content.lstrip("\ufeff")))
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in ("id", "name") if name not in header]
    if missing:
        result.problems.append(f"{file_name}:1: missing column(s) {', '.join(missing)}")
        return result
    reader.fieldnames = header
    seen: set[str] = set()
    for line, row in _numbered(reader):
        if None in row:
            result.problems.append(f"{file_name}:{line}: more cells than columns")
            continue
        customer_id, name = _text(row.get("id")), _text(row.get("name"))
        if customer_id is None or name is None:
            result.problems.append(f"{file_name}:{line}: id and name are required")
            continue
        if customer_id in seen:
            result.problems.append(f"{file_name}:{line}: id {customer_id!r} repeats an earlier row")
            continue
        schema_text = _text(row.get("schema"))
        schema = _schema(schema_text)
        if schema_text is not None and schema is None:
            result.problems.append(f"{file_name}:{line}: unknown schema {schema_text!r}")
            continue
        births = [parse_date(value) for value in split_values(row.get("dob"))]
        if any(birth is None for birth in births):
            result.problems.append(f"{file_name}:{line}: unreadable dob {row.get('dob')!r}")
            continue
        seen.add(customer_id)
        query = Query(
            names=split_values(name),
            schema=schema,
            countries=split_values(row.get("country")),
            birth_dates=[birth for birth in births if birth],
            identifiers=split_values(row.get("identifier")),
            addresses=split_values(row.get("address")),
            emails=split_values(row.get("email")),
            phones=split_values(row.get("phone")),
            websites=split_values(row.get("website")),
        )
        result.rows.append(CustomerRow(line, customer_id, query))
    return result


def _numbered(reader: csv.DictReader[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    for row in reader:
        yield reader.line_num, row
