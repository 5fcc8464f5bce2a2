"""Phonetic keys for ASCII name tokens: a consonant skeleton and rigour's metaphone.

The skeleton is what lets spellings of one name meet: vowels are dropped (Arabic and Hebrew
script do not write short vowels, and Latin spellings of the same name disagree on them),
digraphs that different romanisation systems use for one sound are folded (``kh``/``h``,
``q``/``k``/``c``), and doubled letters collapse. So ``mohammad``, ``muhammad``,
``mohamed`` and ICU's transliteration ``mhmd`` of Arabic ``محمد`` all give ``mhmd``.

``respell`` is milder: it folds only the letters that romanisation systems write for one sound
(``w``/``v``, ``q``/``k``, ``x``/``ks``, ``dzh``/``j``, a final ``y``/``i``), keeping the vowels, so two spellings
of one word compare (and block) as one while other words stay apart.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from rigour.text.phonetics import metaphone

# Ordered: longer spellings first. Each pair maps spellings of one sound onto one letter.
_H_DIGRAPHS: tuple[tuple[str, str], ...] = (
    # BGN/PCGN writes Cyrillic дж dzh where English, Uzbek, Tajik and Kazakh spellings write j
    # and French dj (Dzhalolov / Jalolov / Djalolov): one sound, as dj below.
    ("dzh", "j"),
    ("tch", "c"),
    ("sch", "s"),
    ("kh", "k"),
    ("gh", "g"),
    ("sh", "s"),
    ("ch", "c"),
    ("zh", "z"),
    ("th", "t"),
    ("dh", "d"),
    ("ph", "f"),
)
_OTHER_DIGRAPHS: tuple[tuple[str, str], ...] = (("ck", "k"), ("dj", "j"), ("ts", "c"))
_LETTERS = str.maketrans({"q": "k", "c": "k", "x": "ks"})
_DROP_VOWELS = str.maketrans("", "", "aeiouyw")
_VOWEL_SET = frozenset("aeiouyw")
_REPEATS = re.compile(r"(.)\1+")
#: Letters romanisations write for one sound (``respell``): German and Polish romanisations of
#: Cyrillic ``в`` write w where English and BGN/PCGN write v (Wladimir / Vladimir, Inwest /
#: Invest); Arabic ``ق`` and French spellings give q where others give k (Qasim / Kasim, Banq /
#: Bank). (x / ks is folded in any token: the comparison always did, Maxim / Maksim.) BGN/PCGN's
#: dzh for Cyrillic дж is the j of English, Uzbek and Tajik spellings (Dzhakhongir / Jahongir).
_RESPELT_LETTERS = str.maketrans({"w": "v", "q": "k"})
#: ``respell`` folds w, q and a final y only in tokens of at least this many letters: in shorter
#: ones they tell names apart (Wu / Vu, Ly / Li).
RESPELL_MIN_LETTERS = 4
_VOWEL_RUNS = re.compile(r"V{2,}")


def _first_of_run(run: re.Match[str]) -> str:
    # A function, not the template r"\1": ``re`` parses a template on every call (3x the cost).
    return run.group(1)


@lru_cache(maxsize=131072)
def skeleton(token: str) -> str:
    """The consonant skeleton of one lower-case ASCII token.

    Args:
        token: a lower-case ASCII word (as produced by ``to_ascii``).
    Returns:
        The token with romanisation digraphs folded, vowels (and ``w``, which Arabic script
        also uses as a vowel carrier) after the first letter and a final ``h`` dropped (a final
        ``i``/``y`` is kept as ``y``), and
        repeats collapsed; ``c`` and ``q`` become ``k``. Digits are kept. May be empty.
    """
    text = _fold_letters(token)
    if not text:
        return text
    head = "" if text[0] in _VOWEL_SET else text[0]
    # A final -i/-y is a suffix in many languages (Persian nisba: Mohammad/Mohammadi), so it stays.
    tail = "y" if len(text) > 1 and text[-1] in "iy" else ""
    text = head + text[1:].translate(_DROP_VOWELS) + tail
    if len(text) > 1 and text[-1] == "h":
        text = text[:-1]
    return _REPEATS.sub(_first_of_run, text)


@lru_cache(maxsize=131072)
def vowel_shape(token: str) -> str:
    """Where one lower-case ASCII token has consonants and vowels: ``C`` and ``V``, after the
    same digraph folding as ``skeleton`` (a final ``h`` dropped), doubled letters collapsed and a
    run of vowels counted as one (``ai``/``ay``); consonant clusters are kept.

    Two spellings of one name put their vowels in the same places and differ in which vowels
    they write (``mohammed``/``muhammad`` both ``CVCVCVC``); two names that only share their
    consonants usually do not (``pestova`` ``CVCCVCV`` / ``positive`` ``CVCVCVCV``).

    Args:
        token: a lower-case ASCII word.
    Returns:
        The shape, e.g. ``"CVCVCVC"`` for ``"mohammad"``; empty for an empty token.
    """
    text = _fold_letters(token)
    if len(text) > 1 and text[-1] == "h":
        text = text[:-1]
    shape = "".join("V" if char in _VOWEL_SET else "C" for char in _REPEATS.sub(_first_of_run, text))
    return _VOWEL_RUNS.sub("V", shape)


@lru_cache(maxsize=131072)
def respell(token: str) -> str:
    """One lower-case ASCII token with the letters romanisations write for one sound folded:
    ``x`` as ``ks``, ``dzh`` as ``j``; in tokens of ``RESPELL_MIN_LETTERS`` letters or more also
    ``w`` as ``v``, ``q`` as ``k`` and a final ``y`` as ``i`` (Dmitry / Dmitri, Alaxy / Alaxi).

    Args:
        token: a lower-case ASCII word.
    Returns:
        The folded token (the token itself when it has none of those letters).
    """
    if len(token) >= RESPELL_MIN_LETTERS:
        token = token.translate(_RESPELT_LETTERS)
        if token[-1] == "y":
            token = token[:-1] + "i"
    if "dzh" in token:
        token = token.replace("dzh", "j")
    return token.replace("x", "ks") if "x" in token else token


#: Endings older French and German spellings of Russian family names write for -ov and -ev
#: (Smirnoff, Kuroff, Ivanoff; Wikipedia "Romanization of Russian"), in words of
#: ``ENDING_MIN_LETTERS`` letters or more (Jeff is no -ev).
_RESPELT_ENDINGS: Final = (("off", "ov"), ("eff", "ev"))
ENDING_MIN_LETTERS = 5


@lru_cache(maxsize=131072)
def compared_respelling(token: str) -> str:
    """``respell`` and the spellings of one sound only the comparison of two words folds (not
    the blocking keys, which would file more names under each): ``ck`` as ``k`` (Jock / Jok,
    Dickson / Dikson: English and German write the one sound so) and a final ``off`` / ``eff``
    as ``ov`` / ``ev`` in words of ``ENDING_MIN_LETTERS`` letters or more (Kuroff / Kurov).

    Args:
        token: a lower-case ASCII word.
    Returns:
        The folded token (the token itself when it has none of those letters).
    """
    token = respell(token)
    if "ck" in token:
        token = token.replace("ck", "k")
    if len(token) >= ENDING_MIN_LETTERS:
        for ending, spoken in _RESPELT_ENDINGS:
            if token.endswith(ending):
                return token[: -len(ending)] + spoken
    return token


def sound_key(token: str) -> str:
    """Rigour's metaphone code of one ASCII token (empty for tokens without letters).

    Args:
        token: a lower-case ASCII word.
    Returns:
        The metaphone key, e.g. ``"MHMT"`` for ``"mohammed"``.
    """
    if not token.isalpha():
        return ""
    return metaphone(token)


def _fold_letters(token: str) -> str:
    """The token with romanisation digraphs folded to one letter and letters mapped (``_LETTERS``)."""
    text = token
    if "h" in text:
        for spelling, sound in _H_DIGRAPHS:
            if spelling in text:
                text = text.replace(spelling, sound)
    for spelling, sound in _OTHER_DIGRAPHS:
        if spelling in text:
            text = text.replace(spelling, sound)
    return text.translate(_LETTERS)


#: Letters that mark a Latin token as a French transcription of an Arabic name (``french_reading``):
#: English and the scholarly systems write none of them for Arabic sounds (they write u or w, sh, j).
_FRENCH_MARKS: Final = ("ou", "ch", "dj")
_VOWEL_LETTERS: Final = frozenset("aeiouy")
#: French spellings and the letters English transcriptions of Arabic write for the same sound,
#: applied in this order (``french_reading``). ``\x00`` stands for English ch while ch is respelt.
_FRENCH_SPELLINGS: Final = (
    ("tch", "\x00"),  # French tch is English ch (Tchad / Chad)
    ("ch", "sh"),  # French ch is English sh (Cherif / Sharif, Chouaib / Shuaib)
    ("\x00", "ch"),
    ("dj", "j"),  # French dj is English j (Djamel / Jamal, Belhadj / Bel Hajj)
)
_FRENCH_OU_GLIDE: Final = re.compile("ou(?=[aeiy])")  # ou before a vowel is English w (Ouaz / Waz, Thouaib / Thweib)
_FRENCH_SS: Final = re.compile("(?<=[aeiouy])ss(?=[aeiouy])")  # ss between vowels is s (Youssef / Yusuf, Moussa / Musa)
_FRENCH_GU: Final = re.compile("gu(?=[eiy])")  # gu before e, i is g (Guelma)
#: c before e, i or y, an s in the languages that write Arabic names with it (French Lounici / Lunisi,
#: Boucetta / Busetta; Spanish, Portuguese): the French reading, and a Latin name against Arabic
#: script (``abjad._latin_units``).
SOFT_C: Final = re.compile("c(?=[eiy])")
_FRENCH_SILENT_E: Final = re.compile("(?<=[^aeiouy])e$")  # a final e after a consonant is silent (Cherife / Sharif)
#: Tokens shorter than this are not read so (a short word respelt is another word: Chen / Shen).
FRENCH_MIN_LETTERS: Final = 4


@lru_cache(maxsize=131072)
def french_reading(token: str) -> str:
    """One lower-case ASCII token read as a French transcription of an Arabic name, written as
    English transcriptions write it: ``ch`` as ``sh``, ``tch`` as ``ch``, ``dj`` as ``j``, ``ou``
    as ``w`` before a vowel and ``u`` elsewhere, ``ss`` between vowels as ``s``, ``gu`` before
    ``e``/``i`` as ``g``, ``c`` before ``e``/``i`` as ``s``, a final ``e`` after a consonant dropped (``kh`` and ``gh`` are written
    alike). French orthography writes Arabic names for the Maghreb, Lebanon and West Africa so
    (Ouaz / al-Waz, Thouaib / Thweib, Youssef / Yusuf, Cherif / Sharif, Djamel / Jamal, Mourad /
    Murad): Wikipedia, "Romanization of Arabic" (French-based transcriptions, "Francophone
    countries"), and "Maghrebi Arabic" (orthography).

    Only a token that reads as French (it has ``ou``, ``ch`` or ``dj``: ``_FRENCH_MARKS``) of
    ``FRENCH_MIN_LETTERS`` letters or more is read so; German ``sch`` is not French.

    Args:
        token: a lower-case ASCII word.
    Returns:
        The English reading, or the token itself when it does not read as French.
    """
    if len(token) < FRENCH_MIN_LETTERS or "sch" in token or not any(mark in token for mark in _FRENCH_MARKS):
        return token
    text = token
    for spelling, sound in _FRENCH_SPELLINGS:
        if spelling in text:
            text = text.replace(spelling, sound)
    if "ou" in text:
        text = _FRENCH_OU_GLIDE.sub("w", text).replace("ou", "u")
    if "ss" in text:
        text = _FRENCH_SS.sub("s", text)
    if "gu" in text:
        text = _FRENCH_GU.sub("g", text)
    if "c" in text:
        text = SOFT_C.sub("s", text)
    if len(text) > FRENCH_MIN_LETTERS:
        text = _FRENCH_SILENT_E.sub("", text)
    return text
