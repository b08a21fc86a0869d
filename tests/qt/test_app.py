"""Starting the app: the self-test the packaged bundle runs, and the language choice."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from econdesk.qt.app import chosen_language, run_app
from econdesk.qt.ui_settings import ui_settings
from econdesk.qt.workspace import Period, Workspace


def test_self_test_opens_loads_and_closes(qtbot, review_db, capsys):
    period = Period.month_of(date(2026, 3, 15))
    code = run_app(Workspace(review_db), period=period, language="en", self_test=True)
    assert code == 0
    assert "30 matches, 40 bank lines, 40 platform lines" in capsys.readouterr().out


def test_self_test_fails_when_the_store_cannot_be_read(qtbot, review_db, capsys):
    review_db.engine.dispose()
    with review_db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE match_links")
    code = run_app(Workspace(review_db), language="en", self_test=True)
    assert code == 1
    assert "self-test failed" in capsys.readouterr().err


def test_language_menu_choice_wins_over_the_config(qtbot):
    assert chosen_language("da") == "da"
    ui_settings().setValue("language", "en")
    assert chosen_language("da") == "en"
    ui_settings().setValue("language", "xx")
    assert chosen_language(None) is None


@pytest.mark.slow
def test_demo_self_test_fetches_and_matches_the_scenario(qtbot, capsys):
    from econdesk.cli import main

    assert main(["demo", "--scenario", "tiny", "--self-test"]) == 0
    out = capsys.readouterr()
    assert (
        "sandboxes economic, stripe, frisbii, chargebee, clearhaus, mobilepay, rates on loopback"
        in out.err
    )
    line = next(x for x in out.out.splitlines() if x.startswith("self-test: main window open"))
    matches = int(line.split(", ")[1].split()[0])  # "…, 7 matches, …"
    assert matches > 0, line
    folder = Path(out.err.split("files in ", 1)[1].split()[0])
    assert folder.name.startswith("econdesk-demo-")
    assert not folder.exists()  # the window closed: the demo's folder is gone
