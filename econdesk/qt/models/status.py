"""Which match (if any) claims each bank entry or platform item, for the side tables.

Kept up to date one match at a time, so approving a proposal among 100,000 touches only the
lines of that proposal.
"""

from __future__ import annotations

from collections.abc import Iterable

from econdesk.domain.model import Match, MatchState

# A rejected proposal frees its lines again; the more decided match wins a shared line.
_RANK = {
    MatchState.PROPOSED: 1,
    MatchState.PARKED: 2,
    MatchState.APPROVED: 3,
    MatchState.POSTED: 4,
}


def _refs(match: Match) -> tuple[str, ...]:
    return (*match.bank_refs, *match.item_refs, *match.component_refs)


class Claims:
    """ref -> the match holding it (`holder`), updated incrementally."""

    def __init__(self, matches: Iterable[Match] = ()) -> None:
        self.holder: dict[str, Match] = {}
        self._by_id: dict[str, Match] = {}
        self._by_ref: dict[str, list[str]] = {}  # lists, not sets: most refs have one match
        for match in matches:  # one pass, no settling: this runs over every match at load
            self._by_id[match.id] = match
            rank = _RANK.get(match.state, 0)
            for ref in _refs(match):
                ids = self._by_ref.get(ref)
                if ids is None:
                    self._by_ref[ref] = [match.id]
                else:
                    ids.append(match.id)
                if rank and self._beats(match, self.holder.get(ref)):
                    self.holder[ref] = match

    @staticmethod
    def _beats(match: Match, held: Match | None) -> bool:
        return held is None or (_RANK[match.state], match.id) > (_RANK[held.state], held.id)

    def update(self, matches: Iterable[Match]) -> set[str]:
        """Take new or changed matches; return the refs whose holder changed."""
        touched: set[str] = set()
        for match in matches:
            old = self._by_id.get(match.id)
            if old is not None:
                self._unlink(old)
                touched.update(_refs(old))
            self._by_id[match.id] = match
            for ref in _refs(match):
                self._by_ref.setdefault(ref, []).append(match.id)
            touched.update(_refs(match))
        return self._settle(touched)

    def remove(self, match_ids: Iterable[str]) -> set[str]:
        touched: set[str] = set()
        for match_id in match_ids:
            old = self._by_id.pop(match_id, None)
            if old is not None:
                self._unlink(old)
                touched.update(_refs(old))
        return self._settle(touched)

    def _unlink(self, match: Match) -> None:
        for ref in _refs(match):
            ids = self._by_ref.get(ref, [])
            if match.id in ids:
                ids.remove(match.id)

    def _settle(self, refs: set[str]) -> set[str]:
        changed: set[str] = set()
        for ref in refs:
            best: Match | None = None
            for match_id in self._by_ref.get(ref, ()):
                match = self._by_id[match_id]
                if match.state in _RANK and self._beats(match, best):
                    best = match
            if best is None:
                if self.holder.pop(ref, None) is not None:
                    changed.add(ref)
            elif self.holder.get(ref) is not best:
                self.holder[ref] = best
                changed.add(ref)
        return changed
