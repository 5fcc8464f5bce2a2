"""Fixtures: ``index`` (a MatchIndex of a few hand-written listed parties, one with a registration
number), ``index_file`` (the same index saved to disk, for the CLI and subprocesses),
``dask_scheduler`` (the address of a LocalCluster with 2 single-threaded worker processes,
shared by the module), and ``write_csv`` (writes rows of cells as a CSV file)."""

from __future__ import annotations

import csv
import logging
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from followthemoney import model
from followthemoney.proxy import EntityProxy

from tradewarden.match import MatchIndex

WriteCsv = Callable[[Path, Sequence[Sequence[str]]], Path]


def listed(schema: str, source_id: str, **props: Any) -> EntityProxy:
    """A listed entity in one line: ``listed("Person", "p1", name="Ivan Petrov", country="ru")``."""
    entity = model.make_entity(schema)
    entity.id = f"test-{source_id}"
    entity.context["source"] = "test"
    entity.context["source_id"] = source_id
    for prop, value in props.items():
        entity.add(prop, value)
    return entity


LISTED = [
    listed("Person", "p1", name="Ivan Petrovich Sidorov", country="ru", birthDate="1970-03-14"),
    listed("Company", "c1", name="Romashka LLC", registrationNumber="1027700132195", phone="+7 495 123-45-67",
           country="ru"),
    listed("Company", "c2", name="Rosoboronexport", country="ru"),
    listed("Person", "p2", name="Hassan Rouhani", country="ir"),
    listed("Organization", "o1", name="Huawei Technologies Co., Ltd.", country="cn"),
    listed("Person", "p3", name="Abdul Karim Haqqani", weakAlias="Sheikh Diplomat", country="af"),
]


@pytest.fixture(scope="session")
def index() -> MatchIndex:
    return MatchIndex.build(LISTED)


@pytest.fixture(scope="session")
def index_file(index: MatchIndex, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("index") / "test.idx"
    index.save(path)
    return path


@pytest.fixture(scope="module")
def dask_scheduler() -> Iterator[str]:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=logging.ERROR
    ) as cluster:
        yield cluster.scheduler_address


def _write_csv(path: Path, rows: Sequence[Sequence[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.fixture
def write_csv() -> WriteCsv:
    return _write_csv
