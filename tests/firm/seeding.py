"""Clients with stores to show: shared by the overview's tests and its benchmark."""

from __future__ import annotations

from econdesk import clients
from econdesk.domain import MatchState
from econdesk.storage import open_database
from tests.storage.helpers import entry, payment, seed_pair

CONFIG = """[economic]
bank_account = 5820

[providers.stripe]
clearing_account = 5830
fee_account = 7220
booking = "settle"
"""


def add_client(name: str) -> clients.Client:
    """A client in the registry with a config file (Stripe's clearing account 5830, no
    credentials) and no store yet."""
    registry = clients.adopt_single_setup()
    client = clients.add(registry, name, database=None, schema=None)
    clients.save_registry(clients.with_client(registry, client))
    client.config_path.parent.mkdir(parents=True, exist_ok=True)
    client.config_path.write_text(CONFIG, encoding="utf-8")
    return client


def seed_store(client: clients.Client, deposits: int = 3, approvals: int = 1) -> None:
    """`deposits` unmatched deposits of 100.00 DKK (one a payment too), `approvals` approved
    matches not yet posted."""
    db = open_database(client.database_url)
    try:
        for n in range(1, approvals + 1):
            match = seed_pair(db, n)
            with db.transaction() as store:
                store.matches.transition(match.id, MatchState.APPROVED, expected_version=1)
        with db.transaction() as store:
            for n in range(100, 100 + deposits):
                store.bank_entries.upsert(entry(n, "100.00"))
            store.bank_entries.upsert(entry(99, "-40.00"))  # money out: not a deposit
            store.items.upsert(payment("p100", "250.00", provider="frisbii"))
    finally:
        db.dispose()
