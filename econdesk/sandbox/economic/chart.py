"""A realistic Danish chart of accounts (kontoplan), VAT codes and currencies, from a seed.

Modelled on the standard chart a new Danish e-conomic agreement starts with: headings and
sums around profit-and-loss accounts from 1010 and balance-sheet ("status") accounts from
5000, the bank at 5820, the VAT accounts under 6900. For a subscription business three
platform clearing accounts (mellemregningskonti) 5830-5832, payment fees at 7220 and rounding
and exchange differences at 7290 are added; the debtor collective account 5600 and the VAT
accounts block direct entries, as they do in e-conomic.

The seed varies what a real agreement varies: how many revenue accounts (one per product
line), their names, the balances, and an extra barred account or two.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from decimal import Decimal

HEADING = "heading"
HEADING_START = "headingStart"
TOTAL_FROM = "totalFrom"
PROFIT_AND_LOSS = "profitAndLoss"
STATUS = "status"

BANK_ACCOUNT = 5820
DEBTORS_ACCOUNT = 5600
CLEARING_ACCOUNTS = {"stripe": 5830, "frisbii": 5831, "chargebee": 5832}
FEE_ACCOUNT = 7220
MOBILEPAY_CLEARING = 5840
DIFFERENCE_ACCOUNT = 7290
EXCHANGE_DIFFERENCE_ACCOUNT = 7295  # realised exchange differences at payout
SUSPENSE_ACCOUNT = 5890  # unexplained deposits wait here until someone knows better
OUTPUT_VAT_ACCOUNT = 6902
INPUT_VAT_ACCOUNT = 6903
EU_VAT_ACCOUNT = 6906


@dataclass(frozen=True, slots=True)
class SandboxAccount:
    number: int
    name: str
    account_type: str = PROFIT_AND_LOSS
    debit_credit: str = "debit"
    vat_code: str | None = None
    barred: bool = False
    block_direct_entries: bool = False
    total_from: int | None = None  # for totalFrom sums

    @property
    def takes_entries(self) -> bool:
        return self.account_type in (PROFIT_AND_LOSS, STATUS)


@dataclass(frozen=True, slots=True)
class SandboxVatAccount:
    code: str
    name: str
    rate: Decimal
    account: int
    vat_type_number: int
    vat_type_name: str
    contra_account: int | None = None
    barred: bool = False


@dataclass(frozen=True, slots=True)
class SandboxCurrency:
    code: str
    name: str
    iso_number: str
    rate_per_100: Decimal  # DKK per 100 units, for entries sent without an exchange rate


CURRENCIES: tuple[SandboxCurrency, ...] = (
    SandboxCurrency("DKK", "Danske kroner", "208", Decimal("100")),
    SandboxCurrency("EUR", "Euro", "978", Decimal("746.02")),
    SandboxCurrency("SEK", "Svenske kroner", "752", Decimal("64.31")),
    SandboxCurrency("NOK", "Norske kroner", "578", Decimal("63.88")),
    SandboxCurrency("USD", "Amerikanske dollar", "840", Decimal("689.55")),
    SandboxCurrency("GBP", "Britiske pund", "826", Decimal("874.10")),
)

VAT_ACCOUNTS: tuple[SandboxVatAccount, ...] = (
    SandboxVatAccount("U25", "Salgsmoms 25%", Decimal("25"), OUTPUT_VAT_ACCOUNT, 1, "Salgsmoms"),
    SandboxVatAccount("I25", "Købsmoms 25%", Decimal("25"), INPUT_VAT_ACCOUNT, 2, "Købsmoms"),
    SandboxVatAccount(
        "IEUV",
        "Køb af ydelser i EU",
        Decimal("25"),
        INPUT_VAT_ACCOUNT,
        2,
        "Købsmoms",
        contra_account=EU_VAT_ACCOUNT,
    ),
    SandboxVatAccount(
        "UEUV", "Salg af ydelser til EU", Decimal("0"), OUTPUT_VAT_ACCOUNT, 1, "Salgsmoms"
    ),
    # Services bought from another EU country (a platform's fees from Ireland): reverse charge.
    SandboxVatAccount(
        "IEUY",
        "Køb af ydelser i EU (omvendt betaling)",
        Decimal("25"),
        INPUT_VAT_ACCOUNT,
        2,
        "Købsmoms",
        contra_account=EU_VAT_ACCOUNT,
    ),
    # Services sold to a business in another EU country: the buyer accounts for the VAT.
    SandboxVatAccount(
        "UEUY", "Salg af ydelser til EU (B2B)", Decimal("0"), OUTPUT_VAT_ACCOUNT, 1, "Salgsmoms"
    ),
    SandboxVatAccount(
        "REP", "Repræsentation 25%", Decimal("6.25"), INPUT_VAT_ACCOUNT, 2, "Købsmoms"
    ),
    SandboxVatAccount(
        "U0",
        "Momsfrit salg (udgået)",
        Decimal("0"),
        OUTPUT_VAT_ACCOUNT,
        1,
        "Salgsmoms",
        barred=True,
    ),
)

_PRODUCT_LINES = (
    "abonnementer",
    "årsabonnementer",
    "teamlicenser",
    "tillægsmoduler",
    "onboarding",
    "support",
    "licenser",
    "kurser",
)


def _fixed_accounts() -> list[SandboxAccount]:
    a = SandboxAccount
    return [
        a(1000, "RESULTATOPGØRELSE", HEADING_START),
        a(1005, "Omsætning", HEADING),
        # 1010.. revenue accounts are inserted here by `generate_chart`
        a(1290, "Omsætning i alt", TOTAL_FROM, "credit", total_from=1005),
        a(1300, "Vareforbrug", HEADING),
        a(1310, "Varekøb", PROFIT_AND_LOSS, vat_code="I25"),
        a(1390, "Vareforbrug i alt", TOTAL_FROM, total_from=1300),
        a(2200, "Salgsomkostninger", HEADING),
        a(2210, "Annoncer og reklame", PROFIT_AND_LOSS, vat_code="I25"),
        a(2750, "Repræsentation", PROFIT_AND_LOSS, vat_code="REP"),
        a(3600, "Lokaleomkostninger", HEADING),
        a(3610, "Husleje", PROFIT_AND_LOSS),
        a(3640, "El, vand og varme", PROFIT_AND_LOSS, vat_code="I25"),
        a(4000, "Administrationsomkostninger", HEADING),
        a(4010, "Kontorartikler", PROFIT_AND_LOSS, vat_code="I25"),
        a(4050, "Software og hosting", PROFIT_AND_LOSS, vat_code="IEUV"),
        a(4100, "Lønninger", PROFIT_AND_LOSS),
        a(4990, "Resultat før finansielle poster", TOTAL_FROM, total_from=1000),
        a(5000, "STATUS", HEADING_START),
        a(5100, "Aktiver", HEADING),
        a(DEBTORS_ACCOUNT, "Debitorer", STATUS, block_direct_entries=True),
        a(5700, "Forudbetalte omkostninger", STATUS),
        a(5800, "Likvide beholdninger", HEADING),
        a(5810, "Kasse", STATUS),
        a(BANK_ACCOUNT, "Bank", STATUS),
        a(5825, "Bank, EUR-konto", STATUS),
        a(CLEARING_ACCOUNTS["stripe"], "Mellemregning Stripe", STATUS),
        a(CLEARING_ACCOUNTS["frisbii"], "Mellemregning Frisbii / Clearhaus", STATUS),
        a(CLEARING_ACCOUNTS["chargebee"], "Mellemregning Chargebee", STATUS),
        a(MOBILEPAY_CLEARING, "Mellemregning MobilePay", STATUS),
        a(SUSPENSE_ACCOUNT, "Afventende indbetalinger", STATUS),
        a(5990, "Aktiver i alt", TOTAL_FROM, total_from=5100),
        a(6000, "Passiver", HEADING),
        a(6100, "Egenkapital", STATUS, "credit"),
        a(6800, "Kreditorer", STATUS, "credit", block_direct_entries=True),
        a(6900, "Moms", HEADING),
        a(OUTPUT_VAT_ACCOUNT, "Salgsmoms", STATUS, "credit", block_direct_entries=True),
        a(INPUT_VAT_ACCOUNT, "Købsmoms", STATUS, block_direct_entries=True),
        a(
            EU_VAT_ACCOUNT,
            "Moms af ydelseskøb i udlandet",
            STATUS,
            "credit",
            block_direct_entries=True,
        ),
        a(6910, "Momsafregning", STATUS, "credit"),
        a(6990, "Passiver i alt", TOTAL_FROM, "credit", total_from=6000),
        a(7200, "Finansielle omkostninger", HEADING),
        a(FEE_ACCOUNT, "Gebyrer til betalingsplatforme", PROFIT_AND_LOSS),
        a(7250, "Renteudgifter", PROFIT_AND_LOSS),
        a(DIFFERENCE_ACCOUNT, "Øredifferencer og kursdifferencer", PROFIT_AND_LOSS),
        a(EXCHANGE_DIFFERENCE_ACCOUNT, "Realiserede kursdifferencer", PROFIT_AND_LOSS),
    ]


def generate_chart(seed: int) -> list[SandboxAccount]:
    """The chart for a seed, sorted by account number."""
    rng = random.Random(f"chart:{seed}")
    accounts = _fixed_accounts()
    lines = rng.sample(_PRODUCT_LINES, rng.randint(3, 6))
    for i, line in enumerate(lines):
        accounts.append(
            SandboxAccount(
                1010 + 10 * i, f"Salg af {line}", PROFIT_AND_LOSS, "credit", vat_code="U25"
            )
        )
    accounts.append(
        SandboxAccount(
            1010 + 10 * len(lines),
            "Salg til EU (omvendt betalingspligt)",
            PROFIT_AND_LOSS,
            "credit",
            vat_code="UEUV",
        )
    )
    # An old revenue account nobody may use any more, as most agreements have.
    barred_at = 1010 + 10 * (len(lines) + 1)
    accounts.append(
        SandboxAccount(
            barred_at, "Salg (gammel konto)", PROFIT_AND_LOSS, "credit", vat_code="U25", barred=True
        )
    )
    if rng.random() < 0.5:
        accounts = [replace(a, barred=True) if a.number == 5810 else a for a in accounts]
    return sorted(accounts, key=lambda a: a.number)


def revenue_accounts(accounts: list[SandboxAccount]) -> list[SandboxAccount]:
    return [a for a in accounts if 1010 <= a.number < 1290 and not a.barred and a.takes_entries]
