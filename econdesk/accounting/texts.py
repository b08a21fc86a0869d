"""The words of a voucher's entry texts, in the agreement's language (one place for all).

Danish by default when the agreement's base currency is DKK, else English; the posting
settings can name either. The texts come from the app's catalogue (resources/i18n, context
"Voucher"); references, plans and names stay as the platforms wrote them. The marker that
opens every entry text is added by `marker.entry_text`, which also keeps the 250-character
limit.
"""

from __future__ import annotations

from collections.abc import Mapping

from econdesk.i18n import LANGUAGES, QT_TRANSLATE_NOOP, catalogue

CONTEXT = "Voucher"

# What a group of items is, by its line's role (vouchers.LineRole): "stripe 12 payment(s)".
_GROUP: Mapping[str, str] = {
    "revenue": QT_TRANSLATE_NOOP("Voucher", "{provider} {count} payment(s)"),
    "refund": QT_TRANSLATE_NOOP("Voucher", "{provider} {count} refund(s)"),
    "chargeback": QT_TRANSLATE_NOOP("Voucher", "{provider} {count} chargeback(s)"),
}


def voucher_language(setting: str | None, base_currency: str) -> str:
    """The setting ("da", "en"), else Danish for a DKK agreement and English for any other."""
    if setting in LANGUAGES:
        return setting
    return "da" if base_currency == "DKK" else "en"


class VoucherTexts:
    """Each kind of entry text, in one language."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._texts = catalogue(language)

    def _say(self, source: str, **values: object) -> str:
        return self._texts.translate(CONTEXT, source).format(**values)

    def group(self, role: str, provider: str, count: int, plans: str) -> str:
        text = self._say(_GROUP[role], provider=provider, count=count)
        if not plans:
            return text
        return text + self._say(QT_TRANSLATE_NOOP("Voucher", " plan {plans}"), plans=plans)

    def customer_payment(
        self, provider: str, kind: str, reference: str, customer: int, invoice: int | None
    ) -> str:
        what = {
            "payment": QT_TRANSLATE_NOOP("Voucher", "payment"),
            "refund": QT_TRANSLATE_NOOP("Voucher", "refund"),
            "chargeback": QT_TRANSLATE_NOOP("Voucher", "chargeback"),
        }.get(kind)
        text = self._say(
            QT_TRANSLATE_NOOP("Voucher", "{provider} {what} {reference} customer {customer}"),
            provider=provider,
            what=self._texts.translate(CONTEXT, what) if what else kind,
            reference=reference,
            customer=customer,
        )
        if invoice is None:
            return text
        return text + self._say(QT_TRANSLATE_NOOP("Voucher", " invoice {invoice}"), invoice=invoice)

    def sales_day(self, provider: str, day: str, supplement: int) -> str:
        """What opens a daily sales summary's texts: "stripe sales 2026-03-31"."""
        if supplement:
            return self._say(
                QT_TRANSLATE_NOOP("Voucher", "{provider} sales {day} (supplement {n})"),
                provider=provider,
                day=day,
                n=supplement,
            )
        return self._say(
            QT_TRANSLATE_NOOP("Voucher", "{provider} sales {day}"), provider=provider, day=day
        )

    def deposit(self, provider: str, label: str) -> str:
        return self._say(
            QT_TRANSLATE_NOOP("Voucher", "{provider} deposit {label}"),
            provider=provider,
            label=label,
        )

    def transfer(self, acquirer: str, label: str, account: int) -> str:
        return self._say(
            QT_TRANSLATE_NOOP("Voucher", "{acquirer} deposit {label} from account {account}"),
            acquirer=acquirer,
            label=label,
            account=account,
        )

    def fees(self, acquirer: str, count: int) -> str:
        return self._say(
            QT_TRANSLATE_NOOP("Voucher", "{acquirer} fees ({count} items)"),
            acquirer=acquirer,
            count=count,
        )

    def adjustments(self, provider: str) -> str:
        return self._say(QT_TRANSLATE_NOOP("Voucher", "{provider} adjustments"), provider=provider)

    def difference(self, provider: str) -> str:
        return self._say(
            QT_TRANSLATE_NOOP("Voucher", "{provider} difference on deposit"), provider=provider
        )

    def rounding(self, currency: str, base: str) -> str:
        return self._say(
            QT_TRANSLATE_NOOP("Voucher", "exchange rounding {currency} to {base}"),
            currency=currency,
            base=base,
        )

    def reversal(self, number: str, text: str) -> str:
        """A reversing line: which voucher it reverses, then the reversed line's own words."""
        return self._say(
            QT_TRANSLATE_NOOP("Voucher", "Reversal of voucher {number}: {text}"),
            number=number,
            text=text,
        )

    def exchange_difference(self, currency: str, base: str) -> str:
        return self._say(
            QT_TRANSLATE_NOOP("Voucher", "realised exchange difference {currency} to {base}"),
            currency=currency,
            base=base,
        )
