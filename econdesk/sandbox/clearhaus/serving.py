"""`econdesk sandbox serve`'s entry for clearhaus (registered in econdesk/sandbox/serve.py)."""

from __future__ import annotations

from econdesk.sandbox.clearhaus.app import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, ClearhausSandbox
from econdesk.sandbox.clearhaus.render import clearhaus_data
from econdesk.sandbox.economic.chart import CLEARING_ACCOUNTS
from econdesk.sandbox.platform_serving import listed_platform, scenario_for
from econdesk.sandbox.serve import RunningSandbox, ServeContext


def serve(ctx: ServeContext, port: int) -> RunningSandbox:
    sandbox = ClearhausSandbox(clearhaus_data(scenario_for(ctx)))
    server = sandbox.server(host=ctx.options.host, port=port, faults=ctx.faults()).start()
    keys = {"client_id": DEMO_CLIENT_ID, "client_secret": DEMO_CLIENT_SECRET}
    return listed_platform(
        "clearhaus",
        "Clearhaus Merchant API sandbox (OAuth 2.0 client credentials, HAL)",
        server,
        credentials=dict(keys),
        keys=keys,
        clearing_account=CLEARING_ACCOUNTS["frisbii"],
    )
