"""Small pure helpers for cleaning values found in list files (dates, multi-values)."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"), ("dec", "december"),
        ]
    )
    for m in names
}
_ISO_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?$")
_DMY_RE = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2,4})$")
_TEXT_RE = re.compile(r"^(?:(\d{1,2})\s+)?([A-Za-z]{3,9})\.?\s+(\d{4})$")
_YEAR_RE = re.compile(r"^(?:circa|approximately|approx\.?|about|ca\.?|c\.)?\s*(\d{4})$", re.I)


def _valid(year: int, month: int | None = None, day: int | None = None) -> bool:
    if not 1800 <= year <= 2100:
        return False
    if month is None:
        return True
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _fmt(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_date(text: str | None, month_first: bool = False) -> str | None:
    """A date as an ISO prefix (``1970``, ``1970-03``, ``1970-03-25``), or None if unreadable.

    Args:
        text: ``1970-03-25``, ``25/03/1970``, ``25.03.70``, ``25 Mar 1970``, ``Mar 1970``,
            ``circa 1970`` ...; years outside 1800-2100 are rejected (real list data errors
            such as ``1023-11-01``).
        month_first: read ``03/25/1970`` as month/day/year (US files).
    Returns:
        The ISO prefix, or None.
    """
    if text is None:
        return None
    value = text.strip().rstrip(".")
    if not value:
        return None
    if m := _ISO_RE.match(value):
        year = int(m.group(1))
        month = int(m.group(2)) if m.group(2) else None
        day = int(m.group(3)) if m.group(3) else None
        if month == 0:
            month, day = None, None
        if day == 0:
            day = None
        return _fmt(year, month, day) if _valid(year, month, day) else None
    if m := _DMY_RE.match(value):
        first, second, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if year < 100:
            year += 2000 if year <= (date.today().year % 100) else 1900
        day, month = (second, first) if month_first else (first, second)
        if not _valid(year, month, day) and _valid(year, day, month):
            day, month = month, day
        return _fmt(year, month, day) if _valid(year, month, day) else None
    if m := _TEXT_RE.match(value):
        month = _MONTHS.get(m.group(2).lower())
        year = int(m.group(3))
        day = int(m.group(1)) if m.group(1) else None
        if month is not None:
            return _fmt(year, month, day) if _valid(year, month, day) else None
    if m := _YEAR_RE.match(value):
        year = int(m.group(1))
        return _fmt(year) if _valid(year) else None
    return None


def split_values(text: str | None, sep: str = ";") -> list[str]:
    """Split a multi-valued cell on ``sep`` and drop empty parts."""
    if text is None:
        return []
    return [part.strip() for part in text.split(sep) if part.strip()]
