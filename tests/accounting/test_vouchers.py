import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from econdesk.accounting.chart import AccountingYearError
from econdesk.accounting.ledger import base_postings, postings
from econdesk.accounting.voucher_modes import OpenInvoice
from econdesk.accounting.vouchers import (
    LineRole,
    MatchMaterial,
    PostingSettings,
    VoucherError,
    build_voucher,
)
from econdesk.domain.model import (
    BankEntryOrigin,
    ItemKind,
    MatchState,
    Payout,
    PayoutKind,
    Tolerance,
    VoucherEntryKind,
    VoucherRef,
)
from econdesk.domain.money import Money
from tests.accounting.samples import (
    BANK,
    CHART,
    CLEARING,
    DIFFERENCE,
    DIRECT,
    FEES,
    MAPPINGS,
    REVENUE,
    REVENUE_EU,
    STRIPE_CLEARING,
    approved,
    bank_entry,
    item,
    worked_example,
)
from tests.accounting.voucher_strategies import (
    MOBILEPAY_CLEARING,
    MOBILEPAY_FEES,
    MOBILEPAY_MAPPINGS,
)


def dkk(amount: str) -> Money:
    return Money.of(amount, "DKK")


def rows(prepared):  # type: ignore[no-untyped-def]
    return [
        (
            p.role,
            p.line.kind,
            p.line.account,
            p.line.customer_number,
            p.line.contra_account,
            p.line.amount,
            p.line.vat_code,
        )
        for p in prepared.lines
    ]


def test_worked_example_clearing_profile() -> None:
    prepared = build_voucher(worked_example(), MAPPINGS, CHART, CLEARING)
    fin, cust = VoucherEntryKind.FINANCE, VoucherEntryKind.CUSTOMER_PAYMENT
    c = STRIPE_CLEARING
    assert rows(prepared) == [
        (LineRole.REVENUE, fin, REVENUE, None, c, dkk("-875.00"), "U25"),
        (LineRole.REFUND, fin, REVENUE, None, c, dkk("100.00"), "U25"),
        (LineRole.CHARGEBACK, fin, REVENUE, None, c, dkk("8.00"), "U25"),
        (LineRole.CUSTOMER_PAYMENT, cust, None, 12, c, dkk("-250.00"), None),
        (LineRole.FEE, fin, FEES, None, c, dkk("16.88"), None),
        (LineRole.DIFFERENCE, fin, DIFFERENCE, None, c, dkk("0.12"), None),
    ]
    assert prepared.difference == dkk("-0.12")
    assert prepared.voucher.accounting_year == "2026"
    # The clearing account is debited by exactly the deposit it was credited with.
    assert postings(prepared.voucher)[(f"account:{c}", "DKK")] == dkk("1000.00")
    # e-conomic splits 20 % of the gross U25 amounts onto VAT: 875 -> 175.00 VAT.
    assert prepared.lines[0].vat == dkk("-175.00")
    effect = postings(prepared.voucher, {"U25": Decimal(25)})
    assert effect[("account:1010", "DKK")] == dkk("-613.60")  # net revenue after refunds
    assert effect[("vat:U25", "DKK")] == dkk("-153.40")


def test_direct_profile_books_the_bank_and_empties_clearing_inside_the_voucher() -> None:
    m = worked_example()
    from_file = dataclasses.replace(m.bank_entries[0], origin=BankEntryOrigin.FILE)
    material = dataclasses.replace(
        m,
        bank_entries=(from_file,),
        match=dataclasses.replace(m.match, bank_refs=(from_file.ref,)),
    )
    prepared = build_voucher(material, MAPPINGS, CHART, DIRECT)
    first = prepared.lines[0]
    assert (first.role, first.line.account, first.line.contra_account) == (
        LineRole.BANK,
        BANK,
        STRIPE_CLEARING,
    )
    assert first.line.amount == dkk("1000.00")
    effect = postings(prepared.voucher)
    assert effect[(f"account:{BANK}", "DKK")] == dkk("1000.00")
    assert effect[(f"account:{STRIPE_CLEARING}", "DKK")] == dkk("0.00")


def test_direct_profile_refuses_a_deposit_already_in_the_books() -> None:
    with pytest.raises(VoucherError, match="already on the bank account"):
        build_voucher(worked_example(), MAPPINGS, CHART, DIRECT)


def test_every_entry_text_carries_the_marker() -> None:
    prepared = build_voucher(worked_example(), MAPPINGS, CHART, CLEARING)
    assert prepared.marker.startswith("ED-m-000123-")
    assert all(p.line.text.startswith(prepared.marker + " ") for p in prepared.lines)
    texts = [e["text"] for kind in prepared.body["entries"].values() for e in kind]
    assert len(texts) == len(prepared.lines)
    assert all(prepared.marker in t and len(t) <= 250 for t in texts)


def test_customer_payment_links_the_booked_invoice() -> None:
    open_invoice = OpenInvoice(20461, 12, "A1B2-0003")
    m = dataclasses.replace(worked_example(), invoices={"stripe:ch_3": open_invoice})
    prepared = build_voucher(m, MAPPINGS, CHART, CLEARING)
    payments = prepared.body["entries"]["customerPayments"]
    assert payments == [
        {
            "date": "2026-03-05",
            "amount": Decimal("-250.00"),
            "currency": {"code": "DKK"},
            "text": payments[0]["text"],
            "customer": {"customerNumber": 12},
            "customerInvoice": 20461,
            "contraAccount": {"accountNumber": STRIPE_CLEARING},
        }
    ]
    assert "faktura 20461" in payments[0]["text"]  # a DKK agreement: Danish texts


def test_foreign_currency_sends_rate_per_100_and_base_amounts() -> None:
    # 1 000.00 EUR arrived as 7 461.04 DKK: the rate is 746.104000 per 100.
    material = approved(
        "m-000200",
        [bank_entry("4800", "1000.00", currency="EUR", base="7461.04")],
        [
            item("ch_a", ItemKind.PAYMENT, "333.33", "4.99", currency="EUR", plan="eu-b2b"),
            item("ch_b", ItemKind.PAYMENT, "333.33", "4.99", currency="EUR", plan="eu-b2b"),
            item("ch_c", ItemKind.PAYMENT, "348.31", "4.99", currency="EUR", plan="eu-b2b"),
        ],
    )
    mappings = dataclasses.replace(
        MAPPINGS, tolerances={"stripe": Tolerance(Money.of("1.00", "DKK"))}
    )
    prepared = build_voucher(material, mappings, CHART, CLEARING)
    assert prepared.exchange_rate == Decimal("746.104000")
    revenue = prepared.body["entries"]["financeVouchers"][0]
    assert revenue["account"] == {"accountNumber": REVENUE_EU}
    assert revenue["amount"] == Decimal("-1014.97")
    assert revenue["currency"] == {"code": "EUR"}
    assert revenue["exchangeRate"] == Decimal("746.104000")
    assert revenue["amountBaseCurrency"] == Decimal("-7572.73")  # 1014.97 * 7.46104
    base = base_postings(prepared.voucher, "DKK")
    assert base[f"account:{STRIPE_CLEARING}"] == dkk("7461.04")
    assert sum((v.amount for v in base.values()), Decimal(0)) == 0
    assert LineRole.ROUNDING not in [p.role for p in prepared.lines]


def test_rounding_goes_to_the_difference_account_in_base_currency() -> None:
    # Three lines each rounded on their own miss the booked base amount by an øre.
    material = approved(
        "m-000201",
        [bank_entry("4801", "0.03", currency="EUR", base="0.23")],
        [
            item("ch_x", ItemKind.PAYMENT, "0.01", currency="EUR", plan="eu-b2b"),
            item("ch_y", ItemKind.PAYMENT, "0.01", currency="EUR", plan=None, customer="cus_ACME"),
            item("ch_z", ItemKind.PAYMENT, "0.01", currency="EUR", plan="gold"),
        ],
    )
    prepared = build_voucher(material, MAPPINGS, CHART, CLEARING)
    rounding = prepared.lines[-1]
    assert rounding.role is LineRole.ROUNDING
    assert rounding.line.amount.currency == "DKK"
    assert rounding.line.account == DIFFERENCE
    assert rounding.line.exchange_rate is None
    base = base_postings(prepared.voucher, "DKK")
    assert base[f"account:{STRIPE_CLEARING}"] == dkk("0.23")


def test_difference_beyond_tolerance_is_refused() -> None:
    material = approved(
        "m-000300",
        [bank_entry("4900", "1000.00")],
        [item("ch_1", ItemKind.PAYMENT, "990.00")],
    )
    with pytest.raises(VoucherError, match=r"m-000300: .* by 10.00 DKK, more than the tolerance"):
        build_voucher(material, MAPPINGS, CHART, CLEARING)


def test_unmapped_plan_without_default_is_named() -> None:
    mappings = dataclasses.replace(MAPPINGS, default_revenue_account=None)
    material = approved(
        "m-000301",
        [bank_entry("4901", "300.00")],
        [
            item("ch_1", ItemKind.PAYMENT, "100.00", plan="platinum"),
            item("ch_2", ItemKind.PAYMENT, "200.00", plan="silver"),
        ],
    )
    with pytest.raises(VoucherError, match=r"plan.s. platinum, silver"):
        build_voucher(material, mappings, CHART, CLEARING)


def test_only_approved_unposted_matches_become_vouchers() -> None:
    m = worked_example()
    proposed = dataclasses.replace(m, match=dataclasses.replace(m.match, state=MatchState.PROPOSED))
    with pytest.raises(VoucherError, match="only approved"):
        build_voucher(proposed, MAPPINGS, CHART, CLEARING)
    posted = dataclasses.replace(
        m, match=dataclasses.replace(m.match, voucher=VoucherRef(1, "2026", 50026))
    )
    with pytest.raises(VoucherError, match="already posted as voucher 50026"):
        build_voucher(posted, MAPPINGS, CHART, CLEARING)


def test_a_closed_or_missing_accounting_year_is_refused() -> None:
    material = approved(
        "m-000302",
        [bank_entry("4902", "100.00", day=date(2025, 6, 1))],
        [item("ch_1", ItemKind.PAYMENT, "100.00")],
    )
    with pytest.raises(AccountingYearError, match=r"2025 .* is closed"):
        build_voucher(material, MAPPINGS, CHART, CLEARING)


def test_payout_level_fees_go_to_the_fee_account() -> None:
    # A settlement that reports its fees only in total (as acquirers do).
    items = [item("t1", ItemKind.PAYMENT, "600.00"), item("t2", ItemKind.PAYMENT, "400.00")]
    payout = Payout(
        provider="stripe",
        external_id="po_9",
        kind=PayoutKind.SETTLEMENT,
        amount=dkk("985.00"),
        arrival_date=date(2026, 3, 5),
        fees=dkk("15.00"),
        component_refs=tuple(i.ref for i in items),
    )
    base = approved("m-000303", [bank_entry("4903", "985.00")], items)
    material = dataclasses.replace(base, payouts=(payout,))
    prepared = build_voucher(material, MAPPINGS, CHART, CLEARING)
    fee = next(p for p in prepared.lines if p.role is LineRole.FEE)
    assert fee.line.amount == dkk("15.00")
    assert "stripe:po_9" in fee.sources
    assert prepared.difference.is_zero()
    assert "po_9" not in prepared.body["entries"]["financeVouchers"][0]["text"]


def test_payout_without_breakdown_is_refused() -> None:
    payout = Payout(
        provider="stripe",
        external_id="po_manual",
        kind=PayoutKind.PAYOUT,
        amount=dkk("100.00"),
        arrival_date=date(2026, 3, 5),
        has_breakdown=False,
    )
    base = approved("m-000304", [bank_entry("4904", "100.00")], [item("x", ItemKind.PAYMENT, "1")])
    material = MatchMaterial(
        match=base.match, bank_entries=base.bank_entries, items=(), payouts=(payout,)
    )
    with pytest.raises(VoucherError, match="no breakdown"):
        build_voucher(material, MAPPINGS, CHART, CLEARING)


def test_fee_items_and_adjustments() -> None:
    material = approved(
        "m-000305",
        [bank_entry("4905", "95.00")],
        [
            item("ch_1", ItemKind.PAYMENT, "100.00"),
            item("fee_1", ItemKind.FEE, "-2.00", plan=None),
            item("adj_1", ItemKind.ADJUSTMENT, "-3.00", plan=None),
        ],
    )
    prepared = build_voucher(material, MAPPINGS, CHART, CLEARING)
    by_role = {p.role: p.line for p in prepared.lines}
    assert by_role[LineRole.FEE].amount == dkk("2.00")
    assert by_role[LineRole.ADJUSTMENT].amount == dkk("3.00")
    assert by_role[LineRole.ADJUSTMENT].account == DIFFERENCE
    assert LineRole.DIFFERENCE not in by_role


def test_items_from_another_currency_or_platform_are_refused() -> None:
    material = approved(
        "m-000306",
        [bank_entry("4906", "100.00")],
        [
            item("ch_1", ItemKind.PAYMENT, "50.00"),
            item("ch_2", ItemKind.PAYMENT, "50.00", provider="frisbii"),
        ],
    )
    with pytest.raises(VoucherError, match="several platforms: frisbii, stripe"):
        build_voucher(material, MAPPINGS, CHART, CLEARING)


def test_foreign_deposit_without_base_amount_needs_a_rate() -> None:
    material = approved(
        "m-000307",
        [bank_entry("4907", "100.00", currency="EUR", origin=BankEntryOrigin.FILE)],
        [item("ch_1", ItemKind.PAYMENT, "100.00", currency="EUR")],
    )
    with pytest.raises(VoucherError, match=r"set an exchange rate for EUR \(econdesk post --rate"):
        build_voucher(material, MAPPINGS, CHART, CLEARING)
    settings = PostingSettings(
        CLEARING.profile, 1, BANK, exchange_rates={"EUR": Decimal("746.000000")}
    )
    prepared = build_voucher(material, MAPPINGS, CHART, settings)
    assert prepared.deposit_base == dkk("746.00")


def _mobilepay_transfer(inferred: Money | None) -> MatchMaterial:
    """A MobilePay daily transfer: three payments, no fee stated per item; the matcher
    inferred 5.60 (1.4 % of 399.95) and the bank received 394.33, 0.02 short."""
    items = [
        item(f"mp_{n}", ItemKind.PAYMENT, amount, provider="mobilepay", plan=None)
        for n, amount in enumerate(["200.00", "150.00", "49.95"])
    ]
    material = approved("m-000310", [bank_entry("4910", "394.33")], items)
    match = dataclasses.replace(
        material.match, inferred_fee=inferred, difference=dkk("-0.02") if inferred else dkk("-5.62")
    )
    return dataclasses.replace(material, match=match)


def test_an_inferred_fee_goes_to_the_platforms_fee_account() -> None:
    prepared = build_voucher(_mobilepay_transfer(dkk("5.60")), MOBILEPAY_MAPPINGS, CHART, CLEARING)
    fin, c = VoucherEntryKind.FINANCE, MOBILEPAY_CLEARING
    assert rows(prepared) == [
        (LineRole.REVENUE, fin, REVENUE, None, c, dkk("-399.95"), "U25"),
        (LineRole.FEE, fin, MOBILEPAY_FEES, None, c, dkk("5.60"), None),
        (LineRole.DIFFERENCE, fin, DIFFERENCE, None, c, dkk("0.02"), None),
    ]
    assert prepared.difference == dkk("-0.02") and prepared.warnings == ()
    fee = next(p for p in prepared.lines if p.role is LineRole.FEE)
    assert set(fee.sources) == {"mobilepay:mp_0", "mobilepay:mp_1", "mobilepay:mp_2"}
    assert postings(prepared.voucher)[(f"account:{c}", "DKK")] == dkk("394.33")


def test_without_its_inferred_fee_the_same_transfer_is_beyond_tolerance() -> None:
    with pytest.raises(VoucherError, match=r"m-000310: .* by -5.62 DKK, more than the tolerance"):
        build_voucher(_mobilepay_transfer(None), MOBILEPAY_MAPPINGS, CHART, CLEARING)


def test_an_inferred_fee_in_another_currency_is_refused() -> None:
    material = _mobilepay_transfer(dkk("5.60"))
    foreign = dataclasses.replace(
        material, match=dataclasses.replace(material.match, inferred_fee=Money.of("0.75", "EUR"))
    )
    with pytest.raises(VoucherError, match=r"m-000310: the inferred fee 0.75 EUR is not in the"):
        build_voucher(foreign, MOBILEPAY_MAPPINGS, CHART, CLEARING)
