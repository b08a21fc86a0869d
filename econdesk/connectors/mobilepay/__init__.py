"""The Vipps MobilePay Report API: ledgers and their funds and fees by day (client.py)."""
