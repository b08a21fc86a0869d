"""The reconciliation report workbook (Excel), streamed so a million rows fit in memory.

Build a `ReportData` (heading facts plus one row iterable per sheet) and call `write_report`.
"""

from econdesk.reports.data import (
    AuditRow,
    ClearingBalance,
    MatchRow,
    PayoutBreakdown,
    PayoutRow,
    ReportData,
    SourceInfo,
    VoucherRow,
    VoucherStatus,
)
from econdesk.reports.workbook import ReportError, ReportResult, write_report

SHEET_NAMES = (
    "Summary",
    "Matches",
    "Payouts",
    "Open bank entries",
    "Open platform items",
    "Vouchers posted",
    "Clearing roll-forward",
    "Audit trail",
)

__all__ = [
    "SHEET_NAMES",
    "AuditRow",
    "ClearingBalance",
    "MatchRow",
    "PayoutBreakdown",
    "PayoutRow",
    "ReportData",
    "ReportError",
    "ReportResult",
    "SourceInfo",
    "VoucherRow",
    "VoucherStatus",
    "write_report",
]
