"""``hubwizard sandbox serve|reset|status``: the local HubSpot-compatible portal.

``serve`` runs until Ctrl-C (or SIGTERM), and while it runs ``$HUBWIZARD_HOME/sandbox-server.json``
tells other hubwizard processes where it is. Tokens are never printed or logged: ``--token`` can
also come from ``HUBWIZARD_SANDBOX_TOKEN`` so it stays out of the process list.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from hubwizard.hubspot_rules import Tier
from hubwizard.i18n import _

TOKEN_ENV = "HUBWIZARD_SANDBOX_TOKEN"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "sandbox",
        help=_("run the local HubSpot-compatible sandbox portal"),
        description=_(
            "A local HubSpot-compatible portal (HTTP + SQLite) to try hubwizard without a real token."
        ),
    )
    commands = parser.add_subparsers(dest="sandbox_command", metavar="SUBCOMMAND", required=True)

    serve = commands.add_parser("serve", help=_("serve the sandbox until Ctrl-C"))
    serve.add_argument("--host", default="127.0.0.1", help=_("address to listen on (default 127.0.0.1)"))
    serve.add_argument("--port", type=int, default=8765, help=_("port (default 8765; 0 picks a free one)"))
    serve.add_argument(
        "--data", default=None, help=_("SQLite file, or :memory: (default: the hubwizard home's)")
    )
    serve.add_argument("--tier", choices=[t.value for t in Tier], default="enterprise", help=_("portal tier"))
    serve.add_argument(
        "--token",
        default=None,
        help=_("require this bearer token (or set {variable}); default: any token").format(
            variable=TOKEN_ENV
        ),
    )
    serve.add_argument(
        "--latency-ms", type=_non_negative_int, default=0, help=_("added latency per API request")
    )
    serve.add_argument(
        "--fail-rate", type=_fraction, default=0.0, help=_("fraction of API requests answered 5xx")
    )
    serve.add_argument(
        "--rate-429", type=_fraction, default=0.0, help=_("fraction of API requests answered 429")
    )
    serve.add_argument(
        "--rate-limit", type=_positive_int, default=None, help=_("requests per 10 s per token")
    )
    serve.add_argument("--daily-limit", type=_positive_int, default=None, help=_("requests per day"))
    serve.add_argument(
        "--drop-after", type=_non_negative_int, default=None, help=_("drop the connection after N requests")
    )
    serve.add_argument(
        "--drop-mode", choices=["after", "before"], default="after", help=_("drop after or before processing")
    )
    serve.add_argument(
        "--stale-ms", type=_non_negative_int, default=0, help=_("reads lag writes by this long")
    )
    serve.add_argument("--seed", type=int, default=None, help=_("seed of the fault dice"))
    serve.add_argument(
        "--clock",
        type=_moment,
        default=None,
        help=_(
            "stamp records with this fixed time (ISO, e.g. 2026-03-01T09:00:00Z); change it with POST /_sandbox/clock"
        ),
    )
    serve.set_defaults(handler=cmd_serve)

    reset = commands.add_parser("reset", help=_("reset the sandbox portal to a fresh one"))
    reset.add_argument("--data", default=None, help=_("SQLite file (default: the hubwizard home's)"))
    reset.set_defaults(handler=cmd_reset)

    seed = commands.add_parser(
        "seed-deals",
        help=_("fill a pipeline with a generated deal history (known rates, a bottleneck, stranded deals)"),
    )
    seed.add_argument("--deals", type=_positive_int, required=True, help=_("how many deals"))
    seed.add_argument("--seed", type=int, default=1, help=_("random seed (same seed, same history)"))
    seed.add_argument("--pipeline", default="default", help=_("deal pipeline id (default: default)"))
    seed.add_argument("--data", default=None, help=_("SQLite file (default: the hubwizard home's)"))
    seed.set_defaults(handler=cmd_seed_deals)

    status = commands.add_parser("status", help=_("is a sandbox running, and where"))
    status.set_defaults(handler=cmd_status)


def _moment(text: str) -> Any:
    from hubwizard.sandbox.clock import parse_moment

    try:
        return parse_moment(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("'{text}' is not an ISO time such as {example}").format(
                text=text, example="2026-03-01T09:00:00Z"
            )
        )


def _non_negative_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(_("must be >= 0"))
    return value


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(_("must be >= 1"))
    return value


def _fraction(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(_("must be between 0 and 1"))
    return value


def _default_data() -> str:
    from hubwizard.home import sandbox_db

    return str(sandbox_db())


def cmd_serve(args: argparse.Namespace) -> int:
    from hubwizard.sandbox import discovery
    from hubwizard.sandbox.server import start_sandbox

    data = args.data or _default_data()
    token = args.token or os.environ.get(TOKEN_ENV) or None
    running = discovery.find_running_sandbox()
    if running and (discovery.read_server_file() or {}).get("data") == data and data != ":memory:":
        print(
            _("A sandbox already serves {data} at {url}; stop it first.").format(data=data, url=running),
            file=sys.stderr,
        )
        return 2
    try:
        sb = start_sandbox(
            data=data,
            tier=args.tier,
            token=token,
            host=args.host,
            port=args.port,
            latency_ms=args.latency_ms,
            fail_rate=args.fail_rate,
            rate_limit=args.rate_limit,
            daily_limit=args.daily_limit,
            rate_429=args.rate_429,
            drop_after=args.drop_after,
            drop_mode=args.drop_mode,
            stale_ms=args.stale_ms,
            seed=args.seed,
        )
    except OSError as exc:
        print(
            _("Cannot serve on {address}: {reason}").format(
                address=f"{args.host}:{args.port}", reason=exc.strerror or exc
            ),
            file=sys.stderr,
        )
        return 2
    if args.clock is not None:
        sb.portal.clock.set(args.clock)
    stop = threading.Event()
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set()) if main else None
    discovery.write_server_file(sb.url, data)
    try:
        print(
            _("hubwizard sandbox ({tier} tier) serving at {url}").format(tier=args.tier, url=sb.url),
            flush=True,
        )
        print("  " + _("data: {data}").format(data=data))
        if args.clock is not None:
            print(
                "  "
                + _("clock: set to {time} (POST /_sandbox/clock to change)").format(
                    time=sb.portal.clock.iso()
                )
            )
        print(
            "  " + (_("token: required (not shown)") if token else _("token: any bearer token is accepted"))
        )
        print(
            "  "
            + _("point the SDK at it: {call}").format(
                call=f"HubSpot(access_token=..., host='{sb.url}', base_url='{sb.url}')"
            )
        )
        print("  " + _("other hubwizard commands on this machine find it while it runs"))
        print("  " + _("inspect: {url}   stop: Ctrl-C").format(url=f"{sb.url}/_sandbox/stats"), flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            while not stop.wait(0.5):
                pass
    finally:
        if main:
            signal.signal(signal.SIGTERM, previous)
        discovery.remove_server_file()
        sb.stop()
        print(_("sandbox stopped"), flush=True)
    return 0


def cmd_reset(args: argparse.Namespace) -> int:
    from hubwizard.sandbox import discovery

    data = args.data or _default_data()
    running = discovery.find_running_sandbox()
    if running and (discovery.read_server_file() or {}).get("data") == data:
        _post(f"{running}/_sandbox/reset")
        print(_("reset the running sandbox at {url} ({data})").format(url=running, data=data))
        return 0
    if data == ":memory:":
        print(_("nothing to reset: an in-memory sandbox forgets everything when it stops"))
        return 0
    from hubwizard.sandbox.portal import Portal
    from hubwizard.sandbox.seed import seed_portal
    from hubwizard.sandbox.store import Store

    store = Store(Path(data))
    try:
        Portal(store, Tier.ENTERPRISE, seed_portal).reset()
    finally:
        store.close()
    print(_("reset the sandbox portal in {data}").format(data=data))
    return 0


def cmd_seed_deals(args: argparse.Namespace) -> int:
    from hubwizard.sandbox import discovery

    data = args.data or _default_data()
    body = {"deals": args.deals, "seed": args.seed, "pipeline": args.pipeline}
    running = discovery.find_running_sandbox()
    if running and (discovery.read_server_file() or {}).get("data") == data:
        try:
            summary = _post(f"{running}/_sandbox/seed-deals", body, timeout=600)
        except urllib.error.HTTPError as exc:
            print(
                _("The sandbox refused: {reason}").format(
                    reason=json.loads(exc.read() or b"{}").get("message", exc)
                ),
                file=sys.stderr,
            )
            return 2
        where = _("the running sandbox at {url}").format(url=running)
    else:
        from hubwizard.sandbox.portal import Portal
        from hubwizard.sandbox.seed import seed_portal
        from hubwizard.sandbox.seed_deals import seed_summary
        from hubwizard.sandbox.store import Store

        store = Store(Path(data)) if data != ":memory:" else Store(":memory:")
        try:
            summary = seed_summary(
                Portal(store, Tier.ENTERPRISE, seed_portal), args.deals, args.seed, args.pipeline
            )
        except ValueError as exc:
            print(_("Cannot seed deals: {reason}").format(reason=exc), file=sys.stderr)
            return 2
        finally:
            store.close()
        where = data
    print(
        _("added {count} deals to pipeline '{pipeline}' in {where}").format(
            count=summary["deals"], pipeline=summary["pipeline"], where=where
        )
    )
    print(
        "  "
        + _("planted bottleneck: {bottleneck}; planted stranded deals: {stranded}").format(
            bottleneck=summary["bottleneck"], stranded=summary["stranded"]
        )
    )
    rates = ", ".join(f"{k} {v:.0%}" for k, v in summary["winProbability"].items())
    print("  " + _("true win probability by stage: {rates}").format(rates=rates))
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from hubwizard.sandbox import discovery

    url = discovery.find_running_sandbox()
    data = _default_data()
    if url is None:
        print(_("no sandbox is running (start one with: hubwizard sandbox serve)"))
        path = Path(data)
        if path.exists():
            print(_("default data file: {data} (exists)").format(data=data))
        else:
            print(_("default data file: {data} (not created yet)").format(data=data))
        return 1
    info = discovery.health(url) or {}
    stats = _get(f"{url}/_sandbox/stats")
    print(
        _("sandbox running at {url} ({tier} tier, portal {portal})").format(
            url=url, tier=info.get("tier", "?"), portal=info.get("portalId", "?")
        )
    )
    print("  " + _("data: {data}").format(data=(discovery.read_server_file() or {}).get("data", "?")))
    print(
        "  "
        + _("API requests served: {total}, writes: {writes}").format(
            total=stats.get("total", "?"), writes=stats.get("writes", "?")
        )
    )
    return 0


def _get(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(url, timeout=2) as response:  # only our own localhost URL
        return json.loads(response.read())


def _post(url: str, body: dict[str, Any] | None = None, timeout: float = 5) -> dict[str, Any]:
    request = urllib.request.Request(
        url, data=json.dumps(body or {}).encode(), method="POST", headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read())
