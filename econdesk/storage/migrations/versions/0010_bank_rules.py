"""Rules for the bank lines that are not platform money, and the lines they set aside.

A rule (text, pattern, counterparty, amount range, sign) labels a bank line as rent, wages,
tax and so on; such a line leaves the review queue and is counted apart. Each set-aside line
names the rule that caught it, or none when the bookkeeper set it aside by hand.

Revision ID: 0010
Revises: 0006
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from econdesk.storage.types import UTCDateTime

revision: str = "0010"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "bank_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(60), nullable=False),
        sa.Column("contains", sa.Text(), nullable=False),
        sa.Column("pattern", sa.Text(), nullable=False),
        sa.Column("counterparty", sa.Text(), nullable=False),
        sa.Column("min_minor", sa.BigInteger(), nullable=True),
        sa.Column("max_minor", sa.BigInteger(), nullable=True),
        sa.Column("currency", sa.String(3), nullable=True),
        sa.Column("sign", sa.String(3), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_bank_rules"),
    )
    op.create_table(
        "set_aside_lines",
        sa.Column("bank_ref", sa.String(200), nullable=False),
        sa.Column("rule_id", sa.Integer(), nullable=True),
        sa.Column("label", sa.String(60), nullable=False),
        sa.Column("set_at", UTCDateTime(), nullable=False),
        sa.Column("set_by", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(
            ["rule_id"],
            ["bank_rules.id"],
            name="fk_set_aside_lines_rule_id_bank_rules",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("bank_ref", name="pk_set_aside_lines"),
    )
    op.create_index("ix_set_aside_lines_rule_id", "set_aside_lines", ["rule_id"])


def downgrade() -> None:
    op.drop_index("ix_set_aside_lines_rule_id", table_name="set_aside_lines")
    op.drop_table("set_aside_lines")
    op.drop_table("bank_rules")
