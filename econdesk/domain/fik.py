"""FIK (fælles indbetalingskort) payment ids: the Danish giro reference on invoices and bank text.

A code line reads `+71<004040400000669+81234567<`: card type 71 (15-digit payment id, the last
digit a modulus-10 check digit with weights 1,2,1,2… from the left), then the 8-digit creditor
number. Types 75 (16 digits) and 04/15 carry ids too; type 73 has none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Card types whose payment id length is fixed by the standard.
_ID_LENGTH = {"71": 15, "75": 16}

_CODE_LINE = re.compile(r"\+(?P<type>\d{2})<(?P<pid>\d*)\+(?P<creditor>\d{8})<")
# Loose form found in bank text: "IK71 000000000102348", "FIK 71 0000000001023 48", "+71<0000…"
_LOOSE = re.compile(r"(?:\+|\bF?IK\s?)(?P<type>71|75|73|04|15)\s?<?\s?(?P<pid>\d[\d ]{1,20}\d)")


class FikError(ValueError):
    """Text that claims to be a FIK reference but is not a valid one."""


def fik_check_digit(digits: str) -> int:
    """The modulus-10 check digit for the data digits (weights 1,2,1,2… from the left).

    `(10 - sum mod 10) mod 10`, so a sum that is a multiple of 10 gives 0, never 10.
    """
    if not digits.isdigit():
        raise FikError(f"FIK data must be digits: {digits!r}")
    total = 0
    for position, char in enumerate(digits):
        product = int(char) * (1 if position % 2 == 0 else 2)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10


def make_payment_id(number: int | str, card_type: str = "71") -> str:
    """A payment id carrying `number` (an invoice number), zero-padded, with its check digit."""
    length = _ID_LENGTH.get(card_type)
    if length is None:
        raise FikError(f"card type {card_type} has no fixed-length payment id")
    data = str(number).rjust(length - 1, "0")
    if len(data) != length - 1 or not data.isdigit():
        raise FikError(f"{number!r} does not fit a type {card_type} payment id")
    return data + str(fik_check_digit(data))


@dataclass(frozen=True, slots=True)
class FikReference:
    card_type: str
    payment_id: str  # with its check digit; empty for type 73
    creditor: str | None = None

    @property
    def number(self) -> str:
        """The payment id without padding zeros and check digit: the invoice or customer number."""
        return self.payment_id[:-1].lstrip("0") if self.payment_id else ""

    def code_line(self) -> str:
        return f"+{self.card_type}<{self.payment_id}+{self.creditor or ''}<"


def is_valid_payment_id(payment_id: str) -> bool:
    return (
        len(payment_id) >= 2
        and payment_id.isdigit()
        and fik_check_digit(payment_id[:-1]) == int(payment_id[-1])
    )


def parse_fik(text: str) -> FikReference | None:
    """The first FIK reference with a valid check digit in `text` (a code line or bank text)."""
    match = _CODE_LINE.search(text)
    if match is not None:
        card_type, pid = match["type"], match["pid"]
        if card_type != "73" and not is_valid_payment_id(pid):
            raise FikError(f"FIK code line {match.group(0)!r} has a wrong check digit")
        return FikReference(card_type, pid, match["creditor"])
    for loose in _LOOSE.finditer(text):
        pid = loose["pid"].replace(" ", "")
        if is_valid_payment_id(pid):
            return FikReference(loose["type"], pid)
    return None
