"""The reconciliation's nouns: bank entries, platform items, payouts, matches, vouchers.

Plain frozen dataclasses with no I/O, shared by connectors, matcher, storage, services and UI.
Every object has a stable reference string `<source>:<id>` (README, "Configuration"), e.g.
`economic:4711`, `economic-draft:27`, `stripe:po_1Pgc79…`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from econdesk.domain.booking import BookingMode, LostDisputes, SaleVatFacts, VatRule, vat_code_for
from econdesk.domain.money import Money, MoneyError


def make_ref(source: str, external_id: str | int) -> str:
    text = str(external_id)
    if not source or ":" in source:
        raise ValueError(f"bad source name {source!r}")
    if not text:
        raise ValueError(f"empty id for source {source!r}")
    return f"{source}:{text}"


def split_ref(ref: str) -> tuple[str, str]:
    source, sep, external_id = ref.partition(":")
    if not sep or not source or not external_id:
        raise ValueError(f"not a reference of the form source:id: {ref!r}")
    return source, external_id


class BankEntryOrigin(enum.StrEnum):
    BOOKED = "economic"  # a booked entry on the bank G/L account
    DRAFT = "economic-draft"  # an unbooked daybook line touching the bank account
    FILE = "bankfile"  # a line from a bank statement file (CSV, camt.053)


@dataclass(frozen=True, slots=True)
class BankEntry:
    """Money that reached (or left) the bank account, as the books or the bank show it."""

    origin: BankEntryOrigin
    external_id: str  # entryNumber, journalEntryNumber, or file line id
    account_number: int  # the bank G/L account
    entry_date: date
    amount: Money  # in the entry's currency; positive is money in
    text: str
    amount_base: Money | None = None  # in the agreement's base currency, when it differs
    voucher_number: int | None = None
    entry_type: str | None = None  # e-conomic entryType, e.g. "financeVoucher"
    counterparty: str | None = None  # from bank files: the payer's name
    bank_reference: str | None = None  # from bank files: end-to-end id, FIK, etc.

    @property
    def ref(self) -> str:
        return make_ref(self.origin.value, self.external_id)


class ItemKind(enum.StrEnum):
    PAYMENT = "payment"
    REFUND = "refund"
    CHARGEBACK = "chargeback"
    FEE = "fee"
    ADJUSTMENT = "adjustment"
    # An invoice the platform still waits for (Frisbii pending or dunning, Chargebee payment
    # due): its amount is what is open. A transfer that pays it is a customer's payment of a
    # receivable, not a new sale (docs/accounting.md, "Open invoices").
    INVOICE = "invoice"


# The sign an item's amount carries from the merchant's point of view.
_KIND_SIGN = {
    ItemKind.PAYMENT: 1,
    ItemKind.REFUND: -1,
    ItemKind.CHARGEBACK: 0,  # a lost dispute takes money out; a won one brings it back
    ItemKind.FEE: -1,
    ItemKind.ADJUSTMENT: 0,  # either sign
    ItemKind.INVOICE: 1,
}
# A platform may give its fee back with a refund or a won dispute: such an item's fee is
# negative (a fee returned), so it lowers the fees rather than raising the refund.
_FEE_RETURNING = frozenset({ItemKind.REFUND, ItemKind.CHARGEBACK})


@dataclass(frozen=True, slots=True)
class PlatformItem:
    """One money movement on a billing platform or acquirer.

    `amount` is signed from the merchant's side: payments positive, refunds, chargebacks and
    fees negative. `fee` is what the platform kept for this item (non-negative, zero when the
    platform does not say; negative on a refund or dispute reversal that gave a fee back), so
    the item contributes `net = amount - fee` to its payout. A chargeback is negative when a
    dispute took money out and positive when a won dispute brought it back.
    """

    provider: str  # "stripe", "frisbii", "chargebee", "clearhaus", ...
    external_id: str
    kind: ItemKind
    amount: Money
    occurred_at: datetime  # timezone-aware
    fee: Money | None = None
    customer_id: str | None = None
    customer_name: str | None = None
    invoice_ref: str | None = None  # the platform's invoice number or handle
    payout_ref: str | None = None  # reference of the payout/settlement that carried it
    plan: str | None = None  # plan or product id, for the revenue mapping
    vat_amount: Money | None = None
    references: tuple[str, ...] = ()  # acquirer reference, gateway id, charge id, ...
    description: str = ""
    # What the platform says about the sale's VAT (rate, OSS country, reverse charge); None
    # when it says nothing, and the plan's VAT code applies (docs/booking-modes.md).
    vat: SaleVatFacts | None = None

    def __post_init__(self) -> None:
        if self.occurred_at.tzinfo is None:
            raise ValueError(f"{self.ref}: occurred_at must be timezone-aware")
        sign = _KIND_SIGN[self.kind]
        if sign and self.amount.amount and (self.amount.amount > 0) != (sign > 0):
            raise MoneyError(f"{self.ref}: a {self.kind.value} of {self.amount} has the wrong sign")
        if self.fee is not None:
            if self.fee.currency != self.amount.currency:
                raise MoneyError(f"{self.ref}: fee currency differs from amount currency")
            if self.fee.is_negative() and self.kind not in _FEE_RETURNING:
                raise MoneyError(f"{self.ref}: fee must not be negative")

    @property
    def ref(self) -> str:
        return make_ref(self.provider, self.external_id)

    @property
    def currency(self) -> str:
        return self.amount.currency

    @property
    def fee_or_zero(self) -> Money:
        return self.fee if self.fee is not None else Money.zero(self.currency)

    @property
    def net(self) -> Money:
        return self.amount - self.fee_or_zero


class PayoutKind(enum.StrEnum):
    PAYOUT = "payout"  # the platform paid out its balance (Stripe)
    SETTLEMENT = "settlement"  # an acquirer settled card sales (Clearhaus)


@dataclass(frozen=True, slots=True)
class Payout:
    """A transfer from a platform or acquirer to the bank, with what it is made of."""

    provider: str
    external_id: str
    kind: PayoutKind
    amount: Money  # the net amount that reaches the bank
    arrival_date: date
    created_at: datetime | None = None
    status: str = "paid"
    statement_descriptor: str | None = None  # what the bank text is expected to show
    gross: Money | None = None
    fees: Money | None = None
    component_refs: tuple[str, ...] = ()  # PlatformItem.ref of each component
    has_breakdown: bool = True  # False for e.g. Stripe manual payouts

    @property
    def ref(self) -> str:
        return make_ref(self.provider, self.external_id)

    @property
    def currency(self) -> str:
        return self.amount.currency


class MatchState(enum.StrEnum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    REJECTED = "rejected"
    PARKED = "parked"
    POSTED = "posted"
    # A proposal nobody decided on that a later matching run no longer proposes (its bank
    # entry or items went elsewhere or vanished, or a better proposal took its place): kept
    # for the record, its bank entries and items free again.
    WITHDRAWN = "withdrawn"


# What a bookkeeper may do next from each state. POSTED is final: it is in the books.
# Only the matcher withdraws a proposal, and a withdrawn one stays withdrawn (if its claim
# becomes the best again, a later run proposes it anew).
MATCH_TRANSITIONS: dict[MatchState, frozenset[MatchState]] = {
    MatchState.PROPOSED: frozenset(
        {MatchState.APPROVED, MatchState.REJECTED, MatchState.PARKED, MatchState.WITHDRAWN}
    ),
    MatchState.PARKED: frozenset({MatchState.PROPOSED, MatchState.APPROVED, MatchState.REJECTED}),
    MatchState.APPROVED: frozenset({MatchState.PROPOSED, MatchState.POSTED}),
    MatchState.REJECTED: frozenset({MatchState.PROPOSED}),
    MatchState.POSTED: frozenset(),
    MatchState.WITHDRAWN: frozenset(),
}


class MatchMethod(enum.StrEnum):
    REFERENCE = "reference"
    PAYOUT = "payout"
    ONE_TO_ONE = "one_to_one"
    SUBSET = "subset"
    LEARNED = "learned"
    MANUAL = "manual"


@dataclass(frozen=True, slots=True)
class Phrase:
    """What an explanation says, as data: a catalogue key and the facts its text shows.

    Facts are strings (references, names: shown as they are), integers, floats, or phrases of
    their own ("booked" in "booked the same bank day"); econdesk.i18n renders it in a language.
    """

    key: str  # "amount.equal", "date.inside", ...
    facts: tuple[tuple[str, Fact], ...] = ()

    def fact(self, name: str) -> Fact | None:
        return next((value for key, value in self.facts if key == name), None)


Fact = str | int | float | Phrase


@dataclass(frozen=True, slots=True)
class ExplanationTerm:
    term: str  # "reference", "amount", "date", "name", ...
    detail: str  # the English text: "po_1Pgc… in bank text" (all a term stored before had)
    weight: float  # contribution to the score; scores are not money
    phrase: Phrase | None = None  # the same as data, for rendering in the reader's language


@dataclass(frozen=True, slots=True)
class VoucherRef:
    journal: int
    year: str  # accounting year as e-conomic names it: "2026" or "2025/2026"
    number: int


@dataclass(frozen=True, slots=True)
class Match:
    """A proposal (or decision) that some bank entries are explained by some platform items."""

    id: str  # "m-000123"
    state: MatchState
    method: MatchMethod
    score: float
    auto: bool
    bank_refs: tuple[str, ...]
    item_refs: tuple[str, ...]
    amount: Money  # the bank side's total
    difference: Money  # bank total minus the items' net total (less any inferred_fee)
    component_refs: tuple[str, ...] = ()
    explanation: tuple[ExplanationTerm, ...] = ()
    version: int = 1
    voucher: VoucherRef | None = None
    note: str = ""
    # Fees the matcher inferred from the source's fee model for items that state none (a
    # MobilePay or acquirer deposit): bank total = items' net - inferred_fee + difference.
    inferred_fee: Money | None = None

    def __post_init__(self) -> None:
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"{self.id}: score {self.score} outside [0, 1]")
        if self.amount.currency != self.difference.currency:
            raise MoneyError(f"{self.id}: difference currency differs from amount currency")
        if self.state is MatchState.POSTED and self.voucher is None:
            raise ValueError(f"{self.id}: a posted match needs its voucher")

    @property
    def currency(self) -> str:
        return self.amount.currency

    def can_become(self, state: MatchState) -> bool:
        return state in MATCH_TRANSITIONS[self.state]


def format_match_id(sequence: int) -> str:
    return f"m-{sequence:06d}"


def format_summary_id(sequence: int) -> str:
    """A daily sales summary's id as people see it: "s-000007"."""
    return f"s-{sequence:06d}"


class VoucherEntryKind(enum.StrEnum):
    FINANCE = "financeVouchers"
    CUSTOMER_PAYMENT = "customerPayments"


@dataclass(frozen=True, slots=True)
class VoucherLine:
    """One entry of a voucher as e-conomic takes it: amount on `account`, opposite on contra.

    A positive amount debits `account` and credits `contra_account` (e-conomic's sign rule:
    a minus sign means the opposite side).
    """

    kind: VoucherEntryKind
    entry_date: date
    amount: Money
    text: str
    account: int | None = None  # finance vouchers
    contra_account: int | None = None
    vat_code: str | None = None
    contra_vat_code: str | None = None
    customer_number: int | None = None  # customer payments
    customer_invoice: int | None = None
    exchange_rate: Decimal | None = None  # per 100 units of the currency, in base currency
    amount_base: Money | None = None


@dataclass(frozen=True, slots=True)
class Voucher:
    """The lines that post one approved match; `marker` makes it findable in the daybook."""

    match_id: str
    journal: int
    accounting_year: str
    marker: str
    lines: tuple[VoucherLine, ...]

    def __post_init__(self) -> None:
        if not self.lines:
            raise ValueError(f"voucher for {self.match_id} has no lines")


@dataclass(frozen=True, slots=True)
class Tolerance:
    """How far a deposit may differ from its items and still match (fixed plus percent)."""

    fixed: Money
    percent: Decimal = Decimal(0)

    def allows(self, difference: Money, base: Money) -> bool:
        limit = self.fixed.amount + abs(base.amount) * self.percent / Decimal(100)
        return abs(difference.amount) <= limit


# A few øre or cents of rounding that matcher and posting both allow when a source names no
# tolerance of its own; anything larger must be configured.
DEFAULT_TOLERANCES = (Tolerance(Money.of("0.05", "DKK")), Tolerance(Money.of("0.10", "EUR")))


def default_tolerance(currency: str) -> Tolerance | None:
    return next((t for t in DEFAULT_TOLERANCES if t.fixed.currency == currency), None)


@dataclass(frozen=True, slots=True)
class ProviderMapping:
    provider: str
    clearing_account: int
    fee_account: int
    # An acquirer's reserve withheld from a settlement waits here until it is paid out.
    reserve_account: int | None = None
    # How the source is kept in the books (domain/booking.py). None: not chosen, which only a
    # sandbox agreement allows; the vouchers then book as they always have.
    booking: BookingMode | None = None
    fee_vat_code: str | None = None  # the VAT code of the source's fees (e.g. reverse charge)
    lost_disputes: LostDisputes = LostDisputes.REVERSE
    bad_debt_account: int | None = None  # where lost disputes go when lost_disputes = bad_debt


@dataclass(frozen=True, slots=True)
class PlanMapping:
    provider: str
    plan: str
    revenue_account: int
    vat_code: str | None = None


@dataclass(frozen=True, slots=True)
class CustomerMapping:
    provider: str
    customer_id: str
    customer_number: int


@dataclass(frozen=True, slots=True)
class Mappings:
    """Where each platform's money goes in the books; versioned as a whole."""

    providers: tuple[ProviderMapping, ...] = ()
    plans: tuple[PlanMapping, ...] = ()
    customers: tuple[CustomerMapping, ...] = ()
    difference_account: int | None = None
    default_revenue_account: int | None = None
    default_vat_code: str | None = None
    version: int = 1
    tolerances: dict[str, Tolerance] = field(default_factory=dict)  # by provider
    exchange_difference_account: int | None = None  # realised exchange differences at payout
    vat_rules: tuple[VatRule, ...] = ()  # a sale's VAT facts -> the agreement's VAT code

    def sale_vat_code(self, facts: SaleVatFacts) -> str | None:
        """The VAT code `[[vat.codes]]` gives a sale with these facts; None if none does."""
        return vat_code_for(self.vat_rules, facts)

    def provider(self, name: str) -> ProviderMapping | None:
        return next((p for p in self.providers if p.provider == name), None)

    def plan(self, provider: str, plan: str | None) -> PlanMapping | None:
        if plan is None:
            return None
        return next((p for p in self.plans if p.provider == provider and p.plan == plan), None)

    def customer_number(self, provider: str, customer_id: str | None) -> int | None:
        if customer_id is None:
            return None
        hit = (c for c in self.customers if c.provider == provider and c.customer_id == customer_id)
        return next((c.customer_number for c in hit), None)
