"""`econdesk sandbox serve`'s entry for e-conomic (registered in econdesk/sandbox/serve.py)."""

from __future__ import annotations

from econdesk.sandbox.economic.app import EconomicSandbox
from econdesk.sandbox.economic.chart import BANK_ACCOUNT, DIFFERENCE_ACCOUNT
from econdesk.sandbox.economic.generate import from_bank_entries, generate_data
from econdesk.sandbox.serve import RunningSandbox, ServeContext

POSTING_JOURNAL = 3  # "Afstemning af betalinger": a daybook of its own for econdesk's vouchers


def serve(ctx: ServeContext, port: int) -> RunningSandbox:
    """The scenario's bank lines when a scenario is given, else an agreement from the seed."""
    scenario = ctx.scenario
    seed = ctx.options.seed
    if scenario is not None:
        data = from_bank_entries(scenario.bank_entries, seed=seed)
    else:
        data = generate_data(seed)
    sandbox = EconomicSandbox(data, host=ctx.options.host, port=port, faults=ctx.faults()).start()
    return RunningSandbox(
        name="economic",
        title=f"e-conomic sandbox (agreement {data.agreement_number}, {data.company_name})",
        urls={"REST": sandbox.base_url, "Journals API": sandbox.journals_url},
        credentials={
            "X-AppSecretToken": sandbox.app_secret_token,
            "X-AgreementGrantToken": sandbox.agreement_grant_token,
        },
        stop=sandbox.stop,
        config={
            "base_url": sandbox.base_url,
            "journals_url": sandbox.journals_url,
            "app_secret_token": sandbox.app_secret_token,
            "agreement_grant_token": sandbox.agreement_grant_token,
            "bank_account": data.bank_account if scenario is not None else BANK_ACCOUNT,
            "journal": POSTING_JOURNAL,
            "difference_account": DIFFERENCE_ACCOUNT,
        },
        config_table="economic",
    )
