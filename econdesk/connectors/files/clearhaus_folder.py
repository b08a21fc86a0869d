"""A folder of Clearhaus settlement exports as a sync source (`clearhaus:settlements`).

The bookkeeper saves the acquirer's exports in one folder (`[providers.clearhaus]
settlements_folder`). Every summary file `*settlements*.csv` is read with, when it is there,
its transaction file: the same name with `transactions` for `settlements`
(`clearhaus-settlements-2026-05.csv` and `clearhaus-transactions-2026-05.csv`). A summary without
its transaction file still gives the settlements, without their breakdown into card payments.

The sync gets the settlements paid out within its window (by payout date, as Stripe's payouts
are chosen by arrival date) as one page of payouts whose components are the Frisbii card
payments they settle, with Clearhaus's own items (a reserve withheld or paid out, other
postings) for the payouts on the page. Every file is read and checked before the page is
handed over, so a file that cannot be read fails the whole source with its file, line and
column, and nothing of the folder is stored. The same settlement exported twice (overlapping
exports) is taken once; two files that disagree about one settlement are an error.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from dataclasses import dataclass
from pathlib import Path

from econdesk.connectors.files.clearhaus import SettlementReport, read_clearhaus
from econdesk.connectors.files.errors import FileImportError
from econdesk.connectors.platform import SourcePage, Window
from econdesk.domain.model import Payout, PlatformItem
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import say

PROVIDER = "clearhaus"
STREAM = "settlements"
SUMMARY_WORD = "settlements"
TRANSACTIONS_WORD = "transactions"


@dataclass(frozen=True, slots=True)
class ExportPair:
    """One summary export and the transaction export beside it (None when there is none)."""

    summary: Path
    transactions: Path | None


def export_pairs(folder: Path) -> list[ExportPair]:
    """The folder's exports, paired by name; a transaction file without its summary is an
    error (its card payments could not be told apart from another export's)."""
    if not folder.is_dir():
        raise FileImportError.single(
            str(folder),
            say(
                QT_TRANSLATE_NOOP("CLI", "is not a folder (providers.clearhaus.settlements_folder)")
            ),
        )
    csvs = {p.name.lower(): p for p in folder.iterdir() if p.suffix.lower() == ".csv"}
    pairs: list[ExportPair] = []
    claimed: set[str] = set()
    for lower, path in sorted(csvs.items()):
        if SUMMARY_WORD not in lower:
            continue
        partner = csvs.get(lower.replace(SUMMARY_WORD, TRANSACTIONS_WORD))
        if partner is not None:
            claimed.add(partner.name.lower())
        pairs.append(ExportPair(path, partner))
    for lower, path in sorted(csvs.items()):
        if TRANSACTIONS_WORD in lower and SUMMARY_WORD not in lower and lower not in claimed:
            expected = path.name.replace(TRANSACTIONS_WORD, SUMMARY_WORD)
            raise FileImportError.single(
                path.name,
                say(
                    QT_TRANSLATE_NOOP("CLI", "has no settlement summary beside it (expected {0})"),
                    expected,
                ),
            )
    return pairs


def read_folder(folder: Path, window: Window | None = None) -> tuple[Payout, ...]:
    """Every settlement in the folder's exports (paid out within `window`, when given), as
    payouts with their components; all of them or a FileImportError."""
    return read_exports(folder, window)[0]


def read_exports(
    folder: Path, window: Window | None = None
) -> tuple[tuple[Payout, ...], tuple[PlatformItem, ...]]:
    """The payouts as `read_folder` gives them, and Clearhaus's own items they are made of
    (reserves withheld and paid out, other postings)."""
    seen: dict[str, tuple[str, Payout]] = {}  # settlement id -> (file, payout)
    own: dict[str, PlatformItem] = {}
    for pair in export_pairs(folder):
        report: SettlementReport = read_clearhaus(pair.summary, pair.transactions)
        own.update((i.ref, i) for i in report.own_items())
        for payout in report.payouts():
            if window is not None and not window.start <= payout.arrival_date < window.end:
                continue
            earlier = seen.get(payout.external_id)
            if earlier is None:
                seen[payout.external_id] = (pair.summary.name, payout)
            elif earlier[1] != payout:
                raise FileImportError.single(
                    pair.summary.name,
                    say(
                        QT_TRANSLATE_NOOP("CLI", "differs from {0} about this settlement"),
                        earlier[0],
                    ),
                    column="settlement_id",
                    value=payout.external_id,
                )
    payouts = tuple(payout for _, payout in seen.values())
    refs = {p.ref for p in payouts}
    return payouts, tuple(i for i in own.values() if i.payout_ref in refs)


class ClearhausFolderSource:
    """`PlatformSource` for the sync: one page with the window's settlements."""

    provider = PROVIDER
    streams: tuple[str, ...] = (STREAM,)

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    async def pages(
        self, stream: str, window: Window, resume: str | None = None
    ) -> AsyncGenerator[SourcePage, None]:
        if stream != STREAM:
            raise ValueError(f"Clearhaus files have no stream {stream!r}; they have {STREAM!r}")
        # Reading and checking the files is plain CPU and disk work: off the event loop, so
        # the platforms' requests keep going meanwhile.
        payouts, items = await asyncio.to_thread(read_exports, self.folder, window)
        yield SourcePage(stream, items=items, payouts=payouts, resume=None, requests=0)

    async def aclose(self) -> None:
        return None
