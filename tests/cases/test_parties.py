"""Monitored parties from orders and the customer master; blocking keys as an exact prefilter."""

from __future__ import annotations

from collections.abc import Callable

from followthemoney.proxy import EntityProxy

from tradewarden.cases.parties import (
    fit_key,
    order_party_key,
    order_queries,
    party_keys,
    query_from_json,
    query_to_json,
    read_customers,
)
from tradewarden.cases.delta import delta_keys
from tradewarden.match.index import MatchIndex
from tradewarden.match.model import Query

CUSTOMERS = """id,name,schema,country,dob,address,email,phone,website,identifier
C-1,Ivan Petrov,person,RU,1970-03-25,,,,,
C-2,Orion Trading FZE,Company,AE,,"Office 1203, Jebel Ali Free Zone",sales@orion.ae,+971 4 123 4567,https://orion.ae,DMCC-123456
C-3,,Person,RU,,,,,,
C-1,Ivan Petrov again,,,,,,,,
C-5,Somebody,spaceship,,,,,,,
C-6,Anna Smirnova;Anna Smirnowa,Person,RU;KZ,12 Mar 1981,,,,,
C-7,Bad Date,Person,,not a date,,,,,
"""


def test_customer_rows_become_queries_and_bad_rows_name_their_line() -> None:
    read = read_customers(CUSTOMERS, "customers.csv")
    assert [row.customer_id for row in read.rows] == ["C-1", "C-2", "C-6"]
    ivan, orion, anna = (row.query for row in read.rows)
    assert ivan == Query(names=["Ivan Petrov"], schema="Person", countries=["RU"], birth_dates=["1970-03-25"])
    assert orion.schema == "Company" and orion.identifiers == ["DMCC-123456"] and orion.phones == ["+971 4 123 4567"]
    assert anna.names == ["Anna Smirnova", "Anna Smirnowa"] and anna.countries == ["RU", "KZ"]
    assert anna.birth_dates == ["1981-03-12"]
    assert read.rows[0].key == "customer:C-1" and read.rows[0].line == 2
    assert read.problems == [
        "customers.csv:4: id and name are required",
        "customers.csv:5: id 'C-1' repeats an earlier row",
        "customers.csv:6: unknown schema 'spaceship'",
        "customers.csv:8: unreadable dob 'not a date'",
    ]


def test_a_file_without_the_required_columns_is_one_problem() -> None:
    read = read_customers("customer,label\n1,x\n", "master.csv")
    assert read.rows == [] and read.problems == ["master.csv:1: missing column(s) id, name"]


def test_order_queries_cover_parties_and_nested_owners() -> None:
    order = {"parties": [
        {"name": "Orion Trading FZE", "country": "AE", "registration_number": "DMCC-1", "identifiers": [
            {"scheme": "lei", "value": "529900T8BM49AURSDO55"}],
         "owners": [{"name": "Alpha Holding Ltd", "owners": [{"name": "Ivan Petrov", "country": "RU"}]}]},
        {"name": "  "},
    ]}
    found = order_queries(order)
    assert [subject for subject, _ in found] == [
        "order.parties[0]", "order.parties[0].owners[0]", "order.parties[0].owners[0].owners[0]"]
    assert found[0][1].identifiers == ["DMCC-1", "529900T8BM49AURSDO55"]
    assert found[2][1] == Query(names=["Ivan Petrov"], countries=["RU"])
    assert query_from_json(query_to_json(found[0][1])) == found[0][1]
    assert order_party_key(found[2][1]) == order_party_key(Query(names=["Ivan Petrov"], countries=["RU"]))
    assert order_party_key(found[2][1]) != order_party_key(Query(names=["Ivan Petrov"], countries=["BY"]))


def test_long_keys_are_fitted_to_the_column() -> None:
    long_key = "address:" + "x" * 400
    assert len(fit_key(long_key)) <= 200 and fit_key(long_key) != fit_key(long_key + "y")
    assert fit_key("petrov") == "petrov"


# (query, listed entity properties): spelling variants, scripts, fused names, shared identifiers, misses.
PAIRS: list[tuple[Query, str, dict[str, list[str]]]] = [
    (Query(names=["Ivan Petrov"], schema="Person"), "Person", {"name": ["PETROV, Ivan"]}),
    (Query(names=["Muhammad Abdulrahman"], schema="Person"), "Person", {"name": ["Mohammad Abdul Rahman"]}),
    (Query(names=["Иван Петров"], schema="Person"), "Person", {"name": ["Ivan Petrov"]}),
    (Query(names=["Ivan Petrow"]), "Person", {"name": ["Ivan Petrov"]}),
    (Query(names=["Rosneftegaz"]), "Company", {"name": ["Rosneftegas OAO"]}),
    (Query(names=["Xi Jin Ping"]), "Person", {"name": ["Xi Jinping"]}),
    (Query(names=["Acme Widgets"], emails=["info@orion.ae"]), "Company", {"name": ["Orion Trading"], "email": ["INFO@orion.ae"]}),
    (Query(names=["Acme"], identifiers=["IMO 9126819"]), "Vessel", {"name": ["Sea Star"], "imoNumber": ["9126819"]}),
    (Query(names=["Acme"], phones=["+7 495 123-45-67"]), "Company", {"name": ["Beta"], "phone": ["8 (495) 1234567"]}),
    (Query(names=["Anna Smirnova"]), "Person", {"name": ["Pavel Sidorov"]}),
    (Query(names=["Global Trading"]), "Company", {"name": ["Global Trading Company Ltd"]}),
]


def test_whatever_the_matcher_finds_shares_a_key_with_the_party(e: Callable[..., EntityProxy]) -> None:
    matched = 0
    for query, schema, props in PAIRS:
        entity = e(schema, "1", **props)
        index = MatchIndex.build([entity])
        keys = delta_keys(index, [entity])
        if index.match(query, 10, 0.3):
            matched += 1
            assert party_keys(query) & keys, (query, props)
    assert matched >= 8  # the pairs exercise the prefilter, not just misses
