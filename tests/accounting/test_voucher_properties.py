"""Property tests: whatever the approved match, the voucher balances and follows the rules."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft3Validator

from econdesk.accounting.ledger import account_key, base_postings, debit_credit_totals, postings
from econdesk.accounting.marker import TEXT_MAX, markers_in, match_marker
from econdesk.accounting.vouchers import LineRole, PostingProfile, build_voucher
from econdesk.domain.model import Mappings, Match, MatchMethod, MatchState, VoucherEntryKind
from econdesk.domain.money import Money
from econdesk.sandbox.economic.vouchers import load_schema
from tests.accounting.samples import (
    BANK,
    CHART,
    DIFFERENCE,
    FEES,
    REVENUE,
    REVENUE_EU,
    STRIPE_CLEARING,
)
from tests.accounting.voucher_strategies import (
    MOBILEPAY_CLEARING,
    MOBILEPAY_FEES,
    inferred_fee_deposits,
    materials,
)

# e-conomic's own draft-03 schema for the request, as the sandbox ships it unchanged
# (docs/economic-api.md, "REST schemas").
SCHEMA = load_schema()
VALIDATOR = Draft3Validator(SCHEMA)
RATES = {code: v.rate_percent for code, v in CHART.vat_codes.items()}


def _expected_revenue(mappings: Mappings, plan: str | None) -> tuple[int, str | None]:
    mapped = mappings.plan("stripe", plan)
    if mapped is not None:
        return mapped.revenue_account, mapped.vat_code
    assert mappings.default_revenue_account is not None
    return mappings.default_revenue_account, mappings.default_vat_code


@settings(max_examples=150, deadline=None)
@given(materials())
def test_every_voucher_balances_in_currency_and_base(case) -> None:  # type: ignore[no-untyped-def]
    material, mappings, posting = case
    prepared = build_voucher(material, mappings, CHART, posting)
    currencies = {line.amount.currency for line in prepared.voucher.lines}
    by_currency = postings(prepared.voucher, RATES)
    for currency in currencies:
        amounts = [v for (_, c), v in by_currency.items() if c == currency]
        debit, credit = debit_credit_totals(amounts, currency)
        assert debit == credit
    base = base_postings(prepared.voucher, "DKK", RATES)
    debit, credit = debit_credit_totals(base.values(), "DKK")
    assert debit == credit


@settings(max_examples=150, deadline=None)
@given(materials())
def test_clearing_nets_to_zero_for_the_deposit(case) -> None:  # type: ignore[no-untyped-def]
    material, mappings, posting = case
    prepared = build_voucher(material, mappings, CHART, posting)
    clearing = account_key(STRIPE_CLEARING)
    currency = prepared.deposit.currency
    in_currency = postings(prepared.voucher).get((clearing, currency), Money.zero(currency))
    in_base = base_postings(prepared.voucher, "DKK").get(clearing, Money.zero("DKK"))
    if posting.profile is PostingProfile.CLEARING:
        # The deposit credited the clearing account; the voucher debits it back exactly.
        assert in_currency == prepared.deposit
        assert in_base == prepared.deposit_base
    else:
        assert in_currency.is_zero() and in_base.is_zero()
        bank = postings(prepared.voucher).get((account_key(BANK), currency), Money.zero(currency))
        assert bank == prepared.deposit
        bank_base = base_postings(prepared.voucher, "DKK").get(account_key(BANK), Money.zero("DKK"))
        assert bank_base == prepared.deposit_base


@settings(max_examples=150, deadline=None)
@given(materials())
def test_signs_vat_codes_and_entry_kinds(case) -> None:  # type: ignore[no-untyped-def]
    material, mappings, posting = case
    prepared = build_voucher(material, mappings, CHART, posting)
    by_ref = {i.ref: i for i in material.items}
    for p in prepared.lines:
        line = p.line
        assert line.contra_account == STRIPE_CLEARING
        if p.role in (LineRole.REVENUE, LineRole.REFUND, LineRole.CHARGEBACK):
            assert line.kind is VoucherEntryKind.FINANCE
            assert line.account in (REVENUE, REVENUE_EU)
            # payments credit revenue (minus), refunds and chargebacks debit it (plus)
            assert line.amount.is_negative() == (p.role is LineRole.REVENUE)
            for ref in p.sources:
                src = by_ref[ref]
                assert _expected_revenue(mappings, src.plan) == (line.account, line.vat_code)
                assert mappings.customer_number("stripe", src.customer_id) is None
            rate = RATES.get(line.vat_code) if line.vat_code else None
            if rate is not None:
                assert p.vat is not None and abs(p.vat) <= abs(line.amount)
                assert p.vat.is_negative() == line.amount.is_negative() or p.vat.is_zero()
        elif p.role is LineRole.CUSTOMER_PAYMENT:
            (ref,) = p.sources
            src = by_ref[ref]
            assert line.kind is VoucherEntryKind.CUSTOMER_PAYMENT
            assert line.customer_number == 12 and line.account is None and line.vat_code is None
            assert line.amount == -src.amount  # payment credits the customer: negative
        elif p.role is LineRole.FEE:
            assert line.account == FEES and line.vat_code is None
            assert not line.amount.is_negative()
        elif p.role is LineRole.BANK:
            assert posting.profile is PostingProfile.DIRECT and line.account == BANK
        else:
            others = (
                LineRole.ADJUSTMENT,
                LineRole.DIFFERENCE,
                LineRole.ROUNDING,
                LineRole.EXCHANGE,
            )
            assert p.role in others
            # without an exchange difference account, the realised difference goes here too
            assert line.account == mappings.difference_account and line.vat_code is None
            if p.role is LineRole.EXCHANGE:
                assert material.sale_rates and line.amount.currency == "DKK"
        assert not line.amount.is_zero()
        if line.amount.currency != "DKK":
            assert line.exchange_rate is not None and line.amount_base is not None


@settings(max_examples=150, deadline=None)
@given(materials())
def test_request_body_follows_the_official_schema(case) -> None:  # type: ignore[no-untyped-def]
    material, mappings, posting = case
    prepared = build_voucher(material, mappings, CHART, posting)
    errors = [e.message for e in VALIDATOR.iter_errors(prepared.body)]
    assert errors == []
    entries = [e for kind in prepared.body["entries"].values() for e in kind]
    assert len(entries) == len(prepared.lines)
    for entry in entries:
        assert markers_in(entry["text"]) == [prepared.marker]
        assert len(entry["text"]) <= TEXT_MAX
        assert isinstance(entry["amount"], Decimal)  # never a float
        assert entry["amount"].as_tuple().exponent >= -2  # schema: maxDecimal 2
        if "exchangeRate" in entry:
            assert entry["exchangeRate"].as_tuple().exponent >= -6  # maxDecimals 6
        assert None not in entry.values()  # e-conomic rejects null


def test_schema_validator_catches_a_broken_body() -> None:
    bad = {
        "accountingYear": {"year": "2026"},
        "entries": {"financeVouchers": [{"amount": Decimal("1.00"), "text": "x" * 251}]},
    }
    messages = sorted(e.message for e in VALIDATOR.iter_errors(bad))
    assert any("date" in m for m in messages)  # required date missing
    assert any("too long" in m for m in messages)  # text over 250
    assert list(VALIDATOR.iter_errors({"entries": {}})) != []  # accountingYear required


refs = st.lists(st.integers(1, 999_999).map(lambda n: f"economic:{n}"), min_size=1, max_size=3)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(1, 999_999), refs, refs),
        min_size=2,
        max_size=20,
        unique_by=lambda t: t[0],
    )
)
def test_markers_differ_between_matches(specs) -> None:  # type: ignore[no-untyped-def]
    seen = set()
    for number, bank_refs, item_refs in specs:
        match = Match(
            id=f"m-{number:06d}",
            state=MatchState.APPROVED,
            method=MatchMethod.MANUAL,
            score=1.0,
            auto=False,
            bank_refs=tuple(bank_refs),
            item_refs=tuple(f"stripe:{r}" for r in item_refs),
            amount=Money.of("1", "DKK"),
            difference=Money.of("0", "DKK"),
        )
        marker = match_marker(match)
        assert markers_in(f"Payout {marker} text") == [marker]
        seen.add(marker)
    assert len(seen) == len(specs)


@settings(max_examples=150, deadline=None)
@given(inferred_fee_deposits())
def test_an_inferred_fee_is_booked_as_a_fee_and_only_the_remainder_as_a_difference(
    case,  # type: ignore[no-untyped-def]
) -> None:
    material, mappings, posting = case
    match = material.match
    fee = match.inferred_fee
    prepared = build_voucher(material, mappings, CHART, posting)
    assert prepared.warnings == ()  # the builder's difference is the one the match states
    assert prepared.difference == match.difference
    by_role = {role: [p.line for p in prepared.lines if p.role is role] for role in LineRole}
    # The whole inferred fee on the platform's fee account, against its clearing account.
    assert [(ln.account, ln.contra_account, ln.amount) for ln in by_role[LineRole.FEE]] == [
        (MOBILEPAY_FEES, MOBILEPAY_CLEARING, fee)
    ]
    # Only the true remainder on the difference account.
    expected = [] if match.difference.is_zero() else [(DIFFERENCE, -match.difference)]
    assert [(ln.account, ln.amount) for ln in by_role[LineRole.DIFFERENCE]] == expected
    effect = postings(prepared.voucher, RATES)
    debit, credit = debit_credit_totals(effect.values(), "DKK")
    assert debit == credit
    assert effect[(account_key(MOBILEPAY_FEES), "DKK")] == fee
    clearing = effect[(account_key(MOBILEPAY_CLEARING), "DKK")]
    if posting.profile is PostingProfile.CLEARING:
        assert clearing == prepared.deposit  # debited back exactly what the bank feed credited
    else:
        assert clearing.is_zero()
        assert effect[(account_key(BANK), "DKK")] == prepared.deposit
