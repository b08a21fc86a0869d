"""English and Danish outside the Qt windows: the command line, explanations, the report.

One catalogue for everything: the Qt Linguist files in resources/i18n (econdesk_da.ts) that the
app's windows load as .qm. Texts outside Qt are marked as Qt's tools expect, so pyside6-lupdate
collects them into the same .ts and translators keep one file and one tool:

    catalogue("da").translate("Report", "Matches")          # a literal, translated now
    QT_TRANSLATE_NOOP("Report", "Matches")                  # a literal kept for later

English is the source language: its catalogue hands every text back unchanged.
"""

from __future__ import annotations

import locale
import os
from dataclasses import dataclass, field
from functools import cache

from econdesk.resources import translation_source

LANGUAGES = ("en", "da")
SOURCE_LANGUAGE = "en"


def QT_TRANSLATE_NOOP(context: str, message: str, /) -> str:  # noqa: N802 (Qt's marker name)
    """Mark a literal for the catalogue without translating it (pyside6-lupdate finds it)."""
    del context
    return message


def system_language() -> str:
    """ "da" when the environment's locale is Danish, else "en"."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(name)
        if value:
            return "da" if value.lower().startswith("da") else "en"
    code = locale.getlocale()[0] or ""
    return "da" if code.lower().startswith("da") else "en"


def resolve_language(setting: str | None) -> str:
    """The language in force: the setting ("en", "da") or, without one, the system's."""
    return setting if setting in LANGUAGES else system_language()


@dataclass(frozen=True)
class Catalogue:
    """The translations of one language: (context, source text) -> translated text."""

    language: str
    texts: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)

    def translate(self, context: str, source: str) -> str:
        """`source` in this language; the source itself when it has no translation."""
        return self.texts.get((context, source), source)


@cache
def catalogue(language: str) -> Catalogue:
    """The catalogue of `language` ("en", "da"), read once from its .ts file."""
    if language == SOURCE_LANGUAGE or language not in LANGUAGES:
        return Catalogue(SOURCE_LANGUAGE)
    return Catalogue(language, _read_ts(language))


def _read_ts(language: str) -> dict[tuple[str, str], str]:
    # start-up: the XML parser loads only when a Danish text is first needed, not with every
    # command (`econdesk --version` imports this module)
    from defusedxml import ElementTree

    path = translation_source(language)
    texts: dict[tuple[str, str], str] = {}
    if not path.is_file():
        return texts
    root = ElementTree.parse(path).getroot()
    for context in [] if root is None else root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            if source is None or translation is None or translation.get("type") == "unfinished":
                continue
            if translation.text:
                texts[(name, source)] = translation.text
    return texts
