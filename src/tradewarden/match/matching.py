"""One query against the index: block, compare names, score, and add shared-identifier matches.

Pure over an in-memory ``MatchIndex``: the query is prepared once (names analysed, countries to
ISO codes, identifiers to keys), blocked candidates get their best name pair compared (a listed
name written exactly as the query's scoring at least ``names.exact.EXACT_NAME_SCORE``, one
written so but for one slip at least ``SLIP_NAME_SCORE``, so but for its legal form at least
``LEGAL_FORM_NAME_SCORE``), every feature of ``score.WEIGHTS`` runs, and entities sharing an identifier, e-mail, phone, web domain
or address with the query come back as ``shared_identifier`` matches even when names differ.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from tradewarden.match.blocking import (
    SKELETON_FOLDS, folded_skeletons, listed_name_keys, name_keys, whole_skeleton_key,
)
from tradewarden.match.features import Candidate, PreparedQuery, identifier_match, name_similarity
from tradewarden.match.identifiers import IdentifierKind, shared_keys
from tradewarden.match.model import FeatureResult, Match, MatchKind, Query
from tradewarden.match.records import country_code
from tradewarden.match.score import WEIGHTS, explain, query_weights, score_candidate
from tradewarden.names.acronyms import acronym_comparison
from tradewarden.names.acronyms import query_keys as acronym_query_keys
from tradewarden.names.acronyms import written_as_words
from tradewarden.names.analyze import (
    NameForm, analyze_name, east_slavic_form, foreign_h_form, palladius_form, sound_form, turkic_form,
)
from tradewarden.names.compare import NameComparison, Rarity, compare_names, token_similarity
from tradewarden.names.exact import (
    EXACT_NAME_SCORE, LEGAL_FORM_NAME_SCORE, SLIP_NAME_SCORE, TRANSLITERATED_NAME_SCORE, is_slip_of, is_transliterated_as,
    is_written_as, is_written_but_for_legal_form, written_key,
)
from tradewarden.names.given_names import same_given_name
from tradewarden.names.organisations import compare_organisations, holds_whole_words, is_brand_word
from tradewarden.names.parts import FUNCTION_WORD_WEIGHT, PARTICLE_WEIGHT
from tradewarden.names.transcribed import sound_spelling
from tradewarden.names.variants import name_variants

if TYPE_CHECKING:
    from tradewarden.match.index import MatchIndex

#: Score of a shared-identifier match, by what is shared (an address is the weakest link); each at
#: least the alert threshold, since sharing any of them with a listed party is worth a review.
SHARED_SCORES: dict[IdentifierKind, float] = {
    IdentifierKind.IDENTIFIER: 1.0,
    IdentifierKind.EMAIL: 0.97,
    IdentifierKind.PHONE: 0.94,
    IdentifierKind.DOMAIN: 0.94,
    IdentifierKind.ADDRESS: 0.9,
}
#: Blocked names weighing less than this share of the best one (or of the most a name can weigh
#: without the whole-name keys, if less) are not compared.
MIN_BLOCK_SHARE = 0.4
#: At most this many distinct blocked names (analysed forms) per query name get the full (Python)
#: comparison, with their listed copies (the same name on several lists is compared once).
MAX_FULL_COMPARISONS = 6
#: The quick filter ranks this many blocked names, among which the ``MAX_FULL_COMPARISONS``
#: distinct forms are taken: a name listed on several lists no longer fills every place
#: (KANG, Chol Su six times kept KANG, Chol Hak out), and the comparisons stay as few.
QUICK_RANKED = 12
#: When the distinct forms so taken are spellings of fewer than this many names (listed names of
#: the same consonant skeletons, in any order, and legal forms: ``spelling_group``), the best
#: names of other spelling groups among the first ``QUICK_POOL`` quick-ranked are compared too,
#: until this many are: a name listed by many lists in many spellings (ABU MOHAMMED / MOHAMED /
#: MOHAMMAD AL-ADNANI, five records) filled every place, and the one other name worth comparing
#: (ADNANI, Seyed Mohammad for AL-ADNANI, Muhammad, quick similarity 72 to their 75-85) was
#: never compared. Added, not in their place: capping a group's places instead lost another
#: list's record of the name, spelt otherwise (BALABA, Dmitriy Vladimirovich).
MIN_SPELLING_GROUPS = 4
QUICK_POOL = 24
#: A foreign name in Chinese characters read by its sounds is blocked among this many listed
#: names (``MAX_NAME_CANDIDATES`` for others): a reading's loose consonants are those of many
#: listed names, which tie in blocking weight (``_transcribed_shortlist``).
TRANSCRIBED_BLOCKED = 200
#: ... of which the best this many distinct forms by blocking weight are compared whatever
#: their spelling (names sharing every loose key of the query's, or most).
TRANSCRIBED_BEST_BLOCKED = 4
#: Arabic- and Hebrew-script names, which the quick filter cannot judge by their letters, take
#: the best this many distinct blocked forms by blocking weight ...
ABJAD_RANKED = 24
#: ... of which this many are compared: the best ``ABJAD_BEST_BLOCKED`` by blocking weight, then
#: those whose consonant skeletons (which Arabic script and its romanisations share) are most
#: alike the query's by the quick token-sort similarity. On bench/match_quality.py, 12 so chosen
#: found all but one Arabic-script case (of about 600, two seeds) that all 24 found, in 36 % less
#: CPU for those queries; the best 12 or 16 by blocking weight alone lost 8 or 4.
MAX_ABJAD_COMPARISONS = 12
ABJAD_BEST_BLOCKED = 4
#: Blocked names whose quick token-sort similarity (0-100) to the query is below this are not compared.
QUICK_CUTOFF = 45
#: The best this many blocked names are compared when they reach ``QUICK_CUTOFF``, even when
#: ``MAX_FULL_COMPARISONS`` names are quicker-similar (a misspelt word lowers that similarity more
#: than an unrelated name's extra words do, and so does a patronymic the query leaves out: SKOCH,
#: Andrey / SKOCH, Andrei Vladimirovich, second by blocking weight, ranked below six shorter names
#: sharing Andrey). Two found that one more held-out alias on bench/match_quality.py's three draws
#: and lost none (session 5: two did no better than one).
BEST_BLOCKED = 2
#: Of those best blocked names, one the quick filter rules out is compared all the same when each
#: of its fully counting words (``HELD_WORDS`` or more, Latin script) meets a word of the query at
#: this token similarity or more (``listed_words_met``): the query adds words the listed name
#: leaves out, and they lower the quick similarity below ``QUICK_CUTOFF`` (AL-WAZ, Najib Ben
#: Mohamed Ben Salem / OUAZ, Najib, tied best by blocking weight, quick similarity 36, compared
#: 0.82). One listed word met is not enough: a word of a longer clean name meets many names.
HELD_SIMILARITY = 0.85
HELD_WORDS = 2
#: Of the best this many blocked names, and any further ones tied with the last of them in blocking weight,
#: those about as long as the query name as written that the quick filter left out are compared
#: when written as the query name, or so but for one slip, whatever the quick similarity; this
#: many distinct texts at most are checked (such a name shares nearly every key with the query,
#: so it ranks at the top, but ties with every name sharing its one rare word: GAZ GROUP came
#: tenth, tied with the best; checking the best eight names of any length cost 10-25 % more
#: CPU on cold caches, the written forms of more listed names to work out).
WRITTEN_ALIKE_BLOCKED = 3
#: Blocked names with the query's consonant skeletons (its words respelt) that the quick filter
#: left out are compared, this many distinct forms at most (``_respelt_alike``).
RESPELT_ALIKE_BLOCKED = 2
#: Listed names of the query's other words respelt, a particle or title of it left out, are
#: compared, this many distinct forms at most (``_particle_free_alike``).
PARTICLE_FREE_BLOCKED = 2
#: Listed names sharing the consonant skeleton of a query word the index does not know as written
#: (a ``~`` key under at most ``UNKNOWN_WORD_NAMES`` names, the skeleton of ``UNKNOWN_WORD_SKELETON``
#: letters or more) are compared, this many distinct forms at most (``_unknown_word_respelt``).
UNKNOWN_WORD_BLOCKED = 2
UNKNOWN_WORD_NAMES = 50
UNKNOWN_WORD_SKELETON = 3
#: Blocked names holding a rare word of the query as written (a plain token key under at most
#: ``RARE_WORD_NAMES`` listed names, of ``RARE_WORD_LETTERS`` letters or more) that the quick
#: filter left out are compared, this many distinct forms at most (``_rare_word_alike``).
RARE_WORD_BLOCKED = 2
RARE_WORD_NAMES = 8
#: Blocked organisation names an acronym of the query spells (or the other way), under a key of
#: at most ``ACRONYM_NAMES`` names, are compared, this many distinct forms at most (``acronym_alike``).
ACRONYM_BLOCKED = 2
ACRONYM_NAMES = 200
#: Organisation names within the share of the best blocking weight that hold the query's every
#: word, or the other way, are compared, this many distinct forms at most, of the first
#: ``HELD_WHOLE_CHECKED`` distinct forms (``_held_whole``).
HELD_WHOLE_BLOCKED = 2
HELD_WHOLE_CHECKED = 40
#: Of the blocked names an acronym spells, this many distinct forms (best blocking weight first)
#: are ranked by their written-out comparison to find the ``ACRONYM_BLOCKED`` best.
ACRONYM_RANKED = 8
RARE_WORD_LETTERS = 3
#: Keeps ``name_floor`` safely below the name scores that could still reach the threshold
#: (rounding in the feature sums).
FLOOR_MARGIN = 1e-6
#: A shared identifier with a name scoring at least this is reported as a name match.
NAME_KIND_FLOOR = 0.7


def prepare_query(query: Query) -> PreparedQuery:
    """Analyse the names and normalise the facts of a query once.

    Args:
        query: the party to screen.
    Returns:
        A ``PreparedQuery`` for the features.
    """
    person = None if query.schema in (None, "LegalEntity", "Thing") else query.schema == "Person"
    names = []
    texts: dict[NameForm, list[str]] = {}
    for name in query.names:
        for text in name_variants(name):
            # An organisation name in Chinese characters may also be a foreign name written by
            # its sounds (安杜里尔公司, Anduril: ``sound_form``); a name in Ukrainian Cyrillic is
            # also romanised by Ukraine's system (Гліб: Hlib beside Glib), a Belarusian one also
            # read as Russian spells it (ДЗЯМIДАЎ: Demidov beside Dzyamidau: ``east_slavic_form``);
            # a name romanised with kh also with h, the foreign h Cyrillic writes Х (Мухаммад
            # Хусейн: Muhammad Husein, ``foreign_h_form``); a name in Turkish's or Azerbaijani's
            # alphabet also with English spellings of its letters (Cemal: Jamal, ``turkic_form``);
            # Chinese names in Cyrillic also read back from the Palladius system to pinyin (Си
            # Цзиньпин: Xi Jinping, ``palladius_form``). Every reading is compared.
            for form in (
                analyze_name(text, person), sound_form(text, person), east_slavic_form(text, person),
                foreign_h_form(text, person), turkic_form(text, person), palladius_form(text, person),
            ):
                if form is None or form.empty:
                    continue
                if form not in texts:
                    texts[form] = []
                    names.append((name, form))
                # The written-name floors test a variant of two words or more, not a one-word part
                # (an acronym in brackets, CSIC, is the written name of many bodies: listed so, each
                # reached the exact floor and pushed the party's own record out of the results).
                if text not in texts[form] and (text == name or " " in written_key(text)):
                    texts[form].append(text)
    countries = frozenset(code for code in (country_code(c) for c in query.countries) if code)
    return PreparedQuery(
        names=tuple(names),
        schema=query.schema,
        countries=countries,
        birth_dates=tuple(d.strip() for d in query.birth_dates if d.strip()[:4].isdigit()),
        identifier_keys=frozenset(shared_keys(IdentifierKind.IDENTIFIER, query.identifiers)),
        texts=tuple(tuple(texts[form]) or (name,) for name, form in names),
        worded=frozenset(name for name in query.names if written_as_words(name)),
    )


def _query_shared_keys(query: Query) -> list[str]:
    keys: list[str] = []
    for kind, values in (
        (IdentifierKind.IDENTIFIER, query.identifiers),
        (IdentifierKind.EMAIL, query.emails),
        (IdentifierKind.PHONE, query.phones),
        (IdentifierKind.DOMAIN, query.websites),
        (IdentifierKind.ADDRESS, query.addresses),
    ):
        if values:
            keys.extend(shared_keys(kind, values))
    return keys


def name_floor(prepared: PreparedQuery, min_score: float) -> float:
    """The name score at or below which no candidate of ``prepared`` can reach ``min_score``:
    the threshold less the most every other feature could add (each at full value; a shared
    identifier alone can lift any name, so a query with identifiers gets no floor). Comparisons
    may stop early below it (``compare_names``'s ``floor``).
    """
    return max(0.0, min_score - _other_boost(bool(prepared.identifier_keys)) - FLOOR_MARGIN)


@functools.cache
def _other_boost(with_identifiers: bool) -> float:
    """The most every feature but the name can add (``score.WEIGHTS`` is fixed: worked out once)."""
    return sum(
        weight
        for feature, weight in WEIGHTS
        if weight > 0.0 and feature is not name_similarity and (feature is not identifier_match or with_identifiers)
    )


def _best_names(index: MatchIndex, prepared: PreparedQuery, floor: float = 0.0) -> dict[int, tuple[float, int, str, str]]:
    """Best (score, name index, query name, detail) per candidate entity.

    A name listed by several lists (the same analysed form under several entities) is
    compared once per query name. A score at or below ``floor`` (``name_floor``) may be any
    other at or below it, except for a listed name written as the query name (or so but for one
    slip), which ``exact_floor`` raises with the exact comparison's detail.
    """
    best: dict[int, tuple[float, int, str, str]] = {}
    rarity = index.rarity_of
    organisation = prepared.schema != "Person"
    for query_name, texts, form in prepared.written_names():
        compared: dict[tuple[str, bool], NameComparison] = {}
        exact: dict[str, NameComparison] = {}  # compared without the floor, for names written alike
        acronyms = query_name not in prepared.worded
        for name_idx in _shortlist(index, form, texts, organisation):
            # Two organisation names are also compared with an acronym written out (``names.acronyms``).
            both = organisation and index.is_organisation(index.name_entity(name_idx))
            key = index.form_key(name_idx)
            listed = index.form(name_idx)
            comparison = compared.get((key, both))
            if comparison is None:
                comparison = compared[key, both] = _compare(form, listed, rarity, floor, both, acronyms)
            listed_text = index.name_text(name_idx)
            if comparison.score > floor:
                comparison = _texts_floor(comparison, texts, listed_text, form, listed)
            elif any(written_alike(text, listed_text, form, listed) for text in texts):
                # (Not written alike, exact_floor would leave the comparison as it is.)
                full = exact.get(key)
                if full is None:
                    full = exact[key] = _compare(form, listed, rarity, 0.0, both, acronyms)
                comparison = _texts_floor(full, texts, listed_text, form, listed)
            score = comparison.score - (0.08 if index.name_is_weak(name_idx) else 0.0)
            entity_idx = index.name_entity(name_idx)
            current = best.get(entity_idx)
            if current is None or score > current[0]:
                best[entity_idx] = (score, name_idx, query_name, comparison.detail)
    return best


def _texts_floor(
    comparison: NameComparison, texts: tuple[str, ...], listed_text: str, query: NameForm, listed: NameForm
) -> NameComparison:
    """``exact_floor`` for the query name written as whichever of ``texts`` raises it most (the
    first of two that raise it alike): the texts of one analysed form, the query name or its
    variants of that form (``PreparedQuery.texts``)."""
    best = comparison
    for text in texts:
        floored = exact_floor(comparison, text, listed_text, query, listed)
        if floored.score > best.score:
            best = floored
    return best


def exact_floor(
    comparison: NameComparison, query_name: str, listed_text: str, query: NameForm | None = None, listed: NameForm | None = None
) -> NameComparison:
    """``comparison`` raised to ``EXACT_NAME_SCORE`` when the query name is the listed name as
    written (``names.exact``): an exact listed name reaches the alert threshold; to
    ``TRANSLITERATED_NAME_SCORE`` when the one is the other as its Cyrillic (Greek, Armenian,
    Georgian) letters read in Latin ones (``names.exact.is_transliterated_as``); to
    ``SLIP_NAME_SCORE`` when it is the listed name as written but for one slip in one word
    (``names.exact.is_slip_of``); and to ``LEGAL_FORM_NAME_SCORE`` when it is the listed name as
    written but for its legal form (``names.exact.is_written_but_for_legal_form``).

    Args:
        comparison: the comparison of the analysed names.
        query_name: the query name as written.
        listed_text: the listed name as written.
        query: the analysed query name, and ...
        listed: ... the analysed listed name, where known: the legal-form test then runs only for
            names of the same words whose listed one carries a form (``bare_alike``), sooner.
    """
    if comparison.score >= EXACT_NAME_SCORE:
        return comparison
    if is_written_as(query_name, listed_text):
        return NameComparison(EXACT_NAME_SCORE, f"{comparison.detail}; the listed name as written, at least {EXACT_NAME_SCORE:.2f}")
    if comparison.score < TRANSLITERATED_NAME_SCORE and is_transliterated_as(query_name, listed_text):
        return NameComparison(
            TRANSLITERATED_NAME_SCORE,
            f"{comparison.detail}; the listed name as its letters read in Latin ones, at least {TRANSLITERATED_NAME_SCORE:.2f}",
        )
    if comparison.score < SLIP_NAME_SCORE and is_slip_of(query_name, listed_text):
        return NameComparison(SLIP_NAME_SCORE, f"{comparison.detail}; the listed name as written but for one slip, at least {SLIP_NAME_SCORE:.2f}")
    if comparison.score < LEGAL_FORM_NAME_SCORE and (
        bare_alike(query_name, listed_text, query, listed)
        if query is not None and listed is not None
        else is_written_but_for_legal_form(query_name, listed_text)
    ):
        return NameComparison(
            LEGAL_FORM_NAME_SCORE,
            f"{comparison.detail}; the listed name as written but for its legal form, at least {LEGAL_FORM_NAME_SCORE:.2f}",
        )
    return comparison


def _shortlist(
    index: MatchIndex, form: NameForm, query_name: str | tuple[str, ...] = "", organisation: bool = False
) -> list[int]:
    """Blocked names worth a full comparison: strong enough blocking weight, then a quick
    C-level string similarity (``MAX_FULL_COMPARISONS`` distinct names, each with its copies on
    other lists among the ``QUICK_RANKED`` best), plus the best blocked names when that similarity
    ranked them below its limit, and any of the best ``WRITTEN_ALIKE_BLOCKED`` blocked names (and
    those tied with the last of them) about as long as the query name as written (or one of its
    variants of this form: ``PreparedQuery.texts``) that are ``written_alike`` it (when given), and up to ``RESPELT_ALIKE_BLOCKED`` names of the query's
    skeletons (``_respelt_alike``), ``UNKNOWN_WORD_BLOCKED`` names sharing the skeleton of a word
    the index does not know (``_unknown_word_respelt``) and ``PARTICLE_FREE_BLOCKED`` names of the
    query's skeletons without its particles (``_particle_free_alike``), and for an organisation query up to ``ACRONYM_BLOCKED``
    names an acronym of it spells, or the other way (``acronym_alike``). For Arabic and Hebrew script, whose skeletons the
    quick similarity misses, the names of the best ``ABJAD_RANKED`` distinct forms by blocking
    weight instead (a name on several lists is compared once, so it takes one place), of which
    ``_abjad_shortlist`` keeps ``MAX_ABJAD_COMPARISONS``.
    """
    if form.transcribed:
        blocked, partial = index.blocked_names(form, TRANSCRIBED_BLOCKED, organisation=organisation)
    else:
        blocked, partial = index.blocked_names(form, organisation=organisation)
    if not blocked:
        return []
    # The share is of the best weight, but not of what only names of exactly the query's words
    # get (``MatchIndex.blocked_names``): an exact namesake does not push out the same words
    # with a middle name or initial added (Sergei PODOPRIGOROV / PODOPRIGOROV, Sergei G.).
    floor = min(blocked[0][1], partial) * MIN_BLOCK_SHARE
    names = [name_idx for name_idx, weight in blocked if weight >= floor]
    if form.abjad:
        return _abjad_shortlist(index, form, _distinct_forms(index, names, ABJAD_RANKED))
    if form.transcribed:
        found = _transcribed_shortlist(index, form, blocked, floor)
        if organisation:
            return found
        # A person's name read by its sounds is also blocked by its loose consonants alone: the
        # reading's letters as written (大卫·萨顿 dawei sadun) meet Arabic names spelt alike
        # (AL-SADUN) that outweigh every Latin spelling sharing only those keys (David Keith Sutton).
        by_sound, sound_partial = index.blocked_names(form, TRANSCRIBED_BLOCKED, sounds_only=True)
        if not by_sound:
            return found
        sound_floor = min(by_sound[0][1], sound_partial) * MIN_BLOCK_SHARE
        kept = set(found)
        return found + [name_idx for name_idx in _transcribed_shortlist(index, form, by_sound, sound_floor) if name_idx not in kept]
    # One place per distinct analysed name: copies of one name from several lists (the same form
    # key, compared once) share a place instead of filling every place. The quick filter ranks
    # up to QUICK_RANKED names, copies (of equal similarity) next to each other; the first
    # MAX_FULL_COMPARISONS distinct forms among them are kept with their ranked copies; names
    # of other spellings among the QUICK_POOL best join them when those are of few (``_other_spellings``).
    text = " ".join(form.tokens)
    choices = index.name_token_texts(names)
    quick = process.extract(text, choices, scorer=fuzz.token_sort_ratio, limit=QUICK_POOL, score_cutoff=QUICK_CUTOFF)
    pool = [names[position] for _, _, position in quick]
    chosen = _distinct_forms(index, pool[:QUICK_RANKED], MAX_FULL_COMPARISONS)
    chosen.extend(_other_spellings(index, pool, chosen))
    for position, name_idx in enumerate(names[:BEST_BLOCKED]):
        if name_idx in chosen:
            continue
        if fuzz.token_sort_ratio(text, choices[position], score_cutoff=QUICK_CUTOFF) or listed_words_met(
            form, index.form(name_idx)
        ):
            chosen.append(name_idx)
    blocked_ids = [name_idx for name_idx, _ in blocked]
    if len(form.tokens) > 1 and not form.han:
        chosen.extend(_rare_word_alike(index, form, text, chosen))
        chosen.extend(_respelt_alike(index, form, text, blocked_ids, names, chosen))
        chosen.extend(_particle_free_alike(index, form, text, chosen))
        chosen.extend(_unknown_word_respelt(index, form, text, chosen))
    if organisation:
        chosen.extend(acronym_alike(index, form, blocked_ids, chosen))
        chosen.extend(_held_whole(index, form, names, chosen))
    texts = tuple(text for text in ((query_name,) if isinstance(query_name, str) else query_name) if text)
    if texts:
        # A listed name written as the query (or a variant of it of this form), or so but for one
        # slip, is compared whatever the quick filter says (a misspelt legal form stays in the
        # query's tokens and lowers it). (Punctuation and spacing aside, such a name is as long as
        # the query: a loose bound on the lengths as written spares the written keys of the others.)
        kept = set(chosen)
        bounds = [(text, len(text), 2 + len(text) // 5) for text in texts]
        verdicts: dict[str, bool] = {}  # one check per text as written (a name on several lists)
        # Names tied with the last of the best places go on: a tie is ordered by word count
        # alone (``ranking.rank_blocked``), which puts a shorter other name before the slipped one.
        last = blocked[min(WRITTEN_ALIKE_BLOCKED, len(names)) - 1][1]
        for place, name_idx in enumerate(names):
            if place >= WRITTEN_ALIKE_BLOCKED and blocked[place][1] < last:
                break
            listed_text = index.name_text(name_idx)
            near = [text for text, length, slack in bounds if abs(len(listed_text) - length) <= slack]
            if name_idx in kept or not near:
                continue
            alike = verdicts.get(listed_text)
            if alike is None:
                if len(verdicts) == WRITTEN_ALIKE_BLOCKED:
                    continue
                alike = verdicts[listed_text] = any(written_alike(text, listed_text) for text in near)
            if alike:
                chosen.append(name_idx)
    return chosen


def listed_words_met(form: NameForm, listed: NameForm) -> bool:
    """Whether every fully counting word of a listed name (``HELD_WORDS`` or more; neither name
    in an abjad or Chinese characters) meets its own word of the query at ``HELD_SIMILARITY`` or
    more: the listed name is held in the query, give or take a respelling (OUAZ, Najib in AL-WAZ,
    Najib Ben Mohamed Ben Salem), or is the same East Slavic given name in another language's form
    (``given_names.same_given_name``: Yahor Osin in Egor Osin, whose quick similarity is too low).

    Args:
        form: the analysed query name.
        listed: the analysed listed name.
    Returns:
        True when every such word met one (greedily: each query word is taken once, by the first
        listed word it meets; a pairing that only the best-pairs-first order finds is missed, which
        costs this rescue alone).
    """
    if listed.significant < HELD_WORDS or form.abjad or listed.abjad or form.han or listed.han:
        return False
    free = [(token, skel) for token, skel, weight in zip(form.tokens, form.skeletons, form.weights) if weight >= 1.0]
    for token, skel, weight in zip(listed.tokens, listed.skeletons, listed.weights):
        if weight < 1.0:
            continue
        for place, (other, other_skel) in enumerate(free):
            if (
                token == other
                or same_given_name(token, other)
                or token_similarity(other, other_skel, token, skel, False) >= HELD_SIMILARITY
            ):
                del free[place]
                break
        else:
            return False
    return True


def _respelt_alike(
    index: MatchIndex, form: NameForm, text: str, blocked: list[int], names: list[int], chosen: list[int]
) -> list[int]:
    """Of the ``blocked`` names not ``chosen``, those with the query's consonant skeletons and
    legal forms (its words respelt: ``'ALI, Muhammad`` for ``ALI, Mohamed``, ``JUNG JONG KIM`` for
    ``Kim Chung Chong``; skeletons as the ``&`` key folds them, ``blocking.folded_skeletons``),
    their ``RESPELT_ALIKE_BLOCKED`` distinct forms most like the query by the quick similarity
    (``text``: the query's tokens), with their copies.

    The quick filter prefers names holding the query's words as written plus others (``ALI,
    Mohamed Mire``, ``RAGE, Ali Mohamed``) to the same words respelt, and such names of a common
    name fill its places. They also outweigh the respelt name in blocking, sharing the query's
    common words as written where it shares only the whole-skeleton key, so it may fall below
    ``MIN_BLOCK_SHARE`` of the best (``MatchIndex.blocked_names`` returns it all the same): any
    blocked name under the query's ``&`` key counts, and of ``names`` (those within the share)
    also those whose analysed forms have the query's skeletons without that key (a name in
    Arabic script: ``کشا یسمیل`` for ``KOSHA Ismail``)."""
    wanted_skeletons = " ".join(sorted(folded_skeletons(form.skeletons)))
    wanted_legal = " ".join(sorted(form.legal_forms))
    # (Without function words, the ``&`` key is these two: not worked out again.)
    whole_key = (
        f"&{wanted_skeletons}|{wanted_legal}" if FUNCTION_WORD_WEIGHT not in form.weights else whole_skeleton_key(form)
    )
    under = index.names_under(whole_key)
    within = set(names)
    kept = set(chosen)
    # Folding and sorting keep the length (one letter for one): most names differ in it, read
    # from the index's table before their forms. (Folding the space-joined skeletons at once
    # folds each: no fold writes a space.)
    wanted_length, skeleton_lengths = len(wanted_skeletons), index.skeleton_lengths
    found: list[tuple[float, int]] = []
    for position, name_idx in enumerate(blocked):
        if name_idx in kept:
            continue
        if name_idx not in under:
            if name_idx not in within or skeleton_lengths[name_idx] != wanted_length:
                continue
            key = index.form_key(name_idx)
            dumped = NameForm.dumped_skeletons(key)
            if " ".join(sorted(dumped.translate(SKELETON_FOLDS).split(" "))) != wanted_skeletons:
                continue
            if " ".join(sorted(NameForm.dumped_legal_forms(key).split())) != wanted_legal:
                continue
        found.append((-fuzz.token_sort_ratio(text, index.name_token_text(name_idx)), position))
    if not found:
        return []
    found.sort()
    return _distinct_forms(index, [blocked[position] for _, position in found], RESPELT_ALIKE_BLOCKED)


def _unknown_word_respelt(index: MatchIndex, form: NameForm, text: str, chosen: list[int]) -> list[int]:
    """Listed names sharing the consonant skeleton of a word of the query that no listed name
    holds as written (``UNKNOWN_WORD_NAMES``), not ``chosen``: their ``UNKNOWN_WORD_BLOCKED``
    distinct forms most like the query by the quick similarity (``text``: the query's tokens),
    when at least ``QUICK_CUTOFF``, with their copies.

    A word the index does not know is likely respelt (PECHEN for PECHAN, VEITZ for WEITZ): it
    adds no weight in blocking, so the names sharing the query's other, common words (Igor
    Nikolaevich, Aleksey Yevgenevich) fill the places, and the one holding the respelt word, often
    the family name, is never compared. Its skeleton (a respelt w as v: ``blocking.name_keys``)
    names few listed names.
    """
    kept = set(chosen)
    found: set[int] = set()
    for token, skel, weight in zip(form.tokens, form.skeletons, form.weights):
        if weight < 1.0 or len(skel) < UNKNOWN_WORD_SKELETON or not token.isalpha() or index.key_count(token):
            continue
        if 0 < index.key_count("~" + skel) <= UNKNOWN_WORD_NAMES:
            found.update(name_idx for name_idx in index.names_under("~" + skel) if name_idx not in kept)
    if not found:
        return []
    return _distinct_forms(index, _quick_ranked(index, text, found), UNKNOWN_WORD_BLOCKED)


def without_particles(form: NameForm) -> NameForm | None:
    """``form`` without its particles and titles (``names.parts.PARTICLE_WEIGHT``: al, abu, bin,
    Maulana, Sheikh), when it has some and at least two other words are left; else None."""
    if PARTICLE_WEIGHT not in form.weights:
        return None
    kept = [place for place, weight in enumerate(form.weights) if weight != PARTICLE_WEIGHT]
    if len(kept) < 2:
        return None
    return form.with_words(
        tuple(form.tokens[place] for place in kept),
        tuple(form.weights[place] for place in kept),
        tuple(form.skeletons[place] for place in kept),
    )


def _particle_free_alike(index: MatchIndex, form: NameForm, text: str, chosen: list[int]) -> list[int]:
    """Listed names under the whole-skeleton key (``&``) of the query without its particles and
    titles (``without_particles``), when at most ``RARE_WORD_NAMES`` names are, that are not
    ``chosen``, that share one of the query's own keys: their ``PARTICLE_FREE_BLOCKED`` distinct
    forms most like the query by the quick similarity (``text``: the query's tokens), when at least
    ``QUICK_CUTOFF``, with their copies.

    A title or particle that one list writes and another leaves out (``HAMZA, Maulana Ameer`` /
    ``HAMZA, Amir``) breaks every key that spans it (the whole-name and whole-skeleton keys, the
    fused pairs), and with a word respelt as well the listed name shares only the common words'
    keys with the query, which hundreds of names hold: it is not even blocked. The other words'
    consonant skeletons, in any order, are as rare a key as the whole name's.
    """
    bare = without_particles(form)
    if bare is None:
        return []
    key = whole_skeleton_key(bare)
    if not 0 < index.key_count(key) <= RARE_WORD_NAMES:
        return []
    kept = set(chosen)
    found = [name_idx for name_idx in index.names_under(key) if name_idx not in kept]
    if not found:
        return []
    # Re-screening's bounds (``cases.delta``) reach a listed name only through a key it shares
    # with the query, and skip the pairs the quick similarity rules out (``QUICK_CUTOFF``): this
    # key is not the query's, so only names that share one of its own keys, and pass that filter.
    own = name_keys(form, affixes=False)
    ranked = [
        name_idx for name_idx in _quick_ranked(index, text, found)
        if not own.isdisjoint(listed_name_keys(index.form(name_idx), index.is_organisation(index.name_entity(name_idx))))
    ]
    return _distinct_forms(index, ranked, PARTICLE_FREE_BLOCKED)


def _rare_word_alike(index: MatchIndex, form: NameForm, text: str, chosen: list[int]) -> list[int]:
    """Listed names holding a rare word of the query as written (``RARE_WORD_NAMES``) that are
    not ``chosen``, their ``RARE_WORD_BLOCKED`` distinct forms most like the query by the quick
    similarity (``text``: the query's tokens), with their copies.

    A company's own word, written alike, names it; its other words (its trade, its place, a
    kind of body) vary between its names: ``HSJ Electronic Hong Kong Limited`` / ``HSJ
    Electronics``, ``BENEATHCO GENERAL TRADING DMCC`` / ``BENEATHCO DMCC``. Names sharing the
    query's common words (``Hong Kong Electronics``, forty names of ``General Trading``)
    outweigh it in blocking and in the quick filter, so it was never compared.
    """
    kept = set(chosen)
    found: set[int] = set()
    for token, weight in zip(form.tokens, form.weights):
        if weight < 1.0 or len(token) < RARE_WORD_LETTERS or not token.isalpha():
            continue
        if 0 < index.key_count(token) <= RARE_WORD_NAMES:
            found.update(name_idx for name_idx in index.names_under(token) if name_idx not in kept)
    if not found:
        return []
    return _distinct_forms(index, _quick_ranked(index, text, found), RARE_WORD_BLOCKED)


def _quick_ranked(index: MatchIndex, text: str, found: set[int] | list[int]) -> list[int]:
    """``found`` names that the quick similarity to ``text`` (the query's tokens) does not rule
    out, most similar first (ties by name index). Only those: re-screening's bound skips the pairs
    below ``QUICK_CUTOFF`` (``cases.delta.comparable``)."""
    similarity = {name_idx: fuzz.token_sort_ratio(text, index.name_token_text(name_idx)) for name_idx in found}
    return sorted((n for n in found if similarity[n] >= QUICK_CUTOFF), key=lambda n: (-similarity[n], n))


def acronym_alike(index: MatchIndex, form: NameForm, blocked: list[int], chosen: list[int]) -> list[int]:
    """Of the ``blocked`` names (best blocking weight first) not ``chosen``, the listed
    organisation names that an acronym of the query spells the initials of, or whose acronym
    spells the query's initials (under one of ``names.acronyms.query_keys``): their
    ``ACRONYM_BLOCKED`` distinct forms, with their copies. Such a name shares no word with the
    query (SMIC / Semiconductor Manufacturing International Corporation), so the quick filter
    rules it out."""
    under: set[int] = set()
    rare: list[int] = []  # names under a key of at most RARE_WORD_NAMES names, blocked or not
    for key in sorted(acronym_query_keys(form)):
        count = index.key_count(key)
        if 0 < count <= ACRONYM_NAMES:
            names = index.names_under(key)
            under.update(names)
            if count <= RARE_WORD_NAMES:
                rare.extend(sorted(names))
    if not under:
        return []
    kept = set(chosen)
    blocked_set = set(blocked)
    candidates = [name_idx for name_idx in blocked if name_idx in under]
    candidates += [name_idx for name_idx in dict.fromkeys(rare) if name_idx not in blocked_set]
    found = _distinct_forms(index, [
        name_idx for name_idx in candidates
        if name_idx not in kept and index.is_organisation(index.name_entity(name_idx))
    ], ACRONYM_RANKED)
    if len({index.form_key(name_idx) for name_idx in found}) <= ACRONYM_BLOCKED:
        return found
    # The acronym spells many names' initials (SMIC: Semiconductor Manufacturing International
    # Corporation, and its subsidiaries (Beijing) and (Shenzhen)): those whose written-out
    # comparison scores best.
    rarity = index.rarity_of
    scores: dict[str, float] = {}
    for name_idx in found:
        key = index.form_key(name_idx)
        if key not in scores:
            written_out = acronym_comparison(form, index.form(name_idx), rarity)
            scores[key] = written_out.score if written_out is not None else 0.0
    best = set(sorted(scores, key=lambda key: -scores[key])[:ACRONYM_BLOCKED])
    return [name_idx for name_idx in found if index.form_key(name_idx) in best]


def _held_whole(index: MatchIndex, form: NameForm, names: list[int], chosen: list[int]) -> list[int]:
    """Of the ``names`` within the share of the best blocking weight (best first) not ``chosen``,
    the organisation names that hold every word of the query (or its one rare long word), or whose
    every word the query holds (``names.organisations.holds_whole``, read from the index's text): their ``HELD_WHOLE_BLOCKED`` distinct forms,
    with their copies. The quick filter rules out a short name held in a long one (EBLA HOTEL /
    EBLA HOTEL AND OMAYAD PALACE FOR CONFERENCES): most of the long one's letters are not the
    short one's."""
    kept = set(chosen)
    found: list[int] = []
    verdicts: dict[str, bool] = {}
    brand = is_brand_word(form, index.rarity_of)
    for name_idx in names:
        if name_idx in kept:
            continue
        key = index.form_key(name_idx)
        whole = verdicts.get(key)
        if whole is None:
            if len(verdicts) == HELD_WHOLE_CHECKED:
                break
            # (Read from the form's text: most of these names are never compared, nor parsed.)
            whole = verdicts[key] = holds_whole_words(form, *NameForm.dumped_words(key), brand)
        if whole and index.is_organisation(index.name_entity(name_idx)):
            found.append(name_idx)
    return _distinct_forms(index, found, HELD_WHOLE_BLOCKED)


def _abjad_shortlist(index: MatchIndex, form: NameForm, ranked: list[int]) -> list[int]:
    """``ranked`` (an abjad query's blocked names, best first) kept to ``MAX_ABJAD_COMPARISONS``
    distinct forms: the best ``ABJAD_BEST_BLOCKED`` by blocking weight, then the rest by the
    quick similarity of their consonant skeletons to the query's (ties in blocking order)."""
    keys = list(dict.fromkeys(index.form_key(name_idx) for name_idx in ranked))
    if len(keys) <= MAX_ABJAD_COMPARISONS:
        return ranked
    skeletons = " ".join(form.skeletons)
    rest = keys[ABJAD_BEST_BLOCKED:]
    similarity = {key: fuzz.token_sort_ratio(skeletons, NameForm.dumped_skeletons(key)) for key in rest}
    rest.sort(key=lambda key: -similarity[key])
    kept = set(keys[:ABJAD_BEST_BLOCKED]) | set(rest[: MAX_ABJAD_COMPARISONS - ABJAD_BEST_BLOCKED])
    return [name_idx for name_idx in ranked if index.form_key(name_idx) in kept]


def written_alike(query_name: str, listed_text: str, query: NameForm | None = None, listed: NameForm | None = None) -> bool:
    """Whether the query name is the listed name as written, or so but for one slip, or as its
    Cyrillic (Greek, Armenian, Georgian) letters read in Latin ones (``names.exact``); given the
    analysed names, also so but for its legal form (``bare_alike``)."""
    return (
        is_written_as(query_name, listed_text)
        or is_slip_of(query_name, listed_text)
        or is_transliterated_as(query_name, listed_text)
        or (query is not None and listed is not None and bare_alike(query_name, listed_text, query, listed))
    )


def bare_alike(query_name: str, listed_text: str, query: NameForm, listed: NameForm) -> bool:
    """``names.exact.is_written_but_for_legal_form``, tested only where it can hold: the analysed
    names are the same words and the listed one carries a legal form (one tuple comparison spares
    most candidates the legal-form parse of their text)."""
    return query.tokens == listed.tokens and bool(listed.legal_forms) and is_written_but_for_legal_form(query_name, listed_text)


@functools.lru_cache(maxsize=65536)
def _sound_spelt(text: str) -> str:
    """A name's space-separated words each spelt as transcription hears them (``sound_spelling``);
    cached: a listed name is blocked under the same keys by many readings."""
    return " ".join(map(sound_spelling, text.split()))


def _transcribed_shortlist(index: MatchIndex, form: NameForm, blocked: list[tuple[int, float]], floor: float) -> list[int]:
    """The ``blocked`` names (with their blocking weights) worth comparing with a foreign name in
    Chinese characters read by its sounds (``names.transcribed``): of those at or above
    ``floor``, the first ``TRANSCRIBED_BEST_BLOCKED`` distinct forms by blocking weight (its
    ``$`` keys), then the most like it by the quick similarity of their words to its readings,
    both spelt as transcription hears them (``transcribed.sound_spelling``; equal ones by
    blocking weight), ``QUICK_RANKED`` distinct forms in all.

    The loose consonants of a reading are those of many names (塔兰蒂斯 talandis: t l n t s, as
    Tarantis and Durondiz; 伊比鲁斯 ibilus: p l s, as Epirus and Biblios), which blocking weight
    does not tell apart; the vowels, which the keys leave out, do: the reading so spelt is
    Epirus's (ipilus), not Biblios's (piplius).
    """
    names = [name_idx for name_idx, weight in blocked if weight >= floor]
    choices = [_sound_spelt(text) for text in index.name_token_texts(names)]
    quick = process.extract(_sound_spelt(" ".join(form.tokens)), choices, scorer=fuzz.ratio, limit=None)
    similarity = {position: score for _, score, position in quick}
    best = _distinct_forms(index, names, TRANSCRIBED_BEST_BLOCKED)
    kept = set(best)
    order = sorted(range(len(names)), key=lambda position: (-similarity[position], -blocked[position][1]))
    ranked = [names[position] for position in order if names[position] not in kept]
    return best + _distinct_forms(index, ranked, QUICK_RANKED - TRANSCRIBED_BEST_BLOCKED)


def _distinct_forms(index: MatchIndex, names: list[int], limit: int) -> list[int]:
    """``names`` (in order) whose analysed forms are among the first ``limit`` distinct ones."""
    kept: list[int] = []
    seen: set[str] = set()
    for name_idx in names:
        key = index.form_key(name_idx)
        if key not in seen:
            if len(seen) == limit:
                continue
            seen.add(key)
        kept.append(name_idx)
    return kept


def spelling_group(form_key: str) -> str:
    """The consonant skeletons (folded as the ``&`` key folds them, in any order) and legal forms
    of a listed name's analysed form (``MatchIndex.form_key``): equal for spellings of one name
    (Abu Mohammed al-Adnani, ABOU MOHAMED AL ADNANI, AL-ADNANI, Abu Mohammad)."""
    skeletons = NameForm.dumped_skeletons(form_key).translate(SKELETON_FOLDS).split(" ")
    return " ".join(sorted(skeletons)) + "|" + " ".join(sorted(NameForm.dumped_legal_forms(form_key).split()))


def _other_spellings(index: MatchIndex, pool: list[int], chosen: list[int]) -> list[int]:
    """Of the ``pool`` names (quick-ranked, best first) not ``chosen``, the best of spelling
    groups (``spelling_group``) that no chosen name is of, until the chosen and these are of
    ``MIN_SPELLING_GROUPS`` groups, with their copies in ``pool``."""
    groups = {spelling_group(index.form_key(name_idx)) for name_idx in chosen}
    if len(groups) >= MIN_SPELLING_GROUPS or len(pool) <= len(chosen):
        return []
    kept = set(chosen)
    added: set[str] = set()
    for name_idx in pool:
        if len(groups) == MIN_SPELLING_GROUPS:
            break
        key = index.form_key(name_idx)
        if name_idx in kept or key in added:
            continue
        group = spelling_group(key)
        if group not in groups:
            groups.add(group)
            added.add(key)
    return [name_idx for name_idx in pool if name_idx not in kept and index.form_key(name_idx) in added]


def _compare(
    form: NameForm, listed: NameForm, rarity: Rarity, floor: float, both: bool, acronyms: bool
) -> NameComparison:
    """Two organisation names (``both``) by ``compare_organisations`` (the query's words read as
    acronyms where ``acronyms``), any other pair by ``compare_names``."""
    return compare_organisations(form, listed, rarity, floor, acronyms) if both else compare_names(form, listed, rarity, floor)


def _entity_best_name(index: MatchIndex, prepared: PreparedQuery, entity_idx: int) -> tuple[float, int, str, str]:
    """Compare every name of one entity (for entities reached by identifier, not by name)."""
    names = index.entity_names(entity_idx)
    best = (0.0, names.start, prepared.names[0][0] if prepared.names else "", "no query name")
    rarity = index.rarity_of
    both = prepared.schema != "Person" and index.is_organisation(entity_idx)
    for query_name, texts, form in prepared.written_names():
        acronyms = query_name not in prepared.worded
        for name_idx in names:
            listed = index.form(name_idx)
            compared = _compare(form, listed, rarity, 0.0, both, acronyms)
            comparison = _texts_floor(compared, texts, index.name_text(name_idx), form, listed)
            if comparison.score > best[0]:
                best = (comparison.score, name_idx, query_name, comparison.detail)
    return best


def _candidate(index: MatchIndex, entity_idx: int, found: tuple[float, int, str, str]) -> Candidate:
    score, name_idx, query_name, detail = found
    weak = index.name_is_weak(name_idx)
    raw = score + (0.08 if weak else 0.0)
    return Candidate(index.record(entity_idx), raw, query_name, index.name_text(name_idx), weak, detail, index.form(name_idx))


def _make_match(cand: Candidate, score: float, kind: str, results: list[FeatureResult], explanation: str) -> Match:
    record = cand.record
    return Match(
        entity_id=record.entity_id,
        source=record.source,
        source_id=record.source_id,
        caption=record.caption,
        schema=record.schema,
        matched_name=cand.matched_name,
        query_name=cand.query_name,
        score=round(score, 4),
        kind=kind,
        features=results,
        explanation=explanation,
    )


def match_prepared(index: MatchIndex, prepared: PreparedQuery, limit: int, min_score: float, query: Query | None = None) -> list[Match]:
    """Match a prepared query against ``index``.

    Args:
        index: the candidate index.
        prepared: the prepared query.
        limit: the most matches to return.
        min_score: matches scoring below this are dropped.
        query: the original query, for its shared identifiers (addresses, e-mails ...).
    Returns:
        Matches, best first.
    """
    matches: dict[int, Match] = {}
    floor = name_floor(prepared, min_score)
    best = _best_names(index, prepared, floor)
    weights = query_weights(prepared)
    for entity_idx, found in best.items():
        if found[0] <= floor:
            # Every other feature at full value would not lift it to ``min_score`` (``name_floor``):
            # not worth scoring.
            continue
        cand = _candidate(index, entity_idx, found)
        score, results = score_candidate(prepared, cand, weights)
        if score >= min_score:
            matches[entity_idx] = _make_match(cand, score, MatchKind.NAME.value, results, explain(score, results))
    if query is not None:
        for key in _query_shared_keys(query):
            kind = IdentifierKind(key.split(":", 1)[0])
            for entity_idx in index.shared_entities(key):
                _add_shared(index, prepared, matches, entity_idx, kind, key, min_score)
    ranked = sorted(matches.values(), key=lambda m: (-m.score, m.entity_id))
    return ranked[:limit]


def _add_shared(
    index: MatchIndex,
    prepared: PreparedQuery,
    matches: dict[int, Match],
    entity_idx: int,
    kind: IdentifierKind,
    key: str,
    min_score: float,
) -> None:
    cand = _candidate(index, entity_idx, _entity_best_name(index, prepared, entity_idx))
    name_score, results = score_candidate(prepared, cand)
    value = key.split(":", 1)[1]
    if cand.name_score >= NAME_KIND_FLOOR and name_score >= min_score:
        existing = matches.get(entity_idx)
        if existing is None or existing.score < name_score:
            matches[entity_idx] = _make_match(cand, name_score, MatchKind.NAME.value, results, explain(name_score, results))
        return
    shared_score = SHARED_SCORES[kind]
    existing = matches.get(entity_idx)
    if existing is not None and existing.score >= shared_score:
        return
    feature = FeatureResult(f"shared_{kind.value}", 1.0, shared_score, shared_score, f"shared {kind.value} {value!r}")
    name_note = next((r for r in results if r.name == "name_similarity"), None)
    detail = f"shares {kind.value} {value!r} with the listed entity"
    if name_note is not None:
        detail += f"; names differ ({name_note.detail}, {name_note.value:.2f})"
    matches[entity_idx] = _make_match(cand, shared_score, MatchKind.SHARED_IDENTIFIER.value, [feature], f"score {shared_score:.2f}: {detail}")
