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

import dataclasses
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

import msgspec

from econdesk.connectors.economic.errors import SYSTEM
from econdesk.connectors.economic.models import (
    Account,
    AccountingYear,
    Agreement,
    BookedEntry,
    Currency,
    DraftEntry,
    Journal,
    PostedVoucher,
    VatAccount,
)
from econdesk.connectors.errors import MalformedResponse
from econdesk.connectors.payload import Fields
from econdesk.domain.money import Money, MoneyError, normalise_currency


def fields(kind: str, data: object, object_id: str | None = None) -> Fields:
    return Fields(SYSTEM, kind, data, object_id=object_id)


def _date(f: Fields, key: str) -> date:
    text = f.text(key)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise f.fail(key, f"is not a date (YYYY-MM-DD): {text!r}") from None


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
        raise f.fail(key, f"is not an amount in {currency}: {exc}") from None


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
        raise f.fail("toDate", f"{to_date} is before fromDate {from_date}")
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
    """One booked entry; the fast path reads well-formed entries without the checked walk.

    Entries come by the hundred thousand: the fast path reads each field once, builds the
    result positionally and shares one Money when the base amount equals the amount. Money
    still checks every amount and currency itself.
    """
    if type(data) is dict:
        try:
            amount: Decimal = data["amount"]
            base_amount: Decimal = data.get("amountInBaseCurrency", amount)
            entry_number = data["entryNumber"]
            account_number = data["account"]["accountNumber"]
            currency = data["currency"]
            text = data.get("text", "")
            entry_type = data.get("entryType")
            voucher = data.get("voucherNumber")
            customer = data.get("customer")
            vat = data.get("vatAccount")
            customer_number = None if customer is None else customer["customerNumber"]
            vat_code = None if vat is None else vat["vatCode"]
            self_url = data["self"]
            if (
                type(amount) in _NUMBER
                and type(base_amount) in _NUMBER
                and type(currency) is str
                and type(entry_number) is int
                and type(account_number) is int
                and type(text) is str
                and type(self_url) is str
                and (entry_type is None or type(entry_type) is str)
                and (voucher is None or type(voucher) is int)
                and (customer_number is None or type(customer_number) is int)
                and (vat_code is None or type(vat_code) is str)
            ):
                money = Money(amount, currency)
                same = base_amount == amount and money.currency == base_currency
                return BookedEntry(
                    entry_number,
                    year,
                    account_number,
                    date.fromisoformat(data["date"]),
                    money,
                    money if same else Money(base_amount, base_currency),
                    text,
                    entry_type,
                    voucher,
                    customer_number,
                    vat_code,
                    self_url,
                )
        except (KeyError, TypeError, ValueError, AttributeError, MoneyError):
            pass  # fall through to the checked path, which names what is wrong
    return _booked_entry_checked(data, year, base_currency)


_NUMBER = (int, Decimal)


# -- a page of booked entries, decoded from its bytes -------------------------------------------
#
# The wire shape of the fields a BookedEntry needs; other fields are ignored. Amounts are
# typed Any so that msgspec hands a JSON number with a fraction to `float_hook` as its text
# (Decimal(text) is exact) and a string stays a string, which the builder below refuses.


class _AccountRef(msgspec.Struct):
    accountNumber: int  # noqa: N815 - e-conomic's name


class _CustomerRef(msgspec.Struct):
    customerNumber: int  # noqa: N815


class _VatRef(msgspec.Struct):
    vatCode: str  # noqa: N815


class _WireEntry(msgspec.Struct):
    account: _AccountRef
    amount: Any
    currency: str
    date: date
    entryNumber: int  # noqa: N815
    self_url: str = msgspec.field(name="self")
    amountInBaseCurrency: Any = msgspec.UNSET  # noqa: N815 - absent: the same as amount
    text: str = ""
    entryType: str | None = None  # noqa: N815
    voucherNumber: int | None = None  # noqa: N815
    customer: _CustomerRef | None = None
    vatAccount: _VatRef | None = None  # noqa: N815


class _Pagination(msgspec.Struct):
    results: int


class _WirePage(msgspec.Struct):
    collection: list[_WireEntry]
    pagination: _Pagination


_PAGE_DECODER = msgspec.json.Decoder(_WirePage, float_hook=Decimal)

# Money assembled from checked parts (see booked_page); only while Money is exactly an amount
# and a currency in slots, else the plain constructor is used.
_FAST_MONEY = tuple(f.name for f in dataclasses.fields(Money)) == ("amount", "currency") and (
    getattr(Money, "__slots__", None) == ("amount", "currency")
)
_new_money: Any = object.__new__
_set_amount: Any = Money.__dict__["amount"].__set__ if _FAST_MONEY else None
_set_currency: Any = Money.__dict__["currency"].__set__ if _FAST_MONEY else None


def booked_page(body: bytes, year: str, base_currency: str) -> tuple[list[BookedEntry], int] | None:
    """A page of booked entries and `pagination.results`, read straight from the body.

    None when the body is off the documented shape in any way (bad JSON, a missing or
    mistyped field, a string amount, a bad currency): the caller then reads it through
    `collection_items` and `booked_entry`, whose errors name the entry and the field.
    """
    try:
        page = _PAGE_DECODER.decode(body)
    except (msgspec.DecodeError, ValueError):
        return None
    out: list[BookedEntry] = []
    append = out.append
    # Currency as sent -> (normalised, is the base currency); MoneyError when not a currency.
    codes: dict[str, tuple[str, bool]] = {}
    unset = msgspec.UNSET
    try:
        for e in page.collection:
            amount = e.amount
            sent = e.currency
            known = codes.get(sent)
            if known is None:
                code = normalise_currency(sent)
                known = codes[sent] = (code, code == base_currency)
            code, in_base = known
            if _FAST_MONEY and type(amount) is Decimal and amount.is_finite():
                # Money's own checks, made just above (the code once per page): a finite
                # Decimal in a normalised currency. Its __post_init__ repeating them was a
                # third of the cost of reading an entry.
                money = _new_money(Money)
                _set_amount(money, amount)
                _set_currency(money, code)
            elif type(amount) in _NUMBER:
                money = Money(amount, code)
            else:
                return None
            base_amount = e.amountInBaseCurrency
            if base_amount is unset:  # absent: the same amount
                base = money if in_base else Money(amount, base_currency)
            elif type(base_amount) not in _NUMBER:
                return None
            elif in_base and base_amount == amount:
                base = money
            else:
                base = Money(base_amount, base_currency)
            customer = e.customer
            vat = e.vatAccount
            append(
                BookedEntry(
                    e.entryNumber,
                    year,
                    e.account.accountNumber,
                    e.date,
                    money,
                    base,
                    e.text,
                    e.entryType,
                    e.voucherNumber,
                    None if customer is None else customer.customerNumber,
                    None if vat is None else vat.vatCode,
                    e.self_url,
                )
            )
    except MoneyError:
        return None
    return out, page.pagination.results


def _booked_entry_checked(data: object, year: str, base_currency: str) -> BookedEntry:
    f = fields("booked entry", data)
    number = f.integer("entryNumber")
    f.object_id = str(number)
    currency_code = f.currency("currency")
    amount = _money(f, "amount", currency_code)
    base = (
        _money(f, "amountInBaseCurrency", base_currency)
        if f.has("amountInBaseCurrency")
        else Money(amount.amount, base_currency)
    )
    return BookedEntry(
        entry_number=number,
        year=year,
        account_number=f.obj("account").integer("accountNumber"),
        entry_date=_date(f, "date"),
        amount=amount,
        amount_base=base,
        text=f.opt_text("text") or "",
        entry_type=f.opt_text("entryType"),
        voucher_number=f.opt_integer("voucherNumber"),
        customer_number=_opt_number_in(f, "customer", "customerNumber"),
        vat_code=_opt_text_in(f, "vatAccount", "vatCode"),
        self_url=f.text("self"),
    )


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
        raise f.fail("journal", "is missing")
    voucher = f.opt_obj("voucher")
    voucher_year = None
    if voucher is not None:
        year_obj = voucher.opt_obj("accountingYear")
        voucher_year = year_obj.opt_text("year") if year_obj else None
    kind = f.opt_text("entryType") or entry_type
    if kind is None:
        raise f.fail("entryType", "is missing")
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
        raise voucher.fail("voucherNumber", f"is not a whole number: {value}")
    return int(value)


# The entry arrays of a voucher and the entryType each holds (POST schema, API.md section 3).
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
            raise f.fail("entries", "holds no entries")
        numbers = {e.voucher_number for e in entries if e.voucher_number is not None}
        top = f.opt_integer("voucherNumber")
        if top is None and len(numbers) == 1:
            top = numbers.pop()
        if top is None:
            raise f.fail("voucherNumber", "is missing")
        result.append(PostedVoucher(journal, year, top, tuple(entries), f.opt_text("self") or ""))
    if not result:
        raise MalformedResponse(
            "e-conomic answered the voucher POST with an empty list", obj="vouchers", system=SYSTEM
        )
    return result
