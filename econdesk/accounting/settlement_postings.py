"""The lines of an acquirer's own postings in a settlement: a reserve and other postings.

A Clearhaus settlement may pay out less than it settles, keeping a reserve until a later date,
and may add or deduct other postings (a correction, a charge) that are no customer's payment.
The connector gives each as an item of the acquirer (domain/links.py); here each becomes a line
against the clearing account like the payments' lines:

- a reserve withheld (a negative item) debits the acquirer's reserve account (`[providers.
  clearhaus] reserve_account`): the money is still owed by the acquirer, not lost; the reserve
  paid out later (a positive item, the reserve's own deposit) credits that account back, so it
  nets to zero once the reserve is paid;
- another posting goes to the acquirer's fee account with the acquirer's own text (they are
  its charges and credits).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from econdesk.domain.links import OTHER_POSTING, posting_kind
from econdesk.domain.model import Payout, PlatformItem, ProviderMapping
from econdesk.domain.money import Money
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import Message, say


def split_postings(
    items: Sequence[PlatformItem], payouts: Sequence[Payout]
) -> tuple[list[PlatformItem], list[PlatformItem]]:
    """(the payouts' providers' own postings, every other item)."""
    acquirers = {p.provider for p in payouts}
    postings = [i for i in items if i.provider in acquirers and posting_kind(i) is not None]
    own = {i.ref for i in postings}
    return postings, [i for i in items if i.ref not in own]


def posting_lines(
    postings: Sequence[PlatformItem],
    acquirer: ProviderMapping,
    fail: Callable[[Message], Exception],
) -> list[tuple[str, Money, str, list[str], int]]:
    """(role word, line amount, text, sources, account) for each posting, in their order."""
    lines = []
    for item in postings:
        what = posting_kind(item)
        if what == OTHER_POSTING:
            text = f"{item.provider} {item.description or 'other posting'}"
            lines.append(("posting", -item.amount, text, [item.ref], acquirer.fee_account))
            continue
        if acquirer.reserve_account is None:
            reserve = QT_TRANSLATE_NOOP(
                "CLI",
                "{0} is a reserve of {1}; set [providers.{2}] reserve_account, where it waits "
                "until it is paid out",
            )
            raise fail(say(reserve, item.ref, abs(item.amount), item.provider))
        text = f"{item.provider} {item.description}"
        lines.append(("reserve", -item.amount, text, [item.ref], acquirer.reserve_account))
    return lines
