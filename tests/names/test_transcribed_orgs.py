"""Foreign company names written in Chinese characters by their sounds, then their kind in words
(``han.sound_words``, ``analyze.sound_form``; issue 3, chinese_script). Made-up companies,
transcribed by the Xinhua table."""

from __future__ import annotations

import pytest

from tradewarden.match.blocking import listed_name_keys, name_keys
from tradewarden.names.analyze import analyze_name, sound_form
from tradewarden.names.han import sound_words
from tradewarden.names.organisations import compare_organisations
from tradewarden.names.transcribed import transcribed_similarity

THRESHOLD = 0.8


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("塔兰蒂斯公司", "talandis company"),
        ("维拉托克斯技术公司", "weilatoks technology company"),
        ("布兰德尔国际贸易有限公司", "bulandl international trading co ltd"),
        # The parts of a name written with an interpunct are judged together (马丁 alone is short).
        ("马洛里·马丁公司", "maloli · madin company"),
        # Latin letters stay as they are.
        ("k7塔兰蒂斯公司", "k7 talandis company"),
        # Two names with "and" between them: two words (与 or 和).
        ("马洛里与伯顿公司", "maloli and bodun company"),
        ("马洛里和伯顿公司", "maloli and bodun company"),
    ],
)
def test_sound_words(text: str, expected: str) -> None:
    assert sound_words(text, False) == expected


@pytest.mark.parametrize(
    "text",
    [
        "华为技术有限公司",  # a Chinese company: characters of meaning
        "金铭盛科技有限公司",  # one transcription character in three
        "丽娜科技有限公司",  # a trade name of two characters: as often Chinese
        "鸿睿思博网络有限公司",  # two in four
        "中和科技有限公司",  # 和 "and" inside a Chinese word
    ],
)
def test_chinese_company_names_not_read_by_sound(text: str) -> None:
    assert sound_words(text, False) is None
    assert sound_form(text, None) is None


def test_name_of_unknown_kind_needs_a_company_word() -> None:
    # A schema-less name without a company word may be a person's name: not read so ...
    assert sound_words("塔兰蒂斯", True) == "talandis"
    assert sound_words("塔兰蒂斯", False) is None
    assert sound_form("塔兰蒂斯", None) is None
    assert sound_form("塔兰蒂斯", False) is not None
    # ... nor is a person's name, nor a Latin one.
    assert sound_form("塔兰蒂斯公司", True) is None
    assert sound_form("Tarantis Inc.", False) is None


def test_sound_form_beside_the_pinyin_form() -> None:
    form = sound_form("维拉托克斯技术公司", None)
    assert form is not None and form.transcribed and not form.han
    assert form.tokens == ("weilatoks", "technology")
    assert "co" in form.legal_forms
    # The name's own analysis is unchanged: pinyin syllables and English words.
    pinyin = analyze_name("维拉托克斯技术公司", None)
    assert not pinyin.transcribed and "weilatuokesi" in pinyin.tokens


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("塔兰蒂斯公司", "Tarantis Inc."),
        ("维拉托克斯技术公司", "Veratox Technologies Inc."),
        ("奥伯林系统公司", "Oberlin Systems LLC"),
        ("布兰德尔国际贸易有限公司", "Brandell International Trading Co., Ltd."),
        ("马洛里与伯顿公司", "Mallory & Burton, Inc."),
        ("麦迪逊技术公司", "Madison Technologies"),  # 逊 son, as in 杰斐逊 Jefferson
    ],
)
def test_sound_form_meets_latin(query: str, listed: str) -> None:
    q, c = sound_form(query, None), analyze_name(listed, False)
    assert q is not None
    assert compare_organisations(q, c).score >= THRESHOLD
    # ... and is found by blocking: they share a ``$`` key.
    assert {k for k in name_keys(q, affixes=False) if k[0] == "$"} & listed_name_keys(c, True)
    # Read as pinyin, the name does not meet it.
    assert compare_organisations(analyze_name(query, None), c).score < THRESHOLD


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("奥伯林系统公司", "Global Systems LLC"),  # only the generic word shared
        ("塔兰蒂斯公司", "TNT JSC"),  # an acronym is read by its letters
    ],
)
def test_sound_form_not_other_names(query: str, listed: str) -> None:
    q = sound_form(query, None)
    assert q is not None
    assert compare_organisations(q, analyze_name(listed, False)).score < THRESHOLD


def test_word_without_vowels_not_heard() -> None:
    assert transcribed_similarity("talandis", "tlnds") == 0.0
    assert transcribed_similarity("talandis", "tarantis") == 1.0
