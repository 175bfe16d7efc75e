"""Provisioning benchmark: hubwizard's apply against a naive baseline, in one run.

Both provision the same generated reference config (3 deal pipelines of 8 stages, 300 custom
properties over 3 objects in 10 groups, 1 custom object, 6 workflows) into their own fresh
enterprise-tier sandbox (190 calls / 10 s) with 100 ms added to every request. The baseline is
what a first script does: one SDK call per item, sequentially, API objects fetched per call.

Prints counts and ratios (no assertions: these machines are noisy). Targets (issue 4): writes
within 10% of the minimum, at least 5x faster than the baseline, zero 429s, zero writes on a
second apply. Run: .venv/bin/python bench/provision_bench.py [--latency-ms 100]
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import os

os.environ.setdefault("HUBWIZARD_HOME", tempfile.mkdtemp(prefix="hubwizard-bench-"))

from hubspot import HubSpot
from hubspot.crm.pipelines import PipelineInput, PipelineStageInput
from hubspot.crm.properties import OptionInput, PropertyCreate, PropertyGroupCreate
from reference_config import provisioning_reference

from hubwizard import lint
from hubwizard.config import Config
from hubwizard.flows import Resolver, compile_workflow
from hubwizard.gateway import Gateway
from hubwizard.hubspot_rules import BATCH_SIZE
from hubwizard.payloads import inline_property_names, pipeline_body, property_body, schema_egg
from hubwizard.portals import Connection
from hubwizard.provision import apply_reviewed, plan_against
from hubwizard.sandbox import start_sandbox

TOKEN = "pat-bench"


def minimum_writes(config: Config) -> int:
    """Fewest write calls this config can take: a call per group, per custom object, per
    pipeline (stages inline) and per workflow; properties in batches of 100 per object (those
    defined inline in a new custom object's definition need none)."""
    groups = len(config.property_groups) + sum(len(o.property_groups) for o in config.custom_objects)
    per_object: dict[str, int] = {}
    for group in config.property_groups:
        per_object[group.object] = per_object.get(group.object, 0) + len(group.properties)
    for obj in config.custom_objects:
        per_object[obj.name] = sum(len(g.properties) for g in obj.property_groups) - len(
            inline_property_names(obj)
        )
    batches = sum(math.ceil(n / BATCH_SIZE) for n in per_object.values() if n)
    return groups + batches + len(config.custom_objects) + len(config.pipelines) + len(config.workflows)


def run_hubwizard(config: Config, latency_ms: int) -> dict:
    with start_sandbox(tier="enterprise", latency_ms=latency_ms) as sandbox:
        connection = Connection("sandbox", sandbox.url, Gateway(sandbox.url, TOKEN), "bench sandbox")
        started = time.perf_counter()
        planned = plan_against(connection, config)
        planned_at = time.perf_counter()
        applied = apply_reviewed(connection, config, planned, recheck=False, verify=False)
        finished = time.perf_counter()
        stats = sandbox.stats()
        gateway = connection.gateway.stats.snapshot()
        assert applied.report.status == "complete", applied.report.failed

        second = plan_against(connection, config)
        writes_before = sandbox.stats()["writes"]
        again = apply_reviewed(connection, config, second, recheck=False, verify=False)
        second_writes = sandbox.stats()["writes"] - writes_before
        connection.close()
        return {
            "reads": gateway["reads"],
            "writes": gateway["writes"],
            "server_writes": stats["writes"],
            "rate_limited": gateway["rate_limited"],
            "server_429": stats["rateLimited"],
            "plan_seconds": planned_at - started,
            "apply_seconds": finished - planned_at,
            "seconds": finished - started,
            "waited": connection.gateway.limiter.waited_seconds,
            "second_plan_writes": len(second.plan.writes),
            "second_apply_writes": second_writes,
            "second_status": again.report.status,
        }


def run_naive(config: Config, latency_ms: int) -> dict:
    """One SDK call per item, one after another; a fresh API object per call (the SDK's
    documented style: client.crm.properties.core_api.create(...))."""
    with start_sandbox(tier="enterprise", latency_ms=latency_ms) as sandbox:
        client = HubSpot(access_token=TOKEN, host=sandbox.url, base_url=sandbox.url)
        started = time.perf_counter()
        for obj in config.custom_objects:  # the object must exist before its groups
            from hubspot.crm.schemas import (
                ObjectSchemaEgg,
                ObjectTypeDefinitionLabels,
                ObjectTypePropertyCreate,
            )

            egg = schema_egg(obj)
            schema = client.crm.schemas.core_api.create(
                ObjectSchemaEgg(
                    name=egg["name"],
                    labels=ObjectTypeDefinitionLabels(**egg["labels"]),
                    primary_display_property=egg["primaryDisplayProperty"],
                    required_properties=egg["requiredProperties"],
                    associated_objects=egg["associatedObjects"],
                    properties=[
                        ObjectTypePropertyCreate(
                            name=p["name"], label=p["label"], type=p["type"], field_type=p["fieldType"]
                        )
                        for p in egg["properties"]
                    ],
                )
            )
            object_id = schema.object_type_id
        targets = [(g.object, g.name, g.label, g.properties) for g in config.property_groups]
        targets += [
            (object_id, g.name, g.label, g.properties)
            for o in config.custom_objects
            for g in o.property_groups
        ]
        inline = {n for o in config.custom_objects for n in inline_property_names(o)}
        for object_type, name, label, _ in targets:
            client.crm.properties.groups_api.create(object_type, PropertyGroupCreate(name=name, label=label))
        for object_type, name, _, properties in targets:
            for prop in properties:
                if prop.name in inline:
                    continue
                body = property_body(prop, name)
                options = [
                    OptionInput(
                        label=o["label"],
                        value=o["value"],
                        hidden=o["hidden"],
                        display_order=o["displayOrder"],
                    )
                    for o in body["options"]
                ]
                client.crm.properties.core_api.create(
                    object_type,
                    PropertyCreate(
                        name=body["name"],
                        label=body["label"],
                        type=body["type"],
                        field_type=body["fieldType"],
                        group_name=name,
                        options=options,
                    ),
                )
        resolver = Resolver(object_type_ids={"deals": "0-3"})
        for i, pipeline in enumerate(config.pipelines):
            body = pipeline_body(pipeline, i + 1)
            created = client.crm.pipelines.pipelines_api.create(
                "deals",
                PipelineInput(
                    label=body["label"],
                    display_order=body["displayOrder"],
                    stages=[
                        PipelineStageInput(
                            label=s["label"], display_order=s["displayOrder"], metadata=s["metadata"]
                        )
                        for s in body["stages"]
                    ],
                ),
            )
            resolver.pipeline_ids[pipeline.id] = created.id
            for stage in created.stages:
                local = next(s.id for s in pipeline.stages if s.label == stage.label)
                resolver.stage_ids[(pipeline.id, local)] = stage.id
        for workflow in config.workflows:
            response = client.api_request(
                {
                    "method": "POST",
                    "path": "/automation/v4/flows",
                    "body": compile_workflow(workflow, resolver),
                }
            )
            response.raise_for_status()
        seconds = time.perf_counter() - started
        stats = sandbox.stats()
        return {
            "reads": stats["total"] - stats["writes"],
            "writes": stats["writes"],
            "rate_limited": stats["rateLimited"],
            "seconds": seconds,
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--latency-ms", type=int, default=100)
    args = parser.parse_args()
    config = provisioning_reference()
    findings = lint.lint(config)
    errors = [f for f in findings if f.severity.value == "error"]
    if errors:
        print("reference config has lint errors:", *errors, sep="\n  ")
        return 1
    minimum = minimum_writes(config)
    properties = sum(len(g.properties) for g in config.property_groups) + sum(
        len(g.properties) for o in config.custom_objects for g in o.property_groups
    )
    print(
        f"reference config: {len(config.pipelines)} pipelines x 8 stages, {properties} properties in {len(config.property_groups) + sum(len(o.property_groups) for o in config.custom_objects)} groups, {len(config.custom_objects)} custom object, {len(config.workflows)} workflows"
    )
    print(f"sandbox: enterprise (190 calls / 10 s), {args.latency_ms} ms added per request\n")

    ours = run_hubwizard(config, args.latency_ms)
    naive = run_naive(config, args.latency_ms)

    rows = [
        ("read calls", ours["reads"], naive["reads"]),
        ("write calls", ours["writes"], naive["writes"]),
        ("minimum write calls", minimum, minimum),
        ("429 answers received", ours["rate_limited"], naive["rate_limited"]),
        ("wall time, s (plan + apply)", round(ours["seconds"], 2), round(naive["seconds"], 2)),
    ]
    print(f"{'':32}{'hubwizard':>12}{'naive':>12}")
    for label, a, b in rows:
        print(f"{label:32}{a:>12}{b:>12}")
    print(
        f"\n  of which hubwizard read/plan {ours['plan_seconds']:.2f} s, apply {ours['apply_seconds']:.2f} s; limiter waited {ours['waited']:.2f} s"
    )
    print(f"  sandbox saw {ours['server_writes']} writes and {ours['server_429']} 429s from hubwizard")
    print("\nratios")
    print(f"  writes / minimum:            {ours['writes'] / minimum:.2f}  (target <= 1.10)")
    print(f"  naive time / hubwizard time: {naive['seconds'] / ours['seconds']:.1f}x  (target >= 5x)")
    print(f"  naive writes / hubwizard:    {naive['writes'] / ours['writes']:.1f}x")
    print(f"  429s received:               {ours['rate_limited']}  (target 0)")
    print(
        f"  second apply: plan has {ours['second_plan_writes']} writes, apply made {ours['second_apply_writes']} write calls ({ours['second_status']})  (target 0)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
