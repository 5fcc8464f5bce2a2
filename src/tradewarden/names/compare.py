"""Compare two analysed names: order-insensitive token alignment plus a run-together comparison.

Every token of one name is paired with at most one token of the other (best pairs first). Tokens
are compared by optimal-string-alignment edit similarity (rapidfuzz), by consonant skeleton
(so Mohammad meets Muhammad), as one Korean syllable romanised two ways (Cho / Jo, To / Do,
Ri / Li: ``_romanised_alike``), with English long-vowel spellings read plainly (Deen / Din, Noor /
Nur), with the letters romanisations write for one sound folded (Inwest / Invest, Banq / Bank,
Dmitry / Dmitri: ``phonetic.respell``; Jock / Jok, Kuroff / Kurov: ``phonetic.compared_respelling``), an Arabic name in French transcription as the English
one (Cherif / Sharif, Ouaz / Waz: ``french.english_reading``, at most ``FRENCH_SPELLING``), Arabic's
diphthong ay however written and a doubled consonant written once (Husayn / Hussein, Zayd / Zeid:
``french.diphthong_reading``, at most ``FRENCH_SPELLING``), and as initials; between two names written in the
syllables of one East Asian language alone, also as one Chinese or Korean name in two
romanisations (Jie / Chieh, Jeong / Chong: ``_syllable_similarity``, ``east_asian.same_romanised``),
and Chinese syllables there only so, as pinyin from Chinese characters (Shi Ning / Shi Ping are
two names: ``_exact_syllables``), as are a Korean name's, in order (Sang Cheol / Song Chol,
Gwang-su / Su-gwang are other names: ``_exact_family``, ``_in_order``); a token romanised from Arabic or Hebrew script
meets a Latin one by ``abjad.cross_similarity`` (a vowel-aware alignment), and two tokens of the
same abjad script by edit similarity, a consonant apart another name (``abjad.same_script_similarity``:
فخری‌زاده / فتحی‌زاده, as a far-fetched Latin pair counts twice its shortfall). A token that is the other with Arabic's article fused
to it (``Alzahrani``/``Zahrani``) or with the Czech feminine ``-ova`` (``Tauberova``/``Tauber``)
is a respelling of it (``_affixed_similarity``).
A particle pairs with a name only when they differ by a slip (``hajji``/``hadjji``, never
``al``/``ali``), and an East Slavic patronymic never with a family name (``Aleksandrovna``/
``Aleksandrova``). Between two Latin-script names, a pair of long tokens more than a typo or a
respelling apart counts twice its shortfall below ``FUZZY_KNEE`` (``Kazakova``/``Kapranova``).
An unpaired token on either side (a middle name one side left out: ``Joseph Rao KONY`` /
``JOSEPH KONY``) counts 0.4 once two significant tokens paired (an unpaired listed token counts
0.4 in any case); otherwise unpaired query tokens count fully, and so do unpaired listed tokens
when the query is a single word (``Vinogradov`` names one part of ``Mikhail Vinogradov``).
An unpaired patronymic counts half, on either side (``KIM, Lidia [Egorovna]``), and the extra
words of a name whose other side's significant words all met closely a little more than half
(``NASSER, Fadi [Nabih]``: ``COVERED_SHARE``), a query's two or more such words together as
one (``AL-HINDI, Muhammad [Sa'id Muhammad Yusuf]``: ``COVERED_WORDS``).
The middle word of a three-word name, left out or added, costs half of that (``Khin [Maung] Yi``;
not a Chinese person's name's syllable, ``Liu Xiu-fang`` / ``Liu Shyh-fang``),
and so do the two words of a four-word name that a two-word query leaves out (``JUAREZ, Julio`` /
``JUAREZ RAMIREZ, Julio Antonio``). A rare long word written alike in the query and a listed
company name counts as two met words do (``Zavod Razryad`` / ``Razryad JSC``: ``_anchored``).
Two Latin tokens of three or four letters two edits apart pair only as a respelling (``Htu``/
``Htoo``, ``Chin``/``Jin``), never as other words (``San``/``Star``).
A word of one name that is two adjacent words of the other run together (neither a particle)
pairs with both (``MIRAGHAEI Morteza``/``Morteza Mir AGHAEI``: ``_fused_pairs``), and so does
Arabic's article written with its name (``ALSHABAN``/``AL-SHABAN``, ``ELHABEL``/``AL-HABAL``).
Names of a different number of words are also compared run together, which catches split and
fused spellings (``Abdul Rahman``/``Abdulrahman``, ``Xi Jin Ping``/``Xi Jinping``); initials
count in that run-together form, and an abjad name with more or fewer words than a Latin
one meets it run together by ``abjad.joined_similarity``. (Names of as many words are not: run
together, a wrong word is diluted over the whole name.) Names too short to identify anyone
(two- or three-syllable Chinese names, one short word; half as much for the same short word
with the same legal form: ``ООО «Т1»``/``LLC T1``) and matches resting on common or short
tokens are scaled down.

Speed, with results unchanged bit for bit (``tests/names/test_compare_equivalence.py``): a token
pair's similarity is memoised (tokens recur across names), per-name counts and run-together
forms are computed once on ``NameForm``, and the abjad alignments stop as soon as they cannot
raise the score (``abjad.cross_similarity_above``, ``abjad.joined_similarity_above``), or a
caller's ``floor`` (a screen's threshold less what its other features could add: only scores at
or below it may differ). A comparison ending at or below that floor writes no detail
(``BELOW_FLOOR``): the caller drops it, and formatting every pair was a tenth of its cost.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from rapidfuzz.distance import OSA

from tradewarden.names.abjad import (
    consonant_left_out,
    cross_similarity,
    cross_similarity_above,
    joined_similarity_above,
    same_script_similarity,
)
from tradewarden.names.analyze import NameForm
from tradewarden.names.east_asian import (
    CHINESE,
    KOREAN,
    PINYIN,
    chinese_readings,
    final_slip,
    is_chinese_name,
    is_korean_name,
    romanisation_family,
    same_romanised,
)
from tradewarden.names.french import diphthong_reading, english_reading, has_diphthong
from tradewarden.names.given_names import given_name, patronymic_of
from tradewarden.names.parts import GENDERED_MIN_LETTERS, faith_stem, is_particle, name_role, servant_name
from tradewarden.names.phonetic import RESPELL_MIN_LETTERS, compared_respelling, respell, skeleton, vowel_shape
from tradewarden.names.transcribed import transcribed_similarity
from tradewarden.names.wade_giles import same_syllable

#: A listed token the query did not mention counts this much against the score.
UNPAIRED_LISTED_WEIGHT: Final = 0.4
#: An unpaired listed patronymic counts this share of the above (Lazar [Gurgenovich] SHAYBAZIAN).
PATRONYMIC_SHARE: Final = 0.5
#: So does the middle word of a three-word listed name (no legal form on either side) that the
#: query left out while giving the first and the last: a middle name is the part most often
#: dropped (Khin [Maung] Yi, PAK [YONG] SIK), also in the natural order of a name listed family
#: name first (GOUDARZI, Mohammad [Moazzami] read Mohammad GOUDARZI). A query's added middle word likewise.
MIDDLE_NAME_SHARE: Final = 0.5
#: An unpaired word of one name counts this share when every significant word of the other name
#: (two name elements or more: ``_elements``) met one of its words closely (each pair closer than
#: ``FUZZY_KNEE``; no legal form, no Chinese): the longer name adds a given name, a second family
#: name or a father's name (NASSER, Fadi / NASSER, Fadi Nabih; KELJMENDI, Naser Meto / KELMENDI,
#: Naser; وحید مجید / Vahid Majid Abdollahi). A little more than a left-out middle word, which is
#: where such words are most often left out.
COVERED_SHARE: Final = 0.6
#: More such extra words of the query than this count together as this many do: a name given
#: with the father's and forefathers' names written without "bin" (AL-HINDI, Muhammad [Sa'id
#: Muhammad Yusuf], RADAD, Riyad [Mahmoud Sa'eed] / RADDAD, Riyad) names the bearer of the listed
#: short name as surely as one with one extra name, and each forefather's name more would
#: otherwise cost as much as the first (one, not two: six more held-out aliases found on
#: bench/match_quality.py's full set, none lost, no clean alert more on its three draws). Not
#: the listed name's extra words: a short query meets two words of many long listed names
#: (JUAREZ, Julio / JUAREZ RAMIREZ LOPEZ, Julio Antonio).
COVERED_WORDS: Final = 1
#: A query token the listed name lacks counts this much once two significant tokens paired
#: (fully before: one shared word does not excuse the others).
UNPAIRED_QUERY_WEIGHT: Final = 0.4
#: A word of at least this many letters, rare among the listed names (in at most
#: ``match.index.RARE_COUNT`` of them) and written alike in a query and a listed company name,
#: names the company: their other words (a trade, a kind of body) then count as another given
#: name does once two words met (Zavod Razryad / Razryad JSC).
ANCHOR_LETTERS: Final = 7
#: Token pairs less similar than this are not paired at all.
MIN_TOKEN_SIMILARITY: Final = 0.5
#: Token pairs of two non-abjad names, both of SHORT_TOKEN letters or more, less similar than
#: this (more than a typo or a respelling apart: Kazakova / Kapranova 0.67) count twice their
#: shortfall below it. (In shorter words one respelling already costs that much: Fud / Food.)
FUZZY_KNEE: Final = 0.8
#: Latin tokens of three to this many letters two edits apart pair only as respellings
#: (``_other_short_word``): otherwise they are other words (San / Star).
SHORT_PAIR_LETTERS: Final = 4
#: Score of two tokens with the same consonant skeleton (Latin on both sides).
SKELETON_EQUAL: Final = 0.9
#: Surname endings many families share (Ukrainian -enko and -chenko, East Slavic -ovich, -evich
#: and -ovsky, Georgian -shvili and -dze, Persian -zadeh and -nejad): two surnames ending alike
#: are as alike as the rest of them, however much of the word the ending is (Yerchenko /
#: Kurchenko, 0.76 as whole words: two families). Longest first. Source: Wikipedia, "Ukrainian
#: name", "Georgian name", "Persian name" (surname suffixes).
_SURNAME_ENDINGS: Final = (
    "chenko", "shvili", "ovskiy", "evskiy", "ovskaya", "evskaya", "ovsky", "evsky", "ovski", "evski",
    "ovich", "evich", "ovych", "evych", "zadeh", "nejad", "enko", "idze", "adze",
)
#: The last three letters of each of ``_SURNAME_ENDINGS`` (a quick test before the endings').
_ENDING_TAILS: Final = frozenset(ending[-3:] for ending in _SURNAME_ENDINGS)
#: Two surnames of one ending whose rest is less similar than this are two names (yer / kur,
#: 0.33). Not higher: a Persian q written gh is as far (qoli / gholi, QOLIZADEH / GHOLIZADEH 0.6)
#: as two families are (sidor / fedor 0.6).
MIN_STEM_SIMILARITY: Final = 0.5
#: Matched query tokens worth this much rarity in total make a name fully specific (one rare token).
FULL_INFORMATION: Final = 1.0
#: How much a name made only of common tokens loses (at zero information).
COMMON_NAME_PENALTY: Final = 0.45

#: Tokens shorter than this count proportionally less as information.
SHORT_TOKEN: Final = 6
#: Weight of the run-together alignment of an Arabic- or Hebrew-script name with a Latin one.
ABJAD_JOINED: Final = 0.92
#: Factors for Chinese names of two and three syllables (a few hundred surnames, short given names).
HAN_TWO_SYLLABLES: Final = 0.75
HAN_THREE_SYLLABLES: Final = 0.9
#: Names with fewer letters than this (all tokens together) lose up to SHORT_NAME_PENALTY.
SHORT_NAME_LETTERS: Final = 8
SHORT_NAME_PENALTY: Final = 0.3
#: The share of the short-name penalty left when both names are the same words with the same
#: legal form (ООО «Т1» / LLC T1).
SHARED_LEGAL_FORM_SHARE: Final = 0.5

Rarity = Callable[[str], float]
#: Score of an initial that agrees with a full token.
INITIAL: Final = 0.7
#: Score of a word cut short (Alex / Alexander, Tina / Tinatin: ``_short_form``): more than its
#: initial says, less than a respelling. Measured on every held-out alias of the lists against
#: 48,133 fresh clean names (seeds 201, 202): 0.8 met 7 more aliases and 1 more Cyrillic name for
#: no clean alert there (one each on match_quality's seed 7 and fresh seed 99: Maksimilyan /
#: Maksim, Joseph / Jose, a full name that starts another); 0.85 met 5 more for 3 more alerts.
SHORT_FORM: Final = 0.8

#: English ordinal words and the number each is (Tenth Bearing Plant / 10th Bearing Plant, whose
#: "10th" the analysis writes "10": ``analyze._plain_numbers``). Met at the comparison, not folded
#: by the analysis: a misspelt word (Frist Oil) still meets the word it is a slip of. The Russian
#: ones are folded to their number already (``data/org_terms.txt``).
_ORDINAL_WORDS: Final = {
    word: str(number)
    for number, word in (
        *enumerate(
            "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth"
            " fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split(),
            start=1,
        ),
        *zip(range(30, 101, 10), "thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth hundredth".split()),
    )
}


def _number_of(token: str) -> str | None:
    """The number a token writes, in digits or as an English ordinal word (``tenth`` -> ``10``),
    or None."""
    return token if token.isdigit() else _ORDINAL_WORDS.get(token)


#: The detail of a comparison that ended at or below its caller's floor (``compare_names``).
BELOW_FLOOR: Final = "at or below the floor"


@dataclass(frozen=True, slots=True)
class NameComparison:
    """How similar two names are, and which tokens met."""

    score: float
    detail: str



def token_similarity(q: str, q_skel: str, c: str, c_skel: str, abjad: bool) -> float:
    """Similarity in [0, 1] of two ASCII tokens, given their skeletons.

    Args:
        q: query token; q_skel: its skeleton.
        c: listed token; c_skel: its skeleton.
        abjad: True when ``q`` was romanised from Arabic or Hebrew script and ``c`` is Latin
            (compared by ``abjad.cross_similarity``).
    Returns:
        1.0 for equal tokens, an initial score for an agreeing initial, otherwise the best of
        the edit similarity and the skeleton similarity (which tokens more than a respelling
        apart get only when they also have the same ``vowel_shape``).
    """
    if q == c:
        return 1.0
    if len(q) == 1 or len(c) == 1:
        number = None if abjad else _number_of(q)
        if number is not None and number == _number_of(c):
            return 1.0  # a digit and its ordinal word (1 / first)
        return INITIAL if q[0] == c[0] else 0.0
    if abjad:
        return cross_similarity(q, c)
    return _latin_similarity(q, q_skel, c, c_skel, _facts(q), _facts(c))


class _Facts:
    """What the comparison of two Latin tokens reads of each token alone, worked out once per
    token (``_facts``) instead of once per pair: a query token meets some twenty listed tokens,
    and each look-up in the caches of ``respell``, ``name_role`` and the given names cost as much
    as the pair's edit similarity."""

    def __init__(self, token: str) -> None:
        self.respelt: str = compared_respelling(token)
        #: English long vowels (``_LONG_VOWELS``), and the token with them written plainly.
        self.long_vowels: bool = _LONG_VOWELS.search(token) is not None
        self.plain_vowels: str = _plain_vowels(token)
        self.particle: bool = is_particle(token)
        self.role: str | None = name_role(token)
        #: ``given_names.same_given_name``'s reading: the given name's first form, the father's
        #: name of a patronymic, and whether that is a daughter's (-na).
        self.given: str | None = given_name(token)
        self.father: str | None = patronymic_of(token)
        self.daughter: bool = token.endswith("na")
        self.compound_head: bool = token in _COMPOUND_HEADS
        self.number: str | None = _number_of(token)
        #: The token read as a French transcription of an Arabic name, as English writes it
        #: (``french.english_reading``), respelt; the respelt token where it does not read so.
        french = english_reading(token)
        self.french_read: bool = french != token
        self.french: str = respell(french) if self.french_read else self.respelt
        #: That reading with Arabic's diphthong ay and doubled consonants written one way
        #: (``french.diphthong_reading``: Hussein, Husayn -> husayn).
        self.diphthong: str = diphthong_reading(self.french)
        #: Whether the token writes Arabic's diphthong ay (``french.has_diphthong``: Husayn,
        #: Hussein), and whether it writes any letter that may stand for its y (e, i, y: Husin).
        self.ay: bool = has_diphthong(token) or has_diphthong(self.french)
        self.front: bool = "e" in token or "i" in token or "y" in token
        #: The surname ending the token has (``_SURNAME_ENDINGS``) where a stem is left before it, else "".
        self.ending: str = (
            next((ending for ending in _SURNAME_ENDINGS if len(token) > len(ending) and token.endswith(ending)), "")
            if token[-3:] in _ENDING_TAILS
            else ""
        )


@lru_cache(maxsize=131072)
def _facts(token: str) -> _Facts:
    """``_Facts`` of a token, kept (tokens recur across names and queries)."""
    return _Facts(token)


def _same_given_name(q: str, c: str, qf: _Facts, cf: _Facts) -> bool:
    """``given_names.same_given_name`` of two tokens, from their ``_Facts``."""
    if q == c:
        return True
    if qf.given is not None:
        return qf.given == cf.given
    return qf.father is not None and qf.father == cf.father and qf.daughter == cf.daughter


def _latin_similarity(q: str, q_skel: str, c: str, c_skel: str, qf: _Facts, cf: _Facts) -> float:
    """``token_similarity`` of two Latin tokens (not an abjad pair), given their ``_Facts``."""
    score = _spelling_similarity(q, q_skel, c, c_skel, qf, cf)
    if score < FRENCH_SPELLING and (qf.diphthong != qf.french or cf.diphthong != cf.french):
        # Arabic's diphthong ay written ai, ei or ey, a doubled consonant written once (Husayn /
        # Hussein, Ubayd / Obeid, Zayd / Zeid): as close as the readings, short of a plain
        # respelling. Not before the skeleton test: the readings' letters would lift other names
        # of one skeleton to it (Hussein / Hassan, read husayn / hasan).
        score = max(score, min(FRENCH_SPELLING, OSA.normalized_similarity(qf.diphthong, cf.diphthong)))
    return score


def _spelling_similarity(q: str, q_skel: str, c: str, c_skel: str, qf: _Facts, cf: _Facts) -> float:
    """``_latin_similarity`` but for the diphthong reading."""
    if q == c or (qf.number is not None and qf.number == cf.number):
        return 1.0
    if len(q) == 1 or len(c) == 1:
        return INITIAL if q[0] == c[0] else 0.0
    if q in _ARTICLE_SPELLINGS and c in _ARTICLE_SPELLINGS:
        return ARTICLE_ALIKE
    if _romanised_alike(q, c):
        return ROMANISED_ALIKE
    score = OSA.normalized_similarity(q, c)
    q_respelt, c_respelt = qf.respelt, cf.respelt
    if q_respelt != q or c_respelt != c:
        # Letters romanisations write for one sound (``phonetic.respell``): English x is Russian
        # and BGN/PCGN ks (Maxim / Maksim), German and Polish w is English v (Inwest / Invest),
        # q is k (Banq / Bank), a final y is i (Dmitry / Dmitri).
        score = max(score, OSA.normalized_similarity(q_respelt, c_respelt))
    if (qf.french_read or cf.french_read) and score < FRENCH_SPELLING:
        # A name in French transcription and in English (Cherif / Sharif, Ouaz / Waz, Djamel /
        # Jamal: ``phonetic.french_reading``): as close as the readings, short of a plain respelling.
        score = max(score, min(FRENCH_SPELLING, OSA.normalized_similarity(qf.french, cf.french)))
    if score < SKELETON_EQUAL and (q[-1] == "h" or c[-1] == "h"):
        # A final h after a vowel is silent: the ending Persian writes ه and Arabic ة, -eh or -ah
        # beside -e or -a (Fatemeh / Fatima, Zahrah / Zahra, Hamzeh / Hamza): a respelling.
        q_bare, c_bare = _silent_h(q), _silent_h(c)
        if q_bare != q or c_bare != c:
            score = max(score, min(SKELETON_EQUAL, OSA.normalized_similarity(q_bare, c_bare)))
    if score < PERSIAN_Q_SPELLING and min(len(q), len(c)) >= RESPELL_MIN_LETTERS and (
        ("gh" in q and "q" in c) or ("q" in q and "gh" in c)
    ):
        # Persian reads ق and غ as one sound, which romanisations write q or gh (Qasemi / Ghasemi,
        # Baqeri / Bagheri, Sadeqi / Sadeghi): as close as one word written gh for q.
        score = max(score, min(PERSIAN_Q_SPELLING, OSA.normalized_similarity(q.replace("gh", "q"), c.replace("gh", "q"))))
    if score < ROMANISED_ALIKE and (qf.long_vowels or cf.long_vowels) and qf.plain_vowels == cf.plain_vowels:
        # English spellings of long vowels in romanised Arabic, Persian and Korean names
        # (Deen / Din, Noor / Nur, Yousef / Yusef, Moon / Mun).
        score = ROMANISED_ALIKE
    if (
        q_skel
        and q_skel == c_skel
        and q[0] == c[0]
        and (score >= 0.6 or (len(q_skel) >= 4 and score >= 0.5))
        and (score >= FUZZY_KNEE or vowel_shape(q) == vowel_shape(c))
        and not (qf.ay and not cf.front or cf.ay and not qf.front)
    ):
        # Short skeletons say little: two or three consonants are shared by unrelated names
        # (Dippel / Dipaul), and names that start differently are other names (Kaster / Costar).
        # Nor do words more than a respelling apart that put their vowels in other places
        # (Pestova / Positive, Subbotin / Sabtina); respellings keep them (Mohammed / Muhammad).
        # Arabic's diphthong ay on one side and no letter for its y on the other are two names
        # of one skeleton (Husayn, Hussain / Hasan, Hassan: حسين / حسن), not a respelling.
        equal = SKELETON_EQUAL
        if len(q_skel) <= 2:
            equal -= 0.15
        elif len(q_skel) == 3:
            equal -= 0.1
        return max(score, equal)
    return score


def _silent_h(token: str) -> str:
    """``token`` without a final h after a vowel (four letters or more: not Shah, Pah)."""
    if len(token) > 4 and token[-1] == "h" and token[-2] in "aeiou":
        return token[:-1]
    return token


#: The most two tokens earn as one Arabic name in French and English transcription
#: (``phonetic.french_reading``): a respelling, as sure as a shared consonant skeleton.
FRENCH_SPELLING: Final = SKELETON_EQUAL
#: The Arabic article ال as romanisations write it apart: al, el (French and Egyptian spellings),
#: ul and il (Urdu and Pashto, after a vowel): Al-Tel / El-Tel, Abd el Kader / Abd al Qadir.
_ARTICLE_SPELLINGS: Final = frozenset({"al", "el", "ul", "il"})
#: Two spellings of the article: a respelling, as sure as a shared consonant skeleton.
ARTICLE_ALIKE: Final = SKELETON_EQUAL
#: The most two tokens earn as one Persian word with q written gh (Qasemi / Ghasemi): a respelling.
PERSIAN_Q_SPELLING: Final = SKELETON_EQUAL
#: Score of two syllables that Korean (or Chinese) romanisations write with another initial
#: (``_romanised_alike``): a respelling, as sure as a shared consonant skeleton.
ROMANISED_ALIKE: Final = 0.85
#: What follows the initial in one romanised Korean syllable: a vowel, at most one final consonant.
_SYLLABLE_REST: Final = re.compile(
    r"(?:yae|yeo|wae|ae|ya|eo|ye|yo|yu|eu|ui|wa|wo|we|wi|oe|a|e|o|u|i)(?:ng|k|n|t|l|m|p)?"
)
#: Initials one romanisation writes where another writes the other of the pair: McCune-Reischauer
#: (and Wade-Giles for Chinese) write unaspirated stops k, t, p, ch where the Revised Romanization
#: (and pinyin) write g, d, b, j; North Korea writes an initial r where the South writes l
#: (Kim / Gim, To / Do, Pak / Bak, Cho / Jo, Chung / Jung, Ri / Li). Source: Wikipedia
#: "McCune-Reischauer", "Revised Romanization of Korean", "Wade-Giles".
_ALIKE_INITIALS: Final = {
    "k": "g", "g": "g", "t": "d", "d": "d", "p": "b", "b": "b", "ch": "j", "j": "j", "r": "l", "l": "l"
}


#: English spellings of the long vowels i and u (``_plain_vowels``).
_LONG_VOWELS: Final = re.compile("ee|oo|ou")


def _plain_vowels(token: str) -> str:
    """``token`` with ee, oo and ou written i, u and u."""
    return token.replace("ee", "i").replace("oo", "u").replace("ou", "u")


def _romanised_alike(q: str, c: str) -> bool:
    """Whether two tokens are one Korean (or Chinese) syllable romanised two ways: the same vowel
    and final after initials that the romanisations write differently (``_ALIKE_INITIALS``)."""
    if len(q) > 6 or len(c) > 6:
        return False
    q_initial = q[:2] if q.startswith("ch") else q[:1]
    c_initial = c[:2] if c.startswith("ch") else c[:1]
    q_rest, c_rest = q[len(q_initial):], c[len(c_initial):]
    if q_rest != c_rest or q_initial == c_initial:
        return False
    q_kind, c_kind = _ALIKE_INITIALS.get(q_initial), _ALIKE_INITIALS.get(c_initial)
    return q_kind is not None and q_kind == c_kind and _SYLLABLE_REST.fullmatch(q_rest) is not None


# How the tokens of a pair of names are compared (see ``_paired_similarity``).
_LATIN: Final = 0
_ABJAD_QUERY: Final = 1
_ABJAD_LISTED: Final = 2
_SAME_SCRIPT: Final = 3
#: Neither name in an abjad and one in an alphabet that writes its vowels (``NameForm.vowelled``):
#: compared as Latin tokens are, but a shared consonant skeleton does not make two tokens one
#: name (Mishina / Mosina, Shakaryan / Shakirin): the vowels romanised are the name's own.
_VOWELLED: Final = 4
#: As ``_VOWELLED``, between two organisation names that carry a legal form, one of them in Latin
#: letters: an English word in Cyrillic (ООО «Дрейк» / Drake LLC, Меркурий / Mercury) is written
#: as it sounds, so a shared consonant skeleton whose vowels English spells so
#: (``_english_vowels_alike``) makes the two one word.
_VOWELLED_BODY: Final = 7
#: A foreign name written in Chinese characters (``NameForm.transcribed``: 约翰·帕克 read ``johan
#: pake``) as the query, against a Latin name or another such name: tokens compared by their
#: consonants as transcription hears them (``transcribed.transcribed_similarity``).
_TRANSCRIBED: Final = 5
#: Such a name listed, against a query in Latin letters (or either against another script): no
#: token pairs. Its loose consonants would meet too many Latin names a clean query may bear.
_UNPAIRED: Final = 6
#: Vowels that East Slavic spellings of one name write for each other, and so do lists (a name
#: in Cyrillic writes its vowels, but not the same ones in every language): Belarusian writes an
#: unstressed o as a (Мозоль / Мазоль) and an unstressed e as a (Белнафтахім / Белнефтехим),
#: Ukrainian и and і are y and i, Russian writes ё as е (Махнёв Makhnev / Makhniov), and е is
#: e or ye. Skeleton equality of a ``_VOWELLED`` pair
#: needs its vowels to differ only so (``_vowels_alike``).
_ALIKE_VOWELS: Final = frozenset({frozenset("ao"), frozenset("ae"), frozenset("ei"), frozenset("iy"), frozenset("ey"), frozenset("eo")})
_VOWELS: Final = frozenset("aeiouy")
_VOWEL_RUN: Final = re.compile("[aeiouy]+")
#: A vowel run written with a y or i before it (ye, yo, io, ya) read as its vowel.
_IOTATED: Final = re.compile("^[yi](?=[aeou])")


#: Places where two tokens of one consonant skeleton may put e for i, o or y (``_OTHER_VOWELS``):
#: Fedorov / Fyodorov, 1, is one name; Veselov / Vasilyev, 2 (e for i, o for e), two families.
#: Belarusian a for an unstressed o or e (Belneftekhim / Белнафтахім) and i for y are not counted.
MAX_OTHER_VOWELS: Final = 1
_OTHER_VOWELS: Final = frozenset({frozenset("ei"), frozenset("eo"), frozenset("ey")})


def _vowels_alike(q: str, c: str) -> bool:
    """Whether two tokens of one consonant skeleton put alike vowels in each place (``_ALIKE_VOWELS``),
    e for i, o or y in ``MAX_OTHER_VOWELS`` places at most."""
    q_runs, c_runs = _VOWEL_RUN.findall(q), _VOWEL_RUN.findall(c)
    if len(q_runs) != len(c_runs):
        return False
    other = 0
    for q_run, c_run in zip(q_runs, c_runs):
        if q_run != c_run:
            q_run, c_run = _IOTATED.sub("", q_run), _IOTATED.sub("", c_run)
            if q_run != c_run:
                pair = frozenset((q_run, c_run))
                if pair not in _ALIKE_VOWELS:
                    return False
                other += pair in _OTHER_VOWELS
    return other <= MAX_OTHER_VOWELS


#: Vowels English spells otherwise than a Cyrillic transcription of its sound writes them, the
#: English spelling first: a (Drake, Дрейк: ey), y and i (Style, Стайл; Mike, Майк: ay), a final y
#: (Mercury, Меркурий: iy), ee and ea (Speed, Спид: i), oo (Moon, Мун: u).
_ENGLISH_VOWELS: Final = frozenset({("a", "ey"), ("y", "ay"), ("i", "ay"), ("y", "iy"), ("y", "i"), ("ee", "i"), ("ea", "i"), ("oo", "u")})
#: A silent e after a consonant at the end of an English word (Marine, Drake, Style).
_SILENT_E: Final = re.compile("(?<=[^aeiouy])e$")


def _english_vowels_alike(q: str, c: str) -> bool:
    """Whether one of two tokens of one consonant skeleton is the other's English spelling as a
    Cyrillic transcription writes its sound: a final silent e dropped, each vowel the same, alike
    (``_ALIKE_VOWELS``) or spelt as English spells it (``_ENGLISH_VOWELS``)."""
    for english, heard in ((q, c), (c, q)):
        e_runs, h_runs = _VOWEL_RUN.findall(_SILENT_E.sub("", english)), _VOWEL_RUN.findall(heard)
        if len(e_runs) == len(h_runs) and all(
            e == h or frozenset((e, h)) in _ALIKE_VOWELS or (e, h) in _ENGLISH_VOWELS for e, h in zip(e_runs, h_runs)
        ):
            return True
    return False


#: Returned by ``_paired_similarity`` for tokens that may not pair.
_NOT_PAIRED: Final = -1.0
#: Keeps the floors handed to the abjad alignments safely below the scores they stand for.
_ROUNDING_MARGIN: Final = 1e-9


def _mode(query: NameForm, listed: NameForm) -> int:
    """The token comparison for this pair of names: Latin, abjad against Latin, or one script."""
    if query.transcribed or listed.transcribed:
        if query.transcribed and not (listed.abjad or listed.han or listed.vowelled):
            return _TRANSCRIBED
        return _UNPAIRED
    if query.abjad and listed.abjad:
        return _SAME_SCRIPT
    if query.abjad:
        return _ABJAD_QUERY
    if listed.abjad:
        return _ABJAD_LISTED
    if query.vowelled or listed.vowelled:
        if query.vowelled != listed.vowelled and query.legal_forms and listed.legal_forms:
            return _VOWELLED_BODY
        return _VOWELLED
    return _LATIN


@lru_cache(maxsize=262144)
def _paired_similarity(q: str, qs: str, c: str, cs: str, mode: int) -> float:
    """Similarity of a query and a listed token as the alignment counts it (a far-fetched pair
    of long Latin tokens already lowered), or ``_NOT_PAIRED``. Cached: tokens recur across names."""
    if mode == _TRANSCRIBED:
        sim = transcribed_similarity(q, c)
    elif mode == _UNPAIRED:
        sim = 0.0
    elif mode == _SAME_SCRIPT:
        sim = same_script_similarity(q, c)
    elif mode == _ABJAD_QUERY:
        sim = _abjad_latin_similarity(q, c)
    elif mode == _ABJAD_LISTED:
        sim = _abjad_latin_similarity(c, q)
    else:
        # (Without skeletons, ``token_similarity`` grants no skeleton equality: ``_VOWELLED``.)
        skeletons = mode == _LATIN or (qs == cs and _vowels_alike(q, c))
        qf, cf = _facts(q), _facts(c)
        sim = _latin_similarity(q, qs if skeletons else "", c, cs if skeletons else "", qf, cf)
        if sim < SKELETON_EQUAL and _same_given_name(q, c, qf, cf):
            # One East Slavic given name (or patronymic) in two languages' forms (Ihar / Igor,
            # Mykolaivna / Nikolaevna: ``given_names``): a respelling, however far apart.
            sim = SKELETON_EQUAL
        if mode == _VOWELLED_BODY and sim < SKELETON_EQUAL and qs == cs and len(qs) >= 3 and _english_vowels_alike(q, c):
            # An English word written in Cyrillic as it sounds (Дрейк / Drake, Стайл / Style).
            sim = max(sim, SKELETON_EQUAL - (0.1 if len(qs) == 3 else 0.0))
        if sim < ROMANISED_ALIKE and _vowel_respelt(q, c):
            sim = ROMANISED_ALIKE
        if sim < SKELETON_EQUAL and qf.compound_head and cf.compound_head:
            # Abd and Abdul: the head of one theophoric name, with its article written apart or
            # fused (Abd al-Munim / Abdel Moneim, folded to abdul).
            sim = SKELETON_EQUAL
        if sim < SKELETON_EQUAL and abs(len(q) - len(c)) >= 2:
            sim = max(sim, _affixed_similarity(q, c))
        if (
            sim < SKELETON_EQUAL
            and qf.ending
            and qf.ending == cf.ending
            and OSA.normalized_similarity(q[: -len(qf.ending)], c[: -len(cf.ending)]) < MIN_STEM_SIMILARITY
        ):
            return _NOT_PAIRED  # two families' surnames of one ending (Yerchenko / Kurchenko)
        if sim < 1.0 and _other_first_sound(q, c):
            return _NOT_PAIRED  # another first sound, another name (Sukhanov / Mukhanov)
        if sim < FUZZY_KNEE and min(len(q), len(c)) >= SHORT_TOKEN:
            sim -= FUZZY_KNEE - sim  # a far-fetched pair is weak evidence: twice the shortfall
        elif sim <= MIN_TOKEN_SIMILARITY and _other_short_word(q, qs, c, cs):
            return _NOT_PAIRED  # two edits in a word of four letters make another word (San / Star)
        # (``_particle_mismatch`` and ``_roles_differ``, from the tokens' facts.)
        if sim < 1.0 and (
            (qf.particle != cf.particle and sim < FUZZY_KNEE)
            or (qf.role is not None and cf.role is not None and qf.role != cf.role)
        ):
            return _NOT_PAIRED
        if sim < SHORT_FORM and _short_form(q, c):
            # A name cut short (Alex / Alexander, Tina / Tinatin) says more than its initial does.
            return SHORT_FORM
        return sim
    if sim < 1.0 and (_particle_mismatch(q, c, sim) or _roles_differ(q, c)):
        return _NOT_PAIRED
    return sim


#: Letters that romanisations and languages write for one sound at the start of a name
#: (``_other_first_sound``): vowels, y and j (Yusuf / Jusuf, Elena / Alena), g for j or h
#: (Gamal / Jamal, Hennadiy / Gennadiy), the velars (Kasim / Qasim, Carl / Karl, Xristos /
#: Christos), the labials (Vasily / Wasily, Boris / Voris), the sibilants (Sergio / Zergio), t
#: for d or s and d for z (Arabic's emphatic and interdental consonants: Tariq / Dariq, Dhikr /
#: Zikr), l for r (Korean Lee / Ree), j for z (Zhukov / Joukov) and m for n (a list's slip:
#: Maseer / Naseer HAQQANI). Source: Wikipedia "Soundex" (which keeps a name's first letter:
#: another first letter is another name), "Romanization of Arabic", "Romanization of Russian".
_ALIKE_FIRST_LETTERS: Final = (
    frozenset("aeiouyj"), frozenset("gj"), frozenset("gh"), frozenset("gkqchx"), frozenset("bpvwf"),
    frozenset("szcx"), frozenset("td"), frozenset("lr"), frozenset("dz"), frozenset("ts"), frozenset("jz"),
    frozenset("mn"),
)
#: ``_other_first_sound`` reads words of this many letters or more (Kim / Gim is one syllable
#: of many romanisations).
FIRST_SOUND_LETTERS: Final = 4


def _other_first_sound(q: str, c: str) -> bool:
    """Whether two words of ``FIRST_SOUND_LETTERS`` letters or more are alike but for their first
    letter, and those two letters no romanisation writes for one sound (``_ALIKE_FIRST_LETTERS``):
    Sukhanov / Mukhanov, Turov / Murov, Giles / Miles, Kong / Wong are other names, a typo keeps
    a name's first letter as a reader sees it first."""
    if len(q) < FIRST_SOUND_LETTERS or len(q) != len(c) or q[0] == c[0] or q[1:] != c[1:]:
        return False
    a, b = q[0], c[0]
    return not any(a in letters and b in letters for letters in _ALIKE_FIRST_LETTERS)


#: Arabic's article written fused to the name that follows (Alzahrani / AL-ZAHRANI, Elhabel /
#: AL-HABAL): the rest must have this many letters (Elmira is not Mira).
_FUSED_ARTICLES: Final = ("al", "el")
FUSED_REST_LETTERS: Final = 5
#: Czech and Slovak make a woman's family name by adding -ova to a man's that ends in a
#: consonant (Novak / Novakova, Tauber / Tauberova; Wikipedia "Czech name"): lists write either.
_FEMININE_SUFFIX: Final = "ova"


#: Persian, Pashto and Arabic given names made with "of God" (-ollah, -ullah: Ghodratollah,
#: Aminullah, Hedayatollah) are shortened to their first part (Ghodrat, Amin, Hedayat), one
#: person listed both ways. The rest must have this many letters (Abd is not Abdullah).
_THEOPHORIC_SUFFIXES: Final = ("ollah", "ullah", "allah", "olla", "ulla", "alla")
THEOPHORIC_REST_LETTERS: Final = 4


#: A word is taken for another cut short (``_short_form``) when it has at least this many letters.
SHORT_FORM_LETTERS: Final = 4


#: What a family name or a patronymic adds to the given name it is made from (Ivan / Ivanov, Boris /
#: Borisovich, Petro / Petrenko, John / Johnson, Peters / Peterson, Hassan / Hassanzadeh), and a
#: feminine ending (Kovo / Kovova, Ivan / Ivanna, Viktor / Viktoriya, Anton / Antonia, Daniel /
#: Danielle, Paul / Pauline, Henri / Henriette): no name cut short.
_DERIVED_FROM_NAME: Final = re.compile(
    r"(?:y?ev|ov|in|yn|ich|ych|ovn|evn|ivn|enko|chuk|uk|sk|son|sen|(?<=s)on$|zad|yan|ian|pour|nej|[vny]?a$"
    r"|i[ny]?a$|le$|ine$|ett[ea]$)"
)


def _short_form(q: str, c: str) -> bool:
    """Whether one token is the other cut short, of ``SHORT_FORM_LETTERS`` letters or more, the
    other longer by two letters or more but at most 2.5 times as long (Alex / Alexander, Chris /
    Christopher; not a compound's first part, Micro / Microelectronics, which the comparison of
    organisation names reads), and not by what makes a family name or a patronymic of a given
    name (``_DERIVED_FROM_NAME``)."""
    short, long = (q, c) if len(q) < len(c) else (c, q)
    return (
        len(short) >= SHORT_FORM_LETTERS
        and len(short) + 2 <= len(long)
        and 2 * len(long) <= 5 * len(short)
        and long.startswith(short)
        and short.isalpha()
        and _DERIVED_FROM_NAME.match(long, len(short)) is None
    )


def _affixed_similarity(q: str, c: str) -> float:
    """Similarity of two Latin tokens when the longer is the shorter with an affix that does
    not change whom it names: a fused Arabic article (``_FUSED_ARTICLES``) or the Czech and
    Slovak feminine ``-ova`` of a consonant-final name (``_FEMININE_SUFFIX``). No more than
    ``SKELETON_EQUAL`` (a respelling), and 0.0 when neither applies."""
    longer, shorter = (q, c) if len(q) > len(c) else (c, q)
    if longer.startswith(_FUSED_ARTICLES) and len(longer) - 2 >= FUSED_REST_LETTERS:
        rest = longer[2:]
        return min(SKELETON_EQUAL, token_similarity(rest, skeleton(rest), shorter, skeleton(shorter), False))
    if longer.endswith(_THEOPHORIC_SUFFIXES) and len(shorter) >= THEOPHORIC_REST_LETTERS:
        rest = longer[: -len(next(s for s in _THEOPHORIC_SUFFIXES if longer.endswith(s)))]
        if rest == shorter:
            return ROMANISED_ALIKE
    if (
        longer.endswith(_FEMININE_SUFFIX)
        and len(shorter) >= GENDERED_MIN_LETTERS
        and shorter[-1] not in _VOWELS
        and longer[: -len(_FEMININE_SUFFIX)] == shorter
    ):
        return SKELETON_EQUAL
    return 0.0


#: Vowels romanisations of Arabic and Persian write either way: kasra as i or e, damma as u or
#: o (Adil / Adel, Salih / Saleh, Mushir / Moshir; Wikipedia "Romanization of Arabic").
_VOWEL_PAIRS: Final = frozenset({("i", "e"), ("e", "i"), ("u", "o"), ("o", "u")})
#: Words shorter than this are not read so (a vowel is much of a short word).
VOWEL_RESPELT_LETTERS: Final = 4


def _vowel_respelt(q: str, c: str) -> bool:
    """Whether two tokens of as many letters (``VOWEL_RESPELT_LETTERS`` or more) differ in one
    letter only, a vowel that romanisations write either way (``_VOWEL_PAIRS``)."""
    if len(q) != len(c) or len(q) < VOWEL_RESPELT_LETTERS:
        return False
    differ = [(a, b) for a, b in zip(q, c) if a != b]
    return len(differ) == 1 and differ[0] in _VOWEL_PAIRS


#: Score of two words that are one Chinese or Korean name in two romanisations (``east_asian``:
#: Jie / Chieh, Jeong / Chong, Lee / Ri): a respelling by the systems' tables, as sure as the
#: initials Korean romanisations write differently (``ROMANISED_ALIKE``).
ROMANISED_SYLLABLE: Final = ROMANISED_ALIKE


def _east_asian_family(query: NameForm, listed: NameForm, mode: int) -> int:
    """The romanisations both names are written in alone (``east_asian.romanisation_family``),
    two Latin-script names without legal forms (a person's); 0 otherwise, and for every other
    name (Robert Chang / Robert Zhang are English names: Chang is no pinyin there)."""
    if mode != _LATIN or query.han or listed.han or query.legal_forms or listed.legal_forms:
        return 0
    family = romanisation_family(query.tokens)
    return family & romanisation_family(listed.tokens) if family else 0


#: The romanisation families (``east_asian``) whose syllables pair only as one syllable in two
#: romanisations, never by edit similarity, as pinyin read from Chinese characters does
#: (``_align``'s ``han`` branch): a syllable is a short, common word, and one a letter off is
#: another syllable, so another name (Shi Ning / Shi Ping, Zheng Jian / Zhang Jian, Hongmei /
#: Hongfei; Korean Sang Cheol / Song Chol, Jeong Sang Ho / Jong Song Ho), as a name missing a
#: syllable is (Cai Feng / Cai Dafeng).
EXACT_SYLLABLES: Final = CHINESE | KOREAN
#: A Chinese family name or given name has one or two syllables (Wang, Ouyang; Wei, Weiming):
#: a word of more only (Maria: ma ri a, Marina: ma ri na) is a Western name that happens to cut
#: into pinyin, compared as such (Maria / Mariya is one name).
NAME_SYLLABLES: Final = 2


def _exact_family(query: NameForm, listed: NameForm, family: int) -> int:
    """The families (``EXACT_SYLLABLES``) in which two names written in the syllables of
    ``family`` alone pair their words only as one syllable in two romanisations: ``CHINESE`` when
    every word of both is a Chinese family or given name (``NAME_SYLLABLES``: Shi Ning / Shi Ping;
    not Maria Chen, ``maria`` is three syllables); ``KOREAN`` when both read as a Korean person's
    name (``east_asian.is_korean_name``: a family name in common use first or last, every other
    word a given name's syllable: Choe Sang Cheol / CHOE Song Chol; not John Top Lam)."""
    found = 0
    if family & CHINESE and all(
        any(len(cut) <= NAME_SYLLABLES for cut in chinese_readings(token)) for token in (*query.tokens, *listed.tokens)
    ):
        found |= CHINESE
    if family & KOREAN and is_korean_name(query.tokens) and is_korean_name(listed.tokens):
        found |= KOREAN
    return found


def _exact_syllables(query: NameForm, listed: NameForm, family: int) -> bool:
    """Whether two names written in the syllables of ``family`` alone pair their words only as
    one syllable in two romanisations (``_exact_family``)."""
    return bool(family & EXACT_SYLLABLES) and bool(_exact_family(query, listed, family))


def _syllable_similarity(q: str, qs: str, c: str, cs: str, family: int, exact: int) -> float:
    """``_paired_similarity`` of two Latin words of names written in the syllables of ``family``
    alone, at least ``ROMANISED_SYLLABLE`` when they are one name in two romanisations
    (``east_asian.same_romanised``: Huang Jie / Huang Chieh, Jeong / Chong). ``exact``
    (``_exact_family``): only that, two other words do not pair (ping / ning: 0.0); but two
    Korean syllables one with and one without a final consonant (``east_asian.final_slip``: Gi /
    Gil, a final lists drop or add) pair as any two words one letter apart do."""
    if q == c:
        return 1.0
    if exact:
        if same_romanised(q, c, family):
            return ROMANISED_SYLLABLE
        if exact == KOREAN and final_slip(q, c):
            return _paired_similarity(q, qs, c, cs, _LATIN)
        return 0.0
    sim = _paired_similarity(q, qs, c, cs, _LATIN)
    if sim < ROMANISED_SYLLABLE and same_romanised(q, c, family):
        return ROMANISED_SYLLABLE
    return sim


def _in_order(pairs: list[tuple[float, int, int]], listed_count: int) -> list[tuple[float, int, int]]:
    """The pairs of two Korean names (``_exact_family``) whose words come in the same order, the
    family name first on one side and last on the other allowed (KIM Song Hun / Song Hun KIM:
    the listed words read round, shifted by one): a given name's syllables in another order are
    another given name (Gwang-su / Su-gwang). Of the pairings in order, the one of the highest
    summed similarity."""
    best: list[tuple[float, int, int]] = []
    best_total = -1.0
    for shift in (0, 1, listed_count - 1):  # (as written; family name moved to the end; to the front)
        ranked = sorted(pairs, key=lambda pair: (pair[1], (pair[2] - shift) % listed_count))
        chains: list[tuple[float, list[tuple[float, int, int]]]] = []
        for k, pair in enumerate(ranked):
            sim, i, j = pair
            at = (j - shift) % listed_count
            total, chain = sim, [pair]
            for m in range(k):
                before_total, before = chains[m]
                _, bi, bj = before[-1]
                if bi < i and (bj - shift) % listed_count < at and before_total + sim > total:
                    total, chain = before_total + sim, [*before, pair]
            chains.append((total, chain))
            if total > best_total:
                best_total, best = total, chain
    return best


def _other_short_word(q: str, qs: str, c: str, cs: str) -> bool:
    """Whether two Latin tokens of three to ``SHORT_PAIR_LETTERS`` letters, two edits apart, are
    other words (San / Star), not one respelt: a respelling keeps the consonant skeleton (Htu /
    Htoo) or respells only the initial sound, keeping the last two letters (Chin / Jin, Chae / Jae)."""
    return 3 <= min(len(q), len(c)) and max(len(q), len(c)) <= SHORT_PAIR_LETTERS and qs != cs and q[-2:] != c[-2:]


def _abjad_latin_similarity(abjad_token: str, latin_token: str) -> float:
    """``token_similarity`` of a romanised abjad token and a Latin one where it reaches
    MIN_TOKEN_SIMILARITY (below, where the pair is dropped anyway, some lower value: sooner)."""
    if abjad_token == latin_token or len(abjad_token) == 1 or len(latin_token) == 1:
        return token_similarity(abjad_token, "", latin_token, "", True)
    return cross_similarity_above(abjad_token, latin_token, MIN_TOKEN_SIMILARITY - _ROUNDING_MARGIN)


#: A part of ``_align``'s detail: a query and a listed token paired and their similarity, or
#: ``-`` / ``+`` and a query / listed token left unpaired (with ``_UNPAIRED_PART``).
Part = tuple[str, str, float]
_UNPAIRED_PART: Final = -1.0


def _describe(parts: list[Part]) -> str:
    """The detail of an alignment (``ivan=ivan, petrov~petrow 0.83, +sergeyevich``), written only
    for a comparison whose detail is read: most comparisons end at or below the caller's floor,
    where formatting every pair's similarity was a tenth of their cost."""
    return ", ".join(
        f"{a}{b}" if sim == _UNPAIRED_PART else f"{a}={b}" if sim == 1.0 else f"{a}~{b} {sim:.2f}" for a, b, sim in parts
    )


def _align(
    query: NameForm, listed: NameForm, rarity: Rarity | None, by_length: bool = True
) -> tuple[float, list[Part], float, bool]:
    """The alignment's similarity, its parts and information, and whether the two names pair
    Latin-written Chinese syllables only exactly (``_exact_syllables``, for ``_joined``)."""
    mode = _mode(query, listed)
    # Pinyin syllables are too short and too common to be compared fuzzily (guo/gao), and a
    # Chinese name missing a syllable is another name.
    han = query.han or listed.han
    family = 0 if han else _east_asian_family(query, listed, mode)
    # So are Chinese syllables written in Latin letters on both sides, and a Korean name's
    # (``EXACT_SYLLABLES``).
    exact_family = _exact_family(query, listed, family) if family & EXACT_SYLLABLES else 0
    exact = bool(exact_family)
    syllables = han or exact
    # A query of one word did not leave out a middle name: it names one part of the listed name.
    unpaired_weight = 1.0 if syllables or query.significant <= 1 else UNPAIRED_LISTED_WEIGHT
    listed_tokens = listed.indexed_tokens
    if han:
        # (A pinyin syllable also pairs with its Wade-Giles, Tongyong and MPS II spellings: zheng /
        # Cheng, zi / Tzu, xi / Si, jiao / Jiau: ``wade_giles.same_syllable``.)
        pairs = [
            (1.0, i, j)
            for i, (q, _) in query.indexed_tokens
            for j, (c, _) in listed_tokens
            if same_syllable(q, c)
        ]
    elif family:
        # Both names written in the syllables of one East Asian language alone: a syllable
        # also pairs with its spelling in another romanisation (``_syllable_similarity``).
        pairs = [
            (sim, i, j)
            for i, (q, qs) in query.indexed_tokens
            for j, (c, cs) in listed_tokens
            if (sim := _syllable_similarity(q, qs, c, cs, family, exact_family)) >= MIN_TOKEN_SIMILARITY
        ]
        if exact_family == KOREAN:
            # A Korean given name's syllables pair in their order (``_in_order``).
            pairs = _in_order(pairs, len(listed.tokens))
        if exact_family & KOREAN and _words_in_common(query, listed) < min(len(query.tokens), len(listed.tokens)) - 1:
            # A final consonant dropped or added is a slip of a name otherwise written alike
            # (RI Yong Gi / RI Yong Gil), not of one whose other syllables differ too, if only in
            # romanisation (GIM, Jun-seo / 김춘섭 Gim Chun Seob; IM, Seong Su / IM Song Sun).
            pairs = [
                (sim, i, j) for sim, i, j in pairs
                if sim >= ROMANISED_SYLLABLE or not final_slip(query.tokens[i], listed.tokens[j])
            ]
    else:
        similarity = _paired_similarity
        pairs = [
            (sim, i, j)
            for i, (q, qs) in query.indexed_tokens
            for j, (c, cs) in listed_tokens
            if (sim := 1.0 if q == c else similarity(q, qs, c, cs, mode)) >= MIN_TOKEN_SIMILARITY
        ]
    if mode == _ABJAD_QUERY or mode == _ABJAD_LISTED:
        # A Latin word that leaves out a consonant of a short Arabic-script one spells another
        # name (محمد mhmd / Mehdi, مهدیس mhdys / Mehdi: ``abjad.consonant_left_out``), however
        # alike by the alignment.
        pairs = [
            (sim, i, j) for sim, i, j in pairs
            if sim >= FUZZY_KNEE or not (
                consonant_left_out(query.tokens[i], listed.tokens[j]) if mode == _ABJAD_QUERY
                else consonant_left_out(listed.tokens[j], query.tokens[i])
            )
        ]
    if exact_family == CHINESE and _pinyin_written(query.tokens) and _pinyin_written(listed.tokens):
        # Two names both written in pinyin (a syllable no other romanisation writes so: x, q,
        # zh) pair two syllables only as the same syllable: there ping is pinyin ping, not the
        # Wade-Giles spelling of pinyin bing (XU, Ping / Bing XU).
        pairs = [
            (sim, i, j) for sim, i, j in pairs
            if sim >= 1.0 or not (query.tokens[i] in PINYIN and listed.tokens[j] in PINYIN)
        ]
    if not han and not family and mode == _LATIN and _korean_and_chinese(query.tokens, listed.tokens):
        # A Korean name and a Chinese one: their syllables pair only as written, or as one
        # syllable in two romanisations, not by their letters (Hwang Ji Min / HUANG, Man Chi:
        # min / man; JANG, Ji Won / Jiang Wen-ji).
        pairs = [
            (sim, i, j) for sim, i, j in pairs
            if sim >= 1.0 or same_romanised(query.tokens[i], listed.tokens[j], CHINESE | KOREAN)
        ]
    if not han and rarity is not None and (mode == _LATIN or mode == _VOWELLED or mode == _VOWELLED_BODY):
        # Two common names one sounded consonant apart are two names (``_other_common_name``),
        # also in a name of pinyin syllables (Maria Chen / Marina Chen: ma ri a, ma ri na).
        pairs = [
            (MIN_TOKEN_SIMILARITY, i, j)
            if FUZZY_KNEE <= sim < 1.0 and _other_common_name(query.tokens[i], listed.tokens[j], rarity)
            else (sim, i, j)
            for sim, i, j in pairs
        ]
    if not han and not family and mode == _LATIN and is_chinese_name(query.tokens):
        # A Chinese person's name meets a word of no romanisation's syllables only exactly or a
        # slip apart (``_foreign_to_syllable``).
        pairs = [
            (sim, i, j) for sim, i, j in pairs
            if sim >= 1.0 or not _foreign_to_syllable(query.tokens[i], listed.tokens[j])
        ]
    pairs.sort(reverse=True)
    q_weights = _rare_weights(query, rarity)
    c_weights = _rare_weights(listed, rarity)
    used_q: set[int] = set()
    used_c: set[int] = set()
    gained = 0.0
    total = 0.0
    information = 0.0
    parts: list[tuple[str, str, float]] = []  # formatted by ``_describe``, only when needed
    first_q_paired, first_c_paired = len(query.tokens), -1  # the query's first paired word, its listed partner
    weakest = 1.0  # the least similar pair
    fused_pairs: list[tuple[tuple[int, ...], tuple[int, ...], float]] = []
    if mode == _LATIN and not han:
        # A word of one name written as two adjacent words of the other (MIRAGHAEI / Mir AGHAEI,
        # Seifallah / Seif Allah), wherever it stands: the run-together comparison sees it only
        # when the words around it come in the same order. Arabic's article written with its
        # name (ALSHABAN / AL-SHABAN) also between names of as many words (ALSHABAN, Hasan
        # Suliman / AL-SHABAN, Hasan), where there is no run-together comparison.
        fused_pairs = _fused_pairs(query.tokens, listed.tokens, len(query.tokens) == len(listed.tokens), family)
    elif mode == _ABJAD_QUERY or mode == _ABJAD_LISTED:
        # A name whose first letters are the article's in Arabic script (الیاس Ilyas, الهام Elham):
        # the romanisation splits them off as one (al yas), and the rest alone meets no Latin word.
        fused_pairs = _abjad_article_pairs(query.tokens, listed.tokens, mode == _ABJAD_QUERY)
        # Two words of one name that are one word of the other (Persian compounds written apart
        # in Arabic script and fused in Latin, or the other way: نیک ورز / Nikvarz, علیرضا / Ali-Reza).
        compounds = _abjad_compound_pairs(query.tokens, listed.tokens, mode == _ABJAD_QUERY)
        if compounds:
            fused_pairs = sorted(fused_pairs + compounds, key=lambda pair: -pair[2])
    if fused_pairs:
        for q_idx, c_idx, fused_sim in fused_pairs:
            if used_q & set(q_idx) or used_c & set(c_idx):
                continue
            used_q.update(q_idx)
            used_c.update(c_idx)
            first_q_paired = min(first_q_paired, min(q_idx))
            weakest = min(weakest, fused_sim)
            weight = max(max(q_weights[x] for x in q_idx), max(c_weights[x] for x in c_idx))
            gained += fused_sim * weight
            total += weight
            q_text, c_text = "+".join(query.tokens[x] for x in q_idx), "+".join(listed.tokens[x] for x in c_idx)
            if mode == _ABJAD_QUERY or mode == _ABJAD_LISTED:
                # As specific as the Latin words it meets, the commonest of them (amyrhsyn / Amir
                # Hossein: two common given names, not one unknown word).
                latin_idx, latin_tokens = (c_idx, listed.tokens) if mode == _ABJAD_QUERY else (q_idx, query.tokens)
                specific = min(_specificity(latin_tokens[x], rarity, by_length) for x in latin_idx)
            else:
                specific = _specificity(q_text.replace("+", ""), rarity, by_length)
            information += max(query.weights[x] for x in q_idx) * specific
            parts.append((q_text, c_text, fused_sim))
    for sim, i, j in pairs:
        if len(used_q) == len(query.tokens) or len(used_c) == len(listed.tokens):
            break  # one side has no token left to pair
        if i in used_q or j in used_c:
            continue
        used_q.add(i)
        used_c.add(j)
        if i < first_q_paired:
            first_q_paired, first_c_paired = i, j
        weakest = min(weakest, sim)
        weight = max(q_weights[i], c_weights[j])
        gained += sim * weight
        total += weight
        if mode == _ABJAD_QUERY:
            # A word in Arabic script says as much as its Latin spelling: the script leaves out
            # the short vowels (مطمئن mtmn / Motmaen), and a Latin index never saw its letters.
            specific = _specificity(listed.tokens[j], rarity, by_length)
        elif mode == _ABJAD_LISTED:
            specific = _specificity(query.tokens[i], rarity, by_length)
        else:
            specific = min(_specificity(query.tokens[i], rarity, by_length), _specificity(listed.tokens[j], rarity, by_length))
        information += query.weights[i] * specific
        q, c = query.tokens[i], listed.tokens[j]
        parts.append((q, c, sim))
    # A name written with one more given name or a second family name than the listed one is
    # still that name, once two or more of its words met the listed ones (Joseph Rao KONY).
    # "X al-Din" is one given name: its two words met count as one (Jamal Aldiyn / جمال الدين
    # بارق gives a family name more, not a second given name: ``_faith_tail``).
    extra_weight = UNPAIRED_QUERY_WEIGHT if not syllables and _significant_pairs(query, used_q) - _faith_tail(query, used_q) >= 2 else 1.0
    if not syllables and (extra_weight == 1.0 or unpaired_weight == 1.0) and _anchored(query, listed, used_q, rarity):
        # So is a company name that shares a rare long word with the listed one, written alike:
        # lists name a company with and without its trade or kind (Zavod Razryad / Razryad JSC,
        # Origincell / Origincell Technology Co., Ltd.).
        extra_weight, unpaired_weight = UNPAIRED_QUERY_WEIGHT, UNPAIRED_LISTED_WEIGHT
    if extra_weight < 1.0 and _without_family_name(listed) and any(
        name_role(query.tokens[i]) == "surname" for i in range(len(query.tokens)) if i not in used_q
    ):
        # A listed name of a given name and a patronymic alone (Yuliya Leonidovna) met by a name
        # that adds a family name: that name is one family's of the many that use the two.
        extra_weight = 1.0
    # The middle word (not an initial) of a three-word name without legal forms left out (Khin
    # [Maung] Yi), or added (Joseph [Rao] KONY): either side, the same cost.
    plain = not syllables and not (listed.legal_forms or query.legal_forms)
    # A Chinese name has no middle name: its given name's syllables are one name (Liu Xiu-fang /
    # Liu Shyh-fang are two names, though shyh is no syllable of the tables: ``_exact_family``).
    middle_plain = plain and not (is_chinese_name(query.tokens) or is_chinese_name(listed.tokens))
    middle_added = middle_plain and len(query.tokens) == 3 and len(used_q) == 2
    # Every significant word of one side met closely: the other side's extra words add to a name
    # both give in full (COVERED_SHARE).
    close = plain and weakest > FUZZY_KNEE
    listed_covered = close and _significant_pairs(listed, used_c) == listed.significant and _elements(listed, used_c) >= 2
    query_covered = close and _significant_pairs(query, used_q) == query.significant and _elements(query, used_q) >= 2
    # A married name is given beside a woman's name in full: three of its words or more met
    # (Rosario Maria MURILLO DE ORTEGA), not two (Juan Carlos DE LEON / Juan Carlos PEREZ).
    query_married = _significant_pairs(query, used_q) >= MARRIED_NAME_PAIRS
    listed_married = _significant_pairs(listed, used_c) >= MARRIED_NAME_PAIRS
    # The father's and forefathers' names of a nasab chain left out count as one patronymic.
    query_chain = _nasab_share(query.tokens, used_q) if extra_weight < 1.0 else PATRONYMIC_SHARE
    query_extra = _covered_share(query, used_q)
    for i, weight in enumerate(q_weights):
        if i not in used_q:
            middle = middle_added and min(used_q) < i < max(used_q) and query.weights[i] >= 1.0
            share = MIDDLE_NAME_SHARE if middle else query_extra if listed_covered and query.weights[i] >= 1.0 else 1.0
            if extra_weight < 1.0 and (
                name_role(query.tokens[i]) == "patronymic"
                or (query_married and _married_name(query.tokens, i))
            ):
                # A query may give the patronymic a listed name leaves out, as a listed name may
                # give one the query leaves out (KIM, Lidia Egorovna / KIM, Lidia).
                share = min(share, PATRONYMIC_SHARE)
            elif extra_weight < 1.0 and _in_nasab(query.tokens, i):
                share = min(share, query_chain)
            total += extra_weight * share * weight
            parts.append(("-", query.tokens[i], _UNPAIRED_PART))
    middle_left_out = middle_plain and len(listed.tokens) == 3 and len(used_c) == 2
    # A listed name written family name first (GOUDARZI, Mohammad Moazzami) read by the query in
    # the natural order (Mohammad GOUDARZI: the listed second word first, its first word last) has
    # its last word as written in the middle: left out, it is a middle name too.
    listed_second_first = middle_left_out and first_c_paired == 1 and 0 in used_c
    # A two-word query that meets two words of a four-word listed name gives one given name and
    # one family name of a name that has two of each (JUAREZ, Julio / JUAREZ RAMIREZ, Julio
    # Antonio): the second of each is left out as often as a middle name, when both words met
    # closely (a slip or a respelling, not an initial). Latin script on both sides: the
    # alignment of Arabic script with Latin pairs words too loosely for that (زياد سليم / Ziad
    # Jamil Salem Gammoh), and particles do not count as words (SHALAN, Abd Al Nur).
    two_of_four = (
        plain
        and mode in (_LATIN, _VOWELLED)
        and query.significant == len(query.tokens) == len(used_q) == 2
        and listed.significant == len(listed.tokens) == 4
        and weakest >= FUZZY_KNEE
    )
    listed_chain = _nasab_share(listed.tokens, used_c)
    for j, weight in enumerate(c_weights):
        if j not in used_c:
            # Latin-script renderings of East Slavic names routinely leave the patronymic out.
            share = (
                PATRONYMIC_SHARE
                if name_role(listed.tokens[j]) == "patronymic"
                or (listed_married and _married_name(listed.tokens, j))
                else listed_chain
                if _in_nasab(listed.tokens, j)
                else 1.0
            )
            if middle_left_out and listed.weights[j] >= 1.0 and (
                min(used_c) < j < max(used_c) or (j == 2 and listed_second_first)
            ):
                share = min(share, MIDDLE_NAME_SHARE)
            if two_of_four and listed.weights[j] >= 1.0:
                share = min(share, MIDDLE_NAME_SHARE)
            if query_covered and listed.weights[j] >= 1.0:
                share = min(share, COVERED_SHARE)
            left_out = unpaired_weight * share
            total += left_out * weight
            parts.append(("+", listed.tokens[j], _UNPAIRED_PART))
    if total <= 0:
        return 0.0, [], 0.0, exact
    return gained / total, parts, information, exact


def _words_in_common(query: NameForm, listed: NameForm) -> int:
    """How many words two names share as written."""
    return len(set(query.tokens) & set(listed.tokens))


def _pinyin_written(tokens: tuple[str, ...]) -> bool:
    """Whether a name is written in pinyin: a word with x or q, or starting zh, which Wade-Giles,
    Tongyong and MPS II write otherwise (hs, ch, j: ``wade_giles``)."""
    return any("x" in t or "q" in t or t.startswith("zh") for t in tokens)


def _korean_and_chinese(q: tuple[str, ...], c: tuple[str, ...]) -> bool:
    """Whether one name reads as a Korean person's name alone and the other as a Chinese one's
    alone (``east_asian.is_korean_name``, ``is_chinese_name``)."""
    if not (romanisation_family(q) and romanisation_family(c)):
        return False  # (most names: no East Asian syllables on one side, cached)
    kq, cq, kc, cc = is_korean_name(q), is_chinese_name(q), is_korean_name(c), is_chinese_name(c)
    return (kq and not cq and cc and not kc) or (cq and not kq and kc and not cc)


def _without_family_name(form: NameForm) -> bool:
    """Whether a name of two words or more is a given name and a patronymic alone (Yuliya
    Leonidovna: ``given_names``, ``parts.name_role``), no family name."""
    tokens = form.tokens
    return (
        len(tokens) >= 2
        and any(name_role(t) == "patronymic" for t in tokens)
        and all(name_role(t) == "patronymic" or given_name(t) is not None for t in tokens)
    )


def _foreign_to_syllable(q: str, c: str) -> bool:
    """Whether ``q``, one Chinese syllable (``chinese_readings``), meets ``c``, a word of no
    romanisation's syllables, only by its letters, more than a slip apart (TANG Qiang / Kriang
    TANG: Kriang is Thai; qiang / qiangg is a slip)."""
    return (
        (q,) in chinese_readings(q)
        and not chinese_readings(c)
        and not romanisation_family((c, c))
        and OSA.distance(q, c, score_cutoff=2) >= 2
    )


#: A token under more listed names than ``match.index.RARE_COUNT`` (rarity below 1) is a name
#: in use, not a slip: a typo makes a word found under no listed name, or under few.
COMMON_NAME_RARITY: Final = 1.0


def _other_common_name(q: str, c: str, rarity: Rarity) -> bool:
    """Whether two tokens one letter apart are two names in use, not one name and a slip: one
    has a consonant between two vowels where the other has none, or a vowel (Maria / Marina,
    Mariya / Marina: a syllable of its own), and both are common among the listed names
    (``COMMON_NAME_RARITY``). Not a consonant beside another (Vadim / Vadzim, Eric / Erick, Ustad /
    Ustadz: letters romanisations write for one sound), nor one ending the word (America /
    American: an adjective's ending), nor one consonant for another (Mahmud / Mahmut, Kuk / Guk),
    nor h, w or j (Jon / John). A typo makes a token the lists hardly hold; a common given name a
    syllable off is another name."""
    if len(q) == len(c):
        differ = [pos for pos in range(len(q)) if q[pos] != c[pos]]
        if len(differ) != 1:
            return False
        pos = differ[0]
        letters = {q[pos], c[pos]}
        if not (letters & _VOWELS and letters - _VOWELS):
            return False
        longer = q if q[pos] not in _VOWELS else c
    elif abs(len(q) - len(c)) == 1:
        longer, shorter = (q, c) if len(q) > len(c) else (c, q)
        found = [p for p in range(len(longer)) if longer[:p] + longer[p + 1 :] == shorter]
        if not found:
            return False
        pos = found[0]
    else:
        return False
    letter = longer[pos]
    if letter in _VOWELS or letter in "hwj" or not letter.isalpha() or pos == 0 or pos + 1 == len(longer):
        return False
    if longer[pos - 1] not in _VOWELS or longer[pos + 1] not in _VOWELS:
        return False
    return rarity(q) < COMMON_NAME_RARITY and rarity(c) < COMMON_NAME_RARITY



#: Score of a word met by two adjacent words of the other name written as one (``_fused_pairs``).
FUSED_SIMILARITY: Final = 0.95
#: Two words written as one count so only from this many letters together (Mir Aghaei, not Al Ia).
FUSED_LETTERS: Final = 7


def _fused_pairs(
    query_tokens: tuple[str, ...], listed_tokens: tuple[str, ...], articles_only: bool = False, family: int = 0
) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    """(query positions, listed positions, similarity) of each word of one name that is two
    adjacent words of the other run together, ``FUSED_LETTERS`` letters or more, neither a
    particle (miraghaei / mir aghaei: ``FUSED_SIMILARITY``), or Arabic's article and a name of
    ``FUSED_REST_LETTERS`` letters or more (alshaban / al shaban, elhabel / al habal: the
    names' similarity, 1.0 for the same letters, al or el; from ``FUZZY_KNEE``: the alignment
    would pair alshaban with shaban as a respelling and leave the article unpaired).
    ``articles_only``: the article's pairs alone. ``family``: both names are written in the
    syllables of one East Asian language (``east_asian.romanisation_family``): a word that is the
    two words in another romanisation pairs too (Weiming / Wei-ming, Hsuehkang / Xue Kang:
    ``ROMANISED_SYLLABLE``)."""
    found: list[tuple[tuple[int, ...], tuple[int, ...], float]] = []
    for one, other, query_fused in ((query_tokens, listed_tokens, True), (listed_tokens, query_tokens, False)):
        for j in range(len(other) - 1):
            name = other[j + 1]
            if other[j] in _FUSED_ARTICLES and len(name) >= FUSED_REST_LETTERS and not is_particle(name):
                if other[j] in one:
                    continue  # the article stands alone there too (AL-ALASHQAR / AL-ASHQAR): it pairs itself
                for i, token in enumerate(one):
                    if not token.startswith(_FUSED_ARTICLES) or len(token) - 2 < FUSED_REST_LETTERS:
                        continue
                    sim = _part_similarity(token[2:], name, query_fused)
                    if sim >= FUZZY_KNEE:
                        found.append(((i,), (j, j + 1), sim) if query_fused else ((j, j + 1), (i,), sim))
                continue
            joined = other[j] + name
            # (Syllables run together are a word of their own at any length: Gui-hua / Guihua.)
            if articles_only or (len(joined) < FUSED_LETTERS and not family):
                continue
            # A particle run together with the next word letter for letter is that word too (a
            # title in a family name: HAJIZADEH / HAJI ZADEH; Binladen / Bin Laden), not respelt.
            particle = is_particle(other[j]) or is_particle(name)
            for i, token in enumerate(one):
                if token == joined:
                    found.append(((i,), (j, j + 1), FUSED_SIMILARITY) if query_fused else ((j, j + 1), (i,), FUSED_SIMILARITY))
                elif particle:
                    continue
                elif family and same_romanised(token, joined, family):
                    found.append(((i,), (j, j + 1), ROMANISED_SYLLABLE) if query_fused else ((j, j + 1), (i,), ROMANISED_SYLLABLE))
    found.extend(_faith_pairs(query_tokens, listed_tokens))
    found.extend(_servant_pairs(query_tokens, listed_tokens))
    # The best first: a word met two ways takes its closer pair.
    found.sort(key=lambda pair: -pair[2])
    return found


def _part_similarity(part: str, name: str, query_fused: bool) -> float:
    """The similarity of a part of a fused word and a word of the other name, the query's first
    (``query_fused``: the fused word is the query's): 1.0 for the same letters."""
    if part == name:
        return 1.0
    if query_fused:
        return _paired_similarity(part, skeleton(part), name, skeleton(name), _LATIN)
    return _paired_similarity(name, skeleton(name), part, skeleton(part), _LATIN)


#: The article as romanisations write it apart in an Arabic name "X of the faith" (Badr al-Din,
#: Salah ad-Din, Jalal ud-Din), and its din (``_faith_pairs``; the fused spelling: ``parts.faith_stem``).
_FAITH_ARTICLES: Final = frozenset({"al", "el", "ul", "il", "ad", "ed", "ud", "id"})
_FAITH_WORDS: Final = frozenset({"din", "dine", "deen"})


def _apart_pairs(
    query_tokens: tuple[str, ...],
    listed_tokens: tuple[str, ...],
    fused_part: Callable[[str], str | None],
    apart_spans: Callable[[tuple[str, ...]], list[tuple[tuple[int, ...], str]]],
) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    """(query positions, listed positions, similarity) of each compound name written as one word
    in one name and as words apart in the other: ``fused_part`` reads the part of a fused word to
    compare (or None), ``apart_spans`` finds in the other name the words written apart (their
    positions) and the word to compare with it; the two parts' similarity, from ``FUZZY_KNEE``."""
    found: list[tuple[tuple[int, ...], tuple[int, ...], float]] = []
    for one, other, query_fused in ((query_tokens, listed_tokens, True), (listed_tokens, query_tokens, False)):
        spans = apart_spans(other)
        if not spans:
            continue
        for i, token in enumerate(one):
            part = fused_part(token)
            if part is None:
                continue
            for positions, word in spans:
                sim = _part_similarity(part, word, query_fused)
                if sim >= FUZZY_KNEE:
                    found.append(((i,), positions, sim) if query_fused else (positions, (i,), sim))
    return found


#: "Faith" (din) as the second word of a given name "X al-Din" writes it (``_FAITH_WORDS``), and
#: as romanised from Arabic script (دين dyn, diyn), for ``_faith_tail``.
_FAITH_TAIL_WORDS: Final = _FAITH_WORDS | {"dyn", "diyn"}


def _faith_tail(form: NameForm, used: set[int]) -> int:
    """1 where a paired word of ``form`` is the second word of a name "X al-Din" (``din``,
    ``aldin``, ``uddin``: ``_FAITH_TAIL_WORDS`` after one of ``_FAITH_ARTICLES`` or alone), else 0."""
    for i in used:
        token = form.tokens[i]
        if token in _FAITH_TAIL_WORDS or (token[:2] in _FAITH_ARTICLES and token[2:] in _FAITH_TAIL_WORDS):
            return 1
    return 0


def _faith_spans(tokens: tuple[str, ...]) -> list[tuple[tuple[int, ...], str]]:
    """X, the article and din written apart (``_faith_pairs``), and X."""
    if len(tokens) < 3 or not any(token in _FAITH_WORDS for token in tokens):
        return []
    return [
        ((j, j + 1, j + 2), tokens[j])
        for j in range(len(tokens) - 2)
        if tokens[j + 1] in _FAITH_ARTICLES and tokens[j + 2] in _FAITH_WORDS
    ]


def _faith_pairs(
    query_tokens: tuple[str, ...], listed_tokens: tuple[str, ...]
) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    """(query positions, listed positions, similarity) of each "X of the faith" name written fused
    in one name (``parts.faith_stem``) and as three words in the other, X, the article and din
    (BADREDDINE / BADR AL DIN, Baishiruddin / Bashir-ud-Din): the stems' similarity, from
    ``FUZZY_KNEE``. A pair the alignment may take, not a rewriting of either name: the stem
    alone may be a given name and the rest a family name of its own (Nasser AL-DIN)."""
    return _apart_pairs(query_tokens, listed_tokens, faith_stem, _faith_spans)


def _servant_spans(tokens: tuple[str, ...]) -> list[tuple[tuple[int, ...], str]]:
    """Abd, the article and the name written apart, or Abd (Abdul) and the name (``_servant_pairs``),
    and the name."""
    if len(tokens) < 2 or not any(token in _COMPOUND_HEADS for token in tokens):
        return []
    spans: list[tuple[tuple[int, ...], str]] = []
    for j in range(len(tokens) - 1):
        if tokens[j] not in _COMPOUND_HEADS:
            continue
        article = tokens[j + 1]
        if (
            j + 2 < len(tokens)
            and len(article) == 2
            and article[0] in _LATIN_VOWELS
            and (article[1] == "l" or article[1] == tokens[j + 2][0])
        ):
            spans.append(((j, j + 1, j + 2), tokens[j + 2]))
        else:
            spans.append(((j, j + 1), article))
    return spans


def _servant_pairs(
    query_tokens: tuple[str, ...], listed_tokens: tuple[str, ...]
) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    """(query positions, listed positions, similarity) of each "servant of" name written as one
    word in one name (``parts.servant_name``) and apart in the other: Abd, the article (two
    letters, a vowel and l or the name's first letter, assimilated) and the name (Abderrahmane /
    ABD AL-RAHMAN, Abdelaziz / Abd al-Aziz), or Abdul (as the analysis folds Abdel, Abdol) and the
    name (Abdourahmane / Abdul Rahman): the names' similarity, from ``FUZZY_KNEE``."""
    return _apart_pairs(query_tokens, listed_tokens, servant_name, _servant_spans)


_LATIN_VOWELS: Final = frozenset("aeiou")
#: ``_abjad_article_pairs``' floor for its alignments: FUZZY_KNEE, less the rounding margin.
_KNEE_FLOOR: Final = FUZZY_KNEE - _ROUNDING_MARGIN


def _abjad_article_pairs(
    query_tokens: tuple[str, ...], listed_tokens: tuple[str, ...], query_abjad: bool
) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    """(query positions, listed positions, similarity) of each Arabic-script name's article and
    the word after it that meet one Latin word together (al yas / Ilyas, al ham / Elham, al hyan
    / Elahian: a name beginning with the article's letters), and of each compound of a word, the
    article and a word that meets one Latin word (حبیب الله hbyb al lh / Habibollah, برهان الدين /
    BurhanEddine: the theophoric and -ddin names Latin writes as one word), at ``FUZZY_KNEE`` or
    more and closer than any of the words alone does (al hsn / Hassan stays hsn / Hassan, the
    article unpaired). Best first."""
    abjad_tokens, latin_tokens = (query_tokens, listed_tokens) if query_abjad else (listed_tokens, query_tokens)
    found: list[tuple[tuple[int, ...], tuple[int, ...], float]] = []
    for a in range(len(abjad_tokens) - 1):
        if abjad_tokens[a] != "al":
            continue
        rest = abjad_tokens[a + 1]
        head = abjad_tokens[a - 1] if a > 0 and abjad_tokens[a - 1] != "al" else ""
        for j, latin in enumerate(latin_tokens):
            if latin in _FUSED_ARTICLES or len(latin) <= 2:
                continue
            # (Each alignment stops once it cannot reach FUZZY_KNEE; the article's letters open a
            # Latin word with a vowel; a Latin word writes at least the consonants of a compound.)
            if latin[0] in _LATIN_VOWELS:
                sim = cross_similarity_above("al" + rest, latin, _KNEE_FLOOR)
                if sim >= FUZZY_KNEE and sim > _abjad_latin_similarity(rest, latin):
                    found.append(((a, a + 1), (j,), sim) if query_abjad else ((j,), (a, a + 1), sim))
            if head and len(latin) >= len(head) + len(rest):
                # (With the article's letters or without them: Nasrallah, Shamsuddin.)
                sim = cross_similarity_above(head + rest, latin, _KNEE_FLOOR)
                if sim < FUZZY_KNEE and "l" in latin:
                    sim = cross_similarity_above(head + "al" + rest, latin, _KNEE_FLOOR)
                if sim >= FUZZY_KNEE and sim > max(_abjad_latin_similarity(rest, latin), _abjad_latin_similarity(head, latin)):
                    places = (a - 1, a, a + 1)
                    found.append((places, (j,), sim) if query_abjad else ((j,), places, sim))
    found.sort(key=lambda pair: -pair[2])
    return found


#: The fewest letters of a word written as one compound, and of each of its two parts
#: (``_abjad_compound_pairs``): two syllables run together meet too many words (MA, Huan / ماهان Mahan).
COMPOUND_LETTERS: Final = 5
COMPOUND_PART_LETTERS: Final = 3
#: The class of a word's first letter that its spellings in Arabic script and in Latin share
#: (``_abjad_compound_pairs``): a vowel, or the letters alif, ayn, waw and ya write (آ ع و ی:
#: Ali / علی ely, Omid / امید), one class; consonants romanisations confuse one class each.
_OPENING_CLASS: Final[dict[str, str]] = {
    **dict.fromkeys("aeiouwy", "a"),
    **dict.fromkeys("tdzsjc", "t"),
    **dict.fromkeys("kqg", "k"),
    **dict.fromkeys("bpfv", "b"),
}


def _abjad_compound_pairs(
    query_tokens: tuple[str, ...], listed_tokens: tuple[str, ...], query_abjad: bool
) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    """(query positions, listed positions, similarity) of two adjacent words of one name, in
    Arabic script or in Latin, that are one word of the other written as one: Persian writes the
    parts of a compound name apart or together (نیک ورز / Nikvarz, علیرضا / Ali-Reza, بابا مرادی /
    Babamoradi). At ``FUZZY_KNEE`` or more and closer than either word alone; neither word a
    particle (the article's own pairs are ``_abjad_article_pairs``')."""
    abjad_tokens, latin_tokens = (query_tokens, listed_tokens) if query_abjad else (listed_tokens, query_tokens)
    found: list[tuple[tuple[int, ...], tuple[int, ...], float]] = []
    for fused_side, parts_side, abjad_fused in ((latin_tokens, abjad_tokens, False), (abjad_tokens, latin_tokens, True)):
        # The words that may be a compound, with the class of their first letter (worked out once).
        words = [
            (j, word, _OPENING_CLASS.get(word[0], word[0]))
            for j, word in enumerate(fused_side)
            if len(word) >= COMPOUND_LETTERS and not is_particle(word)
        ]
        if not words:
            continue
        for k in range(len(parts_side) - 1):
            first, second = parts_side[k], parts_side[k + 1]
            if min(len(first), len(second)) < COMPOUND_PART_LETTERS or is_particle(first) or is_particle(second):
                continue
            joined = first + second
            opening = _OPENING_CLASS.get(first[0], first[0])
            for j, word, word_opening in words:
                # (A compound opens as its first part does: most words are no compound of it, and
                # each alignment of a new joined pair costs as much as a whole name's comparison.)
                if word_opening != opening:
                    continue
                abjad_word, latin_word = (word, joined) if abjad_fused else (joined, word)
                # (Arabic script leaves short vowels out: the Latin spelling is as long or longer,
                # at most about twice as long.)
                if not len(abjad_word) - 1 <= len(latin_word) <= 2 * len(abjad_word) + 1:
                    continue
                sim = _paired_similarity(abjad_word, "", latin_word, "", _ABJAD_QUERY)
                if sim < FUZZY_KNEE:
                    continue
                if abjad_fused:
                    alone = max(_paired_similarity(word, "", first, "", _ABJAD_QUERY), _paired_similarity(word, "", second, "", _ABJAD_QUERY))
                else:
                    alone = max(_paired_similarity(first, "", word, "", _ABJAD_QUERY), _paired_similarity(second, "", word, "", _ABJAD_QUERY))
                if sim > alone:
                    parts, one = (k, k + 1), (j,)
                    # (Positions of the abjad side first in ``abjad_places``, then put in query order.)
                    abjad_places, latin_places = (one, parts) if abjad_fused else (parts, one)
                    found.append((abjad_places, latin_places, sim) if query_abjad else (latin_places, abjad_places, sim))
    return found


def _anchored(query: NameForm, listed: NameForm, used_q: set[int], rarity: Rarity | None) -> bool:
    """Whether a query name shares with a listed company name (one with a legal form: not a
    person's, Vinogradov Limited / Mikhail Vinogradov) a word of ``ANCHOR_LETTERS`` letters or
    more, written alike, that is rare among the listed names."""
    if rarity is None or not listed.legal_forms:
        return False
    listed_tokens = set(listed.tokens)
    return any(
        len(token) >= ANCHOR_LETTERS and token in listed_tokens and rarity(token) >= 1.0
        for token in (query.tokens[i] for i in used_q)
    )


#: The first word of an Arabic theophoric name (Abd al-Rahman, Abdul Rahman: "servant of" and a
#: divine name), as ``parts.fold_spelling`` and the transliteration of عبد ال write it: with the
#: word after it one given name, not two words of a name (Abdul Rehman is not a name in full).
_COMPOUND_HEADS: Final = frozenset({"abdul", "abd", "ebdal", "ebd"})


#: Arabic "son of" / "daughter of" (and the Hassaniya ould), which open the chain of father's and
#: grandfather's names after a given name (Noureddine Ben Ali Ben Belkassem; Wikipedia "Arabic
#: name": nasab). Lists give the chain or leave it out as the East Slavic patronymic.
_NASAB: Final = frozenset({"ben", "bin", "ibn", "ould", "bint", "binti"})


def _in_nasab(tokens: tuple[str, ...], i: int) -> bool:
    """Whether ``tokens[i]`` is a "son of" particle past a name's first word, or the name after it,
    its article too (ben al-Tayib; a name opening with one, BEN ATTIA, is a family name)."""
    if tokens[i] in _NASAB:
        return i > 0
    if i > 1 and tokens[i - 1] in _NASAB:
        return True
    return i > 2 and tokens[i - 1] in _ARTICLE_SPELLINGS and tokens[i - 2] in _NASAB


def _nasab_share(tokens: tuple[str, ...], used: set[int]) -> float:
    """The share of its weight each word of a name's nasab chain left unpaired counts
    (``_in_nasab``): together, the chain's names count as one patronymic does, the father's name
    and his father's are one line of descent (DARRAJI, Kamal Ben Mohamed Ben Ahmed / DARRAJI,
    Kamel). ``PATRONYMIC_SHARE`` for a name without such a chain, or one name in it."""
    if _NASAB.isdisjoint(tokens):
        return PATRONYMIC_SHARE
    names = sum(1 for i, token in enumerate(tokens) if i not in used and token not in _NASAB and _in_nasab(tokens, i))
    return PATRONYMIC_SHARE / names if names > 1 else PATRONYMIC_SHARE


def _married_name(tokens: tuple[str, ...], i: int) -> bool:
    """Whether ``tokens[i]`` is a Spanish married name, "de" and the husband's family name after a
    woman's own (MURILLO DE ORTEGA, Rosario Maria / Rosario Maria MURILLO ZAMBRANA: lists give
    it or not), or that "de" (not a name's first two words: DE LA CRUZ, DE LEON are family names)."""
    if tokens[i] == "de":
        return 0 < i < len(tokens) - 1 and tokens[i + 1] not in PARTICLE_AFTER_DE
    return i > 1 and tokens[i - 1] == "de"


#: Significant words met, at least, for a Spanish married name to count as a patronymic does.
MARRIED_NAME_PAIRS: Final = 3
#: "de la", "de los": the start of a family name of its own (de la Cruz), not a married name.
PARTICLE_AFTER_DE: Final = frozenset({"la", "las", "los", "del"})


def _elements(form: NameForm, used: set[int]) -> int:
    """How many significant paired words of ``form`` are name elements of their own (the head
    of a compound name, ``_COMPOUND_HEADS``, is not)."""
    return sum(1 for i in used if form.weights[i] >= 1.0 and form.tokens[i] not in _COMPOUND_HEADS)


def _covered_share(form: NameForm, used: set[int]) -> float:
    """The share each unpaired significant word of a query ``form`` counts when the listed
    name's words all met closely: ``COVERED_SHARE``, and for more than ``COVERED_WORDS`` such
    words together as much as ``COVERED_WORDS`` of them."""
    extra = form.significant - _significant_pairs(form, used)
    return COVERED_SHARE if extra <= COVERED_WORDS else COVERED_SHARE * COVERED_WORDS / extra


def _significant_pairs(form: NameForm, used: set[int]) -> int:
    return sum(1 for i in used if form.weights[i] >= 1.0)


def _particle_mismatch(q: str, c: str, sim: float) -> bool:
    """A particle pairs with a name only when they differ by a slip (hajji / hadjji), never
    otherwise (al / ali)."""
    return is_particle(q) != is_particle(c) and sim < FUZZY_KNEE


def _roles_differ(q: str, c: str) -> bool:
    """A patronymic never pairs with a family name (Aleksandrova / Aleksandrovna)."""
    q_role, c_role = name_role(q), name_role(c)
    return q_role is not None and c_role is not None and q_role != c_role


def _specificity(token: str, rarity: Rarity | None, by_length: bool = True) -> float:
    """Rarity, scaled by length: a 15-letter word is specific even if seen before, a
    four-letter one (``rust``, ``li``) says little even when rare. (Not scaled by length for a
    name already scaled down as short, which would count its few letters twice.)"""
    if not by_length:
        return rarity(token) if rarity is not None else 1.0
    length = len(token)
    length_factor = length / SHORT_TOKEN if length < SHORT_TOKEN else 1.0 + (length - SHORT_TOKEN) / SHORT_TOKEN
    return (rarity(token) if rarity is not None else 1.0) * length_factor


def _rare_weights(form: NameForm, rarity: Rarity | None) -> tuple[float, ...]:
    if rarity is None:
        return form.weights
    return tuple(w * rarity(t) for t, w in zip(form.tokens, form.weights))


def _joined(query: NameForm, listed: NameForm, floor: float = 0.0, exact: bool | None = None) -> float:
    """The run-together similarity; a value at or below ``floor`` (the caller's score to beat)
    may come back as any other value at or below it. ``exact``: ``_exact_syllables`` of the
    pair where the caller has it (``_align`` works it out); None: worked out here."""
    # Every token run together, initials and particles included: a dropped middle initial
    # (John Walters / John P. Walters) must cost here as it does in the alignment.
    q_all, l_all = query.run_together, listed.run_together
    flipped: str | None = None
    if 1 < len(listed.tokens) <= 3:
        # Surname first or last (NI Gaobin / 倪高彬 ni gao bin): try the listed tokens reversed.
        flipped = "".join(t for t, w in zip(reversed(listed.tokens), reversed(listed.weights)) if w >= 0.5)
    if query.transcribed or listed.transcribed:
        # A foreign name in Chinese characters read by its sounds: run together, its loose
        # consonants meet too many names (亚当金 / Tong Ho Kim): its words pair, or nothing.
        score = 0.0
    elif query.han or listed.han:
        # Pinyin syllables pair only exactly (``_align``); run together they may only be split or
        # fused otherwise (mei xin / Meixin), not respelt: within the English words of a company
        # name a respelt trade name is a small share of the letters (慧伟科技 hui wei technology /
        # Huawei Technology 0.94 run together), and a syllable respelt is another name. So the
        # letters count only when they are the same.
        score = 1.0 if q_all in (l_all, flipped) else 0.0
    elif exact if exact is not None else _exact_syllables(
        query, listed, _east_asian_family(query, listed, _mode(query, listed))
    ):
        # So between Chinese syllables written in Latin letters on both sides (Wang Hong Mei /
        # WANG, Hongfei: 0.82 run together, another name).
        score = 1.0 if q_all in (l_all, flipped) else 0.0
    else:
        score = OSA.normalized_similarity(q_all, l_all)
        if flipped is not None:
            score = max(score, OSA.normalized_similarity(q_all, flipped))
    if query.abjad != listed.abjad and query.significant != listed.significant and max(score, floor) < ABJAD_JOINED:
        # Arabic script against Latin, split or fused (عبد الرحمن / Abdurrahman): the vowel-aware
        # alignment over the whole names; over names of the same shape it meets unrelated names.
        # (It scores at most ABJAD_JOINED: skipped when that could not raise the score.)
        abjad, latin = (query, listed) if query.abjad else (listed, query)
        # (Below this floor it could not raise the score, so the alignment may stop there.)
        need = max(score, floor) / ABJAD_JOINED - _ROUNDING_MARGIN
        score = max(score, ABJAD_JOINED * joined_similarity_above(abjad.tokens, latin.tokens, need))
    return score


def _short_factor(query: NameForm, listed: NameForm) -> float:
    """Names too short to identify anyone: Chinese names of two or three syllables, and names
    whose letters run together are few (``Rust``, ``Li Na``)."""
    factor = 1.0
    if query.han or listed.han:
        syllables = min(len(form.tokens) for form in (query, listed) if form.han)
        factor = HAN_TWO_SYLLABLES if syllables <= 2 else HAN_THREE_SYLLABLES if syllables == 3 else 1.0
    letters = min(len(query.joined), len(listed.joined))
    if min(len(query.tokens), len(listed.tokens)) == 1 and letters < SHORT_NAME_LETTERS:
        factor *= 1.0 - SHORT_NAME_PENALTY * (SHORT_NAME_LETTERS - letters) / SHORT_NAME_LETTERS
    return factor


def compare_names(query: NameForm, listed: NameForm, rarity: Rarity | None = None, floor: float = 0.0) -> NameComparison:
    """Compare a query name with a listed name.

    Args:
        query: the analysed query name.
        listed: the analysed listed name.
        rarity: how much a token says about identity, in (0, 1] (from its frequency among the
            listed names); common tokens then count less, and a match resting only on common
            tokens is scaled down. None: every token counts by its part weight alone.
        floor: a score the caller has no use for at or below (a screen's threshold less what
            the other features could add): a comparison that cannot end above it may come back
            with any score at or below it instead of the exact one, and with the detail
            ``BELOW_FLOOR``, sooner (the abjad run-together alignment stops there, and no
            detail is written). 0: always exact.
    Returns:
        A ``NameComparison`` whose score is in [0, 1] (1 for the same tokens in any order)
        and whose detail lists the token pairs (``ivan=ivan, petrov~petrow 0.83, +sergeyevich``).
    """
    if query.empty or listed.empty:
        return NameComparison(0.0, "nothing to compare")
    short = _short_factor(query, listed)
    aligned, parts, information, exact = _align(query, listed, rarity, by_length=short == 1.0)
    # Run together only where the words may be split or fused differently (the names hold a
    # different number of words): between names of as many words, the run-together form only
    # dilutes a wrong word over the whole name (Anastasiya Kazakova / Anastasiya Kapranova).
    runs_together = min(len(query.joined), len(listed.joined)) >= 6 and query.spoken_words != listed.spoken_words
    if runs_together and query.abjad != listed.abjad and is_chinese_name(listed.tokens if query.abjad else query.tokens):
        # A Chinese name's syllables run together meet Arabic-script consonants by chance (You
        # Li-juan / ولی جان wly jan): its words pair, or nothing.
        runs_together = False
    # (The short-name and common-name factors only lower the score: a run-together similarity
    # at or below the floor leaves the score there too.)
    joined = _joined(query, listed, max(aligned, floor), exact) if runs_together else 0.0
    run = joined > aligned
    if run:
        score = joined
        information = max(information, joined * FULL_INFORMATION)
    else:
        score = aligned
    if short < 1.0:
        if score == 1.0 and set(query.legal_forms) & set(listed.legal_forms):
            # The same words and the same legal form (ООО «Т1» / LLC T1): the legal form says
            # which kind of body the short name is, so it reads less like any word spelt so.
            short = 1.0 - (1.0 - short) * SHARED_LEGAL_FORM_SHARE
        score *= short
    factor = 1.0
    common = rarity is not None and information < FULL_INFORMATION
    if common:
        factor = 1.0 - COMMON_NAME_PENALTY * (1.0 - information / FULL_INFORMATION)
        score *= factor
    if floor > 0.0 and score <= floor:
        # The caller reads no detail at or below its floor (``floor``): none is written.
        return NameComparison(score, BELOW_FLOOR)
    detail = f"{query.run_together}~{listed.run_together} run together {joined:.2f}" if run else _describe(parts)
    if short < 1.0:
        detail += f"; short name x{short:.2f}"
    if common:
        detail += f"; common name x{factor:.2f}"
    return NameComparison(score, detail)
