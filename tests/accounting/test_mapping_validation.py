import dataclasses
from decimal import Decimal

import pytest

from econdesk.accounting.validation import MappingError, check_mappings, require_valid_mappings
from econdesk.domain.booking import SaleVatFacts, VatRule
from econdesk.domain.model import CustomerMapping, PlanMapping, ProviderMapping
from econdesk.i18n.message import text_in
from tests.accounting.samples import BANK, CHART, MAPPINGS


def test_sample_mappings_fit_the_agreement() -> None:
    assert check_mappings(MAPPINGS, CHART, bank_account=BANK, journal=1, providers=["stripe"]) == []


def test_every_problem_is_named_at_once() -> None:
    bad = dataclasses.replace(
        MAPPINGS,
        providers=(
            ProviderMapping("stripe", 5899, 1000),  # barred clearing, heading as fee account
            ProviderMapping("frisbii", 4444, 7999),  # unknown, a sum account
        ),
        plans=(
            PlanMapping("stripe", "gold", 5600, "U99"),  # blocks direct entries, unknown VAT
            PlanMapping("stripe", "old", 1010, "OLD"),  # barred VAT code
        ),
        customers=(CustomerMapping("stripe", "cus_X", 77),),
        difference_account=None,
    )
    problems = [
        str(p)
        for p in check_mappings(bad, CHART, bank_account=BANK, providers=["stripe", "chargebee"])
    ]
    assert problems == [
        "difference_account: is not set",
        "providers.chargebee: no clearing and fee account mapped",
        "providers.stripe.clearing_account: account 5899 'Gammel konto' is barred",
        "providers.stripe.fee_account: account 1000 'RESULTATOPGØRELSE' is a heading account, "
        "not one that takes entries",
        "providers.frisbii.clearing_account: account 4444 does not exist in the agreement",
        "providers.frisbii.fee_account: account 7999 'Sum' is a sumInterval account, "
        "not one that takes entries",
        "plans.stripe.gold.revenue_account: account 5600 'Debitorer' blocks direct entries "
        "(blockDirectEntries)",
        "plans.stripe.gold.vat_code: VAT code 'U99' does not exist in the agreement",
        "plans.stripe.old.vat_code: VAT code 'OLD' is barred",
        "customers.stripe.cus_X: customer 77 does not exist in the agreement",
    ]
    error = MappingError(check_mappings(bad, CHART, bank_account=BANK, providers=["stripe"]))
    assert len(error.problems) == 9
    assert str(error).startswith("9 mapping problem(s): difference_account: is not set; ")
    assert "U99" in str(error) and "5899" in str(error)
    danish = text_in(error, "da")  # as the command line and the app say it in Danish
    assert danish.startswith("9 konteringsproblem(er): difference_account: er ikke angivet; ")
    assert "providers.stripe.clearing_account: konto 5899 'Gammel konto' er spærret; " in danish
    assert "plans.stripe.gold.vat_code: momskode 'U99' findes ikke i aftalen" in danish
    with pytest.raises(MappingError) as caught:
        require_valid_mappings(bad, CHART, bank_account=BANK, providers=["stripe"])
    assert caught.value.problems == error.problems
    require_valid_mappings(MAPPINGS, CHART, bank_account=BANK, providers=["stripe"])


def test_bank_account_is_checked_for_direct_posting_only() -> None:
    assert check_mappings(MAPPINGS, CHART, bank_account=4444) == [
        check_mappings(MAPPINGS, CHART, bank_account=4444)[0]
    ]
    assert "does not exist" in str(check_mappings(MAPPINGS, CHART, bank_account=4444)[0])
    assert check_mappings(MAPPINGS, CHART, bank_account=None, direct_profile=False) == []
    assert [str(p) for p in check_mappings(MAPPINGS, CHART, direct_profile=True)] == [
        "bank_account: is not set"
    ]


def test_clearing_account_must_not_be_the_bank_account() -> None:
    same = dataclasses.replace(MAPPINGS, providers=(ProviderMapping("stripe", BANK, 7220),))
    assert [str(p) for p in check_mappings(same, CHART, bank_account=BANK)] == [
        "providers.stripe.clearing_account: is the bank account 5820; a clearing account "
        "must be its own"
    ]


def test_journal_restricted_to_finance_vouchers_cannot_take_customer_payments() -> None:
    problems = [str(p) for p in check_mappings(MAPPINGS, CHART, journal=2)]
    assert problems == [
        "journal: journal 2 'Kun finans' only takes financeVoucher entries, but posting needs "
        "customerPayment"
    ]
    no_customers = dataclasses.replace(MAPPINGS, customers=())
    assert check_mappings(no_customers, CHART, journal=2) == []
    assert [str(p) for p in check_mappings(MAPPINGS, CHART, journal=9)] == [
        "journal: journal 9 does not exist in the agreement"
    ]


def test_the_booking_settings_are_checked_against_the_agreement() -> None:
    stripe = dataclasses.replace(MAPPINGS.providers[0], fee_vat_code="IEUX", bad_debt_account=5600)
    bad = dataclasses.replace(
        MAPPINGS,
        providers=(stripe,),
        exchange_difference_account=4444,
        vat_rules=(
            VatRule(SaleVatFacts(Decimal(25)), "U25"),
            VatRule(SaleVatFacts(Decimal(0), reverse_charge=True), "OLD"),
        ),
    )
    assert [str(p) for p in check_mappings(bad, CHART, bank_account=BANK)] == [
        "exchange_difference_account: account 4444 does not exist in the agreement",
        "vat.codes[1].code: VAT code 'OLD' is barred",
        "providers.stripe.fee_vat_code: VAT code 'IEUX' does not exist in the agreement",
        "providers.stripe.bad_debt_account: account 5600 'Debitorer' blocks direct entries "
        "(blockDirectEntries)",
    ]


def test_posting_economic_invoices_without_their_account_names_the_setting() -> None:
    problems = check_mappings(MAPPINGS, CHART, bank_account=BANK, providers=["economic"])
    assert [p.where for p in problems] == ["economic.open_invoices_account"]
    assert "until it is identified" in str(problems[0])
