"""English and Danish: every text is in the catalogue, the .qm is built from it, the UI switches."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET

from PySide6.QtCore import QLocale, Qt

from econdesk.domain.model import MatchState
from econdesk.qt import i18n, translations
from econdesk.qt.models.matches import AMOUNT


def test_the_danish_catalogue_holds_every_text_of_the_code(tmp_path):
    committed = translations.ts_file("da")
    fresh = tmp_path / "econdesk_da.ts"
    shutil.copyfile(committed, fresh)
    translations.update("da", fresh)  # what `python -m econdesk.qt.translations update` does
    assert fresh.read_bytes() == committed.read_bytes(), (
        "run: python -m econdesk.qt.translations update"
    )
    unfinished = [
        m.findtext("source")
        for m in ET.parse(committed).getroot().iter("message")
        if m.find("translation").get("type") == "unfinished" or not m.findtext("translation")
    ]
    assert unfinished == []


def test_the_qm_is_compiled_from_the_committed_ts(tmp_path):
    qm = tmp_path / "econdesk_da.qm"
    translations.release("da", qm=qm)
    assert qm.read_bytes() == translations.qm_file("da").read_bytes(), (
        "run: python -m econdesk.qt.translations release"
    )


def test_switching_language_translates_the_window_and_formats_in_danish(qtbot, window):
    win = window
    win.language_actions["da"].trigger()
    try:
        assert QLocale().language() == QLocale.Language.Danish
        assert win.actions_by_name["approve"].text() == "&Godkend"
        assert win.review_menu.title() == "&Gennemgang"
        assert win.proposals.proxy.headerData(AMOUNT, Qt.Orientation.Horizontal) == "Beløb"
        assert win.state_filter.buttons["proposed"].text().startswith("Foreslået")
        assert win.period_bar.preset.itemText(0) == "Denne måned"
        proposed = next(m for m in win.match_model.rows if m.state is MatchState.PROPOSED)
        row = win.match_model.row_of(proposed.id)
        amount = win.match_model.index(row, AMOUNT).data()
        assert amount.endswith(" DKK") and "," in amount  # "1.234,56 DKK"
        assert win.period_bar.start.displayFormat() == "dd.MM.yyyy"
        assert win.lines_panel.open_only.text() == "Kun åbne"
    finally:
        win.language_actions["en"].trigger()
    assert win.actions_by_name["approve"].text() == "&Approve"
    assert i18n.current_language() == "en"
