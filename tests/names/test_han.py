"""Chinese organisation names against their English-language list entries (issue 3, chinese_script;
made-up company names built the way registered English names are)."""

from __future__ import annotations

import pytest

from tradewarden.names.analyze import analyze_name
from tradewarden.names.compare import compare_names
from tradewarden.names.han import english_words

THRESHOLD = 0.8


@pytest.mark.parametrize(
    ("name", "words"),
    [
        # Generic words in English, the place without 市, the distinctive run as one pinyin word.
        ("深圳市谦盛电子科技有限公司", "shenzhen qiansheng electronic technology co ltd"),
        # Traditional characters fold to Simplified first (國際貿易 = 国际贸易).
        ("香港汇隆國際貿易有限公司", "hong kong huilong international trading co ltd"),
        # Latin letters and punctuation stay where they are.
        ("abc株式会社", "abc co ltd"),
        # A city the table lacks, shown by its suffix at the start of the name.
        ("金华市谦盛动力科技有限公司", "jinhua qiansheng power technology co ltd"),
        # A place written in English words.
        ("哈尔滨谦盛贸易有限公司", "harbin qiansheng trading co ltd"),
        # Three characters besides the table's words name the body without a place ...
        ("谦盛隆科技有限公司", "qianshenglong technology co ltd"),
        # ... two do not: the trade name stays Chinese (its syllables compared exactly), the generic
        # words are written in English all the same (國際海運 = international shipping).
        ("谦盛科技有限公司", "谦盛 technology co ltd"),
        ("沈盛國際海運有限公司", "沈盛 international shipping co ltd"),
        # Pinyin company words of a Latin-script name, split or run together.
        ("ningbo qiansheng jixie youxian gongsi", "ningbo qiansheng machinery co ltd"),
        ("qiansheng keji youxiangongsi", "qiansheng technology co ltd"),
        # Not one word across a comma.
        ("qiansheng you, xian", "qiansheng you, xian"),
        # Cut into the fewest pieces, not longest-first from the left: 阳光 + 电子 (electronics),
        # not 阳 + 光电 (optoelectronic) + 子.
        ("陽光電子科技有限公司", "阳光 electronic technology co ltd"),
        # Places read as names read them (成都 Chengdu, 长沙 Changsha: not ICU's chengdou, zhangsha).
        ("成都谦盛科技有限公司", "chengdu qiansheng technology co ltd"),
        ("长沙谦盛卫星导航有限公司", "changsha qiansheng satellite navigation co ltd"),
        # General words of industries and kinds of body (Japanese kanji terms too: 宇宙航空).
        ("谦盛隆联合应用卫星导航有限公司", "qianshenglong united applied satellite navigation co ltd"),
        ("谦盛隆宇宙航空株式会社", "qianshenglong aerospace co ltd"),
        ("谦盛隆航空宇宙株式会社", "qianshenglong aerospace co ltd"),  # the Japanese order
        # Words of the Chinese names of foreign bodies (通用原子 General Atomics, 人权观察).
        ("通用原子航空系统公司", "general atomic aviation system company"),
        ("人权观察", "human rights watch"),
        ("保守党人权委员会", "conservative party human rights commission"),
        # Names without a word of the table are left alone (persons, other names).
        ("陈明国", "陈明国"),
        ("自由之家", "自由之家"),
        ("ivan petrov", "ivan petrov"),
    ],
)
def test_english_words(name: str, words: str) -> None:
    assert english_words(name) == words


def test_short_trade_name_keeps_its_syllables_among_english_words() -> None:
    form = analyze_name("沈盛國際海運有限公司", False)
    assert form.han and form.tokens == ("shen", "sheng", "international", "shipping")


def test_person_names_keep_their_syllables() -> None:
    form = analyze_name("陈明国", True)
    assert form.han and form.tokens == ("chen", "ming", "guo")
    # The table is for organisation names only: a person is never translated.
    assert analyze_name("王中国", True).tokens == ("wang", "zhong", "guo")


@pytest.mark.parametrize(
    ("chinese", "latin", "matches"),
    [
        ("深圳市谦盛电子科技有限公司", "Shenzhen Qiansheng Electronic Technology Co., Ltd.", True),
        ("深圳市谦盛电子科技有限公司", "SHENZHEN QIANSHENG ELECTRONICS TECHNOLOGY CO LTD", True),
        ("香港汇隆國際貿易有限公司", "Hong Kong Huilong International Trading Co., Limited", True),
        ("宁波谦盛机械有限公司", "Ningbo Qiansheng Jixie Youxian Gongsi", True),
        ("弥勒汇隆科技有限公司", "Mile Hui Long Technology Co., Ltd", True),
        # A two-character trade name is compared as Chinese syllables: only exactly, also run
        # together (hui wei technology / huawei technology are 0.94 alike run together) ...
        ("辉伟科技有限公司", "Huawei Technologies Co., Ltd.", False),
        ("慧伟科技有限公司", "Huawei Technology Co., Ltd.", False),
        ("鲍尔航空航天技术公司", "Ball Aerospace & Technologies Corp.", False),
        # ... but split or fused as lists write it, with its generic words in English.
        ("沈盛國際海運有限公司", "SHEN SHENG INTERNATIONAL SHIPPING", True),
        ("沈盛國際海運有限公司", "Shensheng International Shipping Co., Ltd.", True),
        ("安洵信息技术有限公司", "Anxun Information Technology Co. Ltd.", True),
        # A Japanese company in kanji against its romanised legal form (株式会社 Kabushiki Kaisha).
        ("谦盛隆株式会社", "Qianshenglong Kabushiki Kaisha", True),
        # Another distinctive name with the same generic words is another company.
        ("深圳市谦盛电子科技有限公司", "Shenzhen Huilong Electronic Technology Co., Ltd.", False),
        ("宁波谦盛机械有限公司", "Ningbo Huilong Machinery Co., Ltd.", False),
    ],
)
def test_chinese_company_against_english_name(chinese: str, latin: str, matches: bool) -> None:
    score = compare_names(analyze_name(chinese, None), analyze_name(latin, False)).score
    assert (score >= THRESHOLD) == matches, score
