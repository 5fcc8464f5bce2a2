"""A foreign company written in Chinese characters by its sounds found under its Latin name
(``analyze.sound_form``, compared beside the pinyin form; issue 3, chinese_script). Made-up companies."""

from __future__ import annotations

from collections.abc import Callable

from followthemoney.proxy import EntityProxy

from tradewarden.match import MatchIndex, Query

Factory = Callable[..., EntityProxy]  # the ``e`` fixture of conftest.py
THRESHOLD = 0.8


def _index(make: Factory) -> MatchIndex:
    return MatchIndex.build(
        [
            make("Company", "c1", name="Tarantis Inc."),
            make("Company", "c2", name="Veratox Technologies Inc."),
            make("Company", "c3", name="Shenzhen Jinmingsheng Technology Co., Ltd."),
        ]
    )


def _found(index: MatchIndex, name: str) -> dict[str, float]:
    return {m.entity_id: m.score for m in index.match(Query(names=[name], schema="LegalEntity"), min_score=0.0)}


def test_transcribed_company_found(e: Factory) -> None:
    index = _index(e)
    assert _found(index, "塔兰蒂斯公司").get("test-c1", 0.0) >= THRESHOLD
    assert _found(index, "维拉托克斯技术公司").get("test-c2", 0.0) >= THRESHOLD


def test_chinese_company_still_by_pinyin(e: Factory) -> None:
    # A Chinese company name keeps its pinyin reading (the sound form is only added).
    assert _found(_index(e), "深圳市金铭盛科技有限公司").get("test-c3", 0.0) >= THRESHOLD


def test_transcription_found_among_names_of_its_consonants(e: Factory) -> None:
    # Many listed names share the loose consonants of 塔兰蒂斯 (talandis: t l n t s) and tie in
    # blocking weight; its vowels rank the one written like it among them.
    decoys = ["Drundez", "Durondiz", "Deruntez", "Dironduz", "Turondez", "Dorentoz", "Duriendoz",
              "Deirundoz", "Tiruntoz", "Dourindez", "Torendiz", "Dureendoz", "Diroondez", "Tourindoz"]
    index = MatchIndex.build(
        [e("Company", f"d{i}", name=f"{name} Holdings") for i, name in enumerate(decoys)]
        + [e("Company", "c1", name="Tarantis Holdings")]
    )
    assert _found(index, "塔兰蒂斯控股公司").get("test-c1", 0.0) >= THRESHOLD
