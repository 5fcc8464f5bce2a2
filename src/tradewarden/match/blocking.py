"""Blocking keys: which listed names a query name is compared with at all.

Each analysed name yields keys: its tokens, their consonant skeletons (``~mhmd``), adjacent
tokens fused (``abdulrahman`` from ``abdul rahman``), all its tokens run together (``=xijinping``),
the whole name in any word order with its legal forms (``%alexander khryakov|``) and so its
skeletons (``&krkv lksndr|``), without the function words of organisation names (``of``),
the first and last four letters of longer tokens (``<rosn``, ``>port``), so a typo in one half
of a single-word name still finds it, and the one-letter deletions of mid-length tokens
(``-plnar`` from both ``planar`` and ``plznar``: "symmetric delete"), so a typo inside a short
word, which breaks its skeleton and both affixes, still finds it. A name with letters that
romanisations write for one sound (``phonetic.respell``: w / v, q / k, x / ks, a final y / i) also
gets its whole-name keys respelt (``%invest m|`` from ``M-INWEST``), and a token with w the skeleton
of its respelling (``~nvst``). Arabic- and Hebrew-script names block by skeletons only,
a query adding those of each token's possible Latin spellings (``abjad.skeleton_variants``), and
the whole-skeleton keys of those spellings (``abjad_whole_skeleton_keys``).
The whole-skeleton key also folds j / ch and z / s (``folded_skeletons``), which romanisations
write for one sound. A token starting with kh also gets the skeleton of its spelling with h
(``~hldng`` from ``kholding``): Cyrillic х is kh in BGN/PCGN and h in other romanisations and
in the English loanwords it writes (Холдинг / Holding, Khabarov / Habarov).
A fused Arabic name "X of the faith" (Badreddine) is also filed under its stem, and a fused
"servant of" name (Abderrahmane) under its divine name's skeleton (``~rhmn``), as the names
written apart are.
A listed token read as a French transcription of an Arabic name is also filed under its English
spelling and that one's skeleton (``english_keys``: ``sherif`` and ``~srf`` from ``cherif``), as a query's
token the index does not know asks for them. Such a token also asks for its spellings with h
written g and g written h (``h_g_keys``: Cyrillic Г is h in Ukrainian and Belarusian
romanisations, g in Russian: HORBUNENKO / GORBUNENKO).
The index keeps an inverted list per key; a query adds up the IDF of the keys it shares with
each listed name and compares only the best few.
"""

from __future__ import annotations

import re
from itertools import product

from tradewarden.names.abjad import skeleton_variants
from tradewarden.names.acronyms import initials_keys
from tradewarden.names.analyze import NameForm
from tradewarden.names.east_asian import CHINESE, is_korean_name, korean_key, romanisation_family, wade_giles_word
from tradewarden.names.french import english_reading
from tradewarden.names.parts import FUNCTION_WORD_WEIGHT, faith_stem, servant_name
from tradewarden.names.phonetic import respell, skeleton
from tradewarden.names.transcribed import blocking_keys as transcribed_keys
from tradewarden.names.wade_giles import wade_giles

#: Tokens at least this long also get prefix and suffix keys.
MIN_AFFIX_LENGTH = 6
#: Prefix and suffix keys count this much of their IDF (they are weaker evidence).
AFFIX_WEIGHT = 0.5
#: Tokens of these lengths (letters) get deletion keys: shorter ones are too ambiguous one letter
#: away (``hess`` and ``dhess``), longer ones keep a prefix or suffix key through one typo.
MIN_DELETE_LENGTH = 5
MAX_DELETE_LENGTH = 8
#: Deletion keys count this much of their IDF (one letter away is weaker evidence than equal).
DELETE_WEIGHT = 0.5
#: The whole-name key counts this much of its IDF: enough to lift a name written in another
#: word order to where the written order's fused keys put it, not so much that every spelling
#: less close than an exact namesake falls below the matcher's share of the best.
WHOLE_NAME_WEIGHT = 0.5
#: The share of its IDF a key counts, by its first character (other keys count fully).
KEY_WEIGHTS = {
    "<": AFFIX_WEIGHT, ">": AFFIX_WEIGHT, "-": DELETE_WEIGHT, "%": WHOLE_NAME_WEIGHT, "&": WHOLE_NAME_WEIGHT
}


def deletion_keys(token: str, listed: bool) -> tuple[str, ...]:
    """The ``-`` keys of a token: itself and each spelling with one letter deleted.

    A listed token and a query token one edit apart (a letter dropped, added, changed or two
    swapped) share at least one. Listed tokens of ``MIN_DELETE_LENGTH`` to ``MAX_DELETE_LENGTH``
    letters have them; a query token one letter longer still meets those.

    Args:
        token: an ASCII token.
        listed: True for a listed name's token (the index side), False for a query's.
    Returns:
        The keys, or none for tokens outside the lengths or holding digits.
    """
    if not MIN_DELETE_LENGTH <= len(token) <= MAX_DELETE_LENGTH + (not listed) or not token.isalpha():
        return ()
    keys = {"-" + token}
    keys.update("-" + token[:i] + token[i + 1 :] for i in range(len(token)))
    return tuple(sorted(keys))


def unknown_token_keys(token: str) -> tuple[str, ...]:
    """The keys a query adds for a token the index does not know (likely misspelt): its affix
    and deletion keys, its English spelling where it reads as a French transcription of an
    Arabic name (``english_keys``), and its spellings with Г read the other way (``h_g_keys``)."""
    return affix_keys(token) + deletion_keys(token, listed=False) + english_keys(token) + h_g_keys(token)


#: An h read g, and a g read h, where either may be Cyrillic Г itself: at the start of the word or
#: after a vowel, l, r or n, and not before an h (not the second letter of kh, sh, zh, ch, th, ph,
#: gh, dh, nor the first of gh).
_H_G_SPELLINGS = tuple(
    (re.compile(rf"(?:^|(?<=[aeiouylrn])){old}(?!h)"), new) for old, new in (("h", "g"), ("g", "h"))
)


def h_g_keys(token: str) -> tuple[str, ...]:
    """The token and ``~skeleton`` keys of a token's spelling with its h written g, and with its
    g written h: Ukrainian and Belarusian Г is h in their romanisations, Russian Г g (Horbunenko /
    Gorbunenko, Hlushko / Glushko, Yahor / Yegor), and a family name the one list writes one way
    the other writes the other (``_H_G_SPELLINGS``). None for a token without such a letter, or
    not of letters."""
    if not token.isalpha():
        return ()
    keys: list[str] = []
    for pattern, letter in _H_G_SPELLINGS:
        spelt = pattern.sub(letter, token)
        if spelt != token:
            spelt_skeleton = skeleton(spelt)
            keys.extend((spelt, "~" + spelt_skeleton) if len(spelt_skeleton) >= 2 else (spelt,))
    return tuple(keys)


def english_keys(token: str) -> tuple[str, ...]:
    """The token key and ``~skeleton`` key of a token's English spelling where it reads as a
    French transcription of an Arabic name (``french.english_reading``: ouaz -> ``waz``);
    none otherwise."""
    english = english_reading(token)
    if english == token:
        return ()
    english_skel = skeleton(english)
    return (english, "~" + english_skel) if len(english_skel) >= 2 else (english,)


def affix_keys(token: str) -> tuple[str, ...]:
    """The ``<prefix`` and ``>suffix`` keys of a token long enough to have them."""
    if len(token) < MIN_AFFIX_LENGTH:
        return ()
    return ("<" + token[:4], ">" + token[-4:])


def name_keys(form: NameForm, affixes: bool = True) -> set[str]:
    """The blocking keys of one analysed name.

    Args:
        form: an analysed name.
        affixes: include the prefix, suffix and deletion keys of every token (the index does;
            a query adds them only for tokens the index does not know, ``unknown_token_keys``). For Arabic- and Hebrew-script
            names (``_abjad_keys``), True means the index side.
    Returns:
        Plain tokens, ``~skeleton`` keys, ``<prefix``/``>suffix`` and ``-deletion`` keys, fused
        adjacent tokens, the ``=joined`` key, the ``%`` whole-name key (``whole_name_key``), the
        same two keys of the name respelt (``phonetic.respell``) and the skeletons of respelt
        tokens with w where they differ, and the ``&`` whole-skeleton key (``whole_skeleton_key``).
    """
    if form.abjad:
        return _abjad_keys(form, affixes)
    keys: set[str] = set()
    tokens = form.tokens
    for token, skel, weight in zip(tokens, form.skeletons, form.weights):
        if weight < 1.0 or len(token) < 2:
            continue
        keys.add(token)
        stem = faith_stem(token)
        if stem is not None:
            # A fused "X of the faith" name (Badreddine) is also filed under its stem, as the name
            # written apart is (Badr al-Din): the two meet (``compare._faith_pairs``).
            keys.add(stem)
        servant = servant_name(token)
        if servant is not None and len(servant_skeleton := skeleton(servant)) >= 2:
            # So is a fused "servant of" name (Abderrahmane) under its name's skeleton, as the name
            # written apart is (Abd al-Rahman: ``~rhmn``; ``compare._servant_pairs``).
            keys.add("~" + servant_skeleton)
        if affixes:
            keys.update(affix_keys(token))
            # A French transcription of an Arabic name (``french.english_reading``: Ouaz / al-Waz)
            # is also filed under its English spelling and that one's skeleton (the index side
            # only: a query token the index knows meets its namesakes once, not twice).
            keys.update(english_keys(token))
            if not form.han:
                keys.update(deletion_keys(token, listed=True))
        if len(skel) >= 2:
            keys.add("~" + skel)
            if token.startswith("kh") and len(token) > 3:
                keys.add("~" + skeleton("h" + token[2:]))
    for left, right in zip(tokens, tokens[1:]):
        fused = left + right
        keys.add(fused)
        skel = skeleton(fused)
        if len(skel) >= 3:
            keys.add("~" + skel)
    if len(tokens) > 1:
        keys.add("=" + form.joined)
    if tokens:
        keys.add(whole_name_key(form))
    respelt = tuple(respell(token) for token in tokens)
    if respelt != tokens:
        # The name respelt (``phonetic.respell``: Inwest / Invest, Banq / Bank) gets its
        # whole-name keys, the rarest, on both sides, so two spellings meet under the keys of
        # either. Skeletons fold q, x and a final y already, but drop w (an Arabic vowel
        # carrier) and keep v: a token with w also gets the skeleton of its respelling. (No
        # more: an exact namesake shares each respelt key as well, so counts it twice, raising
        # the best blocked weight that other spellings must reach a share of; whole-name keys
        # stay out of that share, ``MatchIndex.blocked_names``.)
        for token, skel, respelt_token, weight in zip(tokens, form.skeletons, respelt, form.weights):
            if "w" in token and weight >= 1.0:
                respelt_skel = skeleton(respelt_token)
                if len(respelt_skel) >= 2 and respelt_skel != skel:
                    keys.add("~" + respelt_skel)
        if len(tokens) > 1:
            keys.add("=" + ("".join(t for t, w in zip(respelt, form.weights) if w >= 1.0) or "".join(respelt)))
        keys.add(_whole_key(_named_tokens(respelt, form.weights), form.legal_forms))
    if len(tokens) > 1 and not form.han:
        keys.add(whole_skeleton_key(form))
    if form.transcribed:
        # A foreign name in Chinese characters meets its Latin spelling under the loose
        # consonants of its parts (``names.transcribed``; the listed side: ``listed_name_keys``).
        keys |= transcribed_keys(tuple(t for t, w in zip(form.tokens, form.weights) if w >= 1.0))
    spelt = tokens
    if form.han:
        # Pinyin syllables pair with their Wade-Giles spelling too (``names.wade_giles``:
        # 蔡其昌 cai qi chang / Tsai Chi-chang): the name so spelt gets its token and whole-name
        # keys, on both sides, so that either spelling meets the other.
        spelt = tuple(wade_giles(token) for token in tokens)
    elif not form.legal_forms and romanisation_family(tokens) & CHINESE:
        # So does a name written in pinyin in Latin letters (Zhang Jianguo / Chang Chien-kuo:
        # ``names.east_asian``), whose words the comparison pairs with their Wade-Giles spelling.
        spelt = tuple(wade_giles_word(token) for token in tokens)
    elif not form.legal_forms and is_korean_name(tokens):
        # A Korean name, whose syllables the comparison pairs with their spelling in another
        # romanisation (Gim Yeong Su / KIM, Yong Su: ``names.east_asian.korean_key``), so spelt
        # too: without it, the names sharing Gim and Yeong (김영남, read gim yeong nam) crowd
        # the other spelling out.
        spelt = tuple(korean_key(token) or token for token in tokens)
    if spelt != tokens:
        keys.update(token for token, weight in zip(spelt, form.weights) if weight >= 1.0 and len(token) >= 2)
        keys.add(_whole_key(spelt, form.legal_forms))
    return keys


def listed_name_keys(form: NameForm, organisation: bool) -> set[str]:
    """The keys a listed name is filed under: ``name_keys``, and for an organisation's name its
    initials (``names.acronyms.initials_keys``: SMIC / Semiconductor Manufacturing International
    Corporation share no other key)."""
    keys = name_keys(form)
    if organisation:
        keys |= initials_keys(form)
    if not (form.abjad or form.han or form.vowelled or form.transcribed):
        # A Latin name, under the ``$`` keys of a foreign name written in Chinese characters
        # (``names.transcribed.blocking_keys``: 约翰·帕克 / John Packer, and an organisation's:
        # 安杜里尔公司 / Anduril Industries, ``analyze.sound_form``).
        keys |= transcribed_keys(tuple(t for t, w in zip(form.tokens, form.weights) if w >= 1.0))
    return keys


def _named_tokens(tokens: tuple[str, ...], weights: tuple[float, ...]) -> tuple[str, ...]:
    """The tokens without the function words of organisation names (``of``, ``the``: weight
    ``FUNCTION_WORD_WEIGHT``), which a translation adds or drops freely (ARMY OF MOHAMMED /
    MOHAMMED'S ARMY); all of them when nothing else is left."""
    if FUNCTION_WORD_WEIGHT not in weights:
        return tokens
    named = tuple(token for token, weight in zip(tokens, weights) if weight != FUNCTION_WORD_WEIGHT)
    return named or tokens


def whole_name_key(form: NameForm) -> str:
    """The ``%`` key of a whole analysed name, in any word order, legal forms included.

    The keys above meet a name word by word, and the fused and ``=joined`` keys, the rarest,
    only in written order: a name written surname first (``KHRYAKOV, Alexander``) or one made of
    words that hundreds of names hold (``LLC Engineering Group``: ``engineering``, its legal forms
    folded away) ranked below names merely sharing its words. This key puts every name with the
    same words, and the same legal forms, first.
    """
    return _whole_key(_named_tokens(form.tokens, form.weights), form.legal_forms)


def whole_skeleton_key(form: NameForm) -> str:
    """The ``&`` key of a name of several words: the consonant skeletons of all its words, in
    any order, legal forms included.

    A name respelt throughout (``ALI, Mohamed`` / ``'ALI, Muhammad``) shares only skeleton keys
    with the listed name, and with hundreds of names holding those common words; the names
    holding the query's words as written (``Ali Mohamed RAGE``) outrank it, and more than
    ``match.index.MAX_NAME_CANDIDATES`` of them kept it from the comparison. This key puts the
    names that are the query's words respelt, and nothing more, next to them.
    """
    skeletons = _named_tokens(form.skeletons, form.weights)
    return "&" + " ".join(sorted(folded_skeletons(skeletons))) + "|" + " ".join(sorted(form.legal_forms))


#: Consonants the whole-skeleton key folds beyond the skeleton's own folding: romanisation systems
#: write one sound as j or ch (Korean McCune-Reischauer ``Chong`` / Revised ``Jong``, Wade-Giles
#: ``Chiang`` / pinyin ``Jiang``; the skeleton folds ch to k already) and as z or s (a
#: voiced s: ``Azia`` / ``Asia``, ``Gonzalez`` / ``Gonsales``). Only this key folds them: it needs
#: every word of the name to agree, where a token's skeleton key would meet hundreds of names.
SKELETON_FOLDS = str.maketrans({"j": "k", "z": "s"})


def folded_skeletons(skeletons: tuple[str, ...]) -> tuple[str, ...]:
    """Consonant skeletons as the ``&`` key writes them (``SKELETON_FOLDS``: j as k, z as s)."""
    return tuple(skel.translate(SKELETON_FOLDS) for skel in skeletons)


def _whole_key(tokens: tuple[str, ...], legal_forms: tuple[str, ...]) -> str:
    return "%" + " ".join(sorted(tokens)) + "|" + " ".join(sorted(legal_forms))


def _abjad_keys(form: NameForm, index_side: bool) -> set[str]:
    """Skeleton keys, with the skeletons of each token's possible Latin spellings (ذ as d or z,
    و as v ...). The romanised tokens themselves are indexed only so that their frequency (the
    index's rarity) is known: a query sends none, since they would reach names in the same script
    first and crowd out the Latin spellings. (The index side stays a superset of the query side,
    as re-screening's party keys assume.)"""
    keys = {key for group in abjad_key_groups(form) for key in group}
    if index_side:
        keys.update(token for token, weight in zip(form.tokens, form.weights) if weight >= 1.0 and len(token) >= 2)
    return keys


def abjad_key_groups(form: NameForm) -> list[tuple[str, ...]]:
    """The skeleton keys of an Arabic- or Hebrew-script name, one group per token (its possible
    Latin spellings, ``abjad.skeleton_variants``) and per pair of adjacent tokens fused (الجاسم /
    al-Jasim; across a particle, شمس الدین / Shamsuddin; respelt likewise: رضا حمیدی / Rezahamidi).

    A Latin spelling of a token has one of its skeletons, a listed name in the same script all of
    them: blocking counts each group once (``MatchIndex.blocked_names``), or a name sharing one
    common word in the query's script outweighs the Latin spelling of the whole name (مرتضی پیری
    over BARATI Morteza for مرتضی براتی). Groups are distinct and share no key.
    """
    return [group for group, _ in abjad_counted_groups(form)]


def abjad_counted_groups(form: NameForm) -> list[tuple[tuple[str, ...], tuple[int, ...]]]:
    """``abjad_key_groups``, each with the positions (in that list) of the groups of the words it
    fuses when it is two names fused across the particle between them (شمس الدین: Shamsuddin;
    نصر الله: Nasrallah), else none. A Latin name that writes such a compound as one word holds
    that one key, where the name written apart (Shams al-Din) holds four (each word, and each
    with the article), and every name holding only the common second word and its article
    (Nasr al-Din, Ala al-Din) outweighed it: blocking counts the compound twice for a name
    holding neither of its words apart (``MatchIndex._abjad_found``)."""
    groups: list[tuple[tuple[str, ...], tuple[int, ...]]] = []
    seen: set[str] = set()
    of_token: dict[int, int] = {}  # a token's position -> the position of its group

    def add(variants: tuple[str, ...], least: int, members: tuple[int, ...] = ()) -> bool:
        group = tuple("~" + variant for variant in variants if len(variant) >= least and "~" + variant not in seen)
        if group:
            seen.update(group)
            groups.append((group, members))
        return bool(group)

    tokens = form.tokens
    for pos, (token, weight) in enumerate(zip(tokens, form.weights)):
        if weight >= 1.0 and len(token) >= 2 and add(skeleton_variants(token), 2):
            of_token[pos] = len(groups) - 1
    # Names fused across a particle before adjacent words: where the two write one key (مطيع
    # الله: mtye+lh and mtye+al both Matiullah's mtl, the lh of Allah too short for a group of
    # its own), the compound's group keeps its members, and MATIULLAH counts for both words.
    names = [pos for pos, weight in enumerate(form.weights) if weight >= 1.0]
    for a, b in zip(names, names[1:]):
        members = tuple(of_token[pos] for pos in (a, b) if pos in of_token) if b > a + 1 else ()
        add(skeleton_variants(tokens[a] + tokens[b]), 3, members)
    for left, right in zip(tokens, tokens[1:]):
        add(skeleton_variants(left + right), 3)
    whole = abjad_whole_skeleton_keys(form)
    if whole:
        groups.append((whole, ()))
    return groups


#: The most ``&`` keys an Arabic- or Hebrew-script name gets (``abjad_whole_skeleton_keys``).
MAX_ABJAD_WHOLE_KEYS = 16


def abjad_whole_skeleton_keys(form: NameForm) -> tuple[str, ...]:
    """The ``&`` whole-skeleton keys (``whole_skeleton_key``) of an Arabic- or Hebrew-script name
    of several words: one per choice of each word's possible Latin skeleton
    (``abjad.skeleton_variants``), its own first, at most ``MAX_ABJAD_WHOLE_KEYS``.

    A word whose Latin spelling has a skeleton of one letter (ایوب / Ayyub: ``b``; Latin names
    file no ``~`` key for it) otherwise meets nothing, and the name then shares only its other
    word's skeleton with the hundreds of names holding it (AYYUB BASHIR, 484th for ایوب بشیر);
    a Latin name made of the query's words respelt, and nothing more, holds this key. (Not
    read here: a final ى / ی as alif maqsura, مصطفى / Mostafa, whose skeleton keeps a y: so read,
    it also read the Persian suffix -i away, and DANIEL, Mohammad alerted for دانيال محمدی.)
    """
    tokens = form.tokens
    if len(tokens) < 2:
        return ()
    named = _named_tokens(tokens, form.weights)
    choices = [skeleton_variants(token) or (skeleton(token),) for token in named]
    legal = " ".join(sorted(form.legal_forms))
    keys: list[str] = []
    for combo in product(*choices):
        if not all(combo):
            continue
        key = "&" + " ".join(sorted(folded_skeletons(combo))) + "|" + legal
        if key not in keys:
            keys.append(key)
            if len(keys) >= MAX_ABJAD_WHOLE_KEYS:
                break
    return tuple(keys)
