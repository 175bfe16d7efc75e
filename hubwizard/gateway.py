"""The portal gateway: every HubSpot call hubwizard makes goes through this one class.

Built on the official ``hubspot-api-client``: its API objects are created once (each attribute
access of the SDK builds a new client and connection pool), every call carries a timeout (the
SDK has none), and answers are read raw (``_preload_content=False``) so an undocumented 2xx
status can never turn into a silent ``None``. Workflows and limits, which the SDK has no API
for, are built as the SDK's ``api_request`` builds them and sent with a timeout on a keep-alive
pool of the standard library's ``http.client`` (``hubwizard.http_pool``: the reads leave before
the SDK and its urllib3 are imported).

Retries are ours, not urllib3's, so that they cover POST and PATCH, honour ``Retry-After``,
stop at HubSpot's daily limit, and never re-send a create whose fate is unknown: after a
dropped connection, a read timeout or a 5xx on a create, the gateway re-reads (the caller's
``exists`` check) and only re-sends when the item is not there.
"""

from __future__ import annotations

import functools
import importlib
import json
import random
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

from hubwizard.errors import PortalError
from hubwizard.http_pool import ConnectionPool, NoAnswer
from hubwizard.ratelimit import RateLimiter
from hubwizard.searchlimit import SearchPacer

HUBSPOT_URL = "https://api.hubapi.com"
DEFAULT_TIMEOUT = (5.0, 30.0)
"""(connect, read) seconds on every call; the SDK's default is to wait forever."""

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "PATCH", "DELETE"})
"""Sending one of these twice leaves the portal as sending it once (HubSpot's PATCH sets values)."""

TRANSPORT_ATTEMPTS = 3
"""Calls that get no HTTP answer at all are tried this often (for the SDK's calls, urllib3 has
already retried the connection itself); statuses such as 429 and 5xx get ``max_attempts``."""

SEARCH_PAGE = 100
"""Results per search call: HubSpot's maximum."""
SEARCH_MAX_RESULTS = 10_000
"""HubSpot's search does not page beyond this many results."""

Raw = tuple[int, Any, bytes]
"""An HTTP answer: status, headers, body."""


@dataclass
class CallStats:
    """What a gateway did: the benchmark and the apply report print these."""

    reads: int = 0
    writes: int = 0
    retries: int = 0
    rate_limited: int = 0
    """429 answers received."""
    rechecks: int = 0
    """Re-reads made to learn whether an unanswered create went through."""
    ahead_taken: int = 0
    """Reads sent ahead (``Gateway.read_ahead``) whose answers a read then took."""
    by_endpoint: Counter[str] = field(default_factory=Counter)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def count(self, method: str, endpoint: str, *, read: bool | None = None) -> None:
        with self._lock:
            if read if read is not None else method == "GET":
                self.reads += 1
            else:
                self.writes += 1
            self.by_endpoint[f"{method} {endpoint}"] += 1

    def bump(self, name: str, by: int = 1) -> None:
        with self._lock:
            setattr(self, name, getattr(self, name) + by)

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {
                "reads": self.reads,
                "writes": self.writes,
                "retries": self.retries,
                "rate_limited": self.rate_limited,
                "rechecks": self.rechecks,
                "by_endpoint": dict(self.by_endpoint),
            }


def _is_api_exception(exc: BaseException) -> bool:
    """Any package's ApiException: they share no base class, so recognise them by shape."""
    return hasattr(exc, "status") and hasattr(exc, "body") and hasattr(exc, "headers")


class _Ahead:
    """One read sent ahead: its answer (or error) once it is in, and the reads it took."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: Any = None
        self.error: BaseException | None = None
        self.reads = 0

    def take(self) -> Any:
        self.done.wait()
        if self.error is not None:
            raise self.error
        return self.value


def _readable_ahead(method: Callable[..., Any]) -> Callable[..., Any]:
    """A read ``Gateway.read_ahead`` may have sent already: its answer is taken (once) instead
    of asking again."""

    @functools.wraps(method)
    def read(self: Gateway, *args: Any, **kwargs: Any) -> Any:
        if self._ahead and not kwargs:
            with self._ahead_lock:
                early = self._ahead.pop((method.__name__, args), None)
            if early is not None:
                value = early.take()
                self.stats.bump("ahead_taken", early.reads)
                self._reads_here.count = self.thread_reads() + early.reads
                return value
        return method(self, *args, **kwargs)

    read.direct = method  # type: ignore[attr-defined]
    return read


class Gateway:
    """One portal, one token, every call. Thread-safe: apply runs calls concurrently."""

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        max_attempts: int = 10,
        backoff: float = 0.5,
        max_wait: float = 30.0,
        limiter: RateLimiter | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.max_attempts = max_attempts
        self.backoff = backoff
        self.max_wait = max_wait
        self.limiter = limiter or RateLimiter()
        self.stats = CallStats()
        self._sleep = sleep
        self._ahead: dict[tuple[str, tuple[Any, ...]], _Ahead] = {}
        self._ahead_lock = threading.Lock()
        self._reads_here = threading.local()
        self._token = token
        self._sdk_lock = threading.Lock()
        self._sdk_apis: dict[str, Any] | None = None
        # The calls the SDK has no API object for, and every read: its request builder's URL
        # and headers, sent on a keep-alive pool of http.client (``requests``, which the
        # builder sends with, costs 35 ms of start-up, urllib3 20 ms more than http.client;
        # the first reads leave before either would be imported).
        self._http = ConnectionPool(self.base_url, timeout=timeout)

    def __repr__(self) -> str:  # never show the token
        return f"Gateway({self.base_url!r})"

    # --- the SDK's API objects, made on first use ---------------------------------------

    def sdk_apis(self) -> dict[str, Any]:
        """The SDK client and the API objects the writes use, made once, on first use: reads
        do not need them, so a command imports the SDK's packages (about 30 ms) while its
        reads are in flight (``prepare_writes``), not before its first read."""
        apis = self._sdk_apis
        if apis is None:
            with self._sdk_lock:
                apis = self._sdk_apis
                if apis is None:
                    from hubspot import HubSpot
                    from urllib3.util.retry import Retry

                    # Connection failures before anything is sent are safe to retry at the
                    # urllib3 level; everything else (read errors, statuses) is decided by _send.
                    retry = Retry(
                        total=3, connect=3, read=0, status=0, other=0, redirect=0, raise_on_status=False
                    )
                    client = HubSpot(
                        access_token=self._token, host=self.base_url, base_url=self.base_url, retry=retry
                    )
                    crm = client.crm
                    pipelines, properties = crm.pipelines, crm.properties
                    apis = self._sdk_apis = {
                        "client": client,
                        "pipelines": pipelines.pipelines_api,
                        "stages": pipelines.pipeline_stages_api,
                        "properties": properties.core_api,
                        "groups": properties.groups_api,
                        "batch": properties.batch_api,
                        "schemas": crm.schemas.core_api,
                    }
        return apis

    def prepare_writes(self) -> None:
        """Make the SDK's API objects on a thread of their own (a read wave is a good moment)."""
        if self._sdk_apis is None:
            threading.Thread(target=self.sdk_apis, name="hubwizard-sdk", daemon=True).start()

    @property
    def _client(self) -> Any:
        return self.sdk_apis()["client"]

    @property
    def _pipelines(self) -> Any:
        return self.sdk_apis()["pipelines"]

    @property
    def _stages(self) -> Any:
        return self.sdk_apis()["stages"]

    @property
    def _properties(self) -> Any:
        return self.sdk_apis()["properties"]

    @property
    def _groups(self) -> Any:
        return self.sdk_apis()["groups"]

    @property
    def _batch(self) -> Any:
        return self.sdk_apis()["batch"]

    @property
    def _schemas(self) -> Any:
        return self.sdk_apis()["schemas"]

    # --- reads sent ahead (hubwizard.readahead) ---------------------------------------

    def read_ahead(self, calls: list[tuple[str, tuple[Any, ...]]]) -> None:
        """Send these reads now, each on its own thread, and keep their answers for the read
        that asks the same (``account``, ``limits``, ``schemas``, ``owners``, ``flows``,
        ``pipelines``, ``groups``, ``properties``). One thread starts the others, so the caller
        goes straight on; all are daemons: a command that stops early (a config error) does not
        wait for the portal."""
        started: list[tuple[_Ahead, Callable[..., Any], tuple[Any, ...]]] = []
        with self._ahead_lock:
            for name, args in calls:
                key = (name, tuple(args))
                if key not in self._ahead:
                    self._ahead[key] = early = _Ahead()
                    started.append((early, getattr(type(self), name).direct, key[1]))
        if started:
            threading.Thread(
                target=self._launch_ahead, args=(started,), name="hubwizard-read-ahead", daemon=True
            ).start()

    def _launch_ahead(self, started: list[tuple[_Ahead, Callable[..., Any], tuple[Any, ...]]]) -> None:
        *rest, (early, direct, args) = started
        for item in rest:
            threading.Thread(
                target=self._run_ahead, args=item, name="hubwizard-read-ahead", daemon=True
            ).start()
        self._run_ahead(early, direct, args)

    def _run_ahead(self, early: _Ahead, direct: Callable[..., Any], args: tuple[Any, ...]) -> None:
        self._reads_here.count = 0
        try:
            early.value = direct(self, *args)
        except BaseException as exc:  # handed to the read that takes it
            early.error = exc
        finally:
            early.reads = self._reads_here.count
            early.done.set()

    def thread_reads(self) -> int:
        """Reads the calling thread has made so far (answers taken from read-ahead included)."""
        return int(getattr(self._reads_here, "count", 0))

    def forget_read_ahead(self) -> int:
        """Drop the answers no read took (a later read must ask the portal afresh); returns
        how many there were."""
        with self._ahead_lock:
            left = len(self._ahead)
            self._ahead.clear()
        return left

    def close(self) -> None:
        self._http.close()
        apis = self._sdk_apis or {}
        for name, api in apis.items():
            if name == "client":
                continue
            pool = getattr(getattr(api.api_client, "rest_client", None), "pool_manager", None)
            if pool is not None:
                pool.clear()

    # --- the one request loop ---------------------------------------------------------

    def _send(
        self,
        method: str,
        endpoint: str,
        do: Callable[[], Raw],
        *,
        exists: Callable[[], Any] | None = None,
        read: bool | None = None,
        idempotent: bool | None = None,
    ) -> Any:
        """Run ``do`` with rate limiting and retries; return the parsed JSON body (or None).

        Whether a call may be sent again after its answer was lost is decided by what it does,
        not by its HTTP method: a ``read`` (GET, and read-only POSTs such as search and
        ``flows/batch/read``) and an ``idempotent`` write (PUT, PATCH, DELETE, batch archive)
        are simply sent again. ``exists`` marks a create: when its outcome is unknown, it is
        called (a re-read) and its non-None result is returned instead of sending the create
        again. Any other write whose fate is unknown is not re-sent: the error says so.
        """
        read = method == "GET" if read is None else read
        if idempotent is None:
            idempotent = read or method in IDEMPOTENT_METHODS
        last: PortalError | None = None
        unreachable = 0
        for attempt in range(1, self.max_attempts + 1):
            if attempt > 1:
                self.stats.bump("retries")
            self.limiter.acquire()
            self.stats.count(method, endpoint, read=read)
            if read:
                self._reads_here.count = getattr(self._reads_here, "count", 0) + 1
            try:
                status, headers, body = do()
            except NoAnswer as exc:
                last = PortalError(
                    f"no answer from the portal ({exc})", method=method, path=endpoint, ambiguous=exc.sent
                )
                if exc.sent and not idempotent:
                    if exists is None:
                        raise last  # it may have been applied: never sent twice blind
                    found = self._recheck(exists)
                    if found is not None:
                        return found
                unreachable += 1
                if unreachable >= TRANSPORT_ATTEMPTS:  # a dead portal: say so in seconds, not minutes
                    raise last
                self._sleep(self._delay(attempt))
                continue
            self.limiter.observe(headers)
            if 200 <= status < 300:
                return _json(body)
            error = PortalError.from_response(status, body, headers, method=method, path=endpoint)
            last = error
            if status == 429:
                self.stats.bump("rate_limited")
                if error.is_daily_limit:
                    raise error
                wait = min(
                    error.retry_after if error.retry_after is not None else self._delay(attempt),
                    self.max_wait,
                )
                self.limiter.pause(wait)
                continue
            if error.retryable:
                if status >= 500 and not idempotent:  # 5xx: the write may or may not be done
                    if exists is None:
                        error.ambiguous = True
                        raise error
                    found = self._recheck(exists)
                    if found is not None:
                        return found
                self._sleep(self._delay(attempt))
                continue
            raise error
        assert last is not None
        raise last

    def _recheck(self, exists: Callable[[], Any]) -> Any:
        self.stats.bump("rechecks")
        return exists()

    def _delay(self, attempt: int) -> float:
        return min(self.backoff * 2 ** (attempt - 1), self.max_wait) * random.uniform(0.5, 1.0)

    def _sdk(
        self,
        method: str,
        endpoint: str,
        call: Callable[..., Any],
        *args: Any,
        exists: Callable[[], Any] | None = None,
        read: bool | None = None,
        idempotent: bool | None = None,
        **kwargs: Any,
    ) -> Any:
        from urllib3.exceptions import HTTPError  # loaded with the SDK that made ``call``

        def do() -> Raw:
            try:
                response = call(*args, _preload_content=False, _request_timeout=self.timeout, **kwargs)
            except HTTPError as exc:
                raise _transport(exc) from None
            except Exception as exc:
                if _is_api_exception(exc):
                    if exc.status == 0:  # the SDK's wrapper for SSL and request-building errors
                        raise NoAnswer(str(exc.reason), sent=False) from None
                    return exc.status, exc.headers or {}, exc.body or b""
                raise
            return response.status, response.headers, response.data

        return self._send(method, endpoint, do, exists=exists, read=read, idempotent=idempotent)

    def _api(
        self,
        method: str,
        path: str,
        *,
        body: Any = None,
        qs: dict[str, Any] | None = None,
        endpoint: str | None = None,
        exists: Callable[[], Any] | None = None,
        read: bool | None = None,
        idempotent: bool | None = None,
    ) -> Any:
        """A call the SDK has no API object for (workflows, limits, owners, account, search),
        built as the SDK's ``api_request`` builds it: JSON in and out, the bearer token."""
        url = path
        if qs:
            url += ("&" if "?" in url else "?") + urlencode(qs, doseq=True)
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "custom-python-client/1.0",
            "Accept": "application/json, */*;q=0.8",
            "Authorization": f"Bearer {self._token}",
        }
        data = json.dumps(body).encode() if body is not None else None

        def do() -> Raw:
            return self._http.request(method, url, body=data, headers=headers)

        return self._send(method, endpoint or path, do, exists=exists, read=read, idempotent=idempotent)

    # --- account and limits -----------------------------------------------------------

    @_readable_ahead
    def account(self) -> dict[str, Any]:
        return self._api("GET", "/account-info/v3/details") or {}

    @_readable_ahead
    def limits(self, kind: str) -> dict[str, Any]:
        """``pipelines``, ``custom-object-types`` or ``custom-properties``."""
        return self._api("GET", f"/crm/v3/limits/{kind}", endpoint=f"/crm/v3/limits/{kind}") or {}

    @_readable_ahead
    def owners(self) -> list[dict[str, Any]]:
        return list(self._paged("/crm/v3/owners", "/crm/v3/owners"))

    def _paged(self, path: str, endpoint: str, limit: int = 100) -> Iterator[dict[str, Any]]:
        after: str | None = None
        while True:
            qs: dict[str, Any] = {"limit": limit}
            if after:
                qs["after"] = after
            page = self._api("GET", path, qs=qs, endpoint=endpoint) or {}
            yield from page.get("results", [])
            after = ((page.get("paging") or {}).get("next") or {}).get("after")
            if not after:
                return

    def stage_usage(self, object_type: str, stage_property: str, stage_id: str) -> tuple[int, float]:
        """How many records sit in a stage, and their total amount (for deals): exact, paging
        through every result (a search answers at most 100 at a time). HubSpot's search stops
        paging at 10,000 results; the count is still exact (its ``total``)."""
        body: dict[str, Any] = {
            "filterGroups": [
                {"filters": [{"propertyName": stage_property, "operator": "EQ", "value": stage_id}]}
            ],
            "properties": ["amount"],
            "sorts": [{"propertyName": "hs_object_id", "direction": "ASCENDING"}],
            "limit": SEARCH_PAGE,
        }
        path = f"/crm/v3/objects/{object_type}/search"
        total, amount, seen = 0, 0.0, 0
        while True:
            page = self._paced_search(path, body)
            results = page.get("results") or []
            total = max(total, int(page.get("total", 0) or 0))
            amount += sum(_number((r.get("properties") or {}).get("amount")) for r in results)
            seen += len(results)
            after = ((page.get("paging") or {}).get("next") or {}).get("after")
            if not after or not results or seen >= SEARCH_MAX_RESULTS:
                return max(total, seen), amount
            body["after"] = after

    # --- pipelines --------------------------------------------------------------------

    @_readable_ahead
    def pipelines(self, object_type: str) -> list[dict[str, Any]]:
        data = self._api(
            "GET", f"/crm/v3/pipelines/{_part(object_type)}", endpoint="/crm/v3/pipelines/{objectType}"
        )
        return (data or {}).get("results", [])

    def pipeline(self, object_type: str, pipeline_id: str) -> dict[str, Any] | None:
        try:
            return self._api(
                "GET",
                f"/crm/v3/pipelines/{_part(object_type)}/{_part(pipeline_id)}",
                endpoint="/crm/v3/pipelines/{objectType}/{pipelineId}",
            )
        except PortalError as exc:
            if exc.status == 404:
                return None
            raise

    def create_pipeline(
        self, object_type: str, label: str, display_order: int, stages: list[dict[str, Any]]
    ) -> dict[str, Any]:
        body = _sdk_module("pipelines").PipelineInput(
            label=label,
            display_order=display_order,
            stages=[
                _sdk_module("pipelines").PipelineStageInput(
                    label=s["label"], display_order=s["displayOrder"], metadata=s["metadata"]
                )
                for s in stages
            ],
        )

        def exists() -> dict[str, Any] | None:
            return next((p for p in self.pipelines(object_type) if p.get("label") == label), None)

        return self._sdk(
            "POST", "/crm/v3/pipelines/{objectType}", self._pipelines.create, object_type, body, exists=exists
        )

    def update_pipeline(
        self,
        object_type: str,
        pipeline_id: str,
        *,
        label: str | None = None,
        display_order: int | None = None,
    ) -> dict[str, Any]:
        body = _sdk_module("pipelines").PipelinePatchInput(label=label, display_order=display_order)
        return self._sdk(
            "PATCH",
            "/crm/v3/pipelines/{objectType}/{pipelineId}",
            self._pipelines.update,
            object_type,
            pipeline_id,
            body,
        )

    def archive_pipeline(self, object_type: str, pipeline_id: str) -> None:
        self._sdk(
            "DELETE",
            "/crm/v3/pipelines/{objectType}/{pipelineId}",
            self._pipelines.archive,
            object_type,
            pipeline_id,
            validate_references_before_delete=True,
            validate_deal_stage_usages_before_delete=True,
        )

    def create_stage(self, object_type: str, pipeline_id: str, stage: dict[str, Any]) -> dict[str, Any]:
        body = _sdk_module("pipelines").PipelineStageInput(
            label=stage["label"], display_order=stage["displayOrder"], metadata=stage["metadata"]
        )

        def exists() -> dict[str, Any] | None:
            current = self.pipeline(object_type, pipeline_id) or {}
            return next((s for s in current.get("stages", []) if s.get("label") == stage["label"]), None)

        return self._sdk(
            "POST",
            "/crm/v3/pipelines/{objectType}/{pipelineId}/stages",
            self._stages.create,
            object_type,
            pipeline_id,
            body,
            exists=exists,
        )

    def update_stage(
        self, object_type: str, pipeline_id: str, stage_id: str, changes: dict[str, Any]
    ) -> dict[str, Any]:
        body = _sdk_module("pipelines").PipelineStagePatchInput(
            label=changes.get("label"),
            display_order=changes.get("displayOrder"),
            metadata=changes.get("metadata", {}),
        )
        return self._sdk(
            "PATCH",
            "/crm/v3/pipelines/{objectType}/{pipelineId}/stages/{stageId}",
            self._stages.update,
            object_type,
            pipeline_id,
            stage_id,
            body,
        )

    def archive_stage(self, object_type: str, pipeline_id: str, stage_id: str) -> None:
        self._sdk(
            "DELETE",
            "/crm/v3/pipelines/{objectType}/{pipelineId}/stages/{stageId}",
            self._stages.archive,
            object_type,
            pipeline_id,
            stage_id,
        )

    def restore_stage(
        self, object_type: str, pipeline_id: str, stage_id: str, stage: dict[str, Any]
    ) -> dict[str, Any]:
        """Bring an archived stage back with its id (``archived: false``, as HubSpot restores an
        archived pipeline), with its ``label``, ``displayOrder`` and ``metadata``. Idempotent."""
        body = _sdk_module("pipelines").PipelineStagePatchInput(
            label=stage.get("label"),
            display_order=stage.get("displayOrder"),
            metadata=stage.get("metadata", {}),
            archived=False,
        )
        return self._sdk(
            "PATCH",
            "/crm/v3/pipelines/{objectType}/{pipelineId}/stages/{stageId}",
            self._stages.update,
            object_type,
            pipeline_id,
            stage_id,
            body,
        )

    # --- properties and groups --------------------------------------------------------

    @_readable_ahead
    def groups(self, object_type: str) -> list[dict[str, Any]]:
        data = self._api(
            "GET",
            f"/crm/v3/properties/{_part(object_type)}/groups",
            endpoint="/crm/v3/properties/{objectType}/groups",
        )
        return (data or {}).get("results", [])

    def create_group(
        self, object_type: str, name: str, label: str, display_order: int = -1
    ) -> dict[str, Any]:
        body = _sdk_module("properties").PropertyGroupCreate(
            name=name, label=label, display_order=display_order
        )

        def exists() -> dict[str, Any] | None:
            return next((g for g in self.groups(object_type) if g.get("name") == name), None)

        try:
            return self._sdk(
                "POST",
                "/crm/v3/properties/{objectType}/groups",
                self._groups.create,
                object_type,
                body,
                exists=exists,
            )
        except PortalError as exc:
            if exc.status == 409:  # made by an earlier, interrupted run: read it back
                found = exists()
                if found is not None:
                    return found
            raise

    def update_group(self, object_type: str, name: str, label: str) -> dict[str, Any]:
        body = _sdk_module("properties").PropertyGroupUpdate(label=label)
        return self._sdk(
            "PATCH",
            "/crm/v3/properties/{objectType}/groups/{groupName}",
            self._groups.update,
            object_type,
            name,
            body,
        )

    def archive_group(self, object_type: str, name: str) -> None:
        self._sdk(
            "DELETE",
            "/crm/v3/properties/{objectType}/groups/{groupName}",
            self._groups.archive,
            object_type,
            name,
        )

    @_readable_ahead
    def properties(self, object_type: str, *, archived: bool = False) -> list[dict[str, Any]]:
        data = self._api(
            "GET",
            f"/crm/v3/properties/{_part(object_type)}",
            qs={"archived": "true" if archived else "false"},
            endpoint="/crm/v3/properties/{objectType}",
        )
        return (data or {}).get("results", [])

    def create_properties(
        self, object_type: str, inputs: list[dict[str, Any]]
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Batch-create up to 100 properties in one call: (created, errors).

        A 207 (some inputs failed) creates the others; names that already exist (an
        interrupted earlier run) are read back and counted as created."""
        body = _sdk_module("properties").BatchInputPropertyCreate(
            inputs=[_sdk_module("properties").PropertyCreate(**_property_kwargs(i)) for i in inputs]
        )
        names = {i["name"] for i in inputs}

        def exists() -> dict[str, Any] | None:
            present = [p for p in self.properties(object_type) if p.get("name") in names]
            return {"results": present, "status": "COMPLETE"} if len(present) == len(names) else None

        data = (
            self._sdk(
                "POST",
                "/crm/v3/properties/{objectType}/batch/create",
                self._batch.create,
                object_type,
                body,
                exists=exists,
            )
            or {}
        )
        created = list(data.get("results", []))
        errors = [e for e in data.get("errors", []) if isinstance(e, dict)]
        if errors:
            done = {p.get("name") for p in created}
            missing = names - done
            present = {p["name"]: p for p in self.properties(object_type) if p.get("name") in missing}
            created.extend(present.values())
            errors = [
                e for e in errors if not (set(_error_names(e)) and set(_error_names(e)) <= set(present))
            ]
        return created, errors

    def update_property(self, object_type: str, name: str, changes: dict[str, Any]) -> dict[str, Any]:
        body = _sdk_module("properties").PropertyUpdate(**_property_kwargs(changes, update=True))
        return self._sdk(
            "PATCH",
            "/crm/v3/properties/{objectType}/{propertyName}",
            self._properties.update,
            object_type,
            name,
            body,
        )

    def archive_properties(self, object_type: str, names: list[str]) -> None:
        body = _sdk_module("properties").BatchInputPropertyName(
            inputs=[_sdk_module("properties").PropertyName(name=n) for n in names]
        )
        self._sdk(  # archiving what is archived changes nothing: safe to send again
            "POST",
            "/crm/v3/properties/{objectType}/batch/archive",
            self._batch.archive,
            object_type,
            body,
            idempotent=True,
        )

    # --- custom objects ---------------------------------------------------------------

    @_readable_ahead
    def schemas(self) -> list[dict[str, Any]]:
        data = self._api("GET", "/crm-object-schemas/v3/schemas")
        return (data or {}).get("results", [])

    def create_schema(self, egg: dict[str, Any]) -> dict[str, Any]:
        """Create a custom object. ``egg`` is the JSON body (camelCase), sent as the SDK's model."""
        from hubspot.crm.schemas import (
            ObjectSchemaEgg,
            ObjectTypeDefinitionLabels,
            ObjectTypePropertyCreate,
            OptionInput,
        )

        model = ObjectSchemaEgg(
            name=egg["name"],
            labels=ObjectTypeDefinitionLabels(**egg["labels"]),
            description=egg.get("description"),
            primary_display_property=egg.get("primaryDisplayProperty"),
            secondary_display_properties=egg.get("secondaryDisplayProperties", []),
            searchable_properties=egg.get("searchableProperties", []),
            required_properties=egg.get("requiredProperties", []),
            associated_objects=egg.get("associatedObjects", []),
            properties=[
                ObjectTypePropertyCreate(
                    name=p["name"],
                    label=p["label"],
                    type=p["type"],
                    field_type=p["fieldType"],
                    description=p.get("description"),
                    has_unique_value=p.get("hasUniqueValue", False),
                    options=[
                        OptionInput(
                            label=o["label"],
                            value=o["value"],
                            display_order=o.get("displayOrder", i),
                            hidden=o.get("hidden", False),
                            description=o.get("description"),
                        )
                        for i, o in enumerate(p.get("options", []))
                    ],
                )
                for p in egg["properties"]
            ],
        )

        def exists() -> dict[str, Any] | None:
            return next((s for s in self.schemas() if s.get("name") == egg["name"]), None)

        try:
            return self._sdk(
                "POST", "/crm-object-schemas/v3/schemas", self._schemas.create, model, exists=exists
            )
        except PortalError as exc:
            if exc.status == 409:
                found = exists()
                if found is not None:
                    return found
            raise

    def update_schema(self, object_type_id: str, changes: dict[str, Any]) -> dict[str, Any]:
        from hubspot.crm.schemas import ObjectTypeDefinitionPatch

        body = ObjectTypeDefinitionPatch(
            description=changes.get("description"),
            primary_display_property=changes.get("primaryDisplayProperty"),
            secondary_display_properties=changes.get("secondaryDisplayProperties"),
            required_properties=changes.get("requiredProperties"),
            searchable_properties=changes.get("searchableProperties"),
        )
        return self._sdk(
            "PATCH", "/crm-object-schemas/v3/schemas/{objectType}", self._schemas.update, object_type_id, body
        )

    def archive_schema(self, object_type_id: str) -> None:
        self._sdk(
            "DELETE", "/crm-object-schemas/v3/schemas/{objectType}", self._schemas.archive, object_type_id
        )

    def create_association(self, object_type_id: str, to_object: str) -> dict[str, Any]:
        from hubspot.crm.schemas import AssociationDefinitionEgg

        body = AssociationDefinitionEgg(from_object_type_id=object_type_id, to_object_type_id=to_object)

        def exists() -> dict[str, Any] | None:
            schema = next((s for s in self.schemas() if str(s.get("objectTypeId")) == object_type_id), {})
            return next(
                (a for a in schema.get("associations") or [] if str(a.get("toObjectTypeId")) == to_object),
                None,
            )

        return self._sdk(
            "POST",
            "/crm-object-schemas/v3/schemas/{objectType}/associations",
            self._schemas.create_association,
            object_type_id,
            body,
            exists=exists,
        )

    def archive_association(self, object_type_id: str, association_id: str) -> None:
        self._sdk(
            "DELETE",
            "/crm-object-schemas/v3/schemas/{objectType}/associations/{associationIdentifier}",
            self._schemas.archive_association,
            object_type_id,
            association_id,
        )

    # --- workflows (automation v4 flows; not in the SDK) --------------------------------

    @_readable_ahead
    def flows(self) -> list[dict[str, Any]]:
        """Every flow, in full (the list endpoint only returns summaries)."""
        summaries = list(self._paged("/automation/v4/flows", "/automation/v4/flows"))
        return self.flows_by_id([str(s["id"]) for s in summaries])

    def flows_by_id(self, ids: list[str]) -> list[dict[str, Any]]:
        """These flows, in full, 100 per call (a read-only POST: safe to ask again)."""
        full: list[dict[str, Any]] = []
        for start in range(0, len(ids), 100):
            chunk = ids[start : start + 100]
            body = {"inputs": [{"flowId": i, "type": "FLOW_ID"} for i in chunk]}
            data = self._api("POST", "/automation/v4/flows/batch/read", body=body, read=True) or {}
            full.extend(data.get("results", []))
        return full

    def flow(self, flow_id: str) -> dict[str, Any] | None:
        try:
            return self._api(
                "GET", f"/automation/v4/flows/{flow_id}", endpoint="/automation/v4/flows/{flowId}"
            )
        except PortalError as exc:
            if exc.status == 404:
                return None
            raise

    def create_flow(self, body: dict[str, Any]) -> dict[str, Any]:
        def exists() -> dict[str, Any] | None:
            summary = next(
                (
                    f
                    for f in self._paged("/automation/v4/flows", "/automation/v4/flows")
                    if f.get("name") == body["name"]
                ),
                None,
            )
            return self.flow(str(summary["id"])) if summary else None

        return self._api("POST", "/automation/v4/flows", body=body, exists=exists)

    def replace_flow(self, flow_id: str, body: dict[str, Any]) -> dict[str, Any]:
        return self._api(
            "PUT", f"/automation/v4/flows/{flow_id}", body=body, endpoint="/automation/v4/flows/{flowId}"
        )

    def delete_flow(self, flow_id: str) -> None:
        self._api("DELETE", f"/automation/v4/flows/{flow_id}", endpoint="/automation/v4/flows/{flowId}")

    def flows_allowed(self) -> bool:
        """Whether this token and portal may use workflows (Professional+ and the scope)."""
        try:
            self._api("GET", "/automation/v4/flows", qs={"limit": 1}, endpoint="/automation/v4/flows")
        except PortalError as exc:
            if exc.status == 403:
                return False
            raise
        return True

    # --- deals (read only, for the health check) ----------------------------------------

    def _deal_apis(self) -> tuple[Any, Any, Any]:
        """The SDK's deal search, basic and batch APIs, built once (each access builds a pool)."""
        apis = self.__dict__.get("_deal_api_objects")
        if apis is None:
            deals = self._client.crm.deals
            apis = self.__dict__["_deal_api_objects"] = (deals.search_api, deals.basic_api, deals.batch_api)
        return apis

    def search_deals(self, body: dict[str, Any]) -> dict[str, Any]:
        """One page of ``POST /crm/v3/objects/deals/search`` (the caller keeps the search limit,
        with :meth:`search_pacer`)."""
        search, _, _ = self._deal_apis()
        return self._sdk("POST", "/crm/v3/objects/{objectType}/search", search.do_search, body) or {}

    def search_pacer(self) -> SearchPacer:
        """The pacer every search through this gateway shares (HubSpot's per-second search limit)."""
        pacer = self.__dict__.get("_search_pacer_object")
        if pacer is None:
            pacer = self.__dict__.setdefault("_search_pacer_object", SearchPacer())
        return pacer

    def _paced_search(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        pacer = self.search_pacer()
        slot = pacer.acquire()
        try:
            return (
                self._api("POST", path, body=body, endpoint="/crm/v3/objects/{objectType}/search", read=True)
                or {}
            )
        finally:
            pacer.done(slot)

    def search_records(self, object_type: str, body: dict[str, Any]) -> dict[str, Any]:
        """One page of ``POST /crm/v3/objects/{objectType}/search`` for any object, kept within
        HubSpot's per-second search limit by the shared :meth:`search_pacer`."""
        return self._paced_search(f"/crm/v3/objects/{object_type}/search", body)

    def update_records(self, object_type: str, inputs: list[dict[str, Any]]) -> dict[str, Any]:
        """``POST /crm/v3/objects/{objectType}/batch/update`` for up to 100 ``{id, properties}``.
        Setting the same values twice is setting them once, so a lost answer is sent again."""
        return (
            self._api(
                "POST",
                f"/crm/v3/objects/{object_type}/batch/update",
                body={"inputs": inputs},
                endpoint="/crm/v3/objects/{objectType}/batch/update",
                idempotent=True,
            )
            or {}
        )

    def read_deals(
        self, ids: list[str], properties: list[str], history: list[str] | None = None
    ) -> dict[str, Any]:
        """``POST /crm/v3/objects/deals/batch/read`` for up to 100 ids (ids not found are left out)."""
        _, _, batch = self._deal_apis()
        body: dict[str, Any] = {"inputs": [{"id": i} for i in ids], "properties": properties}
        if history:
            body["propertiesWithHistory"] = history
        return self._sdk("POST", "/crm/v3/objects/{objectType}/batch/read", batch.read, body, read=True) or {}


def _transport(exc: Exception) -> NoAnswer:
    """What an SDK call's urllib3 error means: whether the request surely never left."""
    from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

    reason = getattr(exc, "reason", None) or exc
    never_sent = isinstance(reason, NewConnectionError | ConnectTimeoutError)
    return NoAnswer(type(reason).__name__, sent=not never_sent)


def _json(body: bytes | str | None) -> Any:
    if not body:
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None


def _number(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def _error_names(error: dict[str, Any]) -> list[str]:
    context = error.get("context") or {}
    names = context.get("propertyName") or context.get("name") or []
    return [names] if isinstance(names, str) else list(names)


_PROPERTY_FIELDS = {
    "name": "name",
    "label": "label",
    "type": "type",
    "fieldType": "field_type",
    "groupName": "group_name",
    "description": "description",
    "displayOrder": "display_order",
    "hidden": "hidden",
    "formField": "form_field",
    "hasUniqueValue": "has_unique_value",
    "options": "options",
}


def _property_kwargs(data: dict[str, Any], *, update: bool = False) -> dict[str, Any]:
    from hubspot.crm.properties import OptionInput

    out: dict[str, Any] = {}
    for key, attr in _PROPERTY_FIELDS.items():
        if key not in data or (update and key in ("name", "hasUniqueValue")):
            continue
        value = data[key]
        if key == "options":
            value = [
                OptionInput(
                    label=o["label"],
                    value=o["value"],
                    hidden=o.get("hidden", False),
                    display_order=o.get("displayOrder", i),
                    description=o.get("description"),
                )
                for i, o in enumerate(value)
            ]
        out[attr] = value
    return out


def _part(value: str) -> str:
    """One path segment, escaped as the SDK escapes it."""
    return quote(str(value), safe="")


def _sdk_module(name: str) -> Any:
    """``hubspot.crm.<name>`` (its request models), imported on first use."""
    return importlib.import_module(f"hubspot.crm.{name}")
