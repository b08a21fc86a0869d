"""Mappings checked against the agreement's real accounts, VAT codes and customers.

Every problem is collected and reported at once, each naming the mapping key and what is wrong
with the account there, so a bookkeeper fixes the whole list in one go. A finance voucher needs
both `account` and `contraAccount` to accept direct entries (observed on a live agreement;
docs/economic-api.md#vouchers), so every account econdesk posts to is checked for that, for
being barred, and for being a posting account rather than a heading or a sum.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from econdesk.accounting.chart import (
    POSTING_ACCOUNT_TYPES,
    AgreementAccount,
    Chart,
    JournalSettings,
)
from econdesk.domain.invoices import ECONOMIC_INVOICES
from econdesk.domain.model import Mappings
from econdesk.errors import EcondeskError
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import Message, joined, say, say_text, text_in

NO_INVOICES_ACCOUNT = QT_TRANSLATE_NOOP(
    "CLI",
    "not set: the account the bank feed books a customer's transfer to until it is identified "
    "(the contra account of the payments of e-conomic's own invoices)",
)


@dataclass(frozen=True, slots=True)
class MappingProblem:
    where: str  # the mapping key, e.g. "providers.stripe.clearing_account"
    message: str  # English; said in the reader's language by `render` (a SaidText)

    def render(self, language: str) -> str:
        return f"{self.where}: {text_in(self.message, language)}"

    def __str__(self) -> str:
        return self.render("en")


class MappingError(EcondeskError):
    """The mappings do not fit the agreement; carries every problem found."""

    def __init__(self, problems: Iterable[MappingProblem]) -> None:
        self.problems = tuple(problems)
        found = QT_TRANSLATE_NOOP("CLI", "{0} mapping problem(s): {1}")
        super().__init__(say(found, len(self.problems), joined(self.problems, "; ")))


def _label(account: AgreementAccount) -> Message:
    """ "account 5820 'Bank'" in the reader's words."""
    if account.name:
        return say(QT_TRANSLATE_NOOP("CLI", "account {0} '{1}'"), account.number, account.name)
    return say(QT_TRANSLATE_NOOP("CLI", "account {0}"), account.number)


def _account_problem(chart: Chart, number: int, *, direct: bool = True) -> str | None:
    account = chart.accounts.get(number)
    if account is None:
        return say_text(
            QT_TRANSLATE_NOOP("CLI", "account {0} does not exist in the agreement"), number
        )
    if account.account_type not in POSTING_ACCOUNT_TYPES:
        kind = QT_TRANSLATE_NOOP("CLI", "{0} is a {1} account, not one that takes entries")
        return say_text(kind, _label(account), account.account_type)
    if account.barred:
        return say_text(QT_TRANSLATE_NOOP("CLI", "{0} is barred"), _label(account))
    if direct and account.block_direct_entries:
        return say_text(
            QT_TRANSLATE_NOOP("CLI", "{0} blocks direct entries (blockDirectEntries)"),
            _label(account),
        )
    return None


def _vat_problem(chart: Chart, code: str) -> str | None:
    vat = chart.vat_codes.get(code)
    if vat is None:
        return say_text(
            QT_TRANSLATE_NOOP("CLI", "VAT code {0!r} does not exist in the agreement"), code
        )
    if vat.barred:
        return say_text(QT_TRANSLATE_NOOP("CLI", "VAT code {0!r} is barred"), code)
    return None


class _Problems:
    """The problems found so far, in the order the mappings' keys are checked."""

    def __init__(self, chart: Chart) -> None:
        self.chart = chart
        self.found: list[MappingProblem] = []

    def add(self, where: str, message: str) -> None:
        self.found.append(MappingProblem(where, message))

    def account(
        self, where: str, number: int | None, *, required: bool = True, direct: bool = True
    ) -> None:
        if number is None:
            if required:
                self.add(where, say_text(QT_TRANSLATE_NOOP("CLI", "is not set")))
            return
        message = _account_problem(self.chart, number, direct=direct)
        if message:
            self.add(where, message)

    def vat(self, where: str, code: str | None) -> None:
        if code is not None and (message := _vat_problem(self.chart, code)):
            self.add(where, message)


def check_mappings(
    mappings: Mappings,
    chart: Chart,
    *,
    bank_account: int | None = None,
    direct_profile: bool = False,
    journal: int | None = None,
    providers: Iterable[str] = (),
) -> list[MappingProblem]:
    """Every way `mappings` (and the posting settings) do not fit the agreement; [] when fine.

    `providers` names the platforms about to be posted, each of which needs a mapping.
    `bank_account` is the matched G/L account; with the direct profile econdesk posts to it.
    """
    problems = _Problems(chart)
    problems.account("bank_account", bank_account, required=direct_profile, direct=direct_profile)
    problems.account("difference_account", mappings.difference_account)
    problems.account("default_revenue_account", mappings.default_revenue_account, required=False)
    problems.vat("default_vat_code", mappings.default_vat_code)
    problems.account(
        "exchange_difference_account", mappings.exchange_difference_account, required=False
    )
    for i, rule in enumerate(mappings.vat_rules):
        problems.vat(f"vat.codes[{i}].code", rule.vat_code)
    _check_providers(problems, mappings, providers, bank_account)
    for plan in mappings.plans:
        where = f"plans.{plan.provider}.{plan.plan}"
        problems.account(f"{where}.revenue_account", plan.revenue_account)
        problems.vat(f"{where}.vat_code", plan.vat_code)
    _check_customers(problems, mappings)
    if journal is not None:
        problems.found.extend(_journal_problems(chart, journal, bool(mappings.customers)))
    return problems.found


def _check_providers(
    problems: _Problems, mappings: Mappings, posted: Iterable[str], bank_account: int | None
) -> None:
    """A mapping for each platform about to be posted, and each mapping's accounts."""
    for name in posted:
        if mappings.provider(name) is None and name == ECONOMIC_INVOICES:
            problems.add("economic.open_invoices_account", say_text(NO_INVOICES_ACCOUNT))
        elif mappings.provider(name) is None:
            problems.add(
                f"providers.{name}",
                say_text(QT_TRANSLATE_NOOP("CLI", "no clearing and fee account mapped")),
            )
    for p in mappings.providers:
        problems.account(f"providers.{p.provider}.clearing_account", p.clearing_account)
        problems.account(f"providers.{p.provider}.fee_account", p.fee_account)
        problems.vat(f"providers.{p.provider}.fee_vat_code", p.fee_vat_code)
        problems.account(
            f"providers.{p.provider}.bad_debt_account", p.bad_debt_account, required=False
        )
        if bank_account is not None and p.clearing_account == bank_account:
            problems.add(
                f"providers.{p.provider}.clearing_account",
                say_text(
                    QT_TRANSLATE_NOOP(
                        "CLI", "is the bank account {0}; a clearing account must be its own"
                    ),
                    bank_account,
                ),
            )


def _check_customers(problems: _Problems, mappings: Mappings) -> None:
    customers = problems.chart.customers
    if customers is None:
        return  # customers not read: nothing to check against
    for customer in mappings.customers:
        if customer.customer_number not in customers:
            problems.add(
                f"customers.{customer.provider}.{customer.customer_id}",
                say_text(
                    QT_TRANSLATE_NOOP("CLI", "customer {0} does not exist in the agreement"),
                    customer.customer_number,
                ),
            )


def _journal_problems(chart: Chart, number: int, has_customers: bool) -> list[MappingProblem]:
    if not chart.journals:
        return []  # journals not read: nothing to check against
    settings: JournalSettings | None = chart.journals.get(number)
    if settings is None:
        unknown = QT_TRANSLATE_NOOP("CLI", "journal {0} does not exist in the agreement")
        return [MappingProblem("journal", say_text(unknown, number))]
    restricted = settings.entry_type_restricted_to
    needed = {"financeVoucher"} | ({"customerPayment"} if has_customers else set())
    if restricted is not None and needed - {restricted}:
        kinds = ", ".join(sorted(needed - {restricted}))
        return [
            MappingProblem(
                "journal",
                say_text(
                    QT_TRANSLATE_NOOP(
                        "CLI", "journal {0} '{1}' only takes {2} entries, but posting needs {3}"
                    ),
                    number,
                    settings.name,
                    restricted,
                    kinds,
                ),
            )
        ]
    return []


def require_valid_mappings(
    mappings: Mappings,
    chart: Chart,
    *,
    bank_account: int | None = None,
    direct_profile: bool = False,
    journal: int | None = None,
    providers: Iterable[str] = (),
) -> None:
    """Raise MappingError listing every problem, or return when the mappings fit."""
    problems = check_mappings(
        mappings,
        chart,
        bank_account=bank_account,
        direct_profile=direct_profile,
        journal=journal,
        providers=providers,
    )
    if problems:
        raise MappingError(problems)
