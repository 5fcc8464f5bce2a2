"""Chinese names written in Cyrillic by the Palladius system are read back as pinyin
(``palladius``, ``analyze.palladius_form``): Russian documents name Chinese suppliers so
(Шэньчжэнь, Хуавэй), the lists in pinyin. Made-up parties; the table is the system's rules."""

from __future__ import annotations

import pytest

from tests.match.conftest import best_match, make
from tradewarden.match import MatchIndex
from tradewarden.names.analyze import palladius_form
from tradewarden.names.palladius import PALLADIUS, read_name, read_word


def test_the_table_is_the_systems_rules() -> None:
    assert PALLADIUS["цзинь"] == "jin" and PALLADIUS["чжэн"] == "zheng" and PALLADIUS["сюэ"] == "xue"
    assert PALLADIUS["цзы"] == "zi" and PALLADIUS["си"] == "xi" and PALLADIUS["сы"] == "si"
    assert PALLADIUS["го"] == "guo" and PALLADIUS["вэй"] == "wei" and PALLADIUS["юань"] == "yuan"
    assert PALLADIUS["цзюнь"] == "jun" and PALLADIUS["люэ"] == "lue"  # ü: ju, jun; lüe written lue
    assert len(PALLADIUS) > 380  # nearly every pinyin syllable has its spelling


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("цзиньпин", ("jin", "ping")),
        ("шэньчжэнь", ("shen", "zhen")),
        ("хуавэй", ("hua", "wei")),
        ("гуанчжоу", ("guang", "zhou")),
        ("петров", None),
        ("тимур", None),
    ],
)
def test_a_word_is_read_only_when_wholly_spelt_in_syllables(word: str, syllables: tuple[str, ...] | None) -> None:
    assert read_word(word) == syllables


def test_a_name_is_read_only_with_a_mark_of_the_system() -> None:
    assert read_name("си цзиньпин") == "xi jinping"
    assert read_name("ооо шэньчжэнь хуавэй") == "ооо shenzhen huawei"
    # Russian names spelt in Palladius syllables by chance carry none of its marks.
    for russian in ("иван петров", "анна иванова", "николай", "ван ли"):
        assert read_name(russian) is None
    assert palladius_form("Иван Петров", True) is None
    form = palladius_form("Лю Цзяньго", True)
    assert form is not None and form.tokens == ("liu", "jianguo")


@pytest.fixture(scope="module")
def index() -> MatchIndex:
    return MatchIndex.build([
        make("Person", "lj", name="LIU, Jianguo"),
        make("Company", "sj", name="Shenzhen Jinhua Electronics Co., Ltd."),
        make("Person", "ip", name="Ivan PETROV"),
    ])


@pytest.mark.parametrize(
    ("query", "schema", "expected"),
    [
        ("Лю Цзяньго", "Person", "test-lj"),  # ICU: lyu tszyango
        ("ООО Шэньчжэнь Цзиньхуа Электроникс", "Company", "test-sj"),  # shenchzhen tszinkhua
    ],
)
def test_a_palladius_spelling_meets_the_pinyin_one(index: MatchIndex, query: str, schema: str, expected: str) -> None:
    top = best_match(index, query, schema)
    assert top.entity_id == expected and top.score >= 0.9, top


def test_a_russian_name_keeps_its_one_reading(index: MatchIndex) -> None:
    top = best_match(index, "Иван Петров", "Person")
    assert top.entity_id == "test-ip" and top.score >= 0.95
