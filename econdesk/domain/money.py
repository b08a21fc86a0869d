"""Money: an exact Decimal amount with its ISO 4217 currency.

Platforms speak integer minor units, e-conomic speaks decimal amounts; both enter here and
nothing in econdesk ever holds money as a float.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Final

# ISO 4217 minor-unit exponents that differ from 2. Anything not listed has 2.
_EXPONENTS: Final[dict[str, int]] = {
    "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0,
    "PYG": 0, "RWF": 0, "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0,
    "XPF": 0, "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
}  # fmt: skip


class MoneyError(ValueError):
    """An amount or currency that cannot be money."""


class CurrencyMismatch(MoneyError):
    """Arithmetic or comparison across two currencies."""


def currency_exponent(currency: str) -> int:
    """Digits after the decimal point in the currency's minor unit (DKK 2, JPY 0, KWD 3)."""
    return _EXPONENTS.get(currency, 2)


def normalise_currency(code: str) -> str:
    known = _NORMALISED.get(code) if type(code) is str else None
    if known is not None:
        return known
    normal = code.strip().upper()
    if len(normal) != 3 or not normal.isalpha() or not normal.isascii():
        raise MoneyError(f"not an ISO 4217 currency code: {normal!r}")
    if len(_NORMALISED) < _NORMALISED_MAX:
        _NORMALISED[code] = normal
    return normal


# Codes as written -> as normalised. Money is built by the hundred thousand during a sync from
# a handful of codes, and normalising one costs more than building the rest of the Money.
_NORMALISED: dict[str, str] = {}
_NORMALISED_MAX = 256  # a few spellings per currency in use; odd input cannot grow it for ever


def exact_decimal(value: Decimal | int | str) -> Decimal:
    """A finite Decimal from text, an int or a Decimal; floats and bools are refused."""
    return _to_decimal(value)


def _to_decimal(value: Decimal | int | str) -> Decimal:
    if isinstance(value, (bool, float)):
        # bool is an int subclass and float is inexact: both are bugs at a money boundary.
        raise MoneyError(f"refusing {type(value).__name__} as an amount: {value!r}")
    try:
        result = Decimal(value) if not isinstance(value, Decimal) else value
    except InvalidOperation as exc:
        raise MoneyError(f"not a decimal amount: {value!r}") from exc
    if not result.is_finite():
        raise MoneyError(f"not a finite amount: {value!r}")
    return result


@dataclass(frozen=True, slots=True, order=False)
class Money:
    """An exact amount in one currency. Immutable; arithmetic refuses mixed currencies."""

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        currency = normalise_currency(self.currency)
        if currency is not self.currency:
            object.__setattr__(self, "currency", currency)
        amount = self.amount
        # The common case (a finite Decimal) is checked here without a call.
        if type(amount) is not Decimal or not amount.is_finite():
            object.__setattr__(self, "amount", _to_decimal(amount))

    # -- construction -------------------------------------------------------------------
    @classmethod
    def of(cls, amount: Decimal | int | str, currency: str) -> Money:
        """From a decimal amount (e-conomic, files, user input). Floats are refused."""
        return cls(_to_decimal(amount), currency)

    @classmethod
    def from_minor(cls, minor: int, currency: str) -> Money:
        """From integer minor units as the platforms send them (12500 DKK -> 125.00)."""
        if isinstance(minor, bool) or not isinstance(minor, int):
            raise MoneyError(
                f"minor units must be an integer, got {type(minor).__name__}: {minor!r}"
            )
        code = normalise_currency(currency)
        return cls(Decimal(minor).scaleb(-currency_exponent(code)), code)

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(Decimal(0), currency)

    # -- conversion ---------------------------------------------------------------------
    @property
    def exponent(self) -> int:
        return currency_exponent(self.currency)

    def to_minor(self) -> int:
        """Integer minor units; refuses an amount with more precision than the currency has."""
        scaled = self.amount.scaleb(self.exponent)
        if scaled != scaled.to_integral_value():
            raise MoneyError(f"{self} has more decimals than {self.currency} allows")
        return int(scaled)

    def rounded(self, rounding: str = ROUND_HALF_UP) -> Money:
        """Rounded to the currency's minor unit (half up, as Danish bookkeeping rounds)."""
        quantum = Decimal(1).scaleb(-self.exponent)
        return Money(self.amount.quantize(quantum, rounding=rounding), self.currency)

    def bankers_rounded(self) -> Money:
        return self.rounded(ROUND_HALF_EVEN)

    def quantized(self) -> Decimal:
        """The amount with exactly the currency's number of decimals (for output)."""
        return self.rounded().amount

    def format(self) -> str:
        """Plain text with the currency's decimals: '1250.00' (for JSON and APIs)."""
        return f"{self.quantized():f}"

    # -- arithmetic ---------------------------------------------------------------------
    def _check(self, other: Money) -> None:
        if not isinstance(other, Money):
            raise TypeError(f"cannot combine Money with {type(other).__name__}")
        if other.currency != self.currency:
            raise CurrencyMismatch(f"cannot combine {self.currency} with {other.currency}")

    def __add__(self, other: Money) -> Money:
        self._check(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._check(other)
        return Money(self.amount - other.amount, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __abs__(self) -> Money:
        return Money(abs(self.amount), self.currency)

    def __mul__(self, factor: Decimal | int) -> Money:
        return Money(self.amount * _to_decimal(factor), self.currency)

    __rmul__ = __mul__

    def __lt__(self, other: Money) -> bool:
        self._check(other)
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        self._check(other)
        return self.amount <= other.amount

    def __gt__(self, other: Money) -> bool:
        self._check(other)
        return self.amount > other.amount

    def __ge__(self, other: Money) -> bool:
        self._check(other)
        return self.amount >= other.amount

    def __eq__(self, other: object) -> bool:
        # 1.5 DKK == 1.50 DKK: equal value, whatever the stored exponent.
        if not isinstance(other, Money):
            return NotImplemented
        return self.currency == other.currency and self.amount == other.amount

    def __hash__(self) -> int:
        return hash((self.currency, self.amount.normalize()))

    def __bool__(self) -> bool:
        return not self.amount.is_zero()

    def is_zero(self) -> bool:
        return self.amount.is_zero()

    def is_negative(self) -> bool:
        return self.amount < 0

    def allocate(self, weights: Iterable[int]) -> list[Money]:
        """Split into parts proportional to weights, in minor units, losing nothing."""
        ws = list(weights)
        if not ws or any(w < 0 for w in ws) or sum(ws) == 0:
            raise MoneyError("allocate needs non-negative weights with a positive sum")
        total = self.rounded().to_minor()
        parts = [total * w // sum(ws) for w in ws]
        for i in range(total - sum(parts)):  # hand the remainder out one minor unit at a time
            parts[i % len(parts)] += 1
        return [Money.from_minor(p, self.currency) for p in parts]

    def __str__(self) -> str:
        return f"{self.format()} {self.currency}"

    def __repr__(self) -> str:
        return f"Money('{self.amount}', '{self.currency}')"


def money_sum(values: Iterable[Money], currency: str) -> Money:
    """Sum in one currency; an empty sum is zero in that currency."""
    total = Money.zero(currency)
    for value in values:
        total = total + value
    return total
