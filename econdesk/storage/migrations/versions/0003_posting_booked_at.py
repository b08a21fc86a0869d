"""Postings keep when econdesk booked the voucher's draft entries.

Posting can book the drafts it posted (Journals API, bookdraftentries). Without this column
the posting record did not say whether that happened, so the report's "Booked" column stayed
empty. NULL when econdesk did not book them (every posting made before this revision).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from econdesk.storage.types import UTCDateTime

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A nullable column: a plain ALTER TABLE ADD COLUMN on both databases, no table copy.
    op.add_column("postings", sa.Column("booked_at", UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("postings") as batch:
        batch.drop_column("booked_at")
