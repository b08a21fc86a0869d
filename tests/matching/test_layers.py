"""Layers b-e on hand-built cases: what each proposes, with which evidence, and when it is safe."""

from decimal import Decimal

from econdesk.domain import ItemKind, MatchMethod, Money, Tolerance
from econdesk.matching import (
    FeeModel,
    LearnedMemory,
    LearningExample,
    MatchSettings,
    PriorDecisions,
    Rule,
    SourceProfile,
    default_settings,
    learn,
)
from tests.matching.factory import bank, item, only, payout, run

# -- b: payouts by amount, arrival window and descriptor ---------------------------------------


def test_a_payout_matches_its_bank_entry_by_amount_date_and_descriptor() -> None:
    charge = item("stripe", "txn_1", "500.00", "2026-03-02", fee="7.30")
    po = payout("stripe", "po_1A", "492.70", "2026-03-06", components=(charge,),
                descriptor="STRIPE PAYMENTS UK LTD")  # fmt: skip
    decoy = bank(2, "492.70", "2026-03-13", "Overførsel fra Hedebo Antik")  # a week later
    result = run([bank(1, "492.70", "2026-03-09", "STRIPE PAYMENTS UK LTD"), decoy], [charge], [po])
    m = only(result, "economic:1")  # Friday arrival, booked Monday: one bank day
    assert (m.method, m.item_refs, m.component_refs) == (
        MatchMethod.PAYOUT, ("stripe:po_1A",), ("stripe:txn_1",),
    )  # fmt: skip
    assert m.auto
    assert {t.term for t in m.explanation} == {"amount", "date", "descriptor"}
    assert "economic:2" in result.unmatched_bank


def test_two_payouts_of_the_same_amount_are_proposed_but_not_auto() -> None:
    banks = [bank(1, "700.00", "2026-03-06", "STRIPE"), bank(2, "700.00", "2026-03-06", "STRIPE")]
    pos = [payout("stripe", "po_1A", "700.00", "2026-03-06"),
           payout("stripe", "po_1B", "700.00", "2026-03-06")]  # fmt: skip
    result = run(banks, payouts=pos)
    assert len(result.proposals) == 2
    assert not any(m.auto for m in result.proposals)
    assert result.alternatives  # the other payout is shown as the alternative


def test_a_rounding_difference_within_tolerance_is_stated() -> None:
    po = payout("clearhaus", "s-1", "1000.00", "2026-03-05")
    m = only(run([bank(1, "999.98", "2026-03-05", "CLEARHAUS A/S")], payouts=[po]), "economic:1")
    assert m.difference == Money.of("-0.02", "DKK")
    assert m.amount == Money.of("999.98", "DKK")
    outside = run([bank(1, "999.90", "2026-03-05", "CLEARHAUS A/S")], payouts=[po])
    assert outside.proposals == ()


def test_a_foreign_currency_payout_converts_at_the_configured_rate() -> None:
    po = payout("stripe", "po_1E", "100.00", "2026-03-05", currency="EUR")
    settings = MatchSettings(sources=default_settings().sources, fx_rates={"EUR": Decimal("7.46")})
    m = only(run([bank(1, "746.10", "2026-03-05", "STRIPE")], payouts=[po], settings=settings),
             "economic:1")  # fmt: skip
    assert m.method is MatchMethod.PAYOUT
    assert m.difference == Money.of("0.10", "DKK")


def test_items_naming_a_payout_we_do_not_have_are_matched_as_a_group() -> None:
    a = item("clearhaus", "t1", "300.00", "2026-03-02", fee="3.00", payout="clearhaus:set-9")
    b = item("clearhaus", "t2", "200.00", "2026-03-02", fee="2.00", payout="clearhaus:set-9")
    m = only(run([bank(1, "495.00", "2026-03-04", "CLEARHAUS A/S")], [a, b]), "economic:1")
    assert m.method is MatchMethod.PAYOUT
    assert m.item_refs == ("clearhaus:set-9",)
    assert m.component_refs == ("clearhaus:t1", "clearhaus:t2")


# -- c: one-to-one ------------------------------------------------------------------------------


def test_one_payment_with_a_danish_name_in_the_text() -> None:
    paid = item("chargebee", "txn_1", "1490.00", "2026-03-03", name="Søren Ærø")
    other = item("chargebee", "txn_2", "1490.00", "2026-03-04", name="Anne Holm")
    result = run([bank(1, "1490.00", "2026-03-04", "OVERFOERSEL SOEREN AEROE")], [paid, other])
    m = only(result, "economic:1")
    assert (m.method, m.item_refs, m.auto) == (MatchMethod.ONE_TO_ONE, ("chargebee:txn_1",), True)
    assert any(t.term == "name" and t.weight == 0.3 for t in m.explanation)


def test_amount_and_date_alone_are_never_safe() -> None:
    paid = item("chargebee", "txn_1", "1490.00", "2026-03-03", name="Søren Ærø")
    m = only(run([bank(1, "1490.00", "2026-03-04", "Overførsel")], [paid]), "economic:1")
    assert m.method is MatchMethod.ONE_TO_ONE and not m.auto


def test_a_refund_sent_back_is_a_negative_one_to_one() -> None:
    refund = item("chargebee", "txn_r", "-745.00", "2026-03-10", name="Anne Holm")
    m = only(run([bank(1, "-745.00", "2026-03-11", "Tilbagebetaling Anne Holm")], [refund]),
             "economic:1")  # fmt: skip
    assert m.item_refs == ("chargebee:txn_r",) and m.auto


def test_a_reference_only_source_gets_no_amount_guesses() -> None:
    paid = item("chargebee", "txn_1", "1490.00", "2026-03-03", name="Søren Ærø")
    settings = default_settings({"chargebee": SourceProfile(reference_only=True)})
    result = run([bank(1, "1490.00", "2026-03-04", "SOEREN AEROE")], [paid], settings=settings)
    assert result.proposals == ()


# -- d: deposits of many items less fees ---------------------------------------------------------

MOBILEPAY = default_settings()  # frisbii: MobilePay Subscriptions, 1 % per payment


def mobilepay_day(day: str, amounts: list[str], start: int) -> list:  # type: ignore[type-arg]
    return [
        item("frisbii", f"tx{start + k}", a, day, at=f"{8 + k:02d}:00", name=f"Kunde {start + k}")
        for k, a in enumerate(amounts)
    ]


def test_daily_transfers_less_fees_are_found_as_runs_of_consecutive_items() -> None:
    monday = mobilepay_day("2026-03-09", ["99.00", "149.00", "299.00"], 0)
    tuesday = mobilepay_day("2026-03-10", ["99.00", "99.00", "-99.00", "149.00"], 10)
    wednesday = mobilepay_day("2026-03-11", ["149.00", "99.00"], 20)
    # Less 1 % per payment, rounded half up: 98.01, 147.51, 296.01; refunds cost nothing.
    banks = [
        bank(1, "541.53", "2026-03-10", "MobilePay Subscriptions 09.03"),
        bank(2, "244.53", "2026-03-11", "MobilePay Subscriptions 10.03"),
        bank(3, "245.52", "2026-03-12", "MobilePay Subscriptions 11.03"),
    ]
    result = run(banks, monday + tuesday + wednesday, settings=MOBILEPAY)
    for number, day in ((1, monday), (2, tuesday), (3, wednesday)):
        m = only(result, f"economic:{number}")
        assert m.method is MatchMethod.SUBSET
        assert m.item_refs == tuple(sorted(i.ref for i in day))
        assert m.difference == Money.of("0.00", "DKK")
        assert m.auto, m.explanation
    assert only(result, "economic:1").inferred_fee == Money.of("5.47", "DKK")


def test_a_deposit_without_its_source_named_is_not_auto() -> None:
    day = mobilepay_day("2026-03-09", ["99.00", "149.00"], 0)
    m = only(run([bank(1, "245.52", "2026-03-10", "Indbetaling")], day, settings=MOBILEPAY),
             "economic:1")  # fmt: skip
    assert m.method is MatchMethod.SUBSET and not m.auto


def test_a_customer_paying_two_invoices_in_one_transfer() -> None:
    a = item("chargebee", "txn_a", "1490.00", "2026-02-20", name="Fjord Consult ApS")
    b = item("chargebee", "txn_b", "745.00", "2026-03-01", name="Fjord Consult ApS")
    c = item("chargebee", "txn_c", "1490.00", "2026-03-01", name="Birk Design ApS")
    m = only(run([bank(1, "2235.00", "2026-03-04", "FJORD CONSULT APS")], [a, b, c]), "economic:1")
    assert m.method is MatchMethod.SUBSET
    assert m.item_refs == ("chargebee:txn_a", "chargebee:txn_b")
    assert m.auto  # the only combination, and the customer named


def test_a_fee_model_that_does_not_fit_finds_nothing() -> None:
    day = mobilepay_day("2026-03-09", ["99.00", "149.00"], 0)
    card = default_settings({"frisbii": SourceProfile(
        descriptors=("MOBILEPAY",), one_to_one=False,
        fee_models=(FeeModel(Decimal("1.45"), Decimal("0.25")),),
    )})  # fmt: skip
    result = run([bank(1, "245.52", "2026-03-10", "MobilePay 09.03")], day, settings=card)
    assert result.proposals == ()


# -- e: learned ------------------------------------------------------------------------------------


def test_learned_words_propose_but_never_auto() -> None:
    paid = item("chargebee", "txn_1", "1490.00", "2026-03-03", customer="c-7", name="Ravn Film ApS")
    memory = learn(
        LearnedMemory(),
        [LearningExample("DANSKE BANK RF 8812 KRAGEREDEN", customer="chargebee:c-7")] * 3,
    )
    text = "DANSKE BANK RF 8812 KRAGEREDEN"
    result = run(
        [bank(1, "1490.00", "2026-03-20", text)], [paid], prior=PriorDecisions(memory=memory)
    )
    m = only(result, "economic:1")
    assert m.method is MatchMethod.LEARNED and not m.auto
    assert any(t.term == "learned" for t in m.explanation)
    assert run([bank(1, "1490.00", "2026-03-20", text)], [paid]).proposals == ()


def test_a_rule_names_the_customer_and_suggests_accounts_for_the_rest() -> None:
    paid = item("chargebee", "txn_1", "1490.00", "2026-03-03", customer="c-7", name="Ravn Film ApS")
    memory = LearnedMemory(rules=(
        Rule(("KRAGEREDEN",), customer="chargebee:c-7"),
        Rule(("HUSLEJE",), account=3410, note="rent"),
    ))  # fmt: skip
    result = run(
        [bank(1, "1490.00", "2026-03-05", "Kragereden"), bank(2, "-18750.00", "2026-03-01",
                                                             "Husleje marts")],
        [paid],
        prior=PriorDecisions(memory=memory),
    )  # fmt: skip
    assert only(result, "economic:1").method is MatchMethod.LEARNED
    (suggestion,) = result.suggestions
    assert (suggestion.bank_ref, suggestion.account) == ("economic:2", 3410)


def test_tolerances_are_per_currency_and_source() -> None:
    po = payout("clearhaus", "s-1", "1000.00", "2026-03-05")
    strict = default_settings({"clearhaus": SourceProfile(
        descriptors=("CLEARHAUS",), one_to_one=False, batched=False,
        tolerances=(Tolerance(Money.of("0.00", "DKK")),),
    )})  # fmt: skip
    text = "CLEARHAUS A/S"
    assert (
        run([bank(1, "999.98", "2026-03-05", text)], payouts=[po], settings=strict).proposals == ()
    )
    loose = default_settings({"clearhaus": SourceProfile(
        descriptors=("CLEARHAUS",), tolerances=(Tolerance(Money.of("0", "DKK"), Decimal("0.1")),),
    )})  # fmt: skip
    m = only(
        run([bank(1, "999.10", "2026-03-05", text)], payouts=[po], settings=loose), "economic:1"
    )
    assert m.difference == Money.of("-0.90", "DKK")


def test_chargebacks_carry_the_fee_models_chargeback_fee() -> None:
    sale = item("frisbii", "s1", "299.00", "2026-03-09", at="09:00")
    back = item("frisbii", "c1", "-149.00", "2026-03-09", at="10:00", kind=ItemKind.CHARGEBACK)
    model = FeeModel(Decimal(1), chargeback=Decimal("75.00"))
    settings = default_settings(
        {
            "frisbii": SourceProfile(
                descriptors=("MOBILEPAY",), fee_models=(model,), one_to_one=False
            )
        }
    )
    # 299.00 - 2.99 - 149.00 - 75.00 = 72.01
    m = only(run([bank(1, "72.01", "2026-03-10", "MOBILEPAY 09.03")], [sale, back],
                 settings=settings), "economic:1")  # fmt: skip
    assert m.inferred_fee == Money.of("77.99", "DKK")


def test_a_settlement_with_a_reserve_and_other_postings_says_so() -> None:
    sale = item("frisbii", "t1", "800.00", "2026-03-02")
    reserve = item(
        "clearhaus", "s1/reserve-withheld", "-40.00", "2026-03-04", kind=ItemKind.ADJUSTMENT
    )
    charge = item("clearhaus", "s1/posting-1", "-75.00", "2026-03-04", kind=ItemKind.ADJUSTMENT)
    po = payout("clearhaus", "s1", "685.00", "2026-03-04", components=(sale, reserve, charge),
                descriptor="CH2000001 2026-03-04")  # fmt: skip
    result = run(
        [bank(1, "685.00", "2026-03-04", "CLEARHAUS CH2000001")], [sale, reserve, charge], [po]
    )
    m = only(result, "economic:1")
    assert set(m.component_refs) == {sale.ref, reserve.ref, charge.ref}
    (term,) = [t for t in m.explanation if t.term == "postings"]
    assert term.detail == (
        "holds a reserve withheld and other postings of clearhaus, booked on its own accounts"
    )
    plain = payout("clearhaus", "s2", "800.00", "2026-03-05", components=(sale,))
    again = run([bank(2, "800.00", "2026-03-05", "CLEARHAUS")], [sale], [plain])
    assert not [t for t in only(again, "economic:2").explanation if t.term == "postings"]
