"""Legal-form folding: "OOO", "LLC", "Limited Liability Company", "Co., Ltd." become one token.

The form table is rigour's ``org_types`` database (ISO 20275, OCCRP and Wikipedia, see
``rigour/resources/names/org_types.yml``) used in its *generic* mode, where every limited
company form across languages becomes ``llc`` and every joint-stock form ``jsc``; a few
English words rigour leaves in names are added from ``data/legal_forms_extra.txt``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rigour.names import extract_org_types, remove_org_types

from tradewarden.names.data_files import data_lines


EXTRA_FORMS: dict[str, str] = {
    word.strip(): canonical.strip()
    for word, canonical in (line.split("\t") for line in data_lines("legal_forms_extra.txt"))
}
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def split_legal_forms(text: str) -> tuple[str, tuple[str, ...]]:
    """Separate the legal forms from a casefolded organisation name.

    Args:
        text: a casefolded name in any script (``"ооо ромашка"``, ``"huawei co., ltd."``).
    Returns:
        The name with its legal forms removed (spaces squashed), and the sorted generic
        forms found (``("llc",)``). When removing the forms would leave nothing, the name
        is returned unchanged with no forms.
    """
    found = sorted({generic for _, generic in extract_org_types(text, generic=True)})
    rest = _SPACES.sub(" ", remove_org_types(text, replacement=" ")).strip() if found else text
    if not rest:
        return text, ()
    return rest, tuple(found)


def extra_form(token: str) -> str | None:
    """The canonical form of an ASCII company-type word rigour does not fold (``corp``), else None.

    Args:
        token: one lower-case ASCII token.
    Returns:
        The canonical token, or None when ``token`` is not a company-type word.
    """
    return EXTRA_FORMS.get(token)
