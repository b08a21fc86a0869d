"""Mappings as the bookkeeper edits them: versioned, audited, checked against the agreement.

Where the money goes (clearing and fee account per platform, revenue account and VAT code per
plan, e-conomic customer per platform customer, the difference account and the tolerances)
starts in the config file and is then edited in the app or here. Each save is a new version in
the store, audited with the content before and after in the same transaction
(`store.mappings.save`); a posted voucher's audit event names the version it was built with.

What is in force:
- before the first save, the config's mappings (version 0);
- after it, the newest stored version, plus any provider, plan or customer that the config
  names and no stored version has ever held (added to the config later). Something a
  bookkeeper removed in the app stays removed, even if the config still names it.
- How a source is kept in the books (booking mode, fee VAT code, lost disputes), the exchange
  difference account and the VAT rules are the config's alone (the app does not edit them):
  the config's values stand over the stored ones, and a change becomes a new version.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable
from decimal import Decimal
from typing import TypeVar

from sqlalchemy.exc import IntegrityError

from econdesk.accounting.validation import check_mappings
from econdesk.domain.model import (
    CustomerMapping,
    Mappings,
    PlanMapping,
    ProviderMapping,
    Tolerance,
)
from econdesk.domain.money import Money
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say
from econdesk.storage import Database, Store
from econdesk.storage.errors import ConcurrencyError
from econdesk.storage.repos.mappings import MappingVersion

Edit = Callable[[Mappings], Mappings]
T = TypeVar("T")


def _provider_key(p: ProviderMapping) -> str:
    return p.provider


def _plan_key(p: PlanMapping) -> tuple[str, str]:
    return (p.provider, p.plan)


def _customer_key(c: CustomerMapping) -> tuple[str, str]:
    return (c.provider, c.customer_id)


def _booking_of(p: ProviderMapping, source: ProviderMapping | None) -> ProviderMapping:
    """`p` with the booking settings of `source` (the config's entry), when there is one."""
    if source is None:
        return p
    return dataclasses.replace(
        p,
        booking=source.booking,
        fee_vat_code=source.fee_vat_code,
        lost_disputes=source.lost_disputes,
        bad_debt_account=source.bad_debt_account,
    )


def _with_new_from_config(stored: Mappings, config: Mappings, ever: list[Mappings]) -> Mappings:
    """`stored`, plus config entries whose key no stored version has ever held, with the
    config's booking settings."""
    known_providers = {_provider_key(p) for m in ever for p in m.providers}
    known_plans = {_plan_key(p) for m in ever for p in m.plans}
    known_customers = {_customer_key(c) for m in ever for c in m.customers}
    known_tolerances = {name for m in ever for name in m.tolerances}
    return dataclasses.replace(
        stored,
        providers=tuple(_booking_of(p, config.provider(p.provider)) for p in stored.providers)
        + tuple(p for p in config.providers if _provider_key(p) not in known_providers),
        plans=stored.plans + tuple(p for p in config.plans if _plan_key(p) not in known_plans),
        customers=stored.customers
        + tuple(c for c in config.customers if _customer_key(c) not in known_customers),
        difference_account=stored.difference_account or config.difference_account,
        default_revenue_account=stored.default_revenue_account or config.default_revenue_account,
        default_vat_code=stored.default_vat_code or config.default_vat_code,
        tolerances={
            **{k: v for k, v in config.tolerances.items() if k not in known_tolerances},
            **stored.tolerances,
        },
        exchange_difference_account=config.exchange_difference_account
        or stored.exchange_difference_account,
        vat_rules=config.vat_rules or stored.vat_rules,
    )


class MappingService:
    """Read, edit and check the mappings in force. One instance per database and config."""

    def __init__(self, db: Database, config_mappings: Mappings | None = None) -> None:
        self.db = db
        self.config_mappings = dataclasses.replace(config_mappings or Mappings(), version=0)

    # -- reading -------------------------------------------------------------------------
    def current_in(self, store: Store) -> Mappings:
        """The mappings in force, read inside a caller's transaction."""
        stored = store.mappings.current()
        if stored is None:
            return self.config_mappings
        ever = [store.mappings.get(v.version) for v in store.mappings.history()]
        return _with_new_from_config(stored, self.config_mappings, ever)

    def current(self) -> Mappings:
        with self.db.reader() as store:
            return self.current_in(store)

    def history(self) -> list[MappingVersion]:
        with self.db.reader() as store:
            return store.mappings.history()

    def version(self, number: int) -> Mappings:
        with self.db.reader() as store:
            return store.mappings.get(number)

    # -- writing -------------------------------------------------------------------------
    def save(self, mappings: Mappings, *, note: str = "") -> Mappings:
        """Store `mappings` as the next version; `mappings.version` is the one edited from.

        ConcurrencyError if someone saved another version since that one was read.
        """
        with self.db.transaction() as store:
            if store.mappings.current() is None:
                base = self.ensure_saved(store)
                if mappings.version == 0:  # edited from the config's state, now version 1
                    mappings = dataclasses.replace(mappings, version=base.version)
            return self._save_in(store, mappings, note)

    def ensure_saved(self, store: Store) -> Mappings:
        """The mappings in force, saved as a version first if they are not one yet.

        Called before posting, so every posted voucher refers to a stored version, and before
        the first edit, so the config's state is in the history.
        """
        current = self.current_in(store)
        stored = store.mappings.current()
        if stored is not None and current == stored:
            return stored
        note = "from the config file" if stored is None else "additions from the config file"
        return self._save_in(store, current, note)

    def saved_current(self, *, attempts: int = 3) -> Mappings:
        """`ensure_saved` in its own transaction; a colleague saving the same version at the
        same moment (two posters starting together) is waited out and re-read. Nearly always
        the mappings in force are saved already: that is read without the writer lock, which
        every poster would otherwise hold while the versions are read."""
        with self.db.reader() as store:
            stored = store.mappings.current()
            if stored is not None and self.current_in(store) == stored:
                return stored
        for attempt in range(attempts):
            try:
                with self.db.transaction() as store:
                    return self.ensure_saved(store)
            except (IntegrityError, ConcurrencyError):
                if attempt == attempts - 1:
                    raise
        raise AssertionError("unreachable")

    def edit(self, change: Edit, *, note: str, expected_version: int | None = None) -> Mappings:
        """Apply `change` to the mappings in force and save the result as a new version."""
        with self.db.transaction() as store:
            current = self.current_in(store)
            if expected_version is not None and expected_version != current.version:
                moved = QT_TRANSLATE_NOOP(
                    "CLI",
                    "the mappings are now version {0}, you edited version {1}: reload and edit "
                    "again",
                )
                raise ConcurrencyError(say(moved, current.version, expected_version))
            # The state edited from becomes a version of its own first (the config's, on the
            # first edit), so the history shows every change and what it changed from.
            current = self.ensure_saved(store)
            return self._save_in(store, change(current), note)

    @staticmethod
    def _save_in(store: Store, mappings: Mappings, note: str) -> Mappings:
        # The repository refuses (ConcurrencyError) a version edited from a stale one; the
        # config-only state (version 0) can only be edited before anything is stored.
        return store.mappings.save(mappings, note=note)

    # -- the edits a bookkeeper makes ----------------------------------------------------
    def set_provider(
        self,
        provider: str,
        clearing_account: int,
        fee_account: int,
        *,
        expected_version: int | None = None,
    ) -> Mappings:
        def change(m: Mappings) -> Mappings:
            # The reserve account and the booking settings stay as the config set them.
            old = m.provider(provider)
            entry = (
                ProviderMapping(provider, clearing_account, fee_account)
                if old is None
                else dataclasses.replace(
                    old, clearing_account=clearing_account, fee_account=fee_account
                )
            )
            return dataclasses.replace(m, providers=_put(m.providers, entry, _provider_key))

        return self.edit(
            change,
            note=f"{provider}: clearing {clearing_account}, fees {fee_account}",
            expected_version=expected_version,
        )

    def set_plan(
        self,
        provider: str,
        plan: str,
        revenue_account: int,
        vat_code: str | None,
        *,
        expected_version: int | None = None,
    ) -> Mappings:
        entry = PlanMapping(provider, plan, revenue_account, vat_code)
        return self.edit(
            lambda m: dataclasses.replace(m, plans=_put(m.plans, entry, _plan_key)),
            note=f"{provider} plan {plan}: revenue {revenue_account}, VAT {vat_code or 'none'}",
            expected_version=expected_version,
        )

    def remove_plan(
        self, provider: str, plan: str, *, expected_version: int | None = None
    ) -> Mappings:
        return self.edit(
            lambda m: dataclasses.replace(
                m, plans=tuple(p for p in m.plans if _plan_key(p) != (provider, plan))
            ),
            note=f"{provider} plan {plan}: removed",
            expected_version=expected_version,
        )

    def set_customer(
        self,
        provider: str,
        customer_id: str,
        customer_number: int,
        *,
        expected_version: int | None = None,
    ) -> Mappings:
        entry = CustomerMapping(provider, customer_id, customer_number)
        return self.edit(
            lambda m: dataclasses.replace(m, customers=_put(m.customers, entry, _customer_key)),
            note=f"{provider} customer {customer_id}: e-conomic customer {customer_number}",
            expected_version=expected_version,
        )

    def remove_customer(
        self, provider: str, customer_id: str, *, expected_version: int | None = None
    ) -> Mappings:
        key = (provider, customer_id)
        return self.edit(
            lambda m: dataclasses.replace(
                m, customers=tuple(c for c in m.customers if _customer_key(c) != key)
            ),
            note=f"{provider} customer {customer_id}: removed",
            expected_version=expected_version,
        )

    def set_defaults(
        self,
        *,
        difference_account: int | None = None,
        revenue_account: int | None = None,
        vat_code: str | None = None,
        expected_version: int | None = None,
    ) -> Mappings:
        """Set the difference account and the default revenue account / VAT code (None keeps)."""

        def change(m: Mappings) -> Mappings:
            return dataclasses.replace(
                m,
                difference_account=difference_account or m.difference_account,
                default_revenue_account=revenue_account or m.default_revenue_account,
                default_vat_code=vat_code or m.default_vat_code,
            )

        parts = [
            f"{name} {value}"
            for name, value in (
                ("difference account", difference_account),
                ("default revenue account", revenue_account),
                ("default VAT code", vat_code),
            )
            if value is not None
        ]
        return self.edit(change, note=", ".join(parts), expected_version=expected_version)

    def set_tolerance(
        self,
        provider: str,
        fixed: Money,
        percent: Decimal = Decimal(0),
        *,
        expected_version: int | None = None,
    ) -> Mappings:
        tolerance = Tolerance(fixed, percent)
        return self.edit(
            lambda m: dataclasses.replace(m, tolerances={**m.tolerances, provider: tolerance}),
            note=f"{provider} tolerance: {fixed} + {percent} %",
            expected_version=expected_version,
        )

    # -- checking ------------------------------------------------------------------------
    # Every way the mappings do not fit the agreement (accounting.validation.check_mappings).
    check = staticmethod(check_mappings)


def _put(entries: tuple[T, ...], entry: T, key: Callable[[T], Hashable]) -> tuple[T, ...]:
    """`entries` with `entry` replacing the one with its key, or appended."""
    replaced = False
    result: list[T] = []
    for existing in entries:
        if key(existing) == key(entry):
            result.append(entry)
            replaced = True
        else:
            result.append(existing)
    return tuple(result) if replaced else (*result, entry)
