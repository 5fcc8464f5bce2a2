"""Atomic pickle writes: concurrent writers of one file never trip over each other's temporary file."""

from __future__ import annotations

import pickle
import threading
from pathlib import Path

from tradewarden.atomic_file import write_pickle


def test_concurrent_writers_of_one_file_all_succeed(tmp_path: Path) -> None:
    target = tmp_path / "cache" / "index.idx"
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def write(n: int) -> None:
        barrier.wait()
        try:
            for _ in range(20):
                write_pickle({"writer": n, "data": list(range(2000))}, target)
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert pickle.loads(target.read_bytes())["data"] == list(range(2000))
    assert [p.name for p in target.parent.iterdir()] == ["index.idx"]  # no temporary file left


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "data.pkl"
    write_pickle("old", target)
    try:
        write_pickle(lambda: None, target)  # a lambda cannot be pickled
    except (pickle.PicklingError, AttributeError):
        pass
    assert pickle.loads(target.read_bytes()) == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["data.pkl"]
