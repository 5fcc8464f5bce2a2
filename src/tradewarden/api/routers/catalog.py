"""``GET /catalog``: every list source, its current version and whether it is fresh (yente's catalogue)."""

from __future__ import annotations

from fastapi import APIRouter

from tradewarden.api.deps import State, Viewer
from tradewarden.api.schemas import DataCatalog, DatasetInfo

router = APIRouter(tags=["Catalog"])


@router.get("/catalog", summary="The lists and their versions", response_model=DataCatalog, response_model_by_alias=True)
def catalog(user: Viewer, state: State) -> DataCatalog:
    """Every known list; `current` names the loaded, fresh ones and `outdated` the stale or missing ones.

    The `default` dataset (every loaded list) is listed first, as yente lists its collections.
    """
    statuses = state.list_statuses()
    loaded = [s for s in statuses if s.version is not None]
    datasets = [
        DatasetInfo(
            name="default", title="Every loaded list", load=False, children=[s.source for s in loaded],
            entity_count=sum(s.version.entity_count for s in loaded if s.version is not None),
        )
    ]
    for status in statuses:
        version = status.version
        datasets.append(
            DatasetInfo(
                name=status.source,
                title=status.title,
                version=None if version is None else str(version.id),
                updated_at=None if version is None else (version.fetched_at or version.created_at).isoformat(),
                entity_count=None if version is None else version.entity_count,
                load=version is not None,
                index_version=None if version is None else str(version.id),
                index_current=status.state == "ok",
            )
        )
    return DataCatalog(
        datasets=datasets,
        current=[s.source for s in statuses if s.state == "ok"],
        outdated=[s.source for s in statuses if s.state != "ok"],
        index_stale=any(s.state == "stale" for s in statuses),
    )
