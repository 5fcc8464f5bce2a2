"""Pinyin syllables in Wade-Giles (names.wade_giles) and Chinese-character names against names
listed in Wade-Giles (made-up names)."""

from __future__ import annotations

import pytest

from tradewarden.names.analyze import analyze_name
from tradewarden.names.compare import compare_names
from tradewarden.names.wade_giles import wade_giles

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
