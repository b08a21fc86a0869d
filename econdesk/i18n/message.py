"""A message for the user as data: its catalogue text and the values it shows, so the command
line can say it in the reader's language and everything else still reads it in English.

    raise UsageError(say(QT_TRANSLATE_NOOP("CLI", "{0}: the report file must end in .xlsx"), p))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from econdesk.errors import Said
from econdesk.i18n import QT_TRANSLATE_NOOP, catalogue

CONTEXT = "CLI"


@dataclass(frozen=True, slots=True)
class Message:
    source: str  # the English text with {0}, {1}, ... for the values
    values: tuple[object, ...] = ()

    def render(self, language: str) -> str:
        values = (v.render(language) if isinstance(v, Said) else v for v in self.values)
        return catalogue(language).translate(CONTEXT, self.source).format(*values)

    def __str__(self) -> str:
        return self.render("en")


def say(source: str, *values: object) -> Message:
    """`source` is marked QT_TRANSLATE_NOOP("CLI", ...) where it is written."""
    return Message(source, values)


def joined(parts: Sequence[object], separator: str = ", ") -> Message:
    """The parts one after the other, each said in the language the whole is said in."""
    template = (
        separator.replace("{", "{{").replace("}", "}}").join(f"{{{i}}}" for i in range(len(parts)))
    )
    return say(template, *parts)


def either(options: Sequence[object]) -> Message:
    """ "'a' or 'b' or 'c'" of the options' reprs, in the language it is said in."""
    if len(options) < 2:
        return say("{0!r}", *options[:1]) if options else say("")
    return say(QT_TRANSLATE_NOOP("CLI", "{0} or {1!r}"), either(options[:-1]), options[-1])


def text_in(said: object, language: str) -> str:
    """A Message in `language`; anything else (a plain string, an exception) as it reads."""
    if isinstance(said, Said):
        return said.render(language)
    message = getattr(said, "said", None)  # an EcondeskError raised with a Message
    return message.render(language) if isinstance(message, Said) else str(said)


class SaidText(str):
    """A message's English text that can still be said in the reader's language: a reason kept
    as a plain string (in a report, in JSON, in the store or the audit log it is the English
    text, as before) that the command line and the app render with `text_in`."""

    __slots__ = ("said",)
    said: Said

    def __new__(cls, said: Said) -> SaidText:
        text = super().__new__(cls, said.render("en"))
        text.said = said
        return text

    def render(self, language: str) -> str:
        return self.said.render(language)

    def __reduce__(self) -> tuple[type[SaidText], tuple[Said]]:  # copied or pickled whole
        return SaidText, (self.said,)


def said_text(said: Said) -> str:
    """`said` as a string that is its English text and still renders in other languages."""
    return SaidText(said)


def say_text(source: str, *values: object) -> str:
    """say(...) kept as a string: a reason stored or reported as text (see SaidText)."""
    return SaidText(say(source, *values))


def reason_of(error: BaseException) -> str:
    """An error's reason as a string (English), said in the reader's language where it is
    shown when the error was raised with a Message."""
    said = error if isinstance(error, Said) else getattr(error, "said", None)  # a connector's
    return SaidText(said) if isinstance(said, Said) else str(error)
