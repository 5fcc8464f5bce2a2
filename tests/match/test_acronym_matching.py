"""The matcher meets an organisation's acronym and its name written out (``names.acronyms``),
and never reads a person's name as initials; and a name held whole in a longer one
(``names.organisations``)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from followthemoney.proxy import EntityProxy

from tradewarden.match import MatchIndex, Query, matching

Factory = Callable[..., EntityProxy]


def _index(make: Factory) -> MatchIndex:
    return MatchIndex.build([
        make("Organization", "o1", name="Ministry of Atomic Energy Industry"),
        make("Company", "o2", name="Semiconductor Manufacturing International (Beijing) Corporation"),
        make("Company", "o3", name="Semiconductor Manufacturing International (Shenzhen) Corporation"),
        make("Company", "o4", name="Semiconductor Manufacturing International Corporation"),
        make("Company", "o5", name="SMIC Holdings Limited"),
        make("Company", "o6", name="IPCC"),
        make("Person", "p1", name="Mark Anthony Eric Irving"),
    ])


def _best(index: MatchIndex, name: str, schema: str = "LegalEntity") -> dict[str, float]:
    return {m.entity_id: m.score for m in index.match(Query(names=[name], schema=schema), min_score=0.0)}


def test_an_acronym_finds_the_name_it_spells(e: Factory) -> None:
    index = _index(e)
    assert _best(index, "MAEI").get("test-o1", 0.0) >= 0.8
    found = _best(index, "SMIC Beijing")
    assert found.get("test-o2", 0.0) >= 0.8
    assert found.get("test-o2", 0.0) > found.get("test-o3", 0.0)  # the place decides between subsidiaries


def test_a_name_written_out_finds_its_listed_acronym(e: Factory) -> None:
    assert _best(_index(e), "Iran Petrochemical Commercial Company").get("test-o6", 0.0) >= 0.8


def test_a_word_written_in_small_letters_is_read_as_no_acronym(e: Factory) -> None:
    """Maei GmbH is a family's company (``names.acronyms.written_as_words``); MAEI GmbH may be
    the ministry's acronym."""
    index = _index(e)
    assert _best(index, "Maei GmbH").get("test-o1", 0.0) < 0.5
    assert _best(index, "MAEI GmbH").get("test-o1", 0.0) >= 0.8
    assert _best(index, "maei").get("test-o1", 0.0) >= 0.8  # small letters alone say nothing


def test_a_persons_name_is_not_read_as_initials(e: Factory) -> None:
    index = _index(e)
    assert _best(index, "MAEI").get("test-p1", 0.0) < 0.5
    assert _best(index, "Maei", schema="Person").get("test-o1", 0.0) < 0.5


def test_a_short_name_held_whole_in_the_query_is_compared(e: Factory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The quick filter rules out EBLA HOTEL for a query holding it among five more words; the
    shortlist keeps it (``matching._held_whole``), and the comparison of the query cut to its
    words finds it (``names.organisations``)."""
    index = MatchIndex.build([e("Company", "h", name="EBLA HOTEL"), e("Company", "x", name="Omayad Trading")])
    query = "EBLA HOTEL AND OMAYAD PALACE FOR CONFERENCES"
    assert _best(index, query).get("test-h", 0.0) >= 0.8
    monkeypatch.setattr(matching, "HELD_WHOLE_BLOCKED", 0)
    # (The best blocked names holding every word of a listed name are compared too: not those.)
    monkeypatch.setattr(matching, "BEST_BLOCKED", 0)
    assert _best(index, query).get("test-h", 0.0) < 0.8


def test_a_brand_on_several_lists_is_still_a_brand(e: Factory) -> None:
    """Lists repeat a company's name: the brand of one on four lists is in four listed names,
    more than a fully rare word's three (HIKVISION / Hangzhou Hikvision Digital Technology Co.,
    Ltd. on four lists was never compared). A word in a few more names is still a brand
    (``organisations.BRAND_RARITY``); one in dozens is a common word, and one that reads as a
    family name must be fully rare (companies named after a family share it: OOO Kulakova /
    JSC Zavod Kulakova)."""
    fillers = [f"{a}{b}{c} {d}" for a in ("Bor", "Kal", "Mer", "Tov") for b in ("ad", "en", "ik") for c in ("ba", "do", "li") for d in ("Group", "Works", "Mills")]
    entities = [e("Company", f"b{n}", name="Hangzhou Zorbavision Digital Technology Co., Ltd.") for n in range(4)]
    entities += [e("Company", f"c{n}", name=f"Tianjin Kortavision {word} Co., Ltd.") for n, word in enumerate(fillers[:30])]
    entities += [e("Company", f"f{n}", name=name) for n, name in enumerate(fillers[30:])]
    entities += [e("Company", f"k{n}", name="JSC Zavod Zorbakova") for n in range(4)]
    index = MatchIndex.build(entities)
    assert min(_best(index, "ZORBAVISION").get(f"test-b{n}", 0.0) for n in range(4)) >= 0.8
    assert max(_best(index, "OOO Zorbakova").values(), default=0.0) < 0.8
    assert max(_best(index, "KORTAVISION").values(), default=0.0) < 0.8


def test_a_query_of_a_rare_brand_finds_the_body_named_with_it(e: Factory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Lists give a company's brand as its alias (Hikmicro / Hangzhou Hikmicro Sensing Technology
    Co.): one rare long word of the query held in a listed body's name, which the quick filter
    rules out (most of its letters are not the query's), is compared and found; a person's name
    listed as a body's is not (Vinogradov Limited / Mikhail Vinogradov)."""
    index = MatchIndex.build([
        e("Company", "b", name="Hangzhou Zorbavision Sensing Technology Co."),
        e("LegalEntity", "p", name="Mikhail Vinogradov"),
        e("Company", "x", name="Hangzhou Trading Co."),
    ])
    assert _best(index, "Zorbavision").get("test-b", 0.0) >= 0.8
    assert _best(index, "Vinogradov Limited").get("test-p", 0.0) < 0.8
    monkeypatch.setattr(matching, "HELD_WHOLE_BLOCKED", 0)
    assert _best(index, "Zorbavision").get("test-b", 0.0) < 0.8
