"""The run's working set: open bank entries, items and payouts as compact rows, with indexes.

Everything a kept decision already covers is left out here, once. Money becomes integer minor
units, dates become day ordinals and bank-day indices, and each row gets a resource id so that
a candidate's claim is a set of integers. Indexes are hash maps (amount, reference tokens) and
day-sorted buckets, built once and shared by the layers: no layer scans all pairs.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from operator import attrgetter, itemgetter
from typing import Protocol, TypeVar
from zoneinfo import ZoneInfo

from econdesk.domain import (
    BankEntry,
    ExplanationTerm,
    ItemKind,
    Match,
    MatchMethod,
    MatchState,
    Money,
    Payout,
    PlatformItem,
    Tolerance,
    currency_exponent,
    make_ref,
)
from econdesk.domain.invoices import pays_what_was_paid
from econdesk.domain.links import (
    OTHER_POSTING,
    RESERVE_RELEASED,
    RESERVE_WITHHELD,
    is_own_sale,
    posting_kind_of_id,
)
from econdesk.i18n.explain import both, explained, phrase
from econdesk.matching.business_days import BankCalendar
from econdesk.matching.candidates import Candidate
from econdesk.matching.inputs import MatchInputs, PriorDecisions
from econdesk.matching.settings import MatchSettings, allowed_difference_minor
from econdesk.matching.text import TextNames, fold, name_tokens, text_names, tokens

KEPT_STATES = frozenset({MatchState.APPROVED, MatchState.POSTED, MatchState.PARKED})


class MatchingInputError(ValueError):
    """The inputs contradict themselves (the same reference with two different contents)."""


@dataclass(slots=True)
class BankRow:
    index: int
    entry: BankEntry
    ref: str
    currency: str
    minor: int
    day: int  # date ordinal of the booking date
    bday: int  # bank-day index (BankCalendar)
    words: tuple[str, ...]  # folded tokens of text, counterparty and bank reference
    squashed: str
    word_set: frozenset[str] = field(default_factory=frozenset)
    _names: TextNames | None = None

    @property
    def names(self) -> TextNames:
        """The text's words prepared for name comparisons (built on first use)."""
        if self._names is None:
            self._names = text_names(self.words)
        return self._names


@dataclass(slots=True)
class ItemRow:
    index: int
    item: PlatformItem
    ref: str
    provider: str
    currency: str
    gross: int  # signed amount, minor units
    net: int  # gross - stated fee
    fee_known: bool
    day: int  # local date ordinal
    payout: int  # row index of the payout it belongs to, -1 when free
    resource: int


@dataclass(slots=True)
class PayoutRow:
    """A payout or settlement, or a group of items sharing a payout reference with no Payout."""

    index: int
    ref: str
    external_id: str
    provider: str
    currency: str
    minor: int  # what should reach the bank
    day: int  # arrival date ordinal (for a group: its last item's day)
    payout: Payout | None
    components: tuple[str, ...]
    resource: int
    descriptor: str


class _Referenced(Protocol):
    @property
    def ref(self) -> str: ...


Obj = TypeVar("Obj", bound=_Referenced)


def _unique(
    objects: Iterable[Obj], what: str, refs: list[str] | None = None
) -> list[tuple[str, Obj]]:
    """(ref, object) pairs, exact repeats dropped; two different objects under one ref is an
    error. The caller's order is kept; whatever needs an order sorts by ref itself. `refs`
    are the objects' refs when the caller has them already."""
    listed = objects if isinstance(objects, list) else list(objects)
    if refs is None:
        refs = [obj.ref for obj in listed]
    if len(set(refs)) == len(refs):
        return list(zip(refs, listed, strict=True))
    seen: dict[str, Obj] = {}
    for ref, obj in zip(refs, listed, strict=True):
        old = seen.setdefault(ref, obj)
        if old is not obj and old != obj:
            raise MatchingInputError(f"two different {what} share the reference {ref}")
    return list(seen.items())


def _item_refs(items: list[PlatformItem]) -> list[str]:
    """Each item's ref, exactly as PlatformItem.ref gives it ("<provider>:<external id>", see
    domain.make_ref), without a Python call per item: the ref property's checks of the provider
    name are made once per provider, and if an id may be empty every ref comes from the property
    itself (which raises for it)."""
    refs = [f"{it.provider}:{it.external_id}" for it in items]
    if ":\n" in "\n".join(refs) + "\n":  # an empty id (or one ending in a colon) somewhere:
        return [it.ref for it in items]  # the property decides (and raises)
    for provider in set(map(_provider, items)):
        make_ref(provider, "-")  # a bad provider name raises here, as item.ref would
    return refs


class _Units:
    """Minor units and local days for many objects, with the per-currency and per-hour work
    done once: a zone's offset changes only on the hour, so one lookup per hour of timestamps
    gives every local date exactly, whatever the offset."""

    def __init__(self, tz: ZoneInfo) -> None:
        self.tz = tz
        self.exponents: dict[str, int] = {}
        self.offsets: dict[int, float] = {}  # UTC hour -> seconds to add for local time
        self.utc_hour_days: dict[int, int] = {}  # UTC hour -> local date ordinal (whole-hour zones)
        # Per currency: amount as text -> minor units. Prices repeat, so each distinct amount
        # is scaled once; a Decimal's text is cheaper to make and hash than the Decimal.
        self.minors: dict[str, dict[str, int]] = {}

    def minor(self, money: Money, ref: str) -> int:
        known = self.minors.get(money.currency)
        if known is None:
            known = self.minors[money.currency] = {}
        key = str(money.amount)
        value = known.get(key)
        if value is not None:
            return value
        exponent = self.exponents.get(money.currency)
        if exponent is None:
            exponent = self.exponents[money.currency] = currency_exponent(money.currency)
        scaled = money.amount.scaleb(exponent)
        value = int(scaled)
        if value != scaled:
            raise MatchingInputError(f"{ref}: {money} has more decimals than {money.currency}")
        known[key] = value
        return value

    def day(self, moment: datetime) -> int:
        """The local date's ordinal."""
        if moment.tzinfo is UTC:
            # Platforms give UTC: the UTC hour alone decides the local date when the zone's
            # offset is whole hours, so one lookup per UTC hour gives it (no timestamp maths).
            hour = (moment.toordinal() - _EPOCH_ORDINAL) * 24 + moment.hour
            local = self.utc_hour_days.get(hour)
            if local is not None:
                return local
        seconds = moment.timestamp()
        hour = int(seconds // 3600)
        offset = self.offsets.get(hour)
        if offset is None:
            shift = datetime.fromtimestamp(hour * 3600, self.tz).utcoffset()
            offset = self.offsets[hour] = shift.total_seconds() if shift is not None else 0.0
        if moment.tzinfo is UTC and offset % 3600 == 0:
            # The whole hour lies on one local date: its start's.
            self.utc_hour_days[hour] = _EPOCH_ORDINAL + int((hour * 3600 + offset) // 86400)
        return _EPOCH_ORDINAL + int((seconds + offset) // 86400)


_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_by_ref = attrgetter("ref")
_provider = attrgetter("provider")


@lru_cache(maxsize=1 << 16)
def _words(text: str) -> tuple[tuple[str, ...], str, frozenset[str]]:
    """A bank text's tokens, squashed form and token set; banks repeat texts, so each distinct
    text is tokenised once (and its words are shared between the rows)."""
    words = tuple(tokens(text))
    return words, "".join(words), frozenset(words)


def _carried(
    live_payouts: list[Payout], items: list[tuple[str, PlatformItem]], done: set[str]
) -> tuple[set[str], dict[str, list[str]], list[tuple[str, PlatformItem]]]:
    """(items two payouts both declare, payout ref -> items naming it that it does not
    declare, the free items by ref).

    Items a payout we hold declares, or that name it, are carried by it: no row and no
    resource of their own (only their payout can claim them), except an item two payouts
    both declare, which gets a resource both of them use."""
    payout_refs = {p.ref for p in live_payouts}
    owned_refs: set[str] = set()
    shared: set[str] = set()
    for p in live_payouts:
        declared = p.component_refs
        if not owned_refs.isdisjoint(declared):
            shared.update(owned_refs.intersection(declared))
        owned_refs.update(declared)
    members: dict[str, list[str]] = defaultdict(list)  # naming a payout, not declared by it
    free: list[tuple[str, PlatformItem]] = []
    for ref, obj in items:
        if ref in owned_refs:
            continue
        payout_ref = obj.payout_ref
        if payout_ref is not None:
            if payout_ref in done:
                continue
            if payout_ref in payout_refs:
                members[payout_ref].append(ref)
                continue
        if ref not in done:
            free.append((ref, obj))
    # Rows: items matched one by one or inside a deposit (and members of payout groups
    # that name a payout we do not have; such a group may be wrong, so they stay free).
    free.sort(key=itemgetter(0))
    return shared, members, free


def _without_paid_invoices(
    free: list[tuple[str, PlatformItem]], items: list[tuple[str, PlatformItem]]
) -> list[tuple[str, PlatformItem]]:
    """`free` less the open invoices the platform has since been paid for (a payment of the
    same invoice is among the items): an open invoice read before it was paid is stale; and
    less those the sync closed (nothing left open: paid or cancelled since)."""
    if not any(it.kind is ItemKind.INVOICE for _, it in free):
        return free
    free = [(r, it) for r, it in free if it.kind is not ItemKind.INVOICE or it.amount.amount > 0]
    paid = {
        (it.provider, it.invoice_ref)
        for _, it in items
        if it.kind is ItemKind.PAYMENT and it.invoice_ref
    }
    # An integration books a platform's invoice in e-conomic with the platform's number in
    # `references.other`: that booked invoice is the platform's, whose own item is the one to
    # match (its payment finds the booked invoice when posted), so it is no second candidate.
    platforms = {
        it.invoice_ref for _, it in items if it.invoice_ref and not pays_what_was_paid(it.provider)
    }
    return [
        (ref, it)
        for ref, it in free
        if it.kind is not ItemKind.INVOICE
        or (
            (it.provider, it.invoice_ref) not in paid
            and not (pays_what_was_paid(it.provider) and platforms.intersection(it.references))
        )
    ]


class Book:
    def __init__(self, inputs: MatchInputs, settings: MatchSettings, prior: PriorDecisions):
        self.settings = settings
        self.calendar = BankCalendar()
        self.tz = ZoneInfo(settings.timezone)
        self._read_prior(prior)

        self.units = _Units(self.tz)
        self._tolerances: dict[tuple[str, str], Tolerance | None] = {}
        self._fixed: dict[tuple[str, str], int] = {}
        self._descriptors: dict[tuple[str, str], tuple[str, ...]] = {}
        entries = _unique(inputs.bank_entries, "bank entries")
        listed_items = list(inputs.items)
        items = _unique(listed_items, "platform items", _item_refs(listed_items))
        payouts = _unique(inputs.payouts, "payouts")

        done = self.kept_refs
        self.banks: list[BankRow] = [
            self._bank_row(index, ref, entry)
            for index, (ref, entry) in enumerate(p for p in sorted(entries) if p[0] not in done)
        ]
        nb = len(self.banks)
        live_payouts = [p for ref, p in sorted(payouts) if ref not in done]
        shared, members, free = _carried(live_payouts, items, done)
        free = _without_paid_invoices(free, items)
        self.items: list[ItemRow] = self._item_rows(free, nb)
        # Open invoices are matched by their own layer only (layers/invoice.py): they are no
        # payment a payout or a MobilePay batch carries.
        self.free_items = [it for it in self.items if it.item.kind is not ItemKind.INVOICE]
        self.open_invoices = (
            [it for it in self.items if it.item.kind is ItemKind.INVOICE]
            if len(self.free_items) != len(self.items)
            else []
        )
        self.item_by_ref: dict[str, ItemRow] = {it.ref: it for it in self.items}
        self._any_item: dict[str, PlatformItem] = dict(items)  # a payout's components too
        ni = len(self.items)
        shared_resource = {ref: nb + ni + k for k, ref in enumerate(sorted(shared))}
        self.first_payout = nb + ni + len(shared)
        self.payouts: list[PayoutRow] = self._payout_rows(live_payouts)
        self.payout_resources: list[frozenset[int]] = self._payout_resources(
            members, shared_resource
        )
        # Payouts (resource ids) whose reference each bank entry's text shows (layer a).
        self.named_payouts: dict[int, set[int]] = {}
        self._vocabulary: frozenset[str] | None = None
        self._bank_amounts: dict[tuple[str, int], list[int]] | None = None
        self._bank_sorted: dict[str, tuple[list[int], list[int]]] | None = None
        self._postings: dict[int, ExplanationTerm | None] = {}  # by payout row
        # Per bank row: the open invoices' numbers its text quotes after a word for
        # "invoice" (layer f); a payment of another invoice does not fit that transfer.
        self.quoted_invoices: dict[int, frozenset[str]] = {}

    def _read_prior(self, prior: PriorDecisions) -> None:
        """What earlier runs decided: refs kept decisions cover, rejections, open proposals."""
        kept = [m for m in prior.matches if m.state in KEPT_STATES]
        self.kept_refs: set[str] = set()
        for m in kept:
            self.kept_refs.update(m.bank_refs, m.item_refs, m.component_refs)
        self.rejected: set[tuple[tuple[str, ...], tuple[str, ...]]] = {
            (tuple(sorted(m.bank_refs)), tuple(sorted(m.item_refs)))
            for m in prior.matches
            if m.state is MatchState.REJECTED
        }
        self.rejected_pairs = prior.rejected_pairs
        self.previous: dict[tuple[tuple[str, ...], tuple[str, ...]], Match] = {
            (tuple(sorted(m.bank_refs)), tuple(sorted(m.item_refs))): m
            for m in prior.matches
            if m.state is MatchState.PROPOSED
        }
        self.all_previous_ids = [m.id for m in prior.matches]

    def _payout_rows(self, live_payouts: list[Payout]) -> list[PayoutRow]:
        """Real payouts, then groups of the item rows that name a payout we do not have (each
        such row is marked as its group's)."""
        first_payout = self.first_payout
        rows: list[PayoutRow] = []
        for p in live_payouts:
            rows.append(
                PayoutRow(
                    index=len(rows),
                    ref=p.ref,
                    external_id=p.external_id,
                    provider=p.provider,
                    currency=p.currency,
                    minor=self.units.minor(p.amount, p.ref),
                    day=p.arrival_date.toordinal(),
                    payout=p,
                    components=(),
                    resource=first_payout + len(rows),
                    descriptor=p.statement_descriptor or "",
                )
            )
        groups: dict[str, list[ItemRow]] = defaultdict(list)
        for it in self.items:
            if it.item.payout_ref is not None:
                groups[it.item.payout_ref].append(it)
        for ref in sorted(groups):
            members = groups[ref]
            if len({r.currency for r in members}) != 1:
                continue  # a payout cannot mix currencies; leave its items free
            provider, _, external = ref.partition(":")
            row = PayoutRow(
                index=len(rows),
                ref=ref,
                external_id=external or ref,
                provider=provider,
                currency=members[0].currency,
                minor=sum(r.net for r in members),
                day=max(r.day for r in members),
                payout=None,
                components=tuple(r.ref for r in members),
                resource=first_payout + len(rows),
                descriptor="",
            )
            rows.append(row)
            for r in members:
                r.payout = row.index
        return rows

    def _payout_resources(
        self, members: dict[str, list[str]], shared_resource: dict[str, int]
    ) -> list[frozenset[int]]:
        """Per payout row, what it uses up: itself and the components it shares with another
        payout. Sets each real payout's components: those it declares, then the items that
        name it without being declared."""
        resources: list[frozenset[int]] = []
        for row in self.payouts:
            if row.payout is not None:
                declared = row.payout.component_refs
                extra = set(members.get(row.ref, ())).difference(declared)
                row.components = tuple(declared) + tuple(sorted(extra))
                used = (
                    [shared_resource[c] for c in declared if c in shared_resource]
                    if shared_resource
                    else []
                )
            else:
                used = [self.item_by_ref[c].resource for c in row.components]
            resources.append(frozenset([row.resource, *used]))
        return resources

    # -- rows ----------------------------------------------------------------------------------
    def _bank_row(self, index: int, ref: str, entry: BankEntry) -> BankRow:
        text = entry.text
        if entry.counterparty or entry.bank_reference:
            text = " ".join(x for x in (text, entry.counterparty, entry.bank_reference) if x)
        words = _words(text)  # squashing is joining the words
        day = entry.entry_date.toordinal()
        amount = entry.amount
        known = self.units.minors.get(amount.currency)
        minor = known.get(str(amount.amount)) if known is not None else None
        if minor is None:
            minor = self.units.minor(amount, ref)
        # Positional: a call with keywords costs more, and banks come by the thousand.
        return BankRow(index, entry, ref, amount.currency, minor, day,
                       self.calendar.index_of_ordinal(day), *words)  # fmt: skip

    def _item_rows(self, free: list[tuple[str, PlatformItem]], nb: int) -> list[ItemRow]:
        units = self.units
        minor, day = units.minor, units.day
        # The caches of minor() and day() are read here first (a call is most of their cost).
        minors, hour_days = units.minors, units.utc_hour_days
        rows: list[ItemRow] = []
        append = rows.append
        for index, (ref, item) in enumerate(free):
            amount, fee = item.amount, item.fee
            known = minors.get(amount.currency)
            gross = known.get(str(amount.amount)) if known is not None else None
            if gross is None:
                gross = minor(amount, ref)
            if fee is None:
                net = gross
            else:
                stated = known.get(str(fee.amount)) if known is not None else None
                net = gross - (stated if stated is not None else minor(fee, ref))
            moment = item.occurred_at
            local = None
            if moment.tzinfo is UTC:
                local = hour_days.get((moment.toordinal() - _EPOCH_ORDINAL) * 24 + moment.hour)
            if local is None:
                local = day(moment)
            append(ItemRow(index, item, ref, item.provider, amount.currency, gross, net,
                           fee is not None, local, -1, nb + index))  # fmt: skip
        return rows

    def descriptors(self, provider: str, statement_descriptor: str = "") -> tuple[str, ...]:
        """Bank-text words that name the source: configured ones, its name, its descriptor."""
        key = (provider, statement_descriptor)
        found = self._descriptors.get(key)
        if found is None:
            found = self._descriptors[key] = self._descriptor_words(provider, statement_descriptor)
        return found

    def _descriptor_words(self, provider: str, statement_descriptor: str) -> tuple[str, ...]:
        configured = tuple(fold(w) for w in self.settings.source(provider).descriptors)
        own = tuple(w for w in tokens(statement_descriptor) if len(w) >= 3 and not w.isdigit())
        return tuple(dict.fromkeys((*configured, fold(provider), *own)))

    @property
    def name_vocabulary(self) -> frozenset[str]:
        """Every word of every open item's customer name (built on first use)."""
        if self._vocabulary is None:
            names = {it.item.customer_name for it in self.items}
            self._vocabulary = frozenset(tok for name in names for tok in name_tokens(name or ""))
        return self._vocabulary

    def bday(self, ordinal: int) -> int:
        return self.calendar.index_of_ordinal(ordinal)

    # -- amounts ---------------------------------------------------------------------------------
    def convert(self, minor: int, source: str, target: str, day: int | None = None) -> int | None:
        """Minor units of `source` in `target` at `day`'s published rate, else the configured
        one; None without a rate."""
        if source == target:
            return minor
        daily = self.settings.fx_daily.get((source, target, day)) if day is not None else None
        rates = self.settings.fx_rates
        if daily is not None:
            rate = daily[0]
        elif source in rates and target in rates:
            rate = rates[source] / rates[target]
        elif source in rates:
            rate = rates[source]  # rates are per unit in the bank account's currency
        else:
            return None
        major = Decimal(minor).scaleb(-currency_exponent(source)) * rate
        return int(major.scaleb(currency_exponent(target)).quantize(Decimal(1), ROUND_HALF_UP))

    def conversion_term(
        self, minor: int, source: str, target: str, day: int
    ) -> ExplanationTerm | None:
        """What a payout paid out in another currency was converted at, when it was."""
        daily = self.settings.fx_daily.get((source, target, day))
        if source == target or daily is None:
            return None
        per_100 = int((daily[0] * 10_000).quantize(Decimal(1), ROUND_HALF_UP))
        said = phrase(
            "amount.converted",
            amount=minor,
            currency=source,
            rate=per_100,
            day=date.fromordinal(day).isoformat(),
            source=daily[1],
        )
        return explained("exchange", 0.0, said)

    def tolerance_minor(self, provider: str, currency: str, source_currency: str, base: int) -> int:
        """Allowed |difference| for a match of `provider` money, in the bank currency."""
        key = (provider, currency)
        if key not in self._tolerances:
            self._tolerances[key] = self.settings.tolerance_for(provider, currency)
        tolerance = self._tolerances[key]
        if tolerance is None or not tolerance.percent:
            fixed = self._fixed.get(key)
            if fixed is None:
                fixed = self._fixed[key] = allowed_difference_minor(tolerance, currency, 0)
            allowed = fixed
        else:
            allowed = allowed_difference_minor(tolerance, currency, base)
        if source_currency != currency:
            fx = Decimal(abs(base)) * self.settings.fx_tolerance_percent / Decimal(100)
            allowed += int(fx)
        return allowed

    def _build_bank_indexes(self) -> None:
        amounts: dict[tuple[str, int], list[int]] = defaultdict(list)
        by_currency: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for row in self.banks:
            amounts[(row.currency, row.minor)].append(row.index)
            by_currency[row.currency].append((row.minor, row.index))
        self._bank_amounts = dict(amounts)
        self._bank_sorted = {}
        for currency, pairs in by_currency.items():
            pairs.sort()
            self._bank_sorted[currency] = ([m for m, _ in pairs], [i for _, i in pairs])

    def banks_near(self, currency: str, minor: int, tolerance: int) -> list[int]:
        """Bank rows in `currency` whose amount is within `tolerance` minor units of `minor`."""
        if self._bank_amounts is None or self._bank_sorted is None:
            self._build_bank_indexes()
        assert self._bank_amounts is not None and self._bank_sorted is not None
        if tolerance <= 0:
            return self._bank_amounts.get((currency, minor), [])
        found = self._bank_sorted.get(currency)
        if found is None:
            return []
        minors, rows = found
        lo = bisect_left(minors, minor - tolerance)
        return rows[lo : bisect_right(minors, minor + tolerance)]

    # -- candidates ------------------------------------------------------------------------------
    def payout_candidate(
        self,
        method: MatchMethod,
        bank: BankRow | Sequence[BankRow],
        payout: PayoutRow,
        expected: int,
        terms: Sequence[ExplanationTerm],
        *,
        needs_person: bool = False,
    ) -> Candidate | None:
        """The payout as `bank`: one line, or the parts it reached the bank in."""
        manual = payout.payout is not None and not payout.payout.has_breakdown
        if manual:
            terms = (*terms, explained("breakdown", 0.0, phrase("breakdown.none")))
        own = self._own_postings(payout)
        if own is not None:
            terms = (*terms, own)
        sales = self._own_sales(payout)
        if sales is not None:
            terms = (*terms, sales)
        return self._candidate(
            method,
            banks=(bank,) if isinstance(bank, BankRow) else bank,
            item_refs=(payout.ref,),
            components=payout.components,
            resources=self.payout_resources[payout.index],
            expected=expected,
            fee=0,
            terms=terms,
            needs_person=manual or needs_person,
        )

    def _own_sales(self, payout: PayoutRow) -> ExplanationTerm | None:
        """Said of a payout made of the acquirer's own transactions, no gateway's payments
        (domain/links.py: an acquirer used without a gateway in front of it)."""
        found = [self._any_item.get(ref) for ref in payout.components]
        count = sum(1 for i in found if i is not None and is_own_sale(i))
        if not count:
            return None
        said = phrase("source.own_sales", provider=payout.provider, count=count)
        return explained("source", 0.0, said)

    def _own_postings(self, payout: PayoutRow) -> ExplanationTerm | None:
        """What the payout holds besides payments: an acquirer's reserve or other postings
        (domain/links.py), named once per payout."""
        if payout.index in self._postings:
            return self._postings[payout.index]
        kinds = [posting_kind_of_id(ref) for ref in payout.components if "/" in ref]
        words = {
            RESERVE_WITHHELD: "postings.reserve_withheld",
            RESERVE_RELEASED: "postings.reserve_released",
            OTHER_POSTING: "postings.other",
        }
        named = [phrase(words[k]) for k in dict.fromkeys(kinds) if k is not None]
        said = phrase("postings.held", kinds=both(*named), provider=payout.provider)
        term = explained("postings", 0.0, said) if named else None
        self._postings[payout.index] = term
        return term

    def items_candidate(
        self,
        method: MatchMethod,
        banks: Sequence[BankRow],
        items: Sequence[ItemRow],
        *,
        expected: int,
        fee: int,
        terms: Sequence[ExplanationTerm],
        needs_person: bool = False,
    ) -> Candidate | None:
        return self._candidate(
            method,
            banks=banks,
            item_refs=(items[0].ref,) if len(items) == 1 else tuple(sorted(it.ref for it in items)),
            components=(),
            resources=frozenset([it.resource for it in items]),
            expected=expected,
            fee=fee,
            terms=terms,
            needs_person=needs_person,
        )

    def _candidate(
        self,
        method: MatchMethod,
        *,
        banks: Sequence[BankRow],
        item_refs: tuple[str, ...],
        components: tuple[str, ...],
        resources: frozenset[int],
        expected: int,
        fee: int,
        terms: Sequence[ExplanationTerm],
        needs_person: bool = False,
    ) -> Candidate | None:
        """None when the user rejected exactly this claim before."""
        if len(banks) == 1:  # the common case, without sorting
            ordered = banks
            bank_refs: tuple[str, ...] = (banks[0].ref,)
            bank_minor = banks[0].minor
        else:
            ordered = sorted(banks, key=_by_ref)
            bank_refs = tuple(b.ref for b in ordered)
            bank_minor = sum(b.minor for b in banks)
        if self.rejected and (bank_refs, item_refs) in self.rejected:
            return None
        pairs = self.rejected_pairs
        if pairs and all((b, i) in pairs for b in bank_refs for i in item_refs):
            return None
        # Positional, in the order of Candidate's fields (method, bank, bank_refs, items,
        # components, resources, currency, bank_minor, expected_minor, fee_minor, terms,
        # needs_person): keywords cost more, and candidates come by the ten thousand.
        return Candidate(method, tuple([b.index for b in ordered]), bank_refs, item_refs,
                         components, resources.union([b.index for b in banks]),
                         ordered[0].currency, bank_minor, expected, fee, tuple(terms),
                         needs_person)  # fmt: skip
