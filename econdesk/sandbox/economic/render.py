"""The sandbox's resources as e-conomic writes them (docs/economic-api.md#resource-shapes).

Quirks kept on purpose: false booleans are omitted; every object and reference carries a
`self` link; amounts are JSON numbers with two decimals; the accounting year in a URL is the
encoded id (`2025_6_2026`); booked entries carry `currency` as a plain string while daybook
entries carry `currency: {code, self}`.

Booked entries are rendered straight to JSON bytes and cached per entry (they never change),
because a bank account can hold a hundred thousand of them and they are read in pages of 1000.
"""

from __future__ import annotations

import threading
from decimal import Decimal
from json.encoder import encode_basestring_ascii as _str
from typing import Any

from econdesk.sandbox.economic.chart import (
    TOTAL_FROM,
    SandboxAccount,
    SandboxCurrency,
    SandboxVatAccount,
)
from econdesk.sandbox.economic.store import (
    CENT,
    Booked,
    Draft,
    EconomicData,
    SandboxInvoice,
    SandboxJournal,
)
from econdesk.sandbox.economic.years import SandboxPeriod, SandboxYear, encode_id

Json = dict[str, Any]


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT)


class Renderer:
    """Renders resources with self links under one base URL."""

    def __init__(self, data: EconomicData, base: str) -> None:
        self.data = data
        self.base = base.rstrip("/")
        self._fragments: dict[int, bytes] = {}
        self._lock = threading.Lock()

    # -- links ----------------------------------------------------------------------------
    def account_url(self, number: int) -> str:
        return f"{self.base}/accounts/{number}"

    def year_url(self, year: str) -> str:
        return f"{self.base}/accounting-years/{encode_id(year)}"

    def journal_url(self, number: int) -> str:
        return f"{self.base}/journals/{number}"

    def ref(self, key: str, number: int | str, url: str) -> Json:
        return {key: number, "self": url}

    # -- resources ------------------------------------------------------------------------
    def agreement(self) -> Json:
        d = self.data
        return {
            "agreementNumber": d.agreement_number,
            "agreementType": {"agreementTypeNumber": 1, "name": "denmark"},
            "userName": "API",
            "signupDate": "2019-02-01",
            "user": {
                "loginId": "API",
                "email": "bogholderi@example.dk",
                "name": "Bogholderiet",
                "language": {
                    "languageNumber": 1,
                    "name": "Danish",
                    "culture": "da-DK",
                    "self": f"{self.base}/languages/1",
                },
                "agreementNumber": d.agreement_number,
            },
            "company": {
                "addressLine1": "Vestergade 12",
                "zip": "8000",
                "city": "Aarhus C",
                "name": d.company_name,
                "country": "Danmark",
                "companyIdentificationNumber": "41234567",
                "vatNumber": "DK41234567",
            },
            "bankInformation": {
                "bankName": "Sandbox Bank",
                "bankSortCode": "9999",
                "bankAccountNumber": "0001234567",
            },
            "settings": {"baseCurrency": d.base_currency},
            "canSendElectronicInvoice": True,
            "modules": [
                {
                    "moduleNumber": 74,
                    "name": "Subscription and Direct Debit",
                    "self": f"{self.base}/modules/agreement/74",
                },
            ],
            "self": f"{self.base}/self",
        }

    def account(self, a: SandboxAccount) -> Json:
        out: Json = {
            "accountNumber": a.number,
            "accountType": a.account_type,
            "balance": money(self.data.balance(a.number)),
            "debitCredit": a.debit_credit,
            "name": a.name,
        }
        if a.takes_entries:
            out["draftBalance"] = money(self.data.draft_balance(a.number))
        if a.barred:
            out["barred"] = True
        if a.block_direct_entries:
            out["blockDirectEntries"] = True
        if a.vat_code:
            out["vatAccount"] = {
                "vatCode": a.vat_code,
                "self": f"{self.base}/vat-accounts/{a.vat_code}",
            }
        if a.account_type == TOTAL_FROM and a.total_from is not None:
            out["totalFromAccount"] = self.ref(
                "accountNumber", a.total_from, self.account_url(a.total_from)
            )
        out["accountingYears"] = f"{self.account_url(a.number)}/accounting-years"
        out["self"] = self.account_url(a.number)
        return out

    def year(self, y: SandboxYear, account: int | None = None) -> Json:
        """A year; under an account its entries/totals links are that account's."""
        url = self.year_url(y.year)
        if account is not None:
            url = f"{self.account_url(account)}/accounting-years/{y.url_id}"
        out: Json = {
            "fromDate": y.from_date.isoformat(),
            "toDate": y.to_date.isoformat(),
            "year": y.year,
        }
        if y.closed:
            out["closed"] = True
        out["periods"] = f"{url}/periods"
        out["entries"] = f"{url}/entries"
        out["totals"] = f"{url}/totals"
        out["vouchers"] = f"{self.year_url(y.year)}/vouchers"
        out["self"] = url
        return out

    def period(self, y: SandboxYear, p: SandboxPeriod) -> Json:
        """A period as GET /accounting-years/{y}/periods lists it (`closed` only when true:
        e-conomic omits false booleans)."""
        url = f"{self.year_url(y.year)}/periods/{p.number}"
        out: Json = {
            "periodNumber": p.number,
            "accountingYear": {"year": y.year, "self": self.year_url(y.year)},
            "fromDate": p.from_date.isoformat(),
            "toDate": p.to_date.isoformat(),
        }
        if p.closed:
            out["closed"] = True
        out["entries"] = f"{url}/entries"
        out["totals"] = f"{url}/totals"
        out["self"] = url
        return out

    def vat_account(self, v: SandboxVatAccount) -> Json:
        out: Json = {
            "vatCode": v.code,
            "name": v.name,
            "ratePercentage": v.rate,
            "account": self.ref("accountNumber", v.account, self.account_url(v.account)),
            "vatType": {
                "vatTypeNumber": v.vat_type_number,
                "name": v.vat_type_name,
                "self": f"{self.base}/vat-types/{v.vat_type_number}",
            },
        }
        if v.contra_account is not None:
            out["contraAccount"] = self.ref(
                "accountNumber", v.contra_account, self.account_url(v.contra_account)
            )
        if v.barred:
            out["barred"] = True
        out["self"] = f"{self.base}/vat-accounts/{v.code}"
        return out

    def booked_invoice(self, i: SandboxInvoice) -> Json:
        """A booked invoice as `GET /invoices/booked` lists it (no attention, project, …)."""
        url = f"{self.base}/invoices/booked/{i.number}"
        customer = f"{self.base}/customers/{i.customer}"
        out: Json = {
            "bookedInvoiceNumber": i.number,
            "date": i.day.isoformat(),
            "currency": i.currency,
            "exchangeRate": i.exchange_rate,
            "netAmount": money(i.net),
            "netAmountInBaseCurrency": money(i.base(i.net)),
            "grossAmount": money(i.gross),
            "grossAmountInBaseCurrency": money(i.base(i.gross)),
            "vatAmount": money(i.vat),
            "roundingAmount": money(Decimal(0)),
            "remainder": money(i.remainder),
            "remainderInBaseCurrency": money(i.base(i.remainder)),
            "dueDate": i.due.isoformat(),
            "paymentTerms": {
                "paymentTermsNumber": 1,
                "daysOfCredit": (i.due - i.day).days,
                "name": "Netto",
                "paymentTermsType": "net",
                "self": f"{self.base}/payment-terms/1",
            },
            "customer": self.ref("customerNumber", i.customer, customer),
            "recipient": {
                "name": i.recipient,
                "vatZone": {
                    "name": "Domestic",
                    "vatZoneNumber": 1,
                    "enabledForCustomer": True,
                    "enabledForSupplier": True,
                    "self": f"{self.base}/vat-zones/1",
                },
            },
            "notes": {"heading": i.heading} if i.heading else {},
            "references": {"other": i.reference} if i.reference else {},
            "layout": {"layoutNumber": 19, "self": f"{self.base}/layouts/19"},
            "pdf": {"download": f"{url}/pdf"},
            "sent": f"{self.base}/invoices/sent?filter=bookedInvoiceNumber$eq:{i.number}",
            "self": url,
        }
        return out

    def currency(self, c: SandboxCurrency) -> Json:
        return {
            "code": c.code,
            "isoNumber": c.iso_number,
            "name": c.name,
            "self": f"{self.base}/currencies/{c.code}",
        }

    def journal(self, j: SandboxJournal) -> Json:
        url = self.journal_url(j.number)
        numbers: Json = {"minimumVoucherNumber": j.min_voucher}
        if j.max_voucher is not None:
            numbers["maximumVoucherNumber"] = j.max_voucher
        settings: Json = {"voucherNumbers": numbers}
        if j.entry_type_restricted_to:
            settings["entryTypeRestrictedTo"] = j.entry_type_restricted_to
        contra: Json = {}
        if j.contra_customer_payments is not None:
            contra["customerPayments"] = self.ref(
                "accountNumber",
                j.contra_customer_payments,
                self.account_url(j.contra_customer_payments),
            )
        if j.contra_finance_vouchers is not None:
            contra["financeVouchers"] = self.ref(
                "accountNumber",
                j.contra_finance_vouchers,
                self.account_url(j.contra_finance_vouchers),
            )
        if contra:
            settings["contraAccounts"] = contra
        return {
            "name": j.name,
            "settings": settings,
            "vouchers": f"{url}/vouchers",
            "entries": f"{url}/entries",
            "templates": {
                "financeVoucher": f"{url}/templates/financeVoucher",
                "manualCustomerInvoice": f"{url}/templates/manualCustomerInvoice",
                "self": f"{url}/templates",
            },
            "journalNumber": j.number,
            "self": url,
        }

    def draft(self, d: Draft, *, with_journal: bool = True) -> Json:
        """A daybook entry as GET /journals/{n}/entries and the voucher POST answer show it."""
        jurl = self.journal_url(d.journal)
        voucher_url = f"{jurl}/vouchers/{encode_id(d.year)}-{d.voucher_number}"
        out: Json = {}
        if d.account is not None:
            out["account"] = self.ref("accountNumber", d.account, self.account_url(d.account))
        if d.customer is not None:
            out["customer"] = self.ref(
                "customerNumber", d.customer, f"{self.base}/customers/{d.customer}"
            )
        if d.customer_invoice is not None:
            out["customerInvoice"] = d.customer_invoice
        if d.text:
            out["text"] = d.text
        out["amount"] = money(d.amount)
        if d.contra_account is not None:
            out["contraAccount"] = self.ref(
                "accountNumber", d.contra_account, self.account_url(d.contra_account)
            )
        if d.contra_vat_code is not None:
            out["contraVatAccount"] = {
                "vatCode": d.contra_vat_code,
                "self": f"{self.base}/vat-accounts/{d.contra_vat_code}",
            }
        out["currency"] = {"code": d.currency, "self": f"{self.base}/currencies/{d.currency}"}
        out["date"] = d.day.isoformat()
        out["exchangeRate"] = d.exchange_rate.quantize(Decimal("0.000001"))
        out["entryType"] = d.entry_type
        if d.vat_code is not None:
            out["vatAccount"] = {
                "vatCode": d.vat_code,
                "self": f"{self.base}/vat-accounts/{d.vat_code}",
            }
        out["voucher"] = {
            "accountingYear": {"year": d.year, "self": self.year_url(d.year)},
            "voucherNumber": d.voucher_number,
            "self": voucher_url,
        }
        out["amountDefaultCurrency"] = money(d.amount_base)
        if d.entry_type == "customerPayment":
            out["remainder"] = money(d.amount)
            out["remainderInDefaultCurrency"] = money(d.amount_base)
        if with_journal:
            out["journal"] = {"journalNumber": d.journal, "self": jurl}
        out["journalEntryNumber"] = d.journal_entry_number
        entry_url = f"{jurl}/entries/{d.journal_entry_number}"
        out["metaData"] = {
            "delete": {"description": "Delete entry", "href": entry_url, "httpMethod": "delete"}
        }
        out["self"] = entry_url
        return out

    # -- booked entries, as cached JSON fragments -----------------------------------------------
    def booked_fragment(self, e: Booked) -> bytes:
        cached = self._fragments.get(e.entry_number)
        if cached is not None:
            return cached
        parts = [
            f'{{"account":{{"accountNumber":{e.account},"self":"{self.account_url(e.account)}"}}',
            f',"amount":{money(e.amount)},"amountInBaseCurrency":{money(e.amount_base)}',
            f',"currency":"{e.currency}","date":"{e.day.isoformat()}"',
            f',"entryNumber":{e.entry_number}',
            f',"text":{_str(e.text)}' if e.text else "",
            f',"entryType":"{e.entry_type}"',
        ]
        if e.vat_code is not None:
            parts.append(
                f',"vatAccount":{{"vatCode":{_str(e.vat_code)},'
                f'"self":"{self.base}/vat-accounts/{e.vat_code}"}}'
            )
        if e.customer is not None:
            parts.append(
                f',"customer":{{"customerNumber":{e.customer},'
                f'"self":"{self.base}/customers/{e.customer}"}}'
            )
        if e.voucher_number is not None:
            parts.append(f',"voucherNumber":{e.voucher_number}')
        parts.append(f',"self":"{self.year_url(e.year)}/entries/{e.entry_number}"}}')
        fragment = "".join(parts).encode("ascii")
        with self._lock:
            self._fragments[e.entry_number] = fragment
        return fragment
