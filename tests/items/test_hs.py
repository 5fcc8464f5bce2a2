"""HS code normalisation: the shapes orders use, and the ones that must be refused."""

from __future__ import annotations

import pytest

from tradewarden.errors import InputError
from tradewarden.items.hs import dotted, normalize_hs6, parse_hs


@pytest.mark.parametrize(
    ("value", "hs6"),
    [
        ("8542.31", "854231"),
        ("854231", "854231"),
        ("8542.31.0000", "854231"),
        ("8542310000", "854231"),
        ("8542 31 90", "854231"),  # EU CN-8 with spaces
        ("8542.31.00", "854231"),  # HTS-8
        ("  8526.91.0020 ", "852691"),
        ("HS 8542.31", "854231"),
        ("HTS: 8542.31.0000", "854231"),
        ("hs code 852691", "852691"),
        ("8542-31", "854231"),
        ("0901.11", "090111"),  # chapter 09 keeps its leading zero in text
        (854231, "854231"),
    ],
)
def test_normalises_to_hs6(value: str | int, hs6: str) -> None:
    assert normalize_hs6(value, "order.items[0].hs_code") == hs6


def test_parse_keeps_national_digits() -> None:
    code = parse_hs("8542.31.0000", "f")
    assert code.digits == "8542310000"
    assert (code.hs6, code.heading, code.chapter, code.dotted) == ("854231", "8542", "85", "8542.31")
    assert dotted("880730") == "8807.30"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("8542", "at least the 6-digit"),  # a heading is not a subheading
        ("8542.3", "at least the 6-digit"),
        (90111, "at least the 6-digit"),  # an int loses chapter 09's leading zero
        ("8542311", "expected 6"),  # 7 digits
        ("854231000", "expected 6"),  # 9 digits
        ("854231000000", "expected 6"),  # 12 digits
        ("8542.3I", "only digits"),  # letter I for digit 1
        ("85423l", "only digits"),
        ("８５４２３１", "only digits"),  # full-width digits are not ASCII
        ("ABC123", "only digits"),
        ("000000", "not an HS chapter"),
        ("7701.00", "not an HS chapter"),  # chapter 77 is reserved
        ("9801.00.10", "not an HS chapter"),  # HTS chapter 98 is national, not HS
    ],
)
def test_invalid_codes_name_the_field(value: str | int, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        normalize_hs6(value, "order.items[3].hs_code")
    assert caught.value.field == "order.items[3].hs_code"
    assert reason in caught.value.message
    assert str(caught.value).startswith("order.items[3].hs_code: ")
