"""What a bank statement import yields, whatever the file format."""

from __future__ import annotations

from dataclasses import dataclass

from econdesk.domain.model import BankEntry


@dataclass(frozen=True)
class BankFileImport:
    """Everything a bank statement file held, ready to store; or nothing (an error)."""

    file: str
    layout: str  # "danske-bank", "nordea", …, "camt.053.001.02"
    encoding: str
    entries: tuple[BankEntry, ...]
    skipped: tuple[tuple[int, str], ...] = ()  # (line or entry number, why): e.g. pending
    warnings: tuple[str, ...] = ()
