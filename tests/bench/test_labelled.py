"""The matching benchmark's labelled-set generators (bench/labelled.py, bench/_variants.py, bench/_metrics.py).

Small hand-written entities only; the real lists are exercised by running the benchmark itself.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from followthemoney import model
from followthemoney.proxy import EntityProxy
from rapidfuzz.distance import Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from _clean import EAST_ASIAN_LATIN_LOCALES  # noqa: E402
import _variants  # noqa: E402
import labelled  # noqa: E402
from _metrics import summarise, threshold_at_alert_rate  # noqa: E402
from _systems import Outcome  # noqa: E402


def e(schema: str, id: str, source: str = "test", **props: str | list[str]) -> EntityProxy:
    entity = model.make_entity(schema)
    entity.id = id
    entity.context["source"] = source
    entity.context["source_id"] = id
    for prop, values in props.items():
        entity.add(prop, values)
    return entity


def rng() -> random.Random:
    return random.Random(7)


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Ivan PETROV", "latin"),
        ("Иван Петров", "cyrillic"),
        ("عبد الحبیب عالیزی", "arabic"),
        ("華信船務(香港)有限公司", "chinese"),
        ("Müller-Lüdenscheidt", "latin"),
        ("김정은", "other"),
    ],
)
def test_script_of(text: str, script: str) -> None:
    assert labelled.script_of(text) == script


def test_normalize_and_words() -> None:
    assert labelled.normalize_name("PETROV,  Ivan-Ivanovich") == "petrov ivan ivanovich"
    assert labelled.words("Al-Qaida Trading Co., Ltd.") == {"qaida"}


def test_typo_is_one_edit_and_keeps_first_letter() -> None:
    for seed in range(30):
        variant = _variants.typo("Nikolai Patrushev", random.Random(seed))
        assert variant is not None
        assert variant[0] == "N"
        assert 1 <= Levenshtein.distance(variant, "Nikolai Patrushev") <= 2
    assert _variants.typo("Li Wu", rng()) is None  # no word long enough


def test_person_reorder_and_drop_middle() -> None:
    assert _variants.reorder_person("PETROV, Ivan Ivanovich", rng()) == "Ivan Ivanovich PETROV"
    assert _variants.reorder_person("Ivan Petrov", rng()) == "Petrov Ivan"
    assert _variants.drop_middle("Ivan Ivanovich Petrov", rng()) == "Ivan Petrov"
    assert _variants.drop_middle("Ivan Petrov", rng()) is None


def test_drop_middle_leaves_given_names_and_honorifics_whole() -> None:
    # A Korean given name of two one-syllable words is no middle name (KIM Nam is another person).
    # (McCune-Reischauer's breves written as apostrophes or as breves: YO'N CHO'NG NAM, Yŏn Chŏng Nam.)
    for name in ("KIM Yong Nam", "Min Byong Chol", "Kim Jong Un", "Li Xiao Ming", "YO'N CHO'NG NAM", "Yŏn Chŏng Nam"):
        assert all(_variants.drop_middle(name, random.Random(seed)) is None for seed in range(10)), name
    # An honorific and one name are no one's name (Haji Noorzai: a title and a tribe).
    assert _variants.drop_middle("حاجى مالك نورزى", rng()) is None
    assert _variants.drop_middle("Haji Malik Noorzai", rng()) is None
    assert _variants.drop_middle("Haji Malik Agha Noorzai", random.Random(1)) in {"Haji Agha Noorzai", "Haji Malik Noorzai"}
    # Other three-word names still lose their middle word (Vietnamese Van, an initial).
    assert _variants.drop_middle("Nguyen Van An", rng()) == "Nguyen An"
    assert _variants.drop_middle("AL-ADANI, Abu Sulayman", rng()) is None  # the kunya Abu Sulayman is one name
    assert _variants.drop_middle("Abu Sulayman Ahmad AL-ADANI", random.Random(0)) in {None, "Abu Sulayman AL-ADANI"}
    assert _variants.drop_middle("PODOPRIGOROV, Sergei G.", rng()) == "Sergei PODOPRIGOROV"


def test_legal_form_swap_stays_in_its_group() -> None:
    llc = {f.casefold() for f in _variants._LEGAL_FORM_GROUPS[0]}
    for seed in range(20):
        variant = _variants.swap_legal_form('OOO "ROMASHKA"', random.Random(seed))
        assert variant is not None and "ROMASHKA" in variant
        form = variant.replace('"ROMASHKA"', "").strip().casefold()
        assert form in llc and form != "ooo"
    variant = _variants.swap_legal_form("Huawei Technologies Co., Ltd.", rng())
    assert variant is not None and "co., ltd." not in variant.casefold() and "Huawei Technologies" in variant
    assert _variants.swap_legal_form("Ministry of Defence", rng()) is None


def test_transliteration_changes_one_word() -> None:
    variant = _variants.transliterate("Muhammad", rng())
    assert variant in {"Mohammed", "Mohamed", "Muhammed"}
    variant = _variants.transliterate("KHODORKOVSKY", rng())
    assert variant is not None and variant != "KHODORKOVSKY" and variant.isupper()


def _entities() -> list[EntityProxy]:
    return [
        e("Person", "p1", name="Ivan PETROV", alias=["Vanya PETROV", "Иван Петров"], birthDate="1970"),
        e("Person", "p2", source="other", name="PETROV, Ivan", alias="Vanya PETROV"),
        e("Organization", "o1", name='OOO "ROMASHKA"', alias=["Daisy Trading", "ООО Ромашка"]),
        e("Person", "p3", name="Sergei Borisovich Ivanov"),
        e("Company", "c1", name="Huawei Technologies Co., Ltd.", alias="华为技术有限公司"),
        e("Person", "p4", name="Иван Сидоров"),  # no Latin name: its Cyrillic name is not a hold-out
    ]


def test_holdouts_are_removed_from_every_indexed_copy() -> None:
    originals = _entities()
    result = labelled.build_labelled_set(originals, seed=1, n_aliases=5, n_variants=3, n_clean=0)
    indexed = {entity.id: entity for entity in result.indexed}
    queries = {case.query: case for case in result.cases}
    # Real aliases and original-script names are held out against their Latin entries.
    assert queries["Иван Петров"].kind == "cyrillic_script"
    assert queries["ООО Ромашка"].kind == "cyrillic_script"
    assert queries["华为技术有限公司"].kind == "chinese_script"
    assert "Иван Сидоров" not in queries
    vanya = queries["Vanya PETROV"]
    assert vanya.kind == "alias_shared_word" and set(vanya.expected_ids) == {"p1", "p2"}
    assert queries["Daisy Trading"].kind == "alias_other"
    for case in result.cases:
        if case.kind != "variant":
            norm = labelled.normalize_name(case.query)
            for entity in indexed.values():
                assert norm not in {labelled.normalize_name(v) for v in entity.names}
    assert indexed["p1"].get("name") == ["Ivan PETROV"] and not indexed["p1"].get("alias")
    assert indexed["p4"].get("name") == ["Иван Сидоров"]
    # The originals are untouched.
    assert sorted(originals[0].get("alias")) == ["Vanya PETROV", "Иван Петров"]


def test_variants_point_at_their_entity_and_are_not_listed_names() -> None:
    result = labelled.build_labelled_set(_entities(), seed=3, n_aliases=0, n_variants=10, n_clean=0)
    listed = {labelled.normalize_name(v) for entity in _entities() for v in entity.names}
    variants = [case for case in result.cases if case.kind == "variant"]
    assert variants
    for case in variants:
        assert labelled.normalize_name(case.query) not in listed
        assert case.origin in {v for entity in result.indexed if entity.id in case.expected_ids for v in entity.names}


def test_same_seed_same_cases() -> None:
    first = labelled.build_labelled_set(_entities(), seed=5, n_aliases=5, n_variants=5, n_clean=0)
    second = labelled.build_labelled_set(_entities(), seed=5, n_aliases=5, n_variants=5, n_clean=0)
    assert first.cases == second.cases


def test_clean_names_are_spread_over_locales_and_not_listed() -> None:
    listed = {"ivan petrov"}
    cases = labelled.clean_cases(36, listed, seed=11)
    # 36 over the nine CLEAN_LOCALES, then a ninth as many again of each Latin-script East Asian locale.
    assert len(cases) == 36 + 2 * (36 // len(labelled.CLEAN_LOCALES))
    assert {case.detail.split()[0] for case in cases[:36]} == set(labelled.CLEAN_LOCALES)
    assert {case.detail.split()[0] for case in cases[36:]} == set(EAST_ASIAN_LATIN_LOCALES)
    assert all(case.detail.endswith("person") and case.query.isascii() for case in cases[36:])
    assert all(labelled.normalize_name(case.query) not in listed and not case.expected_ids for case in cases)
    scripts = {labelled.script_of(case.query) for case in cases}
    assert {"latin", "cyrillic", "arabic", "chinese"} <= scripts


def test_threshold_at_alert_rate_and_summary() -> None:
    clean_scores = [0.99, 0.95] + [0.1] * 198  # 200 clean names: 1 % allows two alerts
    assert threshold_at_alert_rate(clean_scores) == 0.1
    assert threshold_at_alert_rate([0.99, 0.95, 0.9] + [0.1] * 97) == 0.95
    cases = [labelled.Case("variant", "x", "Person", ("a",)), labelled.Case("variant", "y", "Person", ("b",))]
    cases += [labelled.Case("clean", f"c{i}", "Person") for i in range(100)]
    outcomes = [Outcome("a", 0.9, "x", 0.9, 1), Outcome("z", 0.95, "z", 0.0, None)]
    outcomes += [Outcome("z", 0.85 if i == 0 else 0.2, "z", 0.0, None) for i in range(100)]
    summary = summarise(cases, outcomes, default_threshold=0.8)
    assert summary["alerts_per_1000_clean"] == pytest.approx(10.0)
    assert summary["kinds"]["variant"] == {"n": 2, "recall": 0.5, "recall_at_1pct": 0.5, "top1": 0.5}


def test_name_key_ignores_order_case_and_accents() -> None:
    assert labelled.name_key("PETROV, Ivan") == labelled.name_key("ivan  Pétrov") == "ivan petrov"
    assert labelled.name_key("Алёна АРШИНОВА") == labelled.name_key("Алена Аршинова")


def test_holdout_also_removes_the_reordered_name_elsewhere() -> None:
    entities = [
        e("Person", "a1", name="Yassin SYAWAL", alias="Abdul Hadi YASIN"),
        e("Person", "a2", source="other", name="YASIN, Abdul Hadi"),
    ]
    result = labelled.build_labelled_set(entities, seed=1, n_aliases=5, n_variants=0, n_clean=0)
    (case,) = [c for c in result.cases if c.query == "Abdul Hadi YASIN"]
    indexed = {entity.id: entity for entity in result.indexed}
    assert not indexed["a1"].get("alias")
    assert not indexed["a2"].names  # its only name was the held-out one, in another order
    assert case.expected_ids == ("a1",)  # a record left without names cannot be found


def test_other_list_records_of_the_same_party_are_accepted() -> None:
    entities = [
        e("Person", "eu1", name="Aljona Igorevna ARSCHINOVA", alias=["Alena Igorevna ARSHINOVA", "Vanya Test"],
          birthDate="1985-06-10"),
        e("Person", "uk1", source="uk", name="ARSHINOVA, Alena Igorevna", birthDate="1985"),
        e("Person", "uk2", source="uk", name="ARSHINOVA, Alena Igorevna", birthDate="1960"),  # not the same person
        e("Organization", "o9", source="uk", name="Alena Igorevna Arshinova"),  # not a person
    ]
    result = labelled.build_labelled_set(entities, seed=1, n_aliases=5, n_variants=0, n_clean=0)
    (case,) = [c for c in result.cases if c.query == "Vanya Test"]
    assert case.expected_ids == ("eu1",)
    assert case.expected == {"eu1", "uk1"}


def test_clean_names_come_from_synthetic_providers_only() -> None:
    from faker.providers.company.fa_IR import Provider as FaCompanies
    from faker.providers.company.ru_RU import Provider as RuCompanies
    from faker.providers.company.tr_TR import Provider as TrCompanies
    from faker.providers.company.zh_CN import Provider as ZhCompanies

    real = {*RuCompanies.large_companies, *TrCompanies.large_companies, *FaCompanies.company_names}
    cases = labelled.clean_cases(450, set(), seed=2)
    companies = [case.query for case in cases if case.detail.endswith("company")]
    assert len(companies) > 60
    assert not {case.query for case in cases} & real
    assert not any(prefix in name for name in companies for prefix in ZhCompanies.company_prefixes if len(prefix) > 2)
    assert all(case.schema == ("LegalEntity" if case.detail.endswith("company") else "Person") for case in cases)


def test_clean_names_equal_to_a_listed_name_are_dropped() -> None:
    made = labelled.clean_cases(90, set(), seed=4)
    # List a third of them, some in another script or word order; the same seed must skip them.
    listed_values = [case.query for case in made[::3]]
    listed_values.append("PETROV, Ivan")
    listed = labelled.ListedNames(listed_values)
    assert "Ivan Petrov" in listed and "ivan  PETROV" in listed
    assert "Иван Петров" in labelled.ListedNames(["Ivan PETROV"])
    again = labelled.clean_cases(90, listed, seed=4)
    assert len(again) == 90 + 2 * (90 // len(labelled.CLEAN_LOCALES))
    assert not {case.query for case in again} & set(listed_values)
    assert all(case.query not in listed for case in again)


def test_listed_names_compare_across_scripts() -> None:
    listed = labelled.ListedNames(["МОСТОТРЕСТ", "Славнефть"])
    assert "Mostotrest" in listed
    assert "slavneft" in listed
    assert "Mostotrest Group" not in listed


def test_records_sharing_an_identifier_are_the_same_party() -> None:
    entities = [
        e("Vessel", "v1", name="OCEAN STAR", alias="Old Name", imoNumber="IMO 9126819"),
        e("Vessel", "v2", source="uk", name="OKEAN ZVEZDA", imoNumber="9126819"),
        e("Company", "c1", name="Romashka Trading", alias="Daisy Holding", innCode="7707083893"),
        e("Company", "c2", source="eu", name="ROMASHKA TORGOVYI DOM", registrationNumber="7707-083893"),
        e("Person", "p9", source="eu", name="Ivan Unrelated", idNumber="7707083893"),  # another kind
    ]
    result = labelled.build_labelled_set(entities, seed=1, n_aliases=5, n_variants=0, n_clean=0)
    by_query = {case.query: case for case in result.cases}
    assert by_query["Old Name"].expected == {"v1", "v2"}
    assert by_query["Daisy Holding"].expected == {"c1", "c2"}


def test_case_expected_defaults_to_its_origin_records() -> None:
    case = labelled.Case("variant", "x", "Person", ("a", "b"))
    assert case.expected == {"a", "b"}
    assert labelled.Case("clean", "y", "Person").expected == frozenset()


def test_report_records_the_machine_load_at_start_and_end(tmp_path: Path) -> None:
    import json

    from _common import Report

    report = Report("demo", "Demo")
    report.table("t", ["a"], [[1.5]])
    json_path, md_path = report.write({"x": 1}, tmp_path)
    env = json.loads(json_path.read_text())["environment"]
    assert len(env["load_average_start"]) == 3 and len(env["load_average_end"]) == 3
    assert env["started_at"] <= env["measured_at"]
    assert "Load average" in md_path.read_text() and "| 1.500 |" in md_path.read_text()


def test_party_links_need_a_distinctive_name_or_identifier() -> None:
    from _links import PartyLinks

    links = PartyLinks([
        e("Company", "r1", name="ROSNEFTEGAZ"),
        e("Organization", "r2", source="uk", name="Rosneftegaz"),  # one long word: same organisation
        e("Company", "s1", name="ALFA"),
        e("Company", "s2", source="uk", name="Alfa"),  # one short word: not evidence
        e("Person", "p1", name="Ahmad"),
        e("Person", "p2", source="uk", name="AHMAD"),  # one-word person names never link
    ])
    assert links.accepted(["r1"]) == {"r1", "r2"}
    assert links.accepted(["s1"]) == {"s1"}
    assert links.accepted(["p1"]) == {"p1"}


def test_variant_reach_marks_names_a_generator_could_make() -> None:
    reach = labelled.VariantReach(["ZAYTSEV, Yuriy Viktorovich", "Alex Woolf", "Charles Carper", "Иван Петров", "华为"])
    assert (reach.reason("Yuriy Zaytsev") or "").startswith("words of a listed name")  # drop_middle
    assert (reach.reason("Alex Wulf") or "").startswith("one respelling")  # oo -> u
    assert (reach.reason("Charles Carter") or "").startswith("one typo")
    assert (reach.reason("Petrov Ivan") or "").startswith("words of a listed name")  # romanised Cyrillic
    assert reach.reason("Yuriy Ivanov") is None  # a different family name
    assert reach.reason("Charles Cartwright") is None  # more than one typo
    assert reach.reason("Zaytsev") is None  # one word is never within reach
    assert reach.reason("华为 公司") is None  # Chinese syllables are not words


def test_clean_names_within_reach_are_counted_apart() -> None:
    cases = [labelled.Case("variant", "x", "Person", ("a",))]
    cases += [labelled.Case("clean", f"c{i}", "Person", reach="one typo: c" if i < 2 else "") for i in range(102)]
    outcomes = [Outcome("a", 0.9, "x", 0.9, 1)]
    outcomes += [Outcome("z", 0.95 if i < 3 else 0.2, "z", 0.0, None) for i in range(102)]
    summary = summarise(cases, outcomes, default_threshold=0.8)
    assert summary["clean_names"] == 100 and summary["all_clean_names"] == 102
    assert summary["alerts_per_1000_clean"] == pytest.approx(10.0)  # only c2 of the unmarked names
    assert summary["alerts_per_1000_all_clean"] == pytest.approx(3000 / 102)
    assert summary["clean_left_out"] == {"one typo": 2}


def test_clean_cases_carry_the_reach_reason() -> None:
    made = labelled.clean_cases(18, set(), seed=4)
    assert all(not case.reach for case in made)  # no reach given: nothing is marked
    target = next(c for c in made if len(c.query.split()) >= 2 and labelled.script_of(c.query) == "latin")
    again = labelled.clean_cases(18, set(), seed=4, reach=labelled.VariantReach([f"{target.query} Extra"]))
    assert [case.query for case in again] == [case.query for case in made]
    marked = {case.query: case.reach for case in again if case.reach}
    assert marked[target.query].startswith("words of a listed name")


def test_variant_reach_across_scripts_and_legal_forms() -> None:
    reach = labelled.VariantReach([
        "Юлия Сергеевна ПРОХОРОВА", "YAZDI, Mohammad", "SAMI, Salem Bassem", "Публичное Акционерное Общество «Яковлев»",
        "LLC Morgan Trading", "Radel Ltd.", "KUZNETSOV PAO", "MAHMOUD, Ali",
    ])
    # BGN/PCGN romanisation: ICU's default writes Юлия as "uliya"
    assert (reach.reason("Yuliya Prokhorova") or "").startswith("words of a listed name (other romanisation)")
    assert reach.reason("Yuliya Petrova") is None
    # Arabic script against Latin: short vowels are free, long vowels and consonants are not
    assert (reach.reason("محمد یزدی") or "").startswith("words of a listed name (Arabic script)")
    assert reach.reason("محمود یزدی") is None  # Mahmoud is not Mohammad
    assert reach.reason("محمد يزد") is None  # Yazd is not Yazdi
    assert reach.reason("باسمة سليم") is None  # a final ta marbuta needs a vowel: Basima is not Bassem
    assert (reach.reason("علی محمود") or "").startswith("words of a listed name (Arabic script)")
    # the same name with another legal form, as written or romanised
    assert (reach.reason("Yakovlev Limited") or "").startswith("words of a listed name (legal forms aside)")
    assert (reach.reason("ЗАО «Кузнецов»") or "").startswith("words of a listed name (legal forms aside)")
    assert (reach.reason("Rädel OHG mbH") or "").startswith("words of a listed name (legal forms aside)")
    assert reach.reason("Morgan PLC") is None  # one word of a longer listed name
    assert reach.reason("Yakovlev Group") is None  # a group is no legal form
    assert reach.reason("Kuznetsov") is None  # no legal form: one word is never within reach


def test_abjad_pattern_reads_the_letters_icu_writes() -> None:
    from _clean import _abjad_words, abjad_pattern

    assert _abjad_words("طه ثابت") == [["t", "h"], ["th", "a", "b", "t"]]  # ط then ه; ث is one letter
    taha, thabet = (abjad_pattern(tuple(word)) for word in _abjad_words("طه ثابت"))
    assert taha.fullmatch("taha") and not taha.fullmatch("saha")  # ط is no s, as ث may be
    assert thabet.fullmatch("thabet") and thabet.fullmatch("sabet") and not thabet.fullmatch("thbet")  # its alef is written


def test_variant_reach_reads_korean_names_in_other_romanisations() -> None:
    # The bench's own reading of the Korean romanisations (``_korean``), not the engine's.
    reach = labelled.VariantReach([
        "KIM, Sang-ho", "CHOE, Un Jong", "Choe Chun Yong", "Song Hun KIM", "RI Yong Gil", "Thae Yong Ho",
        "CHOE Song Chol", "KIM Su Gwang", "Kim Jongun",
    ])
    same = "same Korean name in another romanisation"
    assert (reach.reason("Gim Sang Ho") or "").startswith(same)  # RR / McCune-Reischauer
    assert (reach.reason("Choe Eun Jeong") or "").startswith(same)  # eu / u, eo / o
    assert (reach.reason("Choe Jun-yeong") or "").startswith(same)  # j / ch
    assert (reach.reason("GIM, Seong-hun") or "").startswith(same)  # family name last in the listed name
    assert (reach.reason("I Yeong Gil") or "").startswith(same)  # the South drops the North's r before i
    assert (reach.reason("Tae Yeong-ho") or "").startswith(same)  # the North's th
    assert (reach.reason("Gim Jeong-eun") or "").startswith(same)  # a given name run together
    assert reach.reason("CHOE, Sang Cheol") is None  # sang / song: another syllable
    assert reach.reason("Gim Gwang-su") is None  # Gwang-su / Su-gwang: another given name
    assert reach.reason("I Yeong Gi") is None  # gi / gil: another syllable
    assert reach.reason("Gim Sang") is None  # a syllable fewer: another given name
    assert reach.reason("Gim Seong Hun Ho") is None
    hangul = labelled.VariantReach(["리영길", "김 성수"])
    assert (hangul.reason("I, Yeong Gil") or "").startswith(same)  # Hangul: family name first
    assert (hangul.reason("Gim Seong-su") or "").startswith(same)
    assert (hangul.reason("Yeong Gil Ri") or "").startswith(same)  # family name last
    assert hangul.reason("Gil Yeong Ri") is None  # Gil-yeong is another given name


def test_korean_syllable_readings() -> None:
    import _korean

    assert ("g", "eo", "") in _korean.syllable_readings("ko")  # McCune-Reischauer's ko (kŏ) is 거 too
    assert _korean.syllable_readings("i") & _korean.syllable_readings("lee")  # 李: 리 in the North, 이 in the South
    assert not _korean.syllable_readings("ssang") & _korean.syllable_readings("sang")
    assert _korean.syllable_readings("robert") == frozenset()
    assert _korean.name_readings("Maria Theresa Lopez") == []
