"""Small explained comparisons of a query with one listed candidate (nomenklatura logic-v1 style).

Each feature is ``(query, candidate) -> Evidence | None``: a value in [0, 1] and a sentence saying
why, or None when the feature does not apply (e.g. the query has no birth date). Its weight sits in
``score.WEIGHTS``; its docstring is its documentation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tradewarden.match.records import ListedRecord, schemata_compatible
from tradewarden.names.analyze import NameForm, analyze_name
from tradewarden.names.abjad import cross_similarity, romanise
from tradewarden.names.compare import token_similarity
from tradewarden.names.given_names import patronymic_of, same_given_name
from tradewarden.names.exact import is_slip_of
from tradewarden.names.parts import feminine_of, name_role
from tradewarden.names.phonetic import respell, skeleton
from tradewarden.names.script import Script, scripts_of

#: Two patronymics at least this similar (``token_similarity``), or of one consonant skeleton, are
#: one patronymic spelt two ways (Alekseyevich / Alexeevich); otherwise they name different fathers.
SAME_PATRONYMIC = 0.8


@dataclass(frozen=True, slots=True)
class Evidence:
    """What one feature found: ``value`` in [0, 1] and a readable ``detail``."""

    value: float
    detail: str


@dataclass(frozen=True, slots=True)
class PreparedQuery:
    """A query with its names analysed and its other facts normalised once."""

    names: tuple[tuple[str, NameForm], ...]
    schema: str | None
    countries: frozenset[str]
    birth_dates: tuple[str, ...]
    identifier_keys: frozenset[str]
    #: The texts each of ``names`` was analysed from: the query name, or its variants of that
    #: form (``names.variants.name_variants``: ``Акционерное Общество «Радиант-ЭК»`` and ``АО
    #: «Радиант-ЭК»`` of ``Акционерное Общество «Радиант-ЭК» (АО «Радиант-ЭК»)``), which the
    #: written-name floors test (``names.exact``): those of two words or more, else the query name
    #: itself; empty: the query names themselves.
    texts: tuple[tuple[str, ...], ...] = ()
    #: The query names written as words (``names.acronyms.written_as_words``: Klemt GmbH): no word
    #: of theirs is read as an acronym.
    worded: frozenset[str] = frozenset()

    def written_names(self) -> list[tuple[str, tuple[str, ...], NameForm]]:
        """(query name, the texts analysed to the form, the form) for each analysed name."""
        texts = self.texts or tuple((name,) for name, _ in self.names)
        return [(name, text, form) for (name, form), text in zip(self.names, texts, strict=True)]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A listed entity with its best-matching name already compared.

    ``matched_form`` is the index's analysis of ``matched_name`` (as the listed entity's kind:
    a person's name as a person's), so features need not analyse it again; None where no listed
    name was met (re-screening's bounds), and the features analyse ``matched_name`` then.
    """

    record: ListedRecord
    name_score: float
    query_name: str
    matched_name: str
    weak_alias: bool
    name_detail: str
    matched_form: NameForm | None = None


def _query_forms(query: PreparedQuery, cand: Candidate) -> list[NameForm]:
    """The analysed forms of the query name that met the listed name (one, unless the query
    gives a name twice)."""
    return [form for name, form in query.names if name == cand.query_name]


def _listed_form(cand: Candidate) -> NameForm:
    """The listed name met, analysed as the listed entity's kind (the index's stored form)."""
    if cand.matched_form is not None:
        return cand.matched_form
    return analyze_name(cand.matched_name, cand.record.schema == "Person")


def name_similarity(query: PreparedQuery, cand: Candidate) -> Evidence | None:
    """How similar the best pair of a query name and a listed name is (token alignment, skeletons)."""
    return Evidence(cand.name_score, f"{cand.query_name!r} ~ {cand.matched_name!r}: {cand.name_detail}")


def weak_alias(query: PreparedQuery, cand: Candidate) -> Evidence | None:
    """The name met is a weak (low-quality) alias of the listed entity, which counts for less."""
    if not cand.weak_alias:
        return None
    return Evidence(1.0, f"{cand.matched_name!r} is a weak alias")


def schema_mismatch(query: PreparedQuery, cand: Candidate) -> Evidence | None:
    """The query and the listed entity are different kinds of thing (a person and a vessel)."""
    if schemata_compatible(query.schema, cand.record.schema):
        return None
    return Evidence(1.0, f"query is a {query.schema}, listed entity a {cand.record.schema}")


#: ``company_name_for_person``'s value where the person's name is one word or more.
PERSON_OF_ONE_WORD = 1.0
PERSON_OF_WORDS = 0.5


def company_name_for_person(query: PreparedQuery, cand: Candidate) -> Evidence | None:
    """One side is a person and the other side's name carries a legal form or company word
    (``Ltd``, ``GmbH``, ``Group``): a company named like a person is not that person. Twice so
    where the person's name is one word (YERMAKOVA / AO «Yermakova»): a family name alone names a
    family, and a company named after it is one of many."""
    if cand.record.schema == "Person":
        # Words the listed person's own name carries too ("MUN SAN SON", "WEI, Lin Na" read as
        # legal forms) say nothing about the query being a company.
        carried = [form.legal_forms for form in _query_forms(query, cand) if form.legal_forms]
        if carried:  # only then is the listed name analysed (most queries carry no legal form)
            own = set(analyze_name(cand.matched_name, False).legal_forms)
            forms = [found for found in ([legal for legal in legal_forms if legal not in own] for legal_forms in carried) if found]
            if forms:
                value = PERSON_OF_ONE_WORD if _listed_form(cand).significant <= 1 else PERSON_OF_WORDS
                return Evidence(value, f"{cand.query_name!r} is a company name ({', '.join(forms[0])}), the listed entity a person")
    elif query.schema == "Person":
        legal = _listed_form(cand).legal_forms
        if legal:
            mine = _query_forms(query, cand)
            value = PERSON_OF_ONE_WORD if mine and mine[0].significant <= 1 else PERSON_OF_WORDS
            return Evidence(value, f"{cand.matched_name!r} is a company name ({', '.join(legal)}), the query a person")
    return None


def one_word_otherwise(query: PreparedQuery, cand: Candidate) -> Evidence | None:
    """Both names rest on one word (legal forms and generic organisation words aside, and one
    side carries a legal form), written in Latin script on both sides, and the two words differ
    beyond a respelling (Sanders Inc / Santers Holding, Snyder Ltd / Schneider GmbH, Textor KG /
    TextOre): a company name of one word has only its spelling to go on, and one word spelt
    otherwise is as often another family's name as a misspelling. A listed name as written but for one slip (``exact.is_slip_of``: the typo
    of a user who copies it) is left alone, and so are other scripts, whose romanisations
    differ by more than a slip (Ростех / Rostec)."""
    mine = _query_forms(query, cand)
    if not mine or mine[0].significant != 1 or mine[0].abjad or mine[0].han:
        return None
    listed = _listed_form(cand)
    if listed.significant != 1 or listed.abjad or listed.han:
        return None
    if not (mine[0].legal_forms or listed.legal_forms):
        # Bare words (FYENIKS / FENIKS, EMEBDI / EMBEDI) and persons' names (Abu Luqman / LOQMAN,
        # Abu): a code word or a name as listed, typed again; only a company name is read so.
        return None
    q = next(t for t, w in zip(mine[0].tokens, mine[0].weights) if w >= 1.0)
    c = next(t for t, w in zip(listed.tokens, listed.weights) if w >= 1.0)
    if q == c or _hard_c(respell(q)) == _hard_c(respell(c)):
        return None
    if scripts_of(cand.query_name) != Script.LATIN or scripts_of(cand.matched_name) != Script.LATIN:
        return None
    if is_slip_of(cand.query_name, cand.matched_name):
        return None
    return Evidence(1.0, f"one word each, spelt otherwise: {q} / {c}")


def family_name_company(query: PreparedQuery, cand: Candidate) -> Evidence | None:
    """Both names are organisation names that rest on one word, an East Slavic family name by its
    ending (``parts.name_role``: Yakovlev, Kalashnikova), each with a legal form or generic
    organisation word, and no legal form shared (Яковлев Групп / ПАО «Яковлев», NPO «Kalashnikova» /
    JSC Kalashnikov): a family name with a company word names one of many family firms (ООО
    «Иванов», Иванов Групп), so the name alone does not say which. The same legal form written
    another way (ООО / LLC, ПАО / PJSC) is shared, and a name without one (Yakovlev) is left alone."""
    if cand.record.schema == "Person" or query.schema == "Person":
        return None
    mine = _query_forms(query, cand)
    if not mine or mine[0].significant != 1 or not mine[0].legal_forms or mine[0].abjad or mine[0].han:
        return None
    q = next(t for t, w in zip(mine[0].tokens, mine[0].weights) if w >= 1.0)
    if name_role(q) != "surname":
        return None
    listed = _listed_form(cand)
    if listed.significant != 1 or not listed.legal_forms or listed.abjad or listed.han:
        return None
    c = next(t for t, w in zip(listed.tokens, listed.weights) if w >= 1.0)
    if name_role(c) != "surname" or set(mine[0].legal_forms) & set(listed.legal_forms):
        return None
    return Evidence(1.0, f"a family name alone with another company word: {q} ({', '.join(mine[0].legal_forms)}) / {c} ({', '.join(listed.legal_forms)})")


def _hard_c(token: str) -> str:
    """``token`` with c and ck written k: one sound that Latin spellings and romanisations of
    Cyrillic write either way (Dielcom / Dielkom)."""
    return token.replace("ck", "k").replace("c", "k")


def patronymic_conflict(query: PreparedQuery, cand: Candidate) -> Evidence | None:
    """Both names give an East Slavic patronymic and no two of them are one name spelt two ways
    (Vladimir Vikentyevich SOROKIN / Vladimir Alekseyevich SOROKIN): the father's names differ,
    so these are namesakes. Two patronymics of fathers the given-name table knows are one where
    the fathers are one (Mykolaivna / Nikolaevna), two where they are two however alike the
    spellings (Yulyevna / Yuryevna: Yuliy, Yuriy: ``given_names.patronymic_of``). A patronymic
    left out on either side is no conflict."""
    if cand.record.schema != "Person":
        return None
    mine = [token for form in _query_forms(query, cand) for token in form.tokens if name_role(token) == "patronymic"]
    if not mine:  # only then is the listed name analysed (most queries give no patronymic)
        return None
    listed = [token for token in _listed_form(cand).tokens if name_role(token) == "patronymic"]
    if not listed:
        return None
    for q in mine:
        for c in listed:
            fathers = patronymic_of(q), patronymic_of(c)
            if fathers[0] is not None and fathers[1] is not None:
                # Both fathers' names known (``given_names``): one father or two, however alike
                # the spellings (Yulyevna / Yuryevna: Yuliy and Yuriy).
                if fathers[0] == fathers[1]:
                    return None
                continue
            # Same consonants alone suffice here: Ukrainian and Russian forms of one patronymic
            # put their vowels elsewhere (Volodymyrovych / Vladimirovich).
            q_skel, c_skel = skeleton(q), skeleton(c)
            if (
                q_skel == c_skel
                or token_similarity(q, q_skel, c, c_skel, False) >= SAME_PATRONYMIC
                or same_given_name(q, c)  # one father's name in two languages (Mykolaivna / Nikolaevna)
            ):
                return None
    return Evidence(1.0, f"patronymic {mine[0]} vs listed {listed[0]}")


def gender_conflict(query: PreparedQuery, cand: Candidate) -> Evidence | None:
    """A name of one side is the other gender's form of a name of the other side (Aleksandra /
    Aleksandr, Yevgeniya / Yevgeniy: ``parts.feminine_of``): a woman and a man, so namesakes.

    A family name alone in the other gender (Ivanova / Ivanov) says nothing: lists and documents
    write a woman's family name in the masculine form now and then. So the conflict takes a
    given name in the other gender (a token that is not a family name by its ending,
    ``name_role``), or two names in the other gender (Aleksandra Belyayeva / Aleksandr BELYAEV:
    the family name ending ``-ina`` or ``-ova`` hides which token is the given name,
    Valentina). Names written in Arabic script are left alone: their romanisation drops the
    vowels that mark the gender."""
    if cand.record.schema != "Person":
        return None
    mine = {token for form in _query_forms(query, cand) if not form.abjad for token in form.tokens}
    if not mine:
        return None
    form = _listed_form(cand)
    if form.abjad:
        return None
    mine_only, listed_only = mine.difference(form.tokens), set(form.tokens).difference(mine)
    # A feminine form ends in a: only such tokens are tried (most names give none or one).
    flips = [(q, c) for q in mine_only if q[-1] == "a" for c in listed_only if feminine_of(q, c)]
    flips += [(q, c) for c in listed_only if c[-1] == "a" for q in mine_only if feminine_of(c, q)]
    if not flips:
        return None
    given = [(q, c) for q, c in flips if name_role(q) != "surname" and name_role(c) != "surname"]
    if len(flips) < 2 and not given:
        return None
    q, c = (given or flips)[0]
    return Evidence(1.0, f"{q} vs listed {c}: a woman's and a man's name")


def legal_form_match(query: PreparedQuery, cand: Candidate) -> Evidence | None:
    """The query name and the listed organisation's name carry the same legal form (``ООО`` /
    ``LLC``, ``АО`` / ``Joint-Stock Company``): the same kind of body, a little more evidence."""
    if cand.record.schema == "Person":
        return None
    carried = {legal for form in _query_forms(query, cand) for legal in form.legal_forms}
    if not carried:  # only then is the listed name analysed (most queries carry no legal form)
        return None
    shared = carried & set(_listed_form(cand).legal_forms)
    if not shared:
        return None
    return Evidence(1.0, f"same legal form {', '.join(sorted(shared))}")


def country_match(query: PreparedQuery, cand: Candidate) -> Evidence | None:
    """The query shares a country with the listed entity."""
    shared = query.countries & set(cand.record.countries)
    if not shared:
        return None
    return Evidence(1.0, f"shared country {', '.join(sorted(shared))}")


def country_mismatch(query: PreparedQuery, cand: Candidate) -> Evidence | None:
    """Both sides name countries and none of them agree."""
    if not query.countries or not cand.record.countries or query.countries & set(cand.record.countries):
        return None
    return Evidence(
        1.0, f"query countries {', '.join(sorted(query.countries))} vs listed {', '.join(cand.record.countries)}"
    )


def _dates(query: PreparedQuery, cand: Candidate) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    if not query.birth_dates or not cand.record.birth_dates:
        return None
    return query.birth_dates, cand.record.birth_dates


def dob_match(query: PreparedQuery, cand: Candidate) -> Evidence | None:
    """A query birth date equals a listed one to the day (or to the precision both give)."""
    pair = _dates(query, cand)
    if pair is None:
        return None
    for q in pair[0]:
        for c in pair[1]:
            if len(q) >= 10 and len(c) >= 10 and q[:10] == c[:10]:
                return Evidence(1.0, f"birth date {q[:10]} matches")
    return None


def dob_year_match(query: PreparedQuery, cand: Candidate) -> Evidence | None:
    """A query birth year equals a listed one, but no full date agrees."""
    pair = _dates(query, cand)
    if pair is None or dob_match(query, cand) is not None:
        return None
    shared = {q[:4] for q in pair[0]} & {c[:4] for c in pair[1]}
    if not shared:
        return None
    return Evidence(1.0, f"birth year {min(shared)} matches")


def dob_year_disjoint(query: PreparedQuery, cand: Candidate) -> Evidence | None:
    """Every query birth year is more than a year away from every listed one."""
    pair = _dates(query, cand)
    if pair is None:
        return None
    try:
        q_years = {int(q[:4]) for q in pair[0]}
        c_years = {int(c[:4]) for c in pair[1]}
    except ValueError:
        return None
    if any(abs(q - c) <= 1 for q in q_years for c in c_years):
        return None
    return Evidence(1.0, f"birth years {sorted(q_years)} vs listed {sorted(c_years)}")


def identifier_match(query: PreparedQuery, cand: Candidate) -> Evidence | None:
    """The query carries an identifier (registration, tax, passport, IMO ...) equal to a listed one."""
    shared = query.identifier_keys & set(cand.record.identifier_keys)
    if not shared:
        return None
    return Evidence(1.0, f"identifier {sorted(shared)[0].split(':', 1)[1]} is shared")


Feature = Callable[[PreparedQuery, Candidate], Evidence | None]


#: Latin letters a word ending in ta marbuta may end with: its vowel, or the h or t it is written.
_TA_MARBUTA_ENDINGS = frozenset("aehiot")


def ta_marbuta_conflict(query: PreparedQuery, cand: Candidate) -> Evidence | None:
    """A query word ending in ta marbuta (ة, read -a, -ah or -at: باسمة Basima, حمزة Hamza) met
    by a Latin word ending in another consonant (Bassem): another name, most often a woman's
    against a man's (Basima / Bassem, Jamila / Jamil). The comparison lets a final h go
    unwritten (a Persian final ه is a vowel: فاطمه Fatemeh, Fatima), so it cannot tell."""
    if _TA_MARBUTA not in cand.query_name:
        return None
    listed = _listed_form(cand)
    if listed.abjad or not listed.tokens:
        return None
    for word in cand.query_name.split():
        if not word.rstrip(_PUNCTUATION).endswith(_TA_MARBUTA):
            continue
        romanised = romanise(word.casefold()).split()
        if not romanised:
            continue
        token = romanised[-1]
        similarity, partner = max((cross_similarity(token, c), c) for c in listed.tokens)
        if similarity >= TA_MARBUTA_PAIRED and partner[-1] not in _TA_MARBUTA_ENDINGS:
            return Evidence(1.0, f"{word} ends in ta marbuta, {partner} in a consonant")
    return None


_TA_MARBUTA = "\u0629"
_PUNCTUATION = ".,;:()[]«»\"'"
#: How alike the ta marbuta word and a listed word must be to be taken as its spelling.
TA_MARBUTA_PAIRED = 0.8
