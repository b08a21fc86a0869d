"""Reversals: a match's postings by round, and the reason a reversal was made.

- `postings.round`: how many of the match's postings were reversed before this one. A match
  posted (round 0), reversed (a "reversal" posting, round 0), approved and posted again has
  a second "match" posting in round 1, with a marker of its own; one posting per
  (kind, subject, round).
- `postings.reason`: why a reversal was made, as the bookkeeper gave it (also in the audit).
- `postings.split_json`: the other voucher numbers e-conomic gave a posting it split into
  several vouchers (a JSON list); each of them gets a bilag of its own. Before, only the
  `posting.split` audit event named them.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("postings", sa.Column("round", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("postings", sa.Column("reason", sa.Text(), nullable=True))
    op.add_column("postings", sa.Column("split_json", sa.Text(), nullable=True))
    with op.batch_alter_table("postings") as batch:
        batch.drop_constraint("uq_postings_kind_subject", type_="unique")
        batch.create_unique_constraint(
            "uq_postings_kind_subject_round", ["kind", "subject", "round"]
        )


def downgrade() -> None:
    op.execute("DELETE FROM postings WHERE kind = 'reversal' OR round > 0")
    with op.batch_alter_table("postings") as batch:
        batch.drop_constraint("uq_postings_kind_subject_round", type_="unique")
        batch.create_unique_constraint("uq_postings_kind_subject", ["kind", "subject"])
        batch.drop_column("split_json")
        batch.drop_column("reason")
        batch.drop_column("round")
