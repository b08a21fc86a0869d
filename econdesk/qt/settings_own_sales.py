"""Booking the sales of Clearhaus or Vipps MobilePay used without a gateway in front.

Read over its API with no `[providers.frisbii]`, such a source's own transactions are the sales
(config.acquirer_sells_alone, docs/booking-modes.md): no integration books them, so `settle`
is refused, and `sales` books them on `[providers.NAME] revenue_account` with its `vat_code`
(else `[posting]`'s). These fields sit under the "sales" choice of the source's booking box;
what is typed is checked against the agreement's chart before anything is written.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QWidget
from tomlkit.toml_document import TOMLDocument

from econdesk.accounting.chart import Chart
from econdesk.config import GATEWAYS_IN_FRONT, Config
from econdesk.qt import config_file
from econdesk.qt.i18n import tr
from econdesk.qt.settings_sources import TITLES
from econdesk.qt.widgets.account_combo import AccountCombo, VatCombo
from econdesk.qt.widgets.forms import set_form_labels

GATEWAY = GATEWAYS_IN_FRONT[0].capitalize()  # the gateway a user would add: Frisbii


def settle_refused(source: str) -> str:
    """Why `settle` is greyed out for `source` used alone (one line)."""
    return tr("Not available: without {0} in front, no integration books the sales of {1}.").format(
        GATEWAY, TITLES[source]
    )


class OwnSalesFields(QWidget):
    """The revenue account and VAT code of one source's own sales (see the module)."""

    def __init__(self, source: str, config: Config, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.setObjectName(f"ownSales_{source}")
        self.fallback = config.posting.revenue_account  # [posting] revenue_account
        stored = config.credential_providers.get(source)
        self.revenue = AccountCombo(self)
        self.revenue.setObjectName(f"{source}_revenueAccount")
        self.vat = VatCombo(self)
        self.vat.setObjectName(f"{source}_vatCode")
        if stored is not None:
            self.revenue.set_code(stored.revenue_account)
            self.vat.set_code(stored.vat_code)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(24, 0, 0, 0)  # under the sentence it belongs to
        self.form.addRow("", self.revenue)
        self.form.addRow("", self.vat)

    def retranslate(self) -> None:
        set_form_labels(self.form, [tr("Revenue account for its own sales"), tr("VAT code")])
        line = self.revenue.lineEdit()
        if line is not None and self.fallback is not None:
            line.setPlaceholderText(tr("empty: {0} from [posting]").format(self.fallback))

    def load_chart(self, chart: Chart) -> None:
        self.revenue.load_chart(chart)
        self.vat.load_chart(chart)

    def problems(self) -> list[str]:
        """What keeps the own sales from being booked, one sentence each (empty: none)."""
        title, found = TITLES[self.source], []
        typed = self.revenue.code()
        if not typed and self.fallback is None:
            found.append(
                tr("{0}: choose the revenue account its own sales are booked on").format(title)
            )
        elif typed and self.revenue.account() is None:
            found.append(
                tr("{0}: the revenue account must be an account number, e.g. 1010").format(title)
            )
        elif not self.revenue.valid():
            found.append(
                tr("{0}: the agreement has no revenue account {1} (or it is barred)").format(
                    title, typed
                )
            )
        if not typed and self.vat.vat_code() is not None:  # [posting]'s code would be used
            found.append(
                tr("{0}: a VAT code needs its revenue account (or leave both empty)").format(title)
            )
        if not self.vat.valid():
            found.append(
                tr("{0}: the agreement has no VAT code {1} (or it is barred)").format(
                    title, self.vat.code()
                )
            )
        return found

    def write(self, raw: TOMLDocument) -> None:
        section = ("providers", self.source)
        config_file.set_key(raw, (*section, "revenue_account"), self.revenue.account())
        config_file.set_key(raw, (*section, "vat_code"), self.vat.vat_code())
