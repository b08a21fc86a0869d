"""`econdesk sandbox serve`'s entry for stripe (registered in econdesk/sandbox/serve.py)."""

from __future__ import annotations

from econdesk.connectors.stripe.models import STRIPE_VERSION
from econdesk.sandbox.economic.integration import booking_mode
from econdesk.sandbox.platform_serving import running_platform, scenario_for
from econdesk.sandbox.serve import RunningSandbox, ServeContext
from econdesk.sandbox.stripe.app import DEMO_KEY, StripeSandbox
from econdesk.sandbox.stripe.render import stripe_data


def serve(ctx: ServeContext, port: int) -> RunningSandbox:
    scenario = scenario_for(ctx)
    sandbox = StripeSandbox(stripe_data(scenario))
    server = sandbox.server(host=ctx.options.host, port=port, faults=ctx.faults()).start()
    return running_platform(
        "stripe",
        f"Stripe sandbox (API version {STRIPE_VERSION}, test mode, 25 requests/s)",
        server,
        DEMO_KEY,
        booking=booking_mode(scenario, "stripe"),
    )
