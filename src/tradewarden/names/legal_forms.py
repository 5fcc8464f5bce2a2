"""Legal-form folding: "OOO", "LLC", "Limited Liability Company", "Co., Ltd." become one token.

The form table is rigour's ``org_types`` database (ISO 20275, OCCRP and Wikipedia, see
``rigour/resources/names/org_types.yml``) used in its *generic* mode, where every limited
company form across languages becomes ``llc`` and every joint-stock form ``jsc``; a few
English words rigour leaves in names are added from ``data/legal_forms_extra.txt``.

A long legal form with one slip in one of its long words (``sociedad anonima de captial
variable``, ``limited liabilty company``) is read as written first (``respell_legal_forms``, over
the forms of three words or more of ``data/legal_form_phrases.txt``): rigour's table matches
forms as written only, and the slipped form would stay in the name as words (or fold as its
first words: ``sociedad anonima``, leaving ``de captial variable``).

A form written in a spelling rigour does not read (without accents: ``societe anonyme``; in a
language it lacks: ``cong ty tnhh``; half abbreviated: ``s.a. de capital variable``) is rewritten
to one it does first (``respell_known_forms``, ``data/legal_form_spellings.txt``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import OSA
from rigour.names import extract_org_types, remove_org_types

from tradewarden.names.caches import WHOLE_NAME_CACHE
from tradewarden.names.data_files import data_lines


EXTRA_FORMS: dict[str, str] = {
    word.strip(): canonical.strip()
    for word, canonical in (line.split("\t") for line in data_lines("legal_forms_extra.txt"))
}
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
#: A word as ``respell_legal_forms`` reads it: with the apostrophes romanisations write for the
#: soft and hard signs (``otvetstvennost'yu``) inside it.
_APOSTROPHES = "'’ʹʼ"
_SIGNED_WORD = re.compile(rf"\w+(?:[{_APOSTROPHES}]\w+)*")
_NO_APOSTROPHES = str.maketrans("", "", _APOSTROPHES)
#: Legal forms of three words or more (each a tuple of its words) ...
LONG_FORMS: tuple[tuple[str, ...], ...] = tuple(
    tuple(_WORD.findall(line)) for line in data_lines("legal_form_phrases.txt")
)
#: ... and by each of their words, the forms holding it.
_FORMS_BY_WORD: dict[str, tuple[tuple[str, ...], ...]] = {}
for _form in LONG_FORMS:
    for _word in set(_form):
        _FORMS_BY_WORD[_word] = (*_FORMS_BY_WORD.get(_word, ()), _form)
_FORM_WORDS = {form: frozenset(form) for form in LONG_FORMS}
_WRITTEN = {form: " ".join(form) for form in LONG_FORMS}
#: Legal forms in spellings rigour does not read, and a spelling of each it does.
SPELLINGS: dict[str, str] = {
    written.strip(): folded.strip()
    for written, folded in (line.split("\t") for line in data_lines("legal_form_spellings.txt"))
}
_SPELLING = re.compile(
    r"(?<![\w.])(?:" + "|".join(re.escape(w) for w in sorted(SPELLINGS, key=len, reverse=True)) + r")(?![\w])"
)
#: A slipped word of a long legal form counts when it has this many letters ...
RESPELL_MIN_LETTERS = 6
#: ... or, first or last in the form, this many (``Publix Joint Stock Company`` keeps Publix).
RESPELL_EDGE_MIN_LETTERS = 7


def _slipped(written: str, wanted: str, edge: bool) -> bool:
    """Whether ``written`` is the form's word ``wanted`` but for one slip, long enough to tell."""
    least = RESPELL_EDGE_MIN_LETTERS if edge else RESPELL_MIN_LETTERS
    return (
        min(len(written), len(wanted)) >= least
        and written.isalpha()
        and OSA.distance(written, wanted, score_cutoff=1) <= 1
    )


def respell_known_forms(text: str) -> str:
    """``text`` with each legal form of ``data/legal_form_spellings.txt`` written as rigour reads it.

    Rigour's table folds forms as written: ``société anonyme`` but not ``societe anonyme``, which
    lists in ASCII write; the form would stay in the name as two words that its other names lack.

    Args:
        text: a casefolded name in any script.
    Returns:
        ``"acme sa"`` for ``"acme societe anonyme"``; ``text`` itself when it holds none.
    """
    return _SPELLING.sub(lambda found: SPELLINGS[found.group(0)], text)


def respell_legal_forms(text: str) -> str:
    """``text`` with a long legal form written with one slip in one word written as the form.

    The form must have three words or more (``data/legal_form_phrases.txt``), all but one of
    them written as in the form, in order (apostrophes inside a word aside: ``otvetstvennost'yu``);
    the other one slip away (one letter added, dropped, changed, or two adjacent ones swapped),
    letters only, of ``RESPELL_MIN_LETTERS`` letters or more (``RESPELL_EDGE_MIN_LETTERS`` for
    the form's first or last word, where a name's own word may stand next to the rest of a form:
    Publix Joint Stock Company). A form written but for apostrophes is written as the form too.
    The first form found is respelt.

    Args:
        text: a casefolded name in any script.
    Returns:
        ``"l-inmo, sociedad anonima de capital variable"`` for ``"l-inmo, sociedad anonima de
        captial variable"``; ``text`` itself when it holds no long form with one slip.
    """
    present = _FORMS_BY_WORD.keys() & _WORD.findall(text.translate(_NO_APOSTROPHES))
    if len(present) < 2:
        return text  # (most names: a form of three words has two written as in it)
    touched = {form for word in present for form in _FORMS_BY_WORD[word]}
    forms = [
        form for form in LONG_FORMS
        if form in touched and len(_FORM_WORDS[form] & present) >= len(_FORM_WORDS[form]) - 1 and _WRITTEN[form] not in text
    ]
    if not forms:
        return text
    spans = list(_SIGNED_WORD.finditer(text))
    words = [span.group().translate(_NO_APOSTROPHES) for span in spans]
    for form in forms:
        size = len(form)
        for start in range(len(words) - size + 1):
            differ = [at for at in range(size) if words[start + at] != form[at]]
            if len(differ) > 1:
                continue
            if differ and not _slipped(words[start + differ[0]], form[differ[0]], differ[0] in (0, size - 1)):
                continue
            respelt = [at for at in range(size) if spans[start + at].group() != form[at]]
            if not respelt:
                continue
            pieces: list[str] = []
            end = 0
            for at in respelt:
                span = spans[start + at]
                pieces += [text[end:span.start()], form[at]]
                end = span.end()
            return "".join(pieces) + text[end:]
    return text


@lru_cache(maxsize=WHOLE_NAME_CACHE)
def split_legal_forms(text: str) -> tuple[str, tuple[str, ...]]:
    """Separate the legal forms from a casefolded organisation name.

    Args:
        text: a casefolded name in any script (``"ооо ромашка"``, ``"huawei co., ltd."``).
    Returns:
        The name with its legal forms removed (spaces squashed), and the sorted generic
        forms found (``("llc",)``). When removing the forms would leave nothing, the name
        is returned unchanged with no forms.
    """
    text = respell_legal_forms(respell_known_forms(text))
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
