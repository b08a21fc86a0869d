"""No personal data in the logs at any level: a whole sync -> match -> approve -> post run
logged at DEBUG names no customer of the scenario, by name or e-mail address."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest

from econdesk.sandbox.scenario import load_scenario
from tests.acceptance.harness import Econdesk, ServedSandboxes
from tests.acceptance.test_workflow import Workflow


def test_a_debug_log_of_a_whole_run_holds_no_personal_data(
    econdesk_in_process: Econdesk,
    served: ServedSandboxes,
    scenario_file: Path,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    scenario = load_scenario(scenario_file)
    w = Workflow(econdesk_in_process, served, scenario, tmp_path, "--db", str(tmp_path / "b.db"))
    w.init()
    caplog.set_level(logging.DEBUG)  # every logger, every level, the HTTP libraries' too
    w.sync()
    w("match")
    w("approve", *[m["id"] for m in w.matches("proposed")])
    w("post", expect=None)  # one approved payout without a breakdown stays unposted
    assert w.matches("posted"), "the run posted vouchers"
    records = caplog.records
    assert len(records) > 20 and any(r.levelno == logging.DEBUG for r in records), (
        "the log was really captured at DEBUG"
    )
    log = "\n".join(
        caplog.handler.format(r) if r.exc_info is None else f"{r.getMessage()} {r.exc_text}"
        for r in records
    ).casefold()
    people = {c.email for c in scenario.customers}
    people |= {f"{c.first_name} {c.last_name}" for c in scenario.customers}
    people |= {c.company for c in scenario.customers if c.company}
    with sqlite3.connect(tmp_path / "b.db") as books:
        stored = {name for (name,) in books.execute("SELECT customer_name FROM platform_items")}
    assert stored & people, "the run handled these people's names (so the scan can fail)"
    leaked = sorted(p for p in people if p.casefold() in log)
    assert leaked == []
