"""Plain words, in the user's language, for a voucher e-conomic refused as dated in a closed
year or period, or in a period whose VAT is settled."""

from __future__ import annotations

from econdesk.qt.i18n import tr
from econdesk.services.closed_periods import ClosedKind, ClosedPeriod


def closed_period_text(closed: ClosedPeriod) -> str:
    day = closed.day.isoformat()
    if closed.kind is ClosedKind.YEAR:
        return tr(
            "The accounting year {0} is closed in e-conomic, so nothing dated {1} can be posted. "
            "Reopen the year in e-conomic, then post again."
        ).format(closed.year, day)
    if closed.kind is ClosedKind.PERIOD:
        return tr(
            "The accounting period holding {0} is closed in e-conomic. Reopen the period in "
            "e-conomic, then post again."
        ).format(day)
    return tr(
        "The VAT for the period holding {0} is already settled in e-conomic, so no entry with "
        "VAT can be dated in it. The match stays approved."
    ).format(day)
