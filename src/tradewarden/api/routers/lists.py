"""``GET /lists`` (each source's freshness) and ``POST /lists/update`` (admins: fetch, gate and promote)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from tradewarden.api.deps import ListAdmin, State, Viewer
from tradewarden.api.schemas import ListsUpdateRequest
from tradewarden.lists.update import UpdateOutcome
from tradewarden.store.audit import append_audit

router = APIRouter(tags=["Lists"])


def outcome_dict(outcome: UpdateOutcome) -> dict[str, Any]:
    """An update outcome as JSON."""
    version = outcome.version
    return {
        "source": outcome.source,
        "status": str(outcome.status),
        "version": None if version is None else version.id,
        "entity_count": None if version is None else version.entity_count,
        "reasons": list(outcome.reasons),
        "counts": dict(outcome.counts),
    }


@router.get("/lists", summary="Each list's current version and freshness")
def lists(user: Viewer, state: State) -> list[dict[str, Any]]:
    """Every known source: `state` is `ok`, `stale` (older than the configured maximum age) or `missing`."""
    return [s.as_dict() for s in state.list_statuses()]


@router.post("/lists/update", summary="Update the lists (admin)")
def update(body: ListsUpdateRequest, user: ListAdmin, state: State) -> list[dict[str, Any]]:
    """Fetch (or read from `mirror`), gate and promote each source; a rejected source keeps its previous version."""
    from tradewarden.lists.update_remote import update_lists

    outcomes = update_lists(state.store, state.settings, sources=body.sources, mirror=body.mirror,
                            force=body.force, progress=False)
    result = [outcome_dict(o) for o in outcomes]
    append_audit(state.store, user.name, "lists.update", "lists", {"outcomes": [
        {"source": r["source"], "status": r["status"], "version": r["version"]} for r in result]})
    return result
