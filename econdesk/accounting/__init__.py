"""Accounting rules, free of I/O: mapping checks, voucher building and the request body.

- `chart`: the agreement's accounts, VAT codes and accounting years as plain data.
- `validation`: mappings checked against the chart; every problem named at once.
- `marker`: the unique marker each entry text carries, so a voucher is findable in the daybook.
- `currency`, `vat`: exchange rates per 100 and VAT split of gross amounts.
- `vouchers`: an approved match plus its items and the mappings become a balanced voucher.
- `ledger`: what a voucher does to each account (for checks, previews and the report).
- `request`: the JSON body for POST /journals/{n}/vouchers, built from the same voucher the
  preview shows.
"""
