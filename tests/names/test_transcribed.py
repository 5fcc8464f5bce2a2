"""Foreign names written in Chinese characters with an interpunct, read by their transcription
sounds (``names/transcribed.py``; issue 3, chinese_script). Made-up pairings of common given and
family names, transcribed by the Xinhua table."""

from __future__ import annotations

import pytest

from tradewarden.match.blocking import listed_name_keys, name_keys
from tradewarden.names.analyze import NameForm, analyze_name
from tradewarden.names.compare import compare_names
from tradewarden.names.transcribed import (
    is_transcribed,
    loose_key,
    read_transcribed,
    sound_spelling,
    transcribed_similarity,
)

THRESHOLD = 0.8


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("约翰·帕克", True),
        ("布赖恩・申普夫", True),  # the Japanese middle dot
        ("约翰•帕克", True),  # a bullet
        ("王小明", False),  # a Chinese name: no interpunct
        ("王·小明", False),  # an interpunct, but characters outside the transcription table
        ("约翰·pk", False),  # Latin letters
        ("约翰帕克", False),  # no interpunct: not read so
    ],
)
def test_is_transcribed(text: str, expected: bool) -> None:
    assert is_transcribed(text) is expected


def test_reading_one_word_per_part() -> None:
    assert read_transcribed("约翰·帕克") == ("johan", "pak")
    assert read_transcribed("查尔斯·伯顿") == ("chals", "bodun")


def test_characters_outside_the_table_read_by_their_pinyin_in_english_letters() -> None:
    # 切 (qie) is read chie, not tshie: the ch that q becomes is no c for ts.
    assert read_transcribed("米切尔") == ("michiel",)
    assert transcribed_similarity("michiel", "mitchell") == 1.0


def test_nasal_before_m_is_that_m() -> None:
    # 汤 (ton) before 姆 (m) writes Tom's one nasal, not two.
    assert read_transcribed("汤姆·莫斯") == ("tom", "mos")
    assert transcribed_similarity(read_transcribed("汤姆·莫斯")[0], "tom") == 1.0
    # A 姆 after a vowel is unchanged (格里姆 Grimm), and an n before another consonant too (唐纳 donna).
    assert read_transcribed("马修·格里姆") == ("masiu", "glim")
    assert read_transcribed("唐纳") == ("tonna",)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("johan", "john"),  # h silent
        ("pak", "packer"),  # a final -er written or not (British speech)
        ("bodun", "burton"),  # r before a consonant silent, d/t one sound
        ("bulain", "brian"),  # r/l one sound
        ("shenpf", "schimpf"),  # m before p or b written n
        ("bulonbog", "bromberg"),
        ("glim", "grimm"),  # final m
        ("kaisi", "kathy"),  # th inside a word written s
        ("masiu", "matthew"),  # tth as th; a w not before a vowel silent
        ("jona", "yonah"),  # an initial y before a vowel as j
        ("yets", "yates"),  # 耶茨 Yates
        ("maikl", "michael"),  # 迈克尔: Michael's ch is k (and so Nicholas's)
        ("nigulas", "nicholas"),
        ("lichad", "richard"),  # ... where Richard's is ch
    ],
)
def test_loose_keys_meet(a: str, b: str) -> None:
    assert transcribed_similarity(a, b) == 1.0


def test_short_keys_need_their_vowel() -> None:
    # Two consonants meet in many names: 泰什 taish / Tosee share "ts" but not the vowel.
    assert loose_key("taish") == loose_key("tosee") == "ts"
    assert transcribed_similarity("taish", "tosee") < THRESHOLD
    assert transcribed_similarity("pak", "packer") == 1.0


def test_short_keys_need_their_start() -> None:
    # Transcription keeps a word's first vowel: 亚当 adan is Adam, not Tang (both "tn").
    assert loose_key("adan") == loose_key("tang") == loose_key("adam")
    assert transcribed_similarity("adan", "adam") == 1.0
    assert transcribed_similarity("adan", "tang") < THRESHOLD


def test_final_liquid_optional_only_at_the_end() -> None:
    # A final r or l may go unwritten (Packer 帕克), but one before a last vowel is a syllable
    # transcription writes: 大卫 dawei is not Tawela.
    assert transcribed_similarity("pak", "packer") == 1.0
    assert transcribed_similarity("kal", "carl") == 1.0
    assert transcribed_similarity("dawei", "tawela") < THRESHOLD


def test_sound_spelling_keeps_the_vowels() -> None:
    # The loose consonants of 伊比鲁斯 (ibilus) are those of Epirus and of Biblios; spelt as
    # transcription hears them, vowels and all, only Epirus is spelt alike.
    assert loose_key("ibilus") == loose_key("epirus") == loose_key("biblios")
    assert sound_spelling("ibilus") == sound_spelling("epirus") == "ipilus"
    assert sound_spelling("biblios") != "ipilus"


def test_analysed_as_transcribed() -> None:
    form = analyze_name("约翰·帕克", True)
    assert form.transcribed and not form.han
    assert form.tokens == ("johan", "pak")
    assert NameForm.parse(form.dump()) == form
    # A Chinese name keeps its pinyin syllables.
    chinese = analyze_name("王小明", True)
    assert chinese.han and not chinese.transcribed
    # An organisation's name is not read so.
    assert not analyze_name("洛克希德·马丁公司", False).transcribed


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("约翰·帕克", "John Packer"),
        ("查尔斯·伯顿", "Charles Burton"),
        ("布赖恩·申普夫", "Brian William Schimpf"),
        ("克里斯托弗·卡斯特纳", "Christopher Douglas Kastner"),
        ("本杰明·戴维斯", "Benjamin R. Davies"),
    ],
)
def test_transcribed_meets_latin(query: str, listed: str) -> None:
    q, c = analyze_name(query, True), analyze_name(listed, True)
    assert compare_names(q, c).score >= THRESHOLD
    # ... and is found by blocking: they share a ``$`` key.
    assert {k for k in name_keys(q, affixes=False) if k[0] == "$"} & listed_name_keys(c, False)


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("萨拉·泰什", "Tosee Siloha"),  # loose consonants alike, other vowels
        ("约翰·帕克", "Peter Smith"),
        ("亚当·金", "Tong Ho Kim"),  # run together they would meet: not compared so
    ],
)
def test_transcribed_not_other_names(query: str, listed: str) -> None:
    assert compare_names(analyze_name(query, True), analyze_name(listed, True)).score < THRESHOLD


def test_latin_query_does_not_meet_listed_transcription() -> None:
    # Read in one direction only: a clean Latin name would meet listed transcriptions by its
    # loose consonants too easily.
    listed = analyze_name("约翰·帕克", True)
    assert compare_names(analyze_name("John Packer", True), listed).score == 0.0
    # The same transcription still meets itself.
    assert compare_names(listed, listed).score >= THRESHOLD


def test_chinese_names_unchanged() -> None:
    # A clean Chinese name (no interpunct) is compared by pinyin syllables, exactly, as before.
    assert compare_names(analyze_name("王小明", True), analyze_name("Wang Xiaoming", True)).score >= THRESHOLD
    assert compare_names(analyze_name("王小明", True), analyze_name("Wang Xiaomin", True)).score < THRESHOLD
