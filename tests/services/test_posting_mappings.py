"""The mappings service: config seeds, edits are versions, every save audited, checks named."""

import dataclasses
from decimal import Decimal

import pytest

from econdesk.accounting.validation import check_mappings
from econdesk.domain.booking import BookingMode, LostDisputes, SaleVatFacts, VatRule
from econdesk.domain.model import Mappings, PlanMapping, ProviderMapping
from econdesk.domain.money import Money
from econdesk.services.mappings import MappingService
from econdesk.storage import ConcurrencyError, Database
from econdesk.storage.repos.mappings import mappings_from_json, mappings_to_json
from tests.accounting.samples import CHART, MAPPINGS

CONFIG = dataclasses.replace(MAPPINGS, version=1)


def test_config_mappings_are_in_force_until_the_first_save(db: Database) -> None:
    service = MappingService(db, CONFIG)
    current = service.current()
    assert current.version == 0
    assert current.providers == CONFIG.providers
    assert service.history() == []
    saved = service.save(dataclasses.replace(current, difference_account=7291), note="edit")
    assert saved.version == 2 and saved.difference_account == 7291
    assert service.version(1).difference_account == CONFIG.difference_account


def test_each_edit_is_a_new_audited_version(db: Database) -> None:
    service = MappingService(db, CONFIG)
    v2 = service.set_plan("stripe", "gold", 1020, "UEUV")
    assert v2.version == 2  # version 1 is the config's state it was edited from
    assert v2.plan("stripe", "gold") == PlanMapping("stripe", "gold", 1020, "UEUV")
    assert service.version(1).plan("stripe", "gold") == CONFIG.plan("stripe", "gold")
    v3 = service.set_customer("stripe", "cus_NEW", 13)
    assert v3.version == 3 and v3.customer_number("stripe", "cus_NEW") == 13
    v4 = service.set_tolerance("stripe", Money.of("2.50", "DKK"), Decimal("0.1"))
    assert v4.tolerances["stripe"].fixed == Money.of("2.50", "DKK")
    assert [h.version for h in service.history()] == [4, 3, 2, 1]
    assert [h.note for h in service.history()][-1] == "from the config file"
    assert service.version(2).customer_number("stripe", "cus_NEW") is None  # old stays readable
    with db.reader() as store:
        saved = store.audit_events(action_prefix="mappings.saved", newest_first=False)
    assert [e.payload["version"] for e in saved] == [1, 2, 3, 4]
    assert saved[0].payload["before"] is None
    assert saved[1].payload["before"]["plans"][0]["revenue_account"] == 1010
    assert saved[1].payload["after"]["plans"][0]["revenue_account"] == 1020
    assert saved[2].payload["after"]["customers"][-1]["customer_id"] == "cus_NEW"
    assert saved[2].actor == "tester"


def test_a_stale_edit_is_refused(db: Database) -> None:
    service = MappingService(db, CONFIG)
    service.set_plan("stripe", "gold", 1020, "U25")
    stale = service.current()
    service.set_plan("stripe", "gold", 1010, "U25")  # a colleague saves in between
    with pytest.raises(ConcurrencyError, match="reload"):
        service.save(dataclasses.replace(stale, difference_account=7291), note="late")
    with pytest.raises(ConcurrencyError):
        service.remove_plan("stripe", "gold", expected_version=stale.version)
    assert service.current().difference_account == MAPPINGS.difference_account


def test_a_removal_stays_removed_and_new_config_entries_join(db: Database) -> None:
    MappingService(db, CONFIG).remove_plan("stripe", "eu-b2b")
    later_config = dataclasses.replace(
        CONFIG,
        providers=(*CONFIG.providers, ProviderMapping("frisbii", 5831, 7220)),
    )
    service = MappingService(db, later_config)
    current = service.current()
    assert current.plan("stripe", "eu-b2b") is None  # removed in the app: not re-added
    assert current.provider("frisbii") == ProviderMapping("frisbii", 5831, 7220)
    with db.transaction() as store:
        saved = service.ensure_saved(store)
    assert saved.version == 3 and saved.provider("frisbii") is not None
    with db.transaction() as store:
        assert service.ensure_saved(store).version == 3  # nothing new: no new version


def test_check_names_problems_against_the_agreement(db: Database) -> None:
    service = MappingService(db, CONFIG)
    broken = service.set_provider("stripe", 5899, 7220)
    problems = check_mappings(broken, CHART, providers=["stripe"])
    assert [str(p) for p in problems] == [
        "providers.stripe.clearing_account: account 5899 'Gammel konto' is barred"
    ]
    assert check_mappings(Mappings(), CHART, providers=["stripe"])[0].where == "difference_account"


def test_booking_settings_are_stored_and_the_configs_stand_over_them(db: Database) -> None:
    stripe = dataclasses.replace(
        CONFIG.providers[0],
        booking=BookingMode.SALES,
        fee_vat_code="IEUY",
        lost_disputes=LostDisputes.BAD_DEBT,
        bad_debt_account=5610,
    )
    rules = (VatRule(SaleVatFacts(Decimal(0), reverse_charge=True), "UEUY"),)
    first = dataclasses.replace(
        CONFIG, providers=(stripe,), exchange_difference_account=7295, vat_rules=rules
    )
    service = MappingService(db, first)
    # An edit of the accounts in the app keeps the booking settings.
    edited = service.set_provider("stripe", 5831, 7221)
    assert edited.provider("stripe") == dataclasses.replace(
        stripe, clearing_account=5831, fee_account=7221
    )
    stored = service.version(edited.version)  # read back from its JSON
    assert stored.provider("stripe") == edited.provider("stripe")
    assert stored.vat_rules == rules and stored.exchange_difference_account == 7295
    # The config changes its mode: the accounts edited in the app stay, the mode is the
    # config's, and saving it makes a new version.
    later = dataclasses.replace(
        first, providers=(dataclasses.replace(stripe, booking=BookingMode.SETTLE),)
    )
    service = MappingService(db, later)
    current = service.current()
    assert current.provider("stripe") == dataclasses.replace(
        stripe, clearing_account=5831, fee_account=7221, booking=BookingMode.SETTLE
    )
    with db.transaction() as store:
        assert service.ensure_saved(store).version == edited.version + 1


def test_a_version_saved_before_booking_modes_reads_as_not_chosen() -> None:
    old = {
        "providers": [{"provider": "stripe", "clearing_account": 5830, "fee_account": 7220}],
        "plans": [], "customers": [], "difference_account": 7290,
        "default_revenue_account": None, "default_vat_code": None, "tolerances": {},
    }  # fmt: skip
    read = mappings_from_json(old, 1)
    assert read.provider("stripe") == ProviderMapping("stripe", 5830, 7220)
    assert read.vat_rules == () and read.exchange_difference_account is None
    assert mappings_from_json(mappings_to_json(read), 1) == read
