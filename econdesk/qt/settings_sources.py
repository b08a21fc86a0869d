"""The settings of the sources that take client credentials: Clearhaus and Vipps MobilePay.

Clearhaus is read over its Merchant API (`base_url`, `client_id`, `client_secret`) or, for
those without API access, from its settlement files (`settlements_folder`); Vipps MobilePay
over its Report API (`client_id`, `client_secret`, `subscription_key`, the optional sales
units, typed comma separated: `merchant_serial_number` for one, `merchant_serial_numbers` for
several). Each box says which way (or "not used"), checks what is typed before anything is
written (each problem one sentence), tests the credentials by fetching a token and the last
week's payouts, and puts its keys into the config document; what is typed as a secret goes to
the keyring (the dialog's save does that), never into the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)
from tomlkit.toml_document import TOMLDocument

from econdesk.accounting.chart import Chart
from econdesk.config import DEFAULT_BASE_URLS, Config, is_loopback_url
from econdesk.qt import config_file, connections
from econdesk.qt.errors import explain
from econdesk.qt.i18n import tr
from econdesk.qt.tasks import Failure, TaskManager
from econdesk.qt.widgets.account_combo import AccountCombo
from econdesk.qt.widgets.forms import set_form_labels
from econdesk.secrets import Secret

OK_STYLE, BAD_STYLE = "color: #2e7d32;", "color: #c62828;"
OFF, API, FILES = "off", "api", "files"
TITLES = {"clearhaus": "Clearhaus", "mobilepay": "Vipps MobilePay"}
# Where a new source's money is booked until the Mappings tab says otherwise (as `init`).
STARTER_ACCOUNTS = {"clearhaus": (5831, 7220), "mobilepay": (5840, 7220)}


def _revealed(stored: Secret | None) -> str:
    try:
        return stored.reveal() if stored is not None else ""
    except Exception:  # not in the file, not in the keyring
        return ""


@dataclass(frozen=True)
class _Stored:
    """What the config holds for the source now."""

    mode: str
    base_url: str
    client_id: str
    folder: str
    client_secret: Secret | None
    subscription_key: Secret | None
    msn: str


def _stored(source: str, config: Config) -> _Stored:
    api = config.credential_providers.get(source)
    files = config.file_providers.get(source)
    if api is not None:
        return _Stored(
            API,
            api.base_url,
            api.client_id,
            "",
            api.client_secret,
            api.subscription_key,
            ", ".join(api.merchant_serial_numbers),
        )
    folder = str(files.settlements_folder) if files is not None else ""
    return _Stored(FILES if files else OFF, DEFAULT_BASE_URLS[source], "", folder, None, None, "")


class CredentialSourceBox(QGroupBox):
    """One source's way in, its credentials and its connection test (see the module)."""

    def __init__(
        self, source: str, config: Config, tasks: TaskManager, parent: QWidget | None = None
    ) -> None:
        super().__init__(TITLES[source], parent)
        self.source = source
        self.setObjectName(f"source_{source}")
        self.tasks = tasks
        self.stored = _stored(source, config)
        self.is_new = self.stored.mode == OFF
        self.group = QButtonGroup(self)
        self.modes: dict[str, QRadioButton] = {}
        for mode in (OFF, API, FILES) if source == "clearhaus" else (OFF, API):
            button = QRadioButton(self)
            button.setObjectName(f"{source}_mode_{mode}")
            button.toggled.connect(lambda _on=False: self._show_mode())
            self.group.addButton(button)
            self.modes[mode] = button
        self.base_url = self._line("baseUrl", self.stored.base_url)
        self.client_id = self._line("clientId", self.stored.client_id)
        self.client_secret = self._line("clientSecret", "", secret=True)
        self.subscription_key = self._line("subscriptionKey", "", secret=True)
        self.msn = self._line("merchantSerialNumber", self.stored.msn)
        self.folder = self._line("settlementsFolder", self.stored.folder)
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self._browse)
        self.clearing = AccountCombo(self)
        self.clearing.setObjectName(f"{source}_clearingAccount")
        self.fee = AccountCombo(self)
        self.fee.setObjectName(f"{source}_feeAccount")
        self.clearing.set_code(STARTER_ACCOUNTS[source][0])
        self.fee.set_code(STARTER_ACCOUNTS[source][1])
        self.test = QPushButton(self)
        self.test.setObjectName(f"test_{source}")
        self.test.clicked.connect(self.test_connection)
        self.status = QLabel(self)
        self.status.setObjectName(f"status_{source}")
        self.status.setWordWrap(True)
        self._build_form()
        self.modes[self.stored.mode].setChecked(True)
        self._show_mode()

    def _line(self, name: str, text: str, *, secret: bool = False) -> QLineEdit:
        field = QLineEdit(text, self)
        field.setObjectName(f"{self.source}_{name}")
        if secret:
            field.setEchoMode(QLineEdit.EchoMode.Password)
        return field

    def _build_form(self) -> None:
        self.form = QFormLayout(self)
        modes = QHBoxLayout()
        for button in self.modes.values():
            modes.addWidget(button)
        modes.addStretch(1)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)
        self.folder_row = QWidget(self)
        self.folder_row.setLayout(folder_row)
        folder_row.setContentsMargins(0, 0, 0, 0)
        # (row label's key, field): the labels are set by retranslate in this order
        self.rows: list[tuple[str, QWidget]] = [
            ("mode", QWidget(self)),
            ("base_url", self.base_url),
            ("client_id", self.client_id),
            ("client_secret", self.client_secret),
        ]
        if self.source == "mobilepay":
            self.rows += [("subscription_key", self.subscription_key), ("msn", self.msn)]
        if self.source == "clearhaus":
            self.rows.append(("folder", self.folder_row))
        if self.is_new:  # an existing source's accounts are edited on the Mappings tab
            self.rows += [("clearing", self.clearing), ("fee", self.fee)]
        self.rows[0][1].setLayout(modes)
        modes.setContentsMargins(0, 0, 0, 0)
        for _key, widget in self.rows:
            self.form.addRow("", widget)
        placed = {widget for _key, widget in self.rows}
        for unused in (self.subscription_key, self.msn, self.folder_row, self.clearing, self.fee):
            if unused not in placed:
                unused.hide()  # another source's field, or accounts kept on Mappings
        self.form.addRow(self.test)
        self.form.addRow(self.status)  # a row of its own: a long answer wraps in full

    def retranslate(self) -> None:
        self.setTitle(TITLES[self.source])
        labels = {
            "mode": tr("Read from"),
            "base_url": tr("Address"),
            "client_id": tr("Client id"),
            "client_secret": tr("Client secret"),
            "subscription_key": tr("Subscription key (Ocp-Apim-Subscription-Key)"),
            "msn": tr("Merchant serial numbers (optional)"),
            "folder": tr("Folder with settlement files"),
            "clearing": tr("Clearing account"),
            "fee": tr("Fee account"),
        }
        set_form_labels(self.form, [labels[key] for key, _ in self.rows])
        self._show_mode()  # labels made just now follow their fields' visibility
        self.modes[OFF].setText(tr("Not used"))
        self.modes[API].setText(
            tr("Merchant API") if self.source == "clearhaus" else tr("Report API")
        )
        if FILES in self.modes:
            self.modes[FILES].setText(tr("Settlement files (CSV)"))
        for field, stored in (
            (self.client_secret, self.stored.client_secret),
            (self.subscription_key, self.stored.subscription_key),
        ):
            field.setPlaceholderText(
                tr("stored in the keyring; type to replace")
                if _revealed(stored)
                else tr("kept in the keyring, not in the file")
            )
        self.msn.setPlaceholderText(tr("all sales units the keys reach; several: 123456, 234567"))
        self.browse.setText(tr("Browse…"))
        self.test.setText(tr("Test connection"))

    # -- state ------------------------------------------------------------------------------
    def mode(self) -> str:
        return next(mode for mode, button in self.modes.items() if button.isChecked())

    def set_mode(self, mode: str) -> None:
        self.modes[mode].setChecked(True)

    def _show_mode(self) -> None:
        mode = next((m for m, b in self.modes.items() if b.isChecked()), OFF)
        files = {"folder"}
        accounts = {"clearing", "fee"}
        for key, widget in self.rows[1:]:
            shown = (
                (mode == FILES and key in files)
                or (mode == API and key not in files | accounts)
                or (mode != OFF and key in accounts)
            )
            widget.setVisible(shown)
            label = self.form.labelForField(widget)
            if label is not None:
                label.setVisible(shown)
        self.test.setVisible(mode == API)
        self.status.setVisible(mode == API)

    def load_chart(self, chart: Chart) -> None:
        for combo in (self.clearing, self.fee):
            combo.load_chart(chart)

    def _browse(self) -> None:
        path = QFileDialog.getExistingDirectory(self, tr("Folder with settlement files"))
        if path:
            self.folder.setText(path)

    def serial_numbers(self) -> list[str]:
        """The sales units typed, comma separated ("123456, 234567"); none: all."""
        return [part.strip() for part in self.msn.text().split(",") if part.strip()]

    def secret_value(self, field: QLineEdit, stored: Secret | None) -> str:
        """What is typed, else the stored secret, else ""."""
        return field.text() or _revealed(stored)

    # -- checking and saving ------------------------------------------------------------------
    def problems(self) -> list[str]:
        """What keeps the typed settings from working, one sentence each (empty: none)."""
        mode, title = self.mode(), TITLES[self.source]
        found: list[str] = []
        if mode == FILES and not self.folder.text().strip():
            found.append(tr("{0}: choose the folder that holds the settlement files").format(title))
        if mode == API:
            url = urlsplit(self.base_url.text().strip())
            if url.scheme not in ("http", "https") or not url.netloc:
                found.append(tr("{0}: the address must be an http(s) URL").format(title))
            if not self.client_id.text().strip():
                found.append(tr("{0}: type the client id").format(title))
            if not self.secret_value(self.client_secret, self.stored.client_secret):
                found.append(tr("{0}: type the client secret").format(title))
            if self.source == "mobilepay":
                if not self.secret_value(self.subscription_key, self.stored.subscription_key):
                    found.append(
                        tr("{0}: type the subscription key (Ocp-Apim-Subscription-Key)").format(
                            title
                        )
                    )
                msns = self.serial_numbers()
                if not all(msn.isdigit() for msn in msns):
                    found.append(
                        tr(
                            "{0}: merchant serial numbers are digits only, separated by "
                            "commas, e.g. 123456, 234567"
                        ).format(title)
                    )
                elif len(set(msns)) != len(msns):
                    found.append(tr("{0}: a merchant serial number is listed twice").format(title))
        accounts = (self.clearing.account(), self.fee.account())
        if mode != OFF and self.is_new and None in accounts:
            found.append(tr("{0}: choose its clearing account and fee account").format(title))
        return found

    def write(self, raw: TOMLDocument) -> dict[str, str]:
        """Put this source's keys into `raw`; the secrets typed, by their keyring names."""
        mode, section = self.mode(), ("providers", self.source)
        put = config_file.set_key
        if mode == OFF:
            put(raw, section, None)  # the source is no longer read
            return {}
        if self.is_new:
            put(raw, (*section, "clearing_account"), self.clearing.account())
            put(raw, (*section, "fee_account"), self.fee.account())
        if mode == FILES:
            api_only = ("base_url", "client_id", "client_secret", "reserve_account")
            for key in (*api_only, "revenue_account", "vat_code"):
                put(raw, (*section, key), None)  # the file import takes none of them
            folder = self.folder.text().strip()
            if folder != self.stored.folder:  # as read, a relative folder became absolute
                put(raw, (*section, "settlements_folder"), folder)
            return {}
        put(raw, (*section, "settlements_folder"), None)
        url = self.base_url.text().strip().rstrip("/")
        in_file = _value_in(raw, (*section, "base_url")) is not None
        if url != self.stored.base_url and (in_file or url != DEFAULT_BASE_URLS[self.source]):
            put(raw, (*section, "base_url"), url)  # the default needs no line of its own
        put(raw, (*section, "client_id"), self.client_id.text().strip())
        if self.source == "mobilepay":
            msns = self.serial_numbers()
            one = msns[0] if len(msns) == 1 else None
            put(raw, (*section, "merchant_serial_number"), one)  # the one-unit form stays
            put(raw, (*section, "merchant_serial_numbers"), msns if len(msns) > 1 else None)
        typed = {f"providers.{self.source}.client_secret": self.client_secret.text()}
        if self.source == "mobilepay":
            typed[f"providers.{self.source}.subscription_key"] = self.subscription_key.text()
        return {name: value for name, value in typed.items() if value}

    # -- the connection test ----------------------------------------------------------------
    def test_connection(self) -> None:
        problems = self.problems()
        if self.mode() != API:
            return
        if problems:
            self._show(problems[0], BAD_STYLE)
            return
        source, url = self.source, self.base_url.text().strip()
        client_id = self.client_id.text().strip()
        secret = self.secret_value(self.client_secret, self.stored.client_secret)
        key = self.secret_value(self.subscription_key, self.stored.subscription_key)
        msns = self.serial_numbers()
        self._show(tr("Connecting…"), "")
        self.test.setEnabled(False)

        def work() -> connections.SourceAnswer:
            return connections.test_credentials(
                source, url, client_id, secret, subscription_key=key, merchant_serial_numbers=msns
            )

        self.tasks.run(work, success=self._answered, failure=self._failed, uses_database=False)

    def _answered(self, answer: connections.SourceAnswer) -> None:
        self.test.setEnabled(True)
        if self.source == "clearhaus":
            text = tr(
                "Connected: Clearhaus issued an access token; {0} settlement(s) paid out "
                "in the last 7 days"
            ).format(answer.payouts)
        else:
            text = tr(
                "Connected: Vipps MobilePay issued an access token; {0} payout(s) in the "
                "last 7 days"
            ).format(answer.payouts)
        if is_loopback_url(self.base_url.text().strip()):
            text += " " + tr("(a sandbox on this computer)")
        self._show(text, OK_STYLE)

    def _failed(self, failure: Failure) -> None:
        self.test.setEnabled(True)
        self._show(explain(failure.error)[0], BAD_STYLE)

    def _show(self, text: str, style: str) -> None:
        self.status.setStyleSheet(style)
        self.status.setText(text)


def _value_in(raw: TOMLDocument, keys: tuple[str, ...]) -> str | None:
    node: object = raw
    for key in keys:
        if not hasattr(node, "get"):
            return None
        node = node.get(key)
        if node is None:
            return None
    return str(node)
