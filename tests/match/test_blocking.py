"""Blocking and the shortlist: which listed names a query name is compared with at all.

Deletion keys let a typo inside a short word still find its listed name; the shortlist keeps
the best blocked names and spends Arabic-script places on distinct names; an exact listed name
always reaches the alert threshold.
"""

from __future__ import annotations

import unicodedata

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from rapidfuzz import fuzz

from tradewarden.match import DEFAULT_THRESHOLD, MatchIndex, Query, blocking, matching
from tradewarden.match import index as index_module
from tradewarden.match.blocking import (
    deletion_keys,
    h_g_keys,
    name_keys,
    unknown_token_keys,
    whole_name_key,
    whole_skeleton_key,
)
from tradewarden.cases.delta import comparable
from tradewarden.names.analyze import NameForm, analyze_name
from tradewarden.names.compare import compare_names
from tradewarden.names.exact import (
    EXACT_NAME_SCORE, LEGAL_FORM_NAME_SCORE, SLIP_NAME_SCORE, TRANSLITERATED_NAME_SCORE, is_slip_of, is_transliterated_as,
    is_written_as, is_written_but_for_legal_form, written_key,
)

from followthemoney.proxy import EntityProxy

Factory = Callable[..., EntityProxy]  # the e fixture (conftest.py)


@pytest.mark.parametrize(
    ("listed", "query"),
    [("planar", "plznar"), ("rahat", "rqhat"), ("makin", "malkin"), ("valengro", "valehgro"),
     ("planar", "palnar"), ("kavosh", "kavsh"), ("sepahan", "sepahan")],
)
def test_one_edit_apart_shares_a_deletion_key(listed: str, query: str) -> None:
    assert set(deletion_keys(listed, listed=True)) & set(deletion_keys(query, listed=False))


@pytest.mark.parametrize(("listed", "query"), [("planar", "plasma"), ("rahat", "rohit"), ("makin", "mokun")])
def test_two_edits_apart_share_none(listed: str, query: str) -> None:
    assert not set(deletion_keys(listed, listed=True)) & set(deletion_keys(query, listed=False))


def test_deletion_keys_only_for_mid_length_words() -> None:
    assert deletion_keys("hess", listed=True) == () and deletion_keys("hess", listed=False) == ()
    assert deletion_keys("abcdefghi", listed=True) == ()
    assert "-abcdefgh" in deletion_keys("abcdefghi", listed=False)  # one letter added to a listed word
    assert deletion_keys("ak47mm", listed=True) == ()
    assert {key for key in name_keys(analyze_name("Planar", False)) if key[0] == "-"} == set(
        deletion_keys("planar", listed=True)
    )
    # A query sends them only for words the index does not know (``MatchIndex.candidate_names``).
    assert not any(key[0] == "-" for key in name_keys(analyze_name("Planar", False), affixes=False))
    assert set(deletion_keys("plznar", listed=False)) <= set(unknown_token_keys("plznar"))


@pytest.mark.parametrize(
    ("query", "listed"),
    [("horbunenko", "gorbunenko"), ("gorbunenko", "horbunenko"), ("hryhorenko", "grigorenko"), ("hlushko", "glushko"),
     ("olha", "olga")],
)
def test_cyrillic_g_read_as_h_or_g_shares_a_key(query: str, listed: str) -> None:
    # Г is h in Ukrainian and Belarusian romanisations, g in Russian: the one spelling asks for
    # the other's token or skeleton key when the index does not know it.
    assert set(h_g_keys(query)) & set(name_keys(analyze_name(listed, True)))
    assert set(h_g_keys(query)) <= set(unknown_token_keys(query))


@pytest.mark.parametrize("token", ["khabarov", "zhukov", "ghasemi", "shchukin", "petrov"])
def test_h_of_a_digraph_and_words_without_g_or_h_ask_for_nothing_more(token: str) -> None:
    assert h_g_keys(token) == ()


def test_a_ukrainian_spelling_finds_the_russian_among_many_namesakes(e: Factory, monkeypatch: pytest.MonkeyPatch) -> None:
    # Fifty other Denises outweigh the one listed GORBUNENKO in blocking without the key.
    others = [e("Person", f"d{n}", name=f"Denis {surname}") for n, surname in enumerate(
        f"{a}{b}enko" for a in ("Pet", "Iv", "Sid", "Kuz", "Mor") for b in ("ar", "el", "in", "ol", "ur", "ash", "ed", "ik", "om", "ust")
    )]
    index = MatchIndex.build([e("Person", "g", name="GORBUNENKO Denis Vladimirovich"), *others])
    query = Query(names=["Denis HORBUNENKO"], schema="Person")
    found = index.match(query, min_score=0.0)
    assert found and found[0].source_id == "g" and "horbunenko~gorbunenko" in found[0].explanation
    monkeypatch.setattr(blocking, "h_g_keys", lambda token: ())
    assert all(match.source_id != "g" for match in index.match(query, min_score=0.0))


@pytest.fixture
def typo_index(e: Factory) -> MatchIndex:
    make = e
    fillers = [f"Pl{a}n{b}r Systems" for a in "aeiou" for b in "aeiou"]
    entities = [make("Company", "planar", name="JSC Planar"), make("Company", "rahat", name="Rahat Ltd")]
    entities += [make("Company", f"f{n}", name=name) for n, name in enumerate(fillers)]
    return MatchIndex.build(entities)


@pytest.mark.parametrize(("query", "source_id"), [("JSC Plznar", "planar"), ("Rqhat Ltd", "rahat")])
def test_a_typo_in_a_short_single_word_name_is_blocked(typo_index: MatchIndex, query: str, source_id: str) -> None:
    form = analyze_name(query, False)
    assert not set(form.tokens) & set(name_keys(analyze_name(source_id, False)))  # no plain key shared
    blocked = [typo_index.record(typo_index.name_entity(i)).source_id for i, _ in typo_index.candidate_names(form)]
    assert source_id in blocked
    found = typo_index.match(Query(names=[query]), min_score=0.5)
    assert found and found[0].source_id == source_id


@dataclass
class _Blocked:
    """A stand-in index: blocked names with their forms, in blocking order."""

    forms: list[str]

    def candidate_names(self, form: object) -> list[tuple[int, float]]:
        return [(n, 10.0 - n) for n in range(len(self.forms))]

    def blocked_names(self, form: object, organisation: bool = False) -> tuple[list[tuple[int, float]], float]:
        return self.candidate_names(form), float("inf")

    def form_key(self, name_idx: int) -> str:
        return self.forms[name_idx]

    def name_token_texts(self, name_idxs: list[int]) -> list[str]:
        return [self.forms[name_idx].partition("|")[0] for name_idx in name_idxs]

    def name_token_text(self, name_idx: int) -> str:
        return self.forms[name_idx].partition("|")[0]

    @property
    def skeleton_lengths(self) -> list[int]:
        return [len(NameForm.dumped_skeletons(form)) for form in self.forms]

    def key_count(self, key: str) -> int:
        return 0  # no rare words (``matching._rare_word_alike``) among the stand-ins

    def form(self, name_idx: int) -> NameForm:
        # (A ``_form`` stand-in has no weights: its text analysed.)
        text, _, rest = self.forms[name_idx].partition("|")
        return NameForm.parse(self.forms[name_idx]) if rest.split("|")[1] else analyze_name(text)

    def names_under(self, key: str) -> frozenset[int]:
        # (Only real analysed forms, with weights, have keys; the ``_form`` stand-ins have none.)
        return frozenset(
            n for n, form in enumerate(self.forms) if form.split("|")[2] and key in name_keys(NameForm.parse(form), affixes=False)
        )


@dataclass
class _Written(_Blocked):
    """The stand-in with the names as written, all blocked alike (one rare word shared)."""

    texts: list[str]

    def candidate_names(self, form: object) -> list[tuple[int, float]]:
        return [(n, 10.0) for n in range(len(self.forms))]

    def name_text(self, name_idx: int) -> str:
        return self.texts[name_idx]


def _form(text: str, abjad: bool = False) -> str:
    return f"{text}|||{''}|{int(abjad)}"


def test_shortlist_keeps_the_best_blocked_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matching, "MAX_FULL_COMPARISONS", 1)
    monkeypatch.setattr(matching, "BEST_BLOCKED", 2)
    index = _Blocked([_form("alpha beta gamma delta"), _form("zzz qqq xxx"), _form("alpha beta"), _form("alpha betta")])
    shortlist = matching._shortlist(index, analyze_name("alpha beta"))  # type: ignore[arg-type]
    # The quick filter's one place goes to "alpha beta"; the best blocked name joins it, the
    # second best does not (too unlike the query for the quick filter's cutoff).
    assert shortlist == [2, 0]


def test_a_best_blocked_name_held_in_a_longer_query_is_compared(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matching, "MAX_FULL_COMPARISONS", 1)
    monkeypatch.setattr(matching, "BEST_BLOCKED", 2)
    query = analyze_name("AL-WAZ, Najib Ben Mohamed Ben Salem", True)
    held = analyze_name("OUAZ, Najib", True)
    other = analyze_name("BEN ATTIA, Nabil Ben Mohamed Ben Ali", True)
    index = _Blocked([held.dump(), other.dump()])
    text = " ".join(query.tokens)
    # The quick filter rules the held name out (the query's nasab chain is most of its letters) ...
    assert not comparable(query, text, index.name_token_text(0))
    # ... but each of its words meets one of the query's (Ouaz read as the French spelling of Waz).
    assert matching.listed_words_met(query, held)
    assert 0 in matching._shortlist(index, query)  # type: ignore[arg-type]
    # Re-screening's bound knows it (``cases.delta.comparable`` with the listed form).
    assert comparable(query, text, index.name_token_text(0), listed=held)


@pytest.mark.parametrize(
    ("query", "listed", "met"),
    [
        ("AL-WAZ, Najib Ben Mohamed Ben Salem", "OUAZ, Najib", True),
        ("Najib Ben Salem", "OUAZ, Najib", False),  # a word of the listed name left unmet
        ("John Michael SMITH", "SMITH", False),  # one listed word is too little
        ("Ali Hassan Omar", "ALI, Ali", False),  # each query word meets one listed word only
        ("Mohamed Ali Hussein", "Muhammad HUSSAIN", True),  # respellings
        ("Egor Osin", "Yahor Osin", True),  # one given name, Russian and Belarusian (quick similarity 42)
        ("Egor Osin", "Yakov Osin", False),
    ],
)
def test_listed_words_met(query: str, listed: str, met: bool) -> None:
    assert matching.listed_words_met(analyze_name(query, True), analyze_name(listed, True)) is met


def test_quick_filter_places_go_to_distinct_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matching, "MAX_FULL_COMPARISONS", 3)
    monkeypatch.setattr(matching, "BEST_BLOCKED", 0)
    copy, reordered, wanted = _form("kang chol su"), _form("chol su kang"), _form("kang chol hak")
    index = _Blocked([copy, reordered, copy, reordered, wanted, _form("kang myong chol"), copy])
    shortlist = matching._shortlist(index, analyze_name("Chol KANG", True))  # type: ignore[arg-type]
    # One name listed three times takes one place, the same in another order a second (every
    # copy is compared); the third goes to the next name (before, the copies filled every place).
    assert shortlist == [0, 1, 2, 3, 6, 4]


def test_spelling_groups_are_one_name_however_spelt() -> None:
    group = lambda text: matching.spelling_group(analyze_name(text, True).dump())  # noqa: E731
    assert group("Abu Mohammed al-Adnani") == group("ABOU MOHAMED AL ADNANI") == group("AL-ADNANI, Abu Mohammad")
    assert group("ADNANI, Seyed Mohammad") != group("Abu Mohammed al-Adnani")
    assert group("Abu Mohammed al-Adnani al-Shami") != group("Abu Mohammed al-Adnani")  # a word more
    assert group("KALAYE ELECTRIC") == group("Kala Electric")
    assert group("KALA ELECTRIC CO.") != group("Kala Electric")  # another legal form


_ADNANI = ["Abu Mohammed al-Adnani", "Abu Mohamed al-Adnani", "AL-ADNANI, Abu Mohammad", "ABOU MOHAMED AL ADNANI"]


@pytest.mark.parametrize(("groups", "compared"), [(1, False), (2, True)])
def test_spellings_of_one_name_leave_a_place_to_another(monkeypatch: pytest.MonkeyPatch, groups: int, compared: bool) -> None:
    monkeypatch.setattr(matching, "MAX_FULL_COMPARISONS", 3)
    monkeypatch.setattr(matching, "BEST_BLOCKED", 0)
    monkeypatch.setattr(matching, "MIN_SPELLING_GROUPS", groups)
    other = "ADNANI, Seyed Mohammad"
    index = _Blocked([analyze_name(text, True).dump() for text in [*_ADNANI, other]])
    query = analyze_name("AL-ADNANI, Muhammad", True)
    shortlist = matching._shortlist(index, query)  # type: ignore[arg-type]
    # Every spelling of the one name is quicker-similar to the query than the other name ...
    text = " ".join(query.tokens)
    quick = [fuzz.token_sort_ratio(text, index.name_token_text(n)) for n in range(5)]
    assert min(quick[:4]) > quick[4]
    # ... so the three places went to three of them; a place for a second name is added.
    assert shortlist[:3] == [2, 0, 1]
    assert (4 in shortlist) is compared
    assert set(shortlist) <= {0, 1, 2, 4}  # (the fourth spelling is not compared either way)


def test_a_slip_of_a_listed_name_is_compared_past_tied_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matching, "MAX_FULL_COMPARISONS", 1)
    monkeypatch.setattr(matching, "BEST_BLOCKED", 0)
    names = ["gaz oil", "gaz oil", "gaz neft trading", "group", "gaz"]
    index = _Written([_form(text) for text in names], ["GAZ-OIL", "GAZ-OIL, OOO", "GAZ NEFT TRADING", "Group", "GAZ GROUP"])
    shortlist = matching._shortlist(index, analyze_name("GAZ GRUOP", False), "GAZ GRUOP")  # type: ignore[arg-type]
    # The quick filter keeps GAZ-OIL (both copies); GAZ GROUP, fifth of five tied, is written as
    # the query but for one slip: compared (GAZ NEFT TRADING and Group, too unlike the query in length, are not checked).
    assert shortlist == [0, 1, 4]


@dataclass
class _Weighted(_Written):
    """The stand-in with the names as written and their blocking weights."""

    weights: list[float]

    def candidate_names(self, form: object) -> list[tuple[int, float]]:
        return list(enumerate(self.weights))


def test_a_slip_tied_with_the_last_checked_place_is_compared(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matching, "MAX_FULL_COMPARISONS", 1)
    monkeypatch.setattr(matching, "BEST_BLOCKED", 0)
    monkeypatch.setattr(matching, "WRITTEN_ALIKE_BLOCKED", 2)
    names = ["city plaza", "l inmo inmobiliaria", "l inmo", "l inmo"]
    texts = ["CITY PLAZA", "L. INMO INMOBILIARIA", "L-INMO, SA DE CAPITAL VARIABLE", "L-INMO SA DE CAPITAL VARIABLE"]
    index = _Weighted([_form(text) for text in names], texts, [50.0, 30.0, 30.0, 30.0])
    shortlist = matching._shortlist(index, analyze_name("CITY PLAZA"), "L-INMO, SA DE CAPTIAL VARIABLE")  # type: ignore[arg-type]
    # The best (quick filter) and second place (too short) leave the slipped L-INMO third and
    # fourth, below the best but tied with the second: both copies are checked and compared.
    assert shortlist == [0, 2, 3]
    index.weights[2] = index.weights[3] = 29.0  # below every checked place: not checked
    assert matching._shortlist(index, analyze_name("CITY PLAZA"), "L-INMO, SA DE CAPTIAL VARIABLE") == [0]  # type: ignore[arg-type]


def test_shortlist_places_go_to_distinct_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matching, "ABJAD_RANKED", 2)
    same, other, third = _form("mhmd rd", True), _form("mhmd rza", True), _form("mhmd rdi", True)
    index = _Blocked([same, same, same, other, same, third])
    shortlist = matching._shortlist(index, analyze_name("محمد رضا"))  # type: ignore[arg-type]
    assert shortlist == [0, 1, 2, 3, 4]  # the same name on four lists takes one place


def test_abjad_places_go_to_the_best_blocked_then_the_likest_skeletons(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matching, "MAX_ABJAD_COMPARISONS", 3)
    monkeypatch.setattr(matching, "ABJAD_BEST_BLOCKED", 1)
    texts = ["کریم پور", "شرکت تجارت", "بانک ملی", "حسن رضا", "Hassan Reza", "کریم پور", "علی احمدی"]
    index = _Blocked([analyze_name(text).dump() for text in texts])
    shortlist = matching._shortlist(index, analyze_name("حسن رضا"))  # type: ignore[arg-type]
    # The best blocked name (with its copy) is compared whatever its skeleton; the other two
    # places go to the names whose skeletons are the query's, not to the next by blocking weight.
    assert shortlist == [0, 3, 4, 5]


@pytest.mark.parametrize(
    ("query", "listed", "exact"),
    [("npo splav, jsc", "NPO Splav JSC", True), ("ООО «Сплав»", "ооо сплав", True), ("Société Générale", "SOCIETE GENERALE", True),
     ("Splav", "NPO Splav JSC", False), ("Meyer", "General Meyer", False), ("彬 杨", "Bin Yang", False), ("Ali", "ALI", False),
     # Two Han or Hangul characters are a family name and a given name, not a very short word.
     ("赵伟", "赵伟", True), ("김철", "김철", True), ("赵", "赵", False), ("赵伟", "Zhao Wei", False)],
)
def test_an_exact_listed_name_reaches_the_threshold(query: str, listed: str, exact: bool) -> None:
    def common(token: str) -> float:
        return 0.25

    comparison = compare_names(analyze_name(query), analyze_name(listed), common)
    floored = matching.exact_floor(comparison, query, listed)
    assert is_written_as(query, listed) == exact
    if exact:
        assert floored.score == max(EXACT_NAME_SCORE, comparison.score) and floored.score >= DEFAULT_THRESHOLD
    elif not is_written_but_for_legal_form(query, listed):  # (Splav: the legal-form floor's, below)
        assert floored == comparison


@pytest.mark.parametrize(
    ("name", "key"),
    [("ООО «Сплав»", "ооо сплав"), ("Société  Générale", "societe generale"), ("ＡＢＣ　Ltd.", "abc ltd"),
     ("Müller-Straße", "muller strasse"), ("Ǆuro ĐAKOVIĆ", "dzuro đakovic"), ("شركة  النور", "شركة النور"),
     ("Ⅻ Group", "xii group"), ("-—", "")],
)
def test_written_key_keeps_letters_and_digits_without_marks(name: str, key: str) -> None:
    assert written_key(name) == key
    # The per-character definition its translate table caches.
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", name).casefold())
    kept = "".join(ch if ch.isalnum() else " " for ch in decomposed if not unicodedata.combining(ch))
    assert written_key(name) == " ".join(kept.split())


def test_an_exact_common_short_name_alerts_through_the_index(e: Factory) -> None:
    make = e
    entities = [make("Company", "splav", name="NPO Splav JSC")]
    entities += [make("Company", f"s{n}", name=f"Splav {word}") for n, word in enumerate("Alfa Beta Gamma Delta Omega".split())]
    index = MatchIndex.build(entities)
    found = index.match(Query(names=["npo splav, jsc"]))
    assert found and found[0].source_id == "splav" and found[0].score >= DEFAULT_THRESHOLD
    assert "the listed name as written" in found[0].explanation
    # The common word alone is the listed name but for its legal form: it alerts on that name,
    # not on the others holding the word.
    bare = index.match(Query(names=["Splav"]))
    assert [match.source_id for match in bare] == ["splav"] and "but for its legal form" in bare[0].explanation


@pytest.mark.parametrize(
    ("query", "listed", "slip"),
    [("JOINT STOKK COMPANY TERRA TECH", "JOINT STOCK COMPANY TERRA TECH", True),
     ("ANHUI LAND GROP CO., LIMITED", "ANHUI LAND GROUP CO., LIMITED", True),
     ("OOO GUIKEL", "OOO GIKEL", True), ("AL FAY COMAPNY", "AL FAY COMPANY", True),
     ("Sin Trading LLC", "Sun Trading LLC", False),  # a three-letter word one letter away is another word
     ("NEW HOLDING 1", "NEW HOLDING 2", False),  # a digit is not a slip
     ("Ben Yang", "Bin Yang", False),  # too few letters
     ("GNBNTT", "GBNTT", True),  # a short acronym (no vowel) mistyped
     ("MCIC", "MCIS", False),  # an acronym of four letters: too short
     ("Robon", "Robin", False),  # a short word with vowels is another name
     ("JOINT STOCK COMPANY TERRA", "JOINT STOCK COMPANY TERRA TECH", False),  # a word left out
     ("STOKK COMPANY TERA TECH", "STOCK COMPANY TERRA TECH", False),  # two slips
     # A Chinese name's one syllable a letter off another is another name; a letter off no
     # syllable (Weimng) or in a word of two syllables is a slip, and so is a slip in a name that
     # is not all Chinese syllables (Mariya).
     ("ZHANG, Juan", "ZHANG, Jian", False), ("LIANG Meihua", "LIAN Meihua", False),
     ("ZHOU Weimng", "ZHOU Weiming", True), ("ZHOU Weiming", "ZHOU Weimeng", True),  # two syllables
     ("Tamara Mariya Chen", "Tamara Mariia Chen", True),
     # A character of Han (or Hangul, kana) script is a syllable: one changed is another name.
     ("畅利科技有限公司", "保利科技有限公司", False), ("김영수", "김영주", False)],
)
def test_a_listed_name_but_for_one_slip_reaches_the_threshold(query: str, listed: str, slip: bool) -> None:
    comparison = compare_names(analyze_name(query), analyze_name(listed), lambda token: 1.0)
    floored = matching.exact_floor(comparison, query, listed)
    assert is_slip_of(query, listed) == slip
    if slip:
        assert floored.score == max(SLIP_NAME_SCORE, comparison.score) and floored.score >= DEFAULT_THRESHOLD
    else:
        assert floored == comparison


@pytest.mark.parametrize(
    ("query", "listed", "bare"),
    [("GAZPROM", "PUBLIC JOINT STOCK COMPANY GAZPROM", True), ("Almaz", "Almaz, JSC", True),
     ("Splav", "NPO Splav JSC", True),
     ("Gazprom PJSC", "Gazprom, OAO", True),  # the same form written otherwise
     ("Almaz LLC", "Almaz, JSC", False),  # another form: another company of the name
     ("Martin Ltd", "Martin", False),  # a bare listed word may be any name
     ("Almaz", "Almaz", False),  # written as listed: the exact floor's
     ("Ali Co.", "Ali Co., Ltd.", False),  # too short a name
     ("Almaz Group", "Almaz, JSC", False)],  # another word
)
def test_a_listed_name_but_for_its_legal_form_reaches_the_threshold(query: str, listed: str, bare: bool) -> None:
    comparison = compare_names(analyze_name(query, False), analyze_name(listed, False), lambda token: 0.3)
    floored = matching.exact_floor(comparison, query, listed)
    assert is_written_but_for_legal_form(query, listed) == bare
    if bare:
        assert comparison.score < DEFAULT_THRESHOLD  # a common word alone: below it by similarity
        assert floored.score == LEGAL_FORM_NAME_SCORE >= DEFAULT_THRESHOLD and "legal form" in floored.detail
    elif query != listed:
        assert floored == comparison


@pytest.mark.parametrize(
    ("query", "listed", "read"),
    # A short word one script reads as a legal form and the other as part of the name (EK, the
    # German sole trader's form in Latin letters; ПК, a production cooperative, in Cyrillic).
    [("OOO Ultran EK", "ООО «Ультран ЭК»", True), ("АО «ПК «Ахтуба»", "AO PK Akhtuba", True),
     ("OOO Ul'tran EK", "ООО «Ультран ЭК»", True),  # the soft sign romanised as an apostrophe
     ("Ul'tran EK OOO", "ООО «Ультран ЭК»", False),  # another word order: the comparison's
     ("Tyfun", "АО ‘Тайфун’", False),  # a slip: the comparison's
     ("Ivan", "Иван", True), ("Ян", "Yan", False),  # too short a name
     ("محمد رضا", "Mhmd Rda", False),  # Arabic script leaves the vowels out: no reading to equal
     ("OOO Ultran EK", "OOO Ultran EK", False)],  # one script: the exact floor's
)
def test_a_listed_name_as_its_letters_read_in_latin_reaches_the_threshold(query: str, listed: str, read: bool) -> None:
    comparison = compare_names(analyze_name(query, False), analyze_name(listed, False), lambda token: 0.3)
    floored = matching.exact_floor(comparison, query, listed)
    assert is_transliterated_as(query, listed) == read
    if read:
        assert comparison.score < DEFAULT_THRESHOLD  # a legal form read in one script only
        assert floored.score == TRANSLITERATED_NAME_SCORE and "read in Latin" in floored.detail
        assert matching.written_alike(query, listed)
    elif query != listed:
        assert floored == comparison


def _with_subsidiaries(make: Factory, listed: EntityProxy, word: str, count: int) -> list[EntityProxy]:
    """``listed``, ``count`` listed companies named ``word`` and a division (its one word common in
    the index), and 200 companies of other words."""
    entities = [listed]
    entities += [make("Company", f"s{n}", name=f"{word} Division{n:02d} LLC") for n in range(count)]
    entities += [make("Company", f"f{n}", name=f"Filler{n:03d} Trading{n:03d} LLC") for n in range(200)]
    return entities


def test_a_latin_name_as_a_cyrillic_listed_name_reads_alerts_through_the_index(e: Factory) -> None:
    """The Latin spelling of a Cyrillic listed name whose short word one script takes for a legal
    form reaches the alert threshold through the index, among listed names sharing its words."""
    entities = _with_subsidiaries(e, e("Company", "u", name="ООО «Ультран ЭК»"), "Ultran", 30)
    found = MatchIndex.build(entities).match(Query(names=["OOO Ultran EK"], schema="Organization"))
    assert found[0].source_id == "u" and found[0].score >= DEFAULT_THRESHOLD
    assert "read in Latin" in found[0].explanation


def test_a_variant_of_the_query_written_as_a_listed_name_alerts(e: Factory) -> None:
    """The written-name floors test each variant of the query name (here its short form in
    brackets, of the same analysed form as its long one), not only the query name as given."""
    make = e
    entities = [make("Company", "r", name="AO Radiant-EK")]
    entities += [make("Company", f"s{n}", name=f"Radiant Division{n:02d} LLC") for n in range(30)]
    index = MatchIndex.build(entities)
    query = Query(names=["Акционерное Общество «Радиант-ЭК» (АО «Радиант-ЭК»)"], schema="Organization")
    found = index.match(query)
    assert found[0].source_id == "r" and found[0].score >= DEFAULT_THRESHOLD
    assert "read in Latin" in found[0].explanation
    texts = [texts for _, texts, _ in matching.prepare_query(query).written_names()]
    assert ("Акционерное Общество «Радиант-ЭК»", "АО «Радиант-ЭК»") in texts
    # Not a one-word part: an acronym in brackets is the written name of many listed bodies.
    name = "Zorkon Shipbuilding Group (ZSGC) 7th Academy"
    entities = [make("Company", "z", name="Zorkon Shipbuilding Group 7th Academy")]
    entities += [make("Company", f"a{n}", name="ZSGC") for n in range(12)]
    found = MatchIndex.build(entities).match(Query(names=[name], schema="Organization"))
    assert "z" in {match.source_id for match in found}
    assert all(match.score < EXACT_NAME_SCORE for match in found if match.source_id != "z")


def test_a_group_name_without_its_legal_form_alerts_through_the_index(e: Factory) -> None:
    """A company listed with many subsidiaries makes its one word common in the index (GAZPROM
    under forty names): the bare name still reaches the alert threshold, and the other subsidiaries
    stay below it."""
    entities = _with_subsidiaries(e, e("Company", "g", name="PUBLIC JOINT STOCK COMPANY GAZPROM"), "Gazprom", 40)
    found = MatchIndex.build(entities).match(Query(names=["GAZPROM"], schema="Organization"))
    assert found[0].source_id == "g" and found[0].score >= DEFAULT_THRESHOLD
    assert all(match.score < DEFAULT_THRESHOLD for match in found[1:])


def test_a_name_in_another_word_order_blocks_as_high_as_written(e: Factory, monkeypatch: pytest.MonkeyPatch) -> None:
    """``KHRYAKOV, Alexander`` shares the whole-name key of ``Alexander KHRYAKOV``, so it is not left
    below the matcher's share of the best blocked name by the written-order copies of the name on
    other lists (their fused keys are the rarest). One key, so no comparison more per query."""
    query = analyze_name("Alexander Khryakov", True)
    assert whole_name_key(query) == whole_name_key(analyze_name("KHRYAKOV, Alexander", True))
    assert whole_name_key(query) in name_keys(query, affixes=False)
    assert whole_name_key(analyze_name("LLC Engineering Group")) != whole_name_key(analyze_name("Engineering LLC"))
    make = e
    entities = [make("Person", f"w{n}", name="Alexander KHRYAKOV") for n in range(2)]
    entities += [make("Person", "r", name="KHRYAKOV, Alexander")]
    entities += [make("Person", f"a{n}", name=f"Alexander {word}") for n, word in enumerate("Petrov Ivanov Smirnov".split())]
    entities += [make("Person", f"f{n}", name=f"Filler{n:03d} Person{n:03d}") for n in range(300)]  # rare keys weigh more
    index = MatchIndex.build(entities)
    reordered = next(n for n in range(index.name_count) if index.record(index.name_entity(n)).source_id == "r")

    def share() -> float:
        blocked = dict(index.candidate_names(query))
        return blocked[reordered] / max(blocked.values())

    with_key = share()
    monkeypatch.setitem(blocking.KEY_WEIGHTS, "%", 0.0)
    assert with_key > share() and with_key >= matching.MIN_BLOCK_SHARE


def test_a_name_written_alike_is_compared_whatever_the_quick_filter(e: Factory, monkeypatch: pytest.MonkeyPatch) -> None:
    """A misspelt legal form of two words (a long one is respelt: ``legal_forms.respell_legal_forms``)
    stays in the query's tokens, and the quick filter would drop the listed name."""
    monkeypatch.setattr(matching, "RARE_WORD_BLOCKED", 0)  # (its rare word INMO would bring it too)
    make = e
    # (Not sociedad anonima: sociedad alone is a generic word, data/org_words.txt.)
    name = "L-INMO, NAAMLOZE VENNOOTSCHAP"
    index = MatchIndex.build([make("Company", "inmo", name=name), make("Company", "other", name="L. INMO INMOBILIARIA")])
    query = "L-INMO, NAAMLOZE VENNOOSTCHAP"
    form = analyze_name(query)
    listed = next(n for n in range(index.name_count) if index.name_text(n) == name)
    assert listed not in matching._shortlist(index, form)  # type: ignore[arg-type]
    assert listed in matching._shortlist(index, form, query)  # type: ignore[arg-type]
    found = index.match(Query(names=[query]))
    assert found and found[0].source_id == "inmo" and "one slip" in found[0].explanation


def test_a_respelt_name_blocks_by_its_respelt_whole_name_keys(e: Factory, monkeypatch: pytest.MonkeyPatch) -> None:
    """``M-INWEST`` (German w for Cyrillic в) meets ``M-INVEST`` under the respelt whole-name key
    (``%invest m|``); by its words alone it ties with every other Invest company, and sixty of
    them kept it from the comparison."""
    query, listed = analyze_name("M-INWEST", False), analyze_name("M-INVEST", False)
    assert whole_name_key(query) != whole_name_key(listed)
    assert whole_name_key(listed) in name_keys(query, affixes=False) & name_keys(listed)
    make = e
    entities = [make("Company", f"i{n}", name=f"{word} Invest") for n, word in enumerate(_WORDS[:60])]
    entities += [make("Company", "m", name="M-INVEST")]

    def blocked() -> bool:
        index = MatchIndex.build(entities)
        wanted = next(n for n in range(index.name_count) if index.record(index.name_entity(n)).source_id == "m")
        return wanted in matching._shortlist(index, query, "M-INWEST")

    assert blocked()
    monkeypatch.setattr(blocking, "respell", lambda token: token)
    assert not blocked()


def test_a_name_respelt_throughout_blocks_next_to_namesakes_holding_its_words(
    e: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``'ALI, Mohamed`` shares only skeletons with ``'ALI, Muhammad``; 45 names holding ``Ali
    Mohamed`` as written outrank it, past ``MAX_NAME_CANDIDATES``. The whole-skeleton key (``&``)
    blocks it next to them."""
    form = analyze_name("'ALI, Mohamed", True)
    assert whole_skeleton_key(form) == whole_skeleton_key(analyze_name("'ALI, Muhammad", True))
    assert whole_skeleton_key(form) in name_keys(form, affixes=False)
    make = e
    entities = [make("Person", f"a{n}", name=f"{word}, Ali Mohamed") for n, word in enumerate(_SHORT_WORDS)]
    entities += [make("Person", "m", name="'ALI, Muhammad")]
    index = MatchIndex.build(entities)
    wanted = next(n for n in range(index.name_count) if index.record(index.name_entity(n)).source_id == "m")
    assert wanted in dict(index.candidate_names(form))
    monkeypatch.setitem(blocking.KEY_WEIGHTS, "&", 0.0)
    # Outweighed, it still comes after the best: the names of a rare whole-skeleton key do.
    assert [name_idx for name_idx, _ in index.candidate_names(form)][-1] == wanted
    monkeypatch.setattr(index_module, "RESPELT_NAMES", 0)
    assert wanted not in dict(index.candidate_names(form))


def test_the_whole_skeleton_key_folds_j_and_ch_and_z_and_s() -> None:
    """Romanisations write one sound as j or ch (Korean ``Chong`` / ``Jong``) and as z or s
    (``Azia`` / ``Asia``); a name respelt so in every word meets the query under the ``&`` key."""
    def key(text: str, person: bool) -> str:
        return whole_skeleton_key(analyze_name(text, person))

    assert key("Kim Chung Chong", True) == key("JUNG JONG KIM", True)
    assert key("ASIA SHIPPING COMPANY", False) == key("AZIA SHIPPING COMPANY", False)
    assert key("Kim Chung Chong", True) != key("Kim Gung Gong", True)
    assert key("Kim Chung Chong", True) != key("Kim Chung", True)  # every word, no more


def test_a_name_respelt_throughout_is_compared_below_the_block_share(monkeypatch: pytest.MonkeyPatch) -> None:
    """``JUNG JONG KIM`` shares only the common ``kim`` and the whole-skeleton key with ``Kim Chung
    Chong``, and weighs less than ``MIN_BLOCK_SHARE`` of names holding ``kim`` and a word as
    written; it is compared all the same (``_respelt_alike`` looks at every blocked name)."""
    forms = [analyze_name(f"Kim Chung {word}", True).dump() for word in _SHORT_WORDS[:8]]
    forms += [analyze_name("JUNG JONG KIM", True).dump()]
    index = _Blocked(forms)  # weights 10 - position: the last (2.0) is below 0.4 of the best
    form = analyze_name("Kim Chung Chong", True)
    assert 8 in matching._shortlist(index, form)  # type: ignore[arg-type]
    monkeypatch.setattr(matching, "RESPELT_ALIKE_BLOCKED", 0)
    assert 8 not in matching._shortlist(index, form)  # type: ignore[arg-type]


def test_a_name_respelt_throughout_is_compared_whatever_the_quick_filter(monkeypatch: pytest.MonkeyPatch) -> None:
    """The quick filter prefers names holding the query's words as written plus a short one
    (``RAGE, Ali Mohamed``) to the same words respelt (``'ALI, Muhammad``); names with the query's
    skeletons and legal forms get ``RESPELT_ALIKE_BLOCKED`` places of their own."""
    monkeypatch.setattr(matching, "BEST_BLOCKED", 0)
    forms = [analyze_name(f"{word}, Ali Mohamed", True).dump() for word in _SHORT_WORDS[:6]]
    forms += [analyze_name("Ali Muhammad", True).dump(), analyze_name("Ali Muhammad Rage", True).dump()]
    index = _Blocked(forms)
    form = analyze_name("'ALI, Mohamed", True)
    # The quick filter's six places go to the six names as written; Ali Muhammad Rage has other skeletons.
    assert matching._shortlist(index, form) == [0, 1, 2, 3, 4, 5, 6]  # type: ignore[arg-type]
    monkeypatch.setattr(matching, "RESPELT_ALIKE_BLOCKED", 0)
    assert matching._shortlist(index, form) == [0, 1, 2, 3, 4, 5]  # type: ignore[arg-type]


def test_a_name_in_arabic_script_with_the_query_skeletons_is_compared(monkeypatch: pytest.MonkeyPatch) -> None:
    """An Arabic-script name blocks by skeletons, and is filed under the ``&`` key of each choice
    of its words' Latin skeletons (``blocking.abjad_whole_skeleton_keys``); with the query's
    skeletons (``کشا یسمیل`` for ``KOSHA Ismail``) it is a name respelt all the same."""
    monkeypatch.setattr(matching, "BEST_BLOCKED", 0)
    forms = [analyze_name(f"{word}, Kosha Ismail", True).dump() for word in _SHORT_WORDS[:6]]
    forms += [analyze_name("کشا یسمیل", True).dump()]
    index = _Blocked(forms)
    form = analyze_name("KOSHA Ismail", True)
    assert index.names_under(whole_skeleton_key(form)) == {6}
    assert 6 in matching._shortlist(index, form)  # type: ignore[arg-type]
    monkeypatch.setattr(matching, "RESPELT_ALIKE_BLOCKED", 0)
    assert 6 not in matching._shortlist(index, form)  # type: ignore[arg-type]


def test_exact_namesakes_do_not_push_the_fuller_name_out(e: Factory) -> None:
    """Names written exactly as the query share its whole-name keys (``=``, ``%``, ``&``), the
    rarest; the same person's fuller name (a middle initial added) shares none, and fell below
    ``MIN_BLOCK_SHARE`` of them. The share is taken of the weight without those keys."""
    make = e
    entities = [make("Person", f"x{n}", name="Sergei PODOPRIGOROV") for n in range(2)]
    entities += [make("Person", "r", name="PODOPRIGOROV Sergei")]
    entities += [make("Person", "g", name="PODOPRIGOROV, Sergei G.")]
    entities += [make("Person", f"s{n}", name=f"Sergei {word}") for n, word in enumerate(_WORDS[:40])]
    index = MatchIndex.build(entities)
    form = analyze_name("Sergei PODOPRIGOROV", True)
    fuller = next(n for n in range(index.name_count) if index.record(index.name_entity(n)).source_id == "g")
    blocked, partial = index.blocked_names(form)
    weights = dict(blocked)
    assert weights[fuller] < matching.MIN_BLOCK_SHARE * blocked[0][1]  # the share of the best alone
    assert weights[fuller] >= matching.MIN_BLOCK_SHARE * partial
    assert fuller in matching._shortlist(index, form, "Sergei PODOPRIGOROV")
    found = {m.source_id for m in index.match(Query(names=["Sergei PODOPRIGOROV"], schema="Person"), limit=100)}
    assert {"x0", "x1", "r", "g"} <= found


#: Made-up words for filler names (no list data).
_WORDS = [f"{a}{b}{c}" for a in ("Bor", "Kal", "Mer", "Tov", "Zan") for b in ("ad", "en", "ik", "or") for c in ("ba", "do", "li")]
_SHORT_WORDS = [f"{a}{b}" for a in "BDKLMNRST" for b in ("ab", "ek", "ir", "ol", "um")]


def test_names_sharing_many_keys_take_one_ranked_place_each(e: Factory) -> None:
    """Each key a name shares puts it once more among the summed postings: the best ``4 * limit``
    places were taken before a name's copies were merged, so names sharing a dozen keys filled
    them and fewer than ``limit`` names came back (a name within the share of the best left out:
    Nanjing Electronics Technology Institute for Nanjing Research Institute of Electronics
    Technology). Each name takes one place."""
    make = e
    entities = [make("Company", "exact", name="Borad Kalen Merik Tovor Zanli")]
    entities += [make("Company", "fewer", name="Borad Kalen")]
    index = MatchIndex.build(entities)
    form = analyze_name("Borad Kalen Merik Tovor Zanli", False)
    blocked = [index.record(index.name_entity(n)).source_id for n, _ in index.blocked_names(form, limit=2)[0]]
    assert blocked == ["exact", "fewer"]


def test_a_kh_word_blocks_with_its_h_spelling() -> None:
    """Cyrillic х is kh in BGN/PCGN and h elsewhere (Холдинг / Holding): a token starting with kh
    also gets the skeleton of its h spelling, which the h spelling has as its own."""
    listed = name_keys(analyze_name("OAO B Kholding", False))  # (kept: B alone is too short)
    assert "~hldng" in listed
    assert "~hldng" in name_keys(analyze_name("B Holding OJSC", False), affixes=False)
    assert "~hbrv" not in name_keys(analyze_name("Abkharov", True))  # only an initial kh
    assert "~hbrv" in name_keys(analyze_name("Khabarov", True))


def test_a_rare_word_of_the_query_brings_its_names_to_comparison(e: Factory) -> None:
    """A company's own word, written alike and rare among the listed names, names it; names sharing
    the query's common words outweigh it in blocking and in the quick filter."""
    make = e
    entities = [make("Company", "own", name="Zorvexo DMCC")]
    entities += [make("Company", f"g{n}", name=f"{word} General Trading LLC") for n, word in enumerate(_WORDS[:45])]
    index = MatchIndex.build(entities)
    form = analyze_name("Zorvexo General Trading DMCC", None)
    own = next(n for n in range(index.name_count) if index.record(index.name_entity(n)).source_id == "own")
    assert own in matching._shortlist(index, form, "Zorvexo General Trading DMCC")


def test_whole_name_keys_leave_out_function_words() -> None:
    """A translation adds or drops ``of`` and ``the`` freely (ARMY OF MOHAMMED / MOHAMMED'S ARMY):
    the whole-name keys, in any word order, are of the other words."""
    query, listed = analyze_name("ARMY OF BORADIN", None), analyze_name("BORADIN'S ARMY", False)
    assert whole_name_key(query) == whole_name_key(listed) == "%army boradin|"
    assert whole_skeleton_key(query) == whole_skeleton_key(listed)
    assert whole_name_key(analyze_name("Of The", None)) == "%of the|"  # nothing else: kept


def test_a_chinese_name_meets_its_wade_giles_spelling_under_its_whole_name_key() -> None:
    # 蔡其明 reads cai qi ming; lists print it Tsai Chi-ming (Wade-Giles): the whole-name key
    # of the Wade-Giles spelling is shared, in both directions.
    chinese = blocking.name_keys(analyze_name("蔡其明", True), False)
    latin = blocking.name_keys(analyze_name("Tsai Chi-ming", True), False)
    assert "%chi ming tsai|" in chinese & latin
    assert {"tsai", "chi"} <= chinese
    # So does a name written in pinyin in Latin letters (``names.east_asian``), syllables run
    # together too; a Western name holding a pinyin syllable gets no Wade-Giles keys.
    assert "%chi ming tsai|" in blocking.name_keys(analyze_name("Cai Qi Ming", True), False)
    assert {"tsai", "chiming"} <= blocking.name_keys(analyze_name("Cai Qiming", True), False)
    assert "chang" not in blocking.name_keys(analyze_name("Robert Zhang", True), False)
    assert "chang" not in blocking.name_keys(analyze_name("Zhang Trading Co., Ltd.", False), False)


def test_a_pinyin_name_finds_its_wade_giles_spelling_through_the_index(e: Factory) -> None:
    # Made-up names sharing no word and no skeleton with the query but in Wade-Giles: found
    # under the keys of the query spelt so (``names.east_asian.wade_giles_word``).
    make = e
    entities = [make("Person", "wg", name="Chou Chien-kuo"), make("Person", "other", name="Chou Chien-hua")]
    entities += [make("Person", f"p{n}", name=f"Zhou {word}") for n, word in enumerate("Lan Yu Ping Hai Rong".split())]
    index = MatchIndex.build(entities)
    found = index.match(Query(names=["Zhou Jianguo"]))
    assert found and found[0].source_id == "wg" and found[0].score >= DEFAULT_THRESHOLD
    assert all(match.source_id != "other" for match in found)


def test_a_korean_name_meets_its_other_romanisation_under_its_whole_name_key(e: Factory) -> None:
    # Gim Yeong Su (Revised Romanization) and KIM, Yong Su (McCune-Reischauer) share no word but
    # su: both are filed under their syllables spelt by ``east_asian.korean_key`` (kim yong su),
    # so the names in Hangul that share gim and yeong (read a syllable a word) do not crowd the
    # other spelling out. A Western name of short words gets no such keys.
    assert "%kim su yong|" in blocking.name_keys(analyze_name("Gim Yeong Su", True), False)
    assert "%kim su yong|" in blocking.name_keys(analyze_name("KIM, Yong Su", True), False)
    assert "%kim su yong|" in blocking.name_keys(analyze_name("김영수", True), False)
    assert "jon" not in blocking.name_keys(analyze_name("John Top Lam", True), False)
    make = e
    entities = [make("Person", "mr", name="KIM, Yong Su")]
    entities += [make("Person", f"h{n}", name=f"김영{syllable}") for n, syllable in enumerate("남한복철호일진희순자")]
    index = MatchIndex.build(entities)
    found = index.match(Query(names=["Gim Yeong Su"], schema="Person"))
    assert found and found[0].source_id == "mr" and found[0].score >= DEFAULT_THRESHOLD


def test_ties_in_blocking_weight_keep_names_of_the_querys_length_first(e: Factory) -> None:
    """Names sharing only the query's one known word weigh the same: of sixty such names, the
    forty kept were the first posted. Ties now go to the names whose number of words is nearest
    the query's (``ranking.rank_blocked``), so the two-word name posted last is kept for a
    two-word query."""
    make = e
    fillers = [f"{a} {b} {c}" for a in _WORDS[:4] for b in _WORDS[4:8] for c in _WORDS[8:12]][:60]
    entities = [make("Company", f"f{n}", name=f"Zorvik {words}") for n, words in enumerate(fillers)]
    entities += [make("Company", "two", name="Zorvik Quelby")]
    index = MatchIndex.build(entities)
    form = analyze_name("Zorvik Pentaro", False)
    blocked = index.blocked_names(form, limit=40)[0]
    assert len({weight for _, weight in blocked}) == 1  # all tied
    assert "two" in {index.record(index.name_entity(n)).source_id for n, _ in blocked}


def test_abjad_keys_come_in_one_group_per_word_and_pair() -> None:
    """Each word of an Arabic-script name gives the skeletons of its possible Latin spellings as
    one group, and so does each pair of adjacent words fused, respelt alike (و as v: راوری /
    Ravari); no key is in two groups."""
    form = analyze_name("رضا حمیدی راوری", True)
    groups = blocking.abjad_key_groups(form)
    assert ("~rd", "~rz", "~rdh") in groups
    assert any("~hmdrvry" in group for group in groups)  # حمیدی راوری fused, و as v
    keys = [key for group in groups for key in group]
    assert len(keys) == len(set(keys))
    assert set(keys) <= name_keys(form, affixes=False)
    # The Latin spelling written as one word meets the fused pair.
    assert "~hmdrvry" in name_keys(analyze_name("HAMIDIRAVARI Reza", True))


def test_a_latin_spelling_outweighs_names_sharing_one_word_in_the_query_script(e: Factory) -> None:
    """A name in the query's own script holds every skeleton of a shared word; a Latin spelling
    only one. Summed key by key, one shared word in Arabic script outweighed both words spelt in
    Latin, and the share of the best kept the Latin name out (مرتضی پیری over BARATI Morteza for
    مرتضی براتی): each word's group counts once, at the IDF of the rarest key a name holds."""
    make = e
    entities = [make("Person", "latin", name="BARATI Morteza")]
    entities += [make("Person", f"ar{n}", name=f"مرتضی {word}") for n, word in enumerate(("پیری", "شیخی", "کریمی"))]
    entities += [make("Person", f"f{n}", name=f"{word} {other}") for n, (word, other) in enumerate(zip(_WORDS, _WORDS[20:]))]
    index = MatchIndex.build(entities)
    form = analyze_name("مرتضی براتی", True)
    weights = {index.record(index.name_entity(n)).source_id: w for n, w in index.blocked_names(form)[0]}
    assert weights["latin"] > max(weights[f"ar{n}"] for n in range(3))
    found = index.match(Query(names=["مرتضی براتی"], schema="Person"), limit=1)
    assert [m.source_id for m in found] == ["latin"]


def test_abjad_whole_skeleton_keys_meet_latin_spellings_of_the_whole_name() -> None:
    """An Arabic-script name of several words gets the ``&`` keys of its words' possible Latin
    skeletons in the last group: a Latin spelling of the whole name holds one, where a word of
    one consonant (ایوب / Ayyub: ``b``; الحية / al-Hayya: ``h``) shares no word key."""
    for query, listed in (("ایوب بشیر", "AYYUB BASHIR"), ("خليل الحية", "Khalil AL-HAYYA")):
        form = analyze_name(query, True)
        keys = blocking.abjad_whole_skeleton_keys(form)
        assert whole_skeleton_key(analyze_name(listed, True)) in keys
        assert 0 < len(keys) <= blocking.MAX_ABJAD_WHOLE_KEYS
        assert blocking.abjad_key_groups(form)[-1] == keys
    assert whole_skeleton_key(analyze_name("AYYUB NASIR", True)) not in blocking.abjad_whole_skeleton_keys(
        analyze_name("ایوب بشیر", True))
    assert blocking.abjad_whole_skeleton_keys(analyze_name("بشیر", True)) == ()


def test_a_latin_spelling_of_a_one_consonant_word_is_blocked_among_its_namesakes(e: Factory) -> None:
    """AYYUB BASHIR shares one word key with ایوب بشیر (Ayyub's skeleton, ``b``, has none), as
    every other BASHIR does; the whole-skeleton key ranks it first among them."""
    make = e
    entities = [make("Person", f"f{n}", name=f"{word} BASHIR") for n, word in enumerate(_WORDS[:50])]
    entities.append(make("Person", "t", name="AYYUB BASHIR"))
    index = MatchIndex.build(entities)
    blocked = index.blocked_names(analyze_name("ایوب بشیر", True))[0]
    assert index.record(index.name_entity(blocked[0][0])).source_id == "t"
    found = index.match(Query(names=["ایوب بشیر"], schema="Person"), limit=1)
    assert [m.source_id for m in found] == ["t"]


def test_the_second_best_blocked_name_is_compared(e: Factory) -> None:
    # SKOCH, Andrei Vladimirovich is second by blocking weight (a namesake with Andrey as written
    # is first), but six shorter names sharing the query's length outrank it in the quick filter
    # (its patronymic lowers its token-sort similarity): ``BEST_BLOCKED`` brings it in.
    names = ["SKOCH, Andrey Ivanovich", "SKOCH, Andrei Vladimirovich"]
    names += [f"{surname}, Andrii" for surname in ("SKOCHKO", "SYCH", "SKOK", "SOKOL", "SHKO", "SUKHO", "SACHKO", "KOCH")]
    names += [f"SKOCH, {given}" for given in ("Varvara", "Boris", "Oleg", "Pavel", "Igor", "Yuri", "Ivan")]
    names += [f"{surname}, Andrey" for surname in ("MOROZOV", "VOLKOV", "LEBEDEV", "KOZLOV", "NOVIKOV", "PAVLOV")]
    index = MatchIndex.build([e("Person", f"p{n}", name=name) for n, name in enumerate(names)])
    found = {m.entity_id for m in index.match(Query(names=["SKOCH, Andrey"], schema="Person"))}
    assert "test-p1" in found


def test_a_slip_in_a_legal_form_finds_the_listed_name(e: Factory) -> None:
    """The slipped long legal form is read as written (``legal_forms.respell_legal_forms``): the same analysed name."""
    index = MatchIndex.build([
        e("Company", "inmo", name="L-INMO, SOCIEDAD ANONIMA DE CAPITAL VARIABLE"),
        e("Company", "other", name="L. INMO INMOBILIARIA"),
    ])
    found = index.match(Query(names=["L-INMO, SOCIEDAD ANONIMA DE CAPTIAL VARIABLE"]))
    assert found and found[0].source_id == "inmo" and found[0].score >= 0.9 and "one slip" not in found[0].explanation


def _listed_index(make: Factory, names: list[str]) -> MatchIndex:
    """An index of one person per name, ``t`` the last (the target), ``f0`` ... the others."""
    entities = [make("Person", f"f{n}", name=name) for n, name in enumerate(names[:-1])]
    return MatchIndex.build([*entities, make("Person", "t", name=names[-1])])


def _unblock(monkeypatch: pytest.MonkeyPatch, index: MatchIndex, source_ids: set[str]) -> set[int]:
    """Takes the names of ``source_ids`` out of ``index``'s blocked names, as the hundreds of names
    holding a query's common words do in a full index; returns their name indexes."""
    blocked_names = index.blocked_names
    taken = {n for n in range(index.name_count) if index.record(index.name_entity(n)).source_id in source_ids}

    def unblocked(form: NameForm, limit: int = 40, organisation: bool = False) -> tuple[list[tuple[int, float]], float]:
        found, partial = blocked_names(form, limit, organisation)
        return [(n, weight) for n, weight in found if n not in taken], partial

    monkeypatch.setattr(index, "blocked_names", unblocked)
    return taken


def _target_shortlisted(index: MatchIndex, query: str) -> bool:
    target = next(n for n in range(index.name_count) if index.record(index.name_entity(n)).source_id == "t")
    return any(target in matching._shortlist(index, form, name) for name, form in matching.prepare_query(
        Query(names=[query], schema="Person")).names)


def test_a_word_the_index_does_not_know_finds_its_respelling(e: Factory, monkeypatch: pytest.MonkeyPatch) -> None:
    """A word no listed name holds as written (BORTSCHEN) adds no weight in blocking: in a full
    index the names holding the query's common words fill every place (here: the target taken out
    of the blocked names), and the one with that word respelt (BORTSCHAN, the same skeleton) was
    never compared; it is now (``_unknown_word_respelt``)."""
    fillers = [f"{word}, Oleg Nikitovich" for word in _WORDS[:40]]
    index = _listed_index(e, [*fillers, "BORTSCHAN, Aleh Mikitovich"])
    _unblock(monkeypatch, index, {"t"})
    query = "BORTSCHEN, Oleg Nikitovich"
    assert _target_shortlisted(index, query)
    monkeypatch.setattr(matching, "UNKNOWN_WORD_BLOCKED", 0)
    assert not _target_shortlisted(index, query)


def test_a_known_word_does_not_open_its_skeleton(e: Factory) -> None:
    """Only a word the index does not know as written is taken for a respelling: BORTSCHAN
    listed as written, the names under its skeleton are left to blocking and the quick filter."""
    fillers = [f"{word}, Oleg Nikitovich" for word in _WORDS[:40]]
    index = _listed_index(e, [*fillers, "BORTSCHEN, Ivo", "BORTSCHAN, Aleh Mikitovich"])
    form = analyze_name("BORTSCHEN, Oleg Nikitovich", True)
    assert matching._unknown_word_respelt(index, form, " ".join(form.tokens), []) == []
    unknown = analyze_name("BORTSCHIN, Oleg Nikitovich", True)
    assert matching._unknown_word_respelt(index, unknown, " ".join(unknown.tokens), [])


def test_without_particles_keeps_two_words_at_least() -> None:
    bare = matching.without_particles(analyze_name("DORAN, Maulana Tameer", True))
    assert bare is not None and bare.tokens == ("doran", "tameer")
    assert matching.without_particles(analyze_name("DORAN, Tameer", True)) is None  # nothing to leave out
    assert matching.without_particles(analyze_name("Abu DORAN", True)) is None  # one word left


def test_a_title_left_out_and_a_word_respelt_still_find_the_name(e: Factory, monkeypatch: pytest.MonkeyPatch) -> None:
    """``DORAN, Maulana Tameer`` shares with ``DORAN, Tamir`` only ``doran`` as written: the title
    breaks its whole-name and whole-skeleton keys, and the respelt given name its own; in a full
    index the hundreds of names holding ``doran`` or ``tameer`` leave it unblocked (here: taken
    out of the blocked names). Without the title, its words' skeletons, in any order, are the
    listed name's (``_particle_free_alike``)."""
    fillers = [f"DORAN, {word}" for word in _WORDS[:40]] + [f"{word} Tameer" for word in _WORDS[40:60]]
    index = _listed_index(e, [*fillers, "TAMIR DORAN", "DORAN, Tamir"])
    targets = _unblock(monkeypatch, index, {"t", "f60"})
    query = "DORAN, Maulana Tameer"
    assert _target_shortlisted(index, query)
    form = analyze_name(query, True)
    # Both names of those words come back, however written, and nothing else.
    assert set(matching._particle_free_alike(index, form, " ".join(form.tokens), [])) == targets
    monkeypatch.setattr(matching, "PARTICLE_FREE_BLOCKED", 0)
    assert not _target_shortlisted(index, query)


def test_names_without_particles_keep_the_rescreen_contract(e: Factory) -> None:
    """Re-screening (``cases.delta``) reaches a listed name only through a key the query holds,
    and only when the quick similarity does not rule it out: a name under the particle-free
    whole-skeleton key that shares no key of the query (its every word respelt z / s, j / k,
    which that key folds) is left out, one sharing a word is compared and passes ``comparable``."""
    index = _listed_index(e, ["SADAN KAREM", "ZADAN, Karem"])
    form = analyze_name("ZADAN, Sheikh Jarem", True)
    text = " ".join(form.tokens)
    bare = matching.without_particles(form)
    assert bare is not None and len(index.names_under(whole_skeleton_key(bare))) == 2
    found = matching._particle_free_alike(index, form, text, [])
    assert [index.record(index.name_entity(n)).source_id for n in found] == ["t"]
    assert all(comparable(form, text, index.name_token_text(n)) for n in found)
def test_abjad_compounds_across_a_particle_name_their_words() -> None:
    """Two names fused across the particle between them (شمس الدین) form a group which names the
    groups of its two words; other groups name none."""
    groups = blocking.abjad_counted_groups(analyze_name("شمس الدین", True))
    words = {group: members for group, members in groups}
    compound = next(group for group in words if "~smsdn" in group)
    assert [groups[m][0] for m in words[compound]] == [next(g for g in words if "~sms" in g), ("~dn",)]
    assert all(not members for group, members in groups if group != compound)
    assert blocking.abjad_key_groups(analyze_name("شمس الدین", True)) == [group for group, _ in groups]


def test_a_compound_written_as_one_word_outranks_names_sharing_its_common_word(e: Factory) -> None:
    """A Latin name writing an Arabic compound as one word (JAMALUDDIN for جمال الدین) holds one
    key of the query's, where names holding only its common word hold two (al-Din and Din): it
    counts for both its words, so such names do not push it out of the blocked names."""
    heads = ("Nasr", "Ala", "Izz", "Badr", "Nur", "Saif", "Salah", "Zain", "Fakhr", "Taj", "Shihab", "Sadr")
    entities = [e("Person", f"one{n}", name=f"JAMALUDDIN {word}") for n, word in enumerate(_WORDS[-3:])]
    entities += [e("Person", f"din{n}", name=f"{head} al-Din {_WORDS[n]}") for n, head in enumerate(heads)]
    entities += [e("Person", f"f{n}", name=f"{word} {other}") for n, (word, other) in enumerate(zip(_WORDS, _WORDS[20:]))]
    index = MatchIndex.build(entities)
    blocked = index.blocked_names(analyze_name("جمال الدین", True))[0]
    weights = {index.record(index.name_entity(n)).source_id: w for n, w in blocked}
    assert min(weights[f"one{n}"] for n in range(3)) > max(weights[f"din{n}"] for n in range(len(heads)))


def test_a_name_of_god_written_as_one_word_outranks_names_sharing_its_first_word(e: Factory) -> None:
    """مطيع الله: Allah's lh has no group of its own, and the name fused with the article (mtye+al)
    writes the same key as the name fused across it (Matiullah's mtl). The compound keeps its
    member (مطيع's group): MATIULLAH counts for both words, above names holding Muti and the
    article (Muti al-Hamzi), where before it tied with every other name under mtl and was cut."""
    groups = blocking.abjad_counted_groups(analyze_name("مطيع الله", True))
    assert dict(groups)[("~mtl",)] == (0,)
    entities = [e("Person", "one", name="MATIULLAH")]
    entities += [e("Person", f"art{n}", name=f"Muti al-{word}") for n, word in enumerate(_WORDS[:6])]
    entities += [e("Person", f"mty{n}", name=f"Motti {word}") for n, word in enumerate(_WORDS[10:40])]
    entities += [e("Person", f"mtl{n}", name=f"Metal {word}") for n, word in enumerate(_WORDS[40:50])]
    entities += [e("Person", f"f{n}", name=f"{word} {other}") for n, (word, other) in enumerate(zip(_WORDS, _WORDS[20:]))]
    index = MatchIndex.build(entities)
    weights = {index.record(index.name_entity(n)).source_id: w for n, w in index.blocked_names(analyze_name("مطيع الله", True))[0]}
    assert weights["one"] > max(weights[f"art{n}"] for n in range(6))


def test_names_in_the_query_script_do_not_outweigh_a_latin_spelling_by_a_skeleton_it_cannot_write(e: Factory) -> None:
    """A name in the query's script holds every skeleton of a shared word (صادقی: ~sdky, and ~sdgy
    with ق as g); a Latin spelling one (SADEQI: ~sdky). Counted at its rarest key, each of many
    names sharing that one word in Arabic script outweighed the Latin spelling of the whole name
    (whose given name, يحيى / Yahya, gives no skeleton key): each group counts at the commonest
    key a name holds."""
    given = ("رضا", "علی", "حسن", "مهدی", "کاظم", "ناصر", "جواد", "مجید", "سعید", "حمید")
    entities = [e("Person", "latin", name="SADEQI, Yahya")]
    entities += [e("Person", f"ar{n}", name=f"{word} صادقی") for n, word in enumerate(given)]
    entities += [e("Person", f"la{n}", name=f"{word} SADEQI") for n, word in enumerate(_WORDS[40:46])]
    entities += [e("Person", f"f{n}", name=f"{word} {other}") for n, (word, other) in enumerate(zip(_WORDS, _WORDS[20:]))]
    index = MatchIndex.build(entities)
    weights = {index.record(index.name_entity(n)).source_id: w for n, w in index.blocked_names(analyze_name("يحيى صادقی", True))[0]}
    assert weights["latin"] >= max(weights[f"ar{n}"] for n in range(len(given)))


@pytest.mark.parametrize(
    ("query", "source_id"), [("Badreddine MUSTAFA", "apart"), ("Salah ad-Din HAMDAN", "fused")]
)
def test_a_name_of_the_faith_is_found_fused_or_apart(e: Factory, query: str, source_id: str) -> None:
    # Badr al-Din / Badreddine: the fused name is filed under its stem too, so the two meet in
    # blocking (no plain key of the query's is the listed name's first word), and pair when compared.
    entities = [
        e("Person", "apart", name="BADR AL DIN, Mustafa"),
        e("Person", "fused", name="SALAHEDDINE, Hamdan"),
        e("Person", "other", name="NUREDDINE, Mustafa"),
    ]
    entities += [e("Person", f"f{n}", name=f"Mustafa {name}") for n, name in enumerate(("Kemal", "Ali", "Aziz"))]
    index = MatchIndex.build(entities)
    found = index.match(Query(names=[query], schema="Person"))
    assert [match.source_id for match in found][:1] == [source_id]
    assert "other" not in {match.source_id for match in found}


def test_a_servant_of_name_is_found_fused_or_apart(e: Factory) -> None:
    # Abd al-Rahman / Abderrahmane: the fused name is filed under its divine name's skeleton, so the
    # listed name stands out in blocking among the many sharing the query's other words.
    entities = [e("Person", "apart", name="ABD AL-RAHMAN, Mohamed Salem")]
    entities += [e("Person", f"f{n}", name=f"{word} Mohamed Salem") for n, word in enumerate(_WORDS)]
    index = MatchIndex.build(entities)
    form = analyze_name("Abderrahmane Mohamed Salem", True)
    blocked = index.blocked_names(form, limit=5)[0]
    assert index.record(index.name_entity(blocked[0][0])).source_id == "apart"
    assert blocked[0][1] > blocked[1][1]
    found = index.match(Query(names=["Abderrahmane Mohamed Salem"], schema="Person"))
    assert [match.source_id for match in found][:1] == ["apart"]
