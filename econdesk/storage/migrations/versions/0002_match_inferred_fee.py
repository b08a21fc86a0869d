"""Matches keep the fee the matcher inferred for a deposit whose items state none.

A MobilePay or card-settlement deposit is its items' total less a fee the platform does not
state per item; the matcher infers it from the source's fee model, and posting books it on the
fee account. Without this column the inferred fee was lost when the proposal was saved, and
posting read it as a difference beyond tolerance. Minor units in the match's own currency;
NULL when nothing was inferred (every match made before this revision).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A nullable column: a plain ALTER TABLE ADD COLUMN on both databases, no table copy.
    op.add_column("matches", sa.Column("inferred_fee_minor", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("matches") as batch:
        batch.drop_column("inferred_fee_minor")
