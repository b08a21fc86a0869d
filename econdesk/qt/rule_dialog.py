"""The editor of one bank-line rule: its label and the conditions a line must meet.

Amounts are typed as the user's language writes them (1.234,50 in Danish); the rule is
checked (econdesk.domain.rules) before the dialog closes, and a problem is shown beside the
buttons rather than in a second window.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from econdesk.domain.money import Money
from econdesk.domain.rules import LABELS, BankRule, RuleError, Sign
from econdesk.i18n.rule_labels import describe as describe_rule
from econdesk.i18n.rule_labels import problem_source
from econdesk.qt.formatting import Formatter
from econdesk.qt.i18n import current_language, tr
from econdesk.qt.labels import rule_label

CLI_CONTEXT = "CLI"  # the rules' problems are the command line's texts too


def describe(rule: BankRule, formatter: Formatter) -> str:
    """The rule's conditions in the app's language, amounts as the app writes them."""
    return describe_rule(rule, current_language(), formatter.money)


class RuleDialog(QDialog):
    """Add a rule (`rule` None), or change one; `result_rule` holds it once accepted."""

    def __init__(
        self,
        rule: BankRule | None,
        currency: str,
        formatter: Formatter,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ruleDialog")
        self.setWindowTitle(tr("Rule for bank lines that are not platform money"))
        self.formatter = formatter
        self.currency = rule.currency if rule is not None and rule.currency else currency
        self.rule_id = rule.id if rule is not None else 0
        self.result_rule: BankRule | None = None
        self.label = QComboBox(self)
        self.label.setObjectName("label")
        self.label.setEditable(True)
        for key in LABELS:
            self.label.addItem(rule_label(key), key)
        self.contains = QLineEdit(self)
        self.contains.setObjectName("contains")
        self.pattern = QLineEdit(self)
        self.pattern.setObjectName("pattern")
        self.counterparty = QLineEdit(self)
        self.counterparty.setObjectName("counterparty")
        self.minimum = QLineEdit(self)
        self.minimum.setObjectName("minimum")
        self.maximum = QLineEdit(self)
        self.maximum.setObjectName("maximum")
        self.sign = QComboBox(self)
        self.sign.setObjectName("sign")
        self.sign.addItem(tr("Money in or out"), None)
        self.sign.addItem(tr("Money in"), Sign.IN.value)
        self.sign.addItem(tr("Money out"), Sign.OUT.value)
        self.note = QLineEdit(self)
        self.note.setObjectName("note")
        self.problem = QLabel(self)
        self.problem.setObjectName("problem")
        self.problem.setStyleSheet("color: #c62828")
        self.problem.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(tr("&Label"), self.label)
        form.addRow(tr("Text &contains"), self.contains)
        form.addRow(tr("Text matches (&regular expression)"), self.pattern)
        form.addRow(tr("Counter&party contains"), self.counterparty)
        form.addRow(tr("Amount at &least ({0})").format(self.currency), self.minimum)
        form.addRow(tr("Amount at &most ({0})").format(self.currency), self.maximum)
        form.addRow(tr("&Direction"), self.sign)
        form.addRow(tr("&Note"), self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(tr("A bank line that meets every condition given is set aside."), self)
        )
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        if rule is not None:
            self._fill(rule)
        self.resize(520, self.sizeHint().height())
        self.label.setFocus()

    def _fill(self, rule: BankRule) -> None:
        index = self.label.findData(rule.label)
        if index >= 0:
            self.label.setCurrentIndex(index)
        else:
            self.label.setEditText(rule.label)
        self.contains.setText(rule.contains)
        self.pattern.setText(rule.pattern)
        self.counterparty.setText(rule.counterparty)
        for edit, bound in ((self.minimum, rule.minimum), (self.maximum, rule.maximum)):
            edit.setText("" if bound is None else self.formatter.amount(bound))
        self.sign.setCurrentIndex(max(0, self.sign.findData(rule.sign and rule.sign.value)))
        self.note.setText(rule.note)

    def chosen_label(self) -> str:
        text = self.label.currentText().strip()
        index = self.label.findText(text)
        key = self.label.itemData(index) if index >= 0 else None
        return str(key) if key else text

    def _amount(self, edit: QLineEdit, name: str) -> Money | None:
        text = edit.text().strip()
        if not text:
            return None
        try:
            value: Decimal = self.formatter.parse_amount(text)
        except ValueError:
            raise RuleError("", tr("{0}: not an amount: {1}").format(name, text)) from None
        return Money.of(value, self.currency)

    def build(self) -> BankRule:
        """The rule as filled in, checked; RuleError names what is wrong."""
        sign = self.sign.currentData()
        return BankRule(
            id=self.rule_id,
            label=self.chosen_label(),
            contains=self.contains.text().strip(),
            pattern=self.pattern.text().strip(),
            counterparty=self.counterparty.text().strip(),
            minimum=self._amount(self.minimum, tr("Amount at least")),
            maximum=self._amount(self.maximum, tr("Amount at most")),
            sign=None if sign is None else Sign(sign),
            note=self.note.text().strip(),
        ).check()

    def accept(self) -> None:
        try:
            self.result_rule = self.build()
        except RuleError as exc:
            if exc.problem:  # the domain's own check: said in the user's language
                text = problem_source(exc)
                said = QCoreApplication.translate(CLI_CONTEXT, text).format(*exc.values)
                self.problem.setText(said)
            else:
                self.problem.setText(str(exc))
            return
        super().accept()
