"""The published rates a payout in another currency is matched at, for the matcher.

A EUR payout into a DKK bank account arrives as the bank's DKK amount: the matcher compares
it with the payout converted at its arrival day's rate (Danmarks Nationalbank, the ECB as
fallback; services/rates.py, stored once fetched), within `fx_tolerance_percent` for the
bank's own rate and spread. Only currencies no open bank entry is in are converted: a bank
account that receives EUR as EUR matches EUR payouts as they are, with no converted rival.
Rates are fetched before the matcher reads the store (fetching writes the rates), and a rate
that cannot be had leaves that payout unconverted rather than failing the run.
"""

from __future__ import annotations

from decimal import Decimal

from econdesk.domain.model import MatchState
from econdesk.errors import EcondeskError
from econdesk.services.sale_rates import RateSource
from econdesk.storage import Database

FxDaily = dict[tuple[str, str, int], tuple[Decimal, str]]


def payout_rates(db: Database, rates: RateSource, base: str = "DKK") -> FxDaily:
    """(currency, base, arrival ordinal) -> (base units per unit, source) for open payouts."""
    with db.reader() as store:
        banks = store.bank_entries.unmatched()
        proposed = store.matches.find(states=[MatchState.PROPOSED])
        claimed = store.payouts.get_many(r for m in proposed for r in m.item_refs)
        payouts = [*store.payouts.unmatched(), *claimed.values()]
    in_bank = {b.amount.currency for b in banks}
    if base not in in_bank:
        return {}
    found: FxDaily = {}
    for payout in payouts:
        currency = payout.currency
        key = (currency, base, payout.arrival_date.toordinal())
        if currency in in_bank or key in found:
            continue
        try:
            rate = rates.rate(currency, payout.arrival_date)
        except EcondeskError:
            continue  # no rate: the payout is simply not converted this run
        found[key] = (rate.per_100 / 100, rate.source)
    return found
