"""Personal data kept to what reconciliation uses; the accounting years for its retention.

- `platform_items.customer_email` goes: nothing matches, books or reports on the payer's
  e-mail address, so it is not kept (data minimisation). The column and every address in it
  are dropped; on SQLite the table is copied and, with secure_delete on, the old pages zeroed.
- `accounting_years`: the e-conomic accounting years sync has seen (name, first and last day).
  Bookkeeping material is kept five years from the end of the financial year it belongs to;
  these rows say where a year ends when it is not the calendar year.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from econdesk.storage.types import UTCDateTime

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("platform_items") as batch:
        batch.drop_column("customer_email")
    op.create_table(
        "accounting_years",
        sa.Column("year", sa.String(20), nullable=False),
        sa.Column("from_date", sa.Date(), nullable=False),
        sa.Column("to_date", sa.Date(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("year", name="pk_accounting_years"),
    )


def downgrade() -> None:
    op.drop_table("accounting_years")
    with op.batch_alter_table("platform_items") as batch:
        batch.add_column(sa.Column("customer_email", sa.Text(), nullable=True))
