"""The book's local dates: exact in every zone, whether a UTC hour is cached or not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from econdesk.matching.book import _Units

MOMENTS = st.datetimes(
    min_value=datetime(2024, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)
)


@pytest.mark.parametrize("zone", ["Europe/Copenhagen", "Asia/Kolkata", "America/St_Johns"])
@given(moments=st.lists(MOMENTS, min_size=1, max_size=50))
def test_local_day_is_the_zones_date(zone: str, moments: list[datetime]) -> None:
    tz = ZoneInfo(zone)
    units = _Units(tz)
    for moment in moments * 2:  # the second time through, the hours are cached
        assert units.day(moment) == moment.astimezone(tz).date().toordinal()


def test_the_last_and_first_minutes_of_a_local_day_around_a_clock_change() -> None:
    tz = ZoneInfo("Europe/Copenhagen")
    units = _Units(tz)
    # 2026-03-29: clocks go from +01:00 to +02:00 at 02:00 local (01:00 UTC)
    for moment in (
        datetime(2026, 3, 28, 22, 59, 59, 999999, tzinfo=UTC),  # 23:59:59 local, the 28th
        datetime(2026, 3, 28, 23, 0, tzinfo=UTC),  # 00:00 local, the 29th
        datetime(2026, 3, 29, 21, 59, tzinfo=UTC),  # 23:59 local (+02:00), the 29th
        datetime(2026, 3, 29, 22, 0, tzinfo=UTC),  # 00:00 local, the 30th
    ):
        for _ in range(2):
            assert units.day(moment) == moment.astimezone(tz).date().toordinal()
    also = datetime(2026, 3, 29, 22, 0, tzinfo=UTC) - timedelta(microseconds=1)
    assert units.day(also) == datetime(2026, 3, 29).toordinal()
