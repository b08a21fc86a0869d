"""Voucher attachments in the e-conomic sandbox: one document per voucher, kept as sent.

`POST /journals/{n}/vouchers/{year}-{number}/attachment/file` takes one file as
multipart/form-data (not application/json), of type .jpg, .jpeg, .pdf, .gif or .png, at most
9.0 MB per request (docs/economic-api.md#voucher-attachments). `GET .../attachment` answers
the document's metadata (`createdAt`, `pages`, `file`, `self`), 404 while there is none;
`GET .../attachment/file` the file; `DELETE .../attachment/file` removes it (204).

e-conomic does not document what a second POST on a voucher that has its document does
(PATCH adds pages): the sandbox refuses it with 409, so a client that sends twice is seen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from email.message import Message
from email.parser import BytesParser
from email.policy import HTTP

from econdesk.sandbox.economic.errors import legacy_error
from econdesk.sandbox.server import Request, Response, json_response

MAX_BYTES = 9 * 1000 * 1000  # "Maximum file size is 9.0 MB per request"
FORMATS = {
    ".pdf": b"%PDF-",
    ".png": b"\x89PNG",
    ".gif": b"GIF8",
    ".jpg": b"\xff\xd8",
    ".jpeg": b"\xff\xd8",
}
_PAGE = re.compile(rb"/Type\s*/Page(?![s\w])")


@dataclass(frozen=True, slots=True)
class VoucherDocument:
    filename: str
    content: bytes
    content_type: str
    created_at: date

    @property
    def pages(self) -> int:
        if self.content.startswith(b"%PDF-"):
            return max(1, len(_PAGE.findall(self.content)))
        return 1


VoucherKey = tuple[int, str, int]  # journal, accounting year, voucher number


def read_upload(request: Request) -> VoucherDocument | Response:
    """The one file of a multipart/form-data body, or the error answer."""
    ctype = request.header("content-type") or ""
    if not ctype.lower().startswith("multipart/form-data"):
        return legacy_error(
            415,
            "Unsupported media type; upload the file as multipart/form-data.",
            "application/json is not a valid content-type for a file upload.",
        )
    if len(request.body) > MAX_BYTES:
        return legacy_error(413, "The file is too large.", "Maximum file size is 9.0 MB.")
    head = f"Content-Type: {ctype}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + request.body)
    files = [p for p in message.iter_parts() if isinstance(p, Message) and p.get_filename()]
    if len(files) != 1:
        return legacy_error(400, "Upload exactly one file.", "Send one file part.")
    part = files[0]
    name = str(part.get_filename())
    content = part.get_payload(decode=True)
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    magic = FORMATS.get(suffix)
    if not isinstance(content, bytes) or magic is None or not content.startswith(magic):
        return legacy_error(
            400,
            "Unsupported file format.",
            "Supported formats are: .jpg, .jpeg, .pdf, .gif and .png.",
        )
    return VoucherDocument(name, content, part.get_content_type(), date.today())


def metadata(document: VoucherDocument, self_url: str) -> Response:
    return json_response(
        {
            "createdAt": document.created_at.isoformat(),
            "file": f"{self_url}/file",
            "pages": document.pages,
            "self": self_url,
        }
    )


def file_response(document: VoucherDocument) -> Response:
    return Response(200, document.content, {"Content-Type": "application/pdf"})


def already_there(key: VoucherKey) -> Response:
    return legacy_error(
        409,
        f"Voucher {key[1]}-{key[2]} already has an attached file.",
        "Use PATCH to add pages, or DELETE the file first.",
    )
