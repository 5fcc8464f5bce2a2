"""Country normalisation for destination and route screening.

Countries arrive as ISO codes in any case (``ru``, ``RU``), as names in several languages
(``Russia``, ``Россия``, ``Türkiye``) or as ISO 3166-2 subdivision codes (``UA-43``). They are
normalised with FollowTheMoney's country type (backed by ``rigour.territories``), which also knows
the occupied territories of Ukraine as ``ua-cri``, ``ua-dpr`` and ``ua-lpr``. No data file of ours
is involved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from followthemoney.types import registry

from tradewarden.errors import InputError

_SUBDIVISION = re.compile(r"^([A-Za-z]{2})-([A-Za-z0-9]{1,3})$")


@dataclass(frozen=True, slots=True)
class Country:
    """A normalised country (or territory) value.

    Attributes:
        code: the FollowTheMoney territory code, lower case (``ru``, ``ua``, ``ua-cri``).
        subdivision: the ISO 3166-2 code when one was given (``UA-43``), else None.
        raw: the value as given.
    """

    code: str
    subdivision: str | None
    raw: str

    @property
    def iso2(self) -> str:
        """The ISO 3166-1 alpha-2 code of the sovereign country, upper case (``UA`` for ``ua-cri``)."""
        return self.code.split("-")[0].upper()


def subdivision_code(value: str | None) -> str | None:
    """An ISO 3166-2 code in upper case when ``value`` looks like one (``ua-43`` -> ``UA-43``).

    Args:
        value: any text.
    Returns:
        The code, or None.
    """
    if value is None:
        return None
    text = value.strip()
    return text.upper() if _SUBDIVISION.match(text) else None


def normalize_country(value: str, field: str) -> Country:
    """Normalise a country given as an ISO code, a name or an ISO 3166-2 subdivision code.

    Args:
        value: ``"RU"``, ``"ru"``, ``"Russian Federation"``, ``"Россия"``, ``"UA-43"`` ...
        field: the order field the value came from, named in the error
            (``order.route.transit_countries[1]``).
    Returns:
        The normalised Country.
    Raises:
        InputError: the value is empty or not a country FollowTheMoney knows.
    """
    text = (value or "").strip()
    if not text:
        raise InputError("country is empty", field=field, value=value)
    subdivision = subdivision_code(text)
    code = registry.country.clean(text)
    if code is None and subdivision is not None:
        code = registry.country.clean(subdivision[:2])
    if code is None:
        raise InputError(f"unknown country {value!r}", field=field, value=value)
    return Country(code=code, subdivision=subdivision, raw=text)


def country_name(code: str) -> str:
    """A readable name for a territory code (``ir`` -> ``Iran``, ``ua-cri`` -> ``Crimea ...``).

    Args:
        code: a FollowTheMoney territory code.
    Returns:
        The name, or the code in upper case when FtM has none.
    """
    return registry.country.names.get(code.lower(), code.upper())
