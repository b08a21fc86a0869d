"""A loopback Vipps MobilePay Report API (app.py) over a scenario's MobilePay payouts
(render.py)."""
