"""Voucher attachments in the sandbox: one PDF (or image) per voucher, multipart only, 9 MB."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from econdesk.connectors import jsonio
from econdesk.sandbox.economic import EconomicData
from tests.sandbox.economic.test_economic_sandbox_vouchers import finance, post, voucher

PDF = b"%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n2 0 obj << /Type /Page >> endobj\n%%EOF"


@pytest.fixture
def voucher_path(http: httpx.Client, read: Any) -> str:
    created = read(post(http, voucher(finance())))
    return f"/journals/3/vouchers/2025_6_2026-{created[0]['voucherNumber']}/attachment"


def upload(http: httpx.Client, path: str, content: bytes = PDF, name: str = "bilag.pdf") -> Any:
    return http.post(f"{path}/file", files={"file": (name, content, "application/pdf")})


def test_a_pdf_is_kept_as_the_vouchers_document(
    http: httpx.Client, voucher_path: str, econ_data: EconomicData, read: Any
) -> None:
    assert http.get(voucher_path).status_code == 404  # none yet
    assert upload(http, voucher_path).status_code == 201
    meta = read(http.get(voucher_path))
    assert meta["pages"] == 2 and meta["self"].endswith(voucher_path)
    assert meta["file"].endswith(f"{voucher_path}/file")
    file = http.get(f"{voucher_path}/file")
    assert file.content == PDF and file.headers["Content-Type"] == "application/pdf"
    ((key, document),) = econ_data.documents.items()
    assert key[:2] == (3, "2025/2026") and document.filename == "bilag.pdf"


def test_a_second_upload_is_refused_and_delete_removes_it(
    http: httpx.Client, voucher_path: str, econ_data: EconomicData
) -> None:
    assert upload(http, voucher_path).status_code == 201
    assert upload(http, voucher_path).status_code == 409
    assert http.delete(f"{voucher_path}/file").status_code == 204
    assert econ_data.documents == {}
    assert upload(http, voucher_path).status_code == 201


def test_what_the_upload_refuses(http: httpx.Client, voucher_path: str) -> None:
    as_json = http.post(
        f"{voucher_path}/file",
        content=jsonio.dumpb({"file": "x"}),
        headers={"Content-Type": "application/json"},
    )
    assert as_json.status_code == 415
    assert upload(http, voucher_path, b"hello", "bilag.txt").status_code == 400
    assert upload(http, voucher_path, b"not a pdf", "bilag.pdf").status_code == 400
    too_big = PDF + b" " * (9 * 1000 * 1000)
    assert upload(http, voucher_path, too_big).status_code == 413
    unknown = voucher_path.replace("-9", "-8")
    assert upload(http, unknown).status_code == 404
