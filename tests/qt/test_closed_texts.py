"""A voucher refused for a closed year or period, or settled VAT, reads plainly in Danish too."""

from __future__ import annotations

from datetime import date

from econdesk.connectors.errors import FieldProblem
from econdesk.qt import i18n
from econdesk.qt.closed_texts import closed_period_text
from econdesk.services.closed_periods import ClosedKind, ClosedPeriod, kind_of

DAY = date(2026, 2, 14)


def test_each_kind_reads_in_danish_and_english(qapp):
    texts = {}
    for language in ("da", "en"):
        i18n.install_language(language)
        texts[language] = {
            k: closed_period_text(ClosedPeriod(k, DAY, "2025/2026")) for k in ClosedKind
        }
    i18n.install_language("en")
    assert texts["da"][ClosedKind.YEAR] == (
        "Regnskabsåret 2025/2026 er lukket i e-conomic, så intet med dato 2026-02-14 kan "
        "bogføres. Genåbn året i e-conomic, og bogfør igen."
    )
    assert texts["da"][ClosedKind.PERIOD].startswith("Regnskabsperioden med 2026-02-14 er lukket")
    assert texts["da"][ClosedKind.VAT_SETTLED].startswith("Momsen for perioden med 2026-02-14")
    for kind in ClosedKind:  # the GUI's English is the service's
        assert texts["en"][kind] == ClosedPeriod(kind, DAY, "2025/2026").english()


def test_the_journals_api_names_and_plain_messages_are_recognised():
    def kind(message, code=None):
        return kind_of(FieldProblem("entries.financeVouchers[0].date", message, code))

    assert kind("x", "JournalEntryDateAccountingYearPeriodBarred") is ClosedKind.PERIOD
    assert kind("x", "JournalVoucherAccountingYearClosed") is ClosedKind.YEAR
    assert kind("Accounting year 2025 is closed.") is ClosedKind.YEAR
    assert kind("Date 2026-02-14 is in accounting period 2 of 2026, which is closed.") is (
        ClosedKind.PERIOD
    )
    assert kind("The VAT period holding 2026-02-14 is settled") is ClosedKind.VAT_SETTLED
    assert kind("Account 5830 does not allow direct entries.") is None
