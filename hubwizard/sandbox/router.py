"""Path templates to handlers, and the request/response objects the handlers see.

Templates are HubSpot's own (``/crm/v3/pipelines/{objectType}/{pipelineId}``); the template is also
the key the statistics count by. When two templates match a path, the one with a literal segment
earlier wins (``…/{objectType}/groups`` beats ``…/{objectType}/{propertyName}``), as at HubSpot.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from hubwizard.sandbox.errors import ApiError, bad_request

if TYPE_CHECKING:
    from hubwizard.sandbox.portal import Portal


@dataclass
class Response:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    body: Any
    portal: Portal
    params: dict[str, str] = field(default_factory=dict)
    correlation_id: str = ""

    def q(self, name: str, default: str | None = None) -> str | None:
        values = self.query.get(name)
        return values[-1] if values else default

    def q_all(self, name: str) -> list[str]:
        """Every value of a repeated or comma-separated parameter (``properties=a,b&properties=c``)."""
        out: list[str] = []
        for value in self.query.get(name, []):
            out.extend(v for v in value.split(",") if v)
        return out

    def q_bool(self, name: str, default: bool = False) -> bool:
        value = self.q(name)
        if value is None or value == "":
            return default
        if value.lower() in ("true", "1"):
            return True
        if value.lower() in ("false", "0"):
            return False
        raise bad_request(f"Query parameter '{name}' must be true or false, got '{value}'")

    def q_int(self, name: str, default: int, *, low: int = 1, high: int = 1000) -> int:
        value = self.q(name)
        if value is None or value == "":
            return default
        try:
            number = int(value)
        except ValueError:
            raise bad_request(f"Query parameter '{name}' must be a whole number, got '{value}'")
        if not low <= number <= high:
            raise bad_request(f"Query parameter '{name}' must be between {low} and {high}")
        return number

    def json_object(self) -> dict[str, Any]:
        """The body as a JSON object, or a 400 that says what was wrong."""
        if self.body is None:
            raise bad_request("A JSON request body is required")
        if not isinstance(self.body, dict):
            raise bad_request(f"The request body must be a JSON object, got {type(self.body).__name__}")
        return self.body


Handler = Callable[[Request], Response]


@dataclass(frozen=True)
class Route:
    method: str
    template: str
    handler: Handler
    write: bool = False
    """True when a success changes the portal (statistics count writes; POST search does not)."""

    @property
    def segments(self) -> tuple[str, ...]:
        return tuple(s for s in self.template.split("/") if s)


class Router:
    def __init__(self) -> None:
        self._by_template: dict[str, dict[str, Route]] = {}

    def add(self, method: str, template: str, handler: Handler, *, write: bool | None = None) -> None:
        if write is None:
            write = method in ("POST", "PUT", "PATCH", "DELETE")
        route = Route(method, template, handler, write)
        self._by_template.setdefault(template, {})[method] = route

    def templates(self) -> list[str]:
        return list(self._by_template)

    def match(self, method: str, path: str) -> tuple[Route, dict[str, str]] | None:
        """The route and path parameters for a request; None when no template fits the path.

        Raises a 405 :class:`ApiError` when a template fits but not for this method.
        """
        parts = [unquote(p) for p in path.split("/") if p]
        best: tuple[tuple[int, ...], str, dict[str, str]] | None = None
        for template, methods in self._by_template.items():
            segments = next(iter(methods.values())).segments
            if len(segments) != len(parts):
                continue
            params: dict[str, str] = {}
            rank: list[int] = []
            for seg, part in zip(segments, parts, strict=True):
                if seg.startswith("{") and seg.endswith("}"):
                    params[seg[1:-1]] = part
                    rank.append(1)
                elif seg == part:
                    rank.append(0)
                else:
                    break
            else:
                if best is None or tuple(rank) < best[0]:
                    best = (tuple(rank), template, params)
        if best is None:
            return None
        _, template, params = best
        methods = self._by_template[template]
        route = methods.get(method)
        if route is None:
            allowed = ", ".join(sorted(methods))
            raise ApiError(
                405,
                f"HTTP {method} is not supported by {template}; use {allowed}",
                "METHOD_NOT_ALLOWED",
                headers={"Allow": allowed},
            )
        return route, params
