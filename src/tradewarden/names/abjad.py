"""Arabic, Persian and Hebrew names: a romanisation made for matching, and a vowel-aware comparison.

Arabic script writes consonants and long vowels (``ا و ي``) but not short vowels, so one Arabic
name has many Latin spellings (محمد: Muhammad, Mohamed, Mohammad). Three general rules meet them:

* ``romanise`` writes Arabic and Persian letters as ASCII, one letter (or digraph) per letter:
  the long vowels stay visible as ``a``/``w``/``y``, ``ع`` becomes ``e`` (a vowel slot Latin
  spellings fill with any vowel or nothing), hamza is dropped, ``ة`` and a final ``ه`` become
  ``h``, Persian ``پ چ ژ گ ک ی`` are read as ``p ch zh g k y`` (``خوا`` as ``kha``, ``عمرو``
  as ``emr``: Amr, whose و is not read), the
  article ``ال`` is split off as the particle ``al`` (``الشامي`` → ``al shamy``), ``عبد ال`` becomes
  one token ``ebdal`` (Abdul, Abdel, Abd al-), and ``بن``/``ابن``/``ابو`` are written ``bin``,
  ``ibn``, ``abu``.
* ``cross_similarity`` compares one such token with a Latin token by a weighted alignment: Latin
  short vowels cost nothing, an Arabic long vowel must meet a Latin vowel of its kind (``ا`` a/e,
  ``و`` u/o/w/v, ``ي`` i/e/y), and letters that romanisation systems confuse cost a little (ذ/ض as
  d, z or dh; ث as t, s or th; ق as q, k or g; ج as j or g; ة as a, ah or at; ش as sh or ch).
  So ``ناذر``/Nazer and ``القوتلي``/al-Quwatly meet, while ``حامد``/Ahmad (same consonants, long
  vowel in another place) do not.
* ``joined_similarity`` runs that alignment over whole names, so an article written fused or
  assimilated (Abdulrahman, Ash-Shami, Jamal Eddin) and fused Persian names (Ahmadinejad) meet.

``skeleton_variants`` gives the consonant skeletons a romanised token may have in Latin (ذ as d
or z, ث as t or s, و as v, Persian ژ as zh or j, ز+ه as z-h rather than zh ...), for blocking. Hebrew keeps ICU's
transliteration, whose letters (``y``, ``w`` as vowel letters) the same comparison reads. Pure
functions, cached. ``cross_similarity_above`` and ``joined_similarity_above`` give the same
values where they exceed a caller's floor and stop early elsewhere (a lower bound of the
alignment cost: unmatched consonants, then the least cell of the last rows).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Final
from itertools import product

from rapidfuzz.distance import OSA, Indel, Levenshtein

from tradewarden.names.phonetic import SOFT_C, skeleton

# -- romanisation --------------------------------------------------------------------------

#: One ASCII spelling per Arabic-script letter (Arabic, Persian, common Urdu/Kurdish forms).
_LETTERS: Final[dict[str, str]] = {
    "\u0627": "a", "\u0623": "a", "\u0625": "a", "\u0622": "a", "\u0671": "a",  # alif and its hamza forms
    "\u0621": "", "\u0626": "", "\u0624": "w",  # hamza alone, on ya (dropped), on waw
    "\u0628": "b", "\u067e": "p", "\u062a": "t", "\u062b": "th", "\u062c": "j", "\u0686": "ch",
    "\u062d": "h", "\u062e": "kh", "\u062f": "d", "\u0630": "dh", "\u0631": "r", "\u0632": "z",
    "\u0698": "zh", "\u0633": "s", "\u0634": "sh", "\u0635": "s", "\u0636": "dh", "\u0637": "t",
    "\u0638": "z", "\u0639": "e", "\u063a": "gh", "\u0641": "f", "\u0642": "q", "\u0643": "k",
    "\u06a9": "k", "\u06af": "g", "\u0644": "l", "\u0645": "m", "\u0646": "n", "\u0647": "h",
    "\u06be": "h", "\u06c1": "h", "\u06c0": "h", "\u06d5": "h", "\u0629": "h", "\u0648": "w",
    "\u064a": "y", "\u06cc": "y", "\u0649": "y", "\u06d2": "y", "\u06a4": "v", "\u06a8": "g",
    "\u06c6": "w", "\u06c7": "w", "\u06c8": "w", "\u06cb": "w", "\u06d0": "y",
    "\u0679": "t", "\u0688": "d", "\u0691": "r", "\u06ba": "n",  # Urdu retroflexes, noon ghunna
    # Pashto's own letters, as Latin spellings of Afghan names write them (ځدران Zadran, ګلبدین
    # Gulbuddin, پښتون Pashtun; Wikipedia "Pashto alphabet", "Romanization of Pashto"): its
    # retroflexes ټ ډ ړ ڼ, dze ځ (z), tse څ (s), zhe ږ, shin ښ, gaf ګ, and the ye forms ۍ ې.
    "\u067c": "t", "\u0689": "d", "\u0693": "r", "\u06bc": "n", "\u0681": "z", "\u0685": "s",
    "\u0696": "zh", "\u069a": "sh", "\u06ab": "g", "\u06cd": "y",
}
#: Short-vowel marks, shadda, sukun, superscript alif, tatweel and the Persian zero-width
#: non-joiner (which joins parts of one word, خامنه‌ای): dropped.
_DROPPED: Final = dict.fromkeys([*range(0x064B, 0x0660), 0x0670, 0x0640, 0x200C, 0x200D, 0x200F, 0x200E], None)
_TABLE: Final = str.maketrans({**_LETTERS, **_DROPPED})
_ARABIC_LETTER: Final = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_WORD: Final = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u200c-\u200f]+")
#: Whole words with a fixed spelling: the particles of Arabic names (son of, father of) and the
#: titles written inside them, spelt as ``data/particles.txt`` lists them.
_PARTICLES: Final[dict[str, str]] = {
    "بن": "bin", "ابن": "ibn", "بنت": "bint", "ابو": "abu",
    "شيخ": "sheikh", "حاجي": "haji", "ملا": "mullah", "مولوي": "mawlawi", "مولانا": "maulana",
    # The و of عمرو (Amr) is not read: Arabic spelling writes it only to tell the name from عمر.
    "عمرو": "emr",
}
#: Spelling variants folded before the particles are looked up: alif forms, Persian ye and kaf.
_ALIFS: Final = str.maketrans("أإآٱیىک", "ااااييك")
#: The article ال, and wa- ("and") before it, written fused to the word they precede.
_ARTICLE: Final = "ال"
_MIN_STEM: Final = 2
#: عبد written apart from the article of the name it governs (عبد الرحمن).
_ABD_AL: Final = re.compile(r"(?<![\u0600-\u06ff])عبد\s+(?=ال)")


def has_arabic(text: str) -> bool:
    """Whether ``text`` holds Arabic-script letters (Arabic, Persian, Urdu)."""
    return _ARABIC_LETTER.search(text) is not None


def _word(word: str) -> str:
    # Persian خوا is read kha, its و silent (خواجه Khajeh, خوانساری Khansari).
    word = word.replace("\u200c", "").replace("خوا", "خا")
    plain = word.translate(_ALIFS)
    if plain in _PARTICLES:
        return _PARTICLES[plain]
    parts: list[str] = []
    # The article is a plain alif and lam (آل, with madda, is a word: آلاء, آل).
    if word.startswith("و" + _ARTICLE) and len(word) - 3 > _MIN_STEM:
        parts.append("wa")
        word, plain = word[1:], plain[1:]
    if plain.startswith("عبد" + _ARTICLE) and word[3:5] == _ARTICLE and len(word) - 5 >= _MIN_STEM:
        parts.append("ebdal")  # Abd al-X: one name, written Abdul, Abdel, Abd al- or Abd-ul
        word = word[5:]
    elif word.startswith(_ARTICLE) and len(word) - 2 >= _MIN_STEM:
        parts.append("al")
        word = word[2:]
    parts.append(word.translate(_TABLE))
    return " ".join(part for part in parts if part)


@lru_cache(maxsize=65536)
def romanise(text: str) -> str:
    """Write the Arabic-script words of ``text`` in ASCII for matching; other text is kept.

    Args:
        text: a casefolded name, possibly mixing scripts.
    Returns:
        The text with each Arabic-script word romanised letter by letter
        (``"عبد الرحمن الشامي"`` → ``"ebdal rhmn al shamy"``).
    """
    return _WORD.sub(lambda m: f" {_word(m.group(0))} ", _ABD_AL.sub("عبد", text))


# -- blocking keys ---------------------------------------------------------------------------

#: Spellings a romanised letter may take in Latin (beyond its own), for skeleton variants.
_ALTERNATIVES: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("dh", ("d", "z")),
    ("th", ("t", "s")),
    ("q", ("g",)),
    ("j", ("g",)),
    ("w", ("v",)),
    ("sh", ("ch",)),
    ("zh", ("j",)),  # Persian ژ, written j in Latin as often as zh (نژاد Nejad / Nezhad)
)
_ALT_SPLIT: Final = re.compile("(" + "|".join(re.escape(s) for s, _ in _ALTERNATIVES) + ")")
_ALT: Final = dict(_ALTERNATIVES)
MAX_VARIANTS: Final = 8
_DIGRAPH_H: Final = re.compile(r"([kstdgzcp])h")


@lru_cache(maxsize=65536)
def skeleton_variants(token: str) -> tuple[str, ...]:
    """Consonant skeletons a romanised Arabic-script token may have in Latin spellings.

    Args:
        token: a token written by ``romanise`` (or ICU's Hebrew transliteration).
    Returns:
        Distinct skeletons, the token's own first, at most ``MAX_VARIANTS``
        (``"rdha"`` → ``("rd", "rz", "rdh")``).
    """
    if len(token) > 3 and token.endswith("e"):
        token = token[:-1]  # a final ayn is not written in Latin (ربيع Rabi, مطيع Mati)
    pieces = _ALT_SPLIT.split(token)
    choices = [(piece, *_ALT[piece]) if piece in _ALT else (piece,) for piece in pieces]
    found: list[str] = []
    for combo in product(*choices):
        skel = skeleton("".join(combo))
        if skel and skel not in found:
            found.append(skel)
            if len(found) >= MAX_VARIANTS:
                break
    # Each digraph may be two letters (تهامی Tahami, not Thami): the split h is kept apart. So is
    # the h after p, which the skeleton reads as f: romanisation writes no ph for one letter, only
    # پ and ه (سپهر Sepehr, sphr, not Sefr).
    split = skeleton(_DIGRAPH_H.sub(r"\1H", token)).lower()
    if split not in found and len(found) < MAX_VARIANTS:
        found.append(split)
    return tuple(found)


# -- alignment -------------------------------------------------------------------------------

_DIGRAPHS: Final = ("kh", "sh", "th", "dh", "gh", "ch", "zh")
_VOWELS: Final = frozenset("aeiou")
# Unit kinds. Abjad side: consonant, long vowel (mater), ayn, final h, article vowel/l.
# Latin side: consonant, vowel, semivowel (y, w).
C: Final = 0
M: Final = 1
E: Final = 2
H: Final = 3
A: Final = 4
L: Final = 5
V: Final = 6
S: Final = 7

#: Costs of substituting near consonants (unordered pairs); unrelated consonants cost 1.
_NEAR: Final[dict[frozenset[str], float]] = {
    frozenset(pair): cost
    for pair, cost in (
        (("t", "th"), 0.2), (("s", "th"), 0.2), (("d", "dh"), 0.2), (("z", "dh"), 0.2), (("d", "z"), 0.3),
        (("z", "zh"), 0.3), (("j", "zh"), 0.3), (("j", "g"), 0.3), (("k", "q"), 0.1), (("k", "kh"), 0.3),
        (("h", "kh"), 0.3), (("g", "gh"), 0.1), (("q", "g"), 0.3), (("q", "gh"), 0.3), (("k", "g"), 0.5),
        (("sh", "ch"), 0.2), (("s", "sh"), 0.5), (("b", "p"), 0.3), (("f", "v"), 0.3), (("f", "p"), 0.5),
        (("t", "d"), 0.5), (("j", "y"), 0.5),
    )
}
_LATIN_FOLD: Final = (("tch", "ch"), ("dj", "j"), ("ph", "f"), ("ck", "k"), ("x", "ks"), ("ou", "u"))


#: A digraph where one starts, else one letter (left to right, as romanisation writes them).
_LETTER_OR_DIGRAPH: Final = re.compile("|".join(_DIGRAPHS) + "|.", re.DOTALL)


def _split(token: str) -> list[str]:
    return _LETTER_OR_DIGRAPH.findall(token)


@lru_cache(maxsize=65536)
def _abjad_parses(token: str) -> tuple[tuple[tuple[int, str], ...], ...]:
    """The token's units, and its units with each digraph read as two letters (ز+ه in زهير
    Zuhair is written like ژ zh): romanised letters pair up like Latin ones."""
    units = _abjad_units(token, token == "al")
    digraphs = [pos for pos, (kind, sym) in enumerate(units) if kind == C and len(sym) == 2]
    if not digraphs:
        return (units,)
    parses = [units]
    for pos in digraphs[:2]:
        for parse in list(parses):
            here = next(k for k, (kind, sym) in enumerate(parse) if k >= pos and kind == C and len(sym) == 2)
            digraph = parse[here][1]
            parses.append((*parse[:here], (C, digraph[0]), (C, digraph[1]), *parse[here + 1 :]))
    return tuple(parses)


@lru_cache(maxsize=65536)
def _abjad_units(token: str, particle: bool, doubled: bool = False) -> tuple[tuple[int, str], ...]:
    """The token's units for the alignment; ``doubled``: a consonant letter written twice kept as
    two (``_doubled_units``)."""
    if particle and token == "al":
        return ((A, "a"), (L, "l"))
    article = token.startswith("ebdal") and len(token) == 5
    letters = _split(token[:3] if article else token)
    units: list[tuple[int, str]] = []
    for pos, letter in enumerate(letters):
        if letter in ("a", "w", "y"):
            if units and units[-1] == (M, letter):
                continue  # ایی, داوود: a doubled long vowel is one vowel in Latin
            units.append((M, letter if pos else "^" + letter))
        elif letter == "e":
            # A final ayn after a letter is written in Latin, as a vowel, an apostrophe or an h
            # (ألمع Alma', ربيع Rabie / Rabih): "e$", which costs a consonant to leave out (Alam).
            units.append((E, "e$" if pos == len(letters) - 1 and pos > 0 else letter))
        elif letter == "h" and pos == len(letters) - 1 and pos > 0:
            units.append((H, letter))
        elif letter in _VOWELS:  # vowels ICU's Hebrew transliteration may write
            units.append((E, letter))
        elif units and units[-1] == (C, letter) and not doubled:
            continue  # الله: letters written twice are one in Latin spellings (Allah, -ullah)
        else:
            units.append((C, letter))
    if units and units[-1] == (M, "y"):
        units[-1] = (M, "y$")  # final ى/ي: Musa, Mustafa as well as Naqdi
    if article:
        units += [(A, "a"), (L, "l")]
    return tuple(units)


@lru_cache(maxsize=65536)
def _doubled_units(token: str) -> tuple[tuple[int, str], ...] | None:
    """The token's units with a consonant letter written twice kept as two, where it has one: a
    letter is written twice for two consonants with a vowel between (مدد Madad, جدد Jadad), as
    well as for one said long (الله Allah, the units' reading). None where there is none."""
    units = _abjad_units(token, token == "al", True)
    return None if units == _abjad_units(token, token == "al") else units


@lru_cache(maxsize=65536)
def _latin_units(token: str) -> tuple[tuple[int, str], ...]:
    text = token
    for spelling, sound in _LATIN_FOLD:
        if spelling in text:
            text = text.replace(spelling, sound)
    if "c" in text:
        text = SOFT_C.sub("s", text)  # (Lounici لونيسي; any other c is a k, below)
    units: list[tuple[int, str]] = []
    for letter in _split(text):
        if letter == "c":
            letter = "k"
        if units and units[-1][1] == letter:
            continue  # doubled letters are one letter in Arabic script (shadda)
        kind = V if letter in _VOWELS else S if letter in ("y", "w") else C
        if kind == V and units and units[-1][0] == V:
            units[-1] = (V, units[-1][1] + letter)  # a vowel cluster (ei, ia): one long vowel
            continue
        units.append((kind, letter))
    return tuple(units)


@lru_cache(maxsize=16384)
def _sub(a: tuple[int, str], b: tuple[int, str]) -> float:
    if b[0] == V and len(b[1]) > 1:
        return min(_sub(a, (V, letter)) for letter in b[1])
    kind, sym = a
    lkind, lsym = b
    if kind == C:
        if lkind == C:
            return 0.0 if sym == lsym else _NEAR.get(frozenset((sym, lsym)), 1.0)
        return 1.0
    if kind == M:
        initial = sym[0] == "^"
        final = sym[-1] == "$"
        sym = sym.strip("^$")
        if lkind == V:
            if initial and sym == "a":
                return 0.0
            if sym == "a":
                return 0.0 if lsym == "a" else 0.2 if lsym == "o" else 0.3 if lsym == "e" else 0.7
            if sym == "w":
                return 0.0 if lsym in "uo" else 0.5
            if lsym in "ie":
                return 0.0
            # A yā' inside a word is a long i (or the ay of a diphthong the Latin spells with its
            # own y): against a plain Latin a it costs as much as alif against i/u, so hsyn does
            # not pass for Hassan nor jlyly for Jalali. At the end of a word -y is often an -a.
            return (0.2 if final else 0.7) if lsym == "a" else 0.6
        if lkind == S:
            return 0.0 if lsym == sym else 1.0
        return 0.0 if sym == "w" and lsym == "v" else 1.0
    if kind in (E, A):
        if kind == E and sym == "e$" and lsym == "h":
            return FINAL_AYN_AS_H
        return 0.0 if lkind == V else 0.3 if lkind == S else 1.0
    if kind == H:
        return 0.0 if lsym == "h" else 0.2 if lsym == "t" else 1.0
    # article l
    return 0.0 if lsym == "l" else 1.0


@lru_cache(maxsize=1024)
def _delete(a: tuple[int, str]) -> float:
    kind, sym = a
    if kind == C:
        return 0.5 if sym == "h" else 1.0
    if kind == M:
        return 0.9
    if kind == E and sym == "e$":
        return FINAL_AYN_LEFT_OUT
    if kind == L and sym == _MOON_ARTICLE:
        return MOON_ARTICLE_LEFT_OUT
    return 0.1  # ayn, final h, article


@lru_cache(maxsize=4096)
def _insert(b: tuple[int, str], final: bool) -> float:
    kind, sym = b
    if kind == V:
        # A short vowel is not written in Arabic script; a long one (a cluster) should be.
        return 0.0 if len(sym) == 1 else LONG_VOWEL_MISSING
    if kind == S:
        return 0.3
    if sym == "h":
        return 0.1 if final else 0.5
    return 1.0


#: The article's l before a moon letter (``_joined_units``), and the cost of leaving it out of
#: a name run together (عبدالعلی is Abdul Ali, not Abdoulaye, which is عبدالله).
_MOON_ARTICLE: Final = "l!"
MOON_ARTICLE_LEFT_OUT: Final = 1.0
#: Cost of leaving out a word's final ayn (after a letter), which Latin spellings write (ألمع
#: Alma', not Alam), and of meeting it with a final h (ربيع Rabih).
FINAL_AYN_LEFT_OUT: Final = 1.0
FINAL_AYN_AS_H: Final = 0.2
#: Cost of a Latin vowel cluster (Hosseini's ei) that no Arabic long vowel or ayn meets.
LONG_VOWEL_MISSING: Final = 0.8
#: Cost of a Latin name's opening vowel that the abjad name does not write. Arabic script
#: writes a word's opening vowel with alif (or ayn: احمد Ahmad, عمر Omar, ابراهیم Ebrahim), and
#: so does Hebrew (alef, ayin: ``translit._HEBREW_VOWEL_SLOTS``); a name opening with a consonant
#: there is another name where the Latin one opens with a vowel (حمیدی Hamidi, not Ahmedian;
#: حمد Hamad, not Ahmad), though short vowels cost nothing elsewhere.
LEADING_VOWEL_UNWRITTEN: Final = 0.5
#: Latin spellings write Arabic's article fused to its name and assimilated to a sun letter
#: (Essaadi, Elsseid, Allah, Ad-Dawla): an opening vowel before l or a doubled consonant is the
#: article (romanised as a word of its own), not an unwritten vowel (``_leading_cost``).
_ARTICLE_START: Final = re.compile(r"[aeiou](?:l|([b-df-hj-np-tv-z])\1)")


def _leading_cost(latin_token: str) -> float:
    """The cost of the Latin token's opening vowel where the abjad name opens with another
    letter than alif or ayn: ``LEADING_VOWEL_UNWRITTEN``, or nothing for no vowel or the article
    fused (``_ARTICLE_START``)."""
    if not latin_token or latin_token[0] not in _VOWELS or _ARTICLE_START.match(latin_token):
        return 0.0
    return LEADING_VOWEL_UNWRITTEN


#: Below this, alignment similarities fall twice as fast (a consonant apart is another name).
STEEP_BELOW: Final = 0.9

_WEIGHT: Final = {C: 1.0, M: 0.5, E: 0.0, H: 0.0, A: 0.0, L: 0.0}


def _align(
    abjad: tuple[tuple[int, str], ...], latin: tuple[tuple[int, str], ...], beat: float = -1.0, leading: float = 0.0
) -> float:
    """The alignment similarity, or -1.0 once it cannot come out above ``beat``; ``leading``: the
    cost of an opening Latin vowel inserted before the abjad name's first letter (``_leading_cost``).

    Every cost is at least zero and a path skips at most two rows, so the least cell of the
    last three rows is a lower bound of the final cost (rounding is monotone: bit-exact).
    """
    n, m = len(abjad), len(latin)
    deletes, runs_at, abjad_size, abjad_hard, abjad_consonants = _abjad_side(abjad)
    inserts, first, has_vowels, latin_size, latin_hard, latin_consonants, sub_rows = _latin_side(latin, leading)
    size = max(abjad_size, latin_size, 1.0)
    if beat >= 0.0:
        # A lower bound of the cost: an abjad consonant (but h) met by no Latin consonant costs
        # at least 1 (deleted, or against a vowel), and so does a Latin consonant (but h, t, v,
        # l) met by no abjad consonant (inserted, or against a long vowel, ayn or article).
        unmatched = float(max(0, abjad_hard - latin_consonants) + max(0, latin_hard - abjad_consonants))
        if _steep(1.0 - (unmatched - _ROUNDING_MARGIN) / size) <= beat:
            return -1.0
    row_least = [0.0, 0.0]
    rows = [list(first)]
    for i in range(1, n + 1):
        a = abjad[i - 1]
        prev = rows[i - 1]
        delete = deletes[i - 1]
        # Up to three Arabic vowel letters in a row may make one Latin vowel sound (_vowel_runs).
        run = runs_at[i - 1]
        runs = run > 1 and has_vowels
        jumps = _vowel_runs(abjad, latin, rows, i, run) if runs else _NO_RUNS
        substitutes = sub_rows.get(a)
        if substitutes is None:
            substitutes = sub_rows[a] = tuple([_sub(a, b) for b in latin])
        left = prev[0] + delete
        least = left
        cur = [left]
        # The edit recurrence: substitute, delete, insert, or end a vowel run here. (Indexed,
        # with the row's least cell kept on the way: the loop mypyc compiles to plain C.)
        for j in range(m):
            best = prev[j] + substitutes[j]
            other = prev[j + 1] + delete
            if other < best:
                best = other
            other = left + inserts[j]
            if other < best:
                best = other
            if runs:
                other = jumps[j]
                if other < best:
                    best = other
            cur.append(best)
            if best < least:
                least = best
            left = best
        rows.append(cur)
        if beat >= 0.0:
            row_least.append(least)
            bound = min(row_least[-3], row_least[-2], least)
            if _steep(1.0 - bound / size) <= beat:
                return -1.0
    cost = rows[n][m]
    return _steep(1.0 - cost / size)


@lru_cache(maxsize=65536)
def _abjad_side(abjad: tuple[tuple[int, str], ...]) -> tuple[tuple[float, ...], tuple[int, ...], float, int, int]:
    """What an alignment needs of its abjad side, once per name: each unit's deletion cost, the
    length (1 to 3) of the vowel-letter run ending at each unit, the size in consonants, and
    the consonant counts of ``_consonant_counts`` (h soft)."""
    runs: list[int] = []
    for i in range(1, len(abjad) + 1):
        run = 1
        while run < 3 and i - run >= 1 and abjad[i - 1][0] in (M, E) and abjad[i - run - 1][0] in (M, E):
            run += 1
        runs.append(run)
    hard, consonants = _consonant_counts(abjad, _SOFT_ABJAD)
    size = sum(_WEIGHT[k] for k, _ in abjad)
    return tuple([_delete(a) for a in abjad]), tuple(runs), size, hard, consonants


#: A Latin name's side tables hold the substitution rows its alignments met (about 8 KB a name),
#: so far fewer are kept than of the small caches: 65,536 held 0.5 GB per batch worker.
@lru_cache(maxsize=4096)
def _latin_side(
    latin: tuple[tuple[int, str], ...], leading: float = 0.0
) -> tuple[tuple[float, ...], tuple[float, ...], bool, float, int, int, dict[tuple[int, str], tuple[float, ...]]]:
    """What an alignment needs of its Latin side, once per name: each unit's insertion cost,
    the first row, whether it has vowels, the size in consonants, the consonant counts of
    ``_consonant_counts`` (h, t, v, l soft), and the substitution rows met so far (filled by
    ``_align``: an abjad unit's costs against each Latin unit recur across names)."""
    m = len(latin)
    inserts = [_insert(b, j == m - 1) for j, b in enumerate(latin)]
    first = [0.0] * (m + 1)
    for j in range(1, m + 1):
        first[j] = first[j - 1] + inserts[j - 1]
    if leading and m and latin[0][0] == V:
        # The first row inserts Latin letters before the abjad name's first letter: an opening
        # Latin vowel so inserted is one the abjad name does not write (``_leading_cost``).
        for j in range(1, m + 1):
            first[j] += leading
    hard, consonants = _consonant_counts(latin, _SOFT_LATIN)
    size = sum(1.0 if k == C else 0.5 if k == S else 0.0 for k, _ in latin)
    has_vowels = any(b[0] == V for b in latin)
    return tuple(inserts), tuple(first), has_vowels, size, hard, consonants, {}


_NO_RUNS: Final[list[float]] = []


def _vowel_runs(
    abjad: tuple[tuple[int, str], ...], latin: tuple[tuple[int, str], ...], rows: list[list[float]], i: int, run: int
) -> list[float]:
    """For each Latin unit, the cheapest way for the last ``run`` (2 or 3) abjad vowel letters
    to make that one Latin vowel sound together: اسماعیل / Esmaeil, خامنه‌ای / Khamenei."""
    jumps = [math.inf] * len(latin)
    for j, b in enumerate(latin, 1):
        if b[0] != V:
            continue
        for k in range(2, run + 1):
            letters = abjad[i - k : i]
            # ای is the ei of Khamenei, عی the e of Essa, initial ای the i of Iran;
            # but يا is not the a of Issam.
            if len(b[1]) == 1 and all(kind != E for kind, _ in letters) and letters[0][1] != "^a":
                continue
            joined = min(_sub(unit, b) for unit in letters) + 0.1 * (k - 1)
            jumps[j - 1] = min(jumps[j - 1], rows[i - k][j - 1] + joined)
    return jumps


#: Keeps a lower bound of a cost (a sum of costs rounded another way) safely below the cost.
_ROUNDING_MARGIN: Final = 1e-9
#: Latin consonants an abjad unit other than a consonant may meet at a cost below 1 (ة as t or
#: h, و as v, the article's l).
_SOFT_LATIN: Final = frozenset("htvl")
#: An abjad h may be dropped at 0.5.
_SOFT_ABJAD: Final = frozenset("h")


@lru_cache(maxsize=65536)
def _consonant_counts(units: tuple[tuple[int, str], ...], soft: frozenset[str]) -> tuple[int, int]:
    """(consonants but ``soft`` ones, all consonants) of one side's units."""
    consonants = [sym for kind, sym in units if kind == C]
    return sum(1 for sym in consonants if sym not in soft), len(consonants)


def _steep(score: float) -> float:
    return max(0.0, score - (STEEP_BELOW - score)) if score < STEEP_BELOW else score


@lru_cache(maxsize=262144)
def cross_similarity(abjad_token: str, latin_token: str) -> float:
    """Similarity in [0, 1] of a romanised Arabic-script (or Hebrew) token and a Latin token.

    Args:
        abjad_token: a token written by ``romanise`` or by ICU's Hebrew transliteration.
        latin_token: a lower-case ASCII token of a Latin-script name.
    Returns:
        1 minus the weighted alignment cost over the size of the longer token in consonants
        (a long vowel counts half); tokens of one or two consonants are scaled down, since
        two consonants are shared by unrelated names.
    """
    return _cross_similarity(abjad_token, latin_token, -1.0)


def cross_similarity_above(abjad_token: str, latin_token: str, floor: float) -> float:
    """``cross_similarity`` where it is above ``floor``; elsewhere some value at or below
    ``floor`` (sooner: an alignment stops once it cannot end above ``floor``). Not cached.

    Args:
        abjad_token: a token written by ``romanise`` or by ICU's Hebrew transliteration.
        latin_token: a lower-case ASCII token of a Latin-script name.
        floor: the similarity the caller needs to beat.
    Returns:
        The similarity, exact where above ``floor``.
    """
    return _cross_similarity(abjad_token, latin_token, floor)


def _cross_similarity(abjad_token: str, latin_token: str, floor: float) -> float:
    if abjad_token == latin_token:
        return 1.0
    latin = _latin_units(latin_token)
    if _consonant_overlap(_abjad_units(abjad_token, abjad_token == "al"), latin) < MIN_CONSONANT_OVERLAP:
        return 0.0
    parses = _abjad_parses(abjad_token) if (C, "h") in latin else (_abjad_units(abjad_token, abjad_token == "al"),)
    doubled = _doubled_units(abjad_token)
    if doubled is not None:
        parses = (*parses, doubled)
    consonants = sum(1 for kind, _ in parses[0] if kind == C)
    factor = 0.8 if consonants <= 1 else 0.92 if consonants == 2 else 1.0
    beat = floor / factor - _ROUNDING_MARGIN if floor >= 0.0 else -1.0
    score = -1.0
    for units in parses:
        # (Each parse need only beat the best so far.)
        score = max(score, _align(units, latin, max(score, beat), _leading_cost(latin_token)))
    if consonants <= 1:
        score *= 0.8
    elif consonants == 2:
        score *= 0.92
    return score


#: Consonants a Latin spelling writes for an Arabic-script one beyond ``_NEAR``, for
#: ``consonant_left_out``: s for z (German and Turkish spellings: Aziz / Asis), ch for kh
#: (German: خ in Barich) and th for z (ظ in Iraqi spellings: Kadhim, Kathim / كاظم kazm).
_ALSO_FOR: Final = frozenset({frozenset(("s", "z")), frozenset(("kh", "ch")), frozenset(("z", "th"))})


def _written_for(abjad: str, latin: str) -> bool:
    """Whether a Latin consonant (or y, w) may stand for an Arabic-script consonant."""
    return abjad == latin or _NEAR.get(frozenset((abjad, latin)), 1.0) < 1.0 or frozenset((abjad, latin)) in _ALSO_FOR


#: ``consonant_left_out`` reads words of at most this many consonants: a long compound name's
#: spellings drop one now and then (آخوندزاده Akhundzada / Akhunzada).
LEFT_OUT_MAX_CONSONANTS: Final = 4


def _assimilated(units: tuple[tuple[int, str], ...], pos: int) -> bool:
    """Whether the consonant at ``pos`` is the article's l inside a word before a sun letter,
    which Latin spellings drop (نورالدین nwraldyn / Nooruddin)."""
    return (
        units[pos][1] == "l"
        and 0 < pos < len(units) - 1
        and units[pos - 1][0] == M
        and units[pos - 1][1].strip("^") == "a"
        and units[pos + 1][0] == C
        and units[pos + 1][1] in _SUN_LETTERS
    )


@lru_cache(maxsize=65536)
def consonant_left_out(abjad_token: str, latin_token: str) -> bool:
    """Whether a Latin token leaves out a consonant of a romanised Arabic-script token, in every
    reading of its digraphs (``_abjad_parses``): each consonant letter of the script but h (which
    Latin spellings drop) needs a Latin consonant written for it (equal or near, ``_NEAR``), in
    order, in a word of at most ``LEFT_OUT_MAX_CONSONANTS`` of them. Arabic script writes every
    consonant; a romanisation of a short name writes them all (محمد mhmd / Mehdi leaves out an m,
    مهدیس mhdys / Mehdi an s, تحسینی thsyny / Hosseini the t: other names), while vowels, long
    vowels, ayn, h and the article's l before a sun letter (``_assimilated``) come and go.

    Args:
        abjad_token: a token written by ``romanise`` or by ICU's Hebrew transliteration.
        latin_token: a lower-case ASCII token of a Latin-script name.
    """
    latin = [sym for kind, sym in _latin_units(latin_token) if kind == C or kind == S]
    for units in _abjad_parses(abjad_token):
        if sum(1 for kind, sym in units if kind == C and sym != "h") > LEFT_OUT_MAX_CONSONANTS:
            return False
        at = 0
        for pos, (kind, sym) in enumerate(units):
            if kind != C or sym == "h" or _assimilated(units, pos):
                continue
            while at < len(latin) and not _written_for(sym, latin[at]):
                at += 1
            if at == len(latin):
                break
            at += 1
        else:
            return False  # this reading's consonants are all written
    return True


#: The consonants the article's l assimilates to (the sun letters, as romanised): before them
#: Latin spellings drop it (Nasreddin, Abdurrahman); before the others, the moon letters, ayn
#: and alif among them, it is said and written (Abdul Ali, Saif al-Islam, Abdulkarim).
_SUN_LETTERS: Final = frozenset({"t", "th", "d", "dh", "r", "z", "zh", "s", "sh", "l", "n"})


def _joined_units(tokens: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
    units: list[tuple[int, str]] = []
    for token in tokens:
        following = _abjad_units(token, token == "al")
        if units and units[-1] == (L, "l") and following and not (
            following[0][0] == C and following[0][1] in _SUN_LETTERS
        ):
            units[-1] = (L, _MOON_ARTICLE)
        units.extend(following)
    return tuple(units)


@lru_cache(maxsize=65536)
def joined_similarity(abjad_tokens: tuple[str, ...], latin_tokens: tuple[str, ...]) -> float:
    """Similarity of two whole names run together: romanised Arabic-script and Latin.

    The article and particles stay in, so fused, split and assimilated spellings meet
    (``shms al dyn`` / ``shamsuddin``); for Latin names of up to four tokens each rotation
    of their order is tried too (surname written first).

    Args:
        abjad_tokens: the tokens of the Arabic-script (or Hebrew) name.
        latin_tokens: the tokens of the Latin-script name.
    Returns:
        The best alignment similarity in [0, 1].
    """
    return _joined_similarity(abjad_tokens, latin_tokens, -1.0)


@lru_cache(maxsize=65536)
def joined_similarity_above(abjad_tokens: tuple[str, ...], latin_tokens: tuple[str, ...], floor: float) -> float:
    """``joined_similarity`` where it is above ``floor``; elsewhere some value at or below
    ``floor`` (sooner: an alignment stops once it cannot end above ``floor``).

    Args:
        abjad_tokens: the tokens of the Arabic-script (or Hebrew) name.
        latin_tokens: the tokens of the Latin-script name.
        floor: the similarity the caller needs to beat.
    Returns:
        The similarity, exact where above ``floor``.
    """
    return _joined_similarity(abjad_tokens, latin_tokens, floor)


def _joined_similarity(abjad_tokens: tuple[str, ...], latin_tokens: tuple[str, ...], floor: float) -> float:
    units = _joined_units(abjad_tokens)
    if _consonant_overlap(units, _latin_units("".join(latin_tokens))) < MIN_CONSONANT_OVERLAP:
        return 0.0  # too few consonants in common for any order to align well
    orders = [latin_tokens]
    if 1 < len(latin_tokens) <= 4:
        orders += [latin_tokens[k:] + latin_tokens[:k] for k in range(1, len(latin_tokens))]
    # Each order need only beat the best so far (the max is the same; the others stop early).
    best = -1.0
    for order in orders:
        joined = "".join(order)
        best = max(best, _align(units, _latin_units(joined), max(best, floor), _leading_cost(joined)))
    return best


#: Coarse consonant classes for the quick filter: letters romanisations confuse share a class.
_COARSE: Final = {
    **dict.fromkeys(("t", "th", "d", "dh", "z", "zh", "s", "sh", "ch", "j"), "t"),
    **dict.fromkeys(("k", "q", "kh", "g", "gh", "c"), "k"),
    **dict.fromkeys(("b", "p", "f", "v"), "b"),
}
#: Names whose coarse consonants overlap less than this are not aligned (the score is 0).
MIN_CONSONANT_OVERLAP: Final = 0.5


@lru_cache(maxsize=65536)
def _coarse(units: tuple[tuple[int, str], ...]) -> str:
    return "".join(sorted(_COARSE.get(sym, sym) for kind, sym in units if kind == C))


def _consonant_overlap(abjad: tuple[tuple[int, str], ...], latin: tuple[tuple[int, str], ...]) -> float:
    """Share of the consonants (as a multiset of coarse classes) two names have in common."""
    return Indel.normalized_similarity(_coarse(abjad), _coarse(latin))


#: Letters that Arabic-script spellings of one name write for one another: Persian's own letters
#: typed on an Arabic keyboard (گ as ک, پ as ب, چ as ج, ژ as ز), and letters Persian says alike
#: (ذ ض as ز, ث as س, غ as ق). Source: Wikipedia, "Persian alphabet" (letters of one sound).
_ALIKE_LETTERS: Final[dict[str, str]] = {"g": "k", "p": "b", "ch": "j", "zh": "z", "dh": "z", "th": "s", "gh": "q"}
#: Letters a spelling of one name may write or leave out: the long vowels (ا و ی), ayn (ع for
#: hamza or alif in Persian), and the vowels ICU's Hebrew transliteration writes.
_OPTIONAL_LETTERS: Final = frozenset("awyeiou")
#: A final ه or ة (teh marbuta), or ت (Persian writes حجت where Arabic writes حجة), also before
#: the vowel letters of a suffix (خامنه‌ای): optional too.
_OPTIONAL_ENDINGS: Final = frozenset("ht")
#: Score of two tokens that are one spelling but for a doubled vowel letter (داود / داوود,
#: رئیسی / رییسی), a final ت for ة or a letter of ``_ALIKE_LETTERS``: a respelling, as sure as
#: a shared consonant skeleton (``compare.SKELETON_EQUAL``).
SAME_SCRIPT_ALIKE: Final = 0.9
#: What each consonant two tokens do not share costs (after ``_ALIKE_LETTERS``): a consonant
#: apart is another name (فخری / فتحی), however long the word the suffixes of Persian surnames
#: make (فخری‌زاده / فتحی‌زاده): one leaves a pair below ``compare.MIN_TOKEN_SIMILARITY``.
OTHER_CONSONANT: Final = 0.5


@lru_cache(maxsize=65536)
def _folded_letters(token: str) -> tuple[str, ...]:
    """The token's letters (digraphs one letter) with ``_ALIKE_LETTERS`` folded, a final ت
    written ة, and doubled letters written once."""
    letters = _split(token)
    if len(letters) > 2 and letters[-1] == "t":
        letters[-1] = "h"  # ت for ة: Persian writes حجت, رحمت where Arabic writes حجة, رحمة
    folded: list[str] = []
    for letter in letters:
        letter = _ALIKE_LETTERS.get(letter, letter)
        if not folded or folded[-1] != letter:
            folded.append(letter)
    return tuple(folded)


@lru_cache(maxsize=65536)
def _consonant_letters(token: str) -> tuple[str, ...]:
    """The consonants of ``_folded_letters`` that every spelling of the name writes: the first
    letter, and every later one but ``_OPTIONAL_LETTERS`` and an ending of ``_OPTIONAL_ENDINGS``."""
    letters = _folded_letters(token)
    end = len(letters)
    while end > 1 and letters[end - 1] in _OPTIONAL_LETTERS:
        end -= 1
    if end > 1 and letters[end - 1] in _OPTIONAL_ENDINGS:
        end -= 1
    found: list[str] = []
    for pos in range(end):
        letter = letters[pos]
        if pos > 0 and letter in _OPTIONAL_LETTERS:
            continue
        if not found or found[-1] != letter:
            found.append(letter)
    return tuple(found)


def same_script_similarity(q: str, c: str) -> float:
    """Similarity of two tokens both romanised from Arabic script (or both Hebrew).

    Spelling variants of one letter are already folded by ``romanise``, so what differs is a
    letter written or left out, or another letter. Edit similarity, falling twice as fast below
    ``STEEP_BELOW`` (a long vowel is no optional letter everywhere: حسنی / حسینی are two names);
    a doubled letter or one of ``_ALIKE_LETTERS`` is a respelling (``SAME_SCRIPT_ALIKE``); and
    each consonant one token writes and the other does not (``_consonant_letters``) costs
    ``OTHER_CONSONANT`` more: another consonant is another name (فخری‌زاده / فتحی‌زاده), as a
    far-fetched pair of Latin tokens counts twice its shortfall (``compare.FUZZY_KNEE``).
    """
    if q == c:
        return 1.0
    sim = _steep(OSA.normalized_similarity(q, c))
    if _folded_letters(q) == _folded_letters(c):
        return max(sim, SAME_SCRIPT_ALIKE)
    apart = Levenshtein.distance(_consonant_letters(q), _consonant_letters(c))
    return max(0.0, sim - OTHER_CONSONANT * apart)
