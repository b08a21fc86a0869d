"""A seeded history of daily rates that both banks' sandboxes publish from.

Nationalbanken publishes on Danish bank days (econdesk.domain.bankdays), the ECB on TARGET
days: weekdays except 1 January, Good Friday, Easter Monday, 1 May, 25 and 26 December. Each
currency walks a little from a realistic level (DKK per 100 units), two decimals as
Nationalbanken quotes it; the ECB's euro rates are derived from the same levels, so the two
agree but for the last digit, as the real ones do.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from econdesk.domain.bankdays import easter_sunday, is_bank_day

# Level in DKK per 100 units, Danish and English names.
CURRENCIES: dict[str, tuple[Decimal, str, str]] = {
    "EUR": (Decimal("746.04"), "Euro", "Euro"),
    "USD": (Decimal("689.55"), "Amerikanske dollar", "US dollars"),
    "GBP": (Decimal("874.10"), "Britiske pund", "Pound sterling"),
    "SEK": (Decimal("64.31"), "Svenske kroner", "Swedish kronor"),
    "NOK": (Decimal("63.88"), "Norske kroner", "Norwegian kroner"),
    "CHF": (Decimal("781.20"), "Schweiziske franc", "Swiss francs"),
    "JPY": (Decimal("4.4125"), "Japanske yen", "Japanese yen"),
}
CENT = Decimal("0.01")
FOUR = Decimal("0.0001")


def target_day(day: date) -> bool:
    """Whether the ECB publishes reference rates on `day` (a TARGET business day)."""
    if day.weekday() >= 5:
        return False
    easter = easter_sunday(day.year)
    closed = {
        date(day.year, 1, 1),
        easter - timedelta(days=2),
        easter + timedelta(days=1),
        date(day.year, 5, 1),
        date(day.year, 12, 25),
        date(day.year, 12, 26),
    }
    return day not in closed


@dataclass(frozen=True, slots=True)
class RateHistory:
    """Per calendar day from `first` to `last`, the day's level of each currency."""

    first: date
    last: date
    levels: dict[date, dict[str, Decimal]]  # DKK per 100 units, unrounded

    def nationalbanken_days(self) -> list[date]:
        return [d for d in sorted(self.levels) if is_bank_day(d)]

    def ecb_days(self) -> list[date]:
        return [d for d in sorted(self.levels) if target_day(d)]

    def nationalbanken(self, day: date) -> dict[str, Decimal]:
        """DKK per 100 units as Nationalbanken quotes them (JPY with four decimals)."""
        return {
            code: level.quantize(FOUR if level < 10 else CENT, ROUND_HALF_UP)
            for code, level in self.levels[day].items()
        }

    def ecb(self, day: date) -> dict[str, Decimal]:
        """Units per 1 EUR as the ECB quotes them (DKK among them; no EUR)."""
        levels = self.levels[day]
        eur = levels["EUR"]
        out = {"DKK": (eur / 100).quantize(FOUR, ROUND_HALF_UP)}
        for code, level in levels.items():
            if code != "EUR":
                out[code] = (eur / level).quantize(Decimal("0.00001"), ROUND_HALF_UP)
        return out


def generate_history(first: date, last: date, *, seed: int = 1) -> RateHistory:
    rng = random.Random(f"rates:{seed}")
    current = {code: level for code, (level, _, _) in CURRENCIES.items()}
    levels: dict[date, dict[str, Decimal]] = {}
    day = first
    while day <= last:
        for code, level in current.items():
            if code != "EUR":  # the krone is pegged to the euro: EUR stays put here
                step = Decimal(rng.randint(-40, 40)) / Decimal(10000)
                current[code] = level * (1 + step)
        levels[day] = dict(current)
        day += timedelta(days=1)
    return RateHistory(first, last, levels)
