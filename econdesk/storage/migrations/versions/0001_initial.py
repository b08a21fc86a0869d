"""The first schema: bank entries, platform items, payouts, matches, postings, audit log.

Revision ID: 0001
Revises:
Create Date: 2026-01-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from econdesk.storage.types import UTCDateTime

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REF = sa.String(200)
CUR = sa.String(3)


def _stamps(*names: str) -> list[sa.Column[object]]:
    return [sa.Column(name, UTCDateTime(), nullable=False) for name in names]


def upgrade() -> None:
    op.create_table(
        "bank_entries",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("ref", REF, nullable=False),
        sa.Column("origin", sa.String(20), nullable=False),
        sa.Column("external_id", sa.String(100), nullable=False),
        sa.Column("account_number", sa.Integer(), nullable=False),
        sa.Column("entry_date", sa.Date(), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", CUR, nullable=False),
        sa.Column("amount_base_minor", sa.BigInteger(), nullable=True),
        sa.Column("base_currency", CUR, nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("voucher_number", sa.Integer(), nullable=True),
        sa.Column("entry_type", sa.String(50), nullable=True),
        sa.Column("counterparty", sa.Text(), nullable=True),
        sa.Column("bank_reference", sa.Text(), nullable=True),
        *_stamps("first_seen_at", "updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_bank_entries"),
        sa.UniqueConstraint("ref", name="uq_bank_entries_ref"),
    )
    op.create_index("ix_bank_entries_entry_date", "bank_entries", ["entry_date"])
    op.create_index("ix_bank_entries_amount_minor", "bank_entries", ["amount_minor"])

    op.create_table(
        "platform_items",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("ref", REF, nullable=False),
        sa.Column("provider", sa.String(40), nullable=False),
        sa.Column("external_id", sa.String(150), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", CUR, nullable=False),
        sa.Column("fee_minor", sa.BigInteger(), nullable=True),
        sa.Column("occurred_at", UTCDateTime(), nullable=False),
        sa.Column("customer_id", sa.String(150), nullable=True),
        sa.Column("customer_name", sa.Text(), nullable=True),
        sa.Column("customer_email", sa.Text(), nullable=True),
        sa.Column("invoice_ref", sa.String(150), nullable=True),
        sa.Column("payout_ref", REF, nullable=True),
        sa.Column("plan", sa.String(150), nullable=True),
        sa.Column("vat_minor", sa.BigInteger(), nullable=True),
        sa.Column("vat_currency", CUR, nullable=True),
        sa.Column("references_json", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        *_stamps("first_seen_at", "updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_platform_items"),
        sa.UniqueConstraint("ref", name="uq_platform_items_ref"),
    )
    for column in ("provider", "amount_minor", "occurred_at", "invoice_ref", "payout_ref"):
        op.create_index(f"ix_platform_items_{column}", "platform_items", [column])

    op.create_table(
        "payouts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("ref", REF, nullable=False),
        sa.Column("provider", sa.String(40), nullable=False),
        sa.Column("external_id", sa.String(150), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", CUR, nullable=False),
        sa.Column("arrival_date", sa.Date(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=True),
        sa.Column("status", sa.String(40), nullable=False),
        sa.Column("statement_descriptor", sa.Text(), nullable=True),
        sa.Column("gross_minor", sa.BigInteger(), nullable=True),
        sa.Column("gross_currency", CUR, nullable=True),
        sa.Column("fees_minor", sa.BigInteger(), nullable=True),
        sa.Column("fees_currency", CUR, nullable=True),
        sa.Column("has_breakdown", sa.Boolean(), nullable=False),
        *_stamps("first_seen_at", "updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_payouts"),
        sa.UniqueConstraint("ref", name="uq_payouts_ref"),
    )
    for column in ("provider", "amount_minor", "arrival_date"):
        op.create_index(f"ix_payouts_{column}", "payouts", [column])

    op.create_table(
        "payout_components",
        sa.Column("payout_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("component_ref", REF, nullable=False),
        sa.ForeignKeyConstraint(
            ["payout_id"],
            ["payouts.id"],
            name="fk_payout_components_payout_id_payouts",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("payout_id", "position", name="pk_payout_components"),
    )
    op.create_index("ix_payout_components_component_ref", "payout_components", ["component_ref"])

    op.create_table(
        "matches",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("method", sa.String(20), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("auto", sa.Boolean(), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", CUR, nullable=False),
        sa.Column("difference_minor", sa.BigInteger(), nullable=False),
        sa.Column("explanation_json", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("voucher_journal", sa.Integer(), nullable=True),
        sa.Column("voucher_year", sa.String(20), nullable=True),
        sa.Column("voucher_number", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_matches"),
    )
    op.create_index("ix_matches_state", "matches", ["state"])

    op.create_table(
        "match_links",
        sa.Column("match_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("ref", REF, nullable=False),
        sa.Column("live", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["match_id"], ["matches.id"], name="fk_match_links_match_id_matches", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("match_id", "position", name="pk_match_links"),
    )
    op.create_index("ix_match_links_ref", "match_links", ["ref"])
    # The database's own guard: a ref is claimed by at most one live match.
    op.create_index(
        "uq_match_links_live_ref",
        "match_links",
        ["ref"],
        unique=True,
        sqlite_where=sa.text("live"),
        postgresql_where=sa.text("live"),
    )

    op.create_table(
        "rejected_pairs",
        sa.Column("bank_ref", REF, nullable=False),
        sa.Column("item_ref", REF, nullable=False),
        sa.Column("match_id", sa.Integer(), nullable=True),
        sa.Column("rejected_at", UTCDateTime(), nullable=False),
        sa.Column("rejected_by", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("bank_ref", "item_ref", name="pk_rejected_pairs"),
    )
    op.create_index("ix_rejected_pairs_match_id", "rejected_pairs", ["match_id"])

    op.create_table(
        "learned_memory",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("token", sa.String(200), nullable=False),
        sa.Column("value", sa.String(200), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        *_stamps("first_learned_at", "last_used_at"),
        sa.PrimaryKeyConstraint("id", name="pk_learned_memory"),
        sa.UniqueConstraint("kind", "token", "value", name="uq_learned_memory_kind_token_value"),
    )
    op.create_index("ix_learned_memory_token", "learned_memory", ["token"])

    op.create_table(
        "sync_cursors",
        sa.Column("source", sa.String(60), nullable=False),
        sa.Column("state_json", sa.Text(), nullable=False),
        *_stamps("updated_at"),
        sa.PrimaryKeyConstraint("source", name="pk_sync_cursors"),
    )

    op.create_table(
        "mapping_snapshots",
        sa.Column("version", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("data_json", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("version", name="pk_mapping_snapshots"),
    )

    op.create_table(
        "postings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("match_id", sa.Integer(), nullable=False),
        sa.Column("journal", sa.Integer(), nullable=False),
        sa.Column("accounting_year", sa.String(20), nullable=False),
        sa.Column("marker", sa.String(80), nullable=False),
        sa.Column("idempotency_key", sa.String(120), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("voucher_number", sa.Integer(), nullable=True),
        sa.Column("voucher_json", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("claimed_at", UTCDateTime(), nullable=False),
        sa.Column("claimed_by", sa.String(200), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["match_id"], ["matches.id"], name="fk_postings_match_id_matches"),
        sa.PrimaryKeyConstraint("id", name="pk_postings"),
        sa.UniqueConstraint("match_id", name="uq_postings_match_id"),
        sa.UniqueConstraint("marker", name="uq_postings_marker"),
        sa.UniqueConstraint("idempotency_key", name="uq_postings_idempotency_key"),
    )
    op.create_index("ix_postings_status", "postings", ["status"])

    op.create_table(
        "audit_events",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("occurred_at", UTCDateTime(), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(100), nullable=False),
        sa.Column("subjects_json", sa.Text(), nullable=False),
        sa.Column("payload_json", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_audit_events"),
        sa.UniqueConstraint("prev_hash", name="uq_audit_events_prev_hash"),
        sa.UniqueConstraint("hash", name="uq_audit_events_hash"),
    )
    op.create_index("ix_audit_events_occurred_at", "audit_events", ["occurred_at"])
    op.create_index("ix_audit_events_action", "audit_events", ["action"])
    _audit_append_only()


def _audit_append_only() -> None:
    """The database itself refuses to change or remove an audit event."""
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_events_no_{verb.lower()} BEFORE {verb} ON audit_events "
                "BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END"
            )
        return
    op.execute(
        "CREATE FUNCTION econdesk_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$"
    )
    op.execute(
        "CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events "
        "FOR EACH ROW EXECUTE FUNCTION econdesk_audit_append_only()"
    )
    op.execute(
        "CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events "
        "FOR EACH STATEMENT EXECUTE FUNCTION econdesk_audit_append_only()"
    )


def downgrade() -> None:
    raise NotImplementedError("the first schema has nothing to go back to")
