"""Name parts that carry little identity: particles, titles, generic organisation words.

Particles (al-, bin, ibn, abu, van, de ...) and honorifics written inside a name (haji, sheikh,
mullah ...) come from ``data/particles.txt``, generic organisation words (company, joint,
stock, obshchestvo ...) from ``data/org_words.txt``, the function words of organisation names
(of, the, and, imeni ...) from ``data/function_words.txt`` and one spelling for the name
elements lists spell several ways (abed, abdel -> abdul) from ``data/name_spellings.txt``, each
with the reasoning beside it; leading titles ("Mr", "Dr", "Sheikh" ...) are removed with
rigour's person-prefix table. East Slavic patronymics, family names and place names are told
apart by their endings (``name_role``), so that ``Aleksandrova`` (a family name) does not pass
for ``Aleksandrovna`` (a patronymic), nor ``Fedorovo`` (a village) for ``Fedorova``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import OSA
from rigour.names import remove_person_prefixes

from tradewarden.names.data_files import data_lines
from tradewarden.names.phonetic import respell


PARTICLES: frozenset[str] = frozenset(data_lines("particles.txt"))
#: Titles and ranks written inside a person's name (``data/person_titles.txt``).
PERSON_TITLES: frozenset[str] = frozenset(data_lines("person_titles.txt"))
ORG_WORDS: frozenset[str] = frozenset(data_lines("org_words.txt"))
FUNCTION_WORDS: frozenset[str] = frozenset(data_lines("function_words.txt"))
#: Spellings of one personal-name element, to its canonical spelling (abed, abdel -> abdul).
NAME_SPELLINGS: dict[str, str] = {
    spelling: canonical
    for canonical, spellings in (line.split("\t") for line in data_lines("name_spellings.txt"))
    for spelling in spellings.split()
}

#: Weight of a generic organisation word relative to an ordinary name token.
ORG_WORD_WEIGHT = 0.3

#: Weight of a particle relative to an ordinary name token when names are compared.
PARTICLE_WEIGHT = 0.25

#: Weight of a function word of an organisation name (of, the, and): a translation adds or drops
#: them freely, so they barely count either way (Smith and Company / Smith & Company).
FUNCTION_WORD_WEIGHT = 0.1


def is_person_title(token: str) -> bool:
    """Whether an ASCII token is a title or rank written inside a person's name (``dr``,
    ``general``, ``colonel``: ``data/person_titles.txt``).

    Args:
        token: one lower-case ASCII token.
    Returns:
        True for titles and ranks.
    """
    return token in PERSON_TITLES


def is_particle(token: str) -> bool:
    """Whether an ASCII token is a name particle (``al``, ``bin``, ``abu``, ``van`` ...).

    Args:
        token: one lower-case ASCII token.
    Returns:
        True for particles.
    """
    return token in PARTICLES


@lru_cache(maxsize=65536)
def is_org_word(token: str) -> bool:
    """Whether an ASCII token is a generic organisation word, or a one-letter misspelling of one.

    Args:
        token: one lower-case ASCII token.
    Returns:
        True for ``company``, ``cimpany``, ``obshchyestvo``, ``jooint`` ...; False for
        distinctive words. A misspelling must have six letters or more (one edit turns five-letter
        words into other words: ``point``, ``stick``), and may come from a five-letter word by an
        added letter (``jooint``, ``groupp``).
    """
    if token in ORG_WORDS:
        return True
    if len(token) < 6:
        return False
    # Only words sharing a one-letter deletion with the token (or the token itself) can be one
    # edit away (a substitution, insertion, deletion or swap of neighbours leaves one in common).
    near = {word for key in _deletions(token) for word in _ORG_WORD_DELETIONS.get(key, ())}
    return any(
        abs(len(word) - len(token)) <= 1 and OSA.distance(word, token, score_cutoff=1) <= 1
        for word in near
        if len(word) >= 6 or (len(word) == 5 and len(token) == 6)
    )


def fold_spelling(token: str) -> str:
    """The canonical spelling of a personal-name element lists spell several ways.

    Args:
        token: one lower-case ASCII token.
    Returns:
        ``"abdul"`` for ``"abed"``, ``"abdel"`` ... (``data/name_spellings.txt``); any other
        token unchanged.
    """
    return NAME_SPELLINGS.get(token, token)


def is_function_word(token: str) -> bool:
    """Whether an ASCII token is a function word of organisation names (``of``, ``the``, ``and``).

    Args:
        token: one lower-case ASCII token.
    Returns:
        True for the prepositions, articles and conjunctions of ``data/function_words.txt``.
    """
    return token in FUNCTION_WORDS


def _deletions(word: str) -> set[str]:
    """The word and every string one letter shorter."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


#: Each string one deletion (or none) from a generic organisation word -> those words.
_ORG_WORD_DELETIONS: dict[str, list[str]] = {}
for _word in sorted(ORG_WORDS):
    for _key in _deletions(_word):
        _ORG_WORD_DELETIONS.setdefault(_key, []).append(_word)


#: Endings of East Slavic patronymics (Ivanovich, Sergeyevna, Oleksandrivna, Mikalayevich ...).
PATRONYMIC_ENDINGS = ("vich", "vych", "vna", "ichna", "yichna", "ivna", "yivna")
#: Endings of East Slavic family names (Petrov, Petrova, Sergeyev, Lukashenko, Zelenskiy ...).
SURNAME_ENDINGS = ("ov", "ova", "ev", "eva", "yov", "yova", "in", "ina", "yn", "yna", "enko", "skiy", "sky", "skaya")
#: Endings of East Slavic place names made from a family name (Ivanovo, Fedorovo, Sheremetyevo,
#: Pushkino): the neuter of the possessive whose masculine and feminine are family names (Ivanov,
#: Ivanova), so a company named after a village is not one named after a person (FEDOROVO /
#: Fedorova; a place name never pairs with a family name, ``compare._roles_differ``). Only
#: in words of ``PLACE_MIN_LETTERS`` letters or more: shorter ones are other words (Kosovo, Casino).
PLACE_ENDINGS = ("ovo", "evo", "ino", "yno")
PLACE_MIN_LETTERS = 7


@lru_cache(maxsize=65536)
def name_role(token: str) -> str | None:
    """Whether an ASCII token looks like an East Slavic patronymic or family name, by its ending.

    Args:
        token: one lower-case ASCII token.
    Returns:
        ``"patronymic"`` (``sergeyevich``, ``aleksandrovna``), ``"surname"`` (``aleksandrova``,
        ``petrov``), ``"place"`` (``fedorovo``, ``pushkino``), or None when the ending says none
        of these (or the token is too short to tell).
    """
    if len(token) < 6:
        return None
    if token.endswith(PATRONYMIC_ENDINGS):
        return "patronymic"
    if token.endswith(SURNAME_ENDINGS):
        return "surname"
    if len(token) >= PLACE_MIN_LETTERS and token.endswith(PLACE_ENDINGS):
        return "place"
    return None


#: A masculine name this short is not read as the base of a feminine one (Ali / Alia, Jan / Jana).
GENDERED_MIN_LETTERS = 4
#: Arabic men's names that end in -a without being the feminine of the name without it: Hamada
#: (a diminutive of Muhammad and Ahmad), Salama, Khalifa, Usama / Osama, Hudhayfa / Huzaifa,
#: Ubayda / Obaida (Wikipedia "Arabic name"; the feminine of Hamad is Hamda, of Salam Salma).
#: A man listed as Hamada is also written Hamad.
MASCULINE_IN_A: frozenset[str] = frozenset(
    {"hamada", "hammada", "salama", "khalifa", "khalifah", "usama", "osama", "ousama", "hudhayfa", "huzaifa",
     "hudaifa", "ubayda", "ubaida", "obaida", "obayda"}
)


@lru_cache(maxsize=65536)
def feminine_of(feminine: str, masculine: str) -> bool:
    """Whether one ASCII token is the feminine form of another: the masculine name with an ``a``
    added (Aleksandr / Aleksandra, Yevgeniy / Yevgeniya, Ivanov / Ivanova, Karim / Karima), or
    with its ending respelt on the way (Belyaev / Belyayeva, Zhukovskiy / Zhukovskaya: one edit
    in six letters or more, the two respelt: Alexander / Aleksandra). Slavic, Romance and Arabic
    names mark a woman's name so; two such names are a man's and a woman's. (A masculine form ending in a vowel other than ``i``/``y`` is
    not read so: a final ``o`` made ``a`` in a family name is a spelling of one name, Belarusian
    Burdyka / Burdyko, Spanish Toboado / Toboada.)

    Args:
        feminine: the lower-case ASCII token that may be the feminine form.
        masculine: the lower-case ASCII token that may be the masculine form.
    Returns:
        True when ``feminine`` is ``masculine`` made feminine.
    """
    if (
        len(masculine) < GENDERED_MIN_LETTERS
        or not feminine.endswith("a")
        or feminine in MASCULINE_IN_A
        or masculine[-1] in "aeou"
        or abs(len(feminine) - len(masculine)) > 2
        or feminine[0] != masculine[0]
    ):
        return False
    stem = feminine[:-1]
    if stem == masculine or respell(stem) == respell(masculine):
        return True
    return len(masculine) >= 6 and OSA.distance(respell(stem), respell(masculine), score_cutoff=1) <= 1


def strip_titles(text: str) -> str:
    """Remove leading titles and honorifics from a casefolded person name.

    Args:
        text: a casefolded person name (``"mr john smith"``).
    Returns:
        The name without its titles (``"john smith"``), or ``text`` if nothing would remain.
    """
    rest = remove_person_prefixes(text).strip()
    return rest or text


#: Arabic given names "X of the faith" (a laqab: Badr al-Din, Salah ad-Din, Jalal ud-Din) as lists
#: also write them, fused with the article assimilated to the d (Badreddine, Salahuddin,
#: Jalaluddin; Wikipedia "Arabic name", "Laqab"): a stem of three letters or more and the doubled
#: d (a single d ends many other names: Borodin, Rudin).
_FAITH_FUSED = re.compile(r"([a-z]{3,}?)[aeiou]dd(?:in|ine|een)")


#: Arabic given names "servant of" a divine name (Abd al-Rahman, Abd al-Aziz; Wikipedia "Arabic
#: name", "Abd") as lists also write them in one word: with the article (Abdelrahman, Abdolrahim,
#: Abdellatif), assimilated to the name's first letter (Abderrahmane, Abdussalam), or its vowel
#: alone (Abdourahmane, Abdirahman); the name after it of four letters or more.
_SERVANT_FUSED = (
    re.compile(r"abd[aeiou]l(?P<name>[a-z]{4,})"),
    re.compile(r"abd[aeiou](?P<sun>[b-df-hj-np-tv-z])(?P<name>(?P=sun)[a-z]{3,})"),
    re.compile(r"abd(?:ou|[aeiou])(?P<name>[b-df-hj-np-tv-z][a-z]{3,})"),
)


def servant_name(token: str) -> str | None:
    """The divine name of a fused "servant of" name (``rahmane`` for ``abderrahmane``), else None.

    Args:
        token: one lower-case ASCII token.
    Returns:
        The name after the article, or None for a token not so written.
    """
    if not token.startswith("abd"):
        return None
    for pattern in _SERVANT_FUSED:
        found = pattern.fullmatch(token)
        if found is not None:
            return found.group("name")
    return None


def faith_stem(token: str) -> str | None:
    """The stem of a fused "X of the faith" name (``badr`` for ``badreddine``), else None.

    Args:
        token: one lower-case ASCII token.
    Returns:
        The stem, or None for a token not so written.
    """
    found = _FAITH_FUSED.fullmatch(token)
    return None if found is None else found.group(1)
