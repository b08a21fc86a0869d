"""`econdesk privacy purge|export` on the command line, and the files being the user's alone."""

from __future__ import annotations

import io
import json
import stat
from pathlib import Path

import pytest
from openpyxl import load_workbook

from econdesk.cli import main
from econdesk.filemodes import windows_acl_command
from econdesk.storage import open_database
from tests.services.test_privacy import NAME, OTHER, seed


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def books(tmp_path: Path) -> Path:
    path = tmp_path / "private" / "books.sqlite3"
    db = open_database(f"sqlite:///{path}", actor="tester")
    try:
        seed(db)
    finally:
        db.dispose()
    return path


def test_purge_pseudonymises_the_old_years_and_audit_verify_still_holds(books: Path) -> None:
    code, out, err = run("--db", str(books), "privacy", "purge", "--before", "2021")
    assert (code, err) == (0, "")
    assert "pseudonymised everything before 2021-01-01: 3 platform items, 1 bank entries" in out
    code, out, _ = run("--db", str(books), "audit", "verify")
    assert code == 0 and "audit log intact" in out
    code, out, _ = run("--db", str(books), "audit", "show", "--json", "--limit", "1")
    assert json.loads(out)[0]["action"] == "privacy.purged"
    wal = books.with_name(books.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0, "old page images left the -wal file"
    leftovers = [p.name for p in books.parent.iterdir() if b"Kierkegaard" in p.read_bytes()]
    assert leftovers == [], "Søren's only payment was in 2020: his name is nowhere in the files"


def test_a_purge_inside_the_retention_period_is_refused_in_one_line(books: Path) -> None:
    code, out, err = run("--db", str(books), "privacy", "purge", "--before", "2030")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "bogføringsloven §10" in err and "nothing was changed" in err


def test_export_writes_one_customers_data_readable_by_the_user_alone(
    books: Path, tmp_path: Path
) -> None:
    target = tmp_path / "access-request.json"
    code, out, _ = run(
        "--db", str(books), "privacy", "export", "--customer", "stripe:cus_m", "--out", str(target)
    )
    assert code == 0 and "3 platform items, 2 bank entries, 2 matches" in out
    assert mode(target) == 0o600
    found = json.loads(target.read_text(encoding="utf-8"))
    assert {i["customer_name"] for i in found["platform_items"]} == {NAME}
    assert OTHER not in target.read_text(encoding="utf-8")
    code, out, _ = run("--db", str(books), "privacy", "export", "--name", OTHER)
    assert code == 0 and json.loads(out)["platform_items"][0]["ref"] == "stripe:ch_3"
    code, out, err = run("--db", str(books), "privacy", "export", "--customer", "stripe:cus_x")
    assert code == 0 and json.loads(out)["platform_items"] == []
    assert "nothing is stored about 'stripe:cus_x'" in err
    code, _, err = run("--db", str(books), "privacy", "export", "--customer", "cus_m")
    assert code == 1 and "PROVIDER:CUSTOMER_ID" in err


def test_the_store_and_the_folder_econdesk_makes_for_it_are_the_users_alone(books: Path) -> None:
    assert mode(books) == 0o600
    assert mode(books.parent) == 0o700
    for extra in books.parent.glob("books.sqlite3-*"):
        assert mode(extra) == 0o600, extra.name
    books.chmod(0o644)  # loosened by hand or by a copy: tightened again on the next open
    open_database(f"sqlite:///{books}", actor="tester").dispose()
    assert mode(books) == 0o600


def test_on_windows_the_access_list_names_the_user_alone() -> None:
    assert windows_acl_command(Path("C:/data/econdesk.sqlite3"), "mette") == [
        "icacls",
        str(Path("C:/data/econdesk.sqlite3")),
        "/inheritance:r",
        "/grant:r",
        "mette:F",
    ]
    assert windows_acl_command(Path("C:/data"), "mette", folder=True)[-1] == "mette:(OI)(CI)F"


def cell_texts(path: Path) -> str:
    book = load_workbook(path, read_only=True)
    return "\n".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def test_a_pseudonymised_report_names_no_customer(books: Path, tmp_path: Path) -> None:
    plain, shared = tmp_path / "plain.xlsx", tmp_path / "shared.xlsx"
    assert run("--db", str(books), "report", "--xlsx", str(plain), "--offline")[0] == 0
    code, _, err = run(
        "--db", str(books), "report", "--xlsx", str(shared), "--offline", "--pseudonymise"
    )
    assert code == 0, err
    assert NAME in cell_texts(plain) and OTHER in cell_texts(plain), "the test can fail"
    text = cell_texts(shared)
    for word in ("Mette", "Nielsen", "Søren", "Kierkegaard"):
        assert word not in text
    assert "MobilePay customer 1" in text, "a bank text keeps its words, the name its pseudonym"
    assert mode(shared) == 0o600
