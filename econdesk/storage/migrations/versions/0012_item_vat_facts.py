"""What the platform says about a sale's VAT, kept with the item.

A sale's VAT code follows the platform's facts (rate, OSS country, reverse charge with the
buyer's VAT number) through `[[vat.codes]]`; the facts are stored as JSON on the item so the
voucher built later sees what the platform said at sync time (docs/booking-modes.md).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("platform_items", sa.Column("vat_facts_json", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("platform_items") as batch:
        batch.drop_column("vat_facts_json")
