"""Postings keep when their Idempotency-Key was first sent; bank entries can be gone or booked.

- `postings.sent_at`: when the request under the posting's current Idempotency-Key first
  went out. e-conomic replays a key for an hour; a posting in doubt is resent under the same
  key only within that hour. NULL for postings sent before this revision: their claim time
  stands in.
- `bank_entries.gone_at`: a daybook draft that is no longer in e-conomic (deleted): it is
  never offered for matching again. NULL for everything still there.
- `bank_entries.booked_as`: the booked entry a draft became when it was booked; the booked
  entry takes the draft's place (its match and history) and is not a second deposit.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from econdesk.storage.types import UTCDateTime

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable columns: plain ALTER TABLE ADD COLUMN on both databases, no table copy.
    op.add_column("postings", sa.Column("sent_at", UTCDateTime(), nullable=True))
    op.add_column("bank_entries", sa.Column("gone_at", UTCDateTime(), nullable=True))
    op.add_column("bank_entries", sa.Column("booked_as", sa.String(200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("bank_entries") as batch:
        batch.drop_column("booked_as")
        batch.drop_column("gone_at")
    with op.batch_alter_table("postings") as batch:
        batch.drop_column("sent_at")
