"""`econdesk sandbox serve`'s entry for frisbii (registered in econdesk/sandbox/serve.py)."""

from __future__ import annotations

from econdesk.sandbox.economic.integration import booking_mode
from econdesk.sandbox.frisbii.app import DEMO_KEY, FrisbiiSandbox
from econdesk.sandbox.frisbii.render import frisbii_data
from econdesk.sandbox.platform_serving import running_platform, scenario_for
from econdesk.sandbox.serve import RunningSandbox, ServeContext


def serve(ctx: ServeContext, port: int) -> RunningSandbox:
    scenario = scenario_for(ctx)
    sandbox = FrisbiiSandbox(frisbii_data(scenario))
    server = sandbox.server(host=ctx.options.host, port=port, faults=ctx.faults()).start()
    return running_platform(
        "frisbii",
        "Frisbii (Reepay) sandbox (account time zone Europe/Copenhagen)",
        server,
        DEMO_KEY,
        booking=booking_mode(scenario, "frisbii"),
    )
