"""HS code normalisation: the many shapes an order gives (``8542.31``, ``854231``,
``8542.31.0000``, ``8542310000``, ``HS 8542 31``) reduced to a validated six-digit subheading.

The export-control lists in ``items/data`` are HS-6 lists whose entries cover every longer national
code (HTS-8/10, CN-8, Schedule B-10) that begins with the six digits, so HS-6 is what screening
compares. No data file is read here: the checks are structural (digits, length, chapter range).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tradewarden.errors import InputError

# Accepted national lengths: HS-6, 8-digit tariff lines (HTS-8, CN-8), 10-digit HTS / Schedule B.
_LENGTHS = (6, 8, 10)
_PREFIX = re.compile(r"^(?:hs|hts|htsus|cn|taric|schedule b)(?:\s*code)?\s*[:#]?\s*", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s.\-/]+")
# HS 2022 chapters run 01-97; chapter 77 is reserved for future use.
_RESERVED_CHAPTERS = frozenset({0, 77})


@dataclass(frozen=True, slots=True)
class HSCode:
    """A validated HS / national tariff code.

    Attributes:
        digits: every digit given (6, 8 or 10), separators removed.
    """

    digits: str

    @property
    def hs6(self) -> str:
        """The six-digit HS subheading (``854231``)."""
        return self.digits[:6]

    @property
    def heading(self) -> str:
        """The four-digit HS heading (``8542``)."""
        return self.digits[:4]

    @property
    def chapter(self) -> str:
        """The two-digit HS chapter (``85``)."""
        return self.digits[:2]

    @property
    def dotted(self) -> str:
        """The subheading written the usual way (``8542.31``)."""
        return dotted(self.hs6)


def dotted(hs6: str) -> str:
    """Write a six-digit subheading with its dot (``854231`` -> ``8542.31``).

    Args:
        hs6: six digits.
    Returns:
        ``NNNN.NN``.
    """
    return f"{hs6[:4]}.{hs6[4:]}"


def parse_hs(value: str | int, field: str = "hs_code") -> HSCode:
    """Parse and validate an HS or national tariff code.

    Args:
        value: ``"8542.31"``, ``"854231"``, ``"8542.31.0000"``, ``"8542310000"``, ``"HS 8542 31"``
            or an int (an int loses leading zeros, so ``090111`` must come as a string).
        field: the order field the value came from, named in the error (``order.items[3].hs_code``).
    Returns:
        The validated code.
    Raises:
        InputError: not digits, a length other than 6, 8 or 10 digits, or a chapter outside 01-97.
    """
    text = str(value).strip()
    text = _PREFIX.sub("", text)
    digits = _SEPARATORS.sub("", text)
    if not digits:
        raise InputError("HS code is empty", field=field, value=str(value))
    if not digits.isascii() or not digits.isdigit():
        raise InputError(
            f"HS code {value!r} must contain only digits and separators (. - space)",
            field=field,
            value=str(value),
        )
    if len(digits) < 6:
        raise InputError(
            f"HS code {value!r} has {len(digits)} digits; at least the 6-digit subheading is needed",
            field=field,
            value=str(value),
        )
    if len(digits) not in _LENGTHS:
        raise InputError(
            f"HS code {value!r} has {len(digits)} digits; expected 6 (HS), 8 or 10 (national)",
            field=field,
            value=str(value),
        )
    if int(digits[:2]) in _RESERVED_CHAPTERS or int(digits[:2]) > 97:
        raise InputError(
            f"HS code {value!r} starts with chapter {digits[:2]}, which is not an HS chapter (01-97)",
            field=field,
            value=str(value),
        )
    return HSCode(digits)


def normalize_hs6(value: str | int, field: str = "hs_code") -> str:
    """The six-digit HS subheading of any accepted HS / national code.

    Args:
        value: an HS, HTS, CN or Schedule B code in any usual shape.
        field: the order field the value came from, named in the error.
    Returns:
        Six digits, no dot (``"854231"``).
    Raises:
        InputError: when the code is not valid (see ``parse_hs``).
    """
    return parse_hs(value, field).hs6
