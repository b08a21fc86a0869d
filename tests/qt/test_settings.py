"""Settings against the e-conomic sandbox: test connection, the agreement's real lists, saving."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from econdesk.config import load_config, parse_config
from econdesk.qt import config_file
from econdesk.qt.settings_dialog import SettingsDialog
from econdesk.qt.tasks import TaskManager
from econdesk.sandbox.economic import EconomicSandbox, generate_data


@pytest.fixture
def econ():
    with EconomicSandbox(
        generate_data(5, date(2026, 1, 1), date(2026, 6, 30), bank_entries=40)
    ) as running:
        yield running


@pytest.fixture
def config_path(tmp_path, econ):
    path = tmp_path / "config.toml"
    path.write_text(
        f"""
[economic]
base_url = "{econ.base_url}"
journals_url = "{econ.journals_url}"
app_secret_token = "{econ.app_secret_token}"
bank_account = 5820
journal = 1
difference_account = 7290

[providers.stripe]
base_url = "http://127.0.0.1:9"
api_key = "sk_test_nothing_listens_here"
clearing_account = 5830
fee_account = 7220
booking = "settle"
fee_vat_code = "IEUY"
""",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def dialog(qtbot, config_path, sqlite_db):
    tasks = TaskManager()
    dlg = SettingsDialog(load_config(config_path), config_path, sqlite_db, tasks)
    qtbot.addWidget(dlg)
    dlg.load()
    qtbot.waitUntil(lambda: dlg.mappings.loaded is not None, timeout=5000)
    yield dlg
    tasks.shutdown()


def test_test_connection_answers_and_fills_the_agreement_lists(qtbot, dialog, econ):
    dialog.grant.setText(econ.agreement_grant_token)  # typed: the file holds only the secret
    dialog.economic_test.click()
    qtbot.waitUntil(dialog.economic_test.isEnabled, timeout=10000)
    assert dialog.economic_status.text().startswith("Connected to ")
    assert "accounts" in dialog.economic_status.text()
    assert dialog.bank_account.count() > 10
    assert dialog.bank_account.known and "5820" in dialog.bank_account.known
    assert dialog.journal.count() >= 1
    assert dialog.mappings.problems.text()  # checked against the chart: fits, or says what not


def test_wrong_token_is_a_clear_sentence(qtbot, dialog):
    dialog.grant.setText("not-a-real-grant")
    dialog.economic_test.click()
    qtbot.waitUntil(dialog.economic_test.isEnabled, timeout=10000)
    text = dialog.economic_status.text()
    assert "Connected" not in text and text
    assert "Traceback" not in text


def test_unreachable_platform_says_so(qtbot, dialog):
    stripe = dialog.platforms[0]
    stripe.test.click()
    qtbot.waitUntil(lambda: stripe.status.text() not in ("", "Connecting…"), timeout=20000)
    assert "answered" not in stripe.status.text()


def test_save_writes_a_config_econdesk_reads_and_keeps_typed_secrets_out_of_it(
    qtbot, dialog, config_path
):
    dialog.actor.setText("Mette Bogholder")
    dialog.auto_threshold.setValue(0.9)
    dialog.grant.setText("typed-grant-token")
    row = 0
    dialog.mappings.providers.item(row, 1).setText("5831")
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save()
    raw = tomllib.loads(config_path.read_text(encoding="utf-8"))
    assert raw["app"]["actor"] == "Mette Bogholder"
    assert "agreement_grant_token" not in raw["economic"]  # went to the secret store
    config = load_config(config_path)
    assert config.economic.agreement_grant_token.reveal() == "typed-grant-token"
    assert config.matching.auto_threshold == 0.9
    assert config_path.stat().st_mode & 0o777 == 0o600
    mappings = dialog.mapping_service.current()
    assert mappings.provider("stripe").clearing_account == 5831
    stored = dialog.mapping_service.version(mappings.version).provider("stripe")
    assert stored.booking == "settle" and stored.fee_vat_code == "IEUY"  # kept as loaded
    assert mappings.version >= 2  # the config's state became a version, then the edit


def test_a_wrong_cell_is_named_and_nothing_is_written(qtbot, dialog, config_path):
    before = config_path.read_text(encoding="utf-8")
    dialog.mappings.providers.item(0, 2).setText("fees")
    dialog.save()
    assert "Fee account in row 1 must be a number" in dialog.message.text()
    assert config_path.read_text(encoding="utf-8") == before


def test_render_round_trips_through_econdesk_reader(tmp_path, config_path):
    raw = config_file.read_raw(config_path)
    config_file.set_key(
        raw, ("providers", "stripe", "plans", "pro.yearly", "revenue_account"), 1010
    )
    out = tmp_path / "out.toml"
    config = config_file.save(out, raw)
    assert config.providers["stripe"].plans["pro.yearly"].revenue_account == 1010
    assert config_file.read_raw(out) == raw


COMMENTED = """\
# Our books: econdesk settings, kept by hand.

[app]
actor = "Mette Bogholder"   # who the audit log names
language = "da"

# The agreement
[economic]
base_url = "{base_url}"
journals_url = "{journals_url}"
app_secret_token = "{token}"
bank_account = 5820      # Bank
journal = 1
difference_account = 7290   # Øreafrunding

[providers.stripe]
base_url = "http://127.0.0.1:9"
api_key = "sk_test_nothing_listens_here"
clearing_account = 5830
fee_account = 7220
# tolerance_fixed = "0.50"

[matching]
# how sure before it approves by itself
auto_threshold = 0.85
auto_margin = 0.15
payout_window_days = 3
payment_window_days = 5

[posting]
profile = "clearing"
"""


@pytest.fixture
def commented(tmp_path, econ, sqlite_db):
    path = tmp_path / "commented.toml"
    text = COMMENTED.format(
        base_url=econ.base_url, journals_url=econ.journals_url, token=econ.app_secret_token
    )
    path.write_text(text, encoding="utf-8")
    tasks = TaskManager()
    dlg = SettingsDialog(load_config(path), path, sqlite_db, tasks)
    dlg.load()
    yield dlg, path, text
    tasks.shutdown()


def _save(qtbot, dlg):
    with qtbot.waitSignal(dlg.saved, timeout=10000):
        dlg.save()


def test_a_save_keeps_the_users_comments_order_and_blank_lines(qtbot, commented):
    dlg, path, text = commented
    qtbot.addWidget(dlg)
    before = load_config(path)
    _save(qtbot, dlg)  # nothing changed: not a byte changes
    assert path.read_text(encoding="utf-8") == text
    dlg.actor.setText("Jens Revisor")
    dlg.auto_threshold.setValue(0.9)
    dlg.grant.setText("typed-grant-token")  # to the secret store, not the file
    _save(qtbot, dlg)
    expected = text.replace('"Mette Bogholder"', '"Jens Revisor"').replace(
        "auto_threshold = 0.85", "auto_threshold = 0.9"
    )
    assert path.read_text(encoding="utf-8") == expected
    after = load_config(path)
    assert repr(after) == repr(parse_config(expected, path=path))
    assert after.app.actor == "Jens Revisor" and after.matching.auto_threshold == 0.9
    assert after.economic.agreement_grant_token.reveal() == "typed-grant-token"
    assert repr(replace(after, app=before.app, matching=before.matching)) == repr(before)


def test_new_keys_and_tables_go_at_the_end_of_their_table_set_off_by_blank_lines(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(
        "[providers.stripe]  # the shop\n"
        "base_url = 'http://127.0.0.1:9'\n"
        "booking = 'settle'\n"
        "clearing_account = 5830\n"
        "fee_account = 7220\n"
        "[matching]\n"
        "auto_margin = 0.15  # rivals this close block an automatic approval\n",
        encoding="utf-8",
    )
    raw = config_file.read_raw(path)
    put = config_file.set_key
    put(raw, ("providers", "stripe", "plans", "pro.yearly", "revenue_account"), 1010)
    put(raw, "providers.stripe.fee_account", None)
    put(raw, "providers.stripe.fee_account", 7225)
    put(raw, "matching.auto_margin", Decimal("0.20"))
    put(raw, "database.url", None)  # removing what is not there adds no table
    put(raw, "app.actor", "Mette")
    config = config_file.save(path, raw)
    assert path.read_text(encoding="utf-8") == (
        "[providers.stripe]  # the shop\n"
        "base_url = 'http://127.0.0.1:9'\n"
        "booking = 'settle'\n"
        "clearing_account = 5830\n"
        "fee_account = 7225\n"
        "\n"
        '[providers.stripe.plans."pro.yearly"]\n'
        "revenue_account = 1010\n"
        "\n"
        "[matching]\n"
        "auto_margin = 0.20  # rivals this close block an automatic approval\n"
        "\n"
        "[app]\n"
        'actor = "Mette"\n'
    )
    assert config.providers["stripe"].plans["pro.yearly"].revenue_account == 1010
    assert config.matching.auto_margin == 0.2 and config.app.actor == "Mette"


def test_dotted_keys_and_inline_tables_are_edited_where_they_stand(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(
        "economic.bank_account = 5820  # dotted\n"
        "economic.journal = 1\n"
        "\n"
        "[providers]\n"
        'stripe = { base_url = "http://127.0.0.1:9", booking = "sales", '
        "clearing_account = 5830, fee_account = 7220 }\n",
        encoding="utf-8",
    )
    raw = config_file.read_raw(path)
    config_file.set_key(raw, "economic.journal", 2)
    config_file.set_key(raw, ("providers", "stripe", "plans", "gold", "revenue_account"), 1010)
    config = config_file.save(path, raw)
    assert path.read_text(encoding="utf-8") == (
        "economic.bank_account = 5820  # dotted\n"
        "economic.journal = 2\n"
        "\n"
        "[providers]\n"
        'stripe = { base_url = "http://127.0.0.1:9", booking = "sales", '
        "clearing_account = 5830, fee_account = 7220, "
        "plans = {gold = {revenue_account = 1010}}}\n"
    )
    assert config.economic.journal == 2
    assert config.providers["stripe"].plans["gold"].revenue_account == 1010


def test_a_new_config_file_starts_with_a_comment_saying_who_wrote_it(tmp_path):
    path = tmp_path / "new" / "config.toml"
    raw = config_file.read_raw(path)
    config_file.set_key(raw, "economic.bank_account", 5820)
    assert config_file.save(path, raw).economic.bank_account == 5820
    assert path.read_text(encoding="utf-8") == (
        f"# {config_file.HEADER}\n\n[economic]\nbank_account = 5820\n"
    )


def test_settings_screenshots(qtbot, dialog, econ, screenshot_dir):
    dialog.grant.setText(econ.agreement_grant_token)
    dialog.show()
    dialog.tabs.setCurrentIndex(1)
    dialog.economic_test.click()
    qtbot.waitUntil(dialog.economic_test.isEnabled, timeout=10000)
    assert dialog.grab().save(str(screenshot_dir / "settings_economic_en.png"))
    dialog.tabs.setCurrentIndex(3)
    assert dialog.grab().save(str(screenshot_dir / "settings_mappings_en.png"))


def test_open_invoices_from_e_conomic_can_be_switched_off_and_on(qtbot, dialog, config_path):
    assert dialog.open_invoices.isChecked()  # on by default
    assert dialog.open_invoices.text() == "Match transfers to the invoices booked in e-conomic"
    dialog.open_invoices.setChecked(False)
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save()
    assert load_config(config_path).economic.open_invoices is False
    tasks = TaskManager()
    reopened = SettingsDialog(load_config(config_path), config_path, dialog.db, tasks)
    qtbot.addWidget(reopened)
    assert not reopened.open_invoices.isChecked()
    tasks.shutdown()
