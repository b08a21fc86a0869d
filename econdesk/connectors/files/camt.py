"""ISO 20022 bank statements (camt.053, also camt.052 reports and camt.054 notifications)
-> BankEntry (origin FILE).

Any version is accepted by namespace (`urn:iso:std:iso:20022:tech:xsd:camt.053.001.02`,
`.001.08`, …). A batch entry (`NtryDtls` with several `TxDtls`) becomes one bank entry per
transaction when the transactions add up to the entry; otherwise it stays one entry and a
warning says why. Amounts are unsigned in the file: `CdtDbtInd` DBIT makes them negative.
References, in the order the reconciliation needs them: structured creditor reference (FIK,
OCR, RF), `EndToEndId`, then the bank's own `AcctSvcrRef`. Entries not booked (`PDNG`) are
skipped and listed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from econdesk.connectors.files.errors import FileImportError, Problems
from econdesk.connectors.files.statement import BankFileImport
from econdesk.connectors.files.text import SourceFile
from econdesk.domain.model import BankEntry, BankEntryOrigin
from econdesk.domain.money import Money, MoneyError, normalise_currency
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say

_ROOT = re.compile(
    r"^\{(?P<ns>(?:urn:iso:std:iso:20022:tech:xsd:|ISO:)camt\.(?P<msg>05[234])\.[^}]*)\}Document$"
)
_MESSAGES = {
    "053": ("BkToCstmrStmt", "Stmt"),
    "052": ("BkToCstmrAcctRpt", "Rpt"),
    "054": ("BkToCstmrDbtCdtNtfctn", "Ntfctn"),
}
_AMOUNT = re.compile(r"^\d{1,15}(\.\d{1,5})?$")
_NO_ID = {"NOTPROVIDED", "NONREF", ""}


@dataclass(frozen=True, slots=True)
class _Line:
    amount: Decimal
    text: str
    reference: str | None
    counterparty: str | None
    suffix: str  # "" for a whole entry, "/2" for a batch's second transaction


class _Reader:
    def __init__(self, ns: str, problems: Problems) -> None:
        self.ns = {"c": ns}
        self.problems = problems

    def _path(self, path: str) -> str:
        return "/".join(
            f"c:{part}" if part and part[0].isalpha() else part for part in path.split("/")
        )

    def find(self, el: ET.Element, path: str) -> ET.Element | None:
        return el.find(self._path(path), self.ns)

    def findall(self, el: ET.Element, path: str) -> list[ET.Element]:
        return el.findall(self._path(path), self.ns)

    def text(self, el: ET.Element, *paths: str) -> str | None:
        """The stripped text of the first path that has some."""
        for path in paths:
            found = self.find(el, path)
            if found is not None and found.text and found.text.strip():
                return found.text.strip()
        return None

    def amount(self, el: ET.Element | None, where: str) -> tuple[Decimal, str] | None:
        if el is None:
            self.problems.add(say(QT_TRANSLATE_NOOP("CLI", "is missing")), element=where)
            return None
        raw = (el.text or "").strip()
        if not _AMOUNT.match(raw):
            self.problems.add(
                say(QT_TRANSLATE_NOOP("CLI", "is not an amount (ISO 20022 writes 1234.56)")),
                value=raw,
                element=where,
            )
            return None
        try:
            currency = normalise_currency(el.get("Ccy", ""))
        except MoneyError:
            self.problems.add(
                say(QT_TRANSLATE_NOOP("CLI", "has no valid Ccy currency attribute")),
                value=el.get("Ccy", ""),
                element=where,
            )
            return None
        return Decimal(raw), currency


def _parse_xml(source: SourceFile) -> ET.Element:
    """The document's root. A DTD is refused outright (defusedxml): bank statements never have
    one, and with it come entity expansion ("billion laughs") and external entities."""
    try:
        return fromstring(source.data, forbid_dtd=True)
    except DefusedXmlException:
        raise FileImportError.single(
            source.name,
            say(
                QT_TRANSLATE_NOOP(
                    "CLI",
                    "has a DOCTYPE (entity declarations or external references); bank statements "
                    "never do, so it is refused",
                )
            ),
        ) from None
    except ET.ParseError as exc:
        line, _column = exc.position
        raise FileImportError.single(
            source.name,
            say(QT_TRANSLATE_NOOP("CLI", "is not well-formed XML ({0})"), exc.msg),
            line=line,
        ) from exc


class _Statement:
    """One Stmt/Rpt/Ntfctn element."""

    def __init__(self, reader: _Reader, el: ET.Element, where: str, account_number: int) -> None:
        self.r = reader
        self.el = el
        self.where = where
        self.account_number = account_number
        self.iban = reader.text(el, "Acct/Id/IBAN", "Acct/Id/Othr/Id")
        self.id = reader.text(el, "Id") or where
        self.entries: list[BankEntry] = []
        self.skipped: list[tuple[int, str]] = []
        self.warnings: list[str] = []

    def read(self) -> None:
        for n, ntry in enumerate(self.r.findall(self.el, "Ntry"), start=1):
            self.entry(n, ntry)

    def entry(self, n: int, ntry: ET.Element) -> None:
        r = self.r
        where = f"{self.where}/Ntry[{n}]"
        status = r.text(ntry, "Sts/Cd", "Sts")
        if status is not None and status != "BOOK":
            self.skipped.append((n, f"entry {n} is {status}, not booked"))
            return
        money = r.amount(r.find(ntry, "Amt"), f"{where}/Amt")
        sign = self.sign(r.text(ntry, "CdtDbtInd"), f"{where}/CdtDbtInd")
        booked = self.day(ntry, where)
        if money is None or sign is None or booked is None:
            return
        amount, currency = money
        bank_ref = r.text(ntry, "AcctSvcrRef")
        base_id = bank_ref or r.text(ntry, "NtryRef") or f"{self.id}:{n}"
        reversal = (r.text(ntry, "RvslInd") or "").lower() == "true"
        for line in self.lines(ntry, sign * amount, sign, where, n):
            text = line.text
            if reversal:
                text = f"{text} (tilbageført)".strip()
            self.entries.append(
                BankEntry(
                    origin=BankEntryOrigin.FILE,
                    external_id=f"camt-{base_id}{line.suffix}",
                    account_number=self.account_number,
                    entry_date=booked,
                    amount=Money.of(line.amount, currency),
                    text=text,
                    counterparty=line.counterparty,
                    bank_reference=line.reference or bank_ref,
                )
            )

    def sign(self, indicator: str | None, where: str) -> int | None:
        if indicator in ("CRDT", "DBIT"):
            return 1 if indicator == "CRDT" else -1
        self.r.problems.add(
            say(QT_TRANSLATE_NOOP("CLI", "must be CRDT or DBIT")),
            value=indicator or "",
            element=where,
        )
        return None

    def day(self, ntry: ET.Element, where: str) -> date | None:
        raw = self.r.text(ntry, "BookgDt/Dt", "BookgDt/DtTm", "ValDt/Dt", "ValDt/DtTm")
        if raw is None:
            self.r.problems.add(
                say(QT_TRANSLATE_NOOP("CLI", "has no booking date")), element=f"{where}/BookgDt"
            )
            return None
        try:
            return date.fromisoformat(raw[:10])
        except ValueError:
            self.r.problems.add(
                say(QT_TRANSLATE_NOOP("CLI", "is not a date")),
                value=raw,
                element=f"{where}/BookgDt",
            )
            return None

    def lines(self, ntry: ET.Element, total: Decimal, sign: int, where: str, n: int) -> list[_Line]:
        r = self.r
        details = r.findall(ntry, "NtryDtls/TxDtls")
        entry_text = r.text(ntry, "AddtlNtryInf") or ""
        if len(details) <= 1:
            tx = details[0] if details else None
            return [self.line(tx, total, sign, entry_text, "")]
        parts: list[Decimal] = []
        for k, tx in enumerate(details, start=1):
            el = r.find(tx, "AmtDtls/TxAmt/Amt")
            if el is None:  # an Element with no children is falsy: never chain with `or`
                el = r.find(tx, "Amt")
            if el is None:
                break
            money = r.amount(el, f"{where}/NtryDtls/TxDtls[{k}]/Amt")
            if money is None:
                return []
            tx_sign = self.sign(
                r.text(tx, "CdtDbtInd") or ("CRDT" if sign > 0 else "DBIT"),
                f"{where}/NtryDtls/TxDtls[{k}]/CdtDbtInd",
            )
            if tx_sign is None:
                return []
            parts.append(tx_sign * money[0])
        if len(parts) == len(details) and sum(parts) == total:
            return [
                self.line(tx, part, 1 if part >= 0 else -1, entry_text, f"/{k}")
                for k, (tx, part) in enumerate(zip(details, parts, strict=True), start=1)
            ]
        self.warnings.append(
            f"entry {n}: its {len(details)} transactions do not add up to "
            f"{total}; kept as one bank entry"
        )
        references = [ref for tx in details if (ref := self.reference(tx))]
        text = entry_text or self.line(details[0], total, sign, "", "").text
        return [_Line(total, text, ", ".join(references) or None, None, "")]

    def reference(self, tx: ET.Element) -> str | None:
        r = self.r
        for path in ("RmtInf/Strd/CdtrRefInf/Ref", "Refs/EndToEndId", "Refs/AcctSvcrRef"):
            value = r.text(tx, path)
            if value and value.upper() not in _NO_ID:
                return value
        return None

    def line(
        self, tx: ET.Element | None, amount: Decimal, sign: int, entry_text: str, suffix: str
    ) -> _Line:
        if tx is None:
            return _Line(amount, entry_text, None, None, suffix)
        r = self.r
        party = "Dbtr" if sign > 0 else "Cdtr"
        counterparty = r.text(tx, f"RltdPties/{party}/Nm", f"RltdPties/{party}/Pty/Nm")
        unstructured = " ".join(
            (el.text or "").strip() for el in r.findall(tx, "RmtInf/Ustrd") if el.text
        ).strip()
        text = unstructured or r.text(tx, "AddtlTxInf") or entry_text or counterparty or ""
        return _Line(amount, text, self.reference(tx), counterparty, suffix)


def import_camt(
    file: str | Path | SourceFile, *, account_number: int, iban: str | None = None
) -> BankFileImport:
    """Import a camt.053/052/054 file: all its booked entries, or a FileImportError.

    `iban`, when given, must be the statement's account: a file for another account is
    refused rather than booked against the wrong bank account.
    """
    source = file if isinstance(file, SourceFile) else SourceFile.read(file)
    root = _parse_xml(source)
    match = _ROOT.match(root.tag)
    if match is None:
        raise FileImportError.single(
            source.name,
            say(
                QT_TRANSLATE_NOOP(
                    "CLI", "is not an ISO 20022 camt.052/053/054 file (root element {0!r})"
                ),
                root.tag,
            ),
        )
    problems = Problems(source.name)
    reader = _Reader(match["ns"], problems)
    message_tag, statement_tag = _MESSAGES[match["msg"]]
    message = reader.find(root, message_tag)
    if message is None or reader.find(message, "GrpHdr") is None:
        raise FileImportError.single(
            source.name,
            say(QT_TRANSLATE_NOOP("CLI", "has no {0}/GrpHdr"), message_tag),
            element=f"Document/{message_tag}",
        )
    statements = [
        _Statement(reader, el, f"{statement_tag}[{i}]", account_number)
        for i, el in enumerate(reader.findall(message, statement_tag), start=1)
    ]
    for statement in statements:
        wanted = iban.replace(" ", "").upper() if iban else None
        if wanted and (statement.iban or "").replace(" ", "").upper() != wanted:
            problems.add(
                say(QT_TRANSLATE_NOOP("CLI", "is for account {0}, not {1}"), statement.iban, iban),
                element=statement.where,
            )
            continue
        statement.read()
    problems.raise_if_any()
    version = match["ns"].rsplit(":", 1)[-1]
    return BankFileImport(
        file=source.name,
        layout=version,
        encoding="xml",
        entries=tuple(e for s in statements for e in s.entries),
        skipped=tuple(item for s in statements for item in s.skipped),
        warnings=tuple(w for s in statements for w in s.warnings),
    )
