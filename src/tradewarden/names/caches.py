"""How many results the name functions keyed by a whole name keep (``functools.lru_cache``).

A whole name (``analyze_name``, ``to_ascii``, ``unmix_scripts``, ``split_legal_forms``,
``english_words``, ``name_variants``, ``exact._formless_key``) recurs when a party is screened again or a name is listed on
several lists; a batch of distinct parties hardly ever repeats one (8,000 generated parties, as
``bench/batch_scale.py`` makes them: 2.5 % of ``analyze_name`` calls hit its cache), and full
caches cost memory in every Dask worker: when they kept 131,072 results each, the analysed names
alone took about 90 MiB and the five others before ``_formless_key`` about 60 MiB more (bytes per
entry measured with ``tracemalloc``, times the sizes), so they now keep ``WHOLE_NAME_CACHE``
(16,384: an eighth of those entries; the memory at this size was not measured). Functions of a single word
(``skeleton``, ``written_key`` of listed names, the comparisons) keep their larger caches: words
recur across names. ``MatchIndex.build`` analyses each listed name as written once, so an index
build does not rely on these caches for the names several lists share.
"""

from __future__ import annotations

#: Results kept by each function of a whole name.
WHOLE_NAME_CACHE = 16384
