"""East Slavic given names in their Russian, Ukrainian and Belarusian forms, and the patronymics
made from them (``data/east_slavic_given_names.txt``: Ihar / Igor, Mykola / Nikolai, Mykolaivna /
Nikolaevna). One person is listed under each language's form of the name; the forms are more
than a respelling apart, so edit similarity alone does not pair them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from tradewarden.names.data_files import data_lines
from tradewarden.names.parts import name_role

#: Each form -> the first (Russian) form of its line.
GIVEN_NAME_FORMS: Final[dict[str, str]] = {
    form: line.split()[0] for line in data_lines("east_slavic_given_names.txt") for form in line.split()
}

#: A vowel run (and a final y or j, read as one) at the end of a stem: Nikolai, Mykola and the
#: Mykola- of Mykolaivna all end in it, Sergei and the Serge- of Sergeevich too.
_FINAL_VOWELS: Final = re.compile("[aeiouyj]+$")

#: Patronymic suffixes, longest first: Russian -ovich/-evich, -ovna/-evna, -ich/-ichna (Ilyich),
#: Ukrainian -ovych/-evych, -ivna, Belarusian -avich, -auna/-euna (Uladzimiravich, Mikalaeuna).
_PATRONYMIC_SUFFIXES: Final = (
    "ovych", "evych", "ovich", "evich", "avich", "ivich", "ovna", "evna", "avna", "ivna", "auna", "euna",
    "ichna", "ich",
)


def _stem(form: str) -> str:
    return _FINAL_VOWELS.sub("", form)


#: The stem of each form (final vowels dropped) -> its first form, where the stem is one name's.
_STEMS: Final[dict[str, str]] = {}
for _form, _first in GIVEN_NAME_FORMS.items():
    if len(_stem(_form)) >= 3:
        _STEMS.setdefault(_stem(_form), _first)


def given_name(token: str) -> str | None:
    """The first form of the line that holds ``token`` (``ihar`` -> ``igor``), or None."""
    return GIVEN_NAME_FORMS.get(token)


@lru_cache(maxsize=16384)
def patronymic_of(token: str) -> str | None:
    """The given name (its first form) an East Slavic patronymic is made from (``mykolaivna``,
    ``nikolayevich``, ``mikalaevich`` -> ``nikolay``), or None when ``token`` is no patronymic
    (``parts.name_role``) or its stem names none of the table's names."""
    if name_role(token) != "patronymic":
        return None
    for suffix in _PATRONYMIC_SUFFIXES:
        if token.endswith(suffix):
            return _STEMS.get(_stem(token[: -len(suffix)]))
    return None


def same_given_name(a: str, b: str) -> bool:
    """Whether two lower-case ASCII tokens are one East Slavic given name in two languages'
    forms (``pavlo`` / ``pavel``), or two patronymics of one gender made from one (``mykolaivna``
    / ``nikolaevna``)."""
    if a == b:
        return True
    first = GIVEN_NAME_FORMS.get(a)
    if first is not None:
        return first == GIVEN_NAME_FORMS.get(b)
    father = patronymic_of(a)
    # (A daughter's patronymic, ending in -na, is not a son's: Yuryevna / Yurievich.)
    return father is not None and father == patronymic_of(b) and a.endswith("na") == b.endswith("na")
