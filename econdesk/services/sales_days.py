"""Daily sales summaries of the sources in sales mode: which days are complete, making the
summaries, and loading one to build its voucher (accounting/sales_summary.py).

- **Complete days only.** A day ends at midnight in Copenhagen; it is complete once every
  stream of its source was synced past that midnight (the sync cursor's `synced_at`, capped by
  its `done_until`). An incomplete day waits.
- **Once.** A summary is made with its items in one transaction; an item is in one summary
  only (the store refuses a second), so nothing is booked twice. An item of an already
  summarised day that arrives later goes into a supplement for that same day, never into
  another day: a sale stays in the period of its date whenever it is seen.
- **An acquirer's own sales.** An acquirer or wallet used without a gateway (Clearhaus or
  MobilePay alone) is summarised like any source: its own captures and refunds are its sales
  (domain/links.py). A gateway's item that such an own sale booked already (the gateway added
  later) is left out (services/own_sales.py).
- **The day's rate.** A foreign-currency item is converted at its day's rate
  (`services/rates.py`: Nationalbanken, else the ECB; stored), each item on its own, and the
  base amount is stored with the item: the summary books exactly that into the clearing
  account, and the payout's voucher reads it back (`sale_base`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal

from econdesk.accounting.currency import to_base
from econdesk.accounting.sales_summary import SALES_KINDS, SALES_TZ, SummaryMaterial, sales_day
from econdesk.connectors.errors import ConnectorError
from econdesk.domain import BookingMode, Mappings, PlatformItem
from econdesk.errors import EcondeskError
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import reason_of, say
from econdesk.services.own_sales import booked_as_own_sales
from econdesk.storage import ConflictError, Database, SalesSummary, Store, SummaryItem

RateOf = Callable[[str, date], Decimal]  # DKK per 100 units of a currency on a day


class SalesDayError(EcondeskError):
    """A day's sales could not be summarised (no exchange rate, another base currency)."""


def sales_sources(mappings: Mappings) -> list[str]:
    """The sources whose sales econdesk books (`booking = "sales"`). An acquirer behind a
    gateway (Clearhaus settling Frisbii's card payments) has no sales of its own: the
    gateway's are summarised under the gateway. Without a gateway its own transactions are its
    sales (domain/links.py), summarised under it."""
    return sorted(p.provider for p in mappings.providers if p.booking is BookingMode.SALES)


def complete_until(store: Store, provider: str) -> datetime | None:
    """The midnight (Copenhagen) before which every day of `provider` is complete, or None
    when none is: the earliest of its streams' last complete syncs, each capped by the day
    the stream is done until."""
    cursors = {k: v for k, v in store.cursors.all().items() if k.startswith(f"{provider}:")}
    if not cursors:
        return None
    ends: list[datetime] = []
    for key, state in cursors.items():
        done = state.get("done_until")
        synced = state.get("synced_at")
        if synced is None and "running" not in state:  # a cursor from before synced_at
            stamp = store.cursors.updated_at(key)
            synced = None if stamp is None else stamp.isoformat()
        if done is None or synced is None:
            return None
        done_at = datetime.combine(date.fromisoformat(done), time(), tzinfo=SALES_TZ)
        ends.append(min(done_at, _aware(datetime.fromisoformat(synced))))
    earliest = min(ends).astimezone(SALES_TZ)
    return datetime.combine(earliest.date(), time(), tzinfo=SALES_TZ)


@dataclass
class MadeSummaries:
    made: list[str] = field(default_factory=list)  # the new summaries' ids
    # (source and day, why) of the days that could not be summarised; they wait
    problems: list[tuple[str, str]] = field(default_factory=list)


def make_summaries(db: Database, mappings: Mappings, base: str, rate_of: RateOf) -> MadeSummaries:
    """Summarise every complete day's unsummarised sales of each source in sales mode, one
    summary (or supplement) per source and day."""
    out = MadeSummaries()
    for provider in sales_sources(mappings):
        with db.reader() as store:
            until = complete_until(store, provider)
            items = [] if until is None else store.sales.unsummarised(provider, until, SALES_KINDS)
            twice = booked_as_own_sales(store, items)  # a gateway added later: booked already
            items = [i for i in items if i.ref not in twice]
        days: dict[date, list[PlatformItem]] = {}
        for item in items:
            days.setdefault(sales_day(item), []).append(item)
        for day, of_day in sorted(days.items()):
            try:
                entries = [_entry(item, day, base, rate_of) for item in of_day]
                with db.transaction() as store:
                    out.made.append(store.sales.make(provider, day, entries).id)
            except ConflictError:
                continue  # another process summarised them first: they are booked once
            except (EcondeskError, ConnectorError) as exc:  # no rate: the day waits
                out.problems.append((f"{provider} {day.isoformat()}", reason_of(exc)))
    return out


def _entry(item: PlatformItem, day: date, base: str, rate_of: RateOf) -> SummaryItem:
    if item.currency == base:
        return SummaryItem(item.ref, item.amount, item.amount)
    if base != "DKK":
        dkk_only = QT_TRANSLATE_NOOP(
            "CLI",
            "{0} is in {1}; daily rates are known against DKK only, the agreement's currency "
            "is {2}",
        )
        raise SalesDayError(say(dkk_only, item.ref, item.currency, base))
    rate = rate_of(item.currency, day)
    return SummaryItem(item.ref, item.amount, to_base(item.amount, rate, base), rate)


def summary_material(store: Store, summary: SalesSummary) -> SummaryMaterial:
    """What `build_summary` needs for a stored summary: its items as stored, their base
    amounts and the day's rates, exactly as the summary was made."""
    refs = [i.ref for i in summary.items]
    found = store.items.get_many(refs)
    missing = [r for r in refs if r not in found]
    if missing:
        gone = QT_TRANSLATE_NOOP("CLI", "{0}: its item {1} is no longer in the store")
        raise SalesDayError(say(gone, summary.id, missing[0]))
    items = [found[r] for r in refs]
    rates = {i.amount.currency: i.rate_per_100 for i in summary.items if i.rate_per_100}
    return SummaryMaterial(
        summary_id=summary.id,
        provider=summary.provider,
        day=summary.day,
        sequence=summary.sequence,
        items=items,
        base_of={i.ref: i.base for i in summary.items},
        rates=rates,
    )


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
