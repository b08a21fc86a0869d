"""Reading e-conomic's JSON into the typed results, refusing what is off the documented shape.

Built on `connectors.payload.Fields`, so a bad answer fails with a message naming the object
and the field ("e-conomic: entry 4711: field 'amount' must be a number, got str '12.50'").
Amounts arrive as JSON numbers already read as Decimal (`jsonio.loads`); a string amount is
refused. False booleans are omitted by e-conomic, so every flag defaults to False.

Booked entries come by the hundred thousand, so a page of them is decoded straight from its
bytes into typed records (`booked_page`, msgspec) and only a page that does not fit the
documented shape is read again through the checked path, for its precise error. Amounts are
decoded from the JSON number's own digits (never through a binary float); a string amount is
not a number and sends the page to the checked path, which refuses it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from itertools import repeat
from operator import attrgetter
from typing import Any

import msgspec

from econdesk.connectors.economic.errors import SYSTEM
from econdesk.connectors.economic.models import (
    Account,
    AccountingYear,
    AccountRef,
    Agreement,
    BookedEntry,
    BookedInvoice,
    Currency,
    CustomerRef,
    DraftEntry,
    Journal,
    PostedVoucher,
    VatAccount,
    VatAccountRef,
)
from econdesk.connectors.errors import MalformedResponse
from econdesk.connectors.payload import Fields
from econdesk.domain.money import Money, MoneyError, normalise_currency
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say


def fields(kind: str, data: object, object_id: str | None = None) -> Fields:
    return Fields(SYSTEM, kind, data, object_id=object_id)


def _date(f: Fields, key: str) -> date:
    text = f.text(key)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise f.fail(
            key, say(QT_TRANSLATE_NOOP("CLI", "is not a date (YYYY-MM-DD): {0!r}"), text)
        ) from None


def _opt_number_in(f: Fields, key: str, inner: str) -> int | None:
    sub = f.opt_obj(key)
    return sub.opt_integer(inner) if sub is not None else None


def _opt_text_in(f: Fields, key: str, inner: str) -> str | None:
    sub = f.opt_obj(key)
    return sub.opt_text(inner) if sub is not None else None


def _opt_decimal(f: Fields, key: str) -> Decimal | None:
    return f.decimal(key) if f.has(key) else None


def _money(f: Fields, key: str, currency: str) -> Money:
    try:
        return Money(f.decimal(key), currency)
    except MoneyError as exc:
        raise f.fail(
            key, say(QT_TRANSLATE_NOOP("CLI", "is not an amount in {0}: {1}"), currency, exc)
        ) from None


def collection_items(data: object, what: str) -> tuple[list[Any], Fields]:
    """The `collection` list of a legacy collection answer, and its checked wrapper."""
    page = fields(what, data, object_id="page")
    return page.array("collection"), page


def page_results(page: Fields) -> int:
    """`pagination.results`: how many items the (filtered) collection holds in all."""
    return page.obj("pagination").integer("results")


# -- single resources ------------------------------------------------------------------------


def agreement(data: object) -> Agreement:
    f = fields("self", data)
    company = f.opt_obj("company")
    settings = f.obj("settings")
    bank = f.opt_obj("bankInformation")
    user = f.opt_obj("user")
    modules = tuple(m.opt_text("name") or "" for m in f.objs("modules"))
    return Agreement(
        agreement_number=f.integer("agreementNumber"),
        company_name=(company.opt_text("name") if company else None) or "",
        base_currency=settings.currency("baseCurrency"),
        user_name=(user.opt_text("name") if user else None) or f.opt_text("userName"),
        company_vat_number=company.opt_text("vatNumber") if company else None,
        bank_account_number=bank.opt_text("bankAccountNumber") if bank else None,
        modules=modules,
    )


def account(data: object) -> Account:
    f = fields("account", data)
    number = f.integer("accountNumber")
    f.object_id = str(number)
    return Account(
        number=number,
        name=f.opt_text("name") or "",
        account_type=f.text("accountType"),
        debit_credit=f.opt_text("debitCredit") or "debit",
        balance=_opt_decimal(f, "balance"),
        draft_balance=_opt_decimal(f, "draftBalance"),
        barred=f.opt_flag("barred", False),
        block_direct_entries=f.opt_flag("blockDirectEntries", False),
        vat_code=_opt_text_in(f, "vatAccount", "vatCode"),
        contra_account=_opt_number_in(f, "contraAccount", "accountNumber"),
        accounting_years_url=f.opt_text("accountingYears"),
        self_url=f.text("self"),
    )


def accounting_year(data: object) -> AccountingYear:
    f = fields("accounting year", data)
    year = f.text("year")
    f.object_id = year
    from_date, to_date = _date(f, "fromDate"), _date(f, "toDate")
    if to_date < from_date:
        raise f.fail(
            "toDate",
            say(QT_TRANSLATE_NOOP("CLI", "{0} is before fromDate {1}"), to_date, from_date),
        )
    return AccountingYear(
        year=year,
        from_date=from_date,
        to_date=to_date,
        closed=f.opt_flag("closed", False),
        entries_url=f.opt_text("entries"),
        vouchers_url=f.opt_text("vouchers"),
        self_url=f.text("self"),
    )


def vat_account(data: object) -> VatAccount:
    f = fields("VAT account", data)
    code = f.text("vatCode")
    f.object_id = code
    vat_type = f.opt_obj("vatType")
    return VatAccount(
        code=code,
        name=f.opt_text("name") or "",
        rate_percent=f.decimal("ratePercentage"),
        account=_opt_number_in(f, "account", "accountNumber"),
        contra_account=_opt_number_in(f, "contraAccount", "accountNumber"),
        vat_type_number=vat_type.opt_integer("vatTypeNumber") if vat_type else None,
        vat_type_name=vat_type.opt_text("name") if vat_type else None,
        barred=f.opt_flag("barred", False),
    )


def booked_invoice(data: object) -> BookedInvoice:
    f = fields("booked invoice", data)
    number = f.integer("bookedInvoiceNumber")
    f.object_id = str(number)
    customer = f.obj("customer")
    references = f.opt_obj("references")
    recipient = f.opt_obj("recipient")
    return BookedInvoice(
        number=number,
        customer_number=customer.integer("customerNumber"),
        day=_date(f, "date"),
        currency=f.currency("currency"),
        gross=f.decimal("grossAmount"),
        remainder=f.decimal("remainder"),
        other_reference=references.opt_text("other") if references else None,
        due_date=_date(f, "dueDate") if f.opt_text("dueDate") is not None else None,
        recipient_name=recipient.opt_text("name") if recipient else None,
    )


def currency(data: object) -> Currency:
    f = fields("currency", data)
    code = f.currency("code")
    return Currency(code=code, name=f.opt_text("name") or "", iso_number=f.opt_text("isoNumber"))


def journal(data: object) -> Journal:
    f = fields("journal", data)
    number = f.integer("journalNumber")
    f.object_id = str(number)
    settings = f.opt_obj("settings")
    numbers = settings.opt_obj("voucherNumbers") if settings else None
    contra = settings.opt_obj("contraAccounts") if settings else None
    return Journal(
        number=number,
        name=f.opt_text("name") or "",
        min_voucher_number=numbers.opt_integer("minimumVoucherNumber") if numbers else None,
        max_voucher_number=numbers.opt_integer("maximumVoucherNumber") if numbers else None,
        entry_type_restricted_to=settings.opt_text("entryTypeRestrictedTo") if settings else None,
        contra_account_customer_payments=(
            _opt_number_in(contra, "customerPayments", "accountNumber") if contra else None
        ),
        contra_account_finance_vouchers=(
            _opt_number_in(contra, "financeVouchers", "accountNumber") if contra else None
        ),
        entries_url=f.opt_text("entries"),
        vouchers_url=f.opt_text("vouchers"),
        self_url=f.text("self"),
    )


# -- entries ---------------------------------------------------------------------------------


def booked_entry(data: object, year: str, base_currency: str) -> BookedEntry:
    """One booked entry, every field checked; the error names the entry and the field.

    Pages are read by `booked_page`; this reads the entries of a page that is off the
    documented shape, to say precisely what is wrong with it.
    """
    f = fields("booked entry", data)
    number = f.integer("entryNumber")
    f.object_id = str(number)
    currency_code = f.currency("currency")
    amount = _money(f, "amount", currency_code)
    base = (
        _money(f, "amountInBaseCurrency", base_currency).amount
        if f.has("amountInBaseCurrency")
        else msgspec.UNSET
    )
    customer = _opt_number_in(f, "customer", "customerNumber")
    vat_code = _opt_text_in(f, "vatAccount", "vatCode")
    return BookedEntry(
        entry_number=number,
        entry_date=_date(f, "date"),
        account=AccountRef(f.obj("account").integer("accountNumber")),
        value=amount.amount,
        currency=currency_code,
        base_value=base,
        text=f.opt_text("text") or "",
        entry_type=f.opt_text("entryType"),
        voucher_number=f.opt_integer("voucherNumber"),
        customer=None if customer is None else CustomerRef(customer),
        vat_account=None if vat_code is None else VatAccountRef(vat_code),
        year=year,
        base_currency=base_currency,
    )


# -- a page of booked entries, decoded from its bytes -------------------------------------------


class _Pagination(msgspec.Struct):
    results: int


class _EntriesPage(msgspec.Struct):
    collection: list[BookedEntry]
    pagination: _Pagination


_PAGE_DECODER = msgspec.json.Decoder(_EntriesPage, float_hook=Decimal)
_VALUE, _BASE_VALUE = attrgetter("value"), attrgetter("base_value")
_CURRENCY = attrgetter("currency")
_DECIMALS = frozenset({Decimal, msgspec.UnsetType})
_NUMBERS = _DECIMALS | {int}
_set_field = msgspec.structs.force_setattr


def booked_page(body: bytes, year: str, base_currency: str) -> tuple[list[BookedEntry], int] | None:
    """A page of booked entries and `pagination.results`, decoded straight from the body.

    None when the body is off the documented shape in any way (bad JSON, a missing or
    mistyped field, a quoted amount, a bad currency): the caller then reads it through
    `collection_items` and `booked_entry`, whose errors name the entry and the field.
    Amounts are read from the JSON number's own digits, never through a binary float.

    The checks run over the whole page at once (C-level maps, no Python step per entry):
    after the decoding itself they were the largest cost of reading a page.
    """
    try:
        page = _PAGE_DECODER.decode(body)
    except (msgspec.DecodeError, ValueError):
        return None
    entries = page.collection
    kinds = set(map(type, map(_VALUE, entries))) | set(map(type, map(_BASE_VALUE, entries)))
    if not kinds <= _DECIMALS:
        if not kinds <= _NUMBERS:
            return None  # a quoted amount, true/false or null
        for e in entries:  # a whole number arrives as an int
            for name in ("value", "base_value"):
                number: object = getattr(e, name)
                if type(number) is int:
                    _set_field(e, name, Decimal(number))
    try:
        for sent in set(map(_CURRENCY, entries)):  # a handful of codes, each checked once
            code = normalise_currency(sent)
            if code != sent:
                for e in entries:
                    if e.currency == sent:
                        _set_field(e, "currency", code)
    except MoneyError:
        return None
    deque(map(_set_field, entries, repeat("year"), repeat(year)), maxlen=0)
    deque(map(_set_field, entries, repeat("base_currency"), repeat(base_currency)), maxlen=0)
    return entries, page.pagination.results


def draft_entry(
    data: object,
    base_currency: str,
    *,
    journal_number: int | None = None,
    entry_type: str | None = None,
    year: str | None = None,
) -> DraftEntry:
    """A daybook line from GET /journals/{n}/entries or inside a POST vouchers answer."""
    f = fields("journal entry", data)
    number = f.integer("journalEntryNumber")
    f.object_id = str(number)
    currency_obj = f.opt_obj("currency")
    code = currency_obj.currency("code") if currency_obj else base_currency
    amount = _money(f, "amount", code)
    base: Money | None = None
    if f.has("amountDefaultCurrency"):
        base = _money(f, "amountDefaultCurrency", base_currency)
    journal_obj = f.opt_obj("journal")
    journal = journal_obj.integer("journalNumber") if journal_obj else journal_number
    if journal is None:
        raise f.fail("journal", say(QT_TRANSLATE_NOOP("CLI", "is missing")))
    voucher = f.opt_obj("voucher")
    voucher_year = None
    if voucher is not None:
        year_obj = voucher.opt_obj("accountingYear")
        voucher_year = year_obj.opt_text("year") if year_obj else None
    kind = f.opt_text("entryType") or entry_type
    if kind is None:
        raise f.fail("entryType", say(QT_TRANSLATE_NOOP("CLI", "is missing")))
    return DraftEntry(
        journal_entry_number=number,
        journal_number=int(journal),
        entry_type=kind,
        entry_date=_date(f, "date"),
        amount=amount,
        amount_base=base,
        account_number=_opt_number_in(f, "account", "accountNumber"),
        contra_account_number=_opt_number_in(f, "contraAccount", "accountNumber"),
        customer_number=_opt_number_in(f, "customer", "customerNumber"),
        customer_invoice=f.opt_integer("customerInvoice"),
        vat_code=_opt_text_in(f, "vatAccount", "vatCode"),
        contra_vat_code=_opt_text_in(f, "contraVatAccount", "vatCode"),
        exchange_rate=_opt_decimal(f, "exchangeRate"),
        text=f.opt_text("text") or "",
        voucher_number=_voucher_number(voucher),
        year=voucher_year or year,
        self_url=f.opt_text("self") or "",
    )


def _voucher_number(voucher: Fields | None) -> int | None:
    if voucher is None or not voucher.has("voucherNumber"):
        return None
    value = voucher.decimal("voucherNumber")  # the schema types it "number"
    if value != value.to_integral_value():
        raise voucher.fail(
            "voucherNumber", say(QT_TRANSLATE_NOOP("CLI", "is not a whole number: {0}"), value)
        )
    return int(value)


# The entry arrays of a voucher and the entryType each holds (docs/economic-api.md#vouchers).
ENTRY_ARRAYS: Mapping[str, str] = {
    "financeVouchers": "financeVoucher",
    "customerPayments": "customerPayment",
    "supplierPayments": "supplierPayment",
    "supplierInvoices": "supplierInvoice",
    "manualCustomerInvoices": "manualCustomerInvoice",
}


def posted_vouchers(data: object, journal_number: int, base_currency: str) -> list[PostedVoucher]:
    """The 201 answer of POST /journals/{n}/vouchers: an array (a single object is accepted)."""
    items = data if isinstance(data, list) else [data]
    result: list[PostedVoucher] = []
    for index, item in enumerate(items):
        f = fields("posted voucher", item, object_id=f"#{index + 1}")
        year = f.obj("accountingYear").text("year")
        journal_obj = f.opt_obj("journal")
        journal = journal_obj.integer("journalNumber") if journal_obj else journal_number
        entries_obj = f.obj("entries")
        entries: list[DraftEntry] = []
        for array, kind in ENTRY_ARRAYS.items():
            for entry in entries_obj.opt_array(array):
                entries.append(
                    draft_entry(
                        entry,
                        base_currency,
                        journal_number=journal,
                        entry_type=kind,
                        year=year,
                    )
                )
        if not entries:
            raise f.fail("entries", say(QT_TRANSLATE_NOOP("CLI", "holds no entries")))
        numbers = {e.voucher_number for e in entries if e.voucher_number is not None}
        top = f.opt_integer("voucherNumber")
        if top is None and len(numbers) == 1:
            top = numbers.pop()
        if top is None:
            raise f.fail("voucherNumber", say(QT_TRANSLATE_NOOP("CLI", "is missing")))
        result.append(PostedVoucher(journal, year, top, tuple(entries), f.opt_text("self") or ""))
    if not result:
        raise MalformedResponse(
            say(QT_TRANSLATE_NOOP("CLI", "e-conomic answered the voucher POST with an empty list")),
            obj="vouchers",
            system=SYSTEM,
        )
    return result
