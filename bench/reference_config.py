"""The benchmarks' reference configs, generated (not stored): same shape every run."""

from __future__ import annotations

from hubwizard.config import Config

STAGE_SETS = [
    ["Lead in", "Qualified", "Discovery call", "Demo done", "Proposal sent", "Negotiation"],
    [
        "Renewal due",
        "Usage reviewed",
        "Renewal offer sent",
        "Terms agreed",
        "Paperwork sent",
        "Countersigned",
    ],
    [
        "Partner sourced",
        "Partner qualified",
        "Joint plan",
        "Pilot running",
        "Pilot review",
        "Order form sent",
    ],
]


def _pipeline(i: int, labels: list[str]) -> dict:
    stages = [
        {"id": f"s{j}", "label": label, "probability": round(0.1 + 0.1 * j, 1)}
        for j, label in enumerate(labels)
    ]
    stages += [
        {"id": "won", "label": "Closed won", "probability": 1.0, "closed": "won"},
        {"id": "lost", "label": "Closed lost", "probability": 0.0, "closed": "lost"},
    ]
    return {"id": f"p{i}", "object": "deals", "label": ["Sales", "Renewals", "Partners"][i], "stages": stages}


def _properties(prefix: str, count: int) -> list[dict]:
    out = []
    for k in range(count):
        if k % 3 == 0:
            out.append(
                {
                    "name": f"{prefix}_choice_{k}",
                    "label": f"{prefix.title()} choice {k}",
                    "type": "enumeration",
                    "field": "select",
                    "options": ["Low", "Medium", "High"],
                }
            )
        elif k % 3 == 1:
            out.append(
                {
                    "name": f"{prefix}_count_{k}",
                    "label": f"{prefix.title()} count {k}",
                    "type": "number",
                    "field": "number",
                }
            )
        else:
            out.append(
                {
                    "name": f"{prefix}_note_{k}",
                    "label": f"{prefix.title()} note {k}",
                    "type": "string",
                    "field": "text",
                }
            )
    return out


def provisioning_reference() -> Config:
    """3 deal pipelines of 8 stages, 300 custom properties over 3 objects in 10 groups, one
    custom object, 6 workflows (the provisioning benchmark of issue 4)."""
    groups = [
        {
            "object": "deals",
            "name": f"deal_group_{g}",
            "label": f"Deal group {g}",
            "properties": _properties(f"deal{g}", 30),
        }
        for g in range(4)
    ]
    groups += [
        {
            "object": "contacts",
            "name": f"contact_group_{g}",
            "label": f"Contact group {g}",
            "properties": _properties(f"contact{g}", 30),
        }
        for g in range(3)
    ]
    object_groups = [
        {
            "name": f"project_group_{g}",
            "label": f"Project group {g}",
            "properties": _properties(f"project{g}", 30),
        }
        for g in range(3)
    ]
    object_groups[0]["properties"][0] = {
        "name": "project_name",
        "label": "Project name",
        "type": "string",
        "field": "text",
    }
    workflows = []
    for w in range(6):
        pipeline = f"p{w % 3}"
        workflows.append(
            {
                "id": f"w{w}",
                "name": f"Reminder {w}: follow up stage {w % 6}",
                "trigger": {"stage_entered": {"pipeline": pipeline, "stage": f"s{2 + w % 3}"}},
                "exit_when_trigger_no_longer_true": True,
                "steps": [
                    {"delay": {"days": 7 + w}},
                    {"create_task": {"subject": f"Follow up ({w})", "priority": "high"}},
                ]
                if w < 3
                else [{"delay": {"days": 3}}, {"notify_owner": {"subject": f"Deal waiting ({w})"}}],
            }
        )
    return Config.model_validate(
        {
            "name": "Provisioning benchmark reference",
            "portal": {"tier": "enterprise"},
            "pipelines": [_pipeline(i, labels) for i, labels in enumerate(STAGE_SETS)],
            "property_groups": groups,
            "custom_objects": [
                {
                    "name": "project",
                    "singular": "Project",
                    "plural": "Projects",
                    "primary_property": "project_name",
                    "required": ["project_name"],
                    "associations": ["deals"],
                    "property_groups": object_groups,
                }
            ],
            "workflows": workflows,
        }
    )


def large_reference(pipelines: int = 50, properties: int = 5000) -> Config:
    """The lint and wizard benchmarks' large config: 50 pipelines of 8 stages, 5,000 properties."""
    stage_names = ["Lead", "Qualified", "Meeting", "Demo", "Proposal", "Negotiation"]
    pipes = []
    for i in range(pipelines):
        stages = [
            {"id": f"s{j}", "label": f"{name} {i}", "probability": round(0.1 + 0.1 * j, 1)}
            for j, name in enumerate(stage_names)
        ]
        stages += [
            {"id": "won", "label": "Closed won", "probability": 1.0, "closed": "won"},
            {"id": "lost", "label": "Closed lost", "probability": 0.0, "closed": "lost"},
        ]
        pipes.append(
            {"id": f"pipeline_{i}", "object": "deals", "label": f"Team {i} pipeline", "stages": stages}
        )
    per_group = 25
    groups = []
    for g in range(properties // per_group):
        obj = ("deals", "contacts", "companies", "tickets")[g % 4]
        groups.append(
            {
                "object": obj,
                "name": f"group_{g}",
                "label": f"Group {g}",
                "properties": _properties(f"g{g}", per_group),
            }
        )
    return Config.model_validate(
        {
            "name": "Large benchmark setup",
            "portal": {"tier": "enterprise"},
            "pipelines": pipes,
            "property_groups": groups,
            "custom_objects": [
                {
                    "name": "project",
                    "singular": "Project",
                    "plural": "Projects",
                    "primary_property": "project_name",
                    "required": ["project_name"],
                    "property_groups": [
                        {
                            "name": "details",
                            "label": "Details",
                            "properties": [
                                {"name": "project_name", "label": "Project name", "type": "string"}
                            ],
                        }
                    ],
                }
            ],
            "workflows": [
                {
                    "id": f"w{i}",
                    "name": f"Reminder {i}",
                    "trigger": {"stage_entered": {"pipeline": f"pipeline_{i}", "stage": "s3"}},
                    "exit_when_trigger_no_longer_true": True,
                    "steps": [{"delay": {"days": 10}}, {"create_task": {"subject": "Follow up"}}],
                }
                for i in range(5)
            ],
        }
    )
