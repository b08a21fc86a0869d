"""Closing a month: sign-off by its preparer, approval by a reviewer, reopening with a reason.

A sign-off records what was signed, so that it can be checked later:

- **the report's hash**: SHA-256 over a deterministic rendering of the month's report data
  (`report_digest`): the period, then every match row, payout row, open bank entry, open
  item and voucher row the report workbook shows (every voucher econdesk posted: originals
  later reversed, marked so, the reversals and the reposts), each as canonical JSON (sorted
  keys, exact decimals), one per line, in the report's order; then the clearing balances
  recorded. The audit sheet and the time of writing are left out (the log grows with the
  sign-off itself): the audit head anchors the log instead.
- **the audit head**: the newest event's number and hash before the sign-off's own event.
- **each clearing account's balance**: from e-conomic (booked, and with drafts) through the
  connector when it can be asked, else econdesk's own figure: the net of the month's posted
  voucher lines on the account (`source` says which).

The month is then locked (`storage.repos.periods`). Sign-off runs in one write transaction
under the store's writer lock, so an approval racing it either committed before (and is in
the hash) or waits and is refused. A month with a posting still on its way (claimed or sent)
cannot be signed off: the voucher would land in a locked month.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from econdesk.connectors.platform import MERCHANT_TZ
from econdesk.domain.model import MatchState
from econdesk.errors import EcondeskError
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say
from econdesk.services.report import (
    Ledger,
    Period,
    match_rows,
    open_bank_entries,
    open_items,
    payout_rows,
    posted_vouchers,
    voucher_rows,
)
from econdesk.storage import (
    Database,
    PeriodSignoff,
    PeriodState,
    Store,
    parse_period,
    period_of,
)
from econdesk.storage.jsoncodec import canonical_json

if TYPE_CHECKING:
    from econdesk.reports import ClearingBalance


@dataclass(frozen=True, slots=True)
class PeriodStatus:
    """One month as `econdesk period list` shows it."""

    period: str
    state: PeriodState
    signoff: PeriodSignoff | None
    matches: int  # matches with a bank entry in the month
    unposted: int  # of those, proposed, approved or parked


def report_digest(store: Store, period: str, balances: dict[str, Any]) -> str:
    """SHA-256 (hex) of the month's report data; see the module docstring."""
    first, last = parse_period(period)
    window = Period(first, last)
    digest = hashlib.sha256()

    def feed(kind: str, rows: Iterable[Any]) -> None:
        for row in rows:
            digest.update(canonical_json([kind, row]).encode("utf-8"))
            digest.update(b"\n")

    feed("period", [period])
    feed("match", match_rows(store, window))
    feed("payout", payout_rows(store, window))
    feed("open_bank_entry", open_bank_entries(store, window))
    feed("open_item", open_items(store, window, MERCHANT_TZ))
    feed("voucher", voucher_rows(store, window))
    feed("balances", [balances])
    return digest.hexdigest()


def balances_from_ledger(clearing: Iterable[ClearingBalance]) -> dict[str, Any]:
    return {
        "source": "economic",
        "accounts": {
            str(b.account): {
                "booked": b.balance,
                "with_drafts": b.draft_balance,
                "providers": b.provider,
            }
            for b in clearing
        },
    }


def own_balances(
    store: Store, period: str, accounts: Iterable[tuple[str, int]], note: str
) -> dict[str, Any]:
    """econdesk's own figure per clearing account: the net of the month's posted voucher lines
    on it (debit positive), for when e-conomic cannot be asked (`note` says why)."""
    first, last = parse_period(period)
    wanted = {number: name for name, number in accounts}
    nets: dict[int, dict[str, Decimal]] = {n: {} for n in wanted}
    # Each voucher's own lines: an original, its reversal (opposite signs) and a repost each
    # count, so a reversal nets out what it reverses.
    for posted in posted_vouchers(store, Period(first, last)):
        for line in posted.voucher.lines:
            amount = line.amount_base or line.amount
            for account, sign in ((line.account, 1), (line.contra_account, -1)):
                if account in nets:
                    sums = nets[account]
                    sums[amount.currency] = sums.get(amount.currency, Decimal(0)) + sign * (
                        amount.amount
                    )
    return {
        "source": "econdesk",
        "note": note,
        "accounts": {
            str(number): {
                "net_posted": {c: f"{v:f}" for c, v in sorted(nets[number].items())},
                "providers": wanted[number],
            }
            for number in sorted(wanted)
        },
    }


class PeriodService:
    """Sign-off, approval and reopening of months; listing their state."""

    def __init__(
        self,
        database: Database,
        *,
        ledger: Callable[[], Ledger],
        clearing_accounts: Iterable[tuple[str, int]] = (),
    ) -> None:
        self.database = database
        self.ledger = ledger
        self.clearing_accounts = tuple(clearing_accounts)

    def sign_off(self, period: str) -> PeriodSignoff:
        parse_period(period)
        ledger = self.ledger()  # outside the transaction: the network does not hold the lock
        with self.database.transaction() as store:
            self._ensure_nothing_in_flight(store, period)
            if ledger.clearing:
                balances = balances_from_ledger(ledger.clearing)
            else:
                balances = own_balances(store, period, self.clearing_accounts, ledger.note)
            head = store.audit_events(limit=1)
            seq, head_hash = (head[0].seq, head[0].hash) if head else (0, "0" * 64)
            return store.periods.sign_off(
                period,
                report_hash=report_digest(store, period, balances),
                audit_seq=seq,
                audit_hash=head_hash,
                balances=balances,
            )

    def approve(self, period: str) -> PeriodSignoff:
        with self.database.transaction() as store:
            return store.periods.approve(period)

    def reopen(self, period: str, reason: str) -> PeriodSignoff:
        with self.database.transaction() as store:
            return store.periods.reopen(period, reason)

    def verify(self, period: str) -> bool:
        """Whether the month's report data still hashes to what its sign-off recorded."""
        with self.database.reader() as store:
            signoff = store.periods.get(period)
            if signoff is None:
                raise EcondeskError(
                    say(QT_TRANSLATE_NOOP("CLI", "{0} has not been signed off"), period)
                )
            return report_digest(store, period, signoff.balances) == signoff.report_hash

    def list(self) -> list[PeriodStatus]:
        """Every month with a bank entry in a match, or with a sign-off, newest first."""
        with self.database.reader() as store:
            signoffs = {s.period: s for s in store.periods.all()}
            counts: dict[str, list[int]] = {}
            matches = store.matches.find()
            months = store.periods.periods_of_matches(m.id for m in matches)
            waiting = {MatchState.PROPOSED, MatchState.APPROVED, MatchState.PARKED}
            for m in matches:
                if m.state in (MatchState.REJECTED, MatchState.WITHDRAWN):
                    continue
                for month in months.get(m.id, ()):
                    tally = counts.setdefault(month, [0, 0])
                    tally[0] += 1
                    tally[1] += m.state in waiting
        periods = sorted(set(counts) | set(signoffs), reverse=True)
        return [
            PeriodStatus(
                p,
                signoffs[p].state if p in signoffs else PeriodState.OPEN,
                signoffs.get(p),
                *counts.get(p, [0, 0]),
            )
            for p in periods
        ]

    @staticmethod
    def _ensure_nothing_in_flight(store: Store, period: str) -> None:
        # claimed or sent: a match's posting, or its reversal's ("r-000123" is m-000123's)
        in_flight = [
            "m-" + p.match_id[2:] if p.match_id.startswith("r-") else p.match_id
            for p in store.postings.in_doubt()
            if not p.match_id.startswith("s-")
        ]
        months = store.periods.periods_of_matches(in_flight)
        busy = sorted(m for m, found in months.items() if period in found)
        if busy:
            busy_text = QT_TRANSLATE_NOOP(
                "CLI",
                "{0} cannot be signed off while {1} is being posted: run `econdesk post` to "
                "settle it first",
            )
            raise EcondeskError(say(busy_text, period, ", ".join(busy)))


def current_period(today: date) -> str:
    return period_of(today)
