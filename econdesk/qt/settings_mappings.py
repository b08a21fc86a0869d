"""The mappings editor: where each platform's money goes, per plan and per customer.

Edits become a new version through MappingService (audited, versioned, refused if someone else
saved meanwhile). Accounts and VAT codes are picked from the agreement's chart once loaded, and
the whole set is checked against it (accounting.validation) with every problem listed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from decimal import Decimal

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from econdesk.accounting.chart import Chart
from econdesk.domain.model import CustomerMapping, Mappings, PlanMapping, ProviderMapping, Tolerance
from econdesk.domain.money import Money
from econdesk.errors import EcondeskError
from econdesk.qt.formatting import Formatter
from econdesk.qt.i18n import tr
from econdesk.qt.widgets.account_combo import AccountCombo, VatCombo, _CodeCombo
from econdesk.qt.widgets.forms import set_form_labels


class CodeDelegate(QStyledItemDelegate):
    """Edits a cell with an account or VAT picker filled from the chart."""

    def __init__(
        self, make: Callable[[QWidget], AccountCombo | VatCombo], page: MappingsPage
    ) -> None:
        super().__init__(page)
        self.make = make
        self.page = page

    def createEditor(  # noqa: N802
        self,
        parent: QWidget,
        _option: QStyleOptionViewItem,
        _index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = self.make(parent)
        if self.page.chart is not None:
            editor.load_chart(self.page.chart)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        assert isinstance(editor, _CodeCombo)
        editor.set_code(index.data(Qt.ItemDataRole.EditRole) or None)

    def setModelData(  # noqa: N802
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        assert isinstance(editor, _CodeCombo)
        model.setData(index, editor.code(), Qt.ItemDataRole.EditRole)


def _table(headers: list[str], parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.setAlternatingRowColors(True)
    return table


def _cell(table: QTableWidget, row: int, col: int) -> str:
    item = table.item(row, col)
    return item.text().strip() if item is not None else ""


def _put(table: QTableWidget, values: Sequence[str | int | None]) -> None:
    row = table.rowCount()
    table.insertRow(row)
    for col, value in enumerate(values):
        table.setItem(row, col, QTableWidgetItem("" if value is None else str(value)))


class MappingsPage(QWidget):
    def __init__(self, currency: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mappingsPage")
        self.currency = currency
        self.chart: Chart | None = None
        self.loaded: Mappings | None = None
        self.formatter = Formatter()
        self.providers = _table(["", "", "", "", ""], self)
        self.providers.setObjectName("providerMappings")
        self.plans = _table(["", "", "", ""], self)
        self.plans.setObjectName("planMappings")
        self.customers = _table(["", "", ""], self)
        self.customers.setObjectName("customerMappings")
        account = CodeDelegate(AccountCombo, self)
        vat = CodeDelegate(VatCombo, self)
        for col in (1, 2):
            self.providers.setItemDelegateForColumn(col, account)
        self.plans.setItemDelegateForColumn(2, account)
        self.plans.setItemDelegateForColumn(3, vat)
        self.difference = AccountCombo(self)
        self.difference.setObjectName("differenceAccount")
        self.revenue = AccountCombo(self)
        self.revenue.setObjectName("defaultRevenueAccount")
        self.vat = VatCombo(self)
        self.vat.setObjectName("defaultVatCode")
        self.add_plan = QPushButton(self)
        self.add_plan.clicked.connect(lambda: _put(self.plans, ["", "", "", ""]))
        self.add_customer = QPushButton(self)
        self.add_customer.clicked.connect(lambda: _put(self.customers, ["", "", ""]))
        self.problems = QLabel(self)
        self.problems.setObjectName("mappingProblems")
        self.problems.setWordWrap(True)
        self.version = QLabel(self)
        self.defaults_form = QFormLayout()
        self.defaults_form.addRow("", self.difference)
        self.defaults_form.addRow("", self.revenue)
        self.defaults_form.addRow("", self.vat)
        self.captions = [QLabel(self) for _ in range(3)]
        plan_row = QHBoxLayout()
        plan_row.addWidget(self.captions[1])
        plan_row.addStretch(1)
        plan_row.addWidget(self.add_plan)
        customer_row = QHBoxLayout()
        customer_row.addWidget(self.captions[2])
        customer_row.addStretch(1)
        customer_row.addWidget(self.add_customer)
        layout = QVBoxLayout(self)
        layout.addWidget(self.version)
        layout.addWidget(self.captions[0])
        layout.addWidget(self.providers, 2)
        layout.addLayout(plan_row)
        layout.addWidget(self.plans, 2)
        layout.addLayout(customer_row)
        layout.addWidget(self.customers, 1)
        layout.addLayout(self.defaults_form)
        layout.addWidget(self.problems)
        self.retranslate()

    def retranslate(self) -> None:
        self.providers.setHorizontalHeaderLabels(
            [
                tr("Platform"),
                tr("Clearing account"),
                tr("Fee account"),
                tr("Tolerance"),
                tr("Tolerance %"),
            ]
        )
        self.plans.setHorizontalHeaderLabels(
            [tr("Platform"), tr("Plan"), tr("Revenue account"), tr("VAT code")]
        )
        self.customers.setHorizontalHeaderLabels(
            [tr("Platform"), tr("Platform customer"), tr("e-conomic customer no.")]
        )
        captions = (
            tr("Platforms"),
            tr("Plans: revenue account and VAT code"),
            tr("Customers paying against booked invoices"),
        )
        for label, text in zip(self.captions, captions, strict=True):
            label.setText(f"<b>{text}</b>")
        self.add_plan.setText(tr("Add plan"))
        self.add_customer.setText(tr("Add customer"))
        set_form_labels(
            self.defaults_form,
            [tr("Difference account"), tr("Default revenue account"), tr("Default VAT code")],
        )
        if self.loaded is not None and self.loaded.version == 0:
            self.version.setText(tr("Mappings as the config file gives them (not edited yet)"))
        elif self.loaded is not None:
            self.version.setText(tr("Mappings version {0}").format(self.loaded.version))

    # -- in and out ---------------------------------------------------------------------------
    def show_mappings(self, mappings: Mappings) -> None:
        self.loaded = mappings
        for table in (self.providers, self.plans, self.customers):
            table.setRowCount(0)
        for p in mappings.providers:
            tolerance = mappings.tolerances.get(p.provider)
            fixed = self.formatter.decimal(tolerance.fixed.amount) if tolerance else ""
            percent = self.formatter.decimal(tolerance.percent, 2) if tolerance else ""
            _put(self.providers, [p.provider, p.clearing_account, p.fee_account, fixed, percent])
            name = self.providers.item(self.providers.rowCount() - 1, 0)
            assert name is not None  # _put filled every cell of the row
            name.setFlags(Qt.ItemFlag.ItemIsEnabled)  # the platform's name is not edited here
        for plan in mappings.plans:
            _put(self.plans, [plan.provider, plan.plan, plan.revenue_account, plan.vat_code])
        for c in mappings.customers:
            _put(self.customers, [c.provider, c.customer_id, c.customer_number])
        self.difference.set_code(mappings.difference_account)
        self.revenue.set_code(mappings.default_revenue_account)
        self.vat.set_code(mappings.default_vat_code)
        self.retranslate()

    def load_chart(self, chart: Chart) -> None:
        self.chart = chart
        for combo in (self.difference, self.revenue, self.vat):
            combo.load_chart(chart)

    def edited(self) -> Mappings:
        """The mappings as shown; raises EcondeskError naming the first cell that is wrong."""
        assert self.loaded is not None

        def number(table: QTableWidget, row: int, col: int, what: str) -> int:
            text = _cell(table, row, col).split(" ", 1)[0]
            if not text.isdigit():
                raise EcondeskError(
                    tr("{0} in row {1} must be a number, not {2!r}").format(what, row + 1, text)
                )
            return int(text)

        providers, tolerances = [], dict(self.loaded.tolerances)
        for row in range(self.providers.rowCount()):
            name = _cell(self.providers, row, 0)
            accounts = ProviderMapping(
                name,
                number(self.providers, row, 1, tr("Clearing account")),
                number(self.providers, row, 2, tr("Fee account")),
            )
            # The reserve account and booking settings are the config's: kept as loaded.
            loaded = self.loaded.provider(name)
            providers.append(
                accounts
                if loaded is None
                else dataclasses.replace(
                    loaded,
                    clearing_account=accounts.clearing_account,
                    fee_account=accounts.fee_account,
                )
            )
            fixed, percent = _cell(self.providers, row, 3), _cell(self.providers, row, 4)
            if fixed or percent:
                tolerances[name] = Tolerance(
                    Money(self._amount(fixed or "0"), self.currency), self._amount(percent or "0")
                )
        plans = [
            PlanMapping(
                _cell(self.plans, r, 0),
                _cell(self.plans, r, 1),
                number(self.plans, r, 2, tr("Revenue account")),
                _cell(self.plans, r, 3).split(" ", 1)[0] or None,
            )
            for r in range(self.plans.rowCount())
            if _cell(self.plans, r, 1)
        ]
        customers = [
            CustomerMapping(
                _cell(self.customers, r, 0),
                _cell(self.customers, r, 1),
                number(self.customers, r, 2, tr("Customer number")),
            )
            for r in range(self.customers.rowCount())
            if _cell(self.customers, r, 1)
        ]
        return dataclasses.replace(
            self.loaded,
            providers=tuple(providers),
            plans=tuple(plans),
            customers=tuple(customers),
            difference_account=self.difference.account(),
            default_revenue_account=self.revenue.account(),
            default_vat_code=self.vat.vat_code(),
            tolerances=tolerances,
        )

    def _amount(self, text: str) -> Decimal:
        try:
            value = self.formatter.parse_amount(text)
        except ValueError:
            raise EcondeskError(tr("{0!r} is not an amount").format(text)) from None
        if value < 0:
            raise EcondeskError(tr("A tolerance cannot be negative: {0}").format(text))
        return value

    def show_problems(self, problems: list[str]) -> None:
        if not problems:
            self.problems.setStyleSheet("color: #2e7d32;")
            self.problems.setText(tr("The mappings fit the agreement."))
            return
        self.problems.setStyleSheet("color: #c62828;")
        self.problems.setText("\n".join(f"• {p}" for p in problems))
