"""The local store: SQLAlchemy models, repositories, the audit log, migrations.

db = open_database(url, actor="Jane")          # SQLite file or postgresql+psycopg://
with db.transaction() as store:                # commits at the end, or rolls back
    store.bank_entries.upsert_many(entries)
    store.record("sync.done", ["economic"], {"new": 12})
with db.reader() as store:
    for match in store.matches.find(states=[MatchState.PROPOSED]): ...
"""

from econdesk.storage.audit import AuditEvent, ChainProblem, VerifyResult, record
from econdesk.storage.database import Database, default_url, drop_schema, open_database
from econdesk.storage.errors import (
    ConcurrencyError,
    ConflictError,
    InvalidTransitionError,
    NotFoundError,
    PostingStateError,
    SchemaError,
    StorageError,
    UnknownRefError,
)
from econdesk.storage.repos._ids import (
    MATCH_KIND,
    REVERSAL_KIND,
    parse_match_id,
    parse_summary_id,
    posting_subject,
    reversal_subject,
)
from econdesk.storage.repos._upsert import UpsertCounts, UpsertOutcome, UpsertPlan
from econdesk.storage.repos.bilag import Bilag, BilagStatus
from econdesk.storage.repos.matches import LIVE_STATES
from econdesk.storage.repos.memory import LearnedFact
from econdesk.storage.repos.periods import (
    PeriodLockedError,
    PeriodSignoff,
    PeriodState,
    parse_period,
    period_of,
)
from econdesk.storage.repos.posting_state import PostingStatus
from econdesk.storage.repos.postings import Posting
from econdesk.storage.repos.sales import SalesSummary, SummaryItem
from econdesk.storage.repos.stats import StateTotal
from econdesk.storage.store import Store

__all__ = [
    "LIVE_STATES",
    "MATCH_KIND",
    "REVERSAL_KIND",
    "AuditEvent",
    "Bilag",
    "BilagStatus",
    "ChainProblem",
    "ConcurrencyError",
    "ConflictError",
    "Database",
    "InvalidTransitionError",
    "LearnedFact",
    "NotFoundError",
    "PeriodLockedError",
    "PeriodSignoff",
    "PeriodState",
    "Posting",
    "PostingStateError",
    "PostingStatus",
    "SalesSummary",
    "SchemaError",
    "StateTotal",
    "StorageError",
    "Store",
    "SummaryItem",
    "UnknownRefError",
    "UpsertCounts",
    "UpsertOutcome",
    "UpsertPlan",
    "VerifyResult",
    "default_url",
    "drop_schema",
    "open_database",
    "parse_match_id",
    "parse_period",
    "parse_summary_id",
    "period_of",
    "posting_subject",
    "record",
    "reversal_subject",
]  # fmt: skip
