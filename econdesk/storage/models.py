"""The database tables, as SQLAlchemy 2.0 typed ORM classes.

Schema changes are made by a new Alembic migration in `storage/migrations/versions/`, never by
editing an old one; a test checks that these classes and the migrated schema agree.

Money is stored as integer minor units (`*_minor`) beside its currency: exact on both SQLite and
PostgreSQL, summable in SQL, and never a float.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from econdesk.storage.types import UTCDateTime

# Stable constraint names, so later migrations can refer to them on both databases.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

REF = String(200)  # "source:id" references
CURRENCY = String(3)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class BankEntryRow(Base):
    __tablename__ = "bank_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ref: Mapped[str] = mapped_column(REF, unique=True)
    origin: Mapped[str] = mapped_column(String(20))
    external_id: Mapped[str] = mapped_column(String(100))
    account_number: Mapped[int] = mapped_column(Integer)
    entry_date: Mapped[date] = mapped_column(Date, index=True)
    amount_minor: Mapped[int] = mapped_column(BigInteger, index=True)
    currency: Mapped[str] = mapped_column(CURRENCY)
    amount_base_minor: Mapped[int | None] = mapped_column(BigInteger)
    base_currency: Mapped[str | None] = mapped_column(CURRENCY)
    text: Mapped[str] = mapped_column(Text)
    voucher_number: Mapped[int | None] = mapped_column(Integer)
    entry_type: Mapped[str | None] = mapped_column(String(50))
    counterparty: Mapped[str | None] = mapped_column(Text)
    bank_reference: Mapped[str | None] = mapped_column(Text)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # A daybook draft e-conomic no longer has (deleted): never matched again.
    gone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The booked entry this draft became: it takes the draft's place, not a second deposit.
    booked_as: Mapped[str | None] = mapped_column(REF)


class PlatformItemRow(Base):
    __tablename__ = "platform_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ref: Mapped[str] = mapped_column(REF, unique=True)
    provider: Mapped[str] = mapped_column(String(40), index=True)
    external_id: Mapped[str] = mapped_column(String(150))
    kind: Mapped[str] = mapped_column(String(20))
    amount_minor: Mapped[int] = mapped_column(BigInteger, index=True)
    currency: Mapped[str] = mapped_column(CURRENCY)
    fee_minor: Mapped[int | None] = mapped_column(BigInteger)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    customer_id: Mapped[str | None] = mapped_column(String(150))
    customer_name: Mapped[str | None] = mapped_column(Text)
    invoice_ref: Mapped[str | None] = mapped_column(String(150), index=True)
    payout_ref: Mapped[str | None] = mapped_column(REF, index=True)
    plan: Mapped[str | None] = mapped_column(String(150))
    vat_minor: Mapped[int | None] = mapped_column(BigInteger)
    vat_currency: Mapped[str | None] = mapped_column(CURRENCY)
    references_json: Mapped[str] = mapped_column(Text)  # JSON list of strings
    description: Mapped[str] = mapped_column(Text)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The platform's VAT facts of the sale (repos/items.py), JSON; NULL: it said nothing.
    vat_facts_json: Mapped[str | None] = mapped_column(Text)


class PayoutRow(Base):
    __tablename__ = "payouts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ref: Mapped[str] = mapped_column(REF, unique=True)
    provider: Mapped[str] = mapped_column(String(40), index=True)
    external_id: Mapped[str] = mapped_column(String(150))
    kind: Mapped[str] = mapped_column(String(20))
    amount_minor: Mapped[int] = mapped_column(BigInteger, index=True)
    currency: Mapped[str] = mapped_column(CURRENCY)
    arrival_date: Mapped[date] = mapped_column(Date, index=True)
    created_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(40))
    statement_descriptor: Mapped[str | None] = mapped_column(Text)
    gross_minor: Mapped[int | None] = mapped_column(BigInteger)
    gross_currency: Mapped[str | None] = mapped_column(CURRENCY)
    fees_minor: Mapped[int | None] = mapped_column(BigInteger)
    fees_currency: Mapped[str | None] = mapped_column(CURRENCY)
    has_breakdown: Mapped[bool] = mapped_column(Boolean)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    components: Mapped[list[PayoutComponentRow]] = relationship(
        order_by="PayoutComponentRow.position",
        cascade="all, delete-orphan",
        lazy="selectin",
    )


class PayoutComponentRow(Base):
    __tablename__ = "payout_components"

    payout_id: Mapped[int] = mapped_column(
        ForeignKey("payouts.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    component_ref: Mapped[str] = mapped_column(REF, index=True)


class MatchRow(Base):
    __tablename__ = "matches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # shown as m-000123
    state: Mapped[str] = mapped_column(String(20), index=True)
    method: Mapped[str] = mapped_column(String(20))
    score: Mapped[float] = mapped_column(Float)  # a score, not money
    auto: Mapped[bool] = mapped_column(Boolean)
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(CURRENCY)
    difference_minor: Mapped[int] = mapped_column(BigInteger)
    # The fee the matcher inferred for items that state none, in the match's currency (0002).
    inferred_fee_minor: Mapped[int | None] = mapped_column(BigInteger)
    explanation_json: Mapped[str] = mapped_column(Text)  # JSON list of {term, detail, weight}
    note: Mapped[str] = mapped_column(Text)
    # Optimistic concurrency: every change bumps it; a change made with a stale one is refused.
    version: Mapped[int] = mapped_column(Integer)
    voucher_journal: Mapped[int | None] = mapped_column(Integer)
    voucher_year: Mapped[str | None] = mapped_column(String(20))
    voucher_number: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by: Mapped[str] = mapped_column(String(200))

    links: Mapped[list[MatchLinkRow]] = relationship(
        order_by="MatchLinkRow.position",
        cascade="all, delete-orphan",
        lazy="selectin",
        back_populates="match",
    )

    # SQLAlchemy adds "AND version = <loaded>" to every UPDATE and bumps it: a lost race shows.
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class MatchLinkRow(Base):
    """One bank entry, item or payout component that a match claims.

    `live` mirrors whether the match is proposed, approved, parked or posted; the partial unique
    index makes the database itself refuse a second live claim on the same ref, even from
    another bookkeeper's computer.
    """

    __tablename__ = "match_links"
    __table_args__ = (
        Index(
            "uq_match_links_live_ref",
            "ref",
            unique=True,
            sqlite_where=text("live"),
            postgresql_where=text("live"),
        ),
    )

    match_id: Mapped[int] = mapped_column(
        ForeignKey("matches.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    role: Mapped[str] = mapped_column(String(10))  # "bank", "item" or "component"
    ref: Mapped[str] = mapped_column(REF, index=True)
    live: Mapped[bool] = mapped_column(Boolean)

    match: Mapped[MatchRow] = relationship(back_populates="links")


class RejectedPairRow(Base):
    """A bank entry and item a bookkeeper said do not belong together: never proposed again."""

    __tablename__ = "rejected_pairs"

    bank_ref: Mapped[str] = mapped_column(REF, primary_key=True)
    item_ref: Mapped[str] = mapped_column(REF, primary_key=True)
    match_id: Mapped[int | None] = mapped_column(Integer, index=True)
    rejected_at: Mapped[datetime] = mapped_column(UTCDateTime)
    rejected_by: Mapped[str] = mapped_column(String(200))


class LearnedRow(Base):
    """What corrections taught the matcher: a token in bank text means a customer or account."""

    __tablename__ = "learned_memory"
    __table_args__ = (UniqueConstraint("kind", "token", "value"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    token: Mapped[str] = mapped_column(String(200), index=True)
    value: Mapped[str] = mapped_column(String(200))
    hits: Mapped[int] = mapped_column(Integer)
    first_learned_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime] = mapped_column(UTCDateTime)


class BankRuleRow(Base):
    """A rule that sets bank lines aside as not platform money (econdesk.domain.rules)."""

    __tablename__ = "bank_rules"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    label: Mapped[str] = mapped_column(String(60))
    contains: Mapped[str] = mapped_column(Text)  # "" when not a condition
    pattern: Mapped[str] = mapped_column(Text)
    counterparty: Mapped[str] = mapped_column(Text)
    min_minor: Mapped[int | None] = mapped_column(BigInteger)
    max_minor: Mapped[int | None] = mapped_column(BigInteger)
    currency: Mapped[str | None] = mapped_column(CURRENCY)  # of the amount range
    sign: Mapped[str | None] = mapped_column(String(3))
    note: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(200))


class SetAsideRow(Base):
    """A bank line set aside as not platform money: by a rule, or by hand (rule_id NULL)."""

    __tablename__ = "set_aside_lines"

    bank_ref: Mapped[str] = mapped_column(REF, primary_key=True)
    rule_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("bank_rules.id", ondelete="CASCADE"), index=True
    )
    label: Mapped[str] = mapped_column(String(60))
    set_at: Mapped[datetime] = mapped_column(UTCDateTime)
    set_by: Mapped[str] = mapped_column(String(200))


class AccountingYearRow(Base):
    """An e-conomic accounting year as sync saw it: where a financial year ends (retention)."""

    __tablename__ = "accounting_years"

    year: Mapped[str] = mapped_column(String(20), primary_key=True)  # "2024" or "2024/2025"
    from_date: Mapped[date] = mapped_column(Date)
    to_date: Mapped[date] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SyncCursorRow(Base):
    __tablename__ = "sync_cursors"

    source: Mapped[str] = mapped_column(String(60), primary_key=True)
    state_json: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ExchangeRateRow(Base):
    """One published reference rate: DKK per 100 units of `currency` on `rate_date`, as
    `source` ("nationalbanken", or "ecb" derived through its EUR rate) published it. Kept
    exact as decimal text; fetched once, never changed."""

    __tablename__ = "exchange_rates"

    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    rate_date: Mapped[date] = mapped_column(Date, primary_key=True)
    source: Mapped[str] = mapped_column(String(20), primary_key=True)
    rate_per_100: Mapped[str] = mapped_column(String(40))
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime)


class MappingSnapshotRow(Base):
    __tablename__ = "mapping_snapshots"

    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    data_json: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(200))


class SalesSummaryRow(Base):
    """A source's sales of one Copenhagen day booked into its clearing account (`booking =
    "sales"`): sequence 0 is the day's summary, 1, 2, ... supplements for items of that day
    that arrived after it was made."""

    __tablename__ = "sales_summaries"
    __table_args__ = (UniqueConstraint("provider", "day", "sequence"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # shown as s-000007
    provider: Mapped[str] = mapped_column(String(40))
    day: Mapped[date] = mapped_column(Date)
    sequence: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(200))


class SalesSummaryItemRow(Base):
    """An item a sales summary covers: each item in one summary only (the primary key), with
    the base-currency amount at which it went into the clearing account."""

    __tablename__ = "sales_summary_items"

    item_ref: Mapped[str] = mapped_column(REF, primary_key=True)
    summary_id: Mapped[int] = mapped_column(ForeignKey("sales_summaries.id"), index=True)
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(CURRENCY)
    base_minor: Mapped[int] = mapped_column(BigInteger)
    base_currency: Mapped[str] = mapped_column(CURRENCY)
    rate_per_100: Mapped[str | None] = mapped_column(String(40))  # None: in the base currency


class PostingRow(Base):
    """One voucher on its way into e-conomic: claimed -> sent -> posted (or failed).

    `kind` says what it posts and `subject` which one: "match" and "m-000123" (a payout's
    voucher), "sales_day" and "s-000007" (a daily sales summary), "reversal" and "r-000123"
    (the voucher reversing match m-000123's). `round` counts the
    match's reversed postings: posted (round 0), reversed (reversal round 0), approved and
    posted again (round 1), each posting with its own marker.
    """

    __tablename__ = "postings"
    __table_args__ = (UniqueConstraint("kind", "subject", "round"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), server_default="match")
    subject: Mapped[str] = mapped_column(String(40))
    match_id: Mapped[int | None] = mapped_column(ForeignKey("matches.id"), index=True)
    sales_summary_id: Mapped[int | None] = mapped_column(ForeignKey("sales_summaries.id"))
    round: Mapped[int] = mapped_column(Integer, server_default="0")
    reason: Mapped[str | None] = mapped_column(Text)  # a reversal's, as the bookkeeper gave it
    # The other voucher numbers e-conomic split the posting into (JSON list), beside
    # voucher_number; NULL: one voucher. Each gets its own bilag.
    split_json: Mapped[str | None] = mapped_column(Text)
    journal: Mapped[int] = mapped_column(Integer)
    accounting_year: Mapped[str] = mapped_column(String(20))
    marker: Mapped[str] = mapped_column(String(80), unique=True)
    idempotency_key: Mapped[str] = mapped_column(String(120), unique=True)
    status: Mapped[str] = mapped_column(String(10), index=True)
    voucher_number: Mapped[int | None] = mapped_column(Integer)
    voucher_json: Mapped[str] = mapped_column(Text)  # the lines as sent, for the record
    attempts: Mapped[int] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # When econdesk booked the voucher's draft entries (Journals API); NULL: it did not (the
    # drafts wait in the daybook, or someone booked them in e-conomic since).
    booked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When the request under the current idempotency_key first went out (the key's hour);
    # NULL for postings sent before revision 0004, whose claimed_at stands in.
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AuditEventRow(Base):
    """The append-only, hash-chained audit log. The database refuses UPDATE and DELETE on it."""

    __tablename__ = "audit_events"

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(100), index=True)
    subjects_json: Mapped[str] = mapped_column(Text)  # canonical JSON list of refs / ids
    payload_json: Mapped[str] = mapped_column(Text)  # canonical JSON object
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)  # one successor each: no fork
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class PeriodSignoffRow(Base):
    """A month's reconciliation signed off by its preparer (and approved by a reviewer): what
    was signed is kept beside it, and while it is signed or approved the month is locked.
    Reopening keeps the row (state "reopened") with who reopened it and why."""

    __tablename__ = "period_signoffs"

    period: Mapped[str] = mapped_column(String(7), primary_key=True)  # "2026-01"
    state: Mapped[str] = mapped_column(String(10))  # signed | approved | reopened
    preparer: Mapped[str] = mapped_column(String(200))
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    report_hash: Mapped[str] = mapped_column(String(64))  # SHA-256 of the report's data
    audit_seq: Mapped[int] = mapped_column(BigInteger)  # the audit head when signed
    audit_hash: Mapped[str] = mapped_column(String(64))
    balances_json: Mapped[str] = mapped_column(Text)  # clearing account -> balance, and source
    reviewer: Mapped[str | None] = mapped_column(String(200))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reopened_by: Mapped[str | None] = mapped_column(String(200))
    reopened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reopen_reason: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer)


class BilagRow(Base):
    """A posted voucher's PDF specification (bilag) on its way into e-conomic as the voucher's
    attachment: pending -> sending -> attached. "sending" left behind by a crash is looked up
    (GET of the attachment) before it is sent again."""

    __tablename__ = "bilag_attachments"

    journal: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    accounting_year: Mapped[str] = mapped_column(String(20), primary_key=True)
    voucher_number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    match_id: Mapped[int] = mapped_column(ForeignKey("matches.id"), index=True)
    status: Mapped[str] = mapped_column(String(10), index=True)
    sha256: Mapped[str | None] = mapped_column(String(64))  # of the PDF last sent
    size: Mapped[int | None] = mapped_column(Integer)
    attempts: Mapped[int] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    attached_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
