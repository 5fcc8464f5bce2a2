"""Pinyin syllables in Wade-Giles (names.wade_giles) and Chinese-character names against names
listed in Wade-Giles (made-up names)."""

from __future__ import annotations

import pytest

from tradewarden.names.analyze import analyze_name
from tradewarden.names.compare import compare_names
from tradewarden.names.wade_giles import same_syllable, spellings, wade_giles

THRESHOLD = 0.8


@pytest.mark.parametrize(
    ("pinyin", "written"),
    [
        ("zheng", "cheng"), ("ding", "ting"), ("zi", "tzu"), ("si", "ssu"), ("shi", "shih"),
        ("xi", "hsi"), ("jian", "chien"), ("jie", "chieh"), ("jun", "chun"), ("xue", "hsueh"),
        ("zhong", "chung"), ("rong", "jung"), ("gui", "kuei"), ("guo", "kuo"), ("duo", "to"),
        ("ge", "ko"), ("de", "te"), ("zeng", "tseng"), ("cai", "tsai"), ("you", "yu"), ("yan", "yen"),
        ("bo", "po"),
        # Written alike.
        ("wang", "wang"), ("lin", "lin"), ("ming", "ming"), ("hua", "hua"),
    ],
)
def test_wade_giles(pinyin: str, written: str) -> None:
    assert wade_giles(pinyin) == written


@pytest.mark.parametrize(
    ("chinese", "latin", "matches"),
    [
        ("郑英明", "Cheng Ying-ming", True),
        ("王定华", "Wang Ting-hua", True),
        ("温子明", "Wen Tzu-ming", True),
        ("张伟明", "Chang Wei-ming", True),
        # Pinyin as before.
        ("张伟明", "Zhang Weiming", True),
        # A syllable that is neither spelling is another name.
        ("郑英明", "Cheng Yong-ming", False),
        ("郑英明", "Chen Ying-ming", False),
    ],
)
def test_chinese_name_against_wade_giles(chinese: str, latin: str, matches: bool) -> None:
    score = compare_names(analyze_name(chinese, True), analyze_name(latin, True)).score
    assert (score >= THRESHOLD) == matches, score


@pytest.mark.parametrize(
    ("pinyin", "written", "same"),
    [
        # Tongyong Pinyin (Taiwan 2002-2008) and MPS II (1986), and Wade-Giles's variant szu.
        ("xi", "si", True), ("qi", "ci", True), ("zhi", "jhih", True), ("feng", "fong", True),
        ("xu", "syu", True), ("jiao", "jiau", True), ("si", "szu", True), ("hao", "hau", True),
        # Either side may be the pinyin one; Wade-Giles as before.
        ("si", "xi", True), ("zheng", "cheng", True),
        # Not a spelling of the syllable in any of them.
        ("xi", "shi", False), ("jiao", "jiu", False), ("ke", "ker", False), ("gu", "koo", False),
    ],
)
def test_same_syllable(pinyin: str, written: str, same: bool) -> None:
    assert same_syllable(pinyin, written) == same
    assert pinyin in spellings(pinyin)


@pytest.mark.parametrize(
    ("chinese", "latin", "matches"),
    [
        # Taiwanese names as their passports spell them (made-up names).
        ("游锡明", "You Si-ming", True),
        ("陈椒明", "Chen Jiau-ming", True),
        ("吴思明", "Wu Szu-ming", True),
        # One syllable neither way is another name.
        ("吴思明", "Wu Szu-yao", False),
    ],
)
def test_chinese_name_against_taiwanese_spellings(chinese: str, latin: str, matches: bool) -> None:
    score = compare_names(analyze_name(chinese, True), analyze_name(latin, True)).score
    assert (score >= THRESHOLD) == matches, score
