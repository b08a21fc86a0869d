"""Visma e-conomic: the bank account's entries in, balanced vouchers out.

`client.EconomicClient` is the entry point; `models` holds its typed results; `filters`
builds escaped filter expressions; `errors` words e-conomic's error answers for a bookkeeper;
`ratelimit` reads the X-RateLimiting / X-CallCost headers.
"""

from econdesk.connectors.economic.client import (
    DEFAULT_BASE_URL,
    DEFAULT_JOURNALS_URL,
    EconomicClient,
)
from econdesk.connectors.economic.models import (
    Account,
    AccountingYear,
    Agreement,
    BankFetch,
    BankSyncMark,
    BookedEntry,
    Currency,
    DraftEntry,
    Journal,
    MarkerSearch,
    PostedVoucher,
    PostResult,
    VatAccount,
)

__all__ = [
    "DEFAULT_BASE_URL", "DEFAULT_JOURNALS_URL", "Account", "AccountingYear", "Agreement",
    "BankFetch", "BankSyncMark", "BookedEntry", "Currency", "DraftEntry", "EconomicClient",
    "Journal", "MarkerSearch", "PostResult", "PostedVoucher", "VatAccount",
]  # fmt: skip
