"""A payout paid out in EUR into the DKK account: matched at its arrival day's published rate,
and the explanation says so."""

from datetime import date
from decimal import Decimal

from econdesk.domain import MatchMethod, Money
from econdesk.i18n.explain import render
from econdesk.matching import MatchSettings, default_settings
from tests.matching.factory import bank, item, only, payout, run

ARRIVAL = date(2026, 3, 5)


def settings(rate: str) -> MatchSettings:
    day = ARRIVAL.toordinal()
    return MatchSettings(
        sources=default_settings().sources,
        fx_daily={("EUR", "DKK", day): (Decimal(rate), "nationalbanken")},
    )


def test_a_eur_payout_matches_the_dkk_deposit_at_its_days_rate() -> None:
    charge = item("stripe", "txn_1", "600.00", "2026-03-02", fee="9.75", currency="EUR")
    po = payout("stripe", "po_1E", "590.25", "2026-03-05", components=(charge,), currency="EUR")
    # the bank converted at its own rate, 0.4 % under the published 7.4604
    deposit = bank(1, "4385.90", "2026-03-06", "STRIPE")
    m = only(run([deposit], [charge], [po], settings=settings("7.4604")), "economic:1")
    assert (m.method, m.item_refs, m.component_refs) == (
        MatchMethod.PAYOUT,
        ("stripe:po_1E",),
        ("stripe:txn_1",),
    )
    assert m.amount == Money.of("4385.90", "DKK")
    assert m.difference == Money.of("-17.60", "DKK")  # 4385.90 - 4403.50 (590.25 x 7.4604)
    (term,) = [t for t in m.explanation if t.term == "exchange"]
    assert (
        render(term, "en")
        == "590.25 EUR converted at 746.04 per 100 of 05.03.2026 (nationalbanken)"
    )
    assert "omregnet til kurs 746,04" in render(term, "da")


def test_without_the_days_rate_nothing_is_proposed() -> None:
    po = payout("stripe", "po_1E", "590.25", "2026-03-05", currency="EUR")
    deposit = bank(1, "4385.90", "2026-03-06", "STRIPE")
    assert run([deposit], payouts=[po]).proposals == ()
    far = settings("7.60")  # a rate 1.9 % off: beyond what a bank's conversion explains
    assert run([deposit], payouts=[po], settings=far).proposals == ()
