"""How many results the name functions keyed by a whole name keep (``functools.lru_cache``).

A whole name (``analyze_name``, ``to_ascii``, ``unmix_scripts``, ``split_legal_forms``,
``english_words``, ``name_variants``) recurs when a party is screened again or a name is listed on
several lists; a batch of distinct parties hardly ever repeats one (a million generated parties:
2 % of ``analyze_name`` calls hit its cache), and a full cache of 131,072 analysed names took
about 90 MiB, and the five others 60 MiB more, of every Dask worker. Functions of a single word
(``skeleton``, ``written_key`` of listed names, the comparisons) keep their larger caches: words
recur across names. ``MatchIndex.build`` analyses each listed name as written once, so an index
build does not rely on these caches for the names several lists share.
"""

from __future__ import annotations

#: Results kept by each function of a whole name.
WHOLE_NAME_CACHE = 16384
