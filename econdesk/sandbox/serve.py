"""Running every registered sandbox at once: what `econdesk sandbox serve` and the demo use.

A sandbox joins by one line in `SANDBOXES`: its name and the import path of a function
`serve(ctx: ServeContext, port: int) -> RunningSandbox`, imported only when it is started.
Each sandbox gets its own port: consecutive from `--port`, or ephemeral when the port is 0.
All of them share the seed, the scenario (generated once) and the fault settings.
`serve_connections` adds the endpoint `econdesk init --sandbox URL` reads them from.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import tomlkit

from econdesk.connectors.files.clearhaus import write_clearhaus
from econdesk.errors import UsageError
from econdesk.sandbox.faults import FaultConfig, FaultPlan
from econdesk.sandbox.scenario import Scenario, load_scenario
from econdesk.sandbox.server import Router, SandboxServer, json_response

# name -> "module:function". Add a sandbox with one line here.
SANDBOXES: dict[str, str] = {
    "economic": "econdesk.sandbox.economic.serving:serve",
    "stripe": "econdesk.sandbox.stripe.serving:serve",
    "frisbii": "econdesk.sandbox.frisbii.serving:serve",
    "chargebee": "econdesk.sandbox.chargebee.serving:serve",
    "clearhaus": "econdesk.sandbox.clearhaus.serving:serve",
    "mobilepay": "econdesk.sandbox.mobilepay.serving:serve",
    "rates": "econdesk.sandbox.rates.serving:serve",
}


@dataclass(frozen=True, slots=True)
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 0  # the first sandbox's port; 0 picks free ports
    seed: int = 1
    scenario: str | None = None  # a named scenario ("demo", "tiny", ...) or a spec file
    latency_ms: float = 0.0
    fault_rate: float = 0.0
    # Where to write the scenario's Clearhaus settlement exports (the demo's folder), if at all.
    clearhaus_folder: Path | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.port <= 65535:
            raise UsageError(f"--port must be 0..65535, got {self.port}")
        if self.latency_ms < 0:
            raise UsageError(f"--latency-ms must not be negative, got {self.latency_ms}")
        if not 0 <= self.fault_rate <= 1:
            raise UsageError(f"--fault-rate must be between 0 and 1, got {self.fault_rate}")


class ServeContext:
    """What a sandbox's `serve` gets: the options, the shared scenario, fresh fault plans."""

    def __init__(self, options: ServeOptions) -> None:
        self.options = options

    @cached_property
    def scenario(self) -> Scenario | None:
        if self.options.scenario is None:
            return None
        return load_scenario(self.options.scenario, seed=self.options.seed)

    def faults(self) -> FaultPlan:
        """A fault plan per sandbox: `fault_rate` of requests fail (5xx, 429, drops), all slowed
        by `latency_ms`; deterministic for the seed."""
        o = self.options
        return FaultPlan(FaultConfig.mixed(o.fault_rate, latency_ms=o.latency_ms, seed=o.seed))


@dataclass
class RunningSandbox:
    """A started sandbox: what to print, and how to stop it."""

    name: str
    title: str
    urls: dict[str, str]  # label -> URL, e.g. {"REST": "http://127.0.0.1:8900"}
    credentials: dict[str, str]  # label -> value, e.g. {"X-AppSecretToken": "..."}
    stop: Callable[[], None]
    config: dict[str, str | int] = field(default_factory=dict)  # keys for config.toml's table
    config_table: str = ""  # e.g. "economic" or "providers.stripe"


Serve = Callable[[ServeContext, int], RunningSandbox]


def _factory(name: str, registry: Mapping[str, str]) -> Serve:
    target = registry.get(name)
    if target is None:
        known = ", ".join(sorted(registry))
        raise UsageError(f"no sandbox named {name!r} (known: {known})")
    module_name, _, attribute = target.partition(":")
    serve: Serve = getattr(importlib.import_module(module_name), attribute)
    return serve


def start(
    options: ServeOptions,
    names: Sequence[str] | None = None,
    *,
    registry: Mapping[str, str] = SANDBOXES,
) -> list[RunningSandbox]:
    """Start the named (default: every registered) sandbox; on a failure, stop those started."""
    chosen = list(names) if names else list(registry)
    factories = [(name, _factory(name, registry)) for name in chosen]
    context = ServeContext(options)
    running: list[RunningSandbox] = []
    try:
        for index, (_, serve) in enumerate(factories):
            port = options.port + index if options.port else 0
            running.append(serve(context, port))
        if options.clearhaus_folder is not None:
            write_clearhaus_exports(context, options.clearhaus_folder)
    except BaseException:
        stop_all(running)
        raise
    return running


def write_clearhaus_exports(context: ServeContext, folder: Path) -> None:
    """The scenario's Clearhaus exports (summary and transactions), as a bookkeeper downloads
    them, for `[providers.clearhaus] settlements_folder`: from the scenario the sandboxes serve,
    not one generated again."""
    scenario = context.scenario
    if scenario is None:
        raise UsageError("Clearhaus exports are written from a scenario; name one")
    settlements, lines = scenario.clearhaus_report()
    folder.mkdir(exist_ok=True)
    write_clearhaus(
        settlements,
        lines,
        folder / "clearhaus-settlements.csv",
        folder / "clearhaus-transactions.csv",
    )


def stop_all(running: Sequence[RunningSandbox]) -> None:
    for sandbox in reversed(running):
        sandbox.stop()


CONNECTION_DOCUMENT = "econdesk-sandbox.json"  # the path `econdesk init --sandbox URL` reads


def connection_document(running: Sequence[RunningSandbox]) -> dict[str, Any]:
    """The sandboxes' connections as `econdesk init --sandbox URL` reads them (README)."""
    document: dict[str, Any] = {"economic": {}, "providers": {}}
    for sandbox in running:
        table = sandbox.config_table
        if table == "economic":
            document["economic"] = dict(sandbox.config)
        elif table.startswith("providers."):
            document["providers"][table.removeprefix("providers.")] = dict(sandbox.config)
        elif table == "rates":
            document["rates"] = dict(sandbox.config)
    return document


def serve_connections(options: ServeOptions, running: Sequence[RunningSandbox]) -> RunningSandbox:
    """Serve `/econdesk-sandbox.json` for the running sandboxes, on the port after theirs.

    A server of its own, without auth, rate limit or faults: it is econdesk's own set-up
    aid, not part of any API the sandboxes imitate."""
    document = connection_document(running)
    router = Router()
    router.get(f"/{CONNECTION_DOCUMENT}", lambda _request: json_response(document))
    port = options.port + len(running) if options.port else 0
    server = SandboxServer(router, name="connections", host=options.host, port=port).start()
    return RunningSandbox(
        name="connections",
        title="Connections (econdesk init --sandbox URL)",
        urls={"URL": server.base_url},
        credentials={},
        stop=server.stop,
    )


def describe(
    running: Sequence[RunningSandbox], *, config_heading: str = "config.toml for these sandboxes:"
) -> str:
    """The text `econdesk sandbox serve` prints: URLs, demo credentials, a config to paste."""
    lines: list[str] = []
    for sandbox in running:
        lines.append(sandbox.title)
        width = max(len(k) for k in [*sandbox.urls, *sandbox.credentials]) + 1
        lines.extend(f"  {label + ':':<{width}} {url}" for label, url in sandbox.urls.items())
        lines.extend(f"  {label + ':':<{width}} {v}" for label, v in sandbox.credentials.items())
        lines.append("")
    tables = [s for s in running if s.config_table]
    if tables:
        lines.append(config_heading)
        for sandbox in tables:
            lines.append(f"  [{sandbox.config_table}]")
            lines.extend(
                f"  {key} = {tomlkit.item(value).as_string()}"
                for key, value in sandbox.config.items()
            )
    return "\n".join(lines).rstrip() + "\n"
