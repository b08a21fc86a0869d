"""The rate for a sale's date: stored once fetched, Nationalbanken first, the ECB after."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest

from econdesk.composition import rate_feeds
from econdesk.sandbox.rates import RatesSandbox, generate_history
from econdesk.services.rates import (
    ExchangeRates,
    RateFeeds,
    RateUnavailable,
    publication_day,
)
from econdesk.storage import Database
from econdesk.storage.repos.rates import StoredRate

FIRST, TODAY = date(2025, 6, 1), date(2026, 5, 15)  # the Friday after Ascension


@pytest.fixture(scope="module")
def rates() -> Iterator[RatesSandbox]:
    with RatesSandbox(generate_history(FIRST, TODAY, seed=7)) as running:
        yield running


def feeds(base_url: str) -> RateFeeds:
    return rate_feeds(base_url, base_url)  # one sandbox serves both banks' documents


def requests(rates: RatesSandbox) -> list[str]:
    return [e.target.split("?")[0].rsplit("/", 1)[-1] for e in rates.server.exchanges()]


def test_each_rate_is_fetched_once_and_weekends_take_fridays(
    db: Database, rates: RatesSandbox
) -> None:
    service = ExchangeRates(db, feeds(rates.base_url), today=lambda: TODAY)
    before = len(requests(rates))
    wednesday = service.rate("EUR", date(2026, 5, 13))
    assert wednesday == StoredRate("EUR", date(2026, 5, 13), "nationalbanken", Decimal("746.04"))
    assert requests(rates)[before:] == ["currencyratesxml"]
    # Ascension Day and the Friday after: Danish bank holidays, so Wednesday's rate, from the
    # store (the ECB published both days, but the Danish publication day is Wednesday).
    assert service.rate("EUR", date(2026, 5, 15)) == wednesday
    assert len(requests(rates)) == before + 1
    # An older day: the ECB's 90 days are fetched once and answer every day in them.
    saturday = service.rate("usd", date(2026, 3, 7))
    friday = service.rate("USD", date(2026, 3, 6))
    assert saturday == friday and friday.source == "ecb" and friday.day == date(2026, 3, 6)
    assert requests(rates)[before + 1 :] == ["eurofxref-hist-90d.xml"]
    ecb = rates.history.ecb(date(2026, 3, 6))
    assert friday.per_100 == (100 * ecb["DKK"] / ecb["USD"]).quantize(Decimal("0.000001"))
    # A second service on the same store (the next run) fetches nothing for the same days.
    again = ExchangeRates(db, feeds(rates.base_url), today=lambda: TODAY)
    assert again.rate("USD", date(2026, 3, 8)) == friday
    assert again.rate("EUR", date(2026, 5, 14)) == wednesday
    assert len(requests(rates)) == before + 2


def test_an_old_day_reads_the_ecbs_history_and_dkk_is_itself(
    sqlite_db: Database, rates: RatesSandbox
) -> None:
    service = ExchangeRates(sqlite_db, feeds(rates.base_url), today=lambda: TODAY)
    assert service.rate("DKK", date(2025, 1, 1)).per_100 == 100
    christmas = service.rate("SEK", date(2025, 12, 25))
    assert christmas.day == date(2025, 12, 23) and christmas.source == "ecb"
    assert "eurofxref-hist.xml" in requests(rates)


def test_no_rate_on_or_before_the_day_is_a_clear_error(
    sqlite_db: Database, rates: RatesSandbox
) -> None:
    service = ExchangeRates(sqlite_db, feeds(rates.base_url), today=lambda: TODAY)
    with pytest.raises(RateUnavailable) as caught:
        service.rate("EUR", date(2025, 5, 30))  # before the sandbox's history begins
    assert str(caught.value) == (
        "no EUR exchange rate published on or before 2025-05-30 (Danmarks Nationalbank, ECB)"
    )
    with pytest.raises(RateUnavailable, match="no ISK exchange rate"):
        service.rate("ISK", date(2026, 3, 2))


def test_the_publication_day_is_the_last_danish_bank_day() -> None:
    assert publication_day(date(2026, 5, 17)) == date(2026, 5, 13)  # Sunday after Ascension
    assert publication_day(date(2026, 6, 5)) == date(2026, 6, 4)  # Constitution Day
    assert publication_day(date(2026, 6, 8)) == date(2026, 6, 8)


def test_the_store_keeps_a_rate_as_first_published(db: Database) -> None:
    first = StoredRate("EUR", date(2026, 1, 5), "nationalbanken", Decimal("746.04"))
    with db.transaction() as store:
        assert (
            store.rates.add([first, StoredRate("EUR", date(2026, 1, 5), "ecb", Decimal("746.1"))])
            == 2
        )
    with db.transaction() as store:
        changed = StoredRate("EUR", date(2026, 1, 5), "nationalbanken", Decimal("999"))
        assert store.rates.add([changed]) == 0
    with db.reader() as store:
        assert store.rates.on_or_before("EUR", date(2026, 1, 9)) == first  # preferred source
        assert store.rates.on_or_before("EUR", date(2026, 1, 4)) is None
