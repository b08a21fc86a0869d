"""Retention and erasure of personal data, and a data subject's access request.

Bookkeeping material is kept five years from the end of the financial year it belongs to
(the Danish Bookkeeping Act, bogføringsloven §10); until then the payers' names in it are kept
under GDPR art. 6(1)(c), a legal obligation. Afterwards `purge` pseudonymises them (see
`econdesk.storage.repos.privacy`): amounts, ids, matches and vouchers stay, names go, and the
audit chain stays intact because personal data never enters its hashed payloads.

A financial year ends where e-conomic's accounting year ends, when sync has seen that year;
otherwise on 31 December. `purge --before YEAR` pseudonymises everything dated before the
first day of YEAR (e-conomic's name, "2021" or "2021/2022", or a calendar year).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from econdesk.connectors.platform import MERCHANT_TZ
from econdesk.errors import EcondeskError
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say
from econdesk.storage import Database, Store
from econdesk.storage.repos.privacy import PURGE_ACTION, PurgeCounts, StoredYear, row_dict

RETENTION_YEARS = 5
_YEAR = re.compile(r"^\d{4}(/\d{4})?$")
ITEM_COLUMNS = (
    "ref", "provider", "external_id", "kind", "amount_minor", "currency", "fee_minor",
    "occurred_at", "customer_id", "customer_name", "invoice_ref", "payout_ref", "plan",
    "vat_minor", "vat_currency", "references_json", "description", "first_seen_at", "updated_at",
    "vat_facts_json",  # the sale's VAT facts: a business buyer's VAT number among them
)  # fmt: skip
BANK_COLUMNS = (
    "ref", "origin", "external_id", "account_number", "entry_date", "amount_minor", "currency",
    "text", "counterparty", "bank_reference", "voucher_number", "first_seen_at", "updated_at",
)  # fmt: skip
MATCH_COLUMNS = (
    "id", "state", "method", "amount_minor", "currency", "explanation_json", "note",
    "voucher_year", "voucher_number", "created_at", "created_by", "updated_at", "updated_by",
)  # fmt: skip


class PrivacyError(EcondeskError):
    """A purge the law does not allow yet, or a year or customer that is not understood."""


@dataclass(frozen=True, slots=True)
class Cutoff:
    label: str  # what `--before` names: "2022" or "2021/2022"
    first_day: date  # everything dated before it is purged
    kept_until: date  # the last day the year before it must be kept

    @property
    def moment(self) -> datetime:
        """Midnight at the start of `first_day` in the merchant's zone (items are instants)."""
        return datetime.combine(self.first_day, time(), tzinfo=MERCHANT_TZ)


@dataclass(frozen=True, slots=True)
class PurgeResult:
    cutoff: Cutoff
    counts: PurgeCounts


@dataclass(frozen=True, slots=True)
class PurgeOffer:
    """The newest year whose predecessors' retention has ended, with data still to purge."""

    cutoff: Cutoff
    rows: int  # items and bank entries dated before it, not yet pseudonymised


def _plus_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def year_end(day: date, years: list[StoredYear]) -> date:
    """The last day of the financial year `day` belongs to."""
    for year in years:
        if year.from_date <= day <= year.to_date:
            return year.to_date
    return date(day.year, 12, 31)


def cutoff_for(label: str, years: list[StoredYear]) -> Cutoff:
    """The cut-off `--before label` means; refused when `label` is no year."""
    text = label.strip()
    if not _YEAR.match(text):
        no_year = QT_TRANSLATE_NOOP(
            "CLI", "--before {0!r}: expected a year, e.g. 2021 or 2021/2022"
        )
        raise PrivacyError(say(no_year, label))
    named = [y for y in years if y.year == text or y.year.split("/")[0] == text]
    first = named[0].from_date if named else date(int(text[:4]), 1, 1)
    return _cutoff(text, first, years)


def _cutoff(label: str, first_day: date, years: list[StoredYear]) -> Cutoff:
    end = year_end(first_day - timedelta(days=1), years)
    return Cutoff(label, first_day, _plus_years(end, RETENTION_YEARS))


def check_allowed(cutoff: Cutoff, today: date) -> None:
    if today <= cutoff.kept_until:
        kept = QT_TRANSLATE_NOOP(
            "CLI",
            "--before {0}: the years before {1} must be kept until {2} (five years from the end "
            "of the financial year, bogføringsloven §10); nothing was changed",
        )
        raise PrivacyError(
            say(kept, cutoff.label, cutoff.first_day.isoformat(), cutoff.kept_until.isoformat())
        )


def purge(db: Database, before: str | Cutoff, *, today: date | None = None) -> PurgeResult:
    """Pseudonymise everything dated before year `before` (a `--before` label, or the cut-off
    an offer computed), in one audited transaction."""
    day = today or datetime.now(MERCHANT_TZ).date()
    with db.transaction() as store:
        cutoff = before if isinstance(before, Cutoff) else cutoff_for(before, store.privacy.years())
        check_allowed(cutoff, day)
        counts = store.privacy.pseudonymise_before(cutoff.moment, cutoff.first_day)
        store.record(
            PURGE_ACTION,
            ["privacy"],
            {"before": cutoff.first_day.isoformat(), "year": cutoff.label, **counts.as_dict()},
        )
    db.compact_freed_pages()
    return PurgeResult(cutoff, counts)


def purge_offer(store: Store, *, today: date | None = None) -> PurgeOffer | None:
    """What the app offers to purge: None while no year with personal data has passed."""
    day = today or datetime.now(MERCHANT_TZ).date()
    oldest = store.privacy.oldest_day()
    if oldest is None:
        return None
    years = store.privacy.years()
    starts = {date(y, 1, 1): str(y) for y in range(oldest.year + 1, day.year + 1)}
    for year in years:  # e-conomic's years replace the calendar ones they overlap
        starts = {s: n for s, n in starts.items() if not year.from_date < s <= year.to_date}
        starts[year.from_date] = year.year
    allowed = [
        _cutoff(name, start, years)
        for start, name in starts.items()
        if start > oldest and day > _cutoff(name, start, years).kept_until
    ]
    if not allowed:
        return None
    newest = max(allowed, key=lambda c: c.first_day)
    done = store.privacy.purged_before()
    if done is not None and done >= newest.first_day:
        return None
    since = None if done is None else datetime.combine(done, time(), tzinfo=MERCHANT_TZ)
    rows = store.privacy.count_personal_before(newest.moment, newest.first_day, since=since)
    return PurgeOffer(newest, rows) if rows else None


def purged_before(store: Store) -> datetime | None:
    """The instant before which sync must not store anything again (it would bring names
    back); None before any purge."""
    done = store.privacy.purged_before()
    return None if done is None else datetime.combine(done, time(), tzinfo=MERCHANT_TZ)


# -- access request ----------------------------------------------------------------------------


def parse_customer(ref: str) -> tuple[str, str]:
    provider, sep, customer_id = ref.partition(":")
    if not sep or not provider or not customer_id:
        expected = QT_TRANSLATE_NOOP(
            "CLI", "--customer {0!r}: expected PROVIDER:CUSTOMER_ID, e.g. stripe:cus_NZbFQAsc0ptasX"
        )
        raise PrivacyError(say(expected, ref))
    return provider, customer_id


def export_customer(
    store: Store, ref: str | None = None, name: str | None = None
) -> dict[str, Any]:
    """Everything stored about one person (by platform customer, or by name): the items, the
    bank entries and matches they are in, the learned words, and the audit events' ids."""
    if ref is not None:
        items = store.privacy.customer_items(*parse_customer(ref))
    elif name:
        items = store.privacy.items_named(name)
    else:
        whose = QT_TRANSLATE_NOOP(
            "CLI", "say whose data: --customer PROVIDER:CUSTOMER_ID or --name NAME"
        )
        raise PrivacyError(say(whose))
    matches = store.privacy.matches_of(r.ref for r in items)
    bank_refs = {link.ref for m in matches for link in m.links if link.role == "bank"}
    bank = {r.ref: r for r in store.privacy.bank_entries(bank_refs)}
    if name:
        bank.update({r.ref: r for r in store.privacy.bank_entries_naming(name)})
    refs = [r.ref for r in items] + sorted(bank)
    audit = [e for r in refs for e in store.audit_events(subject=r, newest_first=False)]
    return {
        "subject": {"customer": ref, "name": name},
        "exported_at": datetime.now(MERCHANT_TZ).isoformat(timespec="seconds"),
        "platform_items": [row_dict(r, ITEM_COLUMNS) for r in items],
        "bank_entries": [row_dict(r, BANK_COLUMNS) for r in bank.values()],
        "matches": [_match_dict(m) for m in matches],
        "learned_words": [
            {"token": f.token, "hits": f.hits} for f in store.privacy.learned_for(ref or "")
        ],
        "audit_events": [
            {"seq": seq, "occurred_at": at, "action": action}
            for seq, at, action in sorted(
                {(e.seq, e.occurred_at.isoformat(), e.action) for e in audit}
            )
        ],
    }


def _match_dict(row: Any) -> dict[str, Any]:
    out = row_dict(row, MATCH_COLUMNS)
    out["id"] = f"m-{row.id:06d}"
    out["explanation"] = json.loads(out.pop("explanation_json"))
    out["refs"] = [link.ref for link in row.links]
    return out
