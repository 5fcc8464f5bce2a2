from __future__ import annotations

import pytest

from tradewarden.lists.values import parse_date, split_values


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1970-03-25", "1970-03-25"),
        ("1970-03", "1970-03"),
        ("1970", "1970"),
        ("25/03/1970", "1970-03-25"),
        ("25.03.1970", "1970-03-25"),
        ("02.12.19", "2019-12-02"),
        ("25 Mar 1970", "1970-03-25"),
        ("Mar 1970", "1970-03"),
        ("circa 1960", "1960"),
        ("1023-11-01", None),  # real BIS data error
        ("3033-09-30", None),
        ("31/02/1970", None),
        ("not a date", None),
        ("", None),
        (None, None),
        ("2024-05-03T18:43:23", "2024-05-03"),
    ],
)
def test_parse_date(text: str | None, expected: str | None) -> None:
    assert parse_date(text) == expected


def test_parse_date_month_first_and_swap() -> None:
    assert parse_date("03/25/1970", month_first=True) == "1970-03-25"
    # day/month impossible one way round is swapped rather than lost
    assert parse_date("03/25/1970") == "1970-03-25"
    assert parse_date("06/19/2003", month_first=True) == "2003-06-19"


def test_split_values() -> None:
    assert split_values("a; b;;c ") == ["a", "b", "c"]
    assert split_values(None) == []
    assert split_values("x|y", sep="|") == ["x", "y"]
