"""Chinese and Korean names written in Latin letters in two romanisations (names.east_asian), and
their comparison (made-up names)."""

from __future__ import annotations

import pytest

from tradewarden.names.analyze import analyze_name
from tradewarden.names.compare import compare_names
from tradewarden.names.east_asian import (
    CHINESE,
    KOREAN,
    chinese_readings,
    final_slip,
    is_chinese_name,
    is_korean_name,
    korean_key,
    romanisation_family,
    same_romanised,
    wade_giles_word,
)

THRESHOLD = 0.8


def _score(query: str, listed: str) -> float:
    return compare_names(analyze_name(query, True), analyze_name(listed, True)).score


def test_chinese_readings_cut_a_word_into_syllables() -> None:
    assert chinese_readings("weiming") == (("wei", "ming"),)
    assert ("xi", "an") in chinese_readings("xian") and ("xian",) in chinese_readings("xian")
    assert chinese_readings("hsuehkang") == (("hsueh", "kang"),)  # Wade-Giles syllables too
    assert chinese_readings("robert") == ()
    assert chinese_readings("zhangweimingli") == ()  # more than MAX_SYLLABLES


@pytest.mark.parametrize(
    ("one", "other"),
    [
        # Revised Romanization / McCune-Reischauer without breves / the North's system / abroad.
        ("jeong", "chong"), ("cheol", "chol"), ("geum", "kum"), ("eun", "un"), ("myeong", "myong"),
        ("ri", "lee"), ("li", "yi"), ("ryu", "yu"), ("ryu", "yoo"), ("park", "pak"), ("bak", "pak"),
        ("choi", "choe"), ("hee", "hui"), ("ahn", "an"), ("ro", "no"), ("sin", "shin"),
    ],
)
def test_one_korean_syllable_romanised_two_ways(one: str, other: str) -> None:
    assert korean_key(one) is not None
    assert korean_key(one) == korean_key(other)


def test_other_korean_syllables_keep_their_keys() -> None:
    # Another vowel (jon / jun: o is eo, never u), another final, another initial.
    assert korean_key("jon") != korean_key("jun")
    assert korean_key("kim") != korean_key("kin")
    assert korean_key("song") != korean_key("jong")
    assert korean_key("robert") is None


def test_a_name_is_east_asian_only_in_those_syllables_alone() -> None:
    assert romanisation_family(("huang", "jie")) & CHINESE
    assert romanisation_family(("kim", "il", "song")) == KOREAN
    assert romanisation_family(("robert", "chang")) == 0  # an English name
    assert romanisation_family(("chang",)) == 0  # one word proves nothing
    assert romanisation_family(("chang", "j")) == 0  # an initial


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("jie", "chieh", True), ("xu", "hsu", True), ("zi", "tzu", True), ("zhang", "chang", True),
        ("jianguo", "chienkuo", True), ("xueming", "hsuehming", True),
        ("jie", "chiao", False), ("zhang", "cheng", False), ("jianguo", "chienhua", False),
    ],
)
def test_chinese_words_romanised_two_ways(one: str, other: str, same: bool) -> None:
    assert same_romanised(one, other, CHINESE) == same


def test_wade_giles_word_spells_a_pinyin_word() -> None:
    assert wade_giles_word("jianguo") == "chienkuo"
    assert wade_giles_word("zhang") == "chang"
    assert wade_giles_word("chieh") == "chieh"  # not pinyin: as written


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        # Pinyin / Wade-Giles, given names hyphenated, run together or spaced.
        ("Zhou Jianguo", "Chou Chien-kuo"),
        ("Xu Zhiqiang", "Hsu Chih-chiang"),
        ("Cai Xueming", "Tsai Hsueh-ming"),
        ("Liu Zixuan", "Liu Tzu-hsuan"),
        ("Gao Jie", "Gao Chieh"),
        ("Zhang Wei Ming", "Chang Wei-ming"),
        ("Zhang Weiming", "Chang Wei-ming"),
        ("Lin Xiaohong", "Lin Hsiao Hung"),
        # Revised Romanization / McCune-Reischauer / the North's system / spellings abroad.
        ("Jeong Seong Cheol", "Chong Song Chol"),
        ("Geum Eun Jeong", "Kum Un Jong"),
        ("Ri Myong Hui", "Lee Myeong Hee"),
        ("Ryu Chang Bok", "Yu Chang Bok"),
        ("Park Kyong Ae", "Pak Kyeong Ae"),
        ("CHOI, Sun-ho", "Choe Sun Ho"),
    ],
)
def test_east_asian_names_in_two_romanisations_meet(query: str, listed: str) -> None:
    assert _score(query, listed) >= THRESHOLD
    assert _score(listed, query) >= THRESHOLD


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        # A syllable that is no spelling of the other is another name.
        ("Gao Jie", "Gao Chiao"),
        ("Zhou Jianguo", "Chou Chien-hua"),
        ("Pak Yong Su", "Pak Myong Sik"),
        # Not in those syllables alone: an English name keeps its own spelling.
        ("Robert Jie", "Robert Chieh"),
    ],
)
def test_other_names_stay_apart(query: str, listed: str) -> None:
    assert _score(query, listed) < THRESHOLD


@pytest.mark.parametrize("query", ["TANG, Qiang", "Tang Liang", "TANG, Xiang"])
def test_a_chinese_syllable_does_not_meet_a_word_of_no_romanisation_by_its_letters(query: str) -> None:
    # Kriang is a Thai given name, a syllable of no romanisation: qiang~kriang 0.83 by its letters.
    assert _score(query, "Kriang TANG") < THRESHOLD


def test_a_chinese_syllable_still_meets_its_other_romanisations() -> None:
    assert _score("ZHANG Wei", "CHANG Wei") >= THRESHOLD  # Wade-Giles ch for pinyin zh
    assert _score("TANG Qiang", "TANG Qiangg") >= THRESHOLD  # a slip in a word of no syllables


def test_two_common_given_names_stay_two_names_in_pinyin_syllables() -> None:
    # Maria and Marina are pinyin syllables too (ma ri a, ma ri na): common names a syllable
    # apart are still two names there (``compare._other_common_name``).
    def rarity(token: str) -> float:
        return 0.5 if token in ("maria", "marina") else 1.0

    found = compare_names(analyze_name("Maria Chen", True), analyze_name("Marina Chen", True), rarity)
    assert "maria~marina 0.50" in found.detail
    # Maria cuts into three syllables, more than a Chinese name's word has: compared as a
    # Western name, its spellings still meet.
    assert _score("Maria Chen", "Mariya Chen") >= THRESHOLD


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        # A syllable a letter or two off is another syllable, so another name.
        ("Tan Ning", "Tan Ping"),
        ("Hou Jian", "HUO, Jian"),
        ("Pan Lei", "FAN, Lei"),
        ("Yu Xiaoling", "Yu Xiaolin"),
        # A given name of two syllables, one of them another (spaced, hyphenated, run together).
        ("DENG, Qiu Mei", "DENG, Qiufei"),
        ("Deng Qiu-mei", "Deng Qiufei"),
        ("Luo Yuting", "Luo Yuming"),
        # A syllable more or less: another given name.
        ("Du Feng", "DU, Xiaofeng"),
        ("Du Xiao", "DU, Xiaofeng"),
        ("Mo Gui-lan", "MO, Lan"),
    ],
)
def test_chinese_syllables_in_latin_letters_pair_only_as_one_syllable(query: str, listed: str) -> None:
    assert _score(query, listed) < THRESHOLD
    assert _score(listed, query) < THRESHOLD


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Deng Qiu Mei", "DENG, Qiumei"),
        ("Deng Qiu-mei", "Teng Chiu-mei"),
        ("Mo Gui-hua", "MO, Guihua"),  # six letters run together: still one given name
        ("Mo Guihua", "Guihua MO"),
    ],
)
def test_the_same_chinese_syllables_still_meet(query: str, listed: str) -> None:
    assert _score(query, listed) >= THRESHOLD
    assert _score(listed, query) >= THRESHOLD


def test_a_typo_that_makes_no_syllable_is_compared_as_a_typo() -> None:
    # jain is no pinyin syllable: the name is not read as syllables, a typo of Jian.
    assert romanisation_family(("deng", "jain")) == 0
    assert _score("Deng Jain", "DENG, Jian") >= THRESHOLD


@pytest.mark.parametrize(
    "spelling", ["Chang Wei-ming", "Chang Weiming", "Chang Wei Ming", "CHANG, Wei-Ming", "Weiming CHANG"]
)
def test_a_given_name_hyphenated_run_together_or_spaced_meets(spelling: str) -> None:
    for other in ("Chang Wei-ming", "Chang Weiming", "Chang Wei Ming"):
        assert _score(spelling, other) >= 0.9, (spelling, other)


# Korean names written in Latin letters (made-up names in common family names and given-name
# syllables): read as Korean only with a family name in common use (``is_korean_name``), and
# then compared syllable for syllable, in order (``compare._exact_family``, ``compare._in_order``).


@pytest.mark.parametrize(
    ("tokens", "korean"),
    [
        ("gim sang ho", True),
        ("song hun kim", True),  # family name last
        ("choe un jong", True),
        ("lyu yeong gil", True),  # RR's letter-by-letter transliteration (ICU)
        ("john top lam", False),  # no Korean family name first or last
        ("tut john top lam", False),
        ("taban gai", False),
        ("kim jongun", False),  # a given name run together: not a syllable a word
        ("kim ssang", False),  # a tense initial: no Sino-Korean given-name syllable
        ("kim", False),  # one word proves nothing
        ("kim sang ho jin su", False),
    ],
)
def test_a_name_reads_as_korean_only_with_a_family_name_in_common_use(tokens: str, korean: bool) -> None:
    assert is_korean_name(tuple(tokens.split())) is korean


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Gim Sang Ho", "KIM, Sang-ho"),  # Revised Romanization / McCune-Reischauer
        ("Choe Yeong Ho", "CHOE Yong-ho"),
        ("Gim Seong Hun", "KIM, Song Hun"),
        ("Choe Eun Jeong", "CHOE, Un Jong"),
        ("Choe Jun-yeong", "Choe Chun Yong"),
        ("Bag Do Cheol", "TO CHOL PAK"),  # family name last on one side
        ("Song Hun Kim", "KIM, Song Hun"),
        ("Ri Yong Gi", "RI Yong Gil"),  # a final consonant dropped: a slip
    ],
)
def test_one_korean_name_in_two_romanisations_meets(query: str, listed: str) -> None:
    assert _score(query, listed) >= THRESHOLD


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("CHOE, Sang Cheol", "CHOE Song Chol"),  # sang / song: another syllable
        ("Jeong Sang Ho", "JONG, Song Ho"),
        ("HONG, Yeong-su", "JONG, Yong Su"),  # hong / jong: another family name
        ("Gim Gwang-su", "KIM Su Gwang"),  # the given name's syllables in another order
        ("Gim Gwang-su", "Su Gwang KIM"),
        ("Kim Jong", "KIM Jong Un"),  # a syllable left out: another given name
    ],
)
def test_korean_names_a_syllable_apart_stay_apart(query: str, listed: str) -> None:
    assert _score(query, listed) < THRESHOLD


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("John Top Lam", "John Tob Lam"),  # not read as Korean: a typo still meets
        ("Taban Gai", "Taban Gay"),
        ("Tut Lam Gai", "Tut Lam Gay"),
    ],
)
def test_short_words_of_other_names_are_compared_as_before(query: str, listed: str) -> None:
    assert _score(query, listed) >= THRESHOLD


def test_a_korean_name_in_hangul_is_read_a_syllable_a_word() -> None:
    assert analyze_name("김영남", True).tokens == ("gim", "yeong", "nam")
    assert _score("Kim Yong Nam", "김영남") >= THRESHOLD
    assert _score("Gim Yeong-ja", "김영남") < THRESHOLD  # ja / nam
    assert analyze_name("김영남", False).tokens == ("gim", "yeongnam")  # not a person's: as ICU writes it


def test_final_slip_is_a_final_consonant_added_or_dropped() -> None:
    assert final_slip("gi", "gil") and final_slip("yong", "yo")
    assert not final_slip("sang", "song") and not final_slip("gil", "gim")


@pytest.mark.parametrize(
    ("name", "chinese"),
    [("Liu Xiu-fang", True), ("Zhou Weiming", True), ("Chang Wei-ming", True), ("Maria Chen", False),
     ("Liu Shyh-fang", False), ("Zhou", False), ("Robert Chang", False)],
)
def test_a_chinese_name_is_one_or_two_syllables_a_word(name: str, chinese: bool) -> None:
    assert is_chinese_name(analyze_name(name, True).tokens) is chinese


def test_a_chinese_given_name_has_no_middle_name() -> None:
    """Liu Xiu-fang / Liu Shyh-fang: a given name's syllable unpaired on both sides is another
    given name, not a middle name left out (shyh is no syllable of the tables, so the names are
    not compared syllable by syllable); a Burmese name keeps the middle-name share."""
    assert _score("Zhou Xiu-fang", "Zhou Shyh-fang") < THRESHOLD
    assert _score("Zhou Xiu-fang", "Zhou Shyh-fang") < _score("Aung Min Htun", "Aung Kyaw Htun")
    assert _score("Aung Htun", "Aung Kyaw Htun") >= THRESHOLD


def test_a_chinese_name_does_not_run_together_into_arabic_script() -> None:
    # yaolijuan~wlyjan run together is chance: the syllables pair as words, or not at all.
    assert _score("Yao Li-juan", "ولی جان") < THRESHOLD


@pytest.mark.parametrize(("query", "listed"), [("Hwang Ji Min", "HUANG, Man Chi"), ("JANG, Ji Won", "Jiang Wen-ji")])
def test_a_korean_and_a_chinese_name_pair_syllables_only_as_written(query: str, listed: str) -> None:
    assert _score(query, listed) < 0.7  # (by their letters: min / man, won / wen, 0.8 and more)


def test_two_pinyin_names_pair_two_syllables_only_as_the_same() -> None:
    assert _score("Xu Ping", "Bing Xu") < THRESHOLD  # both pinyin: ping is not Wade-Giles' bing
    assert _score("Xu Bing", "Hsu Ping") >= THRESHOLD  # pinyin and Wade-Giles: one name
    assert _score("Zhang Wei Ming", "Chang Wei-ming") >= THRESHOLD


@pytest.mark.parametrize(("query", "listed"), [("GIM, Jun-seo", "김춘섭"), ("IM, Seong Su", "IM Song Sun")])
def test_a_korean_final_slip_needs_the_other_syllables_as_written(query: str, listed: str) -> None:
    assert _score(query, listed) < THRESHOLD


def test_a_korean_final_slip_in_a_name_otherwise_alike_still_meets() -> None:
    assert _score("RI Yong Gi", "RI Yong Gil") >= THRESHOLD
