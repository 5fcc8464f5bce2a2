"""The candidate index: listed names, blocking postings and shared-identifier keys, in memory.

Built from FtM entities (the store's current versions), persisted with ``save``/``load`` under
``TRADEWARDEN_HOME`` by ``match.service``. Names are analysed once at build time and stored in
their compact ``NameForm.dump`` form; postings are an ``InvertedList`` (one flat integer array with offsets), so a
saved index of the US, UN, UK and EU lists loads in a fraction of a second. A query costs the
IDF-weighted postings of its keys plus a capped number of full name comparisons, so it grows far
slower than the number of listed names.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import math
import pickle
import threading
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import numpy as np

from followthemoney.proxy import EntityProxy

from tradewarden.atomic_file import write_pickle
from tradewarden.errors import StoreError
from tradewarden.match.blocking import abjad_counted_groups, listed_name_keys, name_keys, unknown_token_keys
from tradewarden.names.acronyms import query_keys as acronym_query_keys
from tradewarden.match.inverted import InvertedList
from tradewarden.match.matching import match_prepared, prepare_query
from tradewarden.match.ranking import rank_blocked, tie_steps
from tradewarden.match.model import DEFAULT_THRESHOLD, Match, Query
from tradewarden.match.records import ListedRecord, entity_names, entity_shared_keys, is_party, make_record
from tradewarden.names.analyze import NameForm, analyze_name, east_slavic_form, foreign_h_reading
from tradewarden.names.transcribed import TRANSCRIBED_KEY
from tradewarden.names.variants import name_variants

#: The stored index's format and the analysis it holds; a saved index of another version is rebuilt
#: (3: organisation terms, abbreviations, function words and spellings folded at analysis;
#: 4: Chinese organisation words in English, comma-separated lists of names split;
#: 5: dotted acronyms joined, more organisation words, abbreviations and legal forms folded;
#: 6: respelt whole-name keys and the whole-skeleton key in the postings, ``match.blocking``;
#: 7: the whole-skeleton key folds j / k and z / s, ``blocking.folded_skeletons``;
#: 8: Serbian and Macedonian Cyrillic in their Latin alphabets, dzh as j in skeletons and
#: respellings, two names split at a slash without spaces; English possessive endings dropped and
#: export / import read as trading in organisation names, a kh- token's skeleton spelt with h
#: among the keys; 9: machine / machinery and mines / mining folded, ``data/org_terms.txt``;
#: 10: place adjectives folded to the place (``org_terms.place_stem``), compound words written
#: out (``data/org_compounds.txt``), industry words and Russian ordinals in ``org_terms.txt``;
#: 11: a Chinese-character name's short trade name kept in characters, its syllables also in
#: Wade-Giles among the keys, ``names/wade_giles.py``; 12: English place names, phrases and
#: loanwords in Cyrillic, Belarusian and Korean conventions (``data/place_names.txt``,
#: ``data/org_phrases.txt``, ``org_terms.txt``); a bracketed word spelling the word before it
#: another way, Alexander (Alexandr), gives the name with it in that word's place, not a name of
#: its own, ``names/variants.py``; titles, ranks and generational suffixes inside a person's name
#: weigh as particles, ``data/person_titles.txt``; organisation names filed under their
#: initials and acronym tokens, ``names/acronyms.py``; Chinese characters read as names read
#: them, ``data/han_readings.txt``, and company names split into the fewest pieces, ``names/han.py``; an Arabic-script
#: name's fused word pairs indexed under their respelt skeletons too, ``blocking.abjad_key_groups``;
#: Persian ژ also as j among an Arabic-script token's skeleton variants; Arabic company-type
#: abbreviations, شركة / شرکت (sherkat), عمرو (Amr), مجموعة and Persian organisation words folded;
#: 13: ``NameForm.vowelled``, a name in an alphabet other than Latin that writes its vowels;
#: Armenian "and", yev, a function word; Persian steel, cement and insurance words, Intl,
#: countries in their own languages, DPRK, two comma-separated names of one body split; a long legal
#: form with one slip read as written); 14: ``NameForm.transcribed``, a foreign name in Chinese
#: characters with an interpunct read by its sounds, and persons' Latin names filed under ``$``
#: loose-consonant keys (``names/transcribed.py``); 15: legal forms in spellings rigour does not
#: read folded (``data/legal_form_spellings.txt``; FZC, WLL, QPSC, BSC, TNHH, aktsionernaya),
#: a written-out NPO (scientific production association) folded as NPO is, and "f.k.a.:" labels split;
#: 16: Hebrew's opening alef and every ayin written a and e (``translit._HEBREW_VOWEL_SLOTS``), and more Persian and Arabic words of the
#: names of bodies folded (گروه group, هوایی aviation, وزارت ministry ...: ``data/org_terms.txt``);
#: 17: a Latin-script name written in pinyin syllables alone also under the keys of its
#: Wade-Giles spelling (``names/east_asian.py``, ``blocking.name_keys``); organisations' Latin names
#: filed under the ``$`` loose-consonant keys too (a foreign company written in Chinese characters by
#: its sounds: ``analyze.sound_form``), 解决方案 solutions; 18: a person's name in Hangul read a
#: syllable a word (김영남 -> gim yeong nam: ``translit._HANGUL_NAME``), and a Korean name also filed
#: under its syllables spelt as ``east_asian.korean_key`` writes them (Gim Yeong Su / KIM, Yong Su).
#: 19: a listed token read as a French transcription of an Arabic name also under its English spelling
#: and that one's skeleton (``names/french.py``, ``blocking.english_keys``).
#: 20: a Persian surname suffix written apart joined to its stem (``translit._PERSIAN_SUFFIX``: فخری زاده).
#: 21: an Arabic- or Hebrew-script name of several words also under the whole-skeleton keys of each
#: choice of its words' Latin skeletons (``blocking.abjad_whole_skeleton_keys``); Pashto's own letters
#: romanised (``abjad._LETTERS``: ځدران zdran, was dran).
#: 22: a name in Ukrainian Cyrillic also filed under its reading by Ukraine's national romanisation,
#: a Belarusian one under its Russian spelling (``analyze.east_slavic_form``: Гліб Гнатюк hlib
#: hnatiuk beside glib gnatyuk, ДЗЯМIДАЎ demidav beside dzyamidau); PrAT / PrJSC folded;
#: Kazakh, Kyrgyz and Uzbek Cyrillic letters romanised, not dropped (``translit._KAZAKH_LETTERS``).
#: 23: an organisation's IMP / EXP beside the other word read as trading (``analyze._trade_pairs``),
#: новые also as novye / novyj / novaja, Persian دانشگاه university and ساختمانی construction
#: (``data/org_terms.txt``); the Persian ezafe after a hyphen left out (``analyze._EZAFE``: Bank-e
#: Melli); a Cyrillic name with і beside ё read as Belarusian (``translit.is_belarusian``); the
#: Hassaniya ould a particle, walad and wuld spelt so (``data/particles.txt``, ``data/name_spellings.txt``).
#: 24: a fused Arabic name "X of the faith" also filed under its stem (``parts.faith_stem``:
#: Badreddine under badr); новый also written novy (``data/org_terms.txt``); a French c before e or
#: i read as s (``phonetic.french_reading``: Lounici filed under lunisi too).
#: 25: more legal forms (NJSC, EOOD, EAD, TOO, Zrt, Nyrt, PT, Tbk: ``data/legal_forms_extra.txt``)
#: and organisation words (academia, technique: ``data/org_terms.txt``) folded; a fused "servant of"
#: name also filed under its divine name's skeleton (``parts.servant_name``: Abderrahmane under ~rhmn).
#: 26: persons' names listed between commas split (``variants.comma_names``). 27: the plural -skie
#: of a place adjective folded (``org_terms.place_stem``). 28: Russian non-profit forms in British
#: spelling and ANO folded (``data/legal_form_spellings.txt``); a short Latin look-alike word among
#: Cyrillic words read as Cyrillic. 29: a mixed-script word written in the script of the letters
#: only one script has (``homoglyphs.unmix_scripts``). 30: a transcribed name's n before 姆 read as
#: that m (``transcribed.read_transcribed``: 汤姆 tom, was tonm). 31: Persian legal forms (با مسئولیت
#: محدود llc, سهامی خاص jsc: ``data/legal_form_spellings.txt``), فرقة as division, aeronautics as
#: aviation (``data/org_terms.txt``), USA as America (``data/place_names.txt``) folded. 32: a
#: transcribed character outside the table read by its pinyin in one pass (切 chie, was tshie).
#: 33: more Chinese words of foreign bodies' names (原子 atomic, 观察 watch, 保守党: ``data/zh_org_terms.txt``);
#: lab as laboratory (``data/org_terms.txt``). 34: коммунистическая communist, вооружённые armed,
#: судоходная shipping, managing as management (``data/org_terms.txt``). 35: народный people's,
#: беспилотный unmanned, детский children's, бронетанковый armoured and more (``data/org_terms.txt``);
#: всероссийский all russia (``data/org_compounds.txt``). 36: фонд also foundation, стивидорная, молодёжь,
#: радиоэлектроника (``data/org_terms.txt``); ЧВК as PMC (``data/org_abbreviations.txt``); Kazakh ЖШС
#: and ГРУП folded (``data/legal_forms_extra.txt``, ``data/legal_form_spellings.txt``). 37: Persian and
#: Arabic دولة state, نیروی forces, ویژه special, سپاه corps, پاسداران guard, انقلاب revolutionary,
#: هوافضا aerospace, متقدمة advanced (``data/org_terms.txt``). 38: ГРУП no longer folded as group
#: (36's, undone). 39: an ampersand read as "and"; Bulgarian quarters of the compass and شرق
#: (east); технический one word with technology; instrument / machinery making and manufacturing
#: as building (``data/org_phrases.txt``); liwa, katiba, kataib brigade and lashkar army; grupo,
#: empresa, compania, sociedad generic words (``data/org_words.txt``). 40: more Russian words of
#: bodies' names (political, credit, modern, wealth ...; станкостроительный machine tool); the
#: romanised Persian, Arabic and Bulgarian words folded only as written (``data/org_terms_exact.txt``).
#: 41: صنعتی no longer folded; особый, зона, казачий, община, отдельный, добровольцы, летие,
#: победа (exact), общероссийский and электрооборудование; Chinese 议会, 理事会, 分委会, 事务, 合作,
#: 政治, 国会, 行政, 部门, 欧盟, 欧洲. 42: кузнечный, автономный, разведывательный, ополчение, правда,
#: справедливый, аккумуляторный, гвардейский, защитник, отечество, поддержка, участник,
#: спутниковый, безопасный, лётный, нефтегазовый, общевойсковой and more. 43: квантовый, редуктор,
#: трансмиссия, ведущий (and Leading no longer read as leasing), специализированный, орден, РЭБ,
#: Ukrainian науково-, виробничий, технічний, підприємство. 44: the Colombian E.U. and the
#: Peruvian and Chilean E.I.R.L. read as legal forms; aero folded to aviation. 45: an Arabic-script
#: word's p and h read apart in its skeleton variants (سپهر: sphr, Sepehr). 46: a listed name
#: in Cyrillic romanised with kh also filed read with h (``analyze.foreign_h_reading``: Абу Мухаммад,
#: Abu Muhammad); grup, qrup and hrupa generic words; Azerbaijani's ə read a, not dropped.
FORMAT_VERSION = 46
#: The flags of ``NameForm.dump`` but its ``vowelled`` bit.
_NOT_VOWELLED = 3
#: Keys listed under more names than this are too common to block on alone.
MAX_POSTING = 1000
#: How many listed names (best blocking weight first) are compared in full per query name.
MAX_NAME_CANDIDATES = 40
#: Names sharing the query's whole-skeleton key (``&``) below the best ``MAX_NAME_CANDIDATES`` are
#: returned after them when the key is under at most this many names (``blocked_names``).
RESPELT_NAMES = 8
#: A token found in at most this many listed names counts as fully rare.
RARE_COUNT = 3
#: The least a very common token counts, relative to a rare one.
MIN_RARITY = 0.25
#: How many token rarities are kept once computed.
RARITY_CACHE = 200_000


def _token_rarity(postings: InvertedList, name_count: int, rare_idf: float, token: str) -> float:
    count = postings.count(token)
    if count <= RARE_COUNT:
        return 1.0
    return max(MIN_RARITY, math.log(1.0 + name_count / count) / rare_idf)


_QUERY_FIELDS = tuple(field.name for field in dataclasses.fields(Query))


def _hashable(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


def freeze_long_lived() -> None:
    """Collect garbage once, then freeze every object now alive (a just loaded or built index
    among them) out of the garbage collector's scans.

    An index is millions of objects that live as long as the process. Left in the collector's
    oldest generation, each full collection walks all of them: a profiled run of 1,000 queries
    met one 0.8 s stall inside a query, and the run took twice as long (2.05 s, 1.01 s frozen).
    Frozen objects are still freed by reference counting, so an index dropped later (a list
    update replaced it) is freed: ``MatchIndex`` holds no reference cycle for that reason (only
    cyclic garbage that was alive at a freeze stays). Call it where the product loads or builds
    an index it keeps: ``match.service.load_index``, the batch CLI, as-of screening, the API
    warm-up and each Dask worker.
    """
    gc.collect()
    gc.freeze()


class _RarityTable(dict[str, float]):
    """Token rarity computed on first use and kept (up to ``RARITY_CACHE`` tokens): a lookup of a
    known token is one C-level dict probe, which matters at about 60 lookups per query."""

    def __init__(self, compute: Callable[[str], float]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, token: str) -> float:
        value = self._compute(token)
        if len(self) < RARITY_CACHE:
            self[token] = value
        return value


def _readings(
    variants: tuple[str, ...], person: bool, analysed: dict[tuple[str, bool], NameForm]
) -> Iterator[tuple[str, NameForm]]:
    """Each name text of ``variants`` with its analysed form (kept in ``analysed``: several lists
    carry the same names), and after it its second reading where it is Ukrainian or Belarusian
    (``analyze.east_slavic_form``, not kept: few names have one), and a name in Cyrillic (or
    another alphabet with vowels) romanised with kh read with h (``analyze.foreign_h_reading``
    of the form in hand: Абу Ханифа, Abu Hanifa). Not a Latin name's kh: read so on the index
    side, Khan, Khimina and Sakhir met clean names (+6 alerts of 48,133 fresh names), and the
    query side reads a query's."""
    for text in variants:
        form = analysed.get((text, person))
        if form is None:
            form = analysed[text, person] = analyze_name(text, person)
        yield text, form
        second = east_slavic_form(text, person)
        if second is not None:
            yield text, second
        if form.vowelled:
            foreign = foreign_h_reading(form, person)
            if foreign is not None:
                yield text, foreign


class MatchIndex:
    """Listed names and identifiers, ready to match queries against.

    Use ``MatchIndex.build(entities)`` or ``MatchIndex.load(path)``; then ``match`` or
    ``match_many``.
    """

    def __init__(
        self,
        records: list[str],
        entity_first_name: array[int],
        name_entity: array[int],
        name_texts: list[str],
        name_forms: list[str],
        name_weak: bytes,
        postings: InvertedList,
        shared: InvertedList,
    ) -> None:
        self._records = records
        self._entity_first_name = entity_first_name
        self._name_entity = name_entity
        self._name_texts = name_texts
        self._name_forms = name_forms
        self._name_weak = name_weak
        self._postings = postings
        self._shared = shared
        self._record_cache: dict[int, ListedRecord] = {}
        # Whether each entity is an organisation (not a person), read from its record's schema
        # field once: the matcher asks it of every blocked name of an organisation query, and
        # parsing each record for it was a tenth of the comparison stage on cold records.
        self._entity_organisation = bytes(ListedRecord.dumped_schema(row) != "Person" for row in records)
        self._form_cache: dict[str, NameForm] = {}
        self._token_texts: list[str] | None = None
        self._name_lengths: np.ndarray | None = None
        self._longest_name = 0  # the most words of a listed name, set with ``name_lengths``
        self._skeleton_lengths: array[int] | None = None
        self._name_count = max(1, len(name_texts))
        self._scratch = threading.local()
        self._rare_idf = math.log(1.0 + self._name_count / RARE_COUNT)
        # The IDF of a posting of each length seen (a few hundred lengths; one log per query key saved).
        self._idf_of_count: dict[int, float] = {}
        # A function of the postings, not a bound method: no cycle through ``self``, so an index
        # frozen by ``freeze_long_lived`` is freed by reference counting once dropped.
        self._rarity_table = _RarityTable(functools.partial(_token_rarity, postings, self._name_count, self._rare_idf))

    # -- building ---------------------------------------------------------------------------

    @classmethod
    def build(cls, entities: Iterable[EntityProxy]) -> MatchIndex:
        """Build an index from listed entities.

        Args:
            entities: FtM entities with ``context["source"]`` and ``context["source_id"]``;
                relations, addresses, sanctions and other non-party schemata are skipped.
        Returns:
            A ready ``MatchIndex``.
        """
        records: list[str] = []
        first = array("I")
        name_entity = array("I")
        texts: list[str] = []
        forms: list[str] = []
        weak = bytearray()
        lists: defaultdict[str, list[int]] = defaultdict(list)
        shared: defaultdict[str, list[int]] = defaultdict(list)
        # Each name as written analysed once: several lists carry the same names (a quarter of
        # the analyses), more than the whole-name caches keep (``names.caches``).
        variants_of: dict[str, tuple[str, ...]] = {}
        analysed: dict[tuple[str, bool], NameForm] = {}
        for entity in entities:
            if not is_party(entity):
                continue
            names = entity_names(entity)
            if not names:
                continue
            person = entity.schema.name == "Person"
            entity_idx = len(records)
            first.append(len(texts))
            records.append(make_record(entity).dump())
            seen: set[str] = set()
            for listed in names:
                variants = variants_of.get(listed.text)
                if variants is None:
                    variants = variants_of[listed.text] = name_variants(listed.text)
                for text, form in _readings(variants, person, analysed):
                    dumped = form.dump()
                    # One form per entity for a name written alike in Latin and in Cyrillic (or
                    # another alphabet: ``NameForm.vowelled``), as before the flag: the first kept.
                    same = dumped[:-1] + str(int(dumped[-1]) & _NOT_VOWELLED) if form.vowelled else dumped
                    if form.empty or same in seen:
                        continue
                    seen.add(same)
                    name_idx = len(texts)
                    name_entity.append(entity_idx)
                    texts.append(text)
                    forms.append(dumped)
                    weak.append(1 if listed.weak else 0)
                    for key in listed_name_keys(form, not person):
                        lists[key].append(name_idx)
            for key in entity_shared_keys(entity):
                if not shared[key] or shared[key][-1] != entity_idx:
                    shared[key].append(entity_idx)
        first.append(len(texts))
        return cls(
            records, first, name_entity, texts, forms, bytes(weak),
            InvertedList.from_lists(lists), InvertedList.from_lists(shared),
        )

    # -- persistence ------------------------------------------------------------------------

    def save(self, path: Path) -> None:
        """Write the index to ``path`` (atomically: a temporary file is renamed into place).

        Args:
            path: the file to write; its folder is created.
        """
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "format": FORMAT_VERSION,
            "records": self._records,
            "entity_first_name": self._entity_first_name.tobytes(),
            "name_entity": self._name_entity.tobytes(),
            "name_texts": self._name_texts,
            "name_forms": self._name_forms,
            "name_weak": self._name_weak,
            "postings": self._postings.dump(),
            "shared": self._shared.dump(),
        }
        write_pickle(payload, path)

    @classmethod
    def load(cls, path: Path) -> MatchIndex:
        """Read an index written by ``save``.

        Args:
            path: the index file.
        Returns:
            The loaded index.
        Raises:
            StoreError: the file is missing, unreadable or of another format version.
        """
        try:
            with path.open("rb") as handle:
                payload = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError) as exc:
            raise StoreError(f"match index {path} cannot be read: {exc}", path=str(path)) from exc
        if not isinstance(payload, dict) or payload.get("format") != FORMAT_VERSION:
            raise StoreError(f"match index {path} has an unknown format; rebuild it", path=str(path))

        def ints(raw: bytes) -> array[int]:
            values = array("I")
            values.frombytes(raw)
            return values

        return cls(
            payload["records"],
            ints(payload["entity_first_name"]),
            ints(payload["name_entity"]),
            payload["name_texts"],
            payload["name_forms"],
            payload["name_weak"],
            InvertedList.parse(payload["postings"]),
            InvertedList.parse(payload["shared"]),
        )

    # -- accessors used by matching ---------------------------------------------------------

    def __len__(self) -> int:
        return len(self._records)

    @property
    def name_count(self) -> int:
        """How many listed names are indexed."""
        return len(self._name_texts)

    def record(self, entity_idx: int) -> ListedRecord:
        """The record of the entity at ``entity_idx``."""
        record = self._record_cache.get(entity_idx)
        if record is None:
            record = ListedRecord.parse(self._records[entity_idx])
            self._record_cache[entity_idx] = record
        return record

    def form(self, name_idx: int) -> NameForm:
        """The analysed form of the name at ``name_idx``."""
        text = self._name_forms[name_idx]
        form = self._form_cache.get(text)
        if form is None:
            form = NameForm.parse(text)
            self._form_cache[text] = form
        return form

    def form_key(self, name_idx: int) -> str:
        """A text equal for two listed names exactly when their analysed forms are equal (the
        same name on several lists), so a comparison with one holds for the other."""
        return self._name_forms[name_idx]

    def name_text(self, name_idx: int) -> str:
        """The listed name at ``name_idx`` as written."""
        return self._name_texts[name_idx]

    def name_is_weak(self, name_idx: int) -> bool:
        """Whether the name at ``name_idx`` is a weak alias."""
        return bool(self._name_weak[name_idx])

    def name_entity(self, name_idx: int) -> int:
        """The entity index owning the name at ``name_idx``."""
        return self._name_entity[name_idx]

    def entity_names(self, entity_idx: int) -> range:
        """The name indexes of the entity at ``entity_idx``."""
        return range(self._entity_first_name[entity_idx], self._entity_first_name[entity_idx + 1])

    def shared_entities(self, key: str) -> list[int]:
        """Entity indexes holding the shared-identifier ``key`` (``"phone:954951234"``)."""
        ids = self._shared.get(key)
        return [] if ids is None else ids.tolist()

    def names_under(self, key: str) -> frozenset[int]:
        """Name indexes under the blocking key ``key`` (none for a key no name has)."""
        ids = self._postings.get(key)
        return frozenset() if ids is None else frozenset(ids.tolist())

    def key_count(self, key: str) -> int:
        """How many listed names are under the blocking key ``key`` (0 for a key no name has)."""
        return self._postings.count(key)

    def _scratch_array(self, name: str, dtype: type) -> np.ndarray:
        """A per-thread array of one place per listed name, made once and reused by every query
        (``rank_blocked``'s weights, float32, left zeroed; its slots, int64, any content;
        ``_abjad_found``'s mask, bool, left cleared)."""
        array = getattr(self._scratch, name, None)
        if array is None:
            array = np.zeros(self._name_count, dtype=dtype)
            setattr(self._scratch, name, array)
        return array

    def candidate_names(self, form: NameForm, limit: int = MAX_NAME_CANDIDATES) -> list[tuple[int, float]]:
        """The listed names most worth comparing with ``form``, best blocking weight first.

        Every key of ``form`` adds its IDF to the listed names under it (one vectorised add
        per key, into a reused per-thread array); keys under more than ``MAX_POSTING`` names
        only count where two of them meet.

        Args:
            form: an analysed query name.
            limit: how many names at most.
        Returns:
            ``(name index, blocking weight)`` pairs.
        """
        return self.blocked_names(form, limit)[0]

    def is_organisation(self, entity_idx: int) -> bool:
        """Whether the entity at ``entity_idx`` is not a person (its names may be acronyms)."""
        return bool(self._entity_organisation[entity_idx])

    def blocked_names(
        self, form: NameForm, limit: int = MAX_NAME_CANDIDATES, organisation: bool = False, sounds_only: bool = False
    ) -> tuple[list[tuple[int, float]], float]:
        """``candidate_names``, and the most weight a listed name can get without the query's
        whole-name keys (``=``, ``%``, ``&``: ``ranking.WHOLE_NAME_KEYS``).

        Only names holding the query's words, and nothing more, share those keys (an exact
        namesake); the matcher measures its share of the best weight against this too, so that
        such a name does not push the same words with a middle name or initial added out
        (``Sergei PODOPRIGOROV`` / ``PODOPRIGOROV, Sergei G.``).

        Args:
            form: an analysed query name.
            limit: how many names at most.
            organisation: the query is not a person: its acronyms and initials are looked up
                too (``names.acronyms.query_keys``).
            sounds_only: only the query's keys of loose consonants (a ``transcribed`` name's
                ``$`` keys, ``names.transcribed.blocking_keys``).
        Returns:
            The ``(name index, blocking weight)`` pairs, and that weight; after the best
            ``limit``, any other names under the query's whole-skeleton key (``&``) when at most
            ``RESPELT_NAMES`` names are.
        """
        postings = self._postings
        counts: list[int] | None = None
        if form.abjad:
            found, counts = self._abjad_found(form)
        else:
            keys = name_keys(form, affixes=False)
            if sounds_only:
                keys = {key for key in keys if key.startswith(TRANSCRIBED_KEY)}
            for token in form.tokens:
                if token in keys and token not in postings:
                    keys.update(unknown_token_keys(token))
            if organisation:
                keys.update(acronym_query_keys(form))
            # Set order follows the hash seed: sorted, every process sums and ties alike.
            found = postings.get_present(sorted(keys))
        # Ties in weight go to names of about the query's number of words, but not for Arabic- or
        # Hebrew-script queries: their words split otherwise than the Latin spellings' (and on
        # bench/match_quality.py that only brought two more clean alerts).
        lengths = None if form.abjad else self.name_lengths  # (sets ``_longest_name`` on first use)
        return rank_blocked(
            found, self._scratch_array("acc", np.float32), self._name_count, self._idf_of_count,
            self._scratch_array("slots", np.int64), limit, MAX_POSTING, RESPELT_NAMES, lengths,
            None if lengths is None else tie_steps(len(form.tokens), self._longest_name), counts,
        )

    @property
    def name_lengths(self) -> np.ndarray:
        """The number of words of each listed name's analysed form (int16), made once:
        ``rank_blocked`` breaks ties in blocking weight by it."""
        if self._name_lengths is None:
            lengths = np.array([form.partition("|")[0].count(" ") + 1 for form in self._name_forms], dtype=np.int16)
            self._longest_name = int(lengths.max()) if len(lengths) else 0
            self._name_lengths = lengths
        return self._name_lengths

    def _abjad_found(self, form: NameForm) -> tuple[list[tuple[str, np.ndarray]], list[int]]:
        """The postings of an Arabic- or Hebrew-script name's keys for ``rank_blocked``, each
        group of ``blocking.abjad_key_groups`` counted once per name (a token's possible Latin
        spellings are one word, not several; two names fused across a particle twice for a name
        holding neither apart, ``blocking.abjad_counted_groups``), at the IDF of the commonest of
        its keys that name is under: each key's entry holds only the names no commoner key of its
        group holds. (At the rarest, a name in the query's script, which holds every skeleton of
        a word, had the IDF of a skeleton no Latin spelling writes, ~hgny for حقانی: two dozen
        names sharing one common word in that script outweighed YAHYA HAQQANI for يحيى حقانی.)
        Returns the entries in sorted key order and the posting length of each entry's key."""
        entries: list[tuple[str, np.ndarray, int]] = []
        # The names a group's commoner keys hold, marked in a reused per-thread mask (one place per
        # listed name, left cleared): a few fancy-indexed reads and writes per key instead of
        # numpy's sorting set operations (setdiff1d / union1d), in the same order.
        taken = self._scratch_array("taken", np.bool_)
        groups = abjad_counted_groups(form)
        held: list[list[np.ndarray]] = []  # the names under each group's keys
        for group, members in groups:
            present = sorted(self._postings.get_present(group), key=lambda entry: (-len(entry[1]), entry[0]))
            held.append([ids for _, ids in present])
            compound: list[tuple[str, np.ndarray, int]] = []
            for position, (key, ids) in enumerate(present):
                rest = ids if position == 0 else ids[~taken[ids]]
                if len(rest):
                    entries.append((key, rest, len(ids)))
                    if members:
                        compound.append((key, rest, len(ids)))
                if position + 1 < len(present):
                    taken[ids] = True
            for key, ids in present[:-1]:
                taken[ids] = False
            if compound:
                entries.extend(self._compound_alone(compound, [ids for member in members for ids in held[member]]))
        entries.sort(key=lambda entry: entry[0])
        return [(key, ids) for key, ids, _ in entries], [count for _, _, count in entries]

    def _compound_alone(
        self, compound: list[tuple[str, np.ndarray, int]], apart: list[np.ndarray]
    ) -> list[tuple[str, np.ndarray, int]]:
        """The entries of a compound's group (``blocking.abjad_counted_groups``) once more, each
        with only the names under none of ``apart`` (its words' keys): a name writing the two
        names as one word (SHAMSUDDIN for شمس الدین) counts for both words."""
        mask = self._scratch_array("apart", np.bool_)
        for ids in apart:
            mask[ids] = True
        alone = [(key, ids[~mask[ids]], count) for key, ids, count in compound]
        for ids in apart:
            mask[ids] = False
        return [(key, ids, count) for key, ids, count in alone if len(ids)]

    def rarity(self, token: str) -> float:
        """How much an ASCII token says about identity, in [MIN_RARITY, 1], from its IDF here.

        Args:
            token: a lower-case ASCII token.
        Returns:
            1.0 for tokens in at most ``RARE_COUNT`` listed names (or none), less for common ones.
        """
        return self._rarity_table[token]

    @property
    def rarity_of(self) -> Callable[[str], float]:
        """``rarity`` as the quickest callable: a dict lookup for every token seen before (a
        subclass that overrides ``rarity`` gets its own method)."""
        if type(self).rarity is not MatchIndex.rarity:
            return self.rarity
        return self._rarity_table.__getitem__

    @property
    def skeleton_lengths(self) -> array[int]:
        """The length of each listed name's space-separated skeletons (``NameForm.dumped_skeletons``),
        made once: ``matching._respelt_alike`` rules out by it, without reading the form, the
        names whose skeletons cannot be the query's."""
        lengths = self._skeleton_lengths
        if lengths is None:
            lengths = self._skeleton_lengths = array(
                "I", [len(NameForm.dumped_skeletons(form)) for form in self._name_forms]
            )
        return lengths

    def name_token_text(self, name_idx: int) -> str:
        """The ASCII tokens of the name at ``name_idx``, space-separated (no parsing needed)."""
        return self._name_forms[name_idx].partition("|")[0]

    def name_token_texts(self, name_idxs: Iterable[int]) -> list[str]:
        """``name_token_text`` of several names (from a list made on first use)."""
        texts = self._token_texts
        if texts is None:
            texts = self._token_texts = [form.partition("|")[0] for form in self._name_forms]
        return list(map(texts.__getitem__, name_idxs))

    # -- matching ---------------------------------------------------------------------------

    def match(self, query: Query, limit: int = 10, min_score: float = DEFAULT_THRESHOLD) -> list[Match]:
        """Match one query.

        Args:
            query: the party to screen.
            limit: the most matches to return.
            min_score: matches scoring below this are dropped.
        Returns:
            Matches, best first.
        """
        return match_prepared(self, prepare_query(query), limit, min_score, query)

    def match_many(
        self, queries: Iterable[Query], limit: int = 10, min_score: float = DEFAULT_THRESHOLD
    ) -> list[list[Match]]:
        """Match a batch of queries; one list of matches per query, in order (a query repeated
        in the batch, field for field, is matched once)."""
        done: dict[tuple[object, ...], list[Match]] = {}
        results: list[list[Match]] = []
        for query in queries:
            key = tuple(_hashable(getattr(query, name)) for name in _QUERY_FIELDS)
            found = done.get(key)
            if found is None:
                found = done[key] = self.match(query, limit, min_score)
            results.append(list(found))
        return results
