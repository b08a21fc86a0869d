"""A daily sales summary: one source's sales of one Copenhagen day, booked into its clearing
account (`booking = "sales"`, docs/booking-modes.md).

Nothing else books the sales of such a source, so econdesk books them in the period of the
sale, whenever the payout arrives: one voucher per source and day (as A2X and IEX do), dated
that day, in that day's accounting year. Its lines, all against the source's clearing account
C (the contra account):

- per (revenue account, VAT code, currency, kind): payments credit the revenue account with
  their gross amount and the VAT code (e-conomic splits the output VAT out, as on a payout's
  voucher), C debited; refunds the opposite;
- a mapped customer's payment (refund) credits (debits) that customer, one line per item, as
  on a payout's voucher (`destinations.sale_destination`, the same rule); no booked invoice is
  named, since in sales mode none is in e-conomic.

Which kinds a summary books is the payout voucher's own rule read the other way round
(`voucher_modes.booked_elsewhere`): what the payout's voucher leaves out in sales mode, the
summary books, so nothing is booked twice or left out. Disputes (chargebacks) stay on the
payout's voucher, where a lost one reverses the sale or goes to bad debt.

A foreign-currency line carries the day's rate and, as its base-currency amount, the sum of its
items' base amounts (each item converted on its own, as stored with the summary): so C holds
exactly what the items' `sale_base` says, and the payout's voucher can settle each item's
exchange difference.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from econdesk.accounting.chart import Chart, accounting_year_for
from econdesk.accounting.destinations import sale_destination
from econdesk.accounting.marker import summary_marker
from econdesk.accounting.refusals import NO_REVENUE_ACCOUNT, NOTHING_TO_POST, vat_problems_message
from econdesk.accounting.request import voucher_body
from econdesk.accounting.texts import VoucherTexts, voucher_language
from econdesk.accounting.voucher_modes import booked_elsewhere
from econdesk.accounting.vouchers import (
    REVENUE_ROLE,
    LineMaker,
    LineRole,
    PreparedLine,
    VoucherError,
    with_base,
)
from econdesk.domain.booking import BookingMode
from econdesk.domain.model import ItemKind, Mappings, PlatformItem, Voucher
from econdesk.domain.money import Money, money_sum
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import Message, say

SALES_TZ = ZoneInfo("Europe/Copenhagen")  # a sale's day is its date here
# What the summaries book: exactly what a payout's voucher in sales mode leaves out.
SALES_KINDS = tuple(k for k in ItemKind if booked_elsewhere(BookingMode.SALES, k))


def sales_day(item: PlatformItem) -> date:
    """The Copenhagen day of a sale: the day whose summary books it."""
    return item.occurred_at.astimezone(SALES_TZ).date()


@dataclass(frozen=True)
class SummaryMaterial:
    """One summary as the store holds it: its items and each one's base-currency amount."""

    summary_id: str  # "s-000007"
    provider: str
    day: date
    sequence: int  # 0: the day's summary; 1, 2, ...: supplements
    items: Sequence[PlatformItem]
    base_of: Mapping[str, Money]  # item ref -> its amount in the base currency
    rates: Mapping[str, Decimal] = field(default_factory=dict)  # currency -> the day's rate


@dataclass(frozen=True)
class PreparedSummary:
    """A summary's voucher ready to post; `body` is exactly what is sent."""

    voucher: Voucher
    lines: tuple[PreparedLine, ...]
    provider: str
    day: date
    sequence: int
    clearing_account: int
    item_count: int
    body: dict[str, Any]

    @property
    def match_id(self) -> str:  # the posting machinery's name for what it posts
        return self.voucher.match_id

    @property
    def marker(self) -> str:
        return self.voucher.marker


@dataclass
class _Group:
    refs: list[str]
    labels: list[str]


def build_summary(
    material: SummaryMaterial, mappings: Mappings, chart: Chart, *, journal: int,
    language: str | None = None,
) -> PreparedSummary:  # fmt: skip
    """The voucher that books one summary's sales, or VoucherError (AccountingYearError for a
    day in no open accounting year)."""
    m = material
    fail = _failer(m.summary_id)
    pmap = mappings.provider(m.provider)
    if pmap is None:
        raise fail(say(QT_TRANSLATE_NOOP("CLI", "no clearing account mapped for {0}"), m.provider))
    base = chart.base_currency
    texts = VoucherTexts(voucher_language(language, base))
    marker = summary_marker(m.summary_id, m.provider, m.day.isoformat(), (i.ref for i in m.items))
    year = accounting_year_for(m.day, chart.years)
    head = texts.sales_day(m.provider, m.day.isoformat(), m.sequence)
    by_item = {i.ref: i for i in m.items}
    groups, customers, unmapped, vat_problems = _sort(m, mappings)
    if unmapped:
        raise fail(say(NO_REVENUE_ACCOUNT, m.provider, ", ".join(sorted(unmapped))))
    if vat_problems:
        raise fail(vat_problems_message(vat_problems))
    lines: list[PreparedLine] = []
    line_of = _Lines(m, chart, pmap.clearing_account, marker, fail)
    for (role, account, vat_code, currency), group in groups.items():
        plans = ", ".join(group.labels[:3]) + (" …" if len(group.labels) > 3 else "")
        text = f"{head}: {texts.group(role, m.provider, len(group.refs), plans)}"
        items = [by_item[r] for r in group.refs]
        line = line_of(currency, items)(role, text, account=account, vat_code=vat_code)
        if line is not None:
            lines.append(line)
    for item, customer in customers:
        what = "payment" if item.kind is ItemKind.PAYMENT else item.kind.value
        text = texts.customer_payment(m.provider, what, item.external_id, customer, None)
        line = line_of(item.currency, [item])(
            LineRole.CUSTOMER_PAYMENT, f"{head}: {text}", customer=customer
        )
        if line is not None:
            lines.append(line)
    if not lines:
        raise fail(say(NOTHING_TO_POST))
    voucher = Voucher(m.summary_id, journal, year, marker, tuple(p.line for p in lines))
    return PreparedSummary(
        voucher=voucher,
        lines=tuple(lines),
        provider=m.provider,
        day=m.day,
        sequence=m.sequence,
        clearing_account=pmap.clearing_account,
        item_count=len(m.items),
        body=voucher_body(voucher),
    )


def _failer(summary_id: str) -> Callable[[Message], VoucherError]:
    def fail(message: Message) -> VoucherError:
        return VoucherError(say("{0}: {1}", summary_id, message))

    return fail


def _sort(
    m: SummaryMaterial, mappings: Mappings
) -> tuple[
    dict[tuple[LineRole, int, str | None, str], _Group],
    list[tuple[PlatformItem, int]],
    set[str],
    list[Message],
]:
    """The items by line: revenue groups, mapped customers' items, unmapped plans, and the
    sales whose VAT code cannot be told (sale_vat.py)."""
    groups: dict[tuple[LineRole, int, str | None, str], _Group] = {}
    customers: list[tuple[PlatformItem, int]] = []
    unmapped: set[str] = set()
    vat_problems: list[Message] = []
    for item in m.items:
        if item.kind not in SALES_KINDS:
            continue
        where = sale_destination(mappings, m.provider, item)
        if where is not None and where.customer is not None:
            customers.append((item, where.customer))
        elif where is None or where.account is None:
            unmapped.add(item.plan or "(no plan)")
        else:
            choice = where.vat(item, mappings.vat_rules)
            if choice.problem is not None:
                vat_problems.append(choice.problem)
            key = (REVENUE_ROLE[item.kind], where.account, choice.code, item.currency)
            group = groups.setdefault(key, _Group([], []))
            group.refs.append(item.ref)
            if item.plan and item.plan not in group.labels:
                group.labels.append(item.plan)
    return groups, customers, unmapped, vat_problems


class _LineOf:
    """Makes the one line that books `items` (all in one currency) against C."""

    def __init__(
        self, make: LineMaker, items: Sequence[PlatformItem], base_amount: Money | None
    ) -> None:
        self.make, self.items, self.base_amount = make, items, base_amount

    def __call__(
        self,
        role: LineRole,
        text: str,
        *,
        account: int | None = None,
        vat_code: str | None = None,
        customer: int | None = None,
        invoice: int | None = None,
    ) -> PreparedLine | None:
        amount = money_sum((i.amount for i in self.items), self.items[0].currency)
        if amount.is_zero() and (self.base_amount is None or self.base_amount.is_zero()):
            return None
        refs = [i.ref for i in self.items]
        line = self.make(
            role, -amount, text, refs, account=account, vat_code=vat_code, customer=customer,
            invoice=invoice,
        )  # fmt: skip
        return line if self.base_amount is None else with_base(line, -self.base_amount)


@dataclass(frozen=True, slots=True)
class _Lines:
    """The line makers of one summary: its day, marker and clearing account, by currency."""

    m: SummaryMaterial
    chart: Chart
    clearing: int
    marker: str
    fail: Callable[[Message], VoucherError]

    def __call__(self, currency: str, items: Sequence[PlatformItem]) -> _LineOf:
        m, base = self.m, self.chart.base_currency
        rate = None if currency == base else m.rates.get(currency)
        if currency != base and rate is None:
            no_rate = QT_TRANSLATE_NOOP("CLI", "no {0} exchange rate for {1}")
            raise self.fail(say(no_rate, currency, m.day.isoformat()))
        missing = [i.ref for i in items if i.ref not in m.base_of]
        if missing:
            no_base = QT_TRANSLATE_NOOP("CLI", "no {0} amount stored for {1}")
            raise self.fail(say(no_base, base, missing[0]))
        make = LineMaker(self.chart, base, self.clearing, rate, m.day, self.marker)
        base_amount = None if rate is None else money_sum((m.base_of[i.ref] for i in items), base)
        return _LineOf(make, items, base_amount)
