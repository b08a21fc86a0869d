"""The voucher preview names every kind of line a voucher can hold (a settlement's transfer
line included), so no preview fails on a role it does not know."""

from __future__ import annotations

from econdesk.accounting.vouchers import LineRole
from econdesk.qt.voucher_dialog import role_label


def test_every_line_role_has_a_label(qapp) -> None:  # type: ignore[no-untyped-def]
    labels = {role: role_label(role) for role in LineRole}
    assert all(labels.values())
    assert len(set(labels.values())) == len(LineRole)
    assert labels[LineRole.TRANSFER] == "Transfer"
