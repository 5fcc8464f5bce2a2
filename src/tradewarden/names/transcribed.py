"""Foreign (chiefly Western) names written in Chinese characters, read by their sounds.

Chinese writes a foreign name with a fixed set of characters, one for each syllable or lone
consonant of the name as spoken (the Xinhua News Agency's transcription tables: 约 jo, 翰 han, 帕
pa, 克 k, 斯 s, 尔 r or l ...), and puts an interpunct (``·``, ``・``, ``•``, ``‧``) between given and
family name: 约翰·帕克 is John Packer. Read as pinyin (``yue han pa ke``) such a name shares
nothing with its Latin spelling. So a person's name in Chinese characters that holds an
interpunct, has no Latin letters and has almost all its characters in ``data/han_transcription.txt``
is read character by character by that table, one word per part (``johan pake``), and compared
with Latin names by ``loose_key``: its consonants only, in classes that transcription does not
tell apart (b/p, d/t, g/k, r/l, v/w/f, s/z/sh), with an r before a consonant left out and
a final r or l optional (the transcription follows British speech: Packer 帕克, Burton 伯顿). Chinese names proper do not
hold an interpunct, so they keep their pinyin syllables (``han``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import OSA

from tradewarden.names.data_files import data_lines
from tradewarden.names.translit import to_ascii

#: Marks written between the parts of a foreign name in Chinese (U+00B7, U+30FB, U+2022, U+2027).
INTERPUNCTS = "\u00b7\u30fb\u2022\u2027"
#: Share of a name's characters (at least) that must be transcription characters.
MIN_KNOWN_SHARE = 0.8
#: A reading's key of this many consonants or fewer must equal the other's to pair at all.
SHORT_KEY = 1
#: Keys of this many consonants or fewer meet in too many names: the first vowels must agree
#: for full similarity ...
FEW_CONSONANTS = 2
#: ... or the similarity is scaled by this.
OTHER_VOWEL_SHARE = 0.75


def _load() -> dict[str, str]:
    return dict(line.split("\t", 1) for line in data_lines("han_transcription.txt"))


#: Character -> its Latin sound in foreign-name transcription.
SOUNDS: dict[str, str] = _load()
_VOWEL = re.compile(r"[aeiou]")
_LATIN_VOWEL = re.compile(r"[aeiouy]")
_VOWEL_FOLDS = str.maketrans("oe", "ui")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_PARTS = re.compile(f"[{INTERPUNCTS}\\s]+")
_LATIN_OR_DIGIT = re.compile(r"[a-z0-9]")
# Loose-key folding, in order: spellings of one sound, then letter classes.
# (Michael's and Nicholas's ch is k, as 迈克尔 and 尼古拉斯 write it; Richard's is ch, 理查德.)
_DIGRAPHS = (("chr", "kr"), ("chl", "kl"), ("chael", "kael"), ("ichol", "ikol"), ("sch", "s"), ("tch", "j"),
             ("ch", "j"), ("sh", "s"), ("ph", "f"), ("th", "t"), ("gh", "k"), ("ck", "k"), ("ng", "n"), ("x", "ks"))
#: Pinyin letters written otherwise in English spelling, replaced in one pass (a ch that q became
#: is no c for ts, and pinyin's own ch and sh stay).
_PINYIN_LETTERS = {"zh": "j", "ch": "ch", "sh": "sh", "q": "ch", "x": "sh", "c": "ts"}
_PINYIN_LETTER = re.compile("zh|ch|sh|q|x|c")
#: th is t at the start of a word (Thomas 托马斯), s inside one (Kathy 凯西, Smith 史密斯).
_INNER_TH = re.compile(r"(?<=.)th")
#: w is a consonant only before a vowel (Brown 布朗, Matthew 马修).
_W_NOT_BEFORE_VOWEL = re.compile(r"w(?![aeiouy])")
#: An initial y before a vowel is j (约纳 Yonah, 扬科夫斯基 Jankowski: Polish j, English y).
_INITIAL_Y = re.compile(r"^y(?=[aeiou])")
_FINAL_M = re.compile(r"m$")
_SOFT_C = re.compile(r"c(?=[eiy])")
_R_BEFORE_CONSONANT = re.compile(r"r(?=[^aeiouy])")
_CLASSES = str.maketrans({
    "b": "p", "d": "t", "g": "k", "c": "k", "q": "k", "z": "s", "v": "f", "w": "f", "r": "l",
    "a": None, "e": None, "i": None, "o": None, "u": None, "y": None, "h": None,
})
_NASAL_BEFORE_LIP = re.compile(r"m(?=[pb])")
_REPEATS = re.compile(r"(.)\1+")


def is_transcribed(text: str) -> bool:
    """Whether a casefolded name is a foreign name written in Chinese characters: an interpunct
    between characters, no Latin letters or digits, and at least ``MIN_KNOWN_SHARE`` of its
    characters in the transcription table."""
    if not any(mark in text for mark in INTERPUNCTS) or _LATIN_OR_DIGIT.search(text):
        return False
    han = _HAN.findall(text)
    if len(han) < 2 or not all(_HAN.search(part) for part in _PARTS.split(text.strip(INTERPUNCTS + " ")) if part):
        return False
    return sum(char in SOUNDS for char in han) >= MIN_KNOWN_SHARE * len(han)


def _pinyin_sound(char: str) -> str:
    """A character the table lacks, by its pinyin with the letters pinyin writes otherwise than
    English spelling does respelt (q ch, x sh, zh j, c ts)."""
    reading = to_ascii(char).replace(" ", "")
    return _PINYIN_LETTER.sub(lambda found: _PINYIN_LETTERS[found.group()], reading)


def read_transcribed(text: str) -> tuple[str, ...]:
    """The parts of a transcribed name read by the table, one word each (约翰·帕克 -> ``("johan",
    "pak")``); a character the table lacks by its pinyin (``_pinyin_sound``)."""
    words = []
    for part in _PARTS.split(text):
        sounds = [SOUNDS.get(char) or _pinyin_sound(char) for char in part if _HAN.match(char)]
        # A syllable's final n before 姆 (m) is that m's nasal, not a sound of its own: 汤姆 is
        # Tom (ton + m), not Tonm.
        word = "".join(
            sound[:-1] if sound.endswith("n") and following == "m" else sound
            for sound, following in zip(sounds, [*sounds[1:], ""])
        )
        if word:
            words.append(word)
    return tuple(words)


def _heard(token: str) -> str:
    """A lower-case ASCII token with its spellings of one sound written one way, before the
    letter classes (``loose_key``, ``sound_spelling``)."""
    text = _R_BEFORE_CONSONANT.sub("", token).replace("tth", "th")
    text = _W_NOT_BEFORE_VOWEL.sub("", _INNER_TH.sub("s", _INITIAL_Y.sub("j", text)))
    for spelling, sound in _DIGRAPHS:
        if spelling in text:
            text = text.replace(spelling, sound)
    return _NASAL_BEFORE_LIP.sub("n", _SOFT_C.sub("s", text))


@lru_cache(maxsize=65536)
def loose_key(token: str) -> str:
    """The consonants of a lower-case ASCII token as transcription hears them (``packer`` and
    ``pake`` -> ``pk``; ``brian`` and ``bulaien`` -> ``pln``)."""
    text = _heard(token).replace("j", "J").translate(_CLASSES).replace("J", "j")
    # A final m is written n (Adam 亚当, Grimm 格里姆 with its 姆 read m: both end n).
    return _FINAL_M.sub("n", _REPEATS.sub(lambda run: run.group(1), text))


#: ``_CLASSES`` with the vowels kept, o as u and e and y as i (transcription writes them for each other).
_SPELLING_CLASSES = str.maketrans({
    "b": "p", "d": "t", "g": "k", "c": "k", "q": "k", "z": "s", "v": "f", "w": "f", "r": "l",
    "e": "i", "y": "i", "o": "u", "h": None,
})


@lru_cache(maxsize=65536)
def sound_spelling(token: str) -> str:
    """A lower-case ASCII token spelt as transcription hears it, vowels included: the letter
    classes of ``loose_key`` with o as u and e as i (``epirus`` and ``ibilus``, 伊比鲁斯 -> ``ipilus``;
    ``biblios`` -> ``piplius``). Ranks names whose consonants are all alike (``matching``)."""
    text = _heard(token).replace("j", "J").translate(_SPELLING_CLASSES).replace("J", "j")
    return _REPEATS.sub(lambda run: run.group(1), text)


@lru_cache(maxsize=65536)
def transcribed_similarity(reading: str, latin: str) -> float:
    """How alike a transcribed reading and a Latin token sound: the similarity of their
    ``loose_key``s (0 when either has none, the Latin token has no vowel, or a key of ``SHORT_KEY``
    consonants differs)."""
    a, b = loose_key(reading), loose_key(latin)
    if not a or not b or _LATIN_VOWEL.search(latin) is None:
        # A word without vowels is read letter by letter (CDN, JSC), not transcribed by sound.
        return 0.0
    if min(len(a), len(b)) <= SHORT_KEY and a != b:
        return 0.0
    sim = float(OSA.normalized_similarity(a, b))
    consonants = min(len(a), len(b))
    if (a[-1] == "l" and _ends_in_liquid(reading)) or (b[-1] == "l" and _ends_in_liquid(latin)):
        # A final r or l is written with 尔 or 勒, or left out (Packer 帕克, Carl 卡尔); not one
        # before a last vowel, a syllable of its own that transcription writes (Tawela: 拉).
        a, b = (_FINAL_M.sub("n", key.removesuffix("l")) for key in (a, b))
        if min(len(a), len(b)) > SHORT_KEY:
            sim = max(sim, float(OSA.normalized_similarity(a, b)))
    if consonants <= FEW_CONSONANTS and (
        _first_vowel(reading) != _first_vowel(latin) or _starts_with_vowel(reading) != _starts_with_vowel(latin)
    ):
        # Two consonants meet in many names (Tosee / 泰什 taish): their vowel must agree too, and
        # so must the word's start, a vowel or a consonant, which transcription keeps (亚当 adan is
        # Adam, not Tang).
        sim *= OTHER_VOWEL_SHARE
    return sim


def _without_final_l(key: str) -> str:
    """A key without its final r or l (optional in transcription), where two consonants stay."""
    bare = _FINAL_M.sub("n", key.removesuffix("l"))
    return bare if len(bare) >= 2 else key


#: A word's last consonant an r or l, before at most a silent e and a plural s.
_FINAL_LIQUID = re.compile(r"[rl]+e?s?$")


def _ends_in_liquid(token: str) -> bool:
    """Whether a token ends in r or l, or in one before a silent e (Packer, Carl, Nicole)."""
    return _FINAL_LIQUID.search(token) is not None


def _starts_with_vowel(token: str) -> bool:
    return _VOWEL.match(token) is not None


def _first_vowel(token: str) -> str:
    """The first vowel of a token, o as u and e as i (transcription writes them for each other)."""
    found = _VOWEL.search(token)
    return found.group().translate(_VOWEL_FOLDS) if found else ""


#: The prefix of a transcribed name's blocking keys: its own, so that they never meet an
#: organisation's initials keys (``acronyms.INITIALS_KEY``, ``^``), a listed JN Trading's ^jn.
TRANSCRIBED_KEY = "$"


def blocking_keys(tokens: tuple[str, ...]) -> set[str]:
    """The ``TRANSCRIBED_KEY`` keys of a name's tokens for blocking: each ``loose_key`` of two consonants or
    more (without a final r or l), and all of them in written order (a transcribed query meets
    its Latin spelling under them; ``match.blocking``)."""
    keys = [_without_final_l(loose_key(token)) for token in tokens]
    found = {TRANSCRIBED_KEY + key for key in keys if len(key) >= 2}
    if len(found) >= 2:
        found.add(TRANSCRIBED_KEY + " ".join(key for key in keys if len(key) >= 2))
    return found


__all__ = [
    "blocking_keys", "INTERPUNCTS", "SOUNDS", "TRANSCRIBED_KEY", "is_transcribed", "loose_key", "read_transcribed",
    "sound_spelling", "transcribed_similarity",
]
