"""POST /journals/{n}/vouchers as e-conomic does it: validate, number, create drafts, answer.

Validation, all errors collected before anything is created (all-or-nothing per request):

1. the official draft-03 schema `journals.journalNumber.vouchers.post.schema.json` (required
   `accountingYear`, `amount`, `date`; `text` <= 250; minimums; types, so `null` is refused as
   e-conomic refuses it, as observed) plus its `maxDecimal` keyword (E04740, two decimals);
2. the agreement's rules: the accounting year exists and is open, every date lies in it,
   accounts exist, are not barred, are posting accounts and accept direct entries (observed), VAT
   codes and currencies exist, customers exist, a finance voucher has an account and a contra
   account (the journal's default contra account stands in when set), the journal's entry-type
   restriction and voucher-number range hold.

Errors mirror the payload (docs/economic-api.md#errors): `{"entries": {"financeVouchers":
[{"arrayIndex": 0, "account": {"errors": [...]}}]}}`; for a bulk POST the top level is a list
of such objects, each with the voucher's `arrayIndex`.

Numbering: entries that name `voucher.voucherNumber` (or inherit the voucher's top-level
`voucherNumber`) keep it; the others of one voucher object share the next free number in the
journal's range. Entries with different numbers come back as separate vouchers, which is why
the answer is always an array (observed; docs/economic-api.md#vouchers).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import date
from decimal import Decimal
from importlib import resources
from typing import Any

from jsonschema import Draft3Validator, validators
from jsonschema.exceptions import ValidationError as SchemaError

from econdesk.sandbox.economic.render import Renderer
from econdesk.sandbox.economic.store import Draft, EconomicData, PostedRecord, SandboxJournal
from econdesk.sandbox.economic.years import SandboxYear, encode_id

MAX_VOUCHER_NUMBER = 999_999_999

# entries.<array> -> entryType
ENTRY_ARRAYS: Mapping[str, str] = {
    "financeVouchers": "financeVoucher",
    "customerPayments": "customerPayment",
    "supplierPayments": "supplierPayment",
    "supplierInvoices": "supplierInvoice",
    "manualCustomerInvoices": "manualCustomerInvoice",
}
_NEEDS_ACCOUNT = ("financeVouchers", "supplierInvoices")
_NEEDS_CUSTOMER = ("customerPayments", "manualCustomerInvoices")
_NEEDS_SUPPLIER = ("supplierPayments", "supplierInvoices")


def _max_decimal(validator: Any, places: Any, instance: Any, schema: Any) -> Iterator[SchemaError]:
    if isinstance(instance, Decimal) and instance.is_finite():
        exponent = instance.normalize().as_tuple().exponent
        if isinstance(exponent, int) and -exponent > int(places):
            yield SchemaError(f"scale cannot be greater then {places} decimal places.")


def load_schema() -> dict[str, Any]:
    text = (
        resources.files("econdesk.sandbox.economic")
        .joinpath("schemas/journals.journalNumber.vouchers.post.schema.json")
        .read_text(encoding="utf-8")
    )
    schema: dict[str, Any] = json.loads(text)
    return schema


VoucherValidator = validators.extend(Draft3Validator, {"maxDecimal": _max_decimal})
_VALIDATOR = VoucherValidator(load_schema())

Path = tuple[str | int, ...]


class Problems:
    """Errors collected in e-conomic's annotated shape, keyed by payload path."""

    def __init__(self) -> None:
        self.tree: dict[str, Any] = {}
        self.count = 0

    def add(self, path: Path, code: str, message: str, value: Any = None) -> None:
        error: dict[str, Any] = {"errorCode": code, "message": message}
        if value is not None:
            error["value"] = value
        error["developerHint"] = _HINTS.get(code, "Please check your request data.")
        node: Any = self.tree
        for i, key in enumerate(path):
            last = i == len(path) - 1
            if isinstance(key, int):  # the element was entered by the list key before it
                if last:
                    node.setdefault("errors", []).append(error)
                continue
            nxt = None if last else path[i + 1]
            if isinstance(nxt, int):
                items = node.setdefault(key, [])
                element = next((e for e in items if e.get("arrayIndex") == nxt), None)
                if element is None:
                    element = {"arrayIndex": nxt}
                    items.append(element)
                node = element
            elif last:
                node.setdefault(key, {}).setdefault("errors", []).append(error)
            else:
                node = node.setdefault(key, {})
        self.count += 1

    def __bool__(self) -> bool:
        return self.count > 0


_HINTS = {
    "E06000": "Find a list of the resources in the API.",
    "E04740": "Please check the format of your data.",
}


def _schema_problems(voucher: Any, problems: Problems) -> None:
    for error in _VALIDATOR.iter_errors(voucher):
        path: Path = tuple(error.absolute_path)
        field = str(path[-1]) if path else "voucher"
        kind = error.validator
        instance = error.instance
        if kind == "required":
            problems.add(path, "E04300", f"Property {field} is required.")
        elif kind == "type":
            expected = str(error.validator_value).capitalize()
            got = "Null" if instance is None else type(instance).__name__.capitalize()
            problems.add(path, "E04100", f"Expected {expected} but got {got}.")
        elif kind == "maxLength":
            problems.add(
                path,
                "E04400",
                f"{field} exceeds the maximum length of {error.validator_value} characters.",
                instance,
            )
        elif kind == "minimum":
            problems.add(
                path,
                "E04200",
                f"Integer {instance} is less than minimum value of {error.validator_value}.",
                instance,
            )
        elif kind == "maximum":
            problems.add(
                path,
                "E04200",
                f"{instance} is greater than maximum value of {error.validator_value}.",
                instance,
            )
        elif kind == "maxDecimal":
            problems.add(path, "E04740", f"{field} {error.message}", instance)
        else:
            problems.add(path, "E04000", f"{field}: {error.message}", instance)


class VoucherPoster:
    """Validates and creates the vouchers of one POST; the caller holds `data.lock`."""

    def __init__(self, data: EconomicData, journal: SandboxJournal, renderer: Renderer) -> None:
        self.data = data
        self.journal = journal
        self.renderer = renderer

    # -- validation -------------------------------------------------------------------------
    def problems(self, voucher: Any) -> Problems:
        problems = Problems()
        if not isinstance(voucher, dict):
            problems.add(("voucher",), "E04100", "Expected Object.")
            return problems
        _schema_problems(voucher, problems)
        if problems:
            return problems  # the rules below assume the schema's shape
        self._rules(voucher, problems)
        return problems

    def _rules(self, voucher: dict[str, Any], problems: Problems) -> None:
        data, journal = self.data, self.journal
        journal_ref = voucher.get("journal", {}).get("journalNumber")
        if journal_ref is not None and journal_ref != journal.number:
            problems.add(
                ("journal", "journalNumber"),
                "E04500",
                f"The journal in the body ({journal_ref}) is not journal {journal.number}.",
                journal_ref,
            )
        year_name = voucher["accountingYear"].get("year")
        year = data.year_named(year_name) if isinstance(year_name, str) else None
        if year is None:
            problems.add(("accountingYear",), "E06000", "accountingYear does not exist.", year_name)
            return
        if year.closed:
            problems.add(
                ("accountingYear",), "E07100", f"Accounting year {year.year} is closed.", year.year
            )
        entries = voucher.get("entries") or {}
        if not any(entries.get(array) for array in ENTRY_ARRAYS):
            problems.add(("entries",), "E04300", "A voucher must contain at least one entry.")
            return
        top_number = voucher.get("voucherNumber")
        for array, kind in ENTRY_ARRAYS.items():
            items = entries.get(array) or []
            if items and journal.entry_type_restricted_to not in (None, kind):
                problems.add(
                    ("entries", array),
                    "E07200",
                    f"Journal {journal.number} only takes {journal.entry_type_restricted_to} "
                    "entries.",
                )
                continue
            for index, entry in enumerate(items):
                self._entry_rules(
                    array, index, entry, year, top_number=top_number, problems=problems
                )

    def _entry_rules(
        self,
        array: str,
        index: int,
        entry: dict[str, Any],
        year: SandboxYear,
        *,
        top_number: Any,
        problems: Problems,
    ) -> None:
        data, journal = self.data, self.journal
        at: Path = ("entries", array, index)
        self._date_rules(at, entry, year, problems)
        self._account_side_rules(array, at, entry, problems)
        for key in ("vatAccount", "contraVatAccount"):
            vat = (entry.get(key) or {}).get("vatCode")
            if vat is None:
                continue
            known = data.vat_accounts.get(vat)
            if known is None:
                problems.add((*at, key), "E06000", f"{key} does not exist.", vat)
            elif known.barred:
                problems.add((*at, key), "E07020", f"VAT code {vat} is barred.", vat)
        number = (entry.get("voucher") or {}).get("voucherNumber", top_number)
        if number is not None:
            low, high = journal.min_voucher, journal.max_voucher or MAX_VOUCHER_NUMBER
            if not low <= number <= high:
                problems.add(
                    (*at, "voucher", "voucherNumber"),
                    "E07300",
                    f"Voucher number {number} is outside journal {journal.number}'s range "
                    f"{low}-{high}.",
                    number,
                )

    def _date_rules(
        self, at: Path, entry: dict[str, Any], year: SandboxYear, problems: Problems
    ) -> None:
        """The entry's date (in the voucher's year), currency and exchange rate."""
        day = _date(entry.get("date"))
        if day is None:
            problems.add(
                (*at, "date"), "E04100", "date is not a valid date (YYYY-MM-DD).", entry.get("date")
            )
        elif not year.covers(day):
            problems.add(
                (*at, "date"),
                "E07110",
                f"Date {day.isoformat()} is outside accounting year {year.year} "
                f"({year.from_date.isoformat()} - {year.to_date.isoformat()}).",
                day.isoformat(),
            )
        else:
            self._period_rules(at, entry, year, day, problems)
        code = (entry.get("currency") or {}).get("code", self.data.base_currency)
        if code not in self.data.currencies:
            problems.add((*at, "currency"), "E06000", "currency does not exist.", code)
        rate = entry.get("exchangeRate")
        if rate is not None and rate <= 0:
            problems.add((*at, "exchangeRate"), "E04200", "exchangeRate must be positive.", rate)

    def _account_side_rules(
        self, array: str, at: Path, entry: dict[str, Any], problems: Problems
    ) -> None:
        """The account, customer or supplier the entry array needs, and the contra account."""
        if array in _NEEDS_ACCOUNT:
            account = (entry.get("account") or {}).get("accountNumber")
            if account is None:
                problems.add(
                    (*at, "account"), "E04300", f"Property account is required for {array}."
                )
            else:
                self._account_rules((*at, "account"), account, problems)
        if array in _NEEDS_CUSTOMER:
            customer = (entry.get("customer") or {}).get("customerNumber")
            if customer is None:
                problems.add(
                    (*at, "customer"), "E04300", f"Property customer is required for {array}."
                )
            elif customer not in self.data.customers:
                problems.add((*at, "customer"), "E06000", "customer does not exist.", customer)
        if array in _NEEDS_SUPPLIER:
            supplier = (entry.get("supplier") or {}).get("supplierNumber")
            problems.add((*at, "supplier"), "E06000", "supplier does not exist.", supplier)
        contra = self._contra(array, entry)
        if contra is None and array == "financeVouchers":
            problems.add(
                (*at, "contraAccount"),
                "E04300",
                "Property contraAccount is required (the journal has no default).",
            )
        elif contra is not None:
            self._account_rules((*at, "contraAccount"), contra, problems)

    def _period_rules(
        self, at: Path, entry: dict[str, Any], year: SandboxYear, day: date, problems: Problems
    ) -> None:
        """A closed accounting period takes no entries; nor does a VAT-settled one take any
        entry with a VAT code."""
        period = next((p for p in self.data.periods(year) if p.covers(day)), None)
        if period is not None and period.closed:
            problems.add(
                (*at, "date"),
                "E07120",
                f"Date {day.isoformat()} is in accounting period {period.number} of "
                f"{year.year}, which is closed.",
                day.isoformat(),
            )
        settled = self.data.vat_settled_until
        has_vat = any(
            (entry.get(k) or {}).get("vatCode") for k in ("vatAccount", "contraVatAccount")
        )
        if settled is not None and has_vat and day <= settled:
            problems.add(
                (*at, "date"),
                "E07130",
                f"The VAT period holding {day.isoformat()} is settled; entries with VAT cannot "
                "be dated in it.",
                day.isoformat(),
            )

    def _account_rules(self, path: Path, number: Any, problems: Problems) -> None:
        account = self.data.accounts.get(number) if isinstance(number, int) else None
        if account is None:
            problems.add(path, "E06000", "account does not exist.", number)
        elif account.barred:
            problems.add(path, "E07010", f"Account {number} is barred.", number)
        elif not account.takes_entries:
            problems.add(
                path,
                "E07011",
                f"Account {number} is a {account.account_type} account and takes no entries.",
                number,
            )
        elif account.block_direct_entries:
            problems.add(path, "E07012", f"Account {number} does not allow direct entries.", number)

    def _contra(self, array: str, entry: dict[str, Any]) -> int | None:
        contra = (entry.get("contraAccount") or {}).get("accountNumber")
        if contra is not None:
            return int(contra)
        if array == "financeVouchers":
            return self.journal.contra_finance_vouchers
        if array == "customerPayments":
            return self.journal.contra_customer_payments
        return None

    # -- creation -----------------------------------------------------------------------------
    def free_number(self, year: str, taken: set[int]) -> int | None:
        journal = self.journal
        high = journal.max_voucher or MAX_VOUCHER_NUMBER
        in_range = [n for n in taken if journal.min_voucher <= n <= high]
        candidate = max(in_range) + 1 if in_range else journal.min_voucher
        return candidate if candidate <= high else None

    def create(self, voucher: dict[str, Any]) -> list[tuple[str, int, list[Draft]]]:
        """The drafts of one voucher object, grouped by voucher number."""
        data = self.data
        year: str = voucher["accountingYear"]["year"]
        taken = data.used_voucher_numbers(year)
        top = voucher.get("voucherNumber")
        auto: int | None = None
        groups: dict[int, list[Draft]] = {}
        for array, kind in ENTRY_ARRAYS.items():
            for entry in voucher.get("entries", {}).get(array) or []:
                number = (entry.get("voucher") or {}).get("voucherNumber", top)
                if number is None:
                    if auto is None:
                        auto = self.free_number(year, taken)
                        if auto is None:
                            raise NoVoucherNumbers(self.journal)
                        taken.add(auto)
                    number = auto
                number = int(number)
                taken.add(number)
                draft = self._draft(array, kind, entry, year, number)
                data.add_draft(draft)
                groups.setdefault(number, []).append(draft)
        return [(year, number, drafts) for number, drafts in groups.items()]

    def _draft(self, array: str, kind: str, entry: dict[str, Any], year: str, number: int) -> Draft:
        data = self.data
        code = (entry.get("currency") or {}).get("code", data.base_currency)
        amount = Decimal(entry["amount"])
        given_rate = entry.get("exchangeRate")
        rate = Decimal(given_rate) if given_rate is not None else data.rate(code)
        if code == data.base_currency:
            rate = Decimal(100)
        base = entry.get("amountBaseCurrency")
        amount_base = Decimal(base) if base is not None else data.to_base(amount, code, rate)
        day = _date(entry["date"])
        assert day is not None  # validated
        return Draft(
            journal_entry_number=data.take_draft_number(),
            journal=self.journal.number,
            entry_type=kind,
            day=day,
            amount=amount,
            amount_base=amount_base,
            currency=code,
            exchange_rate=rate,
            year=year,
            voucher_number=number,
            account=(entry.get("account") or {}).get("accountNumber"),
            contra_account=self._contra(array, entry),
            customer=(entry.get("customer") or {}).get("customerNumber"),
            customer_invoice=entry.get("customerInvoice"),
            vat_code=(entry.get("vatAccount") or {}).get("vatCode"),
            contra_vat_code=(entry.get("contraVatAccount") or {}).get("vatCode"),
            text=entry.get("text", ""),
        )

    def voucher_json(self, year: str, number: int, drafts: list[Draft]) -> dict[str, Any]:
        r = self.renderer
        url = f"{r.journal_url(self.journal.number)}/vouchers/{encode_id(year)}-{number}"
        entries: dict[str, list[dict[str, Any]]] = {}
        for array, kind in ENTRY_ARRAYS.items():
            mine = [r.draft(d, with_journal=False) for d in drafts if d.entry_type == kind]
            if mine:
                entries[array] = mine
        return {
            "accountingYear": {"year": year, "self": r.year_url(year)},
            "journal": {
                "journalNumber": self.journal.number,
                "self": r.journal_url(self.journal.number),
            },
            "entries": entries,
            "voucherNumber": number,
            "self": url,
        }

    def record(
        self, body: Any, created: list[tuple[str, int, list[Draft]]], key: str | None
    ) -> None:
        self.data.posted.append(
            PostedRecord(
                journal=self.journal.number,
                body=body,
                vouchers=tuple((year, number) for year, number, _ in created),
                entry_numbers=tuple(d.journal_entry_number for _, _, ds in created for d in ds),
                idempotency_key=key,
            )
        )


class NoVoucherNumbers(Exception):
    def __init__(self, journal: SandboxJournal) -> None:
        super().__init__(
            f"No voucher numbers left in journal {journal.number} "
            f"({journal.min_voucher}-{journal.max_voucher or MAX_VOUCHER_NUMBER})."
        )


def _date(value: Any) -> date | None:
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
