"""Loopback sandboxes for Danmarks Nationalbank's and the ECB's published exchange rates."""

from econdesk.sandbox.rates.app import RatesSandbox
from econdesk.sandbox.rates.history import RateHistory, generate_history, target_day

__all__ = ["RateHistory", "RatesSandbox", "generate_history", "target_day"]
