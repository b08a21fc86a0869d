"""Period sign-off (and the lock it puts on a month), and the bilag attached to vouchers.

- `period_signoffs`: one row per month whose reconciliation was signed off: who prepared and
  who approved it, the report's hash, the audit head and the clearing balances at sign-off,
  and, once reopened, who reopened it and why. While its state is "signed" or "approved", no
  match of the month is approved, rejected or posted.
- `bilag_attachments`: each posted voucher's PDF specification and whether e-conomic holds it
  (pending, sending, attached), so it is attached exactly once, also across a crash.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from econdesk.storage.types import UTCDateTime

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "period_signoffs",
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("preparer", sa.String(200), nullable=False),
        sa.Column("signed_at", UTCDateTime(), nullable=False),
        sa.Column("report_hash", sa.String(64), nullable=False),
        sa.Column("audit_seq", sa.BigInteger(), nullable=False),
        sa.Column("audit_hash", sa.String(64), nullable=False),
        sa.Column("balances_json", sa.Text(), nullable=False),
        sa.Column("reviewer", sa.String(200), nullable=True),
        sa.Column("approved_at", UTCDateTime(), nullable=True),
        sa.Column("reopened_by", sa.String(200), nullable=True),
        sa.Column("reopened_at", UTCDateTime(), nullable=True),
        sa.Column("reopen_reason", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("period", name="pk_period_signoffs"),
    )
    op.create_table(
        "bilag_attachments",
        sa.Column("journal", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("accounting_year", sa.String(20), nullable=False),
        sa.Column("voucher_number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("match_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("size", sa.Integer(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("attached_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["match_id"], ["matches.id"], name="fk_bilag_attachments_match_id_matches"
        ),
        sa.PrimaryKeyConstraint(
            "journal", "accounting_year", "voucher_number", name="pk_bilag_attachments"
        ),
    )
    op.create_index("ix_bilag_attachments_match_id", "bilag_attachments", ["match_id"])
    op.create_index("ix_bilag_attachments_status", "bilag_attachments", ["status"])


def downgrade() -> None:
    op.drop_index("ix_bilag_attachments_status", table_name="bilag_attachments")
    op.drop_index("ix_bilag_attachments_match_id", table_name="bilag_attachments")
    op.drop_table("bilag_attachments")
    op.drop_table("period_signoffs")
