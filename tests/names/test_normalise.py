"""Normalisation pins: transliteration, scripts, skeletons, legal forms, particles, analysis."""

from __future__ import annotations

import pytest

from tradewarden.names.analyze import NameForm, analyze_name
from tradewarden.names.legal_forms import split_legal_forms
from tradewarden.names.parts import is_particle, strip_titles
from tradewarden.names.phonetic import skeleton, sound_key, vowel_shape
from tradewarden.names.script import ABJAD, Script, scripts_of
from tradewarden.names.translit import to_ascii


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Иван Петров", "ivan petrov"),
        ("Юрий Хабаров", "yuriy khabarov"),
        ("Γιώργος Παπαδόπουλος", "giorgos papadopoulos"),
        ("Արամ Խաչատրյան", "aram khachatryan"),
        ("ЛУКАШЭНКА, Аляксандр", "lukashenka alyaksandr"),
        ("Андрей Юрьевич ВОРОБЬЁВ", "andrey yuryevich vorobyev"),
        ("გიორგი ბერიძე", "giorgi beridze"),
        ("محمد", "mhmd"),
        ("משה כהן", "msh khn"),
        ("习近平", "xi jin ping"),
        # Characters read as names read them, not by ICU's commonest reading (data/han_readings.txt):
        # a surname, places, a Uyghur name's transcription; 大厦 (building) keeps its own reading.
        ("曾国明", "zeng guo ming"),
        ("成都 长沙 厦门", "cheng du chang sha xia men"),
        ("阿不都·哈克", "a bu du ha ke"),
        ("大厦", "da sha"),
        ("José GARCÍA-López", "jose garcia lopez"),
        ("MÜLLER Straße", "muller strasse"),
        ("ＡＢＣ　Ltd", "abc ltd"),
        # Serbian and Macedonian Cyrillic (letters Russian lacks) in their own Latin alphabets.
        ("Жељка Цвијановић", "zeljka cvijanovic"),
        ("Ђорђе Џаја", "dorde dzaja"),
        ("Ѓорѓи Ќосе", "gorgi kose"),
        ("Милорад Додик", "milorad dodik"),  # no such letter: BGN/PCGN Russian as before
    ],
)
def test_to_ascii(text: str, expected: str) -> None:
    assert to_ascii(text) == expected


def test_scripts_of() -> None:
    assert scripts_of("Ivan") == Script.LATIN
    assert scripts_of("Иван Ivan") == Script.LATIN | Script.CYRILLIC
    assert scripts_of("محمد") & ABJAD
    assert scripts_of("משה") & ABJAD
    assert scripts_of("习近平") == Script.HAN
    assert scripts_of("123 -") == Script.NONE


@pytest.mark.parametrize("spelling", ["mohammad", "muhammad", "mohamed", "mohammed", "mhmd"])
def test_skeleton_meets_spellings_of_muhammad(spelling: str) -> None:
    assert skeleton(spelling) == "mhmd"


@pytest.mark.parametrize(
    ("one", "other"), [("mohammed", "muhammad"), ("zaitsev", "zaytsev"), ("hussein", "husayn"), ("abdullah", "abdulla")]
)
def test_vowel_shape_of_respellings_agrees(one: str, other: str) -> None:
    assert vowel_shape(one) == vowel_shape(other)


def test_vowel_shape_keeps_consonant_clusters_and_vowel_places() -> None:
    assert vowel_shape("mohammad") == "CVCVCVC"
    assert vowel_shape("pestova") == "CVCCVCV"  # s-t cluster kept, o-a vowel slots
    assert vowel_shape("positive") == "CVCVCVCV"
    assert vowel_shape("subbotin") != vowel_shape("sabtina")
    assert vowel_shape("") == ""


def test_skeleton_keeps_different_names_apart() -> None:
    assert skeleton("ahmad") != skeleton("mohammad")
    assert skeleton("petrov") == skeleton("petrvo") == "ptrv"
    assert skeleton("khaled") == skeleton("haled") or skeleton("khaled") == "kld"
    assert sound_key("123") == ""
    assert sound_key("mohammed")


@pytest.mark.parametrize(
    "name",
    ["ооо ромашка", "romashka limited liability company", "romashka llc", "romashka co., ltd.", "romashka gmbh"],
)
def test_legal_forms_fold_to_one_token(name: str) -> None:
    rest, forms = split_legal_forms(name)
    assert forms == ("llc",)
    assert to_ascii(rest) == "romashka"


def test_japanese_legal_forms_in_romaji_fold() -> None:
    # 株式会社 / 有限会社 romanised: the words leave the name like "Co., Ltd." does.
    for name in ("romashka kabushiki kaisha", "romashka yugen kaisha"):
        form = analyze_name(name, False)
        assert form.tokens == ("romashka",) and "llc" in form.legal_forms


def test_legal_form_alone_is_kept_as_name() -> None:
    assert split_legal_forms("llc") == ("llc", ())
    assert split_legal_forms("bank melli iran") == ("bank melli iran", ())


def test_particles_and_titles() -> None:
    assert is_particle("al") and is_particle("bin") and is_particle("abu")
    assert not is_particle("mohammed")
    assert strip_titles("mr john smith") == "john smith"
    assert strip_titles("mr") == "mr"


def test_analyze_person_and_org() -> None:
    person = analyze_name("Mr. Mohammed bin Salman Al-Saud", True)
    assert person.tokens == ("mohammed", "bin", "salman", "al", "saud")
    assert person.weights == (1.0, 0.25, 1.0, 0.25, 1.0)
    assert person.joined == "mohammedsalmansaud"
    org = analyze_name("Acme Trading Corporation", False)
    assert org.tokens == ("acme", "trading") and org.legal_forms == ("corp",)
    assert analyze_name("ООО Ромашка", False).legal_forms == ("llc",)
    assert analyze_name("محمد رضا", True).abjad
    assert analyze_name("---", None).empty


def test_name_form_round_trip() -> None:
    form = analyze_name("Huawei Technologies Co., Ltd.", False)
    assert NameForm.parse(form.dump()) == form
    arabic = analyze_name("محمد عبد الله", True)
    assert NameForm.parse(arabic.dump()) == arabic
    assert NameForm.parse(arabic.dump()).abjad and not NameForm.parse(arabic.dump()).han
    han = analyze_name("华为技术有限公司", False)
    assert NameForm.parse(han.dump()).han and not NameForm.parse(han.dump()).abjad


@pytest.mark.parametrize(
    ("tokens", "weights", "joined", "run_together", "significant", "spoken"),
    [
        (("ivan", "petrov"), (1.0, 1.0), "ivanpetrov", "ivanpetrov", 2, 2),
        # An initial (0.5) is spoken but not significant; a particle (below 0.5) neither.
        (("john", "p", "walters"), (1.0, 0.5, 1.0), "johnwalters", "johnpwalters", 2, 3),
        (("abd", "al", "nur"), (1.0, 0.3, 1.0), "abdnur", "abdnur", 2, 2),
        # No full-weight token: every token run together.
        (("al", "p"), (0.3, 0.5), "alp", "p", 0, 1),
        ((), (), "", "", 0, 0),
    ],
)
def test_name_form_derived_fields(
    tokens: tuple[str, ...], weights: tuple[float, ...], joined: str, run_together: str, significant: int, spoken: int
) -> None:
    """The fields ``NameForm`` derives once (the all-full-weight shortcut and the general path)."""
    form = NameForm(tokens, tokens, weights, (), False)
    assert (form.joined, form.run_together, form.significant, form.spoken_words) == (joined, run_together, significant, spoken)
    assert form.indexed_tokens == tuple(enumerate(zip(tokens, tokens)))


@pytest.mark.parametrize("person", [True, False, None])
def test_an_ascii_name_analyses_as_the_same_name_written_with_other_characters(person: bool | None) -> None:
    """ASCII names skip Unicode normalisation and script unmixing; they must come out as the
    general path writes the same name (case folded, outer spaces and NFKC forms alike)."""
    assert analyze_name("  Ivan PETROV Holding ", person) == analyze_name("Ｉvan PETROV\u00a0Holding\u2003", person)
    form = analyze_name("  Ivan PETROV ", person)
    assert form.tokens == ("ivan", "petrov") and not form.abjad and not form.han


def test_skeleton_and_vowel_shape_collapse_doubled_letters() -> None:
    assert skeleton("mohammed") == skeleton("mohamed") == "mhmd"
    assert skeleton("hassan") == "hsn"
    assert vowel_shape("mohammad") == vowel_shape("mohamad") == "CVCVCVC"
