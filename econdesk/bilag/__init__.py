"""The bilag: a posted voucher's PDF specification, attached to the voucher in e-conomic.

Danish bookkeeping wants documentation behind every registration (the bogføringslov: a bilag
is the documentation a transaction needs, and a registration refers to it; docs/accounting.md,
"Bilag and closing a month"). A platform deposit's bilag
shows the deposit, each payment, refund, fee and difference it is made of, the voucher's
lines, the match's explanation and the audit event that recorded the posting.

`render_bilag(sheet) -> bytes` draws it with ReportLab (pure drawing, no Qt: the posting
service attaches it from the command line too). The output is deterministic: the same sheet
gives the same bytes (no creation date, no random document id), so its SHA-256 identifies it.
"""

from econdesk.bilag.render import render_bilag
from econdesk.bilag.reversal import ReversalSheet, render_reversal
from econdesk.bilag.sheet import AuditStamp, BilagSheet

__all__ = ["AuditStamp", "BilagSheet", "ReversalSheet", "render_bilag", "render_reversal"]
