"""No ghost bank entries: a booked draft is the same deposit, a deleted one is gone, and lines
econdesk posted itself are never offered as deposits."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from econdesk.connectors import eventloop
from econdesk.connectors.economic.client import EconomicClient
from econdesk.domain.model import ItemKind, Match, MatchMethod, MatchState, PlatformItem
from econdesk.domain.money import Money
from econdesk.sandbox.economic import EconomicSandbox
from econdesk.services.matching import MatchingService
from econdesk.services.sync import EconomicBank, SyncService
from econdesk.storage import Database
from tests.services.posting_world import BANK, CLEARING, FAST_RETRY, agreement

DAY = date(2026, 2, 10)


def _client(sandbox: EconomicSandbox) -> EconomicClient:
    return EconomicClient(
        sandbox.app_secret_token,
        sandbox.agreement_grant_token,
        base_url=sandbox.base_url,
        journals_url=sandbox.journals_url,
        retry=FAST_RETRY,
    )


def _draft(sandbox: EconomicSandbox, amount: str, text: str) -> int:
    """A bank-feed line in the daybook: bank debit, clearing credit. Its journal entry number."""
    body: dict[str, Any] = {
        "accountingYear": {"year": "2025/2026"},
        "entries": {
            "financeVouchers": [
                {
                    "date": DAY.isoformat(),
                    "amount": Decimal(amount),
                    "currency": {"code": "DKK"},
                    "text": text,
                    "account": {"accountNumber": BANK},
                    "contraAccount": {"accountNumber": CLEARING},
                }
            ]
        },
    }

    async def post() -> int:
        async with _client(sandbox) as client:
            result = await client.post_vouchers(1, [body], idempotency_key=f"feed-{text}")
        return result.entry_numbers[0]

    return eventloop.run(post())


def _sync(db: Database, sandbox: EconomicSandbox) -> None:
    service = SyncService(db, economic=EconomicBank(lambda: _client(sandbox), BANK))
    report = service.run(date(2026, 1, 1), date(2026, 3, 31))
    assert report.ok, report


def _match(db: Database, bank_ref: str, n: int, state: MatchState) -> Match:
    item = PlatformItem(
        provider="stripe",
        external_id=f"txn_{n}",
        kind=ItemKind.PAYMENT,
        amount=Money.of("250.00", "DKK"),
        occurred_at=datetime(2026, 2, 8, tzinfo=UTC),
    )
    with db.transaction() as store:
        store.items.upsert_many([item])
        return store.matches.create(
            Match(
                id="", state=state, method=MatchMethod.MANUAL, score=1.0, auto=False,
                bank_refs=(bank_ref,), item_refs=(item.ref,),
                amount=Money.of("250.00", "DKK"), difference=Money.of("0", "DKK"),
            )
        )  # fmt: skip


def test_a_booked_draft_hands_its_match_to_the_booked_entry(sqlite_db: Database) -> None:
    with EconomicSandbox(agreement(71)) as sandbox:
        number = _draft(sandbox, "250.00", "STRIPE PAYOUT po_71")
        _sync(sqlite_db, sandbox)
        draft_ref = f"economic-draft:{number}"
        match = _match(sqlite_db, draft_ref, 71, MatchState.APPROVED)

        async def book() -> None:
            async with _client(sandbox) as client:
                await client.book_draft_entries(1, [number], idempotency_key=None)

        eventloop.run(book())
        _sync(sqlite_db, sandbox)
        with sqlite_db.reader() as store:
            booked = [e for e in store.bank_entries.find() if e.origin.value == "economic"]
            (entry,) = [e for e in booked if e.text == "STRIPE PAYOUT po_71"]
            taken = store.matches.get(match.id)
            assert taken.bank_refs == (entry.ref,)
            assert taken.state is MatchState.APPROVED and taken.version > match.version
            assert store.bank_entries.unmatched() == []  # neither is a second deposit
            shown = store.bank_entries.find(current_only=True)  # what the app's list shows
            assert [e.ref for e in shown if "po_71" in e.text] == [entry.ref]
            assert store.bank_entries.unusable([draft_ref]) == {
                draft_ref: f"booked in e-conomic as {entry.ref}"
            }
            events = store.audit_events(action_prefix="match.ref_replaced")
            assert events and set(events[0].subjects) >= {match.id, draft_ref, entry.ref}
        _sync(sqlite_db, sandbox)  # nothing more happens on a rerun
        with sqlite_db.reader() as store:
            assert len(store.audit_events(action_prefix="match.ref_replaced")) == 1


def test_a_deleted_draft_is_gone_and_its_proposal_withdrawn(sqlite_db: Database) -> None:
    with EconomicSandbox(agreement(72)) as sandbox:
        number = _draft(sandbox, "250.00", "STRIPE PAYOUT po_72")
        _sync(sqlite_db, sandbox)
        draft_ref = f"economic-draft:{number}"
        match = _match(sqlite_db, draft_ref, 72, MatchState.PROPOSED)
        sandbox.data.remove_drafts([number])
        _sync(sqlite_db, sandbox)
        with sqlite_db.reader() as store:
            assert store.matches.get(match.id).state is MatchState.WITHDRAWN
            assert store.bank_entries.unmatched() == []
            assert "deleted" in store.bank_entries.unusable([draft_ref])[draft_ref]
            assert draft_ref not in {e.ref for e in store.bank_entries.find(current_only=True)}
            assert store.audit_events(action_prefix="bank_entry.gone")


def test_lines_econdesk_posted_are_never_offered_as_deposits(sqlite_db: Database) -> None:
    with EconomicSandbox(agreement(73)) as sandbox:
        _draft(sandbox, "250.00", "ED-m-000009-0a1b2c3d Stripe payout po_9")
        _draft(sandbox, "250.00", "STRIPE PAYOUT po_73")
        _sync(sqlite_db, sandbox)
        with sqlite_db.reader() as store:
            assert len(store.bank_entries.unmatched()) == 2  # both stored, as e-conomic has them
        run = MatchingService(sqlite_db).run()
        assert run.open_bank == 1  # only the bank's own line is a deposit


def test_an_approved_match_on_a_deleted_draft_is_not_posted(sqlite_db: Database) -> None:
    from econdesk.services.posting import Outcome
    from tests.services.posting_world import World

    with EconomicSandbox(agreement(74)) as sandbox:
        world = World.build(sqlite_db, sandbox, seed=74, count=2)
        gone = world.matches[0]
        with sqlite_db.transaction() as store:
            store.bank_entries.mark_gone(gone.bank_refs[0])
        report = eventloop.run(world.service().post())
        outcomes = {o.match_id: o for o in report.outcomes}
        assert outcomes[gone.id].outcome is Outcome.UNPOSTED
        assert "no longer in e-conomic's daybook" in (outcomes[gone.id].reason or "")
        assert outcomes[world.matches[1].id].outcome is Outcome.POSTED
        assert world.states()[gone.id].state is MatchState.APPROVED


def test_a_draft_taken_for_deleted_is_settled_as_booked_when_its_entry_turns_up(
    sqlite_db: Database,
) -> None:
    """The draft left the daybook without a booked entry (taken for deleted); later the same
    voucher is booked: the sync that first sees the booked entry settles the draft as booked."""
    with EconomicSandbox(agreement(73)) as sandbox:
        number = _draft(sandbox, "250.00", "STRIPE PAYOUT po_73")
        _sync(sqlite_db, sandbox)
        draft_ref = f"economic-draft:{number}"
        match = _match(sqlite_db, draft_ref, 73, MatchState.APPROVED)
        with sandbox.data.lock:
            draft = sandbox.data.drafts[number]
            sandbox.data.remove_drafts([number])
        _sync(sqlite_db, sandbox)
        with sqlite_db.reader() as store:
            assert "deleted" in store.bank_entries.unusable([draft_ref])[draft_ref]
        with sandbox.data.lock:
            sandbox.data.add_draft(draft)

        async def book() -> None:
            async with _client(sandbox) as client:
                await client.book_draft_entries(1, [number], idempotency_key=None)

        eventloop.run(book())
        _sync(sqlite_db, sandbox)
        with sqlite_db.reader() as store:
            (entry,) = [e for e in store.bank_entries.find() if e.origin.value == "economic"]
            assert store.matches.get(match.id).bank_refs == (entry.ref,)
            assert store.bank_entries.unusable([draft_ref]) == {
                draft_ref: f"booked in e-conomic as {entry.ref}"
            }
