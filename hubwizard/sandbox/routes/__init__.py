"""HubSpot's API families, one module each; :func:`build_router` puts them together."""

from __future__ import annotations

from hubwizard.sandbox.router import Router
from hubwizard.sandbox.routes import account, flows, objects, pipelines, properties, schemas

FAMILIES = (pipelines, properties, schemas, flows, account, objects)


def build_router() -> Router:
    router = Router()
    for family in FAMILIES:
        family.register(router)
    return router
