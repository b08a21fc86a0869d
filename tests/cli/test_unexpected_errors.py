"""An unexpected failure reads as one line: what failed and where the traceback is; no SQL,
no parameters (they hold customer names and amounts)."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

from econdesk.cli import main
from econdesk.sandbox.serve import ServeOptions, start, stop_all
from econdesk.storage import open_database


def test_a_database_failure_during_sync_is_one_line_and_the_detail_is_in_the_log(
    tmp_path: Path, econdesk_home: Path
) -> None:
    path = tmp_path / "econdesk.sqlite3"
    url = f"sqlite:///{path}"
    running = start(ServeOptions(scenario="tiny", seed=7))
    try:
        config = tmp_path / "config.toml"
        lines = []
        for sandbox in running:
            lines.append(f"[{sandbox.config_table}]")
            lines.extend(f"{k} = {json.dumps(v)}" for k, v in sandbox.config.items())
        config.write_text("\n".join(lines) + "\n", encoding="utf-8")
        open_database(url, actor="tester").dispose()
        with sqlite3.connect(path) as conn:  # the database refuses every new platform item
            conn.execute(
                "CREATE TRIGGER refuse BEFORE INSERT ON platform_items "
                "BEGIN SELECT RAISE(ABORT, 'refused by a trigger'); END"
            )
        out, err = io.StringIO(), io.StringIO()
        argv = ["--config", str(config), "--db", url, "sync", "--from", "2026-03-01"]
        code = main([*argv, "--to", "2026-03-31"], stdout=out, stderr=err)
    finally:
        stop_all(running)
    assert code == 1
    said = [line for line in err.getvalue().splitlines() if line.startswith("econdesk:")]
    log = econdesk_home / "logs" / "econdesk.log"
    assert said == [
        f"econdesk: sync failed unexpectedly (IntegrityError); the details are in {log}"
    ]  # one line (the other lines are the sources' progress)
    everything = out.getvalue() + err.getvalue()
    for private in ("INSERT", "platform_items", "customer", "ApS", "refused by a trigger"):
        assert private not in everything
    written = log.read_text(encoding="utf-8")
    assert "Traceback" in written and "INSERT INTO platform_items" in written
    assert log.stat().st_mode & 0o777 == 0o600
