"""`econdesk sandbox serve`'s entry for chargebee (registered in econdesk/sandbox/serve.py)."""

from __future__ import annotations

from econdesk.sandbox.chargebee.app import DEMO_KEY, ChargebeeSandbox
from econdesk.sandbox.chargebee.render import chargebee_data
from econdesk.sandbox.economic.integration import booking_mode
from econdesk.sandbox.platform_serving import running_platform, scenario_for
from econdesk.sandbox.serve import RunningSandbox, ServeContext


def serve(ctx: ServeContext, port: int) -> RunningSandbox:
    scenario = scenario_for(ctx)
    sandbox = ChargebeeSandbox(chargebee_data(scenario))
    server = sandbox.server(host=ctx.options.host, port=port, faults=ctx.faults()).start()
    return running_platform(
        "chargebee",
        "Chargebee sandbox (API v2, test site, 150 requests/min)",
        server,
        DEMO_KEY,
        booking=booking_mode(scenario, "chargebee"),
    )
