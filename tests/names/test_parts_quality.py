"""Issue 3 quality rules: mixed-script words, generic organisation words, honorifics, patronymics,
and the name comparisons they change (hand-written cases, no list data)."""

from __future__ import annotations

import pytest

from tradewarden.names.analyze import analyze_name
from tradewarden.names.compare import compare_names, token_similarity
from tradewarden.names.homoglyphs import unmix_scripts
from tradewarden.names.parts import feminine_of, is_particle, name_role

THRESHOLD = 0.8


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("aкционерное oбщество", "акционерное общество"),  # Latin a and o typed in Cyrillic words
        ("aо механический завод", "ао механический завод"),
        ("мicrosoft", "microsoft"),  # a Cyrillic м in a Latin word
        # Most letters Latin look-alikes, but и and л are Cyrillic's alone: Cyrillic words.
        ("cepвиc-texнoлoгия", "сервис-технология"),
        ("ivan петров", "ivan петров"),  # whole words of each script stay as they are
        ("ivan petrov", "ivan petrov"),
        # A short Latin look-alike word among Cyrillic ones: an abbreviation typed on the other
        # layout; not a longer word, nor one beside a Latin word.
        ("aho диалог", "ано диалог"),
        ("texma россия", "texma россия"),
        ("aho dialog диалог", "aho dialog диалог"),
    ],
)
def test_unmix_scripts(text: str, expected: str) -> None:
    assert unmix_scripts(text) == expected


def test_mixed_script_legal_form_is_folded() -> None:
    form = analyze_name("Aкционерное Oбщество ‘Cаратовский Радиоприборный Завод’", False)
    # zavod and the place adjective saratovskiy (Saratov): see org_terms
    assert form.tokens == ("saratov", "radiopribornyy", "plant")


@pytest.mark.parametrize(
    ("name", "tokens"),
    [
        ("LIMITED LIABOILITY COMPANY ENTEP", ("entep",)),  # misspelt legal form
        ("OBSKHCHESTVO S OGRANICHENNOY OTVETSTVENNOSTYU VEB3 INTEGRATOR", ("veb3", "integrator")),
        ("VTB BANK PUBLIC JOINT STOCK COMPANI", ("vtb", "bank")),
        ("Inspur Group", ("inspur",)),
        ("RN Holding", ("rn", "holding")),  # too little would be left: the generic word stays
        ("Open Joint Stock Company", ("open", "joint", "stock", "company")),
    ],
)
def test_generic_organisation_words_are_folded(name: str, tokens: tuple[str, ...]) -> None:
    assert analyze_name(name, None).tokens == tokens
    assert analyze_name(name, False).tokens == tokens


def test_misspelt_legal_form_meets_the_listed_name() -> None:
    listed = analyze_name("JOINT STOCK COMPANY PROIZVODSTVENNOE OBEDINENIE FORT", False)
    query = analyze_name("JOINT STOCK COMPANI PROIZVODSTVENNOE OBEDINENIE FORT", None)
    assert compare_names(query, listed).score == 1.0


def test_honorifics_count_as_particles() -> None:
    assert all(is_particle(word) for word in ("haji", "hajji", "sheikh", "mullah", "mawlawi"))
    asad = compare_names(analyze_name("KHAN, Asad", True), analyze_name("KHAN, Haji Asad", True))
    assert asad.score >= 0.9, asad
    # A misspelt honorific still pairs with the listed one (hadjji / hajji), a name does not (al / ali).
    malik = compare_names(analyze_name("NOORZAI, Hadjji Malik", True), analyze_name("NOORZAI, Hajji Malik", True))
    assert malik.score >= 0.9, malik


def test_titles_and_ranks_inside_a_persons_name_count_as_particles() -> None:
    """HOSSEINI, Dr Seyyed Mohammad; Major General Hussam LUQA: titles rigour leaves inside a
    person's name weigh as particles; not in organisation names, nor "Major" as a family name."""
    hosseini = analyze_name("HOSSEINI, Dr Seyyed Mohammad", True)
    assert hosseini.weights == (1.0, 0.25, 1.0, 1.0), hosseini
    assert analyze_name("Major General Hussam LUQA", True).weights == (0.25, 0.25, 1.0, 1.0)
    assert analyze_name("John Major", True).weights == (1.0, 1.0)
    assert analyze_name("General Dynamics Land Systems", False).weights[0] == 1.0
    luqa = compare_names(analyze_name("Hussam LUQA", True), analyze_name("Major General Hussam LUQA", True))
    assert luqa.score >= 0.9, luqa
    # A generational suffix likewise (Boris ROTENBERG JUNIOR / Boris Borisovich ROTENBERG).
    assert analyze_name("Boris ROTENBERG JUNIOR", True).weights == (1.0, 1.0, 0.25)
    junior = compare_names(analyze_name("Boris ROTENBERG JUNIOR", True), analyze_name("Boris Borisovich ROTENBERG", True))
    assert junior.score >= 0.8, junior


@pytest.mark.parametrize(
    ("token", "role"),
    [
        ("aleksandrovna", "patronymic"),
        ("sergeyevich", "patronymic"),
        ("oleksandrivna", "patronymic"),
        ("aleksandrova", "surname"),
        ("petrov", "surname"),
        ("lukashenko", "surname"),
        ("ivan", None),
        ("mohammed", None),
        ("fedorovo", "place"),
        ("pushkino", "place"),
        ("kosovo", None),  # too short to tell
    ],
)
def test_name_role(token: str, role: str | None) -> None:
    assert name_role(token) == role


def test_family_name_does_not_pair_with_a_patronymic() -> None:
    listed = analyze_name("Лидия Александровна БАСОВА", True)
    other = compare_names(analyze_name("Лидия Александрова", True), listed)
    assert other.score < THRESHOLD, other
    same = compare_names(analyze_name("Лидия Басова", True), listed)
    assert same.score >= THRESHOLD, same


def test_a_village_name_does_not_pair_with_a_womans_family_name() -> None:
    listed = analyze_name("LIMITED LIABILITY COMPANY FEDOROVO KHOLDING", False)
    other = compare_names(analyze_name("Федорова Лимитед", False), listed)
    assert other.score < THRESHOLD and "fedorova~" not in other.detail, other
    same = compare_names(analyze_name("ООО «Федорово Холдинг»", False), listed)
    assert same.score >= THRESHOLD, same


def test_one_word_query_names_only_part_of_a_person() -> None:
    """A family name alone is not the person: the given name counts fully against it."""

    def rarity(token: str) -> float:
        return {"mikhail": 0.5}.get(token, 1.0)

    listed = analyze_name("Mikhail Vinogradov", None)
    single = compare_names(analyze_name("Vinogradov Limited", None), listed, rarity)
    assert single.score < THRESHOLD, single
    # With two words, a dropped middle name still costs little.
    dropped = compare_names(analyze_name("Ivan Sidorov", True), analyze_name("Ivan Petrovich Sidorov", True), rarity)
    assert dropped.score >= THRESHOLD, dropped


def test_extra_query_word_costs_as_little_as_a_dropped_one() -> None:
    listed = analyze_name("JOSEPH KONY", True)
    extra = compare_names(analyze_name("Joseph Rao KONY", True), listed)
    dropped = compare_names(listed, analyze_name("Joseph Rao KONY", True))
    assert extra.score >= THRESHOLD and extra.score == pytest.approx(dropped.score)
    # One word in common is not enough to forgive the others.
    assert compare_names(analyze_name("Davis Campbell Smith", True), analyze_name("Campbell Jones", True)).score < THRESHOLD


def test_far_fetched_word_pairs_and_run_together_names() -> None:
    """Names of as many words are not compared run together, and a pair more than a respelling
    apart counts twice its shortfall (Kazakova / Kapranova)."""
    result = compare_names(analyze_name("Anastasiya Kazakova", True), analyze_name("Anastasiya KAPRANOVA", True))
    assert result.score < THRESHOLD and "run together" not in result.detail, result
    hall = compare_names(analyze_name("William Hall", True), analyze_name("William Ali", True))
    assert hall.score < THRESHOLD, hall
    # Split or fused spellings are still met run together.
    fused = compare_names(analyze_name("Abdulrahman Al Rashid", True), analyze_name("Abd al-Rahman al-Rashid", True))
    assert fused.score >= THRESHOLD, fused


def test_x_is_ks_and_a_left_out_patronymic_costs_little() -> None:
    assert token_similarity("maxim", "mksm", "maksim", "mksm", False) == 1.0
    listed = analyze_name("SHAYBAZIAN, Lazar Gurgenovich", True)
    without_patronymic = compare_names(analyze_name("SHAYBAZYAN, Lazar", True), listed)
    assert without_patronymic.score >= THRESHOLD, without_patronymic
    other = compare_names(analyze_name("SHAYBAZYAN, Lazar", True), analyze_name("SHAYBAZIAN, Lazar Gurgen", True))
    assert other.score < without_patronymic.score


def test_short_names_are_not_scaled_down_twice() -> None:
    """A short one-word name loses to the short-name factor once, not again as low information."""
    result = compare_names(analyze_name("OOO SFT", None), analyze_name("SFT", False), lambda token: 1.0)
    assert THRESHOLD <= result.score < 0.9, result
    assert "common name" not in result.detail
    # The same legal form on both sides halves the short-name penalty (ООО «Т1» / LLC T1).
    same_form = compare_names(analyze_name("OOO SFT", None), analyze_name("SFT LLC", False), lambda token: 1.0)
    assert result.score < same_form.score < 1.0, same_form


@pytest.mark.parametrize(
    ("feminine", "masculine"),
    [
        ("aleksandra", "aleksandr"), ("yevgeniya", "yevgeniy"), ("evgenia", "evgeny"), ("ivanova", "ivanov"),
        ("belyayeva", "belyaev"), ("zhukovskaya", "zhukovskiy"), ("karima", "karim"),
        ("ivana", "ivan"), ("aleksandra", "alexander"),  # (respelt: x is ks, an English -er)
    ],
)
def test_feminine_forms(feminine: str, masculine: str) -> None:
    assert feminine_of(feminine, masculine)
    assert not feminine_of(masculine, feminine)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("alia", "ali"), ("jana", "jan"), ("marina", "maria"), ("maria", "marin"), ("anna", "anna"), ("olga", "oleg"),
        ("burdyka", "burdyko"), ("toboada", "toboado"), ("hamada", "hamad"), ("salama", "salam"),
    ],
)
def test_not_feminine_forms(one: str, other: str) -> None:
    # Short masculine names are left alone (Ali / Alia), other names are not gendered forms, and
    # a final o / a is a spelling of one family name (Belarusian Burdyka / Burdyko), and an
    # Arabic man's name in -a is no woman's (Hamada / Hamad: ``MASCULINE_IN_A``).
    assert not feminine_of(one, other)
