"""``tradewarden.match(...)``: the one-call Python API for matching a party.

The ``tradewarden.match`` package is itself callable (see its ``__init__``); calling it runs
:func:`match` below against the current versions of the stored lists.
"""

from __future__ import annotations

from collections.abc import Sequence

from tradewarden.match.model import DEFAULT_THRESHOLD, Match, Query
from tradewarden.settings import Settings, get_settings


def match(
    name: str | Sequence[str],
    *,
    schema: str | None = None,
    countries: Sequence[str] = (),
    birth_dates: Sequence[str] = (),
    identifiers: Sequence[str] = (),
    addresses: Sequence[str] = (),
    emails: Sequence[str] = (),
    phones: Sequence[str] = (),
    websites: Sequence[str] = (),
    limit: int = 10,
    min_score: float = DEFAULT_THRESHOLD,
    settings: Settings | None = None,
) -> list[Match]:
    """Match one party against the current versions of the stored lists.

    Args:
        name: the party's name (or several names), in any script.
        schema: ``Person``, ``Organization``, ``Company``, ``Vessel`` ... if known.
        countries, birth_dates, identifiers, addresses, emails, phones, websites: secondary
            evidence; an exact identifier or contact match is decisive.
        limit: the most matches to return.
        min_score: drop matches below this score (default: the alert threshold).
        settings: where the store and index live (default: from the environment).
    Returns:
        Matches, best first, each with its explanation.
    """
    from tradewarden.match.service import match_party

    names = [name] if isinstance(name, str) else list(name)
    query = Query(
        names=names,
        schema=schema,
        countries=list(countries),
        birth_dates=list(birth_dates),
        identifiers=list(identifiers),
        addresses=list(addresses),
        emails=list(emails),
        phones=list(phones),
        websites=list(websites),
    )
    return match_party(settings or get_settings(), query, limit=limit, min_score=min_score)
