"""The description / part-number classifier: every data row fires on its example, the brief's
examples, negatives that must stay unclassified, and the reasons it gives."""

from __future__ import annotations

import pytest

from tradewarden.items.classify import Confidence, PatternKind, classify, patterns
from tradewarden.items.hs_lists import uav_category


@pytest.mark.parametrize("pattern", patterns(), ids=lambda p: p.id)
def test_every_row_fires_on_its_example(pattern) -> None:  # type: ignore[no-untyped-def]
    result = classify(pattern.example)
    assert result.pattern_id == pattern.id, result.reason
    assert result.hs6 == pattern.hs6
    assert result.heading == pattern.heading


@pytest.mark.parametrize("pattern", patterns(), ids=lambda p: p.id)
def test_every_row_is_well_formed(pattern) -> None:  # type: ignore[no-untyped-def]
    assert pattern.basis, "each row says why"
    if pattern.kind is PatternKind.EXCLUDE:
        assert pattern.hs6 is None and pattern.heading is None
    else:
        assert (pattern.hs6 is None) != (pattern.heading is None)
        assert pattern.hs6 is None or (len(pattern.hs6) == 6 and pattern.hs6.isdigit())
    if pattern.uav_ref:
        assert uav_category(pattern.uav_ref) is not None


def test_row_ids_are_unique() -> None:
    ids = [p.id for p in patterns()]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("description", "part_number", "hs6", "pattern_id"),
    [
        ("u-blox NEO-M8N", None, "852691", "P01"),
        ("GPS module", "NEO-M8N", "852691", "P01"),
        (None, "NEO-M8N", "852691", "P01"),
        ("STM32F405", None, "854231", "P02"),
        ("MCU", "STM32F405RGT6", "854231", "P02"),
        ("servo", None, "850110", None),
        ("Servo motor for control surfaces", None, "850110", None),
        ("brushless motor", None, "850131", None),
        ("fuel pump", None, "841330", None),
        ("fuel pump for two-stroke engine", None, "841330", None),
        ("50 cc two-stroke engine", None, "840790", None),
        ("two-stroke engine for drone, 50cc", None, "840710", None),
        ("Limbach L550E", None, "840710", "P15"),
        ("GPS receiver with antenna", None, "852691", None),
        ("thermal imaging camera", None, "852589", None),
        ("drone propeller 10x4.5", None, "880710", None),
    ],
)
def test_brief_examples(description: str | None, part_number: str | None, hs6: str, pattern_id: str | None) -> None:
    result = classify(description, part_number)
    assert result.hs6 == hs6, result.reason
    assert result.classified
    if pattern_id:
        assert result.pattern_id == pattern_id
    assert result.pattern_id in result.reason and hs6 in result.reason


@pytest.mark.parametrize(
    "description",
    [
        "office chair",
        "coffee beans",
        "Arabica coffee beans, roasted",
        "cotton T-shirts",
        "CPU cooler fan",  # "CPU" alone would be a processor
        "food processor",
        "garden hose connector",
        "engine oil 5W-30",
        "",
    ],
)
def test_negatives_are_unclassified(description: str) -> None:
    result = classify(description)
    assert result.hs6 is None and result.heading is None
    assert result.category == "unclassified"
    assert result.confidence is Confidence.NONE
    assert not result.classified


def test_unclassified_reason_says_nothing_matched() -> None:
    assert "no classifier pattern matches" in classify("office chair").reason
    assert classify(None).reason == "no description or part number to classify"


def test_the_head_of_the_description_decides() -> None:
    # "X with Y": the item is X.
    drone = classify("quadcopter drone with camera")
    assert (drone.hs6, drone.heading, drone.uav_ref) == (None, "8806", "U23")
    camera = classify("gimbal camera with 30x zoom lens")
    assert camera.hs6 == "852589"


def test_assembled_boards_need_a_person() -> None:
    result = classify("STM32F405 development board")
    assert result.hs6 is None and result.pattern_id == "X01"
    assert not result.classified
    assert "function" in result.reason


def test_part_number_needs_the_family_shape() -> None:
    # "neo" alone or a different suffix is not a u-blox GNSS module.
    assert classify("NEO 2000 kettle").hs6 is None
    assert classify(None, "NEO-M9N").hs6 == "852691"


def test_classification_carries_uav_category() -> None:
    assert classify("u-blox NEO-M8N").uav_ref == "U11"
    assert classify("brushless motor").uav_ref is None
