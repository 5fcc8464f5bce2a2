"""A foreign person's name in Chinese characters is blocked by its loose consonants alone too
(``matching._shortlist``): names spelt like its reading's letters as written must not crowd out
the Latin spelling of the name, which shares only those keys."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from followthemoney.proxy import EntityProxy

from tradewarden.cases.delta import comparable
from tradewarden.match import MatchIndex, Query, matching
from tradewarden.match.matching import prepare_query

Factory = Callable[..., EntityProxy]

GIVEN = ["Ahmad", "Ali", "Hasan", "Omar", "Khalid", "Yusuf", "Ibrahim", "Karim", "Nabil", "Samir", "Tariq", "Walid"]


def test_transcribed_person_found_among_names_spelt_like_its_reading(e: Factory, monkeypatch: pytest.MonkeyPatch) -> None:
    # 大卫·萨顿 reads "dawei sadun": names holding DAWEI or SADUN as written outweigh Dave
    # Sutton, who shares only the loose consonants of the reading (tf, stn), in blocking.
    crowd = [
        e("Person", f"c{i}", name=f"{given} {family}")
        for i, (given, family) in enumerate((g, f) for g in GIVEN for f in ("SADUN", "DAWEI", "AL-SADUN", "SADOUN"))
    ]
    daves = [e("Person", f"d{i}", name=f"Dave {given}") for i, given in enumerate(GIVEN)]
    index = MatchIndex.build([*crowd, *daves, e("Person", "ds", name="Dave Sutton")])
    monkeypatch.setattr(matching, "TRANSCRIBED_BLOCKED", 10)
    found = {m.entity_id: m.score for m in index.match(Query(names=["大卫·萨顿"], schema="Person"), min_score=0.0)}
    assert found.get("test-ds", 0.0) >= 0.8
    assert max(found.values()) == found["test-ds"]


def test_rescreening_bound_keeps_what_the_transcribed_shortlist_compares(e: Factory) -> None:
    # The quick filter does not judge a transcribed name (its reading is not a spelling): re-screening's
    # bound must not rule out a listed name the shortlist compares (艾丽莎·冯·拜尔, ailisha fon bail /
    # Eliza von Baeyer, quick similarity 44).
    index = MatchIndex.build([e("Person", "eb", name="Eliza von Baeyer")])
    (form,) = [form for _, form in prepare_query(Query(names=["艾丽莎·冯·拜尔"], schema="Person")).names if form.transcribed]
    assert 0 in matching._shortlist(index, form, "艾丽莎·冯·拜尔")
    assert comparable(form, " ".join(form.tokens), index.name_token_text(0))
