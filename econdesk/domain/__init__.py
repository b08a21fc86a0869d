"""Pure domain objects: money, FIK payment ids and the reconciliation's nouns. No I/O."""

from econdesk.domain.booking import BookingMode, LostDisputes, SaleVatFacts, VatRule
from econdesk.domain.model import (
    BankEntry,
    BankEntryOrigin,
    CustomerMapping,
    ExplanationTerm,
    ItemKind,
    Mappings,
    Match,
    MatchMethod,
    MatchState,
    Payout,
    PayoutKind,
    Phrase,
    PlanMapping,
    PlatformItem,
    ProviderMapping,
    Tolerance,
    Voucher,
    VoucherEntryKind,
    VoucherLine,
    VoucherRef,
    format_match_id,
    format_summary_id,
    make_ref,
    split_ref,
)
from econdesk.domain.money import CurrencyMismatch, Money, MoneyError, currency_exponent, money_sum

__all__ = [
    "BankEntry", "BankEntryOrigin", "BookingMode", "CurrencyMismatch", "CustomerMapping",
    "ExplanationTerm", "ItemKind", "LostDisputes", "Mappings", "Match", "MatchMethod",
    "MatchState", "Money", "MoneyError", "Payout", "PayoutKind", "Phrase", "PlanMapping",
    "PlatformItem", "ProviderMapping", "SaleVatFacts", "Tolerance", "VatRule", "Voucher",
    "VoucherEntryKind", "VoucherLine", "VoucherRef", "currency_exponent", "format_match_id",
    "format_summary_id",
    "make_ref", "money_sum", "split_ref",
]  # fmt: skip
