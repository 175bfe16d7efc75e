"""Helpers shared by the sandbox tests."""

from __future__ import annotations

import json
from typing import Any


def body_of(exc: Any) -> dict[str, Any]:
    """The JSON body of an SDK ApiException, checked to be HubSpot's error shape."""
    body = json.loads(exc.body)
    assert body["status"] == "error"
    assert body["message"]
    assert body["correlationId"]
    if exc.status != 429:
        assert body["category"]
    return body
