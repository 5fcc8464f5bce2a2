"""A load killed mid-stage (SIGKILL) leaves the previous version current and nothing half-written."""

from __future__ import annotations

import signal
import textwrap
from datetime import timedelta

import pytest
from followthemoney import model
from followthemoney.proxy import EntityProxy
from sigkill import kill_when_ready

from tradewarden.store import Store

# Streams 2,100 entities (the first insert batch of 2,000 reaches the database), then hangs in the
# entity stream with the transaction open, until the test kills the process.
_SLOW_LOADER = textwrap.dedent(
    """
    import sys, time
    from followthemoney import model
    from tradewarden.store import Store

    def entities():
        for i in range(2100):
            entity = model.make_entity("Person")
            entity.id = f"test_list-new-{i}"
            entity.add("name", f"New {i}")
            entity.context.update(source="test_list", source_id=f"new-{i}")
            yield entity
        print("staging", flush=True)
        time.sleep(600)

    store = Store.from_url(sys.argv[1])
    store.stage_version("test_list", entities(), sha256="new")
    """
)


def _person(i: int) -> EntityProxy:
    entity = model.make_entity("Person")
    entity.id = f"test_list-{i}"
    entity.add("name", f"Old {i}")
    entity.context.update(source="test_list", source_id=str(i))
    return entity


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_sigkill_during_staging_leaves_previous_version_current(store_url: str) -> None:
    with Store.from_url(store_url) as store:
        previous = store.promote(store.stage_version("test_list", [_person(i) for i in range(30)], sha256="old").id)

    kill_when_ready(_SLOW_LOADER, store_url, ready="staging")

    with Store.from_url(store_url) as store:
        assert store.current("test_list") == previous
        assert sorted(e.caption for e in store.current_entities()) == sorted(f"Old {i}" for i in range(30))
        orphan = store.versions("test_list")[0]
        assert orphan.id != previous.id
        assert orphan.status == "staged" and orphan.staged_at is None
        assert store.count_entities(orphan.id) == 0
        assert store.cleanup_staged(timedelta(0)) == 1
        failed = store.version(orphan.id)
        assert failed.status == "failed" and "abandoned" in (failed.reason or "")
        assert store.current("test_list") == previous
