"""Normalised keys for identifiers and contact details, so equal values meet across lists.

Pure: registration/ID numbers lose spaces and punctuation, phone numbers keep their last nine
digits (so ``+7 495 …`` meets ``8 (495) …``), e-mails are lower-cased, websites become their
domain, addresses their transliterated token sequence.
"""

from __future__ import annotations

import re
from enum import StrEnum

from tradewarden.names.translit import to_ascii

_NOT_ALNUM = re.compile(r"[^0-9A-Z]+")
_NOT_DIGIT = re.compile(r"\D+")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")


class IdentifierKind(StrEnum):
    """What sort of value two parties share."""

    IDENTIFIER = "identifier"
    EMAIL = "email"
    PHONE = "phone"
    DOMAIN = "domain"
    ADDRESS = "address"


def identifier_key(value: str) -> str | None:
    """Key of a registration, tax, passport or similar number: upper-case letters and digits.

    Args:
        value: the number as written (``"77 07 083893"``, ``"IMO 9126819"``).
    Returns:
        The key (``"7707083893"``; an ``IMO`` prefix is dropped), or None when it has fewer than
        five characters or no digit (too weak to be decisive).
    """
    key = _NOT_ALNUM.sub("", value.upper())
    for prefix in ("IMO", "MMSI", "INN", "OGRN"):
        if key.startswith(prefix) and key[len(prefix):].isdigit():
            key = key[len(prefix):]
    if len(key) < 5 or not any(ch.isdigit() for ch in key):
        return None
    return key


def phone_key(value: str) -> str | None:
    """Key of a phone number: its last nine digits, or None when it has fewer than seven digits."""
    digits = _NOT_DIGIT.sub("", value)
    if len(digits) < 7:
        return None
    return digits[-9:]


def email_key(value: str) -> str | None:
    """Key of an e-mail address: stripped and lower-cased, or None when it is not an address."""
    key = value.strip().strip("<>").lower()
    if "@" not in key or "." not in key.rsplit("@", 1)[-1]:
        return None
    return key


def domain_key(value: str) -> str | None:
    """Key of a website: the host name without ``www.``, or None when there is no dotted host."""
    text = _SCHEME.sub("", value.strip().lower())
    host = re.split(r"[/?#:]", text, maxsplit=1)[0].strip(".")
    if host.startswith("www."):
        host = host[4:]
    if "." not in host or " " in host:
        return None
    return host


def address_key(value: str) -> str | None:
    """Key of a postal address: its ASCII tokens, or None when too short to be specific.

    Args:
        value: an address in any script.
    Returns:
        The transliterated tokens joined by spaces, when there are at least three and one
        of them holds a digit (a house or postal number); else None.
    """
    tokens = to_ascii(value).split()
    if len(tokens) < 3 or not any(ch.isdigit() for ch in "".join(tokens)):
        return None
    return " ".join(tokens)


KEYERS = {
    IdentifierKind.IDENTIFIER: identifier_key,
    IdentifierKind.EMAIL: email_key,
    IdentifierKind.PHONE: phone_key,
    IdentifierKind.DOMAIN: domain_key,
    IdentifierKind.ADDRESS: address_key,
}

#: FtM properties holding identifiers of each kind.
PROPERTIES: dict[IdentifierKind, tuple[str, ...]] = {
    IdentifierKind.IDENTIFIER: (
        "idNumber", "registrationNumber", "taxNumber", "innCode", "ogrnCode", "passportNumber",
        "swiftBic", "imoNumber", "mmsi", "leiCode", "vatCode", "okpoCode", "kppCode", "callSign",
    ),
    IdentifierKind.EMAIL: ("email",),
    IdentifierKind.PHONE: ("phone",),
    IdentifierKind.DOMAIN: ("website",),
    IdentifierKind.ADDRESS: ("address",),
}


def shared_keys(kind: IdentifierKind, values: list[str]) -> list[str]:
    """Index keys (``"phone:954951234"``) for ``values`` of one kind; unusable values are dropped.

    Args:
        kind: the kind of the values.
        values: raw values.
    Returns:
        Distinct keys prefixed with the kind.
    """
    keyer = KEYERS[kind]
    keys: list[str] = []
    for value in values:
        key = keyer(value)
        if key is not None:
            full = f"{kind.value}:{key}"
            if full not in keys:
                keys.append(full)
    return keys
