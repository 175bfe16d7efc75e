"""Small dict builders for lint tests: configs are built with ``Config.model_validate``."""

from __future__ import annotations

from typing import Any

from hubwizard.config import Config
from hubwizard.findings import Finding
from hubwizard.lint import lint

GUIDE_STAGES = [
    ("contact_made", "Contact made", 0.1),
    ("demo_sent", "Demo sent", 0.3),
    ("quote_sent", "Quote sent", 0.6),
    ("quote_signed", "Signed quote received", 0.9),
]
"""The guide's deal stages (open), without won/lost."""


def stage(id_: str, label: str | None = None, p: float | None = None, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"id": id_, "label": label or id_.replace("_", " ").capitalize()}
    if p is not None:
        data["probability"] = p
    data.update(extra)
    return data


def won(id_: str = "closed_won", label: str = "Closed won", p: float = 1.0) -> dict[str, Any]:
    return stage(id_, label, p, closed="won")


def lost(id_: str = "closed_lost", label: str = "Closed lost", p: float = 0.0) -> dict[str, Any]:
    return stage(id_, label, p, closed="lost")


def deal_stages(open_stages: list[tuple[str, str, float]] | None = None) -> list[dict[str, Any]]:
    """Open stages (default: the guide's four), then won and lost."""
    rows = GUIDE_STAGES if open_stages is None else open_stages
    return [stage(i, label, p) for i, label, p in rows] + [won(), lost()]


def labelled_stages(*labels: str) -> list[dict[str, Any]]:
    """Deal stages with these open labels (probabilities 0.1, 0.2, ...), then won and lost."""
    rows = [(f"s{n}", label, round(0.1 * (n + 1), 1)) for n, label in enumerate(labels)]
    return deal_stages(rows)


def pipeline(
    id_: str = "sales",
    label: str = "Sales",
    stages: list[dict[str, Any]] | None = None,
    object_: str = "deals",
    **extra: Any,
) -> dict[str, Any]:
    data = {
        "id": id_,
        "object": object_,
        "label": label,
        "stages": deal_stages() if stages is None else stages,
    }
    data.update(extra)
    return data


def ticket_pipeline(id_: str = "support", label: str = "Support", object_: str = "tickets") -> dict[str, Any]:
    stages = [
        stage("new", "New", state="open"),
        stage("waiting", "Waiting on contact", state="open"),
        stage("closed", "Closed", state="closed"),
    ]
    return pipeline(id_, label, stages, object_)


def prop(name: str, label: str | None = None, type_: str = "string", **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": name,
        "label": label or name.replace("_", " ").capitalize(),
        "type": type_,
    }
    data.update(extra)
    return data


def enum(name: str, options: list[Any], label: str | None = None, **extra: Any) -> dict[str, Any]:
    return prop(name, label, "enumeration", field=extra.pop("field", "select"), options=options, **extra)


def group(
    name: str = "product_details",
    properties: list[dict[str, Any]] | None = None,
    object_: str = "deals",
    label: str | None = None,
) -> dict[str, Any]:
    return {
        "object": object_,
        "name": name,
        "label": label or name.replace("_", " ").capitalize(),
        "properties": properties or [],
    }


PRODUCT_TYPE = enum("product_type", ["Software", "Hardware", "Services"], "Product type")


def application_object(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "application",
        "singular": "Application",
        "plural": "Applications",
        "primary_property": "candidate_name",
        "required": ["candidate_name"],
        "associations": ["contacts"],
        "property_groups": [
            {
                "name": "hr",
                "label": "HR",
                "properties": [
                    prop("candidate_name", "Candidate name", field="text"),
                    enum(
                        "application_source", ["Website", "Mail", "Phone", "LinkedIn"], "Application source"
                    ),
                ],
            }
        ],
    }
    data.update(extra)
    return data


def stage_entered(pipeline_id: str = "sales", stage_id: str = "quote_sent") -> dict[str, Any]:
    return {"stage_entered": {"pipeline": pipeline_id, "stage": stage_id}}


def task(subject: str = "Follow up the quote") -> dict[str, Any]:
    return {"create_task": {"subject": subject, "assign_to": "owner", "priority": "high"}}


def delay(days: int = 15) -> dict[str, Any]:
    return {"delay": {"days": days}}


def workflow(
    id_: str = "quote_reminder",
    name: str = "Quote follow-up after 15 days",
    trigger: dict[str, Any] | None = None,
    steps: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": id_,
        "name": name,
        "object": "deals",
        "enabled": False,
        "trigger": trigger or stage_entered(),
        "exit_when_trigger_no_longer_true": True,
        "steps": [delay(), task()] if steps is None else steps,
    }
    data.update(extra)
    return data


def config(tier: str = "professional", **sections: Any) -> Config:
    """A config; ``pipelines`` defaults to the guide's single sales pipeline."""
    data: dict[str, Any] = {"name": "Test setup", "portal": {"tier": tier}}
    data["pipelines"] = sections.pop("pipelines", [pipeline()])
    data.update(sections)
    return Config.model_validate(data)


def b2b_config(tier: str = "enterprise") -> Config:
    """The b2b example of config-format.md, following the guide (custom object needs enterprise)."""
    return config(
        tier,
        pipelines=[pipeline(adopt="default")],
        property_groups=[
            group(
                "product_details",
                [dict(PRODUCT_TYPE, description="Which product line the deal is about.")],
                label="Product details",
            )
        ],
        custom_objects=[application_object()] if tier == "enterprise" else [],
        workflows=[workflow()],
    )


def found(cfg: Config, code: str) -> list[Finding]:
    return [f for f in lint(cfg) if f.code == code]


def one(cfg: Config, code: str) -> Finding:
    """The single finding of ``code``; fails with every finding listed otherwise."""
    hits = found(cfg, code)
    assert len(hits) == 1, f"expected one {code}, got: {[str(f) for f in lint(cfg)]}"
    return hits[0]


def none_of(cfg: Config, code: str) -> None:
    hits = found(cfg, code)
    assert not hits, f"unexpected {code}: {[str(f) for f in hits]}"
