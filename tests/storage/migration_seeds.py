"""Rows written with plain SQL into a database at each schema revision, before upgrading it.

Add an entry for every new migration: a function that fills each table as that revision's
schema stands, so the upgrade test proves no row is lost on the way to the newest schema.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlalchemy import Connection, inspect, text

T = "2026-01-05 10:00:00.000000"


def _seed_0001(conn: Connection) -> dict[str, int]:
    stamps = {
        "t": T,
        "explanation": json.dumps([{"term": "reference", "detail": "po_1", "weight": 0.6}]),
        "cursor": json.dumps({"after": "txn_1"}),
        "mappings": json.dumps(
            {"customers": [], "default_revenue_account": None, "default_vat_code": None,
             "difference_account": 7290, "plans": [], "providers": [], "tolerances": {}}
        ),
        "voucher": json.dumps(
            {"accounting_year": "2026", "journal": 1, "marker": "ED-1", "match_id": "m-000001",
             "lines": [{"account": 5820, "amount": {"amount": "1250.00", "currency": "DKK"},
                        "amount_base": None, "contra_account": 5830, "contra_vat_code": None,
                        "customer_invoice": None, "customer_number": None,
                        "entry_date": "2026-01-05", "exchange_rate": None,
                        "kind": "financeVouchers", "text": "po_1", "vat_code": None}]}
        ),
    }  # fmt: skip
    # From 0008 on a posting names its kind and subject (the same seed at every revision).
    later = "subject" in {c["name"] for c in inspect(conn).get_columns("postings")}
    sub, sub_value = (", kind, subject", ", 'match', 'm-000001'") if later else ("", "")
    statements = [
        "INSERT INTO bank_entries (id, ref, origin, external_id, account_number, entry_date, "
        "amount_minor, currency, text, first_seen_at, updated_at) VALUES "
        "(1, 'economic:4711', 'economic', '4711', 5820, '2026-01-05', 125000, 'DKK', "
        "'Stripe payout po_1', :t, :t)",
        "INSERT INTO platform_items (id, ref, provider, external_id, kind, amount_minor, "
        "currency, fee_minor, occurred_at, payout_ref, references_json, description, "
        "first_seen_at, updated_at) VALUES (1, 'stripe:txn_1', 'stripe', 'txn_1', 'payment', "
        "128000, 'DKK', 3000, :t, 'stripe:po_1', '[]', '', :t, :t)",
        "INSERT INTO payouts (id, ref, provider, external_id, kind, amount_minor, currency, "
        "arrival_date, status, has_breakdown, first_seen_at, updated_at) VALUES "
        "(1, 'stripe:po_1', 'stripe', 'po_1', 'payout', 125000, 'DKK', '2026-01-05', 'paid', "
        "true, :t, :t)",
        "INSERT INTO payout_components (payout_id, position, component_ref) VALUES "
        "(1, 0, 'stripe:txn_1')",
        "INSERT INTO matches (id, state, method, score, auto, amount_minor, currency, "
        "difference_minor, explanation_json, note, version, voucher_journal, voucher_year, "
        "voucher_number, created_at, created_by, updated_at, updated_by) VALUES "
        "(1, 'posted', 'payout', 0.97, true, 125000, 'DKK', 0, "
        '\'[{"term": "reference", "detail": "po_1 in text", "weight": 0.6}]\', \'\', 3, '
        "1, '2026', 50026, :t, 'seed', :t, 'seed')",
        "INSERT INTO match_links (match_id, position, role, ref, live) VALUES "
        "(1, 0, 'bank', 'economic:4711', true), (1, 1, 'item', 'stripe:po_1', true), "
        "(1, 2, 'component', 'stripe:txn_1', true)",
        "INSERT INTO rejected_pairs (bank_ref, item_ref, match_id, rejected_at, rejected_by) "
        "VALUES ('economic:1', 'stripe:x', NULL, :t, 'seed')",
        "INSERT INTO learned_memory (id, kind, token, value, hits, first_learned_at, "
        "last_used_at) VALUES (1, 'customer', 'acme', '1001', 2, :t, :t)",
        "INSERT INTO sync_cursors (source, state_json, updated_at) VALUES "
        "('stripe:balance_transactions', :cursor, :t)",
        "INSERT INTO mapping_snapshots (version, data_json, note, created_at, created_by) "
        "VALUES (1, :mappings, '', :t, 'seed')",
        "INSERT INTO postings (id, match_id, journal, accounting_year, marker, idempotency_key, "
        f"status, voucher_number, voucher_json, attempts, claimed_at, claimed_by, updated_at{sub}) "
        "VALUES (1, 1, 1, '2026', 'ED-1', 'key-1', 'posted', 50026, :voucher, 1, :t, 'seed', :t"
        f"{sub_value})",
    ]
    for statement in statements:
        conn.execute(text(statement), stamps)
    return {
        "bank_entries": 1, "platform_items": 1, "payouts": 1, "payout_components": 1,
        "matches": 1, "match_links": 3, "rejected_pairs": 1, "learned_memory": 1,
        "sync_cursors": 1, "mapping_snapshots": 1, "postings": 1,
    }  # fmt: skip


def _seed_0002(conn: Connection) -> dict[str, int]:
    """0001's rows, and the posted match keeps the fee the matcher inferred (0002's column)."""
    counts = _seed_0001(conn)
    conn.execute(text("UPDATE matches SET inferred_fee_minor = 300 WHERE id = 1"))
    return counts


def _seed_0003(conn: Connection) -> dict[str, int]:
    """0002's rows, and econdesk booked the posted voucher's drafts (0003's column)."""
    counts = _seed_0002(conn)
    conn.execute(text("UPDATE postings SET booked_at = :t WHERE id = 1"), {"t": T})
    return counts


def _seed_0004(conn: Connection) -> dict[str, int]:
    """0003's rows, and an accounting year sync saw (0004's table)."""
    counts = _seed_0003(conn)
    conn.execute(
        text(
            "INSERT INTO accounting_years (year, from_date, to_date, updated_at) VALUES "
            "('2025/2026', '2025-07-01', '2026-06-30', :t)"
        ),
        {"t": T},
    )
    return {**counts, "accounting_years": 1}


def _seed_0005(conn: Connection) -> dict[str, int]:
    """0004's rows; the posting records when its key was sent, and a draft that is gone."""
    counts = _seed_0004(conn)
    conn.execute(text("UPDATE postings SET sent_at = :t WHERE id = 1"), {"t": T})
    conn.execute(
        text("UPDATE bank_entries SET gone_at = :t, booked_as = 'economic:4712' WHERE id = 1"),
        {"t": T},
    )
    return counts


def _seed_0006(conn: Connection) -> dict[str, int]:
    """0005's rows, and two published rates (0006's table)."""
    counts = _seed_0005(conn)
    conn.execute(
        text(
            "INSERT INTO exchange_rates (currency, rate_date, source, rate_per_100, fetched_at) "
            "VALUES ('EUR', '2026-01-02', 'nationalbanken', '746.04', :t), "
            "('USD', '2026-01-02', 'ecb', '689.551234', :t)"
        ),
        {"t": T},
    )
    return {**counts, "exchange_rates": 2}


def _seed_0010(conn: Connection) -> dict[str, int]:
    """0006's rows, a rule and the lines set aside (one by the rule, one by hand)."""
    counts = _seed_0006(conn)
    conn.execute(
        text(
            "INSERT INTO bank_rules (id, label, contains, pattern, counterparty, min_minor, "
            "max_minor, currency, sign, note, created_at, created_by) VALUES "
            "(1, 'rent', 'husleje', '', '', 1000000, 2000000, 'DKK', 'out', '', :t, 'seed')"
        ),
        {"t": T},
    )
    conn.execute(
        text(
            "INSERT INTO set_aside_lines (bank_ref, rule_id, label, set_at, set_by) VALUES "
            "('economic:9001', 1, 'rent', :t, 'seed'), ('economic:9002', NULL, 'tax', :t, 'seed')"
        ),
        {"t": T},
    )
    return {**counts, "bank_rules": 1, "set_aside_lines": 2}


def _seed_0011(conn: Connection) -> dict[str, int]:
    """0010's rows, a signed-off month and the posted voucher's attached bilag (0011's)."""
    counts = _seed_0010(conn)
    conn.execute(
        text(
            "INSERT INTO period_signoffs (period, state, preparer, signed_at, report_hash, "
            "audit_seq, audit_hash, balances_json, version) VALUES ('2026-01', 'signed', "
            "'seed', :t, :h, 0, :h, '{}', 1)"
        ),
        {"t": T, "h": "0" * 64},
    )
    conn.execute(
        text(
            "INSERT INTO bilag_attachments (journal, accounting_year, voucher_number, match_id, "
            "status, sha256, size, attempts, updated_at, attached_at) VALUES "
            "(1, '2026', 50026, 1, 'attached', :h, 1234, 1, :t, :t)"
        ),
        {"t": T, "h": "0" * 64},
    )
    return {**counts, "period_signoffs": 1, "bilag_attachments": 1}


def _seed_0012(conn: Connection) -> dict[str, int]:
    """0011's rows, and the item's VAT facts as the platform stated them (0012's column)."""
    counts = _seed_0011(conn)
    facts = '{"buyer_vat_number": null, "country": null, "rate": "25", "reverse_charge": false}'
    conn.execute(text("UPDATE platform_items SET vat_facts_json = :f WHERE id = 1"), {"f": facts})
    return counts


def _seed_0013(conn: Connection) -> dict[str, int]:
    """0012's rows, a daily sales summary of one item and its posting (0013's tables and the
    postings' kind, subject and summary)."""
    counts = _seed_0012(conn)
    voucher = json.dumps(
        {"accounting_year": "2026", "journal": 1, "marker": "ED-s-000001-0badf00d",
         "match_id": "s-000001",
         "lines": [{"account": 1000, "amount": {"amount": "-1280.00", "currency": "DKK"},
                    "amount_base": None, "contra_account": 5830, "contra_vat_code": None,
                    "customer_invoice": None, "customer_number": None,
                    "entry_date": "2026-01-04", "exchange_rate": None,
                    "kind": "financeVouchers", "text": "sales", "vat_code": "U25"}]}
    )  # fmt: skip
    statements = [
        "INSERT INTO sales_summaries (id, provider, day, sequence, created_at, created_by) "
        "VALUES (1, 'stripe', '2026-01-04', 0, :t, 'seed')",
        "INSERT INTO sales_summary_items (item_ref, summary_id, amount_minor, currency, "
        "base_minor, base_currency, rate_per_100) VALUES "
        "('stripe:txn_1', 1, 128000, 'DKK', 128000, 'DKK', NULL)",
        "INSERT INTO postings (id, kind, subject, match_id, sales_summary_id, journal, "
        "accounting_year, marker, idempotency_key, status, voucher_number, voucher_json, "
        "attempts, claimed_at, claimed_by, updated_at, sent_at) VALUES (2, 'sales_day', "
        "'s-000001', NULL, 1, 1, '2026', 'ED-s-000001-0badf00d', 'key-2', 'posted', 50027, "
        ":voucher, 1, :t, 'seed', :t, :t)",
    ]
    for statement in statements:
        conn.execute(text(statement), {"t": T, "voucher": voucher})
    return {**counts, "sales_summaries": 1, "sales_summary_items": 1, "postings": 2}


def _seed_0014(conn: Connection) -> dict[str, int]:
    """0013's rows, and m-000001's posting reversed (0014's round and reason): the reversal
    is a posting of its own, beside the match's."""
    counts = _seed_0013(conn)
    voucher = json.dumps(
        {"accounting_year": "2026", "journal": 1, "marker": "ED-r-000001-0badcafe",
         "match_id": "r-000001",
         "lines": [{"account": 5820, "amount": {"amount": "-1250.00", "currency": "DKK"},
                    "amount_base": None, "contra_account": 5830, "contra_vat_code": None,
                    "customer_invoice": None, "customer_number": None,
                    "entry_date": "2026-01-05", "exchange_rate": None,
                    "kind": "financeVouchers", "text": "reversal", "vat_code": None}]}
    )  # fmt: skip
    conn.execute(
        text(
            "INSERT INTO postings (id, kind, subject, match_id, round, reason, journal, "
            "accounting_year, marker, idempotency_key, status, voucher_number, voucher_json, "
            "attempts, claimed_at, claimed_by, updated_at, sent_at) VALUES (3, 'reversal', "
            "'r-000001', 1, 0, 'wrong payout', 1, '2026', 'ED-r-000001-0badcafe', 'key-3', "
            "'failed', NULL, :voucher, 1, :t, 'seed', :t, :t)"
        ),
        {"t": T, "voucher": voucher},
    )
    return {**counts, "postings": 3}


SEEDS: dict[str, Callable[[Connection], dict[str, int]]] = {
    "0001": _seed_0001,
    "0002": _seed_0002,
    "0003": _seed_0003,
    "0004": _seed_0004,
    "0005": _seed_0005,
    "0006": _seed_0006,
    "0010": _seed_0010,
    "0011": _seed_0011,
    "0012": _seed_0012,
    "0013": _seed_0013,
    "0014": _seed_0014,
}

# What m-000001's inferred fee reads as after upgrading from each revision, in minor DKK:
# none before 0002 (the column arrives empty), the seeded one from then on.
INFERRED_FEE_MINOR: dict[str, int | None] = {
    "0001": None,
    "0002": 300,
    "0003": 300,
    "0004": 300,
    "0005": 300,
    "0006": 300,
    "0010": 300,
    "0011": 300,
    "0012": 300,
    "0013": 300,
    "0014": 300,
}

# Whether m-000001's posting reads as booked by econdesk after upgrading from each revision:
# not before 0003 (the column arrives empty).
BOOKED: dict[str, bool] = {
    "0001": False,
    "0002": False,
    "0003": True,
    "0004": True,
    "0005": True,
    "0006": True,
    "0010": True,
    "0011": True,
    "0012": True,
    "0013": True,
    "0014": True,
}
