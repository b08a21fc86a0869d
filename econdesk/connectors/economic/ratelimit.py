"""e-conomic's cost-based token bucket, as its response headers report it.

    X-RateLimiting: token-limit-10000-per-60-seconds: 147/10000     (used/limit)
    X-CallCost: 3

Both are on successful answers and on failing ones (observed). The bucket size is read from the
header rather than assumed (2,000 per one source, 10,000 on the demo agreement;
docs/economic-api.md#rate-limits), so the client paces itself with `ReportedBudget` from the
first answer on.
"""

from __future__ import annotations

import re

import httpx

from econdesk.connectors.ratelimit import BudgetReport, ReportedBudget

RATE_HEADER = "X-RateLimiting"
COST_HEADER = "X-CallCost"

_RATE = re.compile(
    r"token-limit-(?P<limit>\d+)-per-(?P<window>\d+)-seconds:\s*(?P<used>\d+(?:\.\d+)?)\s*/\s*\d+"
)


def format_rate_header(used: float, limit: float, window_seconds: float) -> str:
    """The header as e-conomic words it (used by the sandbox)."""
    return f"token-limit-{limit:.0f}-per-{window_seconds:.0f}-seconds: {used:.0f}/{limit:.0f}"


def parse_rate_headers(headers: httpx.Headers) -> BudgetReport | None:
    """The bucket report in an answer's headers, or None when there is none (or it is odd)."""
    found = _RATE.search(headers.get(RATE_HEADER, ""))
    if found is None:
        return None
    limit = float(found["limit"])
    window = float(found["window"])
    if limit <= 0 or window <= 0:
        return None
    cost: float | None = None
    raw_cost = headers.get(COST_HEADER)
    if raw_cost:
        try:
            cost = max(0.0, float(raw_cost))
        except ValueError:
            cost = None
    return BudgetReport(float(found["used"]), limit, window, cost)


def economic_rate_limit(headroom: float = 0.05) -> ReportedBudget:
    """The client-side pacing for one agreement; share it between clients of that agreement."""
    return ReportedBudget(
        parse_rate_headers, assumed_limit=2000, assumed_window=60, headroom=headroom
    )
