"""Mappings (accounts, VAT codes, customers, tolerances) as versioned, audited snapshots."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from econdesk.domain import (
    BookingMode,
    CustomerMapping,
    LostDisputes,
    Mappings,
    Money,
    PlanMapping,
    ProviderMapping,
    SaleVatFacts,
    Tolerance,
    VatRule,
)
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say
from econdesk.storage.audit import ACTOR_KEY, record
from econdesk.storage.errors import ConcurrencyError, NotFoundError
from econdesk.storage.jsoncodec import canonical_json, loads_object
from econdesk.storage.models import MappingSnapshotRow


@dataclass(frozen=True, slots=True)
class MappingVersion:
    version: int
    created_at: datetime
    created_by: str
    note: str


def mappings_to_json(m: Mappings) -> dict[str, Any]:
    """A JSON-able, exact form of Mappings (the version is the row's, not stored inside)."""
    return {
        "providers": [
            {
                "provider": p.provider,
                "clearing_account": p.clearing_account,
                "fee_account": p.fee_account,
                **({"reserve_account": p.reserve_account} if p.reserve_account else {}),
                "booking": None if p.booking is None else p.booking.value,
                "fee_vat_code": p.fee_vat_code,
                "lost_disputes": p.lost_disputes.value,
                "bad_debt_account": p.bad_debt_account,
            }
            for p in m.providers
        ],
        "plans": [
            {
                "provider": p.provider,
                "plan": p.plan,
                "revenue_account": p.revenue_account,
                "vat_code": p.vat_code,
            }
            for p in m.plans
        ],
        "customers": [
            {
                "provider": c.provider,
                "customer_id": c.customer_id,
                "customer_number": c.customer_number,
            }
            for c in m.customers
        ],
        "difference_account": m.difference_account,
        "default_revenue_account": m.default_revenue_account,
        "default_vat_code": m.default_vat_code,
        "tolerances": {
            name: {
                "fixed": f"{t.fixed.amount:f}",
                "currency": t.fixed.currency,
                "percent": f"{t.percent:f}",
            }
            for name, t in sorted(m.tolerances.items())
        },
        "exchange_difference_account": m.exchange_difference_account,
        "vat_rules": [
            {
                "rate": f"{r.facts.rate:f}",
                "country": r.facts.country,
                "reverse_charge": r.facts.reverse_charge,
                "vat_code": r.vat_code,
            }
            for r in m.vat_rules
        ],
    }


def _provider_from_json(p: dict[str, Any]) -> ProviderMapping:
    """A stored provider; versions saved before booking modes existed read as not chosen."""
    booking = p.get("booking")
    return ProviderMapping(
        p["provider"],
        p["clearing_account"],
        p["fee_account"],
        p.get("reserve_account"),
        booking=None if booking is None else BookingMode(booking),
        fee_vat_code=p.get("fee_vat_code"),
        lost_disputes=LostDisputes(p.get("lost_disputes", LostDisputes.REVERSE.value)),
        bad_debt_account=p.get("bad_debt_account"),
    )


def mappings_from_json(data: dict[str, Any], version: int) -> Mappings:
    return Mappings(
        providers=tuple(_provider_from_json(p) for p in data["providers"]),
        plans=tuple(PlanMapping(**p) for p in data["plans"]),
        customers=tuple(CustomerMapping(**c) for c in data["customers"]),
        difference_account=data["difference_account"],
        default_revenue_account=data["default_revenue_account"],
        default_vat_code=data["default_vat_code"],
        version=version,
        tolerances={
            name: Tolerance(Money.of(t["fixed"], t["currency"]), Decimal(t["percent"]))
            for name, t in data["tolerances"].items()
        },
        exchange_difference_account=data.get("exchange_difference_account"),
        vat_rules=tuple(
            VatRule(
                SaleVatFacts(Decimal(r["rate"]), r["country"], r["reverse_charge"]), r["vat_code"]
            )
            for r in data.get("vat_rules", [])
        ),
    )


class MappingRepository:
    """Each save is a new version; old versions stay readable (what a posted voucher used)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def current(self) -> Mappings | None:
        """The newest version, or None before the first save."""
        row = self.session.scalar(
            select(MappingSnapshotRow).order_by(MappingSnapshotRow.version.desc()).limit(1)
        )
        return None if row is None else mappings_from_json(loads_object(row.data_json), row.version)

    def get(self, version: int) -> Mappings:
        row = self.session.get(MappingSnapshotRow, version)
        if row is None:
            raise NotFoundError(say(QT_TRANSLATE_NOOP("CLI", "no mappings version {0}"), version))
        return mappings_from_json(loads_object(row.data_json), row.version)

    def save(self, mappings: Mappings, *, note: str = "") -> Mappings:
        """Store as the next version and return it with that version number.

        `mappings.version` must be the current version (the one the editor started from), else
        ConcurrencyError: someone else saved in between. The first save accepts any version,
        but two first saves racing each other: one wins, the other gets ConcurrencyError (the
        transaction must then be retried).
        Audited as `mappings.saved`, with the previous and new content.
        """
        latest = self.current()
        if latest is not None and mappings.version != latest.version:
            changed = QT_TRANSLATE_NOOP(
                "CLI",
                "the mappings were changed by someone else (now version {0}, you edited version "
                "{1}): reload and edit again",
            )
            raise ConcurrencyError(say(changed, latest.version, mappings.version))
        # Numbered from what was read above, not from a fresh MAX(): two first saves racing
        # (two posters starting together) then collide on the version instead of both landing.
        number = 1 if latest is None else latest.version + 1
        data = mappings_to_json(mappings)
        self.session.add(
            MappingSnapshotRow(
                version=number,
                data_json=canonical_json(data),
                note=note,
                created_at=datetime.now(UTC),
                created_by=str(self.session.info.get(ACTOR_KEY) or "unknown"),
            )
        )
        try:
            self.session.flush()
        except IntegrityError:
            raise ConcurrencyError(
                say(
                    QT_TRANSLATE_NOOP(
                        "CLI", "someone else saved mappings version {0} at the same moment: reload"
                    ),
                    number,
                )
            ) from None
        record(
            self.session,
            "mappings.saved",
            [f"mappings:{number}"],
            {
                "version": number,
                "note": note,
                "before": None if latest is None else mappings_to_json(latest),
                "after": data,
            },
        )
        return replace(mappings, version=number)

    def history(self) -> list[MappingVersion]:
        """Every version, newest first."""
        rows = self.session.execute(
            select(
                MappingSnapshotRow.version,
                MappingSnapshotRow.created_at,
                MappingSnapshotRow.created_by,
                MappingSnapshotRow.note,
            ).order_by(MappingSnapshotRow.version.desc())
        )
        return [MappingVersion(v, at, by, note) for v, at, by, note in rows]
