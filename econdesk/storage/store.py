"""`Store`: one transaction's view of every repository, plus `record` for the audit log."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.orm import Session

from econdesk.storage import audit
from econdesk.storage.repos.bank import BankEntryRepository
from econdesk.storage.repos.bilag import BilagRepository
from econdesk.storage.repos.cursors import SyncCursorRepository
from econdesk.storage.repos.items import PlatformItemRepository
from econdesk.storage.repos.mappings import MappingRepository
from econdesk.storage.repos.matches import MatchRepository
from econdesk.storage.repos.memory import LearnedMemoryRepository
from econdesk.storage.repos.overview import OverviewRepository
from econdesk.storage.repos.payouts import PayoutRepository
from econdesk.storage.repos.periods import PeriodRepository
from econdesk.storage.repos.postings import PostingRepository
from econdesk.storage.repos.privacy import PrivacyRepository
from econdesk.storage.repos.rates import ExchangeRateRepository
from econdesk.storage.repos.rejections import RejectedPairRepository
from econdesk.storage.repos.rules import BankRuleRepository
from econdesk.storage.repos.sales import SalesSummaryRepository
from econdesk.storage.repos.stats import StatsRepository


class Store:
    """Everything one transaction can read and write; get one from Database.transaction()."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.bank_entries = BankEntryRepository(session)
        self.items = PlatformItemRepository(session)
        self.payouts = PayoutRepository(session)
        self.matches = MatchRepository(session)
        self.rejected_pairs = RejectedPairRepository(session)
        self.memory = LearnedMemoryRepository(session)
        self.cursors = SyncCursorRepository(session)
        self.mappings = MappingRepository(session)
        self.postings = PostingRepository(session)
        self.stats = StatsRepository(session)
        self.privacy = PrivacyRepository(session)
        self.rates = ExchangeRateRepository(session)
        self.rules = BankRuleRepository(session)
        self.periods = PeriodRepository(session)
        self.bilag = BilagRepository(session)
        self.overview = OverviewRepository(session)
        self.sales = SalesSummaryRepository(session)

    @property
    def actor(self) -> str:
        return str(self.session.info.get(audit.ACTOR_KEY) or "")

    def record(
        self,
        action: str,
        subjects: Sequence[str] = (),
        payload: Mapping[str, Any] | None = None,
    ) -> audit.AuditEvent:
        """Append an audit event in this transaction (see `econdesk.storage.audit.record`)."""
        return audit.record(self.session, action, subjects, payload)

    def record_many(self, specs: Sequence[audit.EventSpec]) -> list[audit.AuditEvent]:
        """Append several audit events at once (see `econdesk.storage.audit.record_many`)."""
        return audit.record_many(self.session, specs)

    def lock_writes(self) -> None:
        """Take the writer lock now (see `Database.transaction(lock_first=False)`)."""
        audit.lock_writes(self.session)

    def audit_events(self, **filters: Any) -> list[audit.AuditEvent]:
        """See `econdesk.storage.audit.events` for the filters."""
        return audit.events(self.session, **filters)

    def audit_head(self) -> int:
        """The newest audit event's number (0 when the log is empty)."""
        return audit.head_seq(self.session)

    def verify_audit(self) -> audit.VerifyResult:
        return audit.verify(self.session)
