"""init, status and audit on the command line, with their exit codes and outputs."""

from __future__ import annotations

import io
import json
import stat
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from econdesk.cli import main
from econdesk.config import load_config
from econdesk.domain import MatchState
from econdesk.storage import Database
from tests.storage.helpers import entry, payment, seed_pair


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_init_writes_a_private_starter_config_once(econdesk_home: Path) -> None:
    code, out, _ = run("init")
    path = econdesk_home / "config" / "config.toml"
    assert code == 0 and f"wrote {path}" in out
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_config(path).economic.bank_account == 5820
    code, _, err = run("init")
    assert code == 2 and "exists already (use --force" in err
    assert run("init", "--force")[0] == 0


DOCUMENT = {
    "economic": {
        "base_url": "http://127.0.0.1:1/economic",
        "journals_url": "http://127.0.0.1:1/journalsapi",
        "app_secret_token": "demo-app-secret",
        "agreement_grant_token": "demo-grant",
    },
    "providers": {
        "stripe": {"base_url": "http://127.0.0.1:1/stripe", "api_key": "sk_test_demo"},
        "frisbii": {"base_url": "http://127.0.0.1:1/frisbii", "api_key": "priv_demo"},
    },
}


@pytest.fixture
def sandbox_url() -> Iterator[str]:
    """A loopback HTTP server answering the sandbox's connection document."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path != "/econdesk-sandbox.json":
                self.send_error(404)
                return
            body = json.dumps(DOCUMENT).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_init_wires_the_config_to_a_running_sandbox(econdesk_home: Path, sandbox_url: str) -> None:
    code, out, err = run("init", "--sandbox", sandbox_url)
    assert code == 0, err
    assert "wired to the sandbox" in out and "frisbii, stripe" in out
    config = load_config(econdesk_home / "config" / "config.toml")
    assert config.economic.base_url == "http://127.0.0.1:1/economic"
    assert config.economic.agreement_grant_token.reveal() == "demo-grant"
    assert config.providers["frisbii"].api_key.reveal() == "priv_demo"
    assert config.providers["frisbii"].clearing_account == 5831


def test_init_names_an_unreachable_sandbox(econdesk_home: Path, sandbox_url: str) -> None:
    code, _, err = run("init", "--sandbox", f"{sandbox_url}/nothing-here")
    assert code == 1
    assert err.startswith(f"econdesk: cannot read the sandbox's connections from {sandbox_url}")
    assert not (econdesk_home / "config" / "config.toml").exists()


def test_status_json_counts_and_sums_by_source_and_state(sqlite_db: Database) -> None:
    match = seed_pair(sqlite_db)
    with sqlite_db.transaction() as store:
        store.bank_entries.upsert(entry(2, "19.99"))
        store.bank_entries.upsert(entry(3, "0.01"))
        store.items.upsert(payment("lonely", "5.00", provider="frisbii"))
        store.matches.transition(match.id, MatchState.APPROVED, expected_version=1)
        store.cursors.set("stripe:balance_transactions", {"after": "txn_9"})
    code, out, err = run("--db", sqlite_db.url, "status", "--json")
    assert code == 0, err
    report = json.loads(out)
    rows = {(r["side"], r["source"], r["state"]): r for r in report["totals"]}
    assert rows[("bank", "economic", "unmatched")] == {
        "side": "bank", "source": "economic", "state": "unmatched",
        "count": 2, "amount": "20.00", "currency": "DKK",
    }  # fmt: skip
    assert rows[("bank", "economic", "approved")]["amount"] == "100.00"
    assert rows[("item", "stripe", "approved")]["count"] == 1
    assert rows[("item", "frisbii", "unmatched")]["amount"] == "5.00"
    assert report["matches"]["approved"] == 1
    assert list(report["synced"]) == ["stripe:balance_transactions"]
    assert report["audit_events"] == 2


def test_status_reads_the_database_from_the_environment(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_pair(sqlite_db)
    monkeypatch.setenv("ECONDESK_DB", sqlite_db.url)
    code, out, _ = run("status")
    assert code == 0
    assert "economic" in out and "proposed" in out and "100.00 DKK" in out


def test_audit_show_lists_the_latest_events_oldest_first(sqlite_db: Database) -> None:
    for n in range(1, 4):
        seed_pair(sqlite_db, n)
    code, out, _ = run("--db", sqlite_db.url, "audit", "show", "--json", "--limit", "2")
    assert code == 0
    events = json.loads(out)
    assert [e["seq"] for e in events] == [2, 3]
    assert events[-1]["action"] == "match.created" and events[-1]["actor"] == "tester"
    assert events[-1]["subjects"] == ["m-000003", "economic:3", "stripe:p3"]
    code, out, _ = run("--db", sqlite_db.url, "audit", "show", "--limit", "1")
    assert code == 0 and out.startswith("#3 ") and "match.created m-000003" in out


def test_usage_errors_exit_2(sqlite_db: Database) -> None:
    assert run("--db", sqlite_db.url, "audit", "show", "--limit", "0")[0] == 2
    assert run("audit")[0] == 2
    code, _, err = run("--db", "mysql://x@y/z", "status")
    assert code == 2 and "unsupported database 'mysql'" in err
