"""`econdesk sandbox serve`'s entry for e-conomic (registered in econdesk/sandbox/serve.py)."""

from __future__ import annotations

from collections.abc import Callable

from econdesk.domain.model import BankEntry
from econdesk.sandbox.economic.app import EconomicSandbox
from econdesk.sandbox.economic.chart import (
    BANK_ACCOUNT,
    CLEARING_ACCOUNTS,
    DIFFERENCE_ACCOUNT,
    MOBILEPAY_CLEARING,
)
from econdesk.sandbox.economic.generate import contra_by_text, from_bank_entries, generate_data
from econdesk.sandbox.economic.integration import book_integration
from econdesk.sandbox.scenario import Scenario
from econdesk.sandbox.serve import RunningSandbox, ServeContext

POSTING_JOURNAL = 3  # "Afstemning af betalinger": a daybook of its own for econdesk's vouchers


# Where the bank feed books each source's deposits (the chart's clearing accounts).
_FEED_ACCOUNTS = {
    **CLEARING_ACCOUNTS,
    "clearhaus": CLEARING_ACCOUNTS["frisbii"],  # the acquirer's, shared with Frisbii
    "mobilepay": MOBILEPAY_CLEARING,
}


def contra_from_truth(scenario: Scenario) -> Callable[[BankEntry], int]:
    """The bank feed books a deposit against the clearing account of the source the scenario
    knows it came from (a customer's bank transfer for a Chargebee invoice included); lines
    the scenario explains by no source go by their text."""

    def contra(entry: BankEntry) -> int:
        expected = scenario.truth.for_bank(entry.ref)
        if expected is not None and expected.provider in _FEED_ACCOUNTS:
            return _FEED_ACCOUNTS[expected.provider]
        return contra_by_text(entry)

    return contra


def serve(ctx: ServeContext, port: int) -> RunningSandbox:
    """The scenario's bank lines when a scenario is given (and, in an integrated scenario,
    what the integration booked), else an agreement from the seed."""
    scenario = ctx.scenario
    seed = ctx.options.seed
    if scenario is not None:
        data = from_bank_entries(
            scenario.bank_entries, seed=seed, contra=contra_from_truth(scenario)
        )
        if scenario.spec.integration:
            book_integration(data, scenario)
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
