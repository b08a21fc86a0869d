"""A message for the user as data: its catalogue text and the values it shows, so the command
line can say it in the reader's language and everything else still reads it in English.

    raise UsageError(say(QT_TRANSLATE_NOOP("CLI", "{0}: the report file must end in .xlsx"), p))
"""

from __future__ import annotations

from dataclasses import dataclass

from econdesk.i18n import catalogue

CONTEXT = "CLI"


@dataclass(frozen=True, slots=True)
class Message:
    source: str  # the English text with {0}, {1}, ... for the values
    values: tuple[object, ...] = ()

    def render(self, language: str) -> str:
        return catalogue(language).translate(CONTEXT, self.source).format(*self.values)

    def __str__(self) -> str:
        return self.render("en")


def say(source: str, *values: object) -> Message:
    """`source` is marked QT_TRANSLATE_NOOP("CLI", ...) where it is written."""
    return Message(source, values)


def text_in(said: object, language: str) -> str:
    """A Message in `language`; anything else (a plain string, an exception) as it reads."""
    if isinstance(said, Message):
        return said.render(language)
    message = getattr(said, "said", None)  # an EcondeskError raised with a Message
    return message.render(language) if isinstance(message, Message) else str(said)
