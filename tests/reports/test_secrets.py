"""No secret reaches the workbook: every part of the .xlsx is unzipped and searched for them."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from econdesk.reports import AuditRow, MatchRow, SourceInfo, write_report
from econdesk.reports.redact import REDACTED, Redactor
from tests.reports.factory import match_rows, open_bank_entries, sample_report

APP_SECRET = "eco-app-secret-7Hq2"  # e-conomic tokens are opaque strings of any shape
GRANT = "grant-Zz91-kk"
STRIPE_KEY = "sk_test_51Pgc79B7WZ01zgkWaBcDeFgHiJ"
FRISBII_KEY = "priv_0123456789abcdef0123456789abcdef"


def unzipped_text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return "\n".join(archive.read(name).decode("utf-8") for name in archive.namelist())


def leaky_report() -> object:
    """Secrets echoed wherever outside text lands: bank texts, notes, audit, sources, names."""
    rows = match_rows()
    first = rows[0]
    leaky_match = replace(first.match, note=f"pasted {STRIPE_KEY} by mistake")
    entries = open_bank_entries()
    leaky_entry = replace(entries[1], text=f"Indbetaling {APP_SECRET}")
    audit = [AuditRow(1, datetime(2026, 1, 11, tzinfo=UTC), "anna", "config.changed",
                      "stripe", f"api_key={FRISBII_KEY}; grant {GRANT}")]  # fmt: skip
    return sample_report(
        company=f"Hansen ApS {GRANT}",
        matches=[MatchRow(leaky_match, first.bank_entries), *rows[1:]],
        open_bank_entries=[entries[0], leaky_entry],
        audit=audit,
        sources=(SourceInfo("e-conomic", f"https://user:{APP_SECRET}@restapi.example"),),
    )


def test_configured_secrets_and_key_shapes_never_reach_any_part(tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    write_report(leaky_report(), path, secrets=[APP_SECRET, GRANT])  # type: ignore[arg-type]
    text = unzipped_text(path)
    for secret in (APP_SECRET, GRANT, STRIPE_KEY, FRISBII_KEY):
        assert secret not in text
    assert text.count(REDACTED) >= 6
    assert "Indbetaling [redacted]" in text
    assert "https://[redacted]@restapi.example" in text


def test_ordinary_text_is_left_alone() -> None:
    redact = Redactor(["abc", "s3cr3t-value"])  # too short to be a secret: "abc" stays
    assert redact("abc po_1Pgc79B7WZ01zgkW stripe:ch_1 https://api.stripe.com/v1") == (
        "abc po_1Pgc79B7WZ01zgkW stripe:ch_1 https://api.stripe.com/v1"
    )
    assert redact("key s3cr3t-value!") == "key [redacted]!"
    assert redact("rk_live_abcdefgh12 and whsec_abcdefgh12") == "[redacted] and [redacted]"
