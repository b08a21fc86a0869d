"""Settings for Clearhaus and Vipps MobilePay: typed in real widgets, tested against the
sandboxes over loopback, saved, read back; the secrets go to the secret store, not the file."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from econdesk.config import load_config
from econdesk.qt import i18n
from econdesk.qt.settings_dialog import SettingsDialog
from econdesk.qt.settings_sources import API, FILES, OFF
from econdesk.qt.tasks import TaskManager
from econdesk.sandbox.clearhaus.app import (
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    ClearhausData,
    ClearhausSandbox,
)
from econdesk.sandbox.economic import EconomicSandbox, generate_data
from econdesk.sandbox.mobilepay import app as mp
from econdesk.sandbox.ratelimit import BucketLimiter
from econdesk.secrets import default_store

SHOTS = Path("/tmp")


@pytest.fixture
def econ():
    with EconomicSandbox(
        generate_data(5, date(2026, 1, 1), date(2026, 6, 30), bank_entries=10)
    ) as running:
        yield running


@pytest.fixture
def clearhaus():
    with ClearhausSandbox(ClearhausData([])).server(limiter=BucketLimiter(500, 1.0)) as srv:
        yield srv


@pytest.fixture
def mobilepay():
    ledger = mp.SandboxLedger(id="302321", currency="DKK", msn=mp.DEMO_MSN)
    data = mp.MobilePayData([ledger])
    with mp.MobilePaySandbox(data).server(limiter=BucketLimiter(500, 1.0)) as srv:
        yield srv


def _config(tmp_path: Path, econ, extra: str = "") -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        f"""[economic]
base_url = "{econ.base_url}"
app_secret_token = "{econ.app_secret_token}"
bank_account = 5820
journal = 1
difference_account = 7290
{extra}""",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def open_dialog(qtbot, sqlite_db):
    made: list[TaskManager] = []

    def make(path: Path) -> SettingsDialog:
        tasks = TaskManager()
        made.append(tasks)
        dialog = SettingsDialog(load_config(path), path, sqlite_db, tasks)
        qtbot.addWidget(dialog)
        dialog.load()
        qtbot.waitUntil(lambda: dialog.mappings.loaded is not None, timeout=5000)
        return dialog

    yield make
    for tasks in made:
        tasks.shutdown()


def _test(qtbot, box) -> str:
    box.test.click()
    qtbot.waitUntil(box.test.isEnabled, timeout=15000)
    return box.status.text()


def _fill(dialog, clearhaus, mobilepay, *, secret=DEMO_CLIENT_SECRET) -> None:
    ch, mps = dialog.sources["clearhaus"], dialog.sources["mobilepay"]
    ch.modes[API].setChecked(True)
    ch.base_url.setText(clearhaus.base_url)
    ch.client_id.setText(DEMO_CLIENT_ID)
    ch.client_secret.setText(secret)
    mps.modes[API].setChecked(True)
    mps.base_url.setText(mobilepay.base_url)
    mps.client_id.setText(mp.DEMO_CLIENT_ID)
    mps.client_secret.setText(mp.DEMO_CLIENT_SECRET)
    mps.subscription_key.setText(mp.DEMO_SUBSCRIPTION_KEY)
    mps.msn.setText(mp.DEMO_MSN)


def test_typed_credentials_connect_save_and_stay_out_of_the_file(
    qtbot, tmp_path, econ, clearhaus, mobilepay, open_dialog
):
    path = _config(tmp_path, econ)
    dialog = open_dialog(path)
    assert dialog.sources["clearhaus"].mode() == OFF  # not configured: not used
    _fill(dialog, clearhaus, mobilepay)
    ch_text = _test(qtbot, dialog.sources["clearhaus"])
    assert ch_text.startswith("Connected: Clearhaus issued an access token"), ch_text
    mp_text = _test(qtbot, dialog.sources["mobilepay"])
    assert mp_text.startswith("Connected: Vipps MobilePay issued an access token"), mp_text
    assert clearhaus.exchanges("POST", "/oauth/token")  # a real token call over loopback
    assert mobilepay.exchanges("POST", "/accesstoken/get")
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save()
    text = path.read_text(encoding="utf-8")
    for secret in (DEMO_CLIENT_SECRET, mp.DEMO_CLIENT_SECRET, mp.DEMO_SUBSCRIPTION_KEY):
        assert secret not in text
    raw = tomllib.loads(text)
    assert raw["providers"]["clearhaus"]["client_id"] == DEMO_CLIENT_ID
    assert "client_secret" not in raw["providers"]["clearhaus"]
    assert raw["providers"]["mobilepay"]["merchant_serial_number"] == mp.DEMO_MSN
    assert "subscription_key" not in raw["providers"]["mobilepay"]
    reloaded = load_config(path)  # the secrets come back from the store
    ch, mps = reloaded.credential_providers["clearhaus"], reloaded.credential_providers["mobilepay"]
    assert ch.base_url == clearhaus.base_url and ch.client_secret.reveal() == DEMO_CLIENT_SECRET
    assert (ch.clearing_account, ch.fee_account) == (5831, 7220)
    assert mps.client_secret.reveal() == mp.DEMO_CLIENT_SECRET
    assert mps.subscription_key is not None
    assert mps.subscription_key.reveal() == mp.DEMO_SUBSCRIPTION_KEY
    assert default_store().get("providers.clearhaus.client_secret") == DEMO_CLIENT_SECRET
    again = open_dialog(path)  # reopened: the fields show what was saved
    box = again.sources["clearhaus"]
    assert box.mode() == API and box.client_id.text() == DEMO_CLIENT_ID
    assert box.client_secret.text() == "" and "keyring" in box.client_secret.placeholderText()
    assert _test(qtbot, box).startswith("Connected")  # with the stored secret


def test_a_wrong_secret_is_one_sentence_and_nothing_connects(
    qtbot, tmp_path, econ, clearhaus, mobilepay, open_dialog
):
    dialog = open_dialog(_config(tmp_path, econ))
    _fill(dialog, clearhaus, mobilepay, secret="not-the-secret")
    text = _test(qtbot, dialog.sources["clearhaus"])
    assert "not accepted" in text and "Connected" not in text
    assert "not-the-secret" not in text and "Traceback" not in text


def test_missing_credentials_are_named_in_english_and_danish_and_nothing_is_written(
    qtbot, tmp_path, econ, open_dialog
):
    path = _config(tmp_path, econ)
    before = path.read_text(encoding="utf-8")
    dialog = open_dialog(path)
    mps = dialog.sources["mobilepay"]
    mps.modes[API].setChecked(True)
    mps.client_id.setText("mp-client")
    mps.msn.setText("MSN 12")
    dialog.save()
    lines = dialog.message.text().splitlines()
    assert lines == [
        "Vipps MobilePay: type the client secret",
        "Vipps MobilePay: type the subscription key (Ocp-Apim-Subscription-Key)",
        "Vipps MobilePay: merchant serial numbers are digits only, separated by commas, "
        "e.g. 123456, 234567",
    ]
    assert path.read_text(encoding="utf-8") == before
    i18n.install_language("da")
    try:
        dialog.save()
        assert dialog.message.text().splitlines()[0] == (
            "Vipps MobilePay: skriv klienthemmeligheden"
        )
    finally:
        i18n.install_language("en")


def test_several_sales_units_are_typed_comma_separated_and_saved_as_a_list(
    qtbot, tmp_path, econ, clearhaus, open_dialog
):
    shop = mp.SandboxLedger(id="302321", currency="DKK", msn=mp.DEMO_MSN)
    web = mp.SandboxLedger(id="302322", currency="DKK", msn="234567")
    data = mp.MobilePayData([shop, web])
    with mp.MobilePaySandbox(data).server(limiter=BucketLimiter(500, 1.0)) as mobilepay:
        path = _config(tmp_path, econ)
        dialog = open_dialog(path)
        _fill(dialog, clearhaus, mobilepay)
        mps = dialog.sources["mobilepay"]
        mps.msn.setText(f"{mp.DEMO_MSN}, 234567, {mp.DEMO_MSN}")
        assert mps.problems() == ["Vipps MobilePay: a merchant serial number is listed twice"]
        mps.msn.setText(f" {mp.DEMO_MSN},234567 ")
        text = _test(qtbot, mps)
        assert text.startswith("Connected: Vipps MobilePay"), text
        asked = [e.target for e in mobilepay.exchanges("GET", "/settlement/v1/ledgers")]
        assert any("api%3A234567" in t for t in asked) and any("api%3A123456" in t for t in asked)
        with qtbot.waitSignal(dialog.saved, timeout=10000):
            dialog.save()
        raw = tomllib.loads(path.read_text(encoding="utf-8"))["providers"]["mobilepay"]
        assert raw["merchant_serial_numbers"] == [mp.DEMO_MSN, "234567"]
        assert "merchant_serial_number" not in raw
        reloaded = load_config(path).credential_providers["mobilepay"]
        assert reloaded.merchant_serial_numbers == (mp.DEMO_MSN, "234567")
        again = open_dialog(path)
        box = again.sources["mobilepay"]
        assert box.msn.text() == f"{mp.DEMO_MSN}, 234567"
        box.msn.setText("234567")  # back to one unit: the single key again
        with qtbot.waitSignal(again.saved, timeout=10000):
            again.save()
        raw = tomllib.loads(path.read_text(encoding="utf-8"))["providers"]["mobilepay"]
        assert raw["merchant_serial_number"] == "234567"
        assert "merchant_serial_numbers" not in raw


def test_clearhaus_from_files_stays_selectable_and_replaces_the_api_keys(
    qtbot, tmp_path, econ, open_dialog
):
    extra = """
[providers.clearhaus]
client_id = "old-client"
client_secret = "old-secret-in-the-file"
reserve_account = 5835
clearing_account = 5831
fee_account = 7220
"""
    path = _config(tmp_path, econ, extra)
    dialog = open_dialog(path)
    box = dialog.sources["clearhaus"]
    assert box.mode() == API and not box.is_new
    box.modes[FILES].setChecked(True)
    assert box.folder.isVisible() is box.isVisible()  # the folder row is the one shown
    dialog.save()
    assert "choose the folder" in dialog.message.text()
    (tmp_path / "exports").mkdir()
    box.folder.setText(str(tmp_path / "exports"))
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save()
    config = load_config(path)
    assert "clearhaus" not in config.credential_providers
    assert config.file_providers["clearhaus"].settlements_folder == tmp_path / "exports"
    text = path.read_text(encoding="utf-8")
    assert "client_id" not in text and "old-secret" not in text and "5831" in text


def test_a_typed_secret_replaces_the_one_in_the_file(qtbot, tmp_path, econ, mobilepay, open_dialog):
    extra = f"""
[providers.mobilepay]
base_url = "{mobilepay.base_url}"
client_id = "{mp.DEMO_CLIENT_ID}"
client_secret = "old-secret-in-the-file"
subscription_key = "{mp.DEMO_SUBSCRIPTION_KEY}"
clearing_account = 5840
fee_account = 7220
"""
    path = _config(tmp_path, econ, extra)
    dialog = open_dialog(path)
    box = dialog.sources["mobilepay"]
    assert "Connected" not in _test(qtbot, box)  # the file's secret is wrong
    box.client_secret.setText(mp.DEMO_CLIENT_SECRET)
    assert _test(qtbot, box).startswith("Connected")
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save()
    text = path.read_text(encoding="utf-8")
    assert "old-secret-in-the-file" not in text and mp.DEMO_SUBSCRIPTION_KEY in text
    config = load_config(path)
    assert config.credential_providers["mobilepay"].client_secret.reveal() == (
        mp.DEMO_CLIENT_SECRET
    )


def test_sources_screenshots_in_english_and_danish(
    qtbot, tmp_path, econ, clearhaus, mobilepay, open_dialog, screenshot_dir
):
    path = _config(tmp_path, econ)
    for language in ("en", "da"):
        i18n.install_language(language)  # as the app does before it opens the dialog
        try:
            dialog = open_dialog(path)
            dialog.resize(860, 1000)
            dialog.show()
            dialog.tabs.setCurrentIndex(2)
            _fill(dialog, clearhaus, mobilepay)
            answer = _test(qtbot, dialog.sources["clearhaus"])
            dialog.sources["mobilepay"].client_secret.clear()
            dialog.save()  # the problem is shown under the tabs, nothing is written
            if language == "da":
                assert dialog.sources["clearhaus"].test.text() == "Test forbindelse"
                assert answer.startswith("Forbundet: Clearhaus udstedte et adgangstoken")
                assert dialog.message.text() == "Vipps MobilePay: skriv klienthemmeligheden"
            shot = dialog.grab()
            assert shot.save(str(SHOTS / f"sourcecheck_settings_sources_{language}.png"))
            assert shot.save(str(screenshot_dir / f"settings_sources_{language}.png"))
            dialog.close()
        finally:
            i18n.install_language("en")


def test_a_new_source_for_a_real_agreement_asks_how_it_is_booked(
    qtbot, tmp_path, econ, clearhaus, mobilepay, open_dialog
):
    from econdesk.domain.booking import BookingMode

    dialog = open_dialog(_config(tmp_path, econ))
    assert [c.source for c in dialog.bookings] == []  # no source in use: nothing to ask
    _fill(dialog, clearhaus, mobilepay)
    dialog.sources["mobilepay"].modes[OFF].setChecked(True)
    assert [c.source for c in dialog.bookings] == ["clearhaus"]
    dialog.economic_url.setText("https://restapi.e-conomic.com")
    dialog.save()
    assert "Choose how clearhaus is booked" in dialog.message.text()
    dialog.bookings[0].buttons[BookingMode.SETTLE].click()  # no Frisbii in front: refused
    assert dialog.bookings[0].mode() is None
    dialog.economic_url.setText(econ.base_url)  # back to the sandbox: no rates needed
    dialog.bookings[0].buttons[BookingMode.PAYMENTS].click()
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save()
    config = load_config(dialog.path)
    assert config.credential_providers["clearhaus"].booking is BookingMode.PAYMENTS
    assert "mobilepay" not in config.credential_providers


def test_clearhaus_or_mobilepay_alone_count_as_configured_sources(
    qtbot, tmp_path, econ, mobilepay, open_dialog
):
    dialog = open_dialog(_config(tmp_path, econ))  # no source at all
    dialog.show()
    dialog.tabs.setCurrentIndex(2)
    assert dialog.no_platforms.isVisible()
    dialog.sources["clearhaus"].modes[FILES].setChecked(True)  # chosen here: counts at once
    assert not dialog.no_platforms.isVisible()
    dialog.sources["clearhaus"].modes[OFF].setChecked(True)
    assert dialog.no_platforms.isVisible()
    dialog.close()
    extra = f"""
[providers.mobilepay]
base_url = "{mobilepay.base_url}"
client_id = "{mp.DEMO_CLIENT_ID}"
client_secret = "{mp.DEMO_CLIENT_SECRET}"
subscription_key = "{mp.DEMO_SUBSCRIPTION_KEY}"
clearing_account = 5840
fee_account = 7220
"""
    only_mobilepay = open_dialog(_config(tmp_path, econ, extra))
    only_mobilepay.show()
    only_mobilepay.tabs.setCurrentIndex(2)
    assert only_mobilepay.has_sources() and not only_mobilepay.no_platforms.isVisible()


def test_the_dialog_follows_a_language_switched_while_it_is_open(
    qtbot, tmp_path, econ, open_dialog
):
    dialog = open_dialog(_config(tmp_path, econ))
    assert dialog.windowTitle() == "Settings"
    try:
        i18n.install_language("da")  # e.g. the View menu, with the dialog open
        qtbot.waitUntil(lambda: dialog.windowTitle() == "Indstillinger", timeout=2000)
        assert dialog.tabs.tabText(0) == "Generelt"
        assert dialog.economic_test.text() == "Test forbindelse"
        assert dialog.sources["clearhaus"].modes[OFF].text() == "Bruges ikke"
    finally:
        i18n.install_language("en")
    qtbot.waitUntil(lambda: dialog.tabs.tabText(0) == "General", timeout=2000)


def test_an_existing_source_shows_only_its_modes_fields(qtbot, tmp_path, econ, open_dialog):
    extra = """
[providers.clearhaus]
client_id = "client"
client_secret = "secret"
clearing_account = 5831
fee_account = 7220
"""
    dialog = open_dialog(_config(tmp_path, econ, extra))
    dialog.show()
    dialog.tabs.setCurrentIndex(2)
    box = dialog.sources["clearhaus"]
    assert box.mode() == API and not box.is_new
    # its accounts are edited on Mappings: no stray account box over the group's title
    assert not box.clearing.isVisible() and not box.fee.isVisible()
    folder_label = box.form.labelForField(box.folder_row)
    assert folder_label is not None and not folder_label.isVisible()
    assert box.form.labelForField(box.client_id).isVisible()
    box.modes[FILES].setChecked(True)
    assert folder_label.isVisible() and not box.form.labelForField(box.client_id).isVisible()


# -- Clearhaus or Vipps MobilePay without a gateway in front: its own transactions are sales --

FRISBII = """
[providers.frisbii]
base_url = "http://127.0.0.1:9"
api_key = "priv_test_nothing_listens_here"
clearing_account = 5831
fee_account = 7220
booking = "settle"
"""


def _load_chart(qtbot, dialog, econ) -> None:
    dialog.grant.setText(econ.agreement_grant_token)
    dialog.economic_test.click()
    qtbot.waitUntil(dialog.economic_test.isEnabled, timeout=10000)
    assert dialog.economic_status.text().startswith("Connected to ")


def test_clearhaus_alone_refuses_settle_and_books_its_sales_on_a_checked_account(
    qtbot, tmp_path, econ, clearhaus, mobilepay, open_dialog
):
    from econdesk.config import build_mappings
    from econdesk.domain.booking import BookingMode
    from econdesk.domain.links import OWN_SALES_PLAN

    path = _config(tmp_path, econ)
    dialog = open_dialog(path)
    dialog.show()
    dialog.tabs.setCurrentIndex(2)
    dialog.sources["clearhaus"].modes[FILES].setChecked(True)  # the CSV import: settle is fine
    (choice,) = dialog.bookings
    choice.buttons[BookingMode.SETTLE].click()
    assert choice.mode() is BookingMode.SETTLE
    _fill(dialog, clearhaus, mobilepay)  # now over the API, with no gateway in front
    dialog.sources["mobilepay"].modes[OFF].setChecked(True)
    assert choice.mode() is None  # settle is unticked: the source is asked again
    settle, reason = choice.buttons[BookingMode.SETTLE], choice.reasons[BookingMode.SETTLE]
    assert not settle.isEnabled() and reason.isVisible()
    assert reason.text() == (
        "Not available: without Frisbii in front, no integration books the sales of Clearhaus."
    )
    own = dialog.own_sales["clearhaus"]
    assert not own.isVisible()  # asked only once "sales" is chosen
    choice.buttons[BookingMode.SALES].click()
    assert own.isVisible() and own.revenue.isVisible() and own.vat.isVisible()
    before = path.read_text(encoding="utf-8")
    dialog.save()  # no account, none in [posting]: asked before anything is written
    assert dialog.message.text() == (
        "Clearhaus: choose the revenue account its own sales are booked on"
    )
    assert path.read_text(encoding="utf-8") == before
    _load_chart(qtbot, dialog, econ)
    assert own.revenue.findData("1040") >= 0 and own.vat.findData("U25") >= 0
    own.revenue.set_code(1080)  # barred in the agreement
    own.vat.set_code("X99")
    dialog.save()
    assert dialog.message.text().splitlines() == [
        "Clearhaus: the agreement has no revenue account 1080 (or it is barred)",
        "Clearhaus: the agreement has no VAT code X99 (or it is barred)",
    ]
    assert path.read_text(encoding="utf-8") == before
    own.revenue.set_code(1040)
    own.vat.set_code("U25")
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save()
    raw = tomllib.loads(path.read_text(encoding="utf-8"))["providers"]["clearhaus"]
    assert (raw["booking"], raw["revenue_account"], raw["vat_code"]) == ("sales", 1040, "U25")
    config = load_config(path)
    own_plan = [p for p in build_mappings(config).plans if p.plan == OWN_SALES_PLAN]
    assert [(p.provider, p.revenue_account, p.vat_code) for p in own_plan] == [
        ("clearhaus", 1040, "U25")
    ]
    again = open_dialog(path)  # reopened: the own sales' account and code are shown
    assert again.own_sales["clearhaus"].revenue.code() == "1040"
    assert again.own_sales["clearhaus"].vat.code() == "U25"
    again.sources["clearhaus"].modes[FILES].setChecked(True)  # the CSV import: not alone
    assert again.bookings[0].buttons[BookingMode.SETTLE].isEnabled()
    assert not again.own_sales["clearhaus"].isVisibleTo(again)
    (tmp_path / "exports").mkdir()
    again.sources["clearhaus"].folder.setText(str(tmp_path / "exports"))
    with qtbot.waitSignal(again.saved, timeout=10000):
        again.save()
    raw = tomllib.loads(path.read_text(encoding="utf-8"))["providers"]["clearhaus"]
    assert "revenue_account" not in raw and "vat_code" not in raw  # the import takes neither


def test_mobilepay_alone_may_leave_its_account_to_posting_and_speaks_danish(
    qtbot, tmp_path, econ, clearhaus, mobilepay, open_dialog
):
    from econdesk.domain.booking import BookingMode

    path = _config(tmp_path, econ, '\n[posting]\nrevenue_account = 1010\nvat_code = "U25"\n')
    i18n.install_language("da")
    try:
        dialog = open_dialog(path)
        dialog.resize(860, 1400)
        dialog.show()
        dialog.tabs.setCurrentIndex(2)
        _fill(dialog, clearhaus, mobilepay)
        dialog.sources["clearhaus"].modes[OFF].setChecked(True)
        (choice,) = dialog.bookings
        assert choice.source == "mobilepay"
        assert not choice.buttons[BookingMode.SETTLE].isEnabled()
        assert choice.reasons[BookingMode.SETTLE].text() == (
            "Ikke muligt: uden Frisbii foran bogfører ingen integration salget fra Vipps MobilePay."
        )
        choice.buttons[BookingMode.SALES].click()
        own = dialog.own_sales["mobilepay"]
        assert own.form.labelForField(own.revenue).text() == "Omsætningskonto for eget salg"
        line = own.revenue.lineEdit()
        assert line is not None and line.placeholderText() == "tom: 1010 fra [posting]"
        own.revenue.setEditText("salg")
        dialog.save()
        assert dialog.message.text() == (
            "Vipps MobilePay: omsætningskontoen skal være et kontonummer, fx 1010"
        )
        own.revenue.setEditText("")
        own.vat.setEditText("U25")  # ignored without its own account: said so
        dialog.save()
        assert dialog.message.text() == (
            "Vipps MobilePay: en momskode kræver sin omsætningskonto (eller lad begge stå tomme)"
        )
        own.vat.setEditText("")  # [posting] revenue_account and vat_code book them
        scroll = dialog.tabs.currentWidget()
        scroll.ensureWidgetVisible(choice)
        assert dialog.grab().save("/tmp/alonesettings_da.png")
        with qtbot.waitSignal(dialog.saved, timeout=10000):
            dialog.save()
    finally:
        i18n.install_language("en")
    raw = tomllib.loads(path.read_text(encoding="utf-8"))["providers"]["mobilepay"]
    assert raw["booking"] == "sales" and "revenue_account" not in raw
    config = load_config(path)
    assert config.credential_providers["mobilepay"].booking is BookingMode.SALES


def test_with_frisbii_in_front_settle_is_offered_and_no_own_account_is_asked(
    qtbot, tmp_path, econ, clearhaus, mobilepay, open_dialog
):
    from econdesk.domain.booking import BookingMode

    path = _config(tmp_path, econ, FRISBII)
    dialog = open_dialog(path)
    dialog.show()
    dialog.tabs.setCurrentIndex(2)
    assert dialog.gateway_in_front()
    _fill(dialog, clearhaus, mobilepay)
    for source in ("clearhaus", "mobilepay"):
        choice = next(c for c in dialog.bookings if c.source == source)
        assert choice.buttons[BookingMode.SETTLE].isEnabled()
        assert not choice.reasons[BookingMode.SETTLE].isVisible()
        choice.buttons[BookingMode.SALES].click()  # Frisbii's items are the sales
        assert not dialog.own_sales[source].isVisible()
        choice.buttons[BookingMode.SETTLE].click()
        assert choice.mode() is BookingMode.SETTLE
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save()
    config = load_config(path)
    assert config.credential_providers["clearhaus"].booking is BookingMode.SETTLE
    assert config.credential_providers["mobilepay"].booking is BookingMode.SETTLE
