"""The Clearhaus Merchant API's resources as documented (docs/payment-sources.md), checked.

Amounts are integers in minor units of the object's currency; deductions in a settlement are
negative. Links are HAL: `_links[rel].href`, possibly a URI template (`templated: true`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from econdesk.connectors.payload import Fields
from econdesk.domain.money import Money
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say

SYSTEM = "Clearhaus"

# Transaction types that move money in a settlement, and what each is to the merchant.
MONEY_TYPES = frozenset({"capture", "refund", "credit"})
TRANSACTION_TYPES = frozenset({"authorization", "capture", "refund", "void", "credit", "debit"})
FEE_KEYS = (
    "sales", "refunds", "authorisations", "credits", "interchange", "scheme",
    "minimum_processing", "service", "wire_transfer", "chargebacks", "retrieval_requests",
    "series", "3dsecure", "late_capture",
)  # fmt: skip
SUMMARY_PARTS = ("sales", "credits", "refunds", "chargebacks", "fees", "other_postings")


def link(f: Fields, rel: str) -> str | None:
    """The href of a HAL link relation, or None when the object does not offer it."""
    links = f.opt_obj("_links")
    if links is None:
        return None
    target = links.opt_obj(rel)
    return None if target is None else target.text("href")


def need_link(f: Fields, rel: str) -> str:
    href = link(f, rel)
    if href is None:
        raise f.fail(f"_links.{rel}", say(QT_TRANSLATE_NOOP("CLI", "is missing")))
    return href


def embedded(f: Fields, rel: str) -> list[Any]:
    """`_embedded[rel]`: a page's objects (an empty page may leave `_embedded` out)."""
    holder = f.opt_obj("_embedded")
    return [] if holder is None else holder.opt_array(rel)


def _day(f: Fields, key: str) -> date:
    text = f.text(key)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise f.fail(
            key, say(QT_TRANSLATE_NOOP("CLI", "is not a date (yyyy-mm-dd): {0!r}"), text)
        ) from None


def _opt_day(f: Fields, key: str) -> date | None:
    return _day(f, key) if f.has(key) else None


Day = date  # `date` is a field name below


@dataclass(frozen=True, slots=True)
class Transfer:
    """`payout` or `reserve`: money sent to the merchant's bank on `date`."""

    amount: Money
    date: Day | None
    reference_number: str | None
    descriptor: str | None
    cancelled_date: Day | None = None

    @classmethod
    def parse(cls, f: Fields, currency: str) -> Transfer:
        return cls(
            amount=f.minor("amount", currency),
            date=_opt_day(f, "date"),
            reference_number=f.opt_text("reference_number"),
            descriptor=f.opt_text("descriptor"),
            cancelled_date=_opt_day(f, "cancelled_date"),
        )


@dataclass(frozen=True, slots=True)
class OtherPosting:
    date: Day | None
    text: str
    amount: Money


@dataclass(frozen=True, slots=True)
class Settlement:
    id: str
    settled: bool
    currency: str
    period_start: date | None
    period_end: date | None
    payout: Transfer
    reserve: Transfer | None
    summary: dict[str, Money]  # SUMMARY_PARTS and "net"
    fees: dict[str, Money]  # the FEE_KEYS present
    other_postings: tuple[OtherPosting, ...]
    transactions_href: str | None

    @classmethod
    def parse(cls, f: Fields) -> Settlement:
        currency = f.currency("currency")
        summary_f = f.obj("summary")
        summary = {k: summary_f.minor(k, currency) for k in (*SUMMARY_PARTS, "net")}
        fees_f = f.opt_obj("fees")
        fees = {k: fees_f.minor(k, currency) for k in FEE_KEYS if fees_f.has(k)} if fees_f else {}
        period = f.opt_obj("period")
        reserve_f = f.opt_obj("reserve")
        reserve = Transfer.parse(reserve_f, currency) if reserve_f else None
        postings = tuple(
            OtherPosting(_opt_day(p, "date"), p.opt_text("text") or "", p.minor("amount", currency))
            for p in f.objs("other_postings")
        )
        settlement = cls(
            id=f.id(),
            settled=f.flag("settled"),
            currency=currency,
            period_start=_opt_day(period, "start_date") if period else None,
            period_end=_opt_day(period, "end_date") if period else None,
            payout=Transfer.parse(f.obj("payout"), currency),
            reserve=reserve if reserve is not None and not reserve.amount.is_zero() else None,
            summary=summary,
            fees=fees,
            other_postings=postings,
            transactions_href=link(f, "ch:transactions"),
        )
        settlement.check(f)
        return settlement

    def check(self, f: Fields) -> None:
        """The summary must add up: its parts to `net`, `net` less the reserve to the payout,
        the other postings to their summary line."""
        total = sum((self.summary[k].to_minor() for k in SUMMARY_PARTS), 0)
        if total != self.summary["net"].to_minor():
            raise f.fail(
                "summary.net",
                say(QT_TRANSLATE_NOOP("CLI", "is not the sum of its parts ({0})"), total),
            )
        withheld = self.reserve.amount.to_minor() if self.reserve else 0
        if self.payout.amount.to_minor() != total - withheld:
            raise f.fail(
                "payout.amount",
                say(
                    QT_TRANSLATE_NOOP("CLI", "is not net less the reserve ({0} - {1})"),
                    total,
                    withheld,
                ),
            )
        posted = sum((p.amount.to_minor() for p in self.other_postings), 0)
        if posted != self.summary["other_postings"].to_minor():
            raise f.fail(
                "other_postings",
                say(QT_TRANSLATE_NOOP("CLI", "add up to {0}, not summary.other_postings"), posted),
            )


@dataclass(frozen=True, slots=True)
class Transaction:
    id: str
    type: str
    status_code: int
    amount: Money
    processed_at: datetime
    reference: str | None
    settlement_href: str | None

    @classmethod
    def parse(cls, f: Fields) -> Transaction:
        currency = f.currency("currency")
        kind = f.text("type")
        if kind not in TRANSACTION_TYPES:
            raise f.fail("type", say(QT_TRANSLATE_NOOP("CLI", "has unknown value {0!r}"), kind))
        return cls(
            id=f.id(),
            type=kind,
            status_code=f.obj("status").integer("code"),
            amount=f.minor("amount", currency),
            processed_at=f.iso("processed_at"),
            reference=f.opt_text("reference"),
            settlement_href=link(f, "ch:settlement"),
        )

    @property
    def moves_money(self) -> bool:
        return self.type in MONEY_TYPES and self.status_code == 20000


@dataclass(frozen=True, slots=True)
class Dispute:
    id: str
    amount: Money  # what was debited, positive
    opened_at: datetime
    transaction_href: str  # the disputed transaction
    settlement_href: str | None  # the settlement that debited it, once one has

    @classmethod
    def parse(cls, f: Fields) -> Dispute:
        currency = f.currency("currency")
        return cls(
            id=f.id(),
            amount=f.minor("amount", currency),
            opened_at=f.iso("opened_at"),
            transaction_href=need_link(f, "ch:transaction"),
            settlement_href=link(f, "ch:settlement"),
        )
