"""English and Danish: every text is in the catalogue, the .qm is built from it, the UI switches."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QLocale, Qt

import econdesk
from econdesk.domain.model import MatchState
from econdesk.errors import EcondeskError
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


# The layers whose refusals reach the user through the command line and the app. A reason
# raised or reported there is said with a catalogue text (say/say_text), so the test above
# holds it to a Danish translation; a plain English string would slip past it.
SAID_LAYERS = ("services", "storage", "accounting")


def _error_names() -> set[str]:
    for layer in SAID_LAYERS:
        package = importlib.import_module(f"econdesk.{layer}")
        for found in pkgutil.walk_packages(package.__path__, f"econdesk.{layer}."):
            if ".migrations" not in found.name:
                importlib.import_module(found.name)
    names: set[str] = set()
    todo = [EcondeskError]
    while todo:
        cls = todo.pop()
        names.add(cls.__name__)
        todo.extend(cls.__subclasses__())
    return names


# A system move's reason kept only in the audit log: the record as written, in English.
AUDIT_REASONS = ("withdraw", "take_over")


def _plain_text(node: ast.expr) -> bool:
    """English words of a literal, an f-string or a concatenation: not a catalogue text. An
    f-string that only joins values ("{subject}: {exc}") has no words of its own."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and re.search(r"[A-Za-z]", node.value) is not None
    if isinstance(node, ast.BinOp):
        return _plain_text(node.left) or _plain_text(node.right)
    if isinstance(node, ast.JoinedStr):
        return any(_plain_text(part) for part in node.values)
    return False


def _name(call: ast.Call) -> str:
    return call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")


def _unsaid(path: Path, errors: set[str]) -> list[str]:
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            call = node.exc
            refusal = _name(call) in errors or _name(call) == "fail"  # fail(...): an error
            if refusal and call.args and _plain_text(call.args[0]):
                found.append(f"{path.name}:{node.lineno}")
        if isinstance(node, ast.Call) and _name(node) not in AUDIT_REASONS:
            found += [
                f"{path.name}:{k.value.lineno} ({k.arg}=)"
                for k in node.keywords
                if k.arg in ("reason", "error") and _plain_text(k.value)
            ]
    return found


def test_the_store_and_the_services_say_their_refusals_with_catalogue_texts():
    errors = _error_names()
    assert {"NotFoundError", "ConcurrencyError", "PeriodLockedError", "PostingError"} <= errors
    root = Path(econdesk.__file__).parent
    unsaid = [
        where
        for layer in SAID_LAYERS
        for path in sorted((root / layer).rglob("*.py"))
        if "migrations" not in path.parts
        for where in _unsaid(path, errors)
    ]
    assert unsaid == [], 'raise these with say(QT_TRANSLATE_NOOP("CLI", ...), ...)'


def test_each_danish_text_shows_the_facts_its_english_shows():
    fields = re.compile(r"\{[^{}]*\}")
    root = ET.parse(translations.ts_file("da")).getroot()
    dropped = [
        source
        for message in root.iter("message")
        if set(fields.findall(source := message.findtext("source") or ""))
        != set(fields.findall(message.findtext("translation") or ""))
    ]
    assert dropped == []


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
