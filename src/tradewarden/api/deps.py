"""What every route depends on, as ``Annotated`` aliases: the app state, the store, the
settings, the current user and the role checks.

:class:`AppState` is built once by :func:`tradewarden.api.create_app` and kept on
``app.state.tw``: the settings, the store (opened on first use, so ``/healthz`` answers even
when the database is down), the session signer, the rate limiter, the metrics and the match
index of the current list versions (re-checked against the store at most every
:data:`INDEX_RECHECK_SECONDS`). Routers declare ``user: Viewer`` (or ``Screener``,
``Reviewer``, ``ListAdmin``) and get an authenticated, rate-limited user whose role allows
the action, or the request ends with 401, 403 or 429.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Depends, Request
from followthemoney.proxy import EntityProxy

from tradewarden.api.errors import RateLimited
from tradewarden.api.metrics import Metrics
from tradewarden.api.security import (
    CSRF_COOKIE,
    CSRF_HEADER,
    SESSION_COOKIE,
    RateLimiter,
    SessionSigner,
    api_key_from_headers,
    caller_key,
    load_secret,
)
from tradewarden.decide import DecisionPolicy, ListVersionRef
from tradewarden.errors import AuthError, InputError, NotFound, PermissionDenied
from tradewarden.lists.sources import SOURCES
from tradewarden.lists.status import SourceStatus, source_statuses
from tradewarden.match.index import MatchIndex, freeze_long_lived
from tradewarden.screen_service import stale_and_missing
from tradewarden.settings import Settings
from tradewarden.store import Store, VersionInfo
from tradewarden.security import api_key_hash
from tradewarden.store.users import Permission, User, authenticate_key, get_user, require_permission

#: Refused credentials per client address: a burst of this many, then one every 5 seconds (429 beyond);
#: each refusal is an audit entry, so this also bounds how fast anonymous callers can grow the trail.
FAILED_AUTH_BURST = 20
FAILED_AUTH_RATE = 0.2
#: How often (seconds) the cached match index is checked against the store's current versions.
INDEX_RECHECK_SECONDS = 5.0
#: How many listed entities are kept in memory for match and search responses.
ENTITY_CACHE_SIZE = 4096
#: How long (seconds) an accepted API key is trusted without asking the store again; a revoked
#: key or disabled user is refused at most this long after the change.
KEY_CACHE_SECONDS = 5.0
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(slots=True)
class _Cached:
    key: tuple[int, ...]
    seen: list[VersionInfo]
    index: MatchIndex
    versions: dict[str, ListVersionRef]


@dataclass(slots=True)
class AppState:
    """Everything the routes share; one per app."""

    settings: Settings
    store_factory: Callable[[Settings], Store] = Store.open
    _store: Store | None = None
    signer: SessionSigner | None = None
    limiter: RateLimiter | None = None
    failed_auth: RateLimiter = field(default_factory=lambda: RateLimiter(FAILED_AUTH_RATE, FAILED_AUTH_BURST))
    metrics: Metrics | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _index: dict[str, _Cached] = field(default_factory=dict)
    _entities: OrderedDict[str, EntityProxy] = field(default_factory=OrderedDict)
    _list_data: dict[tuple[int, ...], Any] = field(default_factory=dict)
    _keys: dict[str, tuple[float, User]] = field(default_factory=dict)
    _versions: tuple[float, list[VersionInfo]] | None = None
    _write_lock: threading.Lock = field(default_factory=threading.Lock)
    _policy: tuple[list[VersionInfo], DecisionPolicy] | None = None

    def __post_init__(self) -> None:
        if self.signer is None:
            self.signer = SessionSigner(load_secret(self.settings.home), self.settings.session_hours * 3600,
                                        revoked_file=self.settings.home / "sessions.revoked")
        if self.limiter is None:
            self.limiter = RateLimiter(self.settings.api_rate_per_second, self.settings.api_rate_burst)
        if self.metrics is None:
            self.metrics = Metrics(self.current_versions)

    @property
    def store(self) -> Store:
        """The open store (opened on first use; a failure is a StoreError, 503)."""
        if self._store is None:
            with self._lock:
                if self._store is None:
                    self._store = self.store_factory(self.settings)
        return self._store

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Serialise this process's writes on SQLite, which allows one writer at a time anyway:
        waiting here is cheaper than SQLite's busy-wait backoff. A no-op on PostgreSQL."""
        if not self.store.url.startswith("sqlite"):
            yield
            return
        with self._write_lock:
            yield

    def close(self) -> None:
        """Close the store, if it was opened."""
        if self._store is not None:
            self._store.close()
            self._store = None

    # -- lists ---------------------------------------------------------------------------------

    def current_versions(self) -> list[VersionInfo]:
        """The current version of every source that has one."""
        store = self.store
        return [v for v in (store.current(s) for s in store.sources()) if v is not None]

    def recent_versions(self) -> list[VersionInfo]:
        """:meth:`current_versions`, read from the store at most every :data:`INDEX_RECHECK_SECONDS`.

        The index and the policy share this one read, so a busy server asks the store twice
        less often, and both see the same versions.
        """
        now = time.monotonic()
        cached = self._versions
        if cached is not None and now - cached[0] < INDEX_RECHECK_SECONDS:
            return cached[1]
        versions = self.current_versions()
        self._versions = (now, versions)
        return versions

    def warm(self) -> None:
        """Load the match index, the list side tables and the policy now (at startup), so that the
        first requests do not wait seconds for them; each worker process loads its own."""
        self.index()
        self.list_data()
        self.policy()
        # What was just loaded lives as long as the process: out of the collector's full scans
        # (``load_index`` froze the index already; this adds the side tables).
        freeze_long_lived()

    def list_statuses(self) -> list[SourceStatus]:
        """Every known source's freshness (``ok``, ``stale`` or ``missing``)."""
        current = {v.source: v for v in self.current_versions()}
        return source_statuses(current, max_age_hours=self.settings.max_list_age_hours, now=datetime.now(UTC))

    def policy(self) -> DecisionPolicy:
        """The decision policy: stale lists, and required lists never loaded, make a screening never clear.

        The same rule as the CLI (:func:`tradewarden.screen_service.stale_and_missing`); worked
        out again each time :meth:`recent_versions` reads the store (at most every
        :data:`INDEX_RECHECK_SECONDS`), like the index.
        """
        versions = self.recent_versions()
        cached = self._policy
        if cached is not None and cached[0] is versions:
            return cached[1]
        current: dict[str, VersionInfo | None] = {name: None for name in SOURCES}
        current.update({v.source: v for v in versions})
        stale, missing = stale_and_missing(current, self.settings)
        policy = DecisionPolicy(stale_sources=tuple(sorted({*stale, *missing})))
        self._policy = (versions, policy)
        return policy

    def index(self, sources: Sequence[str] | None = None) -> tuple[MatchIndex, dict[str, ListVersionRef]]:
        """The match index of the current versions (of ``sources``) and the versions it holds.

        Cached; re-checked each time :meth:`recent_versions` reads the store (at most every
        :data:`INDEX_RECHECK_SECONDS`).
        """
        scope = "*" if sources is None else ",".join(sorted(sources))
        cached = self._index.get(scope)
        current = self.recent_versions()
        if cached is not None and cached.seen is current:
            return cached.index, cached.versions
        versions = {
            v.source: ListVersionRef(source=v.source, version_id=v.id, published_at=v.published_at, sha256=v.sha256)
            for v in current
            if sources is None or v.source in sources
        }
        key = tuple(sorted(v.version_id for v in versions.values()))
        if cached is not None and cached.key == key:
            cached.seen = current
            return cached.index, cached.versions
        from tradewarden.match.service import load_index

        index = load_index(self.store, self.settings, None if sources is None else list(sources))
        with self._lock:
            self._index[scope] = _Cached(key, current, index, versions)
            self._entities.clear()
        return index, versions

    def list_data(self) -> Any:
        """The list side tables screening reads (programmes, ownership links), per version set."""
        from tradewarden.listed import ListData

        _, versions = self.index()
        key = tuple(sorted(v.version_id for v in versions.values()))
        data = self._list_data.get(key)
        if data is None:
            data = ListData.build(self.store.current_entities(), versions.values())
            with self._lock:
                self._list_data = {key: data}
        return data

    def user_of_key(self, key: str) -> User:
        """The active user an API key belongs to (cached for :data:`KEY_CACHE_SECONDS`).

        Raises:
            AuthError: unknown or revoked key, or a disabled user (audited by the store).
        """
        digest = api_key_hash(key)
        now = time.monotonic()
        cached = self._keys.get(digest)
        if cached is not None and now - cached[0] < KEY_CACHE_SECONDS:
            return cached[1]
        user = authenticate_key(self.store, key)
        with self._lock:
            if len(self._keys) > 10_000:
                self._keys.clear()
            self._keys[digest] = (now, user)
        return user

    def known_sources(self) -> list[str]:
        """The sources with a current version (as of the cached index's last check)."""
        _, versions = self.index()
        return sorted(versions)

    def entity(self, entity_id: str) -> EntityProxy:
        """A listed entity of a current version, by id (kept in a small LRU cache).

        Raises:
            NotFound: no current version holds it.
        """
        entity = self._entities.get(entity_id)
        if entity is not None:
            return entity
        entity = self.store.current_entity(entity_id)
        with self._lock:
            self._entities[entity_id] = entity
            while len(self._entities) > ENTITY_CACHE_SIZE:
                self._entities.popitem(last=False)
        return entity


# The dependencies below are ``async def`` on purpose: they only touch in-memory state (and the
# store on a cache miss), and FastAPI runs a plain ``def`` dependency in a worker thread, whose
# hand-off costs more than the work on a busy machine.


async def get_state(request: Request) -> AppState:
    """The app's :class:`AppState`."""
    state: AppState = request.app.state.tw
    return state


State = Annotated[AppState, Depends(get_state)]


async def get_store(state: State) -> Store:
    """The open store."""
    return state.store


async def get_settings_dep(state: State) -> Settings:
    """The app's settings (as passed to ``create_app``)."""
    return state.settings


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]


# -- who is asking -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Caller:
    """An authenticated request: the user and how they proved it (``key`` or ``session``)."""

    user: User
    method: str


def _client(request: Request) -> str | None:
    return request.client.host if request.client is not None else None


def rate_limit(state: AppState, bucket: str) -> None:
    """Spend one request of ``bucket``'s budget.

    Raises:
        RateLimited: the budget is spent (429, with ``Retry-After``).
    """
    assert state.limiter is not None
    wait = state.limiter.take(bucket)
    if wait > 0:
        raise RateLimited("too many requests; slow down", retry_after=max(1, int(wait + 0.999)))


@contextmanager
def refusals_limited(state: AppState, address: str | None) -> Iterator[None]:
    """Check credentials inside this block: a client address past its budget of refusals gets 429
    before the store is asked (nothing more is audited), and each refusal spends from the budget.

    Raises:
        RateLimited: too many refused credentials from this address lately (429).
    """
    bucket = caller_key(None, None, address)
    wait = state.failed_auth.wait(bucket)
    if wait > 0:
        raise RateLimited("too many refused credentials from this address; wait", retry_after=max(1, int(wait + 0.999)))
    try:
        yield
    except AuthError:
        state.failed_auth.take(bucket)
        raise


def authenticate(request: Request, state: AppState) -> Caller:
    """The user behind a request: API key header first, then the session cookie.

    Raises:
        AuthError: no credentials, or credentials the store refuses (401).
        RateLimited: the caller's budget is spent (429).
    """
    key = api_key_from_headers(request.headers.get("authorization"), request.headers.get("x-api-key"))
    if key is not None:
        rate_limit(state, caller_key(key, None, None))
        with refusals_limited(state, _client(request)):
            return Caller(state.user_of_key(key), "key")
    assert state.signer is not None
    session = state.signer.check(request.cookies.get(SESSION_COOKIE))
    if session is None:
        rate_limit(state, caller_key(None, None, _client(request)))
        raise AuthError("authentication required: send 'Authorization: ApiKey <key>' or log in")
    rate_limit(state, caller_key(None, session.user, None))
    try:
        user = get_user(state.store, session.user)
    except NotFound:
        raise AuthError("the session's user no longer exists") from None
    if user.disabled:
        raise AuthError(f"user {user.name!r} is disabled")
    return Caller(user, "session")


def check_csrf(request: Request, state: AppState, token: str | None) -> None:
    """Refuse a state-changing request whose CSRF token does not match its ``tw_csrf`` cookie.

    Raises:
        PermissionDenied: the token is missing or wrong (403).
    """
    assert state.signer is not None
    if not state.signer.csrf_valid(request.cookies.get(CSRF_COOKIE), token):
        raise PermissionDenied("missing or invalid CSRF token; reload the page and try again", field="csrf_token")


async def api_caller(request: Request, state: State) -> Caller:
    """The authenticated caller of an API route; a cookie-authenticated write needs ``X-CSRF-Token``."""
    caller = authenticate(request, state)
    if caller.method == "session" and request.method not in _SAFE_METHODS:
        check_csrf(request, state, request.headers.get(CSRF_HEADER))
    return caller


def permitted(permission: Permission) -> Callable[..., Awaitable[User]]:
    """A dependency returning the caller's user if their role grants ``permission``.

    Raises (from the dependency):
        AuthError: not authenticated (401).
        PermissionDenied: the role does not grant it (403).
    """

    async def dependency(caller: Annotated[Caller, Depends(api_caller)]) -> User:
        require_permission(caller.user, permission)
        return caller.user

    dependency.__name__ = f"require_{permission.value}"
    return dependency


#: Reading lists, matches, cases and metrics: every role.
Viewer = Annotated[User, Depends(permitted(Permission.VIEW))]
#: Screening orders and parties: every role.
Screener = Annotated[User, Depends(permitted(Permission.SCREEN))]
#: Deciding cases, and reading the audit trail: reviewers and admins.
Reviewer = Annotated[User, Depends(permitted(Permission.DECIDE))]
#: Updating the lists: admins.
ListAdmin = Annotated[User, Depends(permitted(Permission.MANAGE_LISTS))]


def parse_sources(dataset: str, known: Sequence[str]) -> list[str] | None:
    """The sources a yente ``dataset`` path segment names: None for all, else one source.

    Args:
        dataset: ``default``, ``sanctions``, ``all`` (every source) or one source name.
        known: the sources with a current version.
    Raises:
        NotFound: an unknown dataset (404).
    """
    if dataset in ("default", "sanctions", "all"):
        return None
    if dataset in known:
        return [dataset]
    raise NotFound(f"unknown dataset {dataset!r}; use default or one of: {', '.join(known) or '(no lists loaded)'}",
                   field="dataset")


def check_limit(value: int, most: int, field_name: str = "limit") -> int:
    """``value`` if it is within 1..``most``.

    Raises:
        InputError: out of range (422).
    """
    if not 1 <= value <= most:
        raise InputError(f"must be between 1 and {most}", field=field_name)
    return value
