"""Bank-line rules: which lines each condition catches, what is refused, what is suggested."""

from __future__ import annotations

from datetime import date

import pytest

from econdesk.domain.model import BankEntry, BankEntryOrigin
from econdesk.domain.money import Money
from econdesk.domain.rules import BankRule, Decision, RuleError, Sign, first_catching, suggest


def entry(n: int, text: str, amount: str, counterparty: str | None = None, cur: str = "DKK"):
    return BankEntry(
        BankEntryOrigin.BOOKED, str(n), 5820, date(2026, 3, n % 28 + 1),
        Money.of(amount, cur), text, counterparty=counterparty,
    )  # fmt: skip


RENT = entry(1, "Husleje marts Fjordgade 12", "-18750.00")
WAGES = entry(2, "Løn marts", "-98000.00")
PAYOUT = entry(3, "Stripe payout po_1Pgc", "1250.00")
SUPPLIER = entry(4, "Betaling", "-431.20", counterparty="Kontorland A/S")


def test_each_condition_narrows_what_a_rule_catches() -> None:
    assert BankRule("rent", contains="HUSLEJE").catches(RENT)
    assert not BankRule("rent", contains="husleje").catches(WAGES)
    assert BankRule("wages", pattern=r"^l[øo]n\b").catches(WAGES)
    assert BankRule("supplier", counterparty="kontorland").catches(SUPPLIER)
    assert not BankRule("supplier", counterparty="kontorland").catches(RENT)  # no name at all
    big = BankRule("other", minimum=Money.of("10000", "DKK"), maximum=Money.of("20000", "DKK"))
    assert big.catches(RENT) and not big.catches(WAGES) and not big.catches(PAYOUT)
    assert not big.catches(entry(5, "Husleje", "-18750.00", cur="EUR"))  # the range's currency
    assert BankRule("other", contains="a", sign=Sign.OUT).catches(RENT)
    assert not BankRule("other", contains="a", sign=Sign.IN).catches(RENT)
    assert BankRule("other", contains="payout", sign=Sign.IN).catches(PAYOUT)


def test_the_oldest_rule_catching_a_line_is_the_one_named() -> None:
    rules = [BankRule("tax", contains="marts", id=1), BankRule("rent", contains="husleje", id=2)]
    assert first_catching(rules, RENT) == rules[0]
    assert first_catching(rules, PAYOUT) is None


@pytest.mark.parametrize(
    ("rule", "says"),
    [
        (BankRule(" ", contains="x"), "label"),
        (BankRule("rent"), "a rule needs"),
        (BankRule("rent", sign=Sign.OUT), "a rule needs"),
        (BankRule("rent", pattern="(unclosed"), r"pattern '\(unclosed'"),
        (BankRule("rent", minimum=Money.of("-5", "DKK")), "minimum"),
        (
            BankRule("rent", minimum=Money.of("9", "DKK"), maximum=Money.of("5", "DKK")),
            "above maximum",
        ),
        (
            BankRule("rent", minimum=Money.of("1", "DKK"), maximum=Money.of("5", "EUR")),
            "one currency",
        ),
    ],
)
def test_a_rule_that_cannot_work_is_refused_naming_the_field(rule: BankRule, says: str) -> None:
    with pytest.raises(RuleError, match=says):
        rule.check()


def test_repeated_decisions_alike_suggest_a_rule_that_catches_the_open_ones() -> None:
    april = entry(6, "Husleje april Fjordgade 12", "-18750.00")
    may = entry(7, "Husleje maj Fjordgade 12", "-18750.00")
    decisions = [
        Decision(RENT, "rent"),
        Decision(april, None),  # a proposal for it was rejected
        Decision(SUPPLIER, "supplier"),  # only once: no suggestion
        Decision(entry(8, "Betaling", "-99.00", counterparty="Kontorland A/S"), None),
    ]
    found = suggest(decisions, [], [may, PAYOUT])
    by_label = {s.rule.label: s for s in found}
    assert set(by_label) == {"rent", "supplier"}
    rent = by_label["rent"]
    assert (rent.rule.contains, rent.rule.sign) == ("Husleje", Sign.OUT)
    assert rent.evidence == (RENT.ref, april.ref) and rent.would_catch == 1
    assert by_label["supplier"].rule.counterparty == "Kontorland A/S"
    # Once a rule catches those lines, it is not suggested again.
    assert [s.rule.label for s in suggest(decisions, [rent.rule], [may])] == ["supplier"]
