"""Analyse a name once into the forms every comparison needs (``NameForm``).

A name is casefolded, its mixed-script words written in one script (``Aкционерное`` with a
Latin A, see ``homoglyphs``), stripped of titles (persons) or legal forms (organisations, folded
to rigour's generic ``llc``/``jsc`` tokens; an organisation's dotted acronym of three letters or
more is one word first: ``P.J.S.`` -> ``pjs``), transliterated to ASCII, tokenised, and given
consonant skeletons. In organisation names (and names of unknown kind), generic company words
rigour leaves behind, misspelt ones too (``compani``, ``obshkhestvo``), join the legal forms,
Russian and English words for the same kind of thing become one (``zavod``/``plant``, and
abbreviations written out: ``nii`` -> ``research institute``, see ``org_terms``), and function
words (``of``, ``the``, ``and``, ``imeni``) count for little. In personal names (and names of
unknown kind), name elements spelt several ways take one spelling (``abed``/``abdel`` ->
``abdul``); ordinals are written as their number (``841st``, ``841-й`` -> ``841``). The result
is cached and serialisable, so the match index stores it at build time and queries pay for it
once.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final

from tradewarden.names.caches import WHOLE_NAME_CACHE
from tradewarden.names.han import english_words, sound_words
from tradewarden.names.homoglyphs import unmix_scripts
from tradewarden.names.legal_forms import extra_form, split_legal_forms
from tradewarden.names.org_terms import PHRASES, euro_prefix, expand_abbreviation, fold_org_term, fold_phrases
from tradewarden.names.palladius import read_name as read_palladius
from tradewarden.names.parts import (
    FUNCTION_WORD_WEIGHT,
    ORG_WORD_WEIGHT,
    PARTICLE_WEIGHT,
    fold_spelling,
    is_function_word,
    is_org_word,
    is_particle,
    is_person_title,
    strip_titles,
)
from tradewarden.names.phonetic import skeleton
from tradewarden.names.script import ABJAD, VOWELLED, Script, scripts_of
from tradewarden.names.transcribed import is_transcribed, read_transcribed
from tradewarden.names.translit import east_slavic_to_ascii, is_belarusian, is_ukrainian, to_ascii


@dataclass(frozen=True, slots=True)
class NameForm:
    """One name, analysed for comparison.

    Attributes:
        tokens: ASCII tokens in written order, without titles and legal forms.
        skeletons: the consonant skeleton of each token.
        weights: how much each token counts (particles, initials and generic organisation
            words count less).
        legal_forms: generic legal-form tokens found (``llc``, ``jsc``, ``corp`` ...).
        abjad: written in a script without short vowels (Arabic, Persian, Hebrew).
        han: written in Chinese characters (its tokens are pinyin syllables).
        vowelled: written in an alphabet other than Latin that writes its vowels (Cyrillic,
            Greek, Armenian, Georgian: ``script.VOWELLED``), not in an abjad: its tokens'
            vowels are the name's own, not a romaniser's choice.
        transcribed: a foreign name written in Chinese characters with an interpunct (约翰·帕克):
            its tokens are the parts read by their sounds (``transcribed``: ``johan pake``), not
            pinyin; ``han`` is then False.
    """

    tokens: tuple[str, ...]
    skeletons: tuple[str, ...]
    weights: tuple[float, ...]
    legal_forms: tuple[str, ...]
    abjad: bool
    han: bool = False
    vowelled: bool = False
    transcribed: bool = False
    # Derived from the fields above once, for the comparisons (not compared, not dumped):
    #: The tokens without particles, run together (meets split or fused spellings).
    joined: str = field(init=False, repr=False, compare=False)
    #: Every token but particles run together, initials included (``compare`` aligns this).
    run_together: str = field(init=False, repr=False, compare=False)
    #: How many tokens count fully (weight 1), and how many are spoken (initials too, not particles).
    significant: int = field(init=False, repr=False, compare=False)
    spoken_words: int = field(init=False, repr=False, compare=False)
    #: ``(position, (token, skeleton))`` for each token.
    indexed_tokens: tuple[tuple[int, tuple[str, str]], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # One pass per kind of token (a listed name's form is parsed on its first comparison,
        # inside a query): the full-weight and the spoken tokens give the joined forms and counts.
        # Most names weigh every token fully: then all four are the tokens run together and
        # counted (half the cost of a listed name's first parse, ``NameForm.parse``).
        tokens, weights = self.tokens, self.weights
        setattr_ = object.__setattr__
        if not weights or min(weights) >= 1.0:
            joined = "".join(tokens)
            setattr_(self, "joined", joined)
            setattr_(self, "run_together", joined)
            setattr_(self, "significant", len(tokens))
            setattr_(self, "spoken_words", len(tokens))
        else:
            full = [t for t, w in zip(tokens, weights) if w >= 1.0]
            spoken = [t for t, w in zip(tokens, weights) if w >= 0.5]
            joined = "".join(full) or "".join(tokens)
            setattr_(self, "joined", joined)
            setattr_(self, "run_together", "".join(spoken) or joined)
            setattr_(self, "significant", len(full))
            setattr_(self, "spoken_words", len(spoken))
        setattr_(self, "indexed_tokens", tuple(enumerate(zip(tokens, self.skeletons))))

    def with_words(
        self, tokens: tuple[str, ...], weights: tuple[float, ...], skeletons: tuple[str, ...] | None = None
    ) -> NameForm:
        """This name with other words (their skeletons worked out unless given): its legal forms
        and script flags kept, for the comparisons that rewrite a name (an acronym written out,
        a name cut to some of its words)."""
        return NameForm(
            tokens,
            tuple(map(skeleton, tokens)) if skeletons is None else skeletons,
            weights,
            self.legal_forms,
            self.abjad,
            self.han,
            self.vowelled,
            self.transcribed,
        )

    @property
    def joined_skeleton(self) -> str:
        """The consonant skeleton of ``joined``."""
        return skeleton(self.joined)

    def dump(self) -> str:
        """A compact one-line text form, read back by ``NameForm.parse``."""
        weights = " ".join(f"{w:g}" for w in self.weights)
        flags = (
            _DUMP_ABJAD * self.abjad + _DUMP_HAN * self.han + _DUMP_VOWELLED * self.vowelled + _DUMP_TRANSCRIBED * self.transcribed
        )
        return f"{' '.join(self.tokens)}|{' '.join(self.skeletons)}|{weights}|{' '.join(self.legal_forms)}|{flags}"

    @staticmethod
    def dumped_skeletons(text: str) -> str:
        """The space-separated skeletons of a form written by ``dump``, without parsing the rest."""
        return text.split("|", 2)[1]

    @staticmethod
    def dumped_legal_forms(text: str) -> str:
        """The space-separated legal forms of a form written by ``dump``, without parsing the rest."""
        return text.split("|")[3]

    @staticmethod
    def dumped_words(text: str) -> tuple[tuple[str, ...], tuple[float, ...], bool]:
        """The tokens, weights and abjad flag of a form written by ``dump``, without parsing the rest."""
        tokens_text, _, weights_text, _, flags = text.split("|")
        return tuple(tokens_text.split(" ")), _parse_weights(weights_text), bool(int(flags) & _DUMP_ABJAD)

    @classmethod
    def parse(cls, text: str) -> NameForm:
        """Rebuild a form written by ``dump``."""
        tokens_text, skeletons_text, weights_text, legal_text, flags_text = text.split("|")
        flags = int(flags_text)
        return cls(
            tuple(tokens_text.split(" ")),
            tuple(skeletons_text.split(" ")),
            _parse_weights(weights_text),
            tuple(legal_text.split()) if legal_text else (),
            bool(flags & _DUMP_ABJAD),
            bool(flags & _DUMP_HAN),
            bool(flags & _DUMP_VOWELLED),
            bool(flags & _DUMP_TRANSCRIBED),
        )

    @property
    def empty(self) -> bool:
        """True when nothing comparable is left."""
        return not self.tokens


#: The bit of each flag in the flags field of ``NameForm.dump`` (a decimal integer).
_DUMP_ABJAD = 1
_DUMP_HAN = 2
_DUMP_VOWELLED = 4
_DUMP_TRANSCRIBED = 8


@lru_cache(maxsize=4096)
def _parse_weights(text: str) -> tuple[float, ...]:
    return tuple(float(w) for w in text.split(" "))


def _token_weight(token: str, person: bool | None) -> float:
    if is_particle(token) or (person and is_person_title(token)):
        return PARTICLE_WEIGHT
    if len(token) == 1:
        return 0.5
    if not person and is_org_word(token):
        return ORG_WORD_WEIGHT
    if not person and is_function_word(token):
        # A translation adds or leaves out "of", "the", "and" freely (Main Computing Center of
        # the General Staff / Главный вычислительный центр Генерального штаба).
        return FUNCTION_WORD_WEIGHT
    return 1.0


def _weights(tokens: tuple[str, ...], person: bool | None = None) -> tuple[float, ...]:
    weights = tuple(
        # "Major" is a family name too (John Major), but not before another rank (Major General).
        PARTICLE_WEIGHT if person and t == "major" and i + 1 < len(tokens) and is_person_title(tokens[i + 1])
        else _token_weight(t, person)
        for i, t in enumerate(tokens)
    )
    if weights and max(weights) < 1.0:
        return tuple(1.0 for _ in tokens)
    return weights


#: Generic organisation words stay in a name that would keep fewer letters than this without them.
MIN_KEPT_LETTERS = 3


def _fold_generic_words(tokens: list[str], legal: tuple[str, ...]) -> tuple[list[str], tuple[str, ...]]:
    """Move the company-type and generic organisation words that rigour left in a name
    (misspelt forms too: ``limted``, ``compani``, ``obshkhestvo``) to the legal forms.

    A short word between two generic ones goes with them (the ``s`` of ``obshchestvo s
    ogranichennoy otvetstvennostyu``). Generic words stay when fewer than ``MIN_KEPT_LETTERS``
    letters would remain (``RN Holding``, ``46 TsNII``): there they are part of the name.
    """
    forms = [extra_form(token) for token in tokens]
    generic = [form is not None or is_org_word(token) for token, form in zip(tokens, forms)]
    for i in range(1, len(tokens) - 1):
        if len(tokens[i]) <= 2 and generic[i - 1] and generic[i + 1] and not tokens[i].isdigit():
            generic[i] = True
    kept = [token for token, is_generic in zip(tokens, generic) if not is_generic]
    moved = [form or token for token, form, is_generic in zip(tokens, forms, generic) if is_generic]
    if not moved or sum(len(token) for token in kept if not token.isdigit()) < MIN_KEPT_LETTERS:
        return tokens, legal
    return kept, tuple(sorted(set(legal) | set(moved)))


#: The legal forms' abbreviations that ``data/org_phrases.txt`` writes a phrase as (scientific
#: production association -> npo), by their canonical legal form (npo -> ngo).
_PHRASE_FORMS: dict[str, str] = {
    written[0]: form
    for phrases in PHRASES.values()
    for _, written in phrases
    if len(written) == 1 and (form := extra_form(written[0])) is not None
}


def _phrase_legal_forms(tokens: list[str], legal: tuple[str, ...]) -> tuple[list[str], tuple[str, ...]]:
    """Move a phrase written as a legal form's abbreviation (``fold_phrases``: scientific
    production association -> npo) to the legal forms, as the abbreviation itself went
    (``split_legal_forms``: NPO -> ngo), unless fewer than ``MIN_KEPT_LETTERS`` letters would
    remain. Only such phrases: the words abbreviations are written out as stay (НК -> oil company)."""
    if not any(token in _PHRASE_FORMS for token in tokens):
        return tokens, legal
    kept = [token for token in tokens if token not in _PHRASE_FORMS]
    if sum(len(token) for token in kept if not token.isdigit()) < MIN_KEPT_LETTERS:
        return tokens, legal
    moved = {_PHRASE_FORMS[token] for token in tokens if token in _PHRASE_FORMS}
    return kept, tuple(sorted(set(legal) | moved))


#: Endings English and Russian write after the digits of an ordinal (``841st``, ``841-й``,
#: ``10-я``, ``18-го`` in BGN/PCGN: ``841 y``, ``10 ya``, ``18 go``).
_ENGLISH_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
_RUSSIAN_ORDINAL_ENDINGS = frozenset({"y", "yy", "iy", "ya", "aya", "ye", "oye", "go", "ogo", "oy", "yi"})


def _plain_numbers(tokens: list[str]) -> list[str]:
    """Ordinal numbers written as the bare number (``841st``, ``841 y`` -> ``841``): lists
    write the ordinal of a numbered unit or plant in one language and its number in another."""
    if not any(token[0].isdigit() for token in tokens):
        return tokens
    plain: list[str] = []
    for token in tokens:
        if plain and plain[-1].isdigit() and token in _RUSSIAN_ORDINAL_ENDINGS:
            continue
        match = _ENGLISH_ORDINAL.match(token)
        plain.append(match.group(1) if match else token)
    return plain


#: Letters written with a dot after each, three or more in a row (``p.j.s.``, ``i.r.i.s.l.``;
#: two are a person's initials as often: ``named after I.I. Petrov``, ``им. И.И. Петрова``).
_DOTTED_ACRONYM = re.compile(r"(?<![\w.])(?:[^\W\d_]\.){2,}[^\W\d_](?:\.|(?![\w.]))")


def _undot_acronyms(text: str) -> str:
    """Dotted acronyms of three letters or more written as one word (``p.j.s.`` -> ``pjs``,
    ``i.r.i.s.l.`` -> ``irisl``).

    Organisation names write an acronym with or without dots (``P.J.S.`` / ``PJS``); split at
    the dots it would be a row of initials that meet nothing (and a lone ``i`` is read as the
    Russian "and"). Persons keep their initials (``J.R. Smith``).
    """
    if "." not in text:
        return text
    return _DOTTED_ACRONYM.sub(lambda found: found.group(0).replace(".", "") + " ", text)


#: An English possessive ending of a word of three letters or more (``mohammed's``, ``people’s``):
#: lists write a body's name with it in one entry and without it in another (MOHAMMED'S ARMY /
#: ARMY OF MOHAMMED). Shorter words keep it (``Ra's``, the Arabic for head or cape).
_POSSESSIVE = re.compile(r"(?<=[^\W\d_]{3})['’ʼ]s\b")


def _drop_possessives(text: str) -> str:
    """Organisation names without their English possessive endings (``mohammed's army`` ->
    ``mohammed army``)."""
    return _POSSESSIVE.sub("", text) if "s" in text else text


#: Words that, said together, name foreign trade (``export and import``, ``import-export``,
#: ``eksport i import``, ``IMP&EXP``): lists call the same body a trading corporation in one entry
#: and an export and import corporation in another (KOREA ... EXPORT AND IMPORT CORPORATION / KOREA
#: ... TRADING CORPORATION). The pair, with an ``and`` between, is read as ``trading``. The short
#: forms (``imp``, ``exp``) count only beside the other word.
_TRADE_WORDS = {"import": "import", "imp": "import", "export": "export", "exp": "export"}


def _trade_pairs(tokens: list[str]) -> list[str]:
    """``export`` and ``import`` side by side (in either order, ``and`` between or not) as one
    ``trading``."""
    if ("import" not in tokens and "imp" not in tokens) or ("export" not in tokens and "exp" not in tokens):
        return tokens
    folded: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        word = _TRADE_WORDS.get(token)
        if word is not None:
            j = i + 2 if i + 2 < len(tokens) and tokens[i + 1] == "and" else i + 1
            other = _TRADE_WORDS.get(tokens[j]) if j < len(tokens) else None
            if other is not None and other != word:
                folded.append("trading")
                i = j + 1
                continue
        folded.append(token)
        i += 1
    return folded


_ABJAD_BITS = ABJAD.value
_HAN_BIT = Script.HAN.value
_VOWELLED_BITS = VOWELLED.value


def _org_words(tokens: list[str], legal: tuple[str, ...]) -> tuple[list[str], tuple[str, ...]]:
    """An organisation name's words of two or more with its generic words folded (``_fold_generic_words``,
    ``org_terms``, ``_trade_pairs``, ``_phrase_legal_forms``)."""
    tokens, legal = _fold_generic_words(tokens, legal)
    # A name of one word once its generic words are gone keeps it (НПО Машиностроения as
    # NPO Mashinostroyeniya, whose legal form is gone before: both keep the one word).
    if len(tokens) > 1:
        tokens = _trade_pairs(fold_phrases([fold_org_term(word) for token in tokens for word in expand_abbreviation(token)]))
        tokens, legal = _phrase_legal_forms(tokens, legal)
    return tokens, legal


@lru_cache(maxsize=WHOLE_NAME_CACHE)
def analyze_name(name: str, person: bool | None = None) -> NameForm:
    """Analyse one name for comparison.

    Args:
        name: the name as written, in any script.
        person: True for persons (titles removed, legal forms kept as words), False for
            organisations and things (legal forms folded), None when unknown (legal forms
            folded, titles kept).
    Returns:
        The analysed ``NameForm``; ``form.empty`` when the name has no letters or digits.
    """
    form = _analyze(name, person, False)
    assert form is not None  # (only a name's second reading, ``east_slavic_form``, may be None)
    return form


@lru_cache(maxsize=WHOLE_NAME_CACHE)
def east_slavic_form(name: str, person: bool | None = None) -> NameForm | None:
    """A name in Ukrainian or Belarusian Cyrillic analysed as ``analyze_name`` does but read a
    second way (``translit.east_slavic_to_ascii``): a Ukrainian name by Ukraine's national
    romanisation (Гліб Гнатюк -> ``hlib hnatiuk``, where ``analyze_name`` reads Russian's
    ``glib gnatyuk``), a Belarusian one as Russian spells it (ДЗЯМIДАЎ -> ``demidav``, where
    ``analyze_name`` reads ``dzyamidau``): a form to compare beside that one, since lists write
    these names both ways. None for any other name."""
    if name.isascii():
        return None
    form = _analyze(name, person, True)
    return None if form is None or form.empty else form


#: The romanised kh of a name read as h (``foreign_h_form``).
_KH: Final = "kh"


@lru_cache(maxsize=WHOLE_NAME_CACHE)
def foreign_h_form(name: str, person: bool | None = None) -> NameForm | None:
    """A name whose romanisation writes kh, read with h instead (Mukhammad Khusein -> ``muhammad
    husein``, Мухаммад Хусейн -> ``muhammad huseyn``, Банк Мехр -> ``bank mehr``, ХАМАС -> ``hamas``): Russian,
    Ukrainian and Belarusian write the h of Arabic, Persian, Turkic and other foreign names with
    Х, which romanisations of Cyrillic (ICU, BGN/PCGN, Russian passports) write kh, while the
    lists write these names with h. A form to compare beside ``analyze_name``'s (a Slavic name's
    kh is its own, Mikhail; an Arabic name's may be خ, Khalid): the better one counts. None where
    no word holds kh, and for names in Arabic or Chinese script, which have their own readings.
    Sources: Wikipedia "Romanization of Russian", "Cyrillization of Arabic" (ح and ه as х).
    """
    return foreign_h_reading(analyze_name(name, person), person)


def foreign_h_reading(form: NameForm, person: bool | None = None) -> NameForm | None:
    """``foreign_h_form`` of a name already analysed (``form``, by ``analyze_name`` with the same
    ``person``): the index, which keeps its own analyses, reads its names so."""
    if form.abjad or form.han or form.transcribed or not any(_KH in token for token in form.tokens):
        return None
    # The words read anew fold as the analysis folds them (Bank Sepakh: sepah, the corps).
    return _form_of([token.replace(_KH, "h") for token in form.tokens], form.legal_forms, person, vowelled=form.vowelled)


#: Letters only Turkish and Azerbaijani write among the Latin alphabets of names (dotless ı, ğ, ş,
#: Azerbaijani's schwa ə); a name holding one is read by ``turkic_form``.
_TURKIC_ONLY: Final = frozenset("ığşə")
#: Turkish and Azerbaijani letters written as English spellings write their sounds: c is j
#: (Cemal Jamal, Cafer Jafar, Cəfərov Jafarov), ç ch, ş sh; Azerbaijani x is kh (Xəlilov Khalilov).
#: Sources: Wikipedia "Turkish alphabet", "Azerbaijani alphabet".
_TURKIC_SOUNDS: Final = str.maketrans({"c": "j", "ç": "ch", "ş": "sh"})
_AZERBAIJANI_SOUNDS: Final = str.maketrans({"x": "kh"})


@lru_cache(maxsize=WHOLE_NAME_CACHE)
def turkic_form(name: str, person: bool | None = None) -> NameForm | None:
    """A name written in Turkish's or Azerbaijani's Latin alphabet (one of ``_TURKIC_ONLY``'s
    letters) read with English spellings of its sounds (``_TURKIC_SOUNDS``): Cemal Şahin ->
    ``jemal shahin``, Reşat Çelik -> ``reshat chelik``, Cəfər Xəlilov -> ``jafar khalilov``,
    where ``analyze_name`` reads ``cemal``, ``resat``, ``cafar xalilov``: the lists write the
    Arabic and Persian names Turks and Azerbaijanis bear in either spelling (Cemal / Jamal).
    A form to compare beside that one; None for any other name."""
    if name.isascii():
        return None
    folded = unicodedata.normalize("NFKC", name).casefold()
    if _TURKIC_ONLY.isdisjoint(folded):
        return None
    read = folded.translate(_TURKIC_SOUNDS)
    if "ə" in folded:
        read = read.translate(_AZERBAIJANI_SOUNDS)
    form = _analyze(read, person, False)
    return None if form is None or form.empty else form


@lru_cache(maxsize=WHOLE_NAME_CACHE)
def palladius_form(name: str, person: bool | None = None) -> NameForm | None:
    """A name in Cyrillic whose words are Chinese names in the Palladius system, read as pinyin
    (``palladius.read_name``: Си Цзиньпин -> ``xi jinping``, ООО Шэньчжэнь Хуавэй -> ``shenzhen
    huawei``, legal form ``llc``), where ``analyze_name`` reads ICU's letter-by-letter ``si
    tszinpin``, ``shenchzhen khuavey``: Russian documents write Chinese parties so, the lists in
    pinyin. A form to compare beside that one; None for any other name."""
    if name.isascii():
        return None
    folded = unicodedata.normalize("NFKC", name).casefold()
    read = read_palladius(folded)
    if read is None:
        return None
    form = _analyze(read, person, False)
    return None if form is None or form.empty else form


#: The Persian ezafe written as its own word after a hyphen (Bank-e Melli, Daneshgah-e Tehran,
#: Sakhtemani-ye Tehran, Gasht-e-Ershad; -i in the Urdu and Pashto spellings, Tehrik-i-Taliban,
#: Hizb-i Islami):
#: English names of the same bodies leave it out (Bank Melli, Tehrik-e Taliban / Tehreek Taliban),
#: so it goes, as a word that would only cost.
_EZAFE = re.compile(r"(?<=[a-z])-(?:y?e(?=[\s-]|$)|i(?=[\s-]))")


def _analyze(name: str, person: bool | None, east_slavic: bool) -> NameForm | None:
    """``analyze_name``; with ``east_slavic``, ``east_slavic_form`` (None where the name, once
    normalised, is not written in Ukrainian's or Belarusian's alphabet)."""
    if name.isascii():  # most query names: nothing to normalise, no other script to unmix
        folded = name.lower().strip()
    else:
        # Lone surrogates (a JSON "\ud800" escape) cannot be transliterated; they are not letters: drop them.
        name = name.encode("utf-8", "ignore").decode("utf-8")
        folded = unmix_scripts(unicodedata.normalize("NFKC", name).casefold().strip())
    if east_slavic and not (is_ukrainian(folded) or is_belarusian(folded)):
        return None
    if "-" in folded:
        folded = _EZAFE.sub("", folded)
    legal: tuple[str, ...] = ()
    if person:
        folded = strip_titles(folded)
    else:
        folded = _drop_possessives(_undot_acronyms(folded))
        # Chinese company words in English, as lists write them (科技 -> technology; see ``han``).
        folded, legal = split_legal_forms(english_words(folded))
        if "&" in folded:
            # An ampersand is the word it stands for (I&S Holding / I and S Holding); left to
            # the word breaks, one spelling kept "and" and the other not. After the legal forms,
            # which write it inside (GmbH & Co. KG).
            folded = folded.replace("&", " and ")
    # Plain int tests: ``IntFlag`` operators run in Python, a few microseconds a name.
    scripts = scripts_of(folded).value
    abjad = bool(scripts & _ABJAD_BITS)
    han = bool(scripts & _HAN_BIT)
    vowelled = bool(scripts & _VOWELLED_BITS) and not (abjad or han)
    transcribed = han and person is not False and is_transcribed(folded)
    if transcribed:
        # A foreign name in Chinese characters (约翰·帕克): its parts read by their sounds.
        han = False
        tokens = list(read_transcribed(folded))
    elif east_slavic:
        tokens = _plain_numbers((east_slavic_to_ascii(folded, bool(person)) or "").split())
    else:
        tokens = _plain_numbers(to_ascii(folded, bool(person)).split())
    return _form_of(tokens, legal, person, abjad=abjad, han=han, vowelled=vowelled, transcribed=transcribed)


def _form_of(
    tokens: list[str], legal: tuple[str, ...], person: bool | None, *, abjad: bool = False, han: bool = False,
    vowelled: bool = False, transcribed: bool = False,
) -> NameForm:
    """The ``NameForm`` of a name's romanised words: a person's name elements spelt one way
    (``fold_spelling``), an organisation's generic words folded (``_org_words``)."""
    if person is not False and not transcribed:
        tokens = [fold_spelling(token) for token in tokens]
    if not person:
        tokens = [euro_prefix(token) for token in tokens]
    if not person and len(tokens) > 1:
        tokens, legal = _org_words(tokens, legal)
    token_tuple = tuple(tokens)
    return NameForm(
        tokens=token_tuple,
        skeletons=tuple(map(skeleton, token_tuple)),
        weights=(1.0,) * len(token_tuple) if han or transcribed else _weights(token_tuple, person),
        legal_forms=legal,
        abjad=abjad,
        han=han,
        vowelled=vowelled,
        transcribed=transcribed,
    )


@lru_cache(maxsize=WHOLE_NAME_CACHE)
def sound_form(name: str, person: bool | None = None) -> NameForm | None:
    """An organisation name in Chinese characters read as a foreign name written by its sounds
    (``han.sound_words``: 赛博勒克斯系统公司 -> ``saiboleks system``, legal form ``co``), a
    ``transcribed`` form to compare beside the name's pinyin form (``analyze_name``: ``sai bo le
    ke si system``); None for a person, or where no part of the name reads so.

    Both forms are kept where a name may be either (卡林卡 is a Chinese company's trade name,
    ``kalinka``, and a transcription of Kalinka): each is compared and the better one counts.
    """
    if person or name.isascii():
        return None
    name = name.encode("utf-8", "ignore").decode("utf-8")
    folded = _drop_possessives(_undot_acronyms(unmix_scripts(unicodedata.normalize("NFKC", name).casefold().strip())))
    read = sound_words(folded, person is False)
    if read is None:
        return None
    folded, legal = split_legal_forms(read)
    tokens = [euro_prefix(token) for token in _plain_numbers(to_ascii(folded).split())]
    if len(tokens) > 1:
        tokens, legal = _org_words(tokens, legal)
    if not tokens:
        return None
    token_tuple = tuple(tokens)
    return NameForm(
        tokens=token_tuple,
        skeletons=tuple(map(skeleton, token_tuple)),
        weights=_weights(token_tuple, person),
        legal_forms=legal,
        abjad=False,
        transcribed=True,
    )


__all__ = ["NameForm", "Script", "analyze_name", "east_slavic_form", "foreign_h_form", "foreign_h_reading", "palladius_form", "sound_form", "turkic_form"]
