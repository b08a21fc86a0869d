"""The settings ask how each source is booked (settle, payments, sales, one sentence each) and
write `[providers.NAME] booking`; a real agreement is not saved with a source left unchosen."""

from __future__ import annotations

import tomllib

import pytest

from econdesk.config import load_config
from econdesk.domain.booking import BookingMode
from econdesk.qt.settings_dialog import SettingsDialog
from econdesk.qt.tasks import TaskManager

CONFIG = """
[economic]
base_url = "http://127.0.0.1:9"
app_secret_token = "demo"
agreement_grant_token = "demo"
bank_account = 5820
journal = 1
difference_account = 7290

[providers.stripe]
base_url = "http://127.0.0.1:9"
api_key = "sk_test_nothing_listens_here"
clearing_account = 5830
fee_account = 7220
{booking}
"""


def open_dialog(qtbot, path, sqlite_db) -> SettingsDialog:  # type: ignore[no-untyped-def]
    tasks = TaskManager()
    dialog = SettingsDialog(load_config(path), path, sqlite_db, tasks)
    qtbot.addWidget(dialog)
    dialog.load()
    qtbot.waitUntil(lambda: dialog.mappings.loaded is not None, timeout=5000)
    dialog.finished.connect(lambda _code: tasks.shutdown())
    return dialog


@pytest.fixture
def settle_path(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(CONFIG.format(booking='booking = "settle"'), encoding="utf-8")
    return path


def test_the_mode_in_force_is_ticked_and_a_new_choice_is_written(
    qtbot, settle_path, sqlite_db, screenshot_dir
):
    dialog = open_dialog(qtbot, settle_path, sqlite_db)
    (choice,) = dialog.bookings
    assert choice.source == "stripe" and choice.mode() is BookingMode.SETTLE
    sentences = [label.text() for label in choice.sentences.values()]
    assert len(set(sentences)) == 3 and all(s.endswith(".") for s in sentences)
    dialog.show()
    dialog.tabs.setCurrentIndex(2)
    qtbot.waitExposed(dialog)
    assert dialog.grab().save(str(screenshot_dir / "settings_booking_en.png"))
    choice.buttons[BookingMode.SALES].click()
    assert choice.mode() is BookingMode.SALES
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save()
    raw = tomllib.loads(settle_path.read_text(encoding="utf-8"))
    assert raw["providers"]["stripe"]["booking"] == "sales"
    assert load_config(settle_path).providers["stripe"].booking is BookingMode.SALES


def test_a_real_agreement_is_not_saved_without_a_choice(qtbot, tmp_path, sqlite_db):
    path = tmp_path / "config.toml"
    path.write_text(CONFIG.format(booking=""), encoding="utf-8")  # a sandbox may leave it out
    before = path.read_text(encoding="utf-8")
    dialog = open_dialog(qtbot, path, sqlite_db)
    (choice,) = dialog.bookings
    assert choice.mode() is None  # nothing ticked: no silent default
    dialog.economic_url.setText("https://restapi.e-conomic.com")
    dialog.save()
    assert "Choose how stripe is booked" in dialog.message.text()
    assert dialog.tabs.currentIndex() == 2
    assert path.read_text(encoding="utf-8") == before
    choice.buttons[BookingMode.PAYMENTS].click()
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save()
    config = load_config(path)
    assert config.providers["stripe"].booking is BookingMode.PAYMENTS
    assert config.economic.base_url == "https://restapi.e-conomic.com"
