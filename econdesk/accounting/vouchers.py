"""An approved match, its bank entries, platform items and the mappings become one voucher.

What e-conomic does with an entry, and so what econdesk sends (the sources, and whether each
point is documented or inferred, are in docs/economic-api.md#vouchers; the model as a whole in
docs/accounting.md):

- **Signs.** A positive `amount` debits `account` and credits `contraAccount`; a minus sign
  means the opposite side (documented). Every entry therefore balances on its own, in its
  currency and in the base currency, and so does every voucher made of such entries.
- **VAT.** An entry with `vatAccount.vatCode` carries the amount *including* VAT, and e-conomic
  splits the VAT out onto the code's VAT account (inferred: `vatAmount` is optional, the newer
  Journals API's draft entry has no VAT amount at all, the docs' examples post gross amounts).
  econdesk sends the gross amount and the code, never `vatAmount`; the preview shows the VAT
  e-conomic will split out (vat.py). Not confirmed against a live agreement: whether a
  `vatAmount` we sent would override e-conomic's own.
- **Customer payments.** `entries.customerPayments[]` with `customer.customerNumber`, a
  *negative* amount (credit the customer) and the funds account as `contraAccount` (a positive
  amount was seen to raise a real customer's balance). `customerInvoice` (integer, the booked
  invoice number) links the payment to the invoice it pays. There is no `account` on a
  customer payment: the customer's group decides it.
- **Foreign currency.** `exchangeRate` is base-currency units per 100 units (DKK = 100.000000
  in a real answer; 6 decimals allowed by the schema), and econdesk sends
  `amountBaseCurrency` itself so the base amounts are exactly the ones it checked. Each line's
  base amount is rounded on its own; the few øre by which the clearing account would then miss
  the deposit's booked base amount go to the difference account on a base-currency line.
  A sale's lines carry instead what the sale was worth at its own date's rate (sale_value.py),
  and what is then left is the realised exchange difference, booked on the exchange
  difference account; a payout the bank converted into the base currency posts at the bank's
  rate (docs/booking-modes.md, "Exchange differences at payout").

What is on C before the voucher depends on the source's booking mode (voucher_modes.py,
docs/booking-modes.md): with `settle` and `sales` another system booked the payments (and with
`sales` the refunds) onto C, so they get no line; with `payments` each payment is a customer
payment against its open booked invoice. Without a mode the lines are as below.

The two posting profiles (README, "Posting profiles"), with C the platform's clearing account
and D the deposit:

- *clearing*: the deposit is already booked bank debit / C credit. The voucher debits C by
  exactly D: payments credit revenue (gross, plan VAT code) or the mapped customer, refunds and
  chargebacks debit them back, fees debit the fee account, an allowed difference and
  adjustments go to the difference account; all against C. After posting, C nets to zero for
  the deposit, in the currency and in the base currency.
- *direct*: the same lines plus one bank line, bank debit D / C credit, so the voucher itself
  books the deposit and C nets to zero inside the voucher. Only for deposits not already on the
  bank account in e-conomic (bank-file lines), which is checked.

An acquirer's settlement (Clearhaus) pays out a gateway's card payments (Frisbii's items, the
settlement's components). Econdesk books those payments when their money arrives, as for any
deposit, so the voucher is the gateway's voucher with the acquirer's deduction: the payments
go to revenue (or customers) by the gateway's plan and customer mappings against the gateway's
clearing account C, as they would for a Frisbii deposit; the fees the acquirer kept go to the
acquirer's fee account; the tolerance is the acquirer's. So C nets to zero for the settlement as
above. When the bank feed booked the acquirer's deposits to a clearing account of their own
(A, `[providers.clearhaus] clearing_account`, not C), a transfer line A debit D / C credit
empties A too (clearing profile); a chart with one "Frisbii / Clearhaus" clearing account
needs none.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from econdesk.accounting.chart import Chart, accounting_year_for
from econdesk.accounting.currency import rate_per_100 as _rate_per_100
from econdesk.accounting.currency import to_base
from econdesk.accounting.destinations import sale_destination
from econdesk.accounting.marker import entry_text, match_marker
from econdesk.accounting.refusals import NO_REVENUE_ACCOUNT, NOTHING_TO_POST, vat_problems_message
from econdesk.accounting.request import voucher_body
from econdesk.accounting.sale_value import SaleValuer, paid_out_amount, paid_out_currency
from econdesk.accounting.settlement_postings import posting_lines, split_postings
from econdesk.accounting.texts import VoucherTexts, voucher_language
from econdesk.accounting.vat import vat_of_gross, vat_on_net
from econdesk.accounting.voucher_modes import (
    OpenInvoice,
    bad_debt_account,
    booked_elsewhere,
    no_open_invoice,
    pays_an_invoice,
    stale_invoice,
)
from econdesk.domain.booking import BookingMode
from econdesk.domain.invoices import pays_what_was_paid
from econdesk.domain.model import (
    BankEntry,
    BankEntryOrigin,
    ItemKind,
    Mappings,
    Match,
    MatchState,
    Payout,
    PlatformItem,
    ProviderMapping,
    Tolerance,
    Voucher,
    VoucherEntryKind,
    VoucherLine,
    default_tolerance,
)
from econdesk.domain.money import Money, money_sum
from econdesk.errors import EcondeskError
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import Message, say
from econdesk.i18n.states import state_word


class PostingProfile(enum.StrEnum):
    CLEARING = "clearing"  # deposit already booked bank / clearing; voucher empties clearing
    DIRECT = "direct"  # the voucher books the bank side itself


class LineRole(enum.StrEnum):
    BANK = "bank"
    REVENUE = "revenue"
    REFUND = "refund"
    CHARGEBACK = "chargeback"
    CUSTOMER_PAYMENT = "customer_payment"
    FEE = "fee"
    ADJUSTMENT = "adjustment"
    DIFFERENCE = "difference"
    ROUNDING = "rounding"
    EXCHANGE = "exchange"  # the realised exchange difference at payout (sale_value.py)
    TRANSFER = "transfer"  # an acquirer's deposit moved from its clearing account to C
    RESERVE = "reserve"  # an acquirer's reserve withheld or paid out (settlement_postings.py)
    POSTING = "posting"  # an acquirer's other posting in a settlement


# The states whose voucher can be previewed: undecided ones show what approving would post.
PREVIEWABLE = (MatchState.PROPOSED, MatchState.PARKED, MatchState.APPROVED)


class VoucherError(EcondeskError):
    """A match cannot become a voucher; the message names the match and what is missing."""


@dataclass(frozen=True, slots=True)
class PostingSettings:
    profile: PostingProfile
    journal: int
    bank_account: int
    # Fallback rates per 100 for deposits whose bank entry carries no base-currency amount.
    exchange_rates: Mapping[str, Decimal] = field(default_factory=dict)
    # The entry texts' language ("da", "en"); None: Danish for a DKK agreement, else English.
    language: str | None = None


@dataclass(frozen=True)
class MatchMaterial:
    """Everything one approved match explains, loaded from the store."""

    match: Match
    bank_entries: Sequence[BankEntry]
    items: Sequence[PlatformItem]  # the platform items, a payout's components included
    payouts: Sequence[Payout] = ()
    # item ref -> the open booked invoice in e-conomic it pays (services/posting.py reads them)
    invoices: Mapping[str, OpenInvoice] = field(default_factory=dict)
    # A foreign-currency item's base amount as the daily sales summary booked it into the
    # clearing account (`sales` mode), and else its sale date's rate per 100 (services/rates):
    # the voucher moves it out at that value (sale_value.py).
    sale_base: Mapping[str, Money] = field(default_factory=dict)
    sale_rates: Mapping[str, Decimal] = field(default_factory=dict)
    # How many of the match's postings were reversed: its next voucher's marker differs.
    round: int = 0


@dataclass(frozen=True, slots=True)
class PreparedLine:
    line: VoucherLine
    role: LineRole
    sources: tuple[str, ...]  # the bank entries or platform items this line stands for
    # The VAT e-conomic will split out of the gross, when known; for a reverse-charge code
    # the VAT it books on both VAT accounts (the amount itself carries none).
    vat: Money | None = None


@dataclass(frozen=True)
class PreparedVoucher:
    """A voucher ready to post, with what the preview shows; `body` is exactly what is sent."""

    voucher: Voucher
    lines: tuple[PreparedLine, ...]
    profile: PostingProfile
    provider: str
    clearing_account: int
    deposit: Money
    deposit_base: Money
    exchange_rate: Decimal | None  # per 100; None when the deposit is in the base currency
    difference: Money
    body: dict[str, Any]
    warnings: tuple[str, ...] = ()
    match_version: int = 1  # the match's version the voucher was built from

    @property
    def match_id(self) -> str:
        return self.voucher.match_id

    @property
    def marker(self) -> str:
        return self.voucher.marker


# The lines that move a sale out of the clearing account: in a foreign currency they carry the
# base amount the sale was booked at (sale_value.py), the rest the payout's rate.
SALE_VALUED_ROLES = frozenset(
    {LineRole.REVENUE, LineRole.REFUND, LineRole.CHARGEBACK, LineRole.CUSTOMER_PAYMENT}
)

REVENUE_ROLE = {
    ItemKind.PAYMENT: LineRole.REVENUE,
    ItemKind.INVOICE: LineRole.REVENUE,  # only where no one booked the invoice (see below)
    ItemKind.REFUND: LineRole.REFUND,
    ItemKind.CHARGEBACK: LineRole.CHARGEBACK,
}


@dataclass
class _Group:
    amount: Money
    sources: list[str]
    labels: list[str]


@dataclass
class _SortedItems:
    """A match's items by the lines they become (`_Builder.sort_items`)."""

    groups: dict[tuple[LineRole, int, str | None], _Group]  # (role, account, VAT code)
    customer_lines: list[PreparedLine]
    fees: _Group
    adjustments: _Group
    vat_mismatches: list[str]
    # What another system booked onto C already (payments in settle, payments and refunds in
    # sales): no line of this voucher moves it, so C's base-currency target leaves it out.
    elsewhere: Money | None = None
    elsewhere_refs: list[str] = field(default_factory=list)  # the items that make it up


@dataclass(frozen=True, slots=True)
class LineMaker:
    """Makes one voucher's lines: its date, marker, clearing account (the contra account of
    every line) and exchange rate are the same on all of them, but for a foreign sale's lines,
    which carry the base amount the sale was booked at (`valuer`, sale_value.py)."""

    chart: Chart
    base: str
    clearing: int
    rate: Decimal | None
    entry_date: date
    marker: str
    valuer: SaleValuer | None = None

    def __call__(
        self,
        role: LineRole,
        amount: Money,
        text: str,
        sources: Iterable[str],
        *,
        account: int | None = None,
        vat_code: str | None = None,
        customer: int | None = None,
        invoice: int | None = None,
    ) -> PreparedLine:
        kind = VoucherEntryKind.FINANCE if customer is None else VoucherEntryKind.CUSTOMER_PAYMENT
        rate = self.rate
        foreign = amount.currency != self.base and rate is not None
        vat_rate = self.chart.vat_rate(vat_code)
        vat: Money | None = None
        if vat_rate is not None:
            # the VAT inside the gross on the account side; it carries the amount's sign
            reverse = self.chart.reverse_charge(vat_code)
            vat = vat_on_net(amount, vat_rate) if reverse else vat_of_gross(amount, vat_rate)
        sources = tuple(sources)
        amount_base = to_base(amount, rate, self.base) if foreign and rate else None
        if foreign and role in SALE_VALUED_ROLES and self.valuer is not None and amount:
            valued = self.valuer.line_base(amount, sources)
            # a value that implies no positive rate (a cent worth 0.00 DKK) keeps the payout's
            if valued and valued != amount_base and valued.is_negative() == amount.is_negative():
                amount_base, rate = valued, _rate_per_100(amount, valued)
        return PreparedLine(
            VoucherLine(
                kind=kind,
                entry_date=self.entry_date,
                amount=amount,
                text=entry_text(self.marker, text),
                account=account,
                contra_account=self.clearing,
                vat_code=vat_code,
                customer_number=customer,
                customer_invoice=invoice,
                exchange_rate=rate if foreign else None,
                amount_base=amount_base,
            ),
            role,
            tuple(sources),
            vat,
        )


class _Builder:
    """One voucher's worth of state; `build()` returns the finished PreparedVoucher."""

    def __init__(
        self,
        material: MatchMaterial,
        mappings: Mappings,
        chart: Chart,
        settings: PostingSettings,
        *,
        preview: bool = False,
    ) -> None:
        self.material = material
        # A preview shows a match before it is decided; posting takes approved ones only.
        self.states = PREVIEWABLE if preview else (MatchState.APPROVED,)
        self.match = material.match
        self.mappings = mappings
        self.chart = chart
        self.settings = settings
        self.base = chart.base_currency
        self.texts = VoucherTexts(voucher_language(settings.language, self.base))
        self.currency = self.match.currency  # the items' currency once check_inputs has run
        self.bank_currency = self.match.currency
        self.problems: list[str] = []
        self.warnings: list[str] = []
        # The acquirer's own reserve and other postings, booked apart from the payments.
        self.postings, self.items = split_postings(material.items, material.payouts)

    def fail(self, message: Message) -> VoucherError:
        return VoucherError(say("{0}: {1}", self.match.id, message))

    # -- checks -------------------------------------------------------------------------
    def check_inputs(self) -> tuple[str, str]:
        """(the platform whose items these are, the platform whose deposit this is)."""
        m = self.material
        if self.match.state not in self.states:
            only = QT_TRANSLATE_NOOP("CLI", "only approved matches are posted; this one is {0}")
            raise self.fail(say(only, state_word(self.match.state)))
        if self.match.voucher is not None:
            already = QT_TRANSLATE_NOOP("CLI", "already posted as voucher {0}")
            raise self.fail(say(already, self.match.voucher.number))
        have = {b.ref for b in m.bank_entries}
        missing = [r for r in self.match.bank_refs if r not in have]
        if missing or not m.bank_entries:
            none = say(QT_TRANSLATE_NOOP("CLI", "none given"))
            gone = QT_TRANSLATE_NOOP("CLI", "bank entries not in the store: {0}")
            raise self.fail(say(gone, ", ".join(missing) or none))
        if not m.items:
            if any(not p.has_breakdown for p in m.payouts):
                no_breakdown = QT_TRANSLATE_NOOP(
                    "CLI",
                    "the payout has no breakdown into transactions; match its transactions by "
                    "hand before posting",
                )
                raise self.fail(say(no_breakdown))
            raise self.fail(say(QT_TRANSLATE_NOOP("CLI", "no platform items to post")))
        for entry in m.bank_entries:
            if entry.amount.currency != self.currency:
                other = QT_TRANSLATE_NOOP("CLI", "{0} is in {1}, the match in {2}")
                raise self.fail(say(other, entry.ref, entry.amount.currency, self.currency))
        self.currency = paid_out_currency(m.items, m.payouts, self.bank_currency, self.base)
        for item in m.items:
            if item.currency != self.currency:
                other = QT_TRANSLATE_NOOP("CLI", "{0} is in {1} but the deposit is in {2}")
                raise self.fail(say(other, item.ref, item.currency, self.currency))
        acquirers = {p.provider for p in m.payouts}
        item_providers = {i.provider for i in self.items} or set(acquirers)
        providers = item_providers | acquirers
        declared = {c for p in m.payouts for c in p.component_refs}
        # An acquirer's settlement of one gateway's payments: every item is one it settles.
        settlement = (
            len(acquirers) == 1
            and len(item_providers) == 1
            and acquirers != item_providers
            and all(i.ref in declared for i in self.items)
        )
        if len(providers) != 1 and not settlement:
            several = QT_TRANSLATE_NOOP("CLI", "items from several platforms: {0}")
            raise self.fail(say(several, ", ".join(sorted(providers))))
        held = {i.ref for i in m.items}
        for payout in m.payouts if settlement else ():
            missing = [c for c in payout.component_refs if c not in held]
            if missing:
                unsynced = QT_TRANSLATE_NOOP(
                    "CLI",
                    "{0} of the {1} payments {2} settles are not in the store (first {3}); sync "
                    "the days before it, then match again",
                )
                count = len(payout.component_refs)
                raise self.fail(say(unsynced, len(missing), count, payout.ref, missing[0]))
        if self.settings.profile is PostingProfile.DIRECT:
            in_books = [
                e.ref
                for e in m.bank_entries
                if e.origin in (BankEntryOrigin.BOOKED, BankEntryOrigin.DRAFT)
            ]
            if in_books:
                booked = QT_TRANSLATE_NOOP(
                    "CLI",
                    "the direct profile books the bank side itself, but {0} is already on the "
                    "bank account in e-conomic; use the clearing profile",
                )
                raise self.fail(say(booked, ", ".join(in_books)))
        provider = item_providers.pop()
        return provider, (acquirers.pop() if settlement else provider)

    def provider_map(self, name: str) -> ProviderMapping:
        found = self.mappings.provider(name)
        if found is None:
            unmapped = QT_TRANSLATE_NOOP("CLI", "no clearing and fee account mapped for {0}")
            raise self.fail(say(unmapped, name))
        return found

    # -- currency -----------------------------------------------------------------------
    def exchange(self, deposit: Money, bank_total: Money) -> tuple[Decimal | None, Money]:
        """(rate per 100 or None, the deposit in the base currency). A payout the bank
        converted into the base currency: the rate is the bank's, its amount over the
        payout's."""
        if self.currency == self.base:
            return None, deposit
        if bank_total.currency == self.base:
            if deposit.is_zero():
                nothing = QT_TRANSLATE_NOOP("CLI", "a deposit of {0} for nothing in {1}")
                raise self.fail(say(nothing, bank_total, self.currency))
            return _rate_per_100(deposit, bank_total), bank_total
        bases = [e.amount_base for e in self.material.bank_entries]
        if all(b is not None and b.currency == self.base for b in bases) and not deposit.is_zero():
            deposit_base = money_sum((b for b in bases if b is not None), self.base)
            return _rate_per_100(deposit, deposit_base), deposit_base
        rate = self.settings.exchange_rates.get(self.currency)
        if rate is None:
            no_rate = QT_TRANSLATE_NOOP(
                "CLI",
                "the deposit is in {0} without its {1} amount; set an exchange rate for {0} "
                "(econdesk post --rate {0}=RATE, {1} per 100 {0})",
            )
            raise self.fail(say(no_rate, self.currency, self.base))
        return rate, to_base(deposit, rate, self.base)

    def tolerance_allows(
        self, provider: str, difference: Money, deposit: Money, rate: Decimal | None
    ) -> bool:
        # With none configured, the same few øre of rounding the matcher allowed when it
        # proposed the match; otherwise an approved match could never be posted.
        tolerance = self.mappings.tolerances.get(provider) or default_tolerance(self.currency)
        if difference.is_zero():
            return True
        if tolerance is None:
            return False
        fixed = tolerance.fixed
        if fixed.currency != self.currency:
            if fixed.currency != self.base or rate is None:
                other = QT_TRANSLATE_NOOP(
                    "CLI", "the tolerance for {0} is in {1}, the deposit in {2}"
                )
                raise self.fail(say(other, provider, fixed.currency, self.currency))
            fixed = Money(fixed.amount * Decimal(100) / rate, self.currency)
        return Tolerance(fixed, tolerance.percent).allows(difference, deposit)

    # -- the voucher --------------------------------------------------------------------
    def build(self) -> PreparedVoucher:
        provider, acquirer = self.check_inputs()
        m = self.material
        pmap, amap = self.provider_map(provider), self.provider_map(acquirer)
        clearing = pmap.clearing_account
        transfer_from = self.transfer_account(clearing, amap)
        bank_total = money_sum((e.amount for e in m.bank_entries), self.bank_currency)
        deposit = paid_out_amount(bank_total, m.items, m.payouts, self.currency)
        m = self.paid_as_transferred(deposit)
        rate, deposit_base = self.exchange(deposit, bank_total)
        valuer = SaleValuer(m.items, self.base, m.sale_base, m.sale_rates)
        make = self.line_maker(clearing, rate, valuer)
        sorted_items = self.sort_items(provider, pmap, make)
        difference = self.settle_difference(sorted_items, acquirer, deposit, rate)
        lines = self.deposit_lines(
            make,
            provider=provider,
            acquirer=acquirer,
            deposit=deposit,
            deposit_base=deposit_base,
            transfer_from=transfer_from,
        )
        lines += self.item_lines(
            make,
            sorted_items,
            provider=provider,
            acquirer=acquirer,
            amap=amap,
            difference=difference,
        )
        rounding = self.rounding_line(
            lines,
            clearing,
            deposit_base,
            make.marker,
            make.entry_date,
            rate=rate,
            transferred=transfer_from is not None,
            elsewhere=elsewhere_value(sorted_items, valuer, rate, self.base),
        )
        if rounding is not None:
            lines.append(rounding)
        if not lines:
            raise self.nothing_to_post(sorted_items, pmap, provider)
        return self.prepared(
            lines,
            make,
            acquirer=acquirer,
            deposit=deposit,
            deposit_base=deposit_base,
            difference=difference,
        )

    def transfer_account(self, clearing: int, amap: ProviderMapping) -> int | None:
        """Where the bank feed booked an acquirer's deposit, when that is not C (see the top)."""
        if self.settings.profile is PostingProfile.CLEARING and amap.clearing_account != clearing:
            return amap.clearing_account
        return None

    def line_maker(self, clearing: int, rate: Decimal | None, valuer: SaleValuer) -> LineMaker:
        """Makes the voucher's lines, dated the last bank entry's day, under the round's
        marker."""
        m = self.material
        return LineMaker(
            self.chart,
            self.base,
            clearing,
            rate,
            max(e.entry_date for e in m.bank_entries),
            match_marker(self.match, m.round),
            valuer,
        )

    def nothing_to_post(
        self, sorted_items: _SortedItems, pmap: ProviderMapping, provider: str
    ) -> VoucherError:
        """Why a voucher came out without lines."""
        if sorted_items.elsewhere is not None:
            # Another system booked the items onto C and nothing else moved: C is settled.
            settled = QT_TRANSLATE_NOOP(
                "CLI",
                "nothing to post: with booking = {0} the {1} items are booked already and "
                "there are no fees or differences; C nets to zero",
            )
            return self.fail(say(settled, pmap.booking, provider))
        return self.fail(say(NOTHING_TO_POST))

    def prepared(
        self,
        lines: Sequence[PreparedLine],
        make: LineMaker,
        *,
        acquirer: str,
        deposit: Money,
        deposit_base: Money,
        difference: Money,
    ) -> PreparedVoucher:
        """The finished voucher, its e-conomic body and what it was built from."""
        voucher = Voucher(
            match_id=self.match.id,
            journal=self.settings.journal,
            accounting_year=accounting_year_for(make.entry_date, self.chart.years),
            marker=make.marker,
            lines=tuple(p.line for p in lines),
        )
        return PreparedVoucher(
            voucher=voucher,
            lines=tuple(lines),
            profile=self.settings.profile,
            provider=acquirer,  # whose deposit it is (Clearhaus for a card settlement)
            clearing_account=make.clearing,
            deposit=deposit,
            deposit_base=deposit_base,
            exchange_rate=make.rate,
            difference=difference,
            body=voucher_body(voucher),
            warnings=tuple(self.warnings),
            match_version=self.match.version,
        )

    def paid_as_transferred(self, deposit: Money) -> MatchMaterial:
        """The material, with a transfer paying one of e-conomic's own invoices booked as what
        it paid: less than the remainder leaves the rest open on the invoice, more leaves the
        excess as the customer's credit; neither is a difference. Refused when the invoice was
        paid since the match was made (`stale_invoice`)."""
        m = self.material
        stale = [w for i in m.items if (w := stale_invoice(i, m.invoices.get(i.ref))) is not None]
        if stale:
            raise self.fail(stale[0])
        only = m.items[0] if len(m.items) == 1 else None
        if (
            only is None
            or only.kind is not ItemKind.INVOICE
            or not pays_what_was_paid(only.provider)
            or deposit.currency != only.currency
            or deposit.amount <= 0
        ):
            return m
        self.material = dataclasses.replace(
            m, items=(dataclasses.replace(only, amount=deposit, vat_amount=None),)
        )
        self.postings, self.items = split_postings(self.material.items, self.material.payouts)
        return self.material

    def sort_items(self, provider: str, pmap: ProviderMapping, make: LineMaker) -> _SortedItems:
        """The items by where they go: revenue groups, customer payments, fees, adjustments;
        what the booking mode says is on the clearing account already gets no line."""
        zero = Money.zero(self.currency)
        out = _SortedItems({}, [], _Group(zero, [], []), _Group(zero, [], []), [])
        unmapped_plans: set[str] = set()
        unpaid: list[PlatformItem] = []
        vat_problems: list[Message] = []
        mode, bad_debt = pmap.booking, bad_debt_account(pmap, self.fail)
        for item in self.items:
            out.fees.amount += item.fee_or_zero
            if item.fee_or_zero:
                out.fees.sources.append(item.ref)
            if item.kind is ItemKind.FEE:
                out.fees.amount -= item.amount
                out.fees.sources.append(item.ref)
                continue
            if item.kind is ItemKind.ADJUSTMENT:
                out.adjustments.amount += item.amount
                out.adjustments.sources.append(item.ref)
                continue
            if booked_elsewhere(mode, item.kind):
                out.elsewhere = (out.elsewhere or zero) + item.amount
                out.elsewhere_refs.append(item.ref)
                continue
            customer = self.mappings.customer_number(provider, item.customer_id)
            if pays_an_invoice(mode, item.kind):
                invoice = self.material.invoices.get(item.ref)
                if invoice is not None:
                    out.customer_lines.append(self.invoice_payment(make, provider, item, invoice))
                elif item.kind is ItemKind.INVOICE and customer is not None:
                    out.customer_lines.append(self.customer_line(make, provider, item, customer))
                else:
                    unpaid.append(item)
                continue
            # in sales mode an open invoice paid by transfer is the sale, customer or not
            unbooked_sale = item.kind is ItemKind.INVOICE and mode is BookingMode.SALES
            where = sale_destination(self.mappings, provider, item, customers=not unbooked_sale)
            if where is not None and where.customer is not None:
                out.customer_lines.append(self.customer_line(make, provider, item, where.customer))
                continue
            if where is None or where.account is None:
                unmapped_plans.add(item.plan or "(no plan)")
                continue
            account = where.account
            if item.kind is ItemKind.CHARGEBACK and bad_debt is not None:
                vat_code: str | None = None  # the sale stands; the loss has no VAT
                account = bad_debt
            else:
                choice = where.vat(item, self.mappings.vat_rules)
                vat_code = choice.code
                if choice.problem is not None:
                    vat_problems.append(choice.problem)
            key = (REVENUE_ROLE[item.kind], account, vat_code)
            group = out.groups.setdefault(key, _Group(zero, [], []))
            group.amount += item.amount
            group.sources.append(item.ref)
            if item.plan and item.plan not in group.labels:
                group.labels.append(item.plan)
            vat_rate = self.chart.vat_rate(vat_code)
            if item.vat_amount is not None and vat_rate is not None:
                expected = vat_of_gross(item.amount, vat_rate)
                if abs(expected.amount - item.vat_amount.amount) > Decimal("0.01"):
                    out.vat_mismatches.append(f"{item.ref} ({item.vat_amount} vs {expected})")
        if unpaid:
            raise self.fail(no_open_invoice(unpaid))
        if unmapped_plans:
            raise self.fail(say(NO_REVENUE_ACCOUNT, provider, ", ".join(sorted(unmapped_plans))))
        if vat_problems:
            raise self.fail(vat_problems_message(vat_problems))
        return out

    def customer_line(
        self, make: LineMaker, provider: str, item: PlatformItem, customer: int
    ) -> PreparedLine:
        """A payment (refund, chargeback) of a mapped customer, credited to the customer; it
        names the booked invoice it pays only when e-conomic holds it open for that customer.
        An open platform invoice paid by transfer is the customer's payment of that invoice."""
        found = self.material.invoices.get(item.ref)
        invoice = found.number if found is not None and found.customer == customer else None
        paid = item.kind in (ItemKind.PAYMENT, ItemKind.INVOICE)
        what = "payment" if paid else item.kind.value
        return make(
            LineRole.CUSTOMER_PAYMENT,
            -item.amount,
            self.texts.customer_payment(
                provider, what, item.external_id, customer, invoice or None
            ),
            [item.ref],
            customer=customer,
            invoice=invoice,
        )

    def invoice_payment(
        self, make: LineMaker, provider: str, item: PlatformItem, invoice: OpenInvoice
    ) -> PreparedLine:
        """A payment as a customer payment against the booked invoice it pays: all that was
        paid, so an underpayment leaves the rest open and an overpayment the customer's credit."""
        return make(
            LineRole.CUSTOMER_PAYMENT,
            -item.amount,
            self.texts.customer_payment(
                provider, "payment", item.external_id, invoice.customer, invoice.number
            ),
            [item.ref],
            customer=invoice.customer,
            invoice=invoice.number,
        )

    def settle_difference(
        self, sorted_items: _SortedItems, acquirer: str, deposit: Money, rate: Decimal | None
    ) -> Money:
        """Adds the payout-level and inferred fees; the deposit's difference from its items,
        refused beyond the acquirer's tolerance."""
        m, fees = self.material, sorted_items.fees
        extra_fees = self.payout_level_fees(m.items, Money.zero(self.currency))
        if extra_fees:
            fees.amount += extra_fees
            fees.sources.extend(p.ref for p in m.payouts if p.fees)
        # The fee the matcher inferred for items that state none (MobilePay, acquirer
        # settlements): booked on the fee account like a stated fee, not left as a difference.
        inferred = self.match.inferred_fee
        if inferred is not None and inferred.currency != self.currency:
            other = QT_TRANSLATE_NOOP("CLI", "the inferred fee {0} is not in the deposit's {1}")
            raise self.fail(say(other, inferred, self.currency))
        if inferred:
            extra_fees += inferred
            fees.amount += inferred
            fees.sources.extend(i.ref for i in m.items if i.ref not in fees.sources)
        explained = money_sum((i.net for i in m.items), self.currency) - extra_fees
        difference = deposit - explained
        if not self.tolerance_allows(acquirer, difference, deposit, rate):
            beyond = QT_TRANSLATE_NOOP(
                "CLI",
                "the deposit {0} differs from its items ({1}) by {2}, more than the tolerance "
                "for {3} allows",
            )
            raise self.fail(say(beyond, deposit, explained, difference, acquirer))
        if self.match.difference.currency == self.currency and self.match.difference != difference:
            self.warnings.append(
                f"difference recomputed as {difference} (the match says {self.match.difference})"
            )
        mismatches = sorted_items.vat_mismatches
        if mismatches:
            self.warnings.append(
                "the platform's VAT differs from the VAT code's rate on "
                + ", ".join(mismatches[:5])
                + (f" and {len(mismatches) - 5} more" if len(mismatches) > 5 else "")
            )
        return difference

    def deposit_lines(
        self,
        make: LineMaker,
        *,
        provider: str,
        acquirer: str,
        deposit: Money,
        deposit_base: Money,
        transfer_from: int | None,
    ) -> list[PreparedLine]:
        """The bank line (direct profile) and the transfer from an acquirer's own clearing
        account, each with the bank's own base amount rather than a recomputed one."""
        lines: list[PreparedLine] = []
        bank_refs = [e.ref for e in self.material.bank_entries]
        # A payout the bank converted arrived in the base currency: its lines say so.
        converted = self.bank_currency != self.currency
        moved = deposit_base if converted else deposit
        if self.settings.profile is PostingProfile.DIRECT and deposit:
            if len(self.material.bank_entries) > 1:
                lines += self.bank_parts(make, provider, converted=converted)
            else:
                bank = make(
                    LineRole.BANK,
                    moved,
                    self.texts.deposit(provider, self.deposit_label()),
                    bank_refs,
                    account=self.settings.bank_account,
                )
                plain = make.rate is None or converted
                lines.append(bank if plain else with_base(bank, deposit_base))
        if transfer_from is not None and deposit:
            transfer = make(
                LineRole.TRANSFER,
                moved,
                self.texts.transfer(acquirer, self.deposit_label(), transfer_from),
                bank_refs,
                account=transfer_from,
            )
            plain = make.rate is None or converted
            lines.append(transfer if plain else with_base(transfer, deposit_base))
        return lines

    def bank_parts(self, make: LineMaker, provider: str, *, converted: bool) -> list[PreparedLine]:
        """A deposit that reached the bank in several lines (a settlement split over a
        holiday): one bank line per bank entry, of its amount on its date, so that each
        statement line is reconciled against its own voucher line. The parts add up to the
        deposit (in the bank's currency); a base amount the bank gave is kept, and any rounding
        between the parts' base amounts and the deposit's is the rounding line's."""
        lines: list[PreparedLine] = []
        entries = sorted(self.material.bank_entries, key=lambda e: (e.entry_date, e.ref))
        for entry in entries:
            bank = make(
                LineRole.BANK,
                entry.amount,
                self.texts.deposit(provider, self.deposit_label()),
                [entry.ref],
                account=self.settings.bank_account,
            )
            if self.same_year(entry.entry_date, make.entry_date):
                bank = dataclasses.replace(
                    bank, line=dataclasses.replace(bank.line, entry_date=entry.entry_date)
                )
            if make.rate is not None and not converted:
                base = entry.amount_base
                if base is None or base.currency != self.base:
                    base = to_base(entry.amount, make.rate, self.base)
                bank = with_base(bank, base)
            lines.append(bank)
        return lines

    def same_year(self, day: date, voucher_day: date) -> bool:
        """A part may keep its own date only inside the voucher's accounting year (a voucher
        is booked in one year; a part from the year before is dated with the voucher)."""
        years = self.chart.years
        covering = next((y for y in years if y.covers(day) and not y.closed), None)
        return covering is not None and covering.year == accounting_year_for(voucher_day, years)

    def item_lines(
        self,
        make: LineMaker,
        sorted_items: _SortedItems,
        *,
        provider: str,
        acquirer: str,
        amap: ProviderMapping,
        difference: Money,
    ) -> list[PreparedLine]:
        """Revenue by plan, customer payments, fees, adjustments and the difference."""
        lines: list[PreparedLine] = []
        for (role, account, vat_code), group in sorted_items.groups.items():
            if group.amount.is_zero():
                continue
            plans = ", ".join(group.labels[:3]) + (" …" if len(group.labels) > 3 else "")
            lines.append(
                make(
                    role,
                    -group.amount,
                    self.texts.group(role, provider, len(group.sources), plans),
                    group.sources,
                    account=account,
                    vat_code=vat_code,
                )
            )
        lines.extend(cl for cl in sorted_items.customer_lines if not cl.line.amount.is_zero())
        fees, adjustments = sorted_items.fees, sorted_items.adjustments
        if fees.amount:
            lines.append(
                make(
                    LineRole.FEE,
                    fees.amount,
                    self.texts.fees(acquirer, len(fees.sources)),
                    fees.sources,
                    account=amap.fee_account,
                    vat_code=amap.fee_vat_code,
                )
            )
        for word, amount, text, sources, account in posting_lines(self.postings, amap, self.fail):
            role = LineRole.RESERVE if word == "reserve" else LineRole.POSTING
            lines.append(make(role, amount, text, sources, account=account))
        difference_account = self.mappings.difference_account
        for role, amount, text, sources in (
            (LineRole.ADJUSTMENT, adjustments.amount, self.texts.adjustments(provider),
             adjustments.sources),
            (LineRole.DIFFERENCE, difference, self.texts.difference(provider),
             list(self.match.bank_refs)),
        ):  # fmt: skip
            if amount.is_zero():
                continue
            if difference_account is None:
                needs = QT_TRANSLATE_NOOP("CLI", "{0} of {1} needs a difference account")
                raise self.fail(say(needs, role.value, amount))
            lines.append(make(role, -amount, text, sources, account=difference_account))
        return lines

    def payout_level_fees(self, items: Sequence[PlatformItem], zero: Money) -> Money:
        """Fees a payout or settlement reports that its components do not carry themselves."""
        extra = zero
        for payout in self.material.payouts:
            if payout.fees is None or payout.fees.currency != self.currency:
                continue
            parts = [i for i in items if i.ref in set(payout.component_refs)]
            carried = money_sum(
                (i.fee_or_zero - (i.amount if i.kind is ItemKind.FEE else zero) for i in parts),
                self.currency,
            )
            missing = abs(payout.fees) - carried
            if missing.is_negative():
                self.warnings.append(
                    f"{payout.ref} reports fees of {abs(payout.fees)}, its items carry {carried}"
                )
            elif missing:
                extra += missing
        return extra

    def deposit_label(self) -> str:
        if self.material.payouts:
            return ", ".join(p.external_id for p in self.material.payouts)
        return ", ".join(self.match.bank_refs)

    def rounding_line(
        self,
        lines: Sequence[PreparedLine],
        clearing: int,
        deposit_base: Money,
        marker: str,
        entry_date: date,
        *,
        rate: Decimal | None = None,
        transferred: bool = False,
        elsewhere: tuple[Money, bool] | None = None,  # base amount; valued at sale rates?
    ) -> PreparedLine | None:
        """A base-currency line so the clearing account nets to zero in the base currency too
        (what another system booked onto C counts at what it was booked at, the sales' own
        dates' rates where known, else the voucher's): the rounding of each line's base amount,
        or, where sales were valued at their own dates' rates (`rate` is the payout's), the
        realised exchange difference."""
        if self.currency == self.base:
            return None
        moved = money_sum((-_base_amount(p.line, self.base) for p in lines), self.base)
        target = (
            deposit_base
            if self.settings.profile is PostingProfile.CLEARING and not transferred
            else Money.zero(self.base)
        )
        if elsewhere is not None:
            target -= elsewhere[0]
        residual = target - moved
        if residual.is_zero():
            return None
        # Sales valued at their own dates' rates: what is left is the realised exchange
        # difference (sale_value.py); otherwise only the rounding of each line's base amount.
        realised = (elsewhere is not None and elsewhere[1]) or any(
            p.role in SALE_VALUED_ROLES and p.line.exchange_rate not in (None, rate) for p in lines
        )
        role, account = LineRole.ROUNDING, self.mappings.difference_account
        text = self.texts.rounding(self.currency, self.base)
        if realised:
            role, account = LineRole.EXCHANGE, self.mappings.exchange_difference_account or account
            text = self.texts.exchange_difference(self.currency, self.base)
        if account is None:
            needs = (
                QT_TRANSLATE_NOOP("CLI", "an exchange difference of {0} needs a difference account")
                if realised
                else QT_TRANSLATE_NOOP(
                    "CLI", "an exchange rounding of {0} needs a difference account"
                )
            )
            raise self.fail(say(needs, residual))
        return PreparedLine(
            VoucherLine(
                kind=VoucherEntryKind.FINANCE,
                entry_date=entry_date,
                amount=-residual,
                text=entry_text(marker, text),
                account=account,
                contra_account=clearing,
            ),
            role,
            tuple(self.match.bank_refs),
        )


def elsewhere_value(
    sorted_items: _SortedItems, valuer: SaleValuer, rate: Decimal | None, base: str
) -> tuple[Money, bool] | None:
    """What another system booked onto C, in the base currency: at the sales' own values
    (the daily sales summary's, else their dates' rates; True) where every one is known, else
    at the voucher's rate (False)."""
    amount = sorted_items.elsewhere
    if amount is None or rate is None:
        return None
    at_rate = to_base(amount, rate, base)
    valued = valuer.line_base(amount, sorted_items.elsewhere_refs) if amount else None
    if valued is None or valued == at_rate:
        return at_rate, False
    return valued, True


def _base_amount(line: VoucherLine, base: str) -> Money:
    if line.amount.currency == base:
        return line.amount
    if line.amount_base is None:
        raise ValueError(f"a {line.amount.currency} line without its {base} amount")
    return line.amount_base


def with_base(prepared: PreparedLine, amount_base: Money) -> PreparedLine:
    return dataclasses.replace(
        prepared, line=dataclasses.replace(prepared.line, amount_base=amount_base)
    )


def build_voucher(
    material: MatchMaterial,
    mappings: Mappings,
    chart: Chart,
    settings: PostingSettings,
    *,
    preview: bool = False,
) -> PreparedVoucher:
    """The voucher (and its request body) that posts one approved match, or VoucherError.
    With `preview`, the voucher a proposed or parked match would post once approved."""
    return _Builder(material, mappings, chart, settings, preview=preview).build()
