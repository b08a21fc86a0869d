"""ISO 20022 camt.053/054 statements become bank entries, batches split by transaction."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from econdesk.connectors.files.bankfile import import_bank_file
from econdesk.connectors.files.camt import import_camt
from econdesk.connectors.files.errors import FileImportError
from econdesk.connectors.files.text import SourceFile
from econdesk.domain.model import BankEntryOrigin
from econdesk.domain.money import Money

FIXTURES = Path(__file__).parents[2] / "fixtures" / "files"


def test_camt053_001_02_entries_batches_and_references() -> None:
    result = import_camt(FIXTURES / "camt053-danske.xml", account_number=5820)
    assert result.layout == "camt.053.001.02"
    entries = result.entries
    texts = [e.text for e in entries]
    assert texts == [
        "CLEARHAUS A/S CH2400017 2026-03-09",
        "Indbetalingskort 71 samlepost",  # batch line 1 has no free text: the entry's text
        "Faktura 10311",
        "Husleje marts Fjordgade 12",
        "Kaffe & Frugt Levering (tilbageført)",
        "Samlet indbetaling",
    ]
    assert [e.amount for e in entries] == [
        Money.of("9344.38", "DKK"),
        Money.of("2980.00", "DKK"),
        Money.of("1490.00", "DKK"),
        Money.of("-18750.00", "DKK"),
        Money.of("312.50", "DKK"),
        Money.of("1000.00", "DKK"),
    ]
    clearhaus, fik, nordlys, rent, _reversal, odd = entries
    assert clearhaus.bank_reference == "CH2400017" and clearhaus.counterparty == "Clearhaus A/S"
    assert clearhaus.ref == "bankfile:camt-2026031000012345"
    assert clearhaus.origin is BankEntryOrigin.FILE and clearhaus.entry_date == date(2026, 3, 10)
    assert fik.bank_reference == "000000000102343"  # structured FIK ref beats NOTPROVIDED
    assert fik.counterparty == "Fjord Tømrer ApS"
    assert fik.ref == "bankfile:camt-2026031000012346/1"
    assert nordlys.bank_reference == "E2E-NORDLYS-0311" and nordlys.ref.endswith("/2")
    assert rent.counterparty == "Ejendomsselskabet Fjordgade ApS"
    assert odd.bank_reference == "E2E-A, E2E-B"
    assert result.skipped == ((4, "entry 4 is PDNG, not booked"),)
    assert result.warnings == (
        "entry 6: its 2 transactions do not add up to 1000.00; kept as one bank entry",
    )
    assert sum((e.amount.amount for e in entries[1:3]), start=0) == 4470


def test_camt053_001_08_nested_party_names_and_date_times() -> None:
    result = import_camt(FIXTURES / "camt053-v08.xml", account_number=5821)
    (entry,) = result.entries
    assert result.layout == "camt.053.001.08"
    assert entry.amount == Money.of("1299.00", "EUR")
    assert entry.entry_date == date(2026, 3, 11)
    assert entry.counterparty == "STRIPE PAYMENTS UK LTD"
    assert entry.text == "STRIPE PAYMENTS UK LTD po_1aHsakp2Ff6HHzTwJpYmJAKf"
    assert entry.bank_reference == "po_1aHsakp2Ff6HHzTwJpYmJAKf"


def test_camt054_notifications() -> None:
    (entry,) = import_camt(FIXTURES / "camt054.xml", account_number=5820).entries
    assert entry.bank_reference == "000000000103119"
    assert entry.counterparty == "Bølge Revision ApS"


def test_a_statement_for_another_account_is_refused() -> None:
    with pytest.raises(FileImportError, match="is for account DK5030004001234567"):
        import_camt(FIXTURES / "camt053-danske.xml", account_number=5820, iban="DK99 0000 1")
    result = import_camt(
        FIXTURES / "camt053-danske.xml", account_number=5820, iban="DK50 3000 4001 2345 67"
    )
    assert len(result.entries) == 6


def _camt(entries: str) -> SourceFile:
    xml = f"""<?xml version="1.0"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>1</MsgId></GrpHdr><Stmt><Id>S</Id>{entries}</Stmt></BkToCstmrStmt></Document>"""
    return SourceFile("statement.xml", xml.encode())


def test_bad_amount_names_the_element_and_nothing_is_imported() -> None:
    good = (
        "<Ntry><Amt Ccy='DKK'>10.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>"
        "<BookgDt><Dt>2026-03-01</Dt></BookgDt></Ntry>"
    )
    bad = good.replace("10.00", "12,50")
    with pytest.raises(FileImportError) as error:
        import_camt(_camt(good + bad), account_number=1)
    assert str(error.value) == (
        'statement.xml, element Stmt[1]/Ntry[2]/Amt: "12,50" is not an amount '
        "(ISO 20022 writes 1234.56)"
    )


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            "<Ntry><Amt Ccy='DKK'>1.00</Amt><CdtDbtInd>UP</CdtDbtInd>"
            "<BookgDt><Dt>2026-03-01</Dt></BookgDt></Ntry>",
            "must be CRDT or DBIT",
        ),
        (
            "<Ntry><Amt Ccy='DKK'>1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></Ntry>",
            "has no booking date",
        ),
        (
            "<Ntry><Amt>1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>"
            "<BookgDt><Dt>2026-03-01</Dt></BookgDt></Ntry>",
            "Ccy",
        ),
        (
            "<Ntry><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-03-01</Dt></BookgDt></Ntry>",
            "Amt: is missing",
        ),
    ],
)
def test_malformed_entries(entry: str, message: str) -> None:
    with pytest.raises(FileImportError, match=message):
        import_camt(_camt(entry), account_number=1)


def test_not_xml_and_not_camt() -> None:
    with pytest.raises(FileImportError, match=r"line 2: is not well-formed XML"):
        import_camt(SourceFile("x.xml", b"<Document>\n<oops></Document>"), account_number=1)
    with pytest.raises(FileImportError, match="not an ISO 20022 camt"):
        import_camt(SourceFile("x.xml", b"<Document/>"), account_number=1)
    with pytest.raises(FileImportError, match="DOCTYPE"):
        import_camt(SourceFile("x.xml", b'<!DOCTYPE x [<!ENTITY a "b">]><x/>'), account_number=1)


_LAUGHS = (
    b'<!DOCTYPE Document [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">'.encode()
        for i in range(1, 10)
    )
    + b"]>"
)
_EXTERNAL = b'<!DOCTYPE Document [<!ENTITY ext SYSTEM "file:///etc/passwd">]>'


_LONG_COMMENT = b"<!-- " + b"x" * 5000 + b" -->\n"  # the DOCTYPE starts past the first 4 KiB


@pytest.mark.parametrize(
    ("doctype", "entity"),
    [(_LAUGHS, b"&lol9;"), (_EXTERNAL, b"&ext;"), (_LONG_COMMENT + _EXTERNAL, b"&ext;")],
    ids=["laughs", "external", "late-doctype"],
)
def test_a_dtd_is_refused_and_nothing_is_imported(doctype: bytes, entity: bytes) -> None:
    """A real statement with a DTD in front and the entity in an entry's text: refused whole."""
    data = (FIXTURES / "camt053-danske.xml").read_bytes()
    start = data.index(b"<Document")
    data = data[:start] + doctype + b"\n" + data[start:]
    data = data.replace(b"Husleje marts", b"Husleje " + entity, 1)
    assert data.count(entity) == 1
    with pytest.raises(FileImportError) as caught:
        import_camt(SourceFile("statement.xml", data), account_number=5820)
    message = str(caught.value)
    assert message == (
        "statement.xml: has a DOCTYPE (entity declarations or external references); "
        "bank statements never do, so it is refused"
    )
    assert "\n" not in message and "passwd" not in message and "lol" not in message
    with pytest.raises(FileImportError, match=r"^statement\.xml: has a DOCTYPE"):
        import_bank_file(SourceFile("statement.xml", data), account_number=5820)


@pytest.mark.parametrize(
    ("name", "layout"), [("camt053-danske.xml", "camt.053.001.02"), ("nordea.csv", "nordea")]
)
def test_one_door_for_bank_files(name: str, layout: str) -> None:
    assert import_bank_file(FIXTURES / name, account_number=5820).layout == layout
