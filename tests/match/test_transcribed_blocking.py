"""A foreign person's name in Chinese characters is blocked by its loose consonants alone too
(``matching._shortlist``): names spelt like its reading's letters as written must not crowd out
the Latin spelling of the name, which shares only those keys."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from followthemoney.proxy import EntityProxy

from tradewarden.match import MatchIndex, Query, matching

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
