"""A loopback Clearhaus Merchant API (app.py) over a scenario's card settlements (render.py)."""
