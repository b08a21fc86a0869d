"""Money <-> integer minor units, with the object's ref in any error."""

from __future__ import annotations

from econdesk.domain import Money, MoneyError


def to_minor(value: Money, what: str) -> int:
    """Exact minor units; refuses (naming `what`) an amount finer than the currency allows."""
    try:
        return value.to_minor()
    except MoneyError as exc:
        raise MoneyError(f"{what}: {exc}") from None


def opt_to_minor(value: Money | None, what: str) -> tuple[int | None, str | None]:
    if value is None:
        return None, None
    return to_minor(value, what), value.currency


def from_minor(minor: int, currency: str) -> Money:
    return Money.from_minor(int(minor), currency)


def opt_from_minor(minor: int | None, currency: str | None) -> Money | None:
    if minor is None or currency is None:
        return None
    return Money.from_minor(int(minor), currency)
