"""Daily sales summaries, and postings for more than matches.

- `sales_summaries`: one voucher per source and Copenhagen day that books that day's sales
  (revenue and output VAT) into the source's clearing account (`booking = "sales"`).
  `sequence` 0 is the day's summary; 1, 2, ... are supplements for items of that day that
  arrived after it was made (never moved into another day).
- `sales_summary_items`: which items each summary covered, each once (the primary key), with
  the base-currency amount at which it was booked into the clearing account.
- `postings` gain `kind` ("match", "sales_day") and `subject` (the id of what is posted:
  "m-000123", "s-000007"); one posting per (kind, subject). `match_id` becomes nullable (a
  sales day's posting has none) and loses its uniqueness, so a later kind (a reversal) can
  post a match again; `sales_summary_id` links a sales day's posting to its summary.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from econdesk.storage.types import UTCDateTime

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sales_summaries",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("provider", sa.String(40), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sales_summaries"),
        sa.UniqueConstraint(
            "provider", "day", "sequence", name="uq_sales_summaries_provider_day_sequence"
        ),
    )
    op.create_table(
        "sales_summary_items",
        sa.Column("item_ref", sa.String(200), nullable=False),
        sa.Column("summary_id", sa.Integer(), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("base_minor", sa.BigInteger(), nullable=False),
        sa.Column("base_currency", sa.String(3), nullable=False),
        sa.Column("rate_per_100", sa.String(40), nullable=True),
        sa.ForeignKeyConstraint(
            ["summary_id"],
            ["sales_summaries.id"],
            name="fk_sales_summary_items_summary_id_sales_summaries",
        ),
        sa.PrimaryKeyConstraint("item_ref", name="pk_sales_summary_items"),
    )
    op.create_index("ix_sales_summary_items_summary_id", "sales_summary_items", ["summary_id"])
    op.add_column(
        "postings",
        sa.Column("kind", sa.String(20), nullable=False, server_default="match"),
    )
    op.add_column("postings", sa.Column("subject", sa.String(40), nullable=True))
    op.add_column("postings", sa.Column("sales_summary_id", sa.Integer(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "UPDATE postings SET subject = 'm-' || CASE WHEN match_id < 1000000 "
            "THEN lpad(match_id::text, 6, '0') ELSE match_id::text END"
        )
    else:
        op.execute("UPDATE postings SET subject = 'm-' || printf('%06d', match_id)")
    with op.batch_alter_table("postings") as batch:
        batch.alter_column("subject", existing_type=sa.String(40), nullable=False)
        batch.alter_column("match_id", existing_type=sa.Integer(), nullable=True)
        batch.drop_constraint("uq_postings_match_id", type_="unique")
        batch.create_unique_constraint("uq_postings_kind_subject", ["kind", "subject"])
        batch.create_index("ix_postings_match_id", ["match_id"])
        batch.create_foreign_key(
            "fk_postings_sales_summary_id_sales_summaries",
            "sales_summaries",
            ["sales_summary_id"],
            ["id"],
        )


def downgrade() -> None:
    op.execute("DELETE FROM postings WHERE kind <> 'match'")
    with op.batch_alter_table("postings") as batch:
        batch.drop_constraint("fk_postings_sales_summary_id_sales_summaries", type_="foreignkey")
        batch.drop_index("ix_postings_match_id")
        batch.drop_constraint("uq_postings_kind_subject", type_="unique")
        batch.create_unique_constraint("uq_postings_match_id", ["match_id"])
        batch.alter_column("match_id", existing_type=sa.Integer(), nullable=False)
        batch.drop_column("sales_summary_id")
        batch.drop_column("subject")
        batch.drop_column("kind")
    op.drop_index("ix_sales_summary_items_summary_id", "sales_summary_items")
    op.drop_table("sales_summary_items")
    op.drop_table("sales_summaries")
