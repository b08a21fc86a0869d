"""What the bank side of a match was booked against, checked in e-conomic before posting.

- **Clearing profile.** The voucher empties the source's clearing account, so the deposit must
  have been booked bank / that clearing account. For a booked bank entry, the other entries of
  its voucher (read from the accounting year's entries by voucher number) must include the
  clearing account; for a daybook draft, its own contra account must be it. If not, the match
  cannot be posted, and the reason says what the entry was booked against.
- **Direct profile.** The voucher books the bank side itself, so the deposit must not already be
  on the bank account from any source: an entry (booked or draft) on the bank account with the
  same amount, date and text refuses it, whichever way that entry got there.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Protocol

from econdesk.accounting.vouchers import LineRole, MatchMaterial, PreparedVoucher
from econdesk.connectors.economic import models as eco
from econdesk.connectors.errors import ConnectorError
from econdesk.domain.model import BankEntry, BankEntryOrigin
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import reason_of, say, say_text


class AccountLinesPort(Protocol):
    """An account's booked and draft lines in e-conomic (`EconomicClient.fetch_bank`)."""

    async def fetch_bank(
        self,
        account_number: int,
        start: date,
        end: date,
        mark: eco.BankSyncMark | None = None,
        *,
        drafts: bool = True,
    ) -> eco.BankFetch: ...


class BankSidePort(AccountLinesPort, Protocol):
    async def year_entries_in(
        self, year: eco.AccountingYear, field: str, values: Iterable[int]
    ) -> list[eco.BookedEntry]: ...


async def clearing_problems(
    client: BankSidePort,
    years: Sequence[eco.AccountingYear],
    built: Sequence[PreparedVoucher],
    materials: Mapping[str, MatchMaterial],
    bank_account: int,
) -> dict[str, str]:
    """Match id -> why its bank entry was not booked against its clearing account."""
    wanted = [(p, e) for p in built for e in materials[p.match_id].bank_entries]
    booked = [(p, e) for p, e in wanted if e.origin is BankEntryOrigin.BOOKED]
    drafts = [(p, e) for p, e in wanted if e.origin is BankEntryOrigin.DRAFT]
    try:
        against = await _booked_against(client, years, [e for _, e in booked], bank_account)
        against.update(await _drafts_against(client, [e for _, e in drafts], bank_account))
    except ConnectorError as exc:
        unread = QT_TRANSLATE_NOOP(
            "CLI", "could not read what its bank entry was booked against: {0}"
        )
        return {p.match_id: say_text(unread, reason_of(exc)) for p, _ in wanted}
    problems: dict[str, str] = {}
    for p, entry in [*booked, *drafts]:
        accounts = against.get(entry.ref)
        if accounts is None:
            unfound = QT_TRANSLATE_NOOP(
                "CLI",
                "its bank entry {0} was not found in e-conomic with a voucher, so what it was "
                "booked against cannot be checked",
            )
            problems[p.match_id] = say_text(unfound, entry.ref)
        elif (expected := deposit_account(p)) not in accounts:
            names = (
                say(QT_TRANSLATE_NOOP("CLI", "account {0}"), ", ".join(map(str, sorted(accounts))))
                if accounts
                else say(QT_TRANSLATE_NOOP("CLI", "no other account in its voucher"))
            )
            elsewhere = QT_TRANSLATE_NOOP(
                "CLI",
                "its bank entry {0} was booked against {1}, not the clearing account {2}: the "
                "clearing profile would empty a clearing account the deposit never reached",
            )
            problems[p.match_id] = say_text(elsewhere, entry.ref, names, expected)
    return problems


def deposit_account(prepared: PreparedVoucher) -> int:
    """The account the voucher expects the deposit on: the source's clearing account, or the
    acquirer's when the voucher moves the deposit over from it (a TRANSFER line)."""
    for line in prepared.lines:
        if line.role is LineRole.TRANSFER:
            sides = {line.line.account, line.line.contra_account} - {prepared.clearing_account}
            found = next((a for a in sides if a is not None), None)
            if found is not None:
                return found
    return prepared.clearing_account


async def _booked_against(
    client: BankSidePort,
    years: Sequence[eco.AccountingYear],
    entries: Sequence[BankEntry],
    bank_account: int,
) -> dict[str, set[int]]:
    """Bank entry ref -> the other accounts of its voucher (read by entry number, then by
    voucher number, per accounting year)."""
    by_year: dict[str, tuple[eco.AccountingYear, list[BankEntry]]] = {}
    for entry in entries:
        year = next((y for y in years if y.covers(entry.entry_date)), None)
        if year is not None and entry.external_id.isdigit():
            by_year.setdefault(year.year, (year, []))[1].append(entry)
    found = await asyncio.gather(*(_legs(client, year, mine) for year, mine in by_year.values()))
    against: dict[str, set[int]] = {}
    for (_, mine), (vouchers, legs) in zip(by_year.values(), found, strict=True):
        for entry in mine:
            voucher = vouchers.get(int(entry.external_id))
            same = [leg for leg in legs if voucher is not None and leg.voucher_number == voucher]
            if same:
                against[entry.ref] = {
                    leg.account_number for leg in same if leg.account_number != bank_account
                }
    return against


async def _legs(
    client: BankSidePort, year: eco.AccountingYear, entries: Sequence[BankEntry]
) -> tuple[dict[int, int], list[eco.BookedEntry]]:
    """Each entry's voucher number (by entry number) and every entry of those vouchers."""
    own = await client.year_entries_in(year, "entryNumber", (int(e.external_id) for e in entries))
    vouchers = {e.entry_number: e.voucher_number for e in own if e.voucher_number is not None}
    if not vouchers:
        return {}, []
    legs = await client.year_entries_in(year, "voucherNumber", vouchers.values())
    return vouchers, legs


async def _drafts_against(
    client: BankSidePort, entries: Sequence[BankEntry], bank_account: int
) -> dict[str, set[int]]:
    """Draft bank entry ref -> the other account of the draft line."""
    if not entries:
        return {}
    days = [e.entry_date for e in entries]
    fetched = await client.fetch_bank(bank_account, min(days), max(days))
    against: dict[str, set[int]] = {}
    for draft in fetched.drafts:
        other = {draft.account_number, draft.contra_account_number} - {bank_account, None}
        against[draft.to_bank_entry(bank_account).ref] = {n for n in other if n is not None}
    return against


async def direct_problems(
    client: BankSidePort, materials: Sequence[MatchMaterial], bank_account: int
) -> dict[str, str]:
    """Match id -> the entry on the bank account that already holds its deposit."""
    files = [(m, e) for m in materials for e in m.bank_entries if e.origin is BankEntryOrigin.FILE]
    if not files:
        return {}
    days = [e.entry_date for _, e in files]
    try:
        fetched = await client.fetch_bank(bank_account, min(days), max(days))
    except ConnectorError as exc:
        unchecked = QT_TRANSLATE_NOOP("CLI", "could not check the bank account in e-conomic: {0}")
        return {m.match.id: say_text(unchecked, reason_of(exc)) for m, _ in files}
    on_account = fetched.bank_entries()
    problems: dict[str, str] = {}
    for material, entry in files:
        twin = next((b for b in on_account if _same_deposit(b, entry)), None)
        if twin is not None:
            twice = QT_TRANSLATE_NOOP(
                "CLI",
                "its deposit {0} ({1} on {2}, {3!r}) is already on the bank account in e-conomic "
                "as {4}: the direct profile would book it twice",
            )
            problems[material.match.id] = say_text(
                twice, entry.ref, entry.amount, entry.entry_date.isoformat(), entry.text, twin.ref
            )
    return problems


def _same_deposit(on_account: BankEntry, deposit: BankEntry) -> bool:
    return (
        on_account.amount == deposit.amount
        and on_account.entry_date == deposit.entry_date
        and " ".join(on_account.text.split()).casefold()
        == " ".join(deposit.text.split()).casefold()
    )
