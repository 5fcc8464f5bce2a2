"""Organisation words that mean the same across Russian and English, folded to one token.

The table (``data/org_terms.txt``) is general vocabulary of enterprise names, not list entries:
``zavod``/``kombinat``/``plant`` become ``plant``, ``metallurgicheskiy``/``metallurgical`` become
``metallurgical``, so that a Russian name and its English translation share their words (a few
Spanish, French and German forms too: ``centro``, ``tecnologia``). A
Russian word in a case form the table does not list is found by its stem (the word without its
case ending: ``spetsialnykh`` -> ``spetsialn``, the stem of the listed ``spetsialnyy``).
Abbreviations of kinds of body are written out first (``nii`` -> ``research institute``, see
``data/org_abbreviations.txt``). Only organisation names are folded (a person called Dom or
Zavod keeps the name).

Adjectives of places (``chelyabinskiy``, ``serovskiy``, ``uralskaya``) are folded to the place's
name as English writes it (``chelyabinsk``, ``serov``, ``ural``) by a rule, not a table: a Russian
or Ukrainian ``-sk-`` adjective and an ``-sk`` place name both lose ``sk`` and what follows it
(``place_stem``). Compound words that English writes as two are written out
(``mashinostroitelnyy`` -> ``machine building``, ``data/org_compounds.txt``).

Places whose English name is not their romanisation (Сибирь / Siberia, Крым / Crimea, московский /
Moscow) are folded to the English name, the place stem of an adjective too
(``data/place_names.txt``); phrases English and Russian word otherwise (mechanical engineering /
машиностроение, Nizhny Novgorod / нижегородский) are folded after the words
(``data/org_phrases.txt``, ``fold_phrases``). Romanised Persian, Arabic and Bulgarian words one
edit or an ending from family names (lashkar / Lashkari) are folded only as written
(``data/org_terms_exact.txt``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import OSA

from tradewarden.names.data_files import data_lines

#: Abbreviations of kinds of body, written out (``nii`` -> ``research institute``).
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    abbreviation: tuple(words.split())
    for abbreviation, words in (line.split("\t") for line in data_lines("org_abbreviations.txt"))
}
#: Russian compound words English writes as two, by every form listed (``mashinostroitelnyy`` ->
#: ``machine building``); other case forms are found by their stem (``compound_words``).
COMPOUNDS: dict[str, tuple[str, ...]] = {
    word: tuple(words.split())
    for words, forms in (line.split("\t") for line in data_lines("org_compounds.txt"))
    for word in forms.split()
}
ORG_TERMS: dict[str, str] = {
    word: canonical
    for canonical, words in (line.split("\t") for line in data_lines("org_terms.txt"))
    for word in words.split()
}
#: Words folded only as written, neither by stem nor one edit away (``data/org_terms_exact.txt``:
#: romanised Persian and Arabic words one edit or an ending from family names, lashkar / Lashkari).
EXACT_TERMS: dict[str, str] = {
    word: canonical
    for canonical, words in (line.split("\t") for line in data_lines("org_terms_exact.txt"))
    for word in words.split()
}
#: Every table word as written, either file's (``fold_org_term`` looks a token up once).
AS_WRITTEN: dict[str, str] = ORG_TERMS | EXACT_TERMS
#: Places whose English name is not their romanisation, by every form listed (``sibir``,
#: ``siberian`` -> ``siberia``; ``moskov``, the place stem of ``moskovskiy`` -> ``moscow``).
PLACES: dict[str, str] = {
    form: canonical
    for canonical, forms in (line.split("\t") for line in data_lines("place_names.txt"))
    for form in forms.split()
}
#: Phrases of folded tokens and the tokens they are written as (``mechanical engineering`` ->
#: ``machinery building``), by their first word.
PHRASES: dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]] = {}
for _phrase, _written in (line.split("\t") for line in data_lines("org_phrases.txt")):
    _words = tuple(_phrase.split())
    PHRASES[_words[0]] = (*PHRASES.get(_words[0], ()), (_words, tuple(_written.split())))
#: Words of at least this many letters are also folded when misspelt by one edit (``zawody``).
FUZZY_MIN_LETTERS = 6
_BY_START: dict[str, list[str]] = {}
# Ordinal words (``sedmaya``: 7) are folded only as written: one edit away lie other words and
# names (Sednaya), and a number met wrongly is a strong false pairing.
for _word in sorted(word for word in ORG_TERMS if len(word) >= FUZZY_MIN_LETTERS and not ORG_TERMS[word].isdigit()):
    _BY_START.setdefault(_word[0], []).append(_word)
#: The words of ``_BY_START`` within one letter of each length, in the same order: a misspelt
#: token meets only the words it could be one edit from.
_BY_START_AND_LENGTH: dict[tuple[str, int], tuple[str, ...]] = {
    (_start, _length): tuple(word for word in _words if abs(len(word) - _length) <= 1)
    for _start, _words in _BY_START.items()
    for _length in range(FUZZY_MIN_LETTERS, max(len(word) for word in _words) + 2)
}

#: Case endings of Russian adjectives and nouns in BGN/PCGN romanisation, longest first
#: (Wade, "A Comprehensive Russian Grammar": adjective and noun declension tables).
RUSSIAN_ENDINGS = tuple(sorted(
    "yye iye aya yaya oye oe ogo ego omu emu ykh ikh ymi imi uyu yuyu yy iy yi ii oy oi ey ym im om em "
    "ov ev ami yami akh yakh ye ya yu a y i u e o".split(),
    key=len, reverse=True,
))
#: A stem must keep this many letters (shorter stems are shared by unrelated words).
MIN_STEM = 5
_ENDING_SET = frozenset(RUSSIAN_ENDINGS)
_ENDING_SIZES = tuple(sorted({len(ending) for ending in RUSSIAN_ENDINGS}, reverse=True))


def russian_stem(token: str) -> str:
    """``token`` without its longest Russian case ending that leaves ``MIN_STEM`` letters.

    Args:
        token: one lower-case ASCII token.
    Returns:
        The stem (``"spetsialn"`` for ``"spetsialnykh"``), or ``token`` when no ending fits.
    """
    # Longest first, as ``RUSSIAN_ENDINGS`` is ordered: one set probe per ending length, not
    # one ``endswith`` per ending (a token ends in at most one ending of each length).
    for size in _ENDING_SIZES:
        if len(token) - size >= MIN_STEM and token[-size:] in _ENDING_SET:
            return token[:-size]
    return token


def _stems() -> dict[str, str]:
    """Stem -> canonical token for every table word, leaving out stems two canonicals share.

    A final ``e`` or ``y`` is not taken for a case ending here: it ends the English words of
    the table (``marine``, ``factory``), whose stems are other words (``marin``, ``factor``);
    the Russian words that end so are listed in another form too (``sistemy``, ``sistema``).
    """
    found: dict[str, str | None] = {}
    for word, canonical in ORG_TERMS.items():
        stem = russian_stem(word)
        if stem == word or word[len(stem):] in ("e", "y"):
            continue
        found[stem] = canonical if found.get(stem, canonical) == canonical else None
    return {stem: canonical for stem, canonical in found.items() if canonical is not None}


_STEMS = _stems()
_COMPOUND_STEMS: dict[str, tuple[str, ...]] = {
    russian_stem(word): words for word, words in COMPOUNDS.items() if russian_stem(word) != word
}

#: An adjective made from a place name with -sk- (Russian ``chelyabinskiy``, ``uralskaya``,
#: ``serovskogo``; Ukrainian ``kharkivskyi``, ``lvivska``; the English spellings ``uralsky``,
#: ``moskovski``), or a place name ending in -sk (``chelyabinsk``): what comes before ``sk``, and
#: the ending. Endings from Wade's adjective declension tables in BGN/PCGN romanisation, and the
#: Ukrainian ones (-skyi, -ska, -ske, -skoho, -skykh) in the same letters; the -skij, -skaja,
#: the plural -skie (Izhorskie Zavody beside Izhorskiye) and -zk of other romanisations
#: (Uralskij, Donezk) too, as a variant respells them.
_PLACE_ADJECTIVE = re.compile(
    r"^([a-z]+?)(?:sk|zk)(iy|ii|yy|yi|ij|yj|y|i|aya|aja|aia|a|oye|oje|oe|ye|e|iye|ie|yye|ogo|oho|omu|oy|oi|om|im|ym|ikh|ykh|"
    r"uyu|u|)$"
)
#: The place's stem must keep this many letters: shorter ones (``omsk``, ``tomsk``, ``minsk``)
#: keep ``sk`` (``omskiy`` -> ``omsk``), and a bare word ends so only when this long.
MIN_PLACE_STEM = 4


def place_stem(token: str) -> str | None:
    """The place an ``-sk-`` adjective or ``-sk`` place name is of, as both are folded, else None.

    Lists name Russian and Ukrainian enterprises after their town with an adjective
    (Челябинский тракторный завод, Серовский механический завод) that the English name writes as
    the town (Chelyabinsk Tractor Plant, Serov Mechanical Plant). The town's name may end in
    ``sk`` (Chelyabinsk, Novosibirsk: the adjective adds the ending) or not (Serov, Ural,
    Arzamas: the adjective adds ``sk`` and the ending), so both the adjective and the town lose
    ``sk`` and what follows. Adjectives in ``-cheskiy`` (``tekhnicheskiy``: technical) are not of
    places and stay.

    Args:
        token: one lower-case ASCII token.
    Returns:
        ``"chelyabin"`` for ``"chelyabinskiy"`` and ``"chelyabinsk"``, ``"serov"`` for
        ``"serovskiy"``, ``"omsk"`` for ``"omskiy"``; None for a token of another shape (``"omsk"``,
        ``"kiosk"``, ``"tekhnicheskiy"``).
    """
    found = _PLACE_ADJECTIVE.match(token)
    if found is None:
        return None
    stem, ending = found.groups()
    if stem.endswith(("che", "ic")):
        return None
    if len(stem) >= MIN_PLACE_STEM:
        return stem
    # A short place (Omsk): its adjective keeps ``sk``; a short word without an adjective's
    # ending is another word (kiosk, disk, alaska).
    return stem + "sk" if len(ending) >= 2 else None


def compound_words(token: str) -> tuple[str, ...] | None:
    """The English words of a Russian compound organisation word, else None.

    Args:
        token: one lower-case ASCII token.
    Returns:
        ``("machine", "building")`` for ``"mashinostroitelnogo"`` (``data/org_compounds.txt``, a
        form listed or its stem); None for other tokens.
    """
    found = COMPOUNDS.get(token)
    if found is None and len(token) >= FUZZY_MIN_LETTERS:
        found = _COMPOUND_STEMS.get(russian_stem(token))
    return found


def expand_abbreviation(token: str) -> tuple[str, ...]:
    """The words a Russian abbreviation of a kind of body stands for, else the token alone.

    Args:
        token: one lower-case ASCII token.
    Returns:
        ``("research", "institute")`` for ``"nii"`` (``data/org_abbreviations.txt``),
        ``("machine", "building")`` for ``"mashinostroitelnyy"`` (``compound_words``);
        ``(token,)`` for any other token.
    """
    found = ABBREVIATIONS.get(token)
    if found is None:
        found = compound_words(token)
    return (token,) if found is None else found


@lru_cache(maxsize=65536)
def fold_org_term(token: str) -> str:
    """The English token for a Russian or English organisation word, else the token itself.

    Args:
        token: one lower-case ASCII token.
    Returns:
        ``"plant"`` for ``"zavod"``, ``"kombinat"``, ``"factory"`` or a one-edit misspelling of
        a word of six letters or more (``"zawody"``, ``"tecnologies"``), ``"special"`` for a case
        form the table lacks (``"spetsialnykh"``), the place of a place adjective or ``-sk``
        place name (``"chelyabin"`` for ``"chelyabinskiy"`` and ``"chelyabinsk"``, ``place_stem``),
        the English name of a place of ``data/place_names.txt`` (``"siberia"`` for ``"sibir"``
        and ``"sibirskiy"``); other tokens unchanged.
    """
    found = AS_WRITTEN.get(token) or PLACES.get(token)
    if found is not None:
        return found
    if len(token) < FUZZY_MIN_LETTERS:
        return token
    found = _table_word(token)
    if found is None and "ei" in token:
        # Other romanisations write ей as ei (Oruzheiny Zavod, Imperatorsky): BGN/PCGN's ey.
        found = _table_word(token.replace("ei", "ey"))
    if found is not None:
        return found
    place = place_stem(token)
    return token if place is None else PLACES.get(place, place)


#: Евро- (Euro-) as the romanisation writes it at the start of a word: BGN/PCGN's ye for an
#: initial е, or e (ЕвроИндустрия: yevroindustriya / EuroIndustry; Евросеть / Euroset).
_EURO_SPELLINGS = ("yevro", "evro")


def euro_prefix(token: str) -> str:
    """An organisation token starting with Евро- written with English's ``euro``.

    Args:
        token: one lower-case ASCII token.
    Returns:
        ``"euroindustriya"`` for ``"yevroindustriya"``; table words (``"yevropa"``, folded to
        ``"europe"`` by ``fold_org_term``) and other tokens unchanged (``"evrika"``).
    """
    if token in ORG_TERMS:
        return token
    for spelling in _EURO_SPELLINGS:
        if token.startswith(spelling):
            return "euro" + token[len(spelling):]
    return token


def fold_phrases(tokens: list[str]) -> list[str]:
    """Folded organisation tokens with the phrases of ``data/org_phrases.txt`` rewritten.

    Args:
        tokens: the tokens of an organisation name, each folded by ``fold_org_term``.
    Returns:
        The tokens, each phrase of the table replaced by its wording (``["ural", "plant",
        "mechanical", "engineering"]`` -> ``["ural", "plant", "machinery", "building"]``,
        ``["nizhny", "novgorod", "plant"]`` -> ``["nizhegorod", "plant"]``).
    """
    if not any(token in PHRASES for token in tokens):
        return tokens
    folded: list[str] = []
    i = 0
    while i < len(tokens):
        for words, written in PHRASES.get(tokens[i], ()):
            if tuple(tokens[i:i + len(words)]) == words:
                folded.extend(written)
                i += len(words)
                break
        else:
            folded.append(tokens[i])
            i += 1
    return folded


def _table_word(token: str) -> str | None:
    """The canonical token of a table word ``token`` is (by stem, or within one edit), else None."""
    found = ORG_TERMS.get(token) or _STEMS.get(russian_stem(token))
    if found is not None:
        return found
    for word in _BY_START_AND_LENGTH.get((token[0], len(token)), ()):
        if OSA.distance(word, token, score_cutoff=1) <= 1:
            return ORG_TERMS[word]
    return None
