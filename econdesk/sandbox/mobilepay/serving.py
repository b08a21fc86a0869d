"""`econdesk sandbox serve`'s entry for mobilepay (registered in econdesk/sandbox/serve.py)."""

from __future__ import annotations

from econdesk.sandbox.economic.chart import MOBILEPAY_CLEARING
from econdesk.sandbox.mobilepay.app import (
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    DEMO_MSN,
    DEMO_SUBSCRIPTION_KEY,
    MobilePaySandbox,
)
from econdesk.sandbox.mobilepay.render import mobilepay_data
from econdesk.sandbox.platform_serving import listed_platform, scenario_for
from econdesk.sandbox.serve import RunningSandbox, ServeContext


def serve(ctx: ServeContext, port: int) -> RunningSandbox:
    sandbox = MobilePaySandbox(mobilepay_data(scenario_for(ctx)))
    server = sandbox.server(host=ctx.options.host, port=port, faults=ctx.faults()).start()
    return listed_platform(
        "mobilepay",
        "Vipps MobilePay Report API sandbox (merchant access token)",
        server,
        credentials={
            "client_id": DEMO_CLIENT_ID,
            "client_secret": DEMO_CLIENT_SECRET,
            "Ocp-Apim-Subscription-Key": DEMO_SUBSCRIPTION_KEY,
            "Merchant-Serial-Number": DEMO_MSN,
        },
        keys={
            "client_id": DEMO_CLIENT_ID,
            "client_secret": DEMO_CLIENT_SECRET,
            "subscription_key": DEMO_SUBSCRIPTION_KEY,
            "merchant_serial_number": DEMO_MSN,
        },
        clearing_account=MOBILEPAY_CLEARING,
    )
