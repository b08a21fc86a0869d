"""The Clearhaus Merchant API: settlements, their transactions and disputes (client.py)."""
