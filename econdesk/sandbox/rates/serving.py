"""`econdesk sandbox serve`'s entry for the exchange rates (registered in serve.py).

One seeded history serves both banks' documents, from a year before the scenario's first day
to two weeks after its last (payouts arrive after the last sale), so every sale and payout of
the scenario has its day's rates. It prints the `[rates]` table that points econdesk at it.
"""

from __future__ import annotations

from datetime import timedelta

from econdesk.sandbox.platform_serving import scenario_for
from econdesk.sandbox.rates.app import RatesSandbox
from econdesk.sandbox.rates.history import generate_history
from econdesk.sandbox.serve import RunningSandbox, ServeContext


def serve(ctx: ServeContext, port: int) -> RunningSandbox:
    spec = scenario_for(ctx).spec
    history = generate_history(
        spec.start - timedelta(days=365), spec.end + timedelta(days=14), seed=ctx.options.seed
    )
    sandbox = RatesSandbox(history, host=ctx.options.host, port=port, faults=ctx.faults())
    sandbox.start()
    url = sandbox.base_url
    return RunningSandbox(
        name="rates",
        title=f"Exchange rates (Danmarks Nationalbank and ECB documents, {history.last})",
        urls={"Nationalbanken": f"{url}/api/currencyratesxml", "ECB": f"{url}/stats/eurofxref/"},
        credentials={},
        stop=sandbox.stop,
        config={"nationalbanken_url": url, "ecb_url": url},
        config_table="rates",
    )
