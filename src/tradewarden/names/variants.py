"""Split one written name into the names it holds: ``X (Y)``, ``X / Y``, ``X; Y`` and labelled forms.

Lists often pack an abbreviation or a second script into one name field
(``Акционерное Общество «Алмаз» (АО «Алмаз»)``, ``Ирина ПОПОВА / Iрина ПОПОВА``), or label a
second name with its language or kind (``Александр ЛУКЬЯНОВ Belarusian: Аляксандр ЛУК’ЯНАЎ``,
``Married name: Lesya TARASYUK``); each part is compared on its own (a label is dropped), and
the name without its bracketed part too. Pure string handling.
"""

from __future__ import annotations

import re
from functools import lru_cache

_BRACKETED = re.compile(r"[(\[{]([^()\[\]{}]*)[)\]}]")
_SPLITS = re.compile(r"\s+/\s+|;\s*")
_MIN_PART = 3
#: Labels lists write before a second name in the same field ("Belarusian: ", "Married name: ",
#: "Arabic script: "): a language or script, or the kind of name. A closed list, so that a
#: colon in a company name ("Acme: The Company") splits nothing.
_LABEL_WORDS = (
    "Russian|Belarusian|Ukrainian|Arabic|Persian|Farsi|Pashto|Dari|Urdu|Hebrew|Chinese|Korean|"
    "Japanese|Georgian|Armenian|Kazakh|Kyrgyz|Uzbek|Tajik|Turkmen|Azerbaijani|Serbian|Cyrillic|"
    "Latin|Original|Married|Maiden|Birth|Former|Previous"
)
_LABEL = re.compile(rf"(?:^|(?<=\s))(?:{_LABEL_WORDS})(?: (?:name|script|spelling|transliteration))?:\s+")


@lru_cache(maxsize=65536)
def name_variants(name: str) -> tuple[str, ...]:
    """The name itself plus the separate names packed into it.

    Args:
        name: a name as written.
    Returns:
        ``name`` first, then (if any) each ``/``- or ``;``-separated part, the name without
        bracketed text, each bracketed text, and the text before and after each label
        (``Belarusian: ``) in any of these; parts shorter than three characters are dropped,
        duplicates removed.
    """
    found: list[str] = [name]

    def add(text: str) -> None:
        text = " ".join(text.split()).strip(" ,.-")
        if len(text) >= _MIN_PART and text not in found:
            found.append(text)

    parts = _SPLITS.split(name) if ("/" in name or ";" in name) else [name]
    for part in parts:
        add(part)
        if "(" in part or "[" in part or "{" in part:
            add(_BRACKETED.sub(" ", part))
            for inner in _BRACKETED.findall(part):
                add(inner)
    if ":" in name:
        for text in list(found):
            if _LABEL.search(text) and not _BRACKETED.search(text):
                for labelled in _LABEL.split(text):
                    add(labelled)
    return tuple(found)
