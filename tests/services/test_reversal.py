"""Reversing posted matches against the e-conomic sandbox over loopback: the reversal voucher
balances, every account goes back to what it was before the posting, the match is proposed
again, audited; posting it again makes a new voucher under a new marker; refusals."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from econdesk.accounting.marker import markers_in, match_id_of
from econdesk.connectors import eventloop
from econdesk.domain.model import MatchState
from econdesk.domain.money import Money
from econdesk.reports import VoucherStatus
from econdesk.sandbox.economic import EconomicSandbox
from econdesk.sandbox.economic.years import SandboxYear
from econdesk.services.posting import Outcome
from econdesk.services.report import Period, voucher_rows
from econdesk.services.reversal import ReversalError, reverse_match
from econdesk.storage import Database, PeriodLockedError, PostingStatus
from tests.services.posting_world import CLEARING, World, agreement


@pytest.fixture
def sandbox() -> Iterator[EconomicSandbox]:
    with EconomicSandbox(agreement(seed=71)) as running:
        yield running


def balances(sandbox: EconomicSandbox) -> dict[int, Decimal]:
    """Every account's balance in the sandbox's books (booked entries)."""
    data = sandbox.data
    with data.lock:
        accounts = {b.account for entries in data.by_year.values() for b in entries}
    return {a: data.balance(a) for a in sorted(accounts)}


def sent_vouchers(sandbox: EconomicSandbox, marker: str) -> int:
    """How many accepted vouchers carry `marker` (drafts and booked)."""
    found: set[tuple[str, int]] = set()
    data = sandbox.data
    with data.lock:
        for d in data.drafts.values():
            if marker in markers_in(d.text):
                found.add((d.year, d.voucher_number))
        for year, entries in data.by_year.items():
            for b in entries:
                if marker in markers_in(b.text) and b.voucher_number is not None:
                    found.add((year, b.voucher_number))
    return len(found)


def approve(db: Database, match_id: str) -> None:
    with db.transaction() as store:
        match = store.matches.get(match_id)
        store.matches.transition(match_id, MatchState.APPROVED, expected_version=match.version)


def test_reversal_puts_every_account_back_and_reopens_the_match(
    db: Database, sandbox: EconomicSandbox
) -> None:
    world = World.build(db, sandbox, seed=71, count=3)
    target = world.matches[1]
    before = balances(sandbox)
    report = eventloop.run(world.service(book=True).post([target.id]))
    assert report.ok, report
    posted = world.states()[target.id]
    assert posted.voucher is not None
    assert balances(sandbox)[CLEARING] != before[CLEARING]

    service = world.service(book=True, bilag=True)
    outcome = eventloop.run(reverse_match(service, target.id, reason="wrong payout"))

    assert outcome.ok, outcome
    assert outcome.outcome is Outcome.POSTED and outcome.voucher is not None
    assert outcome.reverses == (posted.voucher,)
    assert match_id_of(outcome.marker) == "r-" + target.id.removeprefix("m-")
    assert outcome.bilag.attached == ["r-" + target.id.removeprefix("m-")]
    ref = outcome.voucher
    assert (ref.journal, ref.year, ref.number) in sandbox.data.documents  # its own bilag
    # Every account (clearing, bank, revenue, VAT, fees, difference) is back where it was.
    after = balances(sandbox)
    assert {a: after.get(a, Decimal(0)) for a in after} == {
        a: before.get(a, Decimal(0)) for a in after
    }
    assert after[CLEARING] == before[CLEARING]
    match = world.states()[target.id]
    assert match.state is MatchState.PROPOSED and match.voucher is None
    with db.reader() as store:
        (event,) = store.audit_events(subject=target.id, action_prefix="match.reversed")
        reversal = store.postings.get("r-" + target.id.removeprefix("m-"))
        assert store.verify_audit().ok
    assert event.payload["reason"] == "wrong payout"
    assert event.payload["reversal"]["number"] == outcome.voucher.number
    assert event.payload["reverses"]["number"] == posted.voucher.number
    assert event.actor == "tester" or event.actor
    assert reversal is not None and reversal.status is PostingStatus.POSTED
    # The reversal voucher balances, line by line the original's opposite.
    assert sum((line.amount for line in reversal.voucher.lines), Money.zero("DKK")) == -sum(
        (line.amount for line in _original(db, target.id).lines), Money.zero("DKK")
    )
    assert all(outcome.marker in line.text for line in reversal.voucher.lines)
    assert not any(_original(db, target.id).marker in line.text for line in reversal.voucher.lines)
    assert sent_vouchers(sandbox, outcome.marker) == 1


def _original(db: Database, match_id: str):  # type: ignore[no-untyped-def]
    with db.reader() as store:
        posting = store.postings.at_round(match_id, 0)
    assert posting is not None
    return posting.voucher


def test_posting_again_after_a_reversal_makes_a_new_voucher_under_a_new_marker(
    sqlite_db: Database, sandbox: EconomicSandbox
) -> None:
    world = World.build(sqlite_db, sandbox, seed=72, count=2)
    assert eventloop.run(world.service().post()).ok
    target = world.matches[0]
    first = world.states()[target.id].voucher
    assert first is not None
    out = eventloop.run(reverse_match(world.service(), target.id, reason="matched wrongly"))
    assert out.outcome is Outcome.POSTED
    approve(sqlite_db, target.id)
    again = eventloop.run(world.service().post([target.id]))
    assert again.ok, again
    second = world.states()[target.id].voucher
    assert second is not None and second.number not in {first.number, out.voucher.number}  # type: ignore[union-attr]
    with sqlite_db.reader() as store:
        round0 = store.postings.at_round(target.id, 0)
        round1 = store.postings.at_round(target.id, 1)
    assert round0 is not None and round1 is not None
    assert round0.voucher.marker != round1.voucher.marker
    assert sent_vouchers(sandbox, round0.voucher.marker) == 1
    assert sent_vouchers(sandbox, round1.voucher.marker) == 1
    # ... and that one can be reversed too, under a marker of its own.
    out2 = eventloop.run(reverse_match(world.service(), target.id, reason="again wrong"))
    assert out2.outcome is Outcome.POSTED and out2.marker != out.marker
    assert out2.reverses == (second,)
    assert world.states()[target.id].state is MatchState.PROPOSED
    approve(sqlite_db, target.id)
    assert eventloop.run(world.service().post([target.id])).ok
    with sqlite_db.reader() as store:
        rows = [r for r in voucher_rows(store, Period()) if r.match_id == target.id]
    third = world.states()[target.id].voucher
    assert out2.voucher is not None and third is not None
    # The report lists every voucher posted for it, in voucher order, each marked.
    assert [(r.voucher, r.status, r.related) for r in rows] == [
        (first, VoucherStatus.REVERSED, (out.voucher,)),
        (out.voucher, VoucherStatus.REVERSAL, (first,)),
        (second, VoucherStatus.REVERSED, (out2.voucher,)),
        (out2.voucher, VoucherStatus.REVERSAL, (second,)),
        (third, VoucherStatus.REPOSTED, ()),
    ]
    assert [r.reason for r in rows] == [None, "matched wrongly", None, "again wrong", None]
    deposit = rows[0].amount
    assert [r.amount for r in rows] == [deposit, -deposit, deposit, -deposit, deposit]


def test_only_a_posted_match_is_reversed_and_a_reason_is_needed(
    sqlite_db: Database, sandbox: EconomicSandbox
) -> None:
    world = World.build(sqlite_db, sandbox, seed=73, count=1)
    (match,) = world.matches
    with pytest.raises(ReversalError, match=f"only posted matches can be reversed: {match.id}"):
        eventloop.run(reverse_match(world.service(), match.id, reason="x"))
    assert eventloop.run(world.service().post()).ok
    with pytest.raises(ReversalError, match="needs a reason"):
        eventloop.run(reverse_match(world.service(), match.id, reason="  "))
    assert sandbox.data.posted and len(sandbox.data.posted) == 1  # nothing else was sent


def test_a_signed_off_month_is_refused_naming_the_period(
    sqlite_db: Database, sandbox: EconomicSandbox
) -> None:
    world = World.build(sqlite_db, sandbox, seed=74, count=1)
    (match,) = world.matches
    assert eventloop.run(world.service().post()).ok
    with sqlite_db.reader() as store:
        entry = store.bank_entries.get(match.bank_refs[0])
    assert entry is not None
    period = f"{entry.entry_date:%Y-%m}"
    with sqlite_db.transaction() as store:
        store.periods.sign_off(
            period, report_hash="0" * 64, audit_seq=1, audit_hash="0" * 64, balances={}
        )
    with pytest.raises(PeriodLockedError, match=period):
        eventloop.run(reverse_match(world.service(), match.id, reason="wrong"))
    assert world.states()[match.id].state is MatchState.POSTED


def test_a_closed_year_needs_a_date_in_an_open_one(
    sqlite_db: Database, sandbox: EconomicSandbox
) -> None:
    world = World.build(sqlite_db, sandbox, seed=75, count=1)
    (match,) = world.matches
    assert eventloop.run(world.service(book=True).post()).ok
    voucher = world.states()[match.id].voucher
    assert voucher is not None
    data = sandbox.data
    with data.lock:
        year = next(y for y in data.years if y.year == voucher.year)
        following = data.year_of(year.to_date + timedelta(days=1))
        if following is None:
            end = date(year.to_date.year + 1, year.to_date.month, year.to_date.day)
            following = SandboxYear(
                f"{year.to_date.year}/{end.year}", year.to_date + timedelta(days=1), end
            )
            data.years.append(following)
        data.years = [dataclasses.replace(y, closed=y.year == year.year) for y in data.years]
        data.version += 1
    with pytest.raises(ReversalError, match=f"accounting year {year.year}, which is closed"):
        eventloop.run(reverse_match(world.service(), match.id, reason="wrong"))
    early = eventloop.run(_refused(world, match.id, year.from_date))
    assert "before the voucher it reverses" in early
    on = following.from_date + timedelta(days=14)
    out = eventloop.run(reverse_match(world.service(), match.id, reason="wrong", on=on))
    assert out.outcome is Outcome.POSTED, out
    with sqlite_db.reader() as store:
        reversal = store.postings.get("r-" + match.id.removeprefix("m-"))
    assert reversal is not None
    assert {line.entry_date for line in reversal.voucher.lines} == {on}
    assert reversal.voucher.accounting_year == following.year


async def _refused(world: World, match_id: str, on: date) -> str:
    try:
        await reverse_match(world.service(), match_id, reason="wrong", on=on)
    except ReversalError as exc:
        return str(exc)
    raise AssertionError("not refused")


class SplitsVouchers:
    """The real client, except that each voucher's last entry is numbered apart, as
    e-conomic numbers entries that name their own voucher: one posting, two vouchers."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    async def post_vouchers(
        self, journal_number: int, vouchers: Any, *, idempotency_key: str
    ) -> Any:
        bodies = copy.deepcopy(list(vouchers))
        for body in bodies:
            entries = [e for kind in body["entries"].values() for e in kind]
            entries[-1]["voucher"] = {"voucherNumber": 4242}
        return await self.inner.post_vouchers(
            journal_number, bodies, idempotency_key=idempotency_key
        )


def test_a_split_posting_gets_a_bilag_per_voucher_and_is_reversed_whole(
    sqlite_db: Database, sandbox: EconomicSandbox
) -> None:
    world = World.build(sqlite_db, sandbox, seed=76, count=1)
    (match,) = world.matches
    before = balances(sandbox)
    report = eventloop.run(world.service(book=True, bilag=True, wrap=SplitsVouchers).post())
    assert report.ok, report
    with sqlite_db.reader() as store:
        posting = store.postings.get(match.id)
        assert posting is not None
        parts = store.postings.vouchers(posting)
    assert len(parts) == 2 and 4242 in {p.number for p in parts}
    # Each voucher of the split has its own bilag, attached once.
    assert {(p.journal, p.year, p.number) for p in parts} <= set(sandbox.data.documents)
    assert report.bilag.attached == [match.id, match.id]
    again = eventloop.run(world.service(bilag=True).post())
    assert again.bilag.attached == [] and again.bilag.failed == []

    out = eventloop.run(reverse_match(world.service(book=True), match.id, reason="split wrong"))
    assert out.outcome is Outcome.POSTED, out
    assert set(out.reverses) == set(parts)
    with sqlite_db.reader() as store:
        reversal = store.postings.get("r-" + match.id.removeprefix("m-"))
    assert reversal is not None
    numbers = ", ".join(str(p.number) for p in parts)
    assert all(numbers in line.text for line in reversal.voucher.lines)
    after = balances(sandbox)
    assert {a: after[a] for a in after} == {a: before.get(a, Decimal(0)) for a in after}


def test_a_period_closed_in_e_conomic_leaves_it_posted_until_booked_on_an_open_day(
    sqlite_db: Database, sandbox: EconomicSandbox
) -> None:
    world = World.build(sqlite_db, sandbox, seed=77, count=1)
    (match,) = world.matches
    assert eventloop.run(world.service().post()).ok
    with sqlite_db.reader() as store:
        entry = store.bank_entries.get(match.bank_refs[0])
    assert entry is not None
    sandbox.data.close_period(entry.entry_date)
    refused = eventloop.run(reverse_match(world.service(), match.id, reason="wrong"))
    assert refused.outcome is Outcome.UNPOSTED
    assert refused.reason is not None and "closed in e-conomic" in refused.reason
    # Said as a reversal's refusal (not posting's "then post again"), kept with the posting.
    assert "Reverse it again on a day of an open period (--date" in refused.reason
    assert "post again" not in refused.reason
    assert refused.closed is not None and str(refused.refusal) == refused.reason
    with sqlite_db.reader() as store:
        kept = store.postings.get("r-" + match.id.removeprefix("m-"))
    assert kept is not None and kept.last_error == refused.reason
    assert world.states()[match.id].state is MatchState.POSTED
    # Signed off in econdesk, a day is refused too, naming its month.
    later = date(entry.entry_date.year, entry.entry_date.month, 28) + timedelta(days=7)
    month = f"{later:%Y-%m}"
    with sqlite_db.transaction() as store:
        store.periods.sign_off(
            month, report_hash="0" * 64, audit_seq=1, audit_hash="0" * 64, balances={}
        )
    with pytest.raises(ReversalError, match=f"is in {month}, which is signed off"):
        eventloop.run(reverse_match(world.service(), match.id, reason="wrong", on=later))
    with sqlite_db.transaction() as store:
        store.periods.reopen(month, "the reversal goes here")
    out = eventloop.run(reverse_match(world.service(), match.id, reason="wrong", on=later))
    assert out.outcome is Outcome.POSTED, out
    assert sent_vouchers(sandbox, out.marker) == 1
    with sqlite_db.reader() as store:
        reversal = store.postings.get("r-" + match.id.removeprefix("m-"))
    assert reversal is not None and reversal.attempts == 2
