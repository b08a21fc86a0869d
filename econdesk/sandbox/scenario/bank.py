"""The bank side: the e-conomic bank entries the deposits become, the entries that must not
match (rent, salaries, tax, suppliers) and near-miss decoys, with the ground truth.

Deposits land on the arrival date moved to a bank day (sometimes a bank day later); the
text is what a Danish bank shows, truncated or reformatted now and then. A few amounts
differ by some øre of rounding or an exchange difference, and the truth says by how much.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from econdesk.domain.fik import make_payment_id
from econdesk.domain.model import BankEntry, BankEntryOrigin, MatchMethod, Payout
from econdesk.domain.money import Money
from econdesk.sandbox.scenario.bankdays import add_bank_days, bank_day_on_or_after
from econdesk.sandbox.scenario.catalog import PLANS
from econdesk.sandbox.scenario.deposits import Deposit, DepositKind
from econdesk.sandbox.scenario.names import DECOY_PAYERS, FIRST_NAMES, LAST_NAMES, SUPPLIERS
from econdesk.sandbox.scenario.offline import MOBILEPAY
from econdesk.sandbox.scenario.spec import ScenarioSpec
from econdesk.sandbox.scenario.store import Kind, Status
from econdesk.sandbox.scenario.truth import ExpectedMatch, GroundTruth
from econdesk.sandbox.scenario.views import Naming

BANK_ACCOUNT = 5820  # the bank G/L account in the demo chart of accounts
FIRST_ENTRY_NUMBER = 4001
FIRST_VOUCHER_NUMBER = 10_001
TEXT_LIMIT = 60  # e-conomic shows the bank's text, cut by most bank imports around here
_MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)


# Deposits a customer sends: booked on the day, to the øre.
_TRANSFERS = (DepositKind.BANK_TRANSFER, DepositKind.INVOICE_PAYMENT)


@dataclass(slots=True)
class _Line:
    day: date
    amount: int  # minor, signed
    currency: str
    text: str
    deposit: Deposit | None = None
    method: MatchMethod | None = None
    difference: int = 0
    note: str = ""
    twin_of: _Line | None = None  # for decoys: the real line it imitates
    ref: str = ""
    offline: bool = False  # an open invoice paid outside its platform (invoice_lines)


class _BankBuilder:
    def __init__(
        self,
        spec: ScenarioSpec,
        naming: Naming,
        deposits: list[Deposit],
        payouts: dict[int, Payout],
    ) -> None:
        self.spec = spec
        self.naming = naming
        self.store = naming.store
        self.deposits = deposits
        self.payouts = payouts
        self.rng = random.Random(spec.seed * 104_729 + 3)
        self.lines: list[_Line] = []
        self._failed: list[int] | None = None

    # -- deposits -----------------------------------------------------------------------
    def deposit_lines(self) -> None:
        rng, spec = self.rng, self.spec
        forced = {"late": spec.every_case, "rounding": spec.every_case, "fx": spec.every_case}
        for deposit in self.deposits:
            if deposit.kind is DepositKind.INVOICE_PAYMENT:
                continue  # invoice_lines(), after the rest: they draw nothing from `rng`
            day = bank_day_on_or_after(deposit.arrival_date)
            platform = deposit.kind not in _TRANSFERS
            if platform and (forced["late"] or rng.random() < spec.late_booking_rate):
                forced["late"] = False
                day = add_bank_days(day, 1)
            difference = 0
            if platform:
                kind = "fx" if deposit.currency == "EUR" else "rounding"
                if forced[kind] or rng.random() < spec.difference_rate:
                    forced[kind] = False
                    size = rng.randint(1, 9) if kind == "fx" else rng.randint(1, 3)
                    difference = size if rng.random() < 0.5 else -size
            text, method = self.text_for(deposit)
            note = f"{deposit.kind.value}" + (f", {kind} difference" if difference else "")
            self.lines.append(
                _Line(
                    day,
                    deposit.net + difference,
                    deposit.currency,
                    text[:TEXT_LIMIT],
                    deposit,
                    method,
                    difference,
                    note,
                )
            )

    def invoice_lines(self) -> None:
        """Open invoices paid by transfer or MobilePay: booked on the day, to the øre, their
        text as the payer wrote it. Added last and drawing nothing from `rng`, so the rest of a
        scenario's bank side stays as it was without them."""
        for deposit in self.deposits:
            if deposit.kind is DepositKind.INVOICE_PAYMENT:
                text, method = self.invoice_text(deposit)
                day = bank_day_on_or_after(deposit.arrival_date)
                line = _Line(day, deposit.net, deposit.currency, text[:TEXT_LIMIT], deposit, method)
                line.note = deposit.kind.value
                line.offline = True
                self.lines.append(line)

    def text_for(self, deposit: Deposit) -> tuple[str, MatchMethod]:
        pick = self.rng.random()
        ref, payout = MatchMethod.REFERENCE, MatchMethod.PAYOUT
        if deposit.kind is DepositKind.CLEARHAUS_SETTLEMENT:
            uuid, reference = deposit.external_id or "", deposit.reference or ""
            if pick < 0.40:
                return f"CLEARHAUS A/S {deposit.arrival_date} STL {uuid[:8]}", ref
            if pick < 0.75:
                return f"Clearhaus {deposit.descriptor}", ref
            if pick < 0.87:
                return f"CLEARHAUS {reference}", ref
            return "CLEARHAUS A/S", payout
        if deposit.kind is DepositKind.STRIPE_PAYOUT:
            po = deposit.external_id or ""
            if pick < 0.35:
                return f"STRIPE PAYMENTS UK LTD {po}", ref
            if pick < 0.55:
                return f"STRIPE PAYMENTS UK {po[:17]}", ref  # the bank cut the id short
            if pick < 0.70:
                return f"STRIPE {po.upper()}", ref  # and this one shouts
            return ("STRIPE PAYMENTS UK LTD" if pick < 0.9 else "STRIPE"), payout
        if deposit.kind is DepositKind.MOBILEPAY_TRANSFER:
            if pick < 0.5:
                return deposit.descriptor or "MobilePay", MatchMethod.SUBSET
            if pick < 0.8:
                return f"MOBILEPAY A/S {deposit.created:%d.%m.%y}", MatchMethod.SUBSET
            reference = (deposit.reference or "")[-8:]
            return f"MobilePay Subscr. {deposit.created:%d.%m} {reference}", MatchMethod.SUBSET
        return self.transfer_text(deposit, pick)

    def invoice_text(self, deposit: Deposit) -> tuple[str, MatchMethod]:
        """An open invoice paid by transfer or MobilePay, quoting its number as people do (or
        not at all: then only the amount and the payer's name tell)."""
        assert deposit.payment is not None
        inv, style = deposit.payment.invoice, deposit.payment.style
        digits = self.naming.invoice_number(inv).removeprefix("inv-")
        name = self.naming.customer_name(self.store.inv_customer[inv])
        first = name.split()[0]
        if deposit.payment.via == MOBILEPAY:
            forms = (
                f"MobilePay {name} Faktura {digits}",
                f"MOBILEPAY {name.upper()} FAKT {digits}",
                f"MobilePay {first} inv-{digits}",
                f"MobilePay {name} fakturanr. {digits}",
                f"MobilePay {name} Faktura {digits}",
            )
        else:
            forms = (
                f"Overførsel fakt. {digits} {first}",
                f"Faktura {digits} {name}",
                f"{name.upper()} inv-{digits}",
                f"FAKTURANR 0{digits} {name.upper()}",
                f"Betaling fakt.nr.{digits}",
            )
        if style >= len(forms):
            prefix = "MobilePay " if deposit.payment.via == MOBILEPAY else "Overførsel "
            return prefix + name, MatchMethod.ONE_TO_ONE
        return forms[style], MatchMethod.REFERENCE

    def transfer_text(self, deposit: Deposit, pick: float) -> tuple[str, MatchMethod]:
        """A Chargebee customer's bank transfer (or the refund sent back)."""
        naming, st = self.naming, self.store
        tx = deposit.transactions[0]
        inv = st.tx_invoice[tx]
        number = naming.invoice_number(inv)
        name = naming.customer_name(st.tx_customer[tx])
        if st.tx_kind[tx] == Kind.REFUND:
            return f"Tilbagebetaling faktura {number}", MatchMethod.REFERENCE
        if tx in self.unreferenced:
            return (f"Overførsel {name}" if pick < 0.6 else name.upper()), MatchMethod.ONE_TO_ONE
        if pick < 0.45:
            return f"Overførsel Faktura {number} {name.split()[0]}", MatchMethod.REFERENCE
        if pick < 0.7:
            return f"Indbetaling fakt. {number} {name}", MatchMethod.REFERENCE
        if pick < 0.93:
            return f"{name.upper()} FAKTURA NR {number}", MatchMethod.REFERENCE
        return f"IK71 {make_payment_id(number)} {name}", MatchMethod.REFERENCE

    unreferenced: frozenset[int] = frozenset()

    # -- what must not match ------------------------------------------------------------
    def add(self, day: date, amount_minor: int, text: str, note: str) -> None:
        self.lines.append(
            _Line(bank_day_on_or_after(day), amount_minor, "DKK", text[:TEXT_LIMIT], note=note)
        )

    def running_costs(self) -> None:
        """Rent, salaries, tax, bank fees and suppliers, month by month."""
        rng, spec = self.rng, self.spec
        last = max((line.day for line in self.lines), default=spec.end)
        month = date(spec.start.year, spec.start.month, 1)
        staff = 3 + spec.size // 20_000
        while month <= last:
            name = _MONTHS[month.month - 1]
            self.add(month, -1_875_000, f"Husleje {name} Fjordgade 12", "rent")
            self.add(
                month.replace(day=10),
                -rng.randint(38_000, 41_000) * 100 * staff // 4,
                "SKAT A-skat og AM-bidrag",
                "payroll tax",
            )
            if month.month in (3, 6, 9, 12):
                self.add(
                    month.replace(day=1),
                    -rng.randint(40_000_00, 90_000_00),
                    "SKAT moms",
                    "VAT settlement",
                )
            pay_day = month.replace(day=28)
            self.add(pay_day, -rng.randint(29_000_00, 36_000_00) * staff, f"Løn {name}", "salaries")
            self.add(pay_day, -rng.randint(4_500, 26_000), f"Gebyrer {name}", "bank fees")
            month = (month + timedelta(days=32)).replace(day=1)
        week = spec.start
        per_week = 1 + spec.size // 25_000
        while week <= last:
            for _ in range(per_week):
                supplier, low, high = rng.choice(SUPPLIERS)
                day = week + timedelta(days=rng.randrange(5))
                self.add(
                    day,
                    -rng.randint(low, high) * 100 - rng.randrange(100),
                    f"{supplier} fakt. {rng.randint(10_000, 99_999)}",
                    "supplier",
                )
            week += timedelta(days=7)
        self.add(
            spec.start + timedelta(days=12),
            5_000_000,
            "Overførsel fra opsparingskonto",
            "own transfer",
        )

    def decoys(self) -> None:
        """Near misses: right amount, wrong everything else."""
        rng, spec = self.rng, self.spec
        real = [line for line in self.lines if line.deposit is not None]
        payouts = [
            line
            for line in real
            if line.deposit and line.deposit.kind is not DepositKind.BANK_TRANSFER
        ]
        transfers = [
            line
            for line in real
            if line.amount > 0 and line.deposit and line.deposit.kind is DepositKind.BANK_TRANSFER
        ]
        count = round(spec.decoy_rate * len(real))
        if spec.every_case:
            count = max(count, 5)
        for n in range(count):
            shape = n % 5
            payer = DECOY_PAYERS[rng.randrange(len(DECOY_PAYERS))]
            if shape == 0 and payouts:  # the same amount as a deposit, a week away
                twin = rng.choice(payouts)
                day = twin.day + timedelta(days=rng.choice((-9, -8, -7, 7, 8, 9)))
                self.decoy(
                    day,
                    twin.amount,
                    f"Overførsel fra {payer}",
                    "same amount a week away",
                    twin=twin,
                    currency=twin.currency,
                )
            elif shape == 1 and transfers:  # an invoice's amount, paid by somebody else
                twin = rng.choice(transfers)
                day = twin.day + timedelta(days=rng.randint(-4, 4))
                self.decoy(
                    day,
                    twin.amount,
                    f"Overførsel {payer}",
                    "invoice amount, other payer",
                    twin=twin,
                )
            elif shape == 2:  # a private MobilePay transfer of a plan price
                person = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                price = PLANS[rng.randrange(3)].price_minor
                day = spec.start + timedelta(days=rng.randrange(spec.days))
                self.decoy(day, price, f"MobilePay {person}", "private MobilePay of a plan price")
            elif shape == 3 and payouts:  # a payment out of the same size as a deposit
                twin = rng.choice(payouts)
                day = twin.day + timedelta(days=rng.randint(1, 3))
                supplier = rng.choice(SUPPLIERS)[0]
                self.decoy(
                    day,
                    -twin.amount,
                    f"{supplier} fakt. {rng.randint(10_000, 99_999)}",
                    "payment out of a deposit's size",
                    twin=twin,
                    currency=twin.currency,
                )
            else:  # the amount of a failed payment: no money ever moved
                failed = self.failed_amount()
                day = spec.start + timedelta(days=rng.randrange(spec.days))
                self.decoy(day, failed, f"Indbetaling {payer}", "amount of a failed payment")

    def failed_amount(self) -> int:
        """The amount of a random failed DKK attempt (a plan price if there is none)."""
        if self._failed is None:
            st = self.store
            self._failed = [
                st.tx_amount[tx]
                for tx, status in enumerate(st.tx_status)
                if status == Status.FAILED and st.tx_currency[tx] == 0
            ]
        return self.rng.choice(self._failed) if self._failed else PLANS[1].price_minor

    def decoy(
        self,
        day: date,
        amount: int,
        text: str,
        why: str,
        *,
        twin: _Line | None = None,
        currency: str = "DKK",
    ) -> None:
        self.lines.append(
            _Line(
                bank_day_on_or_after(day),
                amount,
                currency,
                text[:TEXT_LIMIT],
                note=f"decoy: {why}",
                twin_of=twin,
            )
        )

    # -- numbering and the truth --------------------------------------------------------
    def finish(self) -> tuple[list[BankEntry], GroundTruth]:
        spec, rng = self.spec, self.rng
        self.lines.sort(key=lambda line: line.day)  # stable: deposits keep their order
        draft_from = spec.end - timedelta(days=spec.draft_days - 1)
        entry_no, draft_no, voucher_no = FIRST_ENTRY_NUMBER, 1, FIRST_VOUCHER_NUMBER
        entries: list[BankEntry] = []
        rates: dict[date, Decimal] = {}
        for line in self.lines:
            draft = line.day >= draft_from or (not line.offline and rng.random() < 0.02)
            if draft:
                origin, external_id, draft_no = BankEntryOrigin.DRAFT, str(draft_no), draft_no + 1
            else:
                origin, external_id, entry_no = BankEntryOrigin.BOOKED, str(entry_no), entry_no + 1
            amount = Money.from_minor(line.amount, line.currency)
            base = None
            if line.currency != "DKK":
                rate = rates.setdefault(line.day, Decimal(74_580 + rng.randint(0, 60)) / 100)
                base = Money(amount.amount * rate / 100, "DKK").rounded()
            entry = BankEntry(
                origin,
                external_id,
                BANK_ACCOUNT,
                line.day,
                amount,
                line.text,
                amount_base=base,
                voucher_number=voucher_no,
                entry_type="financeVoucher",
            )
            voucher_no += 1
            line.ref = entry.ref
            entries.append(entry)
        return entries, self.truth()

    def truth(self) -> GroundTruth:
        matches: list[ExpectedMatch] = []
        unmatched: dict[str, str] = {}
        for line in self.lines:
            deposit = line.deposit
            if deposit is None:
                why = line.note
                if line.twin_of is not None:
                    why += f" (imitates {line.twin_of.ref})"
                unmatched[line.ref] = why
                continue
            assert line.method is not None
            matches.append(self.expected(line, deposit, line.method))
        return GroundTruth(tuple(matches), unmatched)

    def expected(self, line: _Line, deposit: Deposit, method: MatchMethod) -> ExpectedMatch:
        currency = deposit.currency
        payout = self.payouts.get(deposit.index)
        carried: tuple[str, ...] = ()
        items: tuple[str, ...]
        components: tuple[str, ...]
        if deposit.payment is not None:
            items = (self.naming.open_item(deposit.payment.invoice).ref,)
            components = ()
        elif payout is not None:
            items = (payout.ref,)
            components = payout.component_refs
            if not payout.has_breakdown:
                carried = tuple(self.naming.item_ref(tx) for tx in deposit.transactions)
        else:
            items = tuple(self.naming.item_ref(tx) for tx in deposit.transactions)
            components = ()
        return ExpectedMatch(
            bank_ref=line.ref,
            method=method,
            item_refs=items,
            component_refs=components,
            amount=Money.from_minor(line.amount, currency),
            fees=Money.from_minor(deposit.fees, currency),
            difference=Money.from_minor(line.difference, currency),
            provider=deposit.provider,
            note=line.note,
            carried_refs=carried,
        )


def build_bank(
    spec: ScenarioSpec,
    naming: Naming,
    deposits: list[Deposit],
    payouts: dict[int, Payout],
    unreferenced: set[int],
) -> tuple[list[BankEntry], GroundTruth]:
    builder = _BankBuilder(spec, naming, deposits, payouts)
    builder.unreferenced = frozenset(unreferenced)
    builder.deposit_lines()
    builder.running_costs()
    builder.decoys()
    builder.invoice_lines()
    return builder.finish()
