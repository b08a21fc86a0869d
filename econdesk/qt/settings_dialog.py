"""Settings: connections (with a clear "Test connection"), mappings, matching, database.

Connections, matching and the database live in the config file (written by config_file.py,
checked by econdesk's own reader); what a user types as a secret goes to the keyring; mappings
are versioned in the store through MappingService. All I/O runs on the workers.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from tomlkit.toml_document import TOMLDocument

from econdesk.accounting.validation import check_mappings
from econdesk.config import GATEWAYS_IN_FRONT, Config, build_mappings, is_loopback_url
from econdesk.domain.booking import BookingMode
from econdesk.domain.model import Mappings
from econdesk.i18n.message import text_in
from econdesk.qt import config_file, connections
from econdesk.qt.errors import explain, show_error
from econdesk.qt.formatting import Formatter
from econdesk.qt.i18n import LANGUAGES, current_language, tr
from econdesk.qt.settings_mappings import MappingsPage
from econdesk.qt.settings_own_sales import OwnSalesFields, settle_refused
from econdesk.qt.settings_sources import API, OFF, CredentialSourceBox
from econdesk.qt.tasks import Failure, TaskManager
from econdesk.qt.widgets.account_combo import AccountCombo
from econdesk.qt.widgets.booking_choice import BookingChoice
from econdesk.qt.widgets.forms import set_form_labels
from econdesk.secrets import Secret, SecretStore
from econdesk.services.mappings import MappingService
from econdesk.storage import Database, open_database

OK_STYLE, BAD_STYLE = "color: #2e7d32;", "color: #c62828;"


def _secret_or_typed(field: QLineEdit, stored: Secret) -> str:
    """What the user typed, else the stored secret (file or keyring), else ""."""
    if field.text():
        return field.text()
    try:
        return str(stored.reveal())
    except Exception:
        return ""


@dataclass
class ProviderFields:
    name: str
    base_url: QLineEdit
    api_key: QLineEdit
    test: QPushButton
    status: QLabel


class SettingsDialog(QDialog):
    saved = Signal(object)  # the Config as written

    def __init__(
        self,
        config: Config,
        config_path: Path,
        db: Database,
        tasks: TaskManager,
        *,
        formatter: Formatter | None = None,
        secrets: SecretStore | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.secrets = secrets  # where typed secrets go: a firm's client has its own names
        self.config = config
        self.path = config_path
        self.db = db
        self.tasks = tasks
        self.formatter = formatter or Formatter()
        self.raw = config_file.read_raw(config_path)
        self.mapping_service = MappingService(db, build_mappings(config))
        self.tabs = QTabWidget(self)
        self._build_general()
        self._build_economic()
        self._build_platforms()
        self.mappings = MappingsPage(config.economic.currency, self)
        self.mappings.formatter = self.formatter
        self.tabs.addTab(self.mappings, "")
        self._build_matching()
        self._build_database()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.message = QLabel(self)
        self.message.setObjectName("settingsMessage")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(860, 680)
        self.retranslate()

    # -- pages ---------------------------------------------------------------------------------
    def _page(self) -> tuple[QWidget, QFormLayout]:
        page = QWidget(self)
        form = QFormLayout(page)
        self.tabs.addTab(page, "")
        return page, form

    def _build_general(self) -> None:
        _, form = self._page()
        self.actor = QLineEdit(self.config.app.actor or "", self)
        self.actor.setObjectName("actor")
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        self.language.addItem("", None)
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(self.config.app.language)))
        form.addRow("", self.actor)
        form.addRow("", self.language)
        self.general_form = form

    def _build_economic(self) -> None:
        _, form = self._page()
        e = self.config.economic
        self.economic_url = QLineEdit(e.base_url, self)
        self.economic_url.setObjectName("economicUrl")
        self.journals_url = QLineEdit(e.journals_url or "", self)
        self.app_secret = QLineEdit(self)
        self.app_secret.setObjectName("appSecretToken")
        self.grant = QLineEdit(self)
        self.grant.setObjectName("agreementGrantToken")
        for field in (self.app_secret, self.grant):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.bank_account = AccountCombo(self)
        self.bank_account.setObjectName("bankAccount")
        self.bank_account.set_code(e.bank_account)
        self.journal = QComboBox(self)
        self.journal.setObjectName("journal")
        self.journal.setEditable(True)
        self.journal.setEditText("" if e.journal is None else str(e.journal))
        # e-conomic's own booked invoices with a remainder as open invoices (README)
        self.open_invoices = QCheckBox(self)
        self.open_invoices.setObjectName("openInvoices")
        self.open_invoices.setChecked(e.open_invoices)
        self.economic_test = QPushButton(self)
        self.economic_test.setObjectName("testEconomic")
        self.economic_test.clicked.connect(self.test_economic)
        self.economic_status = QLabel(self)
        self.economic_status.setObjectName("economicStatus")
        self.economic_status.setWordWrap(True)
        for widget in (
            self.economic_url,
            self.journals_url,
            self.app_secret,
            self.grant,
            self.bank_account,
            self.journal,
            self.open_invoices,
        ):
            form.addRow("", widget)
        form.addRow(self.economic_test, self.economic_status)
        self.economic_form = form

    def _build_platforms(self) -> None:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.platforms: list[ProviderFields] = []
        for name, p in sorted(self.config.providers.items()):
            box = QGroupBox(name.capitalize(), page)
            form = QFormLayout(box)
            url = QLineEdit(p.base_url, box)
            key = QLineEdit(box)
            key.setEchoMode(QLineEdit.EchoMode.Password)
            key.setObjectName(f"apiKey_{name}")
            test = QPushButton(box)
            test.setObjectName(f"test_{name}")
            status = QLabel(box)
            status.setObjectName(f"status_{name}")
            status.setWordWrap(True)
            fields = ProviderFields(name, url, key, test, status)
            test.clicked.connect(lambda _c=False, f=fields: self.test_platform(f))
            form.addRow("URL", url)
            form.addRow("", key)
            form.addRow(test, status)
            layout.addWidget(box)
            self.platforms.append(fields)
        self.no_platforms = QLabel(page)
        self.no_platforms.setObjectName("noPlatforms")
        self.no_platforms.setWordWrap(True)
        layout.addWidget(self.no_platforms)
        # Clearhaus and Vipps MobilePay take client credentials (or, Clearhaus, files).
        self.sources = {
            name: CredentialSourceBox(name, self.config, self.tasks, page)
            for name in ("clearhaus", "mobilepay")
        }
        for box in self.sources.values():
            layout.addWidget(box)
            box.group.buttonToggled.connect(lambda _b, _on: self._show_bookings())
        # Every source (API, settlement files, client credentials) says how it is booked.
        known = self.config.every_provider()
        self.booking_choices = [
            BookingChoice(name, known[name].booking if name in known else None, page)
            for name in sorted({*known, *self.sources})
        ]
        # Clearhaus or MobilePay alone: where its own sales are booked, under "sales"
        self.own_sales: dict[str, OwnSalesFields] = {}
        for choice in self.booking_choices:
            layout.addWidget(choice)
            choice.group.buttonToggled.connect(lambda _b, _on: self._show_bookings())
            if choice.source in self.sources:
                own = OwnSalesFields(choice.source, self.config, choice)
                choice.place_below(BookingMode.SALES, own)
                self.own_sales[choice.source] = own
        self._show_bookings()
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(page)
        self.tabs.addTab(scroll, "")

    def _in_use(self, source: str) -> bool:
        box = self.sources.get(source)
        return box is None or box.mode() != OFF

    @property
    def bookings(self) -> list[BookingChoice]:
        """The booking choices of the sources in use (a source switched off has none)."""
        return [c for c in self.booking_choices if self._in_use(c.source)]

    def _show_bookings(self) -> None:
        for choice in self.booking_choices:
            choice.setVisible(self._in_use(choice.source))
            if choice.source in self.own_sales:
                alone = self.sells_alone(choice.source)
                choice.refuse(BookingMode.SETTLE, settle_refused(choice.source) if alone else None)
        for source, fields in self.own_sales.items():
            fields.setVisible(source in self.own_sales_shown())
        self.no_platforms.setHidden(self.has_sources())

    def gateway_in_front(self) -> bool:
        """Whether a gateway (Frisbii) is configured, whose items are the acquirers' sales."""
        return any(p.name in GATEWAYS_IN_FRONT for p in self.platforms)

    def sells_alone(self, source: str) -> bool:
        """Clearhaus or MobilePay read over its API with no gateway in front: its own
        transactions are the sales (config.acquirer_sells_alone, as it will be saved)."""
        box = self.sources.get(source)
        return box is not None and box.mode() == API and not self.gateway_in_front()

    def own_sales_shown(self) -> list[str]:
        """The sources used alone with "sales" chosen: they need a revenue account."""
        return [
            c.source
            for c in self.booking_choices
            if self.sells_alone(c.source) and c.mode() is BookingMode.SALES
        ]

    def has_sources(self) -> bool:
        """Whether any source is configured: an API platform, or Clearhaus or MobilePay read
        over their API or (Clearhaus) from settlement files."""
        return bool(self.platforms) or any(b.mode() != OFF for b in self.sources.values())

    def _build_matching(self) -> None:
        _, form = self._page()
        m = self.config.matching
        self.auto_threshold = QDoubleSpinBox(self)
        self.auto_threshold.setObjectName("autoThreshold")
        self.auto_margin = QDoubleSpinBox(self)
        for box, value in (
            (self.auto_threshold, m.auto_threshold),
            (self.auto_margin, m.auto_margin),
        ):
            box.setRange(0.0, 1.0)
            box.setDecimals(2)
            box.setSingleStep(0.01)
            box.setValue(value)
        self.payout_days = QSpinBox(self)
        self.payment_days = QSpinBox(self)
        for days_box, days in (
            (self.payout_days, m.payout_window_days),
            (self.payment_days, m.payment_window_days),
        ):
            days_box.setRange(0, 60)
            days_box.setValue(days)
        for widget in (self.auto_threshold, self.auto_margin, self.payout_days, self.payment_days):
            form.addRow("", widget)
        self.matching_form = form

    def _build_database(self) -> None:
        page, form = self._page()
        url = self.config.database.url or ""
        self.use_sqlite = QRadioButton(page)
        self.use_postgres = QRadioButton(page)
        group = QButtonGroup(page)
        group.addButton(self.use_sqlite)
        group.addButton(self.use_postgres)
        self.sqlite_path = QLineEdit(
            url.removeprefix("sqlite:///") if url.startswith("sqlite") else "", page
        )
        self.sqlite_path.setObjectName("sqlitePath")
        self.browse = QPushButton(page)
        self.browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.sqlite_path, 1)
        row.addWidget(self.browse)
        self.postgres_url = QLineEdit(url if url.startswith("postgresql") else "", page)
        self.postgres_url.setObjectName("postgresUrl")
        self.postgres_url.setPlaceholderText("postgresql+psycopg://user:password@host/econdesk")
        self.database_test = QPushButton(page)
        self.database_test.clicked.connect(self.test_database)
        self.database_status = QLabel(page)
        self.database_status.setWordWrap(True)
        (self.use_postgres if url.startswith("postgresql") else self.use_sqlite).setChecked(True)
        form.addRow(self.use_sqlite, row)
        form.addRow(self.use_postgres, self.postgres_url)
        form.addRow(self.database_test, self.database_status)
        self.database_note = QLabel(page)
        self.database_note.setWordWrap(True)
        form.addRow(self.database_note)

    # -- text --------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:  # switched while the dialog is open
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Settings"))
        titles = [
            tr("General"),
            "e-conomic",
            tr("Platforms"),
            tr("Mappings"),
            tr("Matching"),
            tr("Database"),
        ]
        for i, title in enumerate(titles):
            self.tabs.setTabText(i, title)
        set_form_labels(self.general_form, [tr("Your name in the audit log"), tr("Language")])
        self.language.setItemText(0, tr("Follow the system"))
        set_form_labels(
            self.economic_form,
            [
                tr("REST address"),
                tr("Journals API address"),
                tr("App secret token"),
                tr("Agreement grant token"),
                tr("Bank account"),
                tr("Daybook for vouchers"),
                tr("Open invoices"),
            ],
        )
        self.open_invoices.setText(tr("Match transfers to the invoices booked in e-conomic"))
        for field in (self.app_secret, self.grant):
            field.setPlaceholderText(tr("stored in the keyring; type to replace"))
        self.economic_test.setText(tr("Test connection"))
        for p in self.platforms:
            p.api_key.setPlaceholderText(tr("stored in the keyring; type to replace"))
            p.test.setText(tr("Test connection"))
            box = p.api_key.parentWidget()
            form = box.layout() if box is not None else None
            if isinstance(form, QFormLayout):
                set_form_labels(form, [tr("Address"), tr("API key")])
        for box in self.sources.values():
            box.retranslate()
        for choice in self.booking_choices:
            choice.retranslate()
        for fields in self.own_sales.values():
            fields.retranslate()
        self._show_bookings()  # the refusals' reasons in the new language
        self.no_platforms.setText(
            tr(
                "No platform is configured yet: add a [providers.NAME] section "
                "to the config file (see README)."
            )
        )
        set_form_labels(
            self.matching_form,
            [
                tr("Auto-approve from score"),
                tr("…when the runner-up is this far behind"),
                tr("Payout reaches the bank within (days)"),
                tr("Payment reaches the bank within (days)"),
            ],
        )
        self.use_sqlite.setText(tr("SQLite file (one computer)"))
        self.use_postgres.setText(tr("PostgreSQL (a team)"))
        self.browse.setText(tr("Browse…"))
        self.database_test.setText(tr("Test database"))
        self.database_note.setText(tr("A new database is used from the next start of econdesk."))
        self.mappings.retranslate()

    # -- loading ---------------------------------------------------------------------------------
    def load(self) -> None:
        """Read the mappings in force (database worker)."""
        self.tasks.run(
            self.mapping_service.current, success=self.mappings.show_mappings, failure=self._failed
        )

    # -- tests -------------------------------------------------------------------------------------
    def test_economic(self) -> None:
        e = self.config.economic
        url, journals = self.economic_url.text().strip(), self.journals_url.text().strip() or None
        secret, grant = self.app_secret, self.grant
        self.economic_status.setStyleSheet("")
        self.economic_status.setText(tr("Connecting…"))
        self.economic_test.setEnabled(False)

        def work() -> connections.EconomicAnswer:
            return connections.test_economic(
                url,
                _secret_or_typed(secret, e.app_secret_token),
                _secret_or_typed(grant, e.agreement_grant_token),
                journals,
            )

        self.tasks.run(
            work, success=self._economic_ok, failure=self._economic_failed, uses_database=False
        )

    def _economic_ok(self, answer: connections.EconomicAnswer) -> None:
        self.economic_test.setEnabled(True)
        self.economic_status.setStyleSheet(OK_STYLE)
        self.economic_status.setText(tr("Connected to {0}").format(answer.summary))
        self.apply_chart(answer)

    def apply_chart(self, answer: connections.EconomicAnswer) -> None:
        chart = answer.chart
        self.bank_account.load_chart(chart)
        journal = self.journal.currentText()
        self.journal.clear()
        for number, j in sorted(chart.journals.items()):
            self.journal.addItem(f"{number} {j.name}".strip(), number)
        index = self.journal.findData(int(journal) if journal.isdigit() else None)
        if index >= 0:
            self.journal.setCurrentIndex(index)
        else:
            self.journal.setEditText(journal)
        self.mappings.load_chart(chart)
        for box in self.sources.values():
            box.load_chart(chart)
        for fields in self.own_sales.values():
            fields.load_chart(chart)
        if self.mappings.loaded is not None:
            try:
                edited = self.mappings.edited()
            except Exception as exc:
                self.mappings.show_problems([text_in(exc, current_language())])
                return
            problems = check_mappings(
                edited,
                chart,
                bank_account=self.bank_account.account(),
                journal=self._journal(),
                providers=list(self.config.providers),
            )
            language = current_language()
            self.mappings.show_problems([p.render(language) for p in problems])

    def _economic_failed(self, failure: Failure) -> None:
        self.economic_test.setEnabled(True)
        self.economic_status.setStyleSheet(BAD_STYLE)
        self.economic_status.setText(explain(failure.error)[0])

    def test_platform(self, fields: ProviderFields) -> None:
        stored = self.config.providers[fields.name].api_key
        url, key = fields.base_url.text().strip(), fields.api_key
        fields.status.setStyleSheet("")
        fields.status.setText(tr("Connecting…"))

        def work() -> str:
            return connections.test_platform(fields.name, url, _secret_or_typed(key, stored))

        def ok(summary: str) -> None:
            fields.status.setStyleSheet(OK_STYLE)
            fields.status.setText(summary)

        def failed(failure: Failure) -> None:
            fields.status.setStyleSheet(BAD_STYLE)
            fields.status.setText(explain(failure.error)[0])

        self.tasks.run(work, success=ok, failure=failed, uses_database=False)

    def database_url(self) -> str | None:
        if self.use_postgres.isChecked():
            return self.postgres_url.text().strip() or None
        path = self.sqlite_path.text().strip()
        return f"sqlite:///{Path(path).expanduser()}" if path else None

    def test_database(self) -> None:
        url = self.database_url() or self.db.url
        self.database_status.setText(tr("Connecting…"))

        def work() -> str:
            db = open_database(url, migrate=False)
            try:
                revision = db.schema_revision()
                return db.display_url + (
                    f" (schema {revision})" if revision else " (empty: econdesk will set it up)"
                )
            finally:
                db.dispose()

        def ok(text: str) -> None:
            self.database_status.setStyleSheet(OK_STYLE)
            self.database_status.setText(tr("Reached {0}").format(text))

        def failed(failure: Failure) -> None:
            self.database_status.setStyleSheet(BAD_STYLE)
            self.database_status.setText(explain(failure.error)[0])

        self.tasks.run(work, success=ok, failure=failed, uses_database=False)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, tr("SQLite database file"), self.sqlite_path.text(), "SQLite (*.sqlite3 *.db)"
        )
        if path:
            self.sqlite_path.setText(path)

    # -- saving ------------------------------------------------------------------------------------
    def _journal(self) -> int | None:
        data = self.journal.currentData()
        if isinstance(data, int) and self.journal.currentText() == self.journal.itemText(
            self.journal.currentIndex()
        ):
            return data
        text = self.journal.currentText().strip().split(" ", 1)[0]
        return int(text) if text.isdigit() else None

    def edits(self) -> tuple[TOMLDocument, dict[str, str]]:
        """The config content to write, and the secrets typed (name -> value)."""
        on_disk = self.path.exists()  # edited since the dialog opened: build on what is there
        raw = config_file.read_raw(self.path) if on_disk else config_file.copy_raw(self.raw)
        put = config_file.set_key
        put(raw, "app.actor", self.actor.text().strip() or None)
        put(raw, "app.language", self.language.currentData())
        put(raw, "economic.base_url", self.economic_url.text().strip() or None)
        put(raw, "economic.journals_url", self.journals_url.text().strip() or None)
        put(raw, "economic.bank_account", self.bank_account.account())
        put(raw, "economic.journal", self._journal())
        matched = self.open_invoices.isChecked()
        if matched != self.config.economic.open_invoices or not matched:  # else: as the file is
            put(raw, "economic.open_invoices", matched)
        for p in self.platforms:
            put(raw, ("providers", p.name, "base_url"), p.base_url.text().strip() or None)
        typed: dict[str, str] = {}
        for box in self.sources.values():
            typed |= box.write(raw)
        for choice in self.bookings:
            chosen = choice.mode()
            # not chosen: the file keeps what it has (none, or one)
            if chosen is not None:
                put(raw, ("providers", choice.source, "booking"), chosen.value)
        for source in self.own_sales_shown():
            self.own_sales[source].write(raw)
        put(raw, "matching.auto_threshold", Decimal(str(round(self.auto_threshold.value(), 2))))
        put(raw, "matching.auto_margin", Decimal(str(round(self.auto_margin.value(), 2))))
        put(raw, "matching.payout_window_days", self.payout_days.value())
        put(raw, "matching.payment_window_days", self.payment_days.value())
        put(raw, "database.url", self.database_url())
        secrets = {
            "economic.app_secret_token": self.app_secret.text(),
            "economic.agreement_grant_token": self.grant.text(),
            **{f"providers.{p.name}.api_key": p.api_key.text() for p in self.platforms},
            **typed,
        }
        return raw, {k: v for k, v in secrets.items() if v}

    def unchosen_bookings(self) -> list[str]:
        """Sources a real agreement needs a booking mode for, with none chosen."""
        if is_loopback_url(self.economic_url.text().strip()):
            return []  # a sandbox may book as it always has
        return [c.source for c in self.bookings if c.mode() is None]

    def source_problems(self) -> list[str]:
        """What is missing or wrong in the Clearhaus and Vipps MobilePay settings."""
        found = [problem for box in self.sources.values() for problem in box.problems()]
        return found + [p for s in self.own_sales_shown() for p in self.own_sales[s].problems()]

    def save(self) -> None:
        problems = self.source_problems()
        if problems:
            self.message.setStyleSheet(BAD_STYLE)
            self.message.setText("\n".join(problems))
            self.tabs.setCurrentIndex(2)
            return
        unchosen = self.unchosen_bookings()
        if unchosen:
            self.message.setStyleSheet(BAD_STYLE)
            self.message.setText(
                tr(
                    "Choose how {0} is booked (Platforms tab): e-conomic may hold its sales "
                    "or payments already."
                ).format(", ".join(unchosen))
            )
            self.tabs.setCurrentIndex(2)
            return
        try:
            raw, secrets = self.edits()
            mappings = self.mappings.edited() if self.mappings.loaded is not None else None
        except Exception as exc:
            self.message.setStyleSheet(BAD_STYLE)
            self.message.setText(explain(exc)[0])
            return
        loaded = self.mappings.loaded
        self.buttons.setEnabled(False)
        self.message.setStyleSheet("")
        self.message.setText(tr("Saving…"))

        def work() -> tuple[Config, Mappings | None]:
            config = config_file.save(self.path, raw, secrets=secrets, store=self.secrets)
            stored = None
            if mappings is not None and loaded is not None and mappings != loaded:
                stored = self.mapping_service.edit(
                    lambda current: _rebased(mappings, current),
                    note="edited in the app",
                    expected_version=loaded.version,
                )
            return config, stored

        def done(result: tuple[Config, Mappings | None]) -> None:
            self.buttons.setEnabled(True)
            self.config = result[0]
            self.saved.emit(result[0])
            self.accept()

        def failed(failure: Failure) -> None:
            self.buttons.setEnabled(True)
            self.message.setStyleSheet(BAD_STYLE)
            self.message.setText(explain(failure.error)[0])

        self.tasks.run(work, success=done, failure=failed)

    def _failed(self, failure: Failure) -> None:
        show_error(self, tr("Could not read the settings"), failure)


def _rebased(edited: Mappings, current: Mappings) -> Mappings:
    """The edited mappings as the successor of the version in force (same version number)."""
    return replace(edited, version=current.version)
