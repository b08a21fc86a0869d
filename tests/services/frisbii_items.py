"""Frisbii's items of a scenario as its connector gives them, a sync source beside the card
acquirers' clients (the Frisbii client is tested on its own)."""

from __future__ import annotations

from collections.abc import AsyncGenerator

from econdesk.connectors.platform import SourcePage, Window
from econdesk.sandbox.scenario import Scenario


class FrisbiiItems:
    """One page holding every Frisbii item the scenario made."""

    provider = "frisbii"
    streams: tuple[str, ...] = ("transactions",)

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario

    async def pages(
        self, stream: str, window: Window, resume: str | None = None
    ) -> AsyncGenerator[SourcePage, None]:
        yield SourcePage(stream, items=tuple(self.scenario.iter_items("frisbii")))

    async def aclose(self) -> None:
        return None
