"""Two organisation names, one held whole in the other (``names.organisations``)."""

from __future__ import annotations

from tradewarden.names.acronyms import acronym_comparison
from tradewarden.names.analyze import NameForm, analyze_name
from tradewarden.names.compare import compare_names
from tradewarden.names.organisations import (
    MOST_CONTAINED_SHARE,
    _fused_comparison,
    compare_organisations,
    contained_comparison,
    holds_whole,
    holds_whole_words,
    inner_acronym_comparison,
    truncated_comparison,
)


def _org(name: str):  # type: ignore[no-untyped-def]
    return analyze_name(name, False)


def test_a_name_held_in_a_longer_one_meets_it_from_either_side() -> None:
    short, long = _org("UNIQUE STARS LLC"), _org("UNIQUE STARS MOBILE PHONES LLC")
    assert compare_names(long, short).score < 0.8
    assert compare_organisations(long, short).score >= 0.8
    assert compare_organisations(short, long).score >= 0.8


def test_a_slip_in_a_held_word_is_allowed() -> None:
    found = contained_comparison(_org("BEHSAZ KASHANEH CO."), _org("BEHSAZ KASHANE TEHRAN CONSTRUCTION CO."))
    assert found is not None and found.score >= 0.8


def test_more_words_cut_cost_more() -> None:
    two = contained_comparison(_org("Unique Stars"), _org("Unique Stars Mobile"))
    four = contained_comparison(_org("Unique Stars"), _org("Unique Stars Mobile Phones Trading Services"))
    assert two is not None and four is not None and two.score > four.score


def test_one_word_or_a_word_not_held_is_no_containment() -> None:
    assert contained_comparison(_org("Khazar"), _org("Khazar Steel Rolling")) is None
    assert contained_comparison(_org("Khazar Iron"), _org("Khazar Steel Rolling")) is None
    assert contained_comparison(_org("Khazar Steel"), _org("Steel Khazar")) is None  # as many words


def test_common_words_held_in_a_longer_name_stay_weak() -> None:
    def rarity(token: str) -> float:
        return 0.25 if token in ("general", "trading") else 1.0

    found = contained_comparison(_org("General Trading LLC"), _org("Beneathco General Trading LLC"), rarity)
    assert found is not None and found.score < 0.8


def test_holds_whole_asks_for_every_word_written_alike() -> None:
    assert holds_whole(_org("EBLA HOTEL AND OMAYAD PALACE FOR CONFERENCES"), _org("EBLA HOTEL"))
    assert holds_whole(_org("EBLA HOTEL"), _org("EBLA HOTEL AND OMAYAD PALACE FOR CONFERENCES"))
    assert not holds_whole(_org("EBLA STARS GROUP PALACE"), _org("EBLA STAR"))  # stars / star
    assert not holds_whole(_org("EBLA"), _org("EBLA HOTEL"))  # one word names too little


def test_a_particle_written_with_its_word_meets_it_written_apart() -> None:
    query, listed = _org("ALNASER AIRLINES"), _org("AL-NASER AIRLINES")
    assert compare_organisations(query, listed).score >= 0.95
    # (Arabic's article is met so by ``compare_names`` itself, ``compare._fused_pairs``; other
    # particles only here.)
    query, listed = _org("ABUSALEM TRADING"), _org("ABU SALEM TRADING")
    assert compare_organisations(query, listed).score > compare_names(query, listed).score
    assert compare_organisations(query, listed).score >= 0.95
    assert compare_organisations(_org("Al Gunade"), _org("ALGUNADE")).score >= 0.95
    # Fused only where the other name writes the two as one word.
    assert compare_organisations(_org("AL NASER"), _org("NASER")).score == compare_names(_org("AL NASER"), _org("NASER")).score


def test_a_doubled_family_name_is_one_word_not_a_body_held_in_a_name() -> None:
    query, listed = _org("Hernandez-Hernandez PLC"), _org("Luis Miguel Hernandez-Hernandez")
    assert contained_comparison(query, listed) is None
    assert not holds_whole(query, listed)
    assert contained_comparison(_org("Hernandez Lopez PLC"), _org("Luis Miguel Hernandez Lopez")) is not None


def test_one_rare_long_word_held_in_a_longer_name() -> None:
    def rarity(token: str) -> float:
        return 1.0 if token in ("zorbatex", "kovi") else 0.3

    found = contained_comparison(_org("ZORBATEX GENERAL TRADING DMCC"), _org("ZORBATEX DMCC"), rarity)
    assert found is not None and found.score >= 0.8
    # A query of that one word is the brand of a listed body that carries it (next test).
    brand = contained_comparison(_org("ZORBATEX DMCC"), _org("ZORBATEX GENERAL TRADING DMCC"), rarity)
    assert brand is not None and brand.score >= 0.8
    # Without rarity, a common word, or a short word: one word names too little.
    assert contained_comparison(_org("ZORBATEX GENERAL TRADING DMCC"), _org("ZORBATEX DMCC")) is None
    assert contained_comparison(_org("KHAZAROV STEEL ROLLING"), _org("KHAZAROV"), rarity) is None
    assert contained_comparison(_org("KOVI STEEL ROLLING"), _org("KOVI"), rarity) is None


def test_a_query_of_one_rare_long_word_is_the_brand_of_a_body_holding_it() -> None:
    def rarity(token: str) -> float:
        return 1.0 if token in ("zorbatex", "zortex", "vinogradov", "kalashnikova", "kalashnikov", "kovi") else 0.3

    for listed in ("Hangzhou Zorbatex Sensing Technology Co.", "ZORBATEX ELECTRONICOS DE BAJA CALIFORNIA, S.A. DE C.V."):
        found = contained_comparison(_org("Zorbatex"), _org(listed), rarity)
        assert found is not None and found.score >= 0.8, listed
        assert holds_whole(_org("Zorbatex"), _org(listed), rarity)
    # A brand of six letters too (Tianma / Tianma Microelectronics Co., Ltd.).
    found = contained_comparison(_org("Zortex"), _org("Zortex Microelectronics Co., Ltd."), rarity)
    assert found is not None and found.score >= 0.8
    # Not a person's name listed as a body's (no legal form, no organisation word), nor a body
    # named after a person (the word after an initial or "named after"), nor a word spelt
    # otherwise, nor a short or common word, nor without rarity.
    for query, listed in (
        ("Vinogradov Limited", "Mikhail Vinogradov"),
        ("Vinogradov Limited", "Institute of Physics named after V.I. Vinogradov"),
        ("Vinogradov Limited", "FAU TsIAM im. P. Vinogradov"),
        ("NPO Kalashnikova", "JSC Kalashnikov Concern"),
        ("Kovi", "Kovi Steel Rolling LLC"),
        ("Khazarov", "Khazarov Steel Rolling LLC"),
    ):
        assert contained_comparison(_org(query), _org(listed), rarity) is None, (query, listed)
    assert contained_comparison(_org("Zorbatex"), _org("Zorbatex Sensing Technology Co.")) is None
    # The cheap shortlist test reads the query's one word only, not a listed name's.
    assert not holds_whole(_org("Zorbatex General Trading"), _org("Zorbatex"), rarity)


def test_a_short_word_for_consecutive_words_of_the_other_name() -> None:
    found = inner_acronym_comparison(_org("ZORBA ME FZC"), _org("ZORBA Middle East FZC"))
    assert found is not None and found.score >= 0.9
    assert compare_organisations(_org("RADAR AND ELECTRONIC WARFARE SYSTEMS"), _org("RADAR AND EW SYSTEMS")).score >= 0.9
    # Initials of words that are not consecutive, or a name that is only the acronym: not so.
    assert inner_acronym_comparison(_org("ZORBA ME FZC"), _org("ZORBA Middle Far East FZC")) is None
    assert inner_acronym_comparison(_org("ME"), _org("Middle East")) is None


ORG_PAIRS = [
    ("UNIQUE STARS LLC", "UNIQUE STARS MOBILE PHONES LLC"),
    ("BEHSAZ KASHANEH CO.", "BEHSAZ KASHANE TEHRAN CONSTRUCTION CO."),
    ("Unique Stars", "Unique Stars Mobile Phones Trading Services"),
    ("KHAZAR STEEL ROLLING", "KHAZAR STEEL CO."),
    ("TORCH ELECTRON", "Fujian Torch Electron Technology"),
    ("ALNASER AIRLINES", "AL-NASER AIRLINES"),
    ("SMIC", "Semiconductor Manufacturing International Corporation"),
    ("EBLA HOTEL", "EBLA HOTEL AND OMAYAD PALACE FOR CONFERENCES"),
    ("Kavosh Trading LLC", "Kavosh Trading"),
    ("Orion Marine", "Delta Orion Marine Tech"),
]


def test_the_cut_comparison_is_skipped_only_where_it_could_not_win() -> None:
    # ``compare_organisations`` leaves out the cut comparison once the others score at least
    # MOST_CONTAINED_SHARE: its result is the best of all three as worked out in full.
    rarities = (None, lambda token: 0.25 if token in ("trading", "marine", "steel") else 1.0)
    skipped = 0
    for query, listed in ORG_PAIRS:
        for first, second in ((query, listed), (listed, query)):
            q, c = _org(first), _org(second)
            for rarity in rarities:
                candidates = [compare_names(q, c, rarity), *(
                    other for other in (
                        acronym_comparison(q, c, rarity), contained_comparison(q, c, rarity), _fused_comparison(q, c, rarity),
                        inner_acronym_comparison(q, c, rarity),
                    ) if other is not None
                )]
                best = candidates[0]
                for other in candidates[1:]:
                    if other.score > best.score:
                        best = other
                assert compare_organisations(q, c, rarity) == best, (first, second)
                cut = contained_comparison(q, c, rarity)
                assert cut is None or cut.score <= MOST_CONTAINED_SHARE
                skipped += max(compare_names(q, c, rarity).score, 0.0) >= MOST_CONTAINED_SHARE
    assert skipped  # the skip is taken on some pair


def test_holds_whole_reads_the_same_from_a_dumped_form() -> None:
    names = [
        "EBLA HOTEL AND OMAYAD PALACE FOR CONFERENCES", "EBLA HOTEL", "EBLA STARS GROUP PALACE", "EBLA STAR", "EBLA",
        "HERNANDEZ-HERNANDEZ PLC", "Luis Miguel HERNANDEZ-HERNANDEZ", "Hotel of Ebla", "شركة ايبلا للفنادق",
        "Unique Stars", "UNIQUE STARS MOBILE PHONES LLC", "The Trading Company of Ebla Hotel",
    ]
    forms = [_org(name) for name in names] + [analyze_name("Luis Miguel HERNANDEZ-HERNANDEZ", True)]
    held = 0
    for query in forms:
        for listed in forms:
            expected = holds_whole(query, listed)
            assert holds_whole_words(query, *NameForm.dumped_words(listed.dump())) == expected, (query, listed)
            held += expected
    assert held >= 4


def test_a_word_cut_short_meets_the_word_written_out() -> None:
    # A trade word cut short, and the city before a Chinese company's name left out.
    query, listed = _org("JINGJIA MICRO"), _org("Changsha Jingjia Microelectronics Co., Ltd.")
    assert compare_names(query, listed).score < 0.5
    assert compare_organisations(query, listed).score >= 0.8
    assert compare_organisations(listed, query).score >= 0.8
    found = truncated_comparison(_org("CEC PHARM CO LTD"), _org("CEC PHARMATECH LTD"))
    assert found is not None and found.score >= 0.9 and "cut short" in found.detail


def test_a_stem_alone_or_a_few_letters_cut_is_no_word_cut_short() -> None:
    assert truncated_comparison(_org("Petrov LLC"), _org("Petrovsky Holding LLC")) is None  # no other word shared
    assert truncated_comparison(_org("Alpha Gold"), _org("Alpha Golden")) is None  # two letters cut: another word
    assert truncated_comparison(_org("Alpha Bio"), _org("Alpha Biotech")) is None  # a stem of three letters
    assert truncated_comparison(_org("Alpha Micro"), _org("Alpha Micro")) is None  # nothing cut
    # A family name made of a given name is not that name cut short (Johnson is John's son).
    assert truncated_comparison(_org("Johnson-Smith Ltd"), _org("JOHN B. PRIDMORE-SMITH")) is None
    assert truncated_comparison(_org("Petrenko Smith Ltd"), _org("Petr Smith")) is None
    # An adjective of a place still is (Iranian, Iran).
    assert truncated_comparison(_org("Iranian Uranium Company"), _org("Iran Uranium Company")) is not None
