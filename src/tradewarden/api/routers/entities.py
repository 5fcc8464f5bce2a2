"""``GET /entities/{entity_id}``: one listed entity of a current list version, with all its properties."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from tradewarden.api.deps import State, Viewer
from tradewarden.api.schemas import EntityResponse
from tradewarden.api.yente import entity_response

router = APIRouter(tags=["Entities"])


@router.get(
    "/entities/{entity_id}",
    summary="Fetch a listed entity",
    response_model=EntityResponse,
    responses={404: {"description": "No current list holds the entity"}},
)
async def get_entity(entity_id: str, user: Viewer, state: State) -> JSONResponse:
    """The entity `entity_id` (as returned by `/match` and `/search`, e.g. `us-ofac-sdn-36`)."""
    payload = entity_response(state.entity(entity_id))
    return JSONResponse(payload.model_dump(mode="json", by_alias=True))
