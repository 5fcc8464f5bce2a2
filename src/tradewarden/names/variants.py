"""Split one written name into the names it holds: ``X (Y)``, ``X / Y``, ``X; Y`` and labelled forms.

A slash between two names of two words or more splits them with or without spaces around it
(``Виталий КРАВЕЦ/Вiталiй КРАВЕЦЬ``).

Lists often pack an abbreviation or a second script into one name field
(``Акционерное Общество «Алмаз» (АО «Алмаз»)``, ``Ирина ПОПОВА / Iрина ПОПОВА``), or label a
second name with its language or kind (``Александр ЛУКЬЯНОВ Belarusian: Аляксандр ЛУК’ЯНАЎ``,
``Married name: Lesya TARASYUK``); each part is compared on its own (a label is dropped), and
the name without its bracketed part too. A field listing several organisation names between
commas (``Alpha Shipping Company, Beta Ship Management Company, Gamma``) is split into them when
it has three parts or more and two of them are organisation names of their own (a legal form or
a generic organisation word, and another word) or each is of two words or more (persons' names:
``Fady SAKR, Fadi SAQER, Fadi SAQIR``), or two parts that share a word naming something,
one of them an organisation name (two names of one body: ``Dav Group Co. Ltd, Cong Ty TNHH Dav
Group``); a comma before a legal form (``Acme Trading, Ltd``), inside a person's name (``SMITH,
John``) or between two parts sharing no such word (a parent and its unit: ``Tactical Missile
Corporation, JSC Zvezda``; a name and its place) splits nothing. Pure string handling.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import Levenshtein
from rigour.names import extract_org_types, remove_org_types

from tradewarden.names.caches import WHOLE_NAME_CACHE
from tradewarden.names.legal_forms import extra_form
from tradewarden.names.parts import is_function_word, is_org_word

_BRACKETED = re.compile(r"[(\[{]([^()\[\]{}]*)[)\]}]")
_SPLITS = re.compile(r"\s+/\s+|;\s*")
#: A slash written without spaces on both sides (``КРАВЕЦ/Вiталiй``, ``СИГУТА/ Андрiй``) between
#: two words of three letters or more (a closing quote before it is dropped). It separates two names only where each side holds two
#: words or more (``_two_names``): within one name it joins words (``Input/Output``) or spells
#: a form (``A/S``, ``c/o``).
_TIGHT_SLASH = re.compile(r"(?<=[^\W\d_]{3})[’'\"»”]*\s*/\s*(?=[«“‘'\"]*[^\W\d_]{3})")
_MIN_PART = 3
#: Labels lists write before a second name in the same field ("Belarusian: ", "Married name: ",
#: "Arabic script: "): a language or script, or the kind of name. A closed list, so that a
#: colon in a company name ("Acme: The Company") splits nothing.
_LABEL_WORDS = (
    "Russian|Belarusian|Ukrainian|Arabic|Persian|Farsi|Pashto|Dari|Urdu|Hebrew|Chinese|Korean|"
    "Japanese|Georgian|Armenian|Kazakh|Kyrgyz|Uzbek|Tajik|Turkmen|Azerbaijani|Serbian|Cyrillic|"
    "Latin|Original|Married|Maiden|Birth|Former|Previous|"
    # The abbreviations of "formerly / also / now known as" lists write before an organisation's
    # other name (f.k.a.: NADA).
    r"(?i:f\.k\.a\.|a\.k\.a\.|n\.k\.a\.|fka|aka|nka)"
)
_LABEL = re.compile(rf"(?:^|(?<=\s))(?:{_LABEL_WORDS})(?: (?:name|script|spelling|transliteration))?:\s+")


_WORD = re.compile(r"\w+")
#: A word followed by one bracketed word (``Alexander (Alexandr)``, ``Jameel [Jamil]``).
_RESPELT_WORD = re.compile(r"([^\W\d_]+)\s*[(\[{]\s*([^\W\d_]+)\s*[)\]}]")
#: A bracketed word at least this similar to the word before it (edit similarity), with its first
#: letter, is another spelling of that word.
_RESPELT_SIMILARITY = 0.6


def _alike(word: str, bracketed: str) -> bool:
    """Whether a bracketed word is another spelling of the word before it (``Alexander
    (Alexandr)``): the same first letter and an edit similarity of ``_RESPELT_SIMILARITY``."""
    word, bracketed = word.casefold(), bracketed.casefold()
    return word[0] == bracketed[0] and Levenshtein.normalized_similarity(word, bracketed) >= _RESPELT_SIMILARITY
#: An organisation name listed among others in one field holds at least this many words
#: (its legal form or generic word and a name).
_MIN_ORG_PART_WORDS = 2
#: A comma-separated field is a list of names when it has this many parts or more: two parts are
#: as often a parent and its unit (``Tactical Missile Corporation, JSC Zvezda``), where the
#: parent's name alone would meet every unit it lists, or a name and a place.
_MIN_LIST_PARTS = 3
#: ... and at least this many of them name an organisation of their own. Two parts are two names
#: when they share two words of this many letters or more that name something, or every such word
#: of one part (``_two_names_of_one_body``).
_MIN_ORG_PARTS = 2
_MIN_SHARED_LETTERS = 3
_MIN_SHARED_WORDS = 2


def _generic_only(part: str) -> bool:
    """Whether a comma-separated part is nothing but legal forms or generic words (``Ltd``,
    ``Co., Ltd``, ``Pvt. Ltd.``): it belongs to the name before the comma."""
    rest = remove_org_types(part.casefold(), replacement=" ")
    return all(_generic_word(word) for word in _WORD.findall(rest))


def _names_organisation(part: str) -> bool:
    """Whether a comma-separated part is an organisation name of its own: two words or more, one
    of them a legal form or a generic organisation word (``Rabbaran Omid Darya Ship Management
    Company``, ``JSC VNII Signal``)."""
    folded = part.casefold()
    words = _WORD.findall(folded)
    if len(words) < _MIN_ORG_PART_WORDS:
        return False
    return bool(extract_org_types(folded, generic=True)) or any(_generic_word(word) for word in words)


def _generic_word(word: str) -> bool:
    """Whether one casefolded word is a generic organisation word or a legal form."""
    return is_org_word(word) or extra_form(word) is not None


def comma_names(name: str) -> list[str]:
    """The names a comma-separated field lists, or ``[]`` when it is one name.

    Parts that are only a legal form join the part before (``Yantai Co., Ltd``); the field is a
    list when ``_MIN_LIST_PARTS`` parts or more remain and ``_MIN_ORG_PARTS`` of them name an
    organisation of their own, or each of them holds two words or more (persons' names: ``Fady
    SAKR, Fadi SAQER, Fadi SAQIR``). Then every part is a name (``Sealeaders`` too, listed beside
    two company names).
    """
    if "," not in name:
        return []
    parts: list[str] = []
    for part in name.split(","):
        if parts and _generic_only(part):
            parts[-1] = f"{parts[-1]},{part}"
        else:
            parts.append(part)
    if len(parts) == 2 and _two_names_of_one_body(parts[0], parts[1]):
        return parts
    if len(parts) < _MIN_LIST_PARTS:
        return []
    if sum(1 for part in parts if _names_organisation(part)) >= _MIN_ORG_PARTS:
        return parts
    # Persons' names listed so, each of two words or more apart (Fady SAKR, Fadi SAQER, Fadi
    # SAQIR): a person's name holds one comma, after the family name, and a generational suffix or
    # title after it is one word (KNOWLES, JR., Samuel); spellings of one given name are one word
    # each, hyphenated or not (a.k.a. Nejm-eddin, Nejm-eddeen, Najm-addin: not names of their own).
    # (Not a comma inside brackets: the bracketed text is a note on the one name.)
    if all(part.count("(") == part.count(")") and len(_BRACKETED.sub(" ", part).split()) >= _MIN_ORG_PART_WORDS for part in parts):
        return parts
    return []


def _own_words(part: str) -> set[str]:
    """The words of a comma-separated part that name something (``_MIN_SHARED_LETTERS`` letters or
    more; no legal form, generic organisation word or function word)."""
    return {
        word for word in _WORD.findall(part.casefold())
        if len(word) >= _MIN_SHARED_LETTERS and not word.isdigit() and not _generic_word(word) and not is_function_word(word)
    }


def _two_names_of_one_body(first: str, second: str) -> bool:
    """Whether two comma-separated parts are two names of one organisation: each of two words or
    more, one of them an organisation name of its own (``_names_organisation``), and the two
    sharing ``_MIN_SHARED_WORDS`` words that name something (``Al-Qa'ida in the Indian
    Subcontinent, Qaedat al-Jihad in the Indian Subcontinent``), or every such word of one of them
    (``Dav Group Co. Ltd, Cong Ty TNHH Dav Group``). A parent and its unit share fewer
    (``Tactical Missile Corporation, JSC Zvezda``; ``Omega Missile Corporation, JSC Omega
    Service``), and so do a name and its place; a person's family name before the comma
    (``MOHAMMED ALI, Mohammed Hassan``) names no organisation."""
    if any(part.count("(") != part.count(")") for part in (first, second)):
        return False  # a comma inside brackets (``X (f.k.a., Y)``): one name and its note
    # Bracketed text aside: "Co., Ltd. (Acme)" is a legal form after a comma, not a name.
    first, second = _BRACKETED.sub(" ", first), _BRACKETED.sub(" ", second)
    if len(_WORD.findall(first)) < _MIN_ORG_PART_WORDS or len(_WORD.findall(second)) < _MIN_ORG_PART_WORDS:
        return False
    if not (_names_organisation(first) or _names_organisation(second)):
        return False
    own_first, own_second = _own_words(first), _own_words(second)
    shared = own_first & own_second
    return len(shared) >= _MIN_SHARED_WORDS or (bool(shared) and shared in (own_first, own_second))


def _two_names(part: str) -> list[str]:
    """``part`` split at its tight slashes (``_TIGHT_SLASH``) when every piece holds two words or
    more (``Виталий КРАВЕЦ/Вiталiй КРАВЕЦЬ``), else ``[part]``."""
    pieces = _TIGHT_SLASH.split(part)
    if len(pieces) > 1 and all(len(_WORD.findall(piece)) >= 2 for piece in pieces):
        return pieces
    return [part]


@lru_cache(maxsize=WHOLE_NAME_CACHE)
def name_variants(name: str) -> tuple[str, ...]:
    """The name itself plus the separate names packed into it.

    Args:
        name: a name as written.
    Returns:
        ``name`` first, then (if any) each ``/``- or ``;``-separated part, the name without
        bracketed text, each bracketed text, and the text before and after each label
        (``Belarusian: ``) in any of these, and each name of a comma-separated list
        (``comma_names``), within brackets too; parts shorter than three characters are dropped,
        duplicates removed.
    """
    found: list[str] = [name]

    def add(text: str) -> None:
        text = " ".join(text.split()).strip(" ,.-")
        if len(text) >= _MIN_PART and text not in found:
            found.append(text)

    parts = _SPLITS.split(name) if ("/" in name or ";" in name) else [name]
    if "/" in name:
        parts = [piece for part in parts for piece in _two_names(part)]
    for part in parts:
        add(part)
        for listed in comma_names(part):
            add(listed)
        if "(" in part or "[" in part or "{" in part:
            add(_BRACKETED.sub(" ", part))
            # A bracketed word spelling the word before it another way (Alexander (Alexandr)) is
            # not a name of its own: the name with it in that word's place is.
            respelt = {m.group(2): m for m in _RESPELT_WORD.finditer(part) if _alike(m.group(1), m.group(2))}
            for inner in _BRACKETED.findall(part):
                spelling = respelt.get(inner.strip())
                if spelling is None:
                    add(inner)
                    # Names listed between commas inside the brackets (Nabeul AL-ABDULLAH (Nabel
                    # AL-ABDULLAH, Nabel ABDALLAH, Nabel ABDULLAH)).
                    for listed in comma_names(inner):
                        add(listed)
                else:
                    add(part[: spelling.start()] + spelling.group(2) + part[spelling.end() :])
    if ":" in name:
        for text in list(found):
            if _LABEL.search(text) and not _BRACKETED.search(text):
                for labelled in _LABEL.split(text):
                    add(labelled)
    return tuple(found)
