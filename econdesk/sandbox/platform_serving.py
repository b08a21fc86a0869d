"""What the billing-platform sandboxes share when `econdesk sandbox serve` starts them.

They all serve one scenario: the one given with `--scenario`, else the named "demo" scenario
for the seed (generated once however many platforms start). Each prints its URL and demo key
and the `[providers.<name>]` table to paste into config.toml, wired to the e-conomic
sandbox's clearing and fee accounts.
"""

from __future__ import annotations

import functools

from econdesk.sandbox.economic.chart import CLEARING_ACCOUNTS, FEE_ACCOUNT
from econdesk.sandbox.scenario import Scenario, load_scenario
from econdesk.sandbox.serve import RunningSandbox, ServeContext
from econdesk.sandbox.server import SandboxServer

DEFAULT_SCENARIO = "demo"


@functools.lru_cache(maxsize=2)
def _default_scenario(seed: int) -> Scenario:
    return load_scenario(DEFAULT_SCENARIO, seed=seed)


def scenario_for(ctx: ServeContext) -> Scenario:
    return ctx.scenario or _default_scenario(ctx.options.seed)


def running_platform(
    name: str, title: str, server: SandboxServer, api_key: str, *, booking: str | None = None
) -> RunningSandbox:
    """A started platform sandbox taking an API key, as `econdesk sandbox serve` lists it;
    `booking` is the source's booking mode in the scenario's books, when an integration keeps
    them."""
    return listed_platform(
        name,
        title,
        server,
        credentials={"API key": api_key},
        keys={"api_key": api_key},
        clearing_account=CLEARING_ACCOUNTS[name],
        booking=booking,
    )


def listed_platform(
    name: str,
    title: str,
    server: SandboxServer,
    *,
    credentials: dict[str, str],
    keys: dict[str, str],
    clearing_account: int,
    booking: str | None = None,
) -> RunningSandbox:
    """A started platform sandbox as `econdesk sandbox serve` lists it: `credentials` as
    printed, `keys` as they go into its `[providers.<name>]` table."""
    config: dict[str, str | int] = {
        "base_url": server.base_url,
        **keys,
        "clearing_account": clearing_account,
        "fee_account": FEE_ACCOUNT,
    }
    if booking is not None:
        config["booking"] = booking
    return RunningSandbox(
        name=name,
        title=title,
        urls={"API": server.base_url},
        credentials=credentials,
        stop=server.stop,
        config=config,
        config_table=f"providers.{name}",
    )
