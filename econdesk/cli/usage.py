"""argparse in the user's language: its own messages (usage, errors, headings) and the help
texts of econdesk's commands, from the one catalogue (docs/languages.md).

argparse marks its texts for gettext and looks its module-level `_` and `ngettext` up each
time it says something, so for the length of a parse they point at the catalogue's
"argparse" context. Texts argparse stores while the parser is built (section headings, the
help of --help) and the commands' own help texts ("CLI help", marked where they are written)
are translated when help is printed. English needs no catalogue: nothing is looked up.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any

from econdesk.i18n import QT_TRANSLATE_NOOP, catalogue

ARGPARSE = "argparse"
HELP = "CLI help"

# argparse's texts a user of econdesk can meet (CPython's Lib/argparse.py), for the catalogue.
ARGPARSE_TEXTS = (
    QT_TRANSLATE_NOOP("argparse", "usage: "),
    QT_TRANSLATE_NOOP("argparse", "positional arguments"),
    QT_TRANSLATE_NOOP("argparse", "options"),
    QT_TRANSLATE_NOOP("argparse", "show this help message and exit"),
    QT_TRANSLATE_NOOP("argparse", "show program's version number and exit"),
    QT_TRANSLATE_NOOP("argparse", "%(prog)s: error: %(message)s\n"),
    QT_TRANSLATE_NOOP("argparse", "argument %(argument_name)s: %(message)s"),
    QT_TRANSLATE_NOOP("argparse", "the following arguments are required: %s"),
    QT_TRANSLATE_NOOP("argparse", "one of the arguments %s is required"),
    QT_TRANSLATE_NOOP("argparse", "unrecognized arguments: %s"),
    QT_TRANSLATE_NOOP("argparse", "not allowed with argument %s"),
    QT_TRANSLATE_NOOP("argparse", "ignored explicit argument %r"),
    QT_TRANSLATE_NOOP("argparse", "expected one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected at most one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected at least one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected %s argument"),
    QT_TRANSLATE_NOOP("argparse", "expected %s arguments"),
    QT_TRANSLATE_NOOP("argparse", "ambiguous option: %(option)s could match %(matches)s"),
    QT_TRANSLATE_NOOP("argparse", "unexpected option string: %s"),
    QT_TRANSLATE_NOOP("argparse", "invalid %(type)s value: %(value)r"),
    QT_TRANSLATE_NOOP("argparse", "invalid choice: %(value)r (choose from %(choices)s)"),
    QT_TRANSLATE_NOOP("argparse", "unknown parser %(parser_name)r (choices: %(choices)s)"),
    QT_TRANSLATE_NOOP("argparse", "can't open '%(filename)s': %(error)s"),
)


class _Speaker:
    """The language in force during a parse; resolved only when a text is first needed."""

    language: Callable[[], str] | None = None

    def translate(self, text: str, *contexts: str) -> str:
        if self.language is None or not text:
            return text
        language = self.language()
        if language == "en":
            return text
        texts = catalogue(language)
        for context in contexts:
            found = texts.translate(context, text)
            if found != text:
                return found
        return text


_speaker = _Speaker()


def _gettext(text: str) -> str:
    return _speaker.translate(text, ARGPARSE)


def _ngettext(singular: str, plural: str, count: int) -> str:
    return _gettext(singular if count == 1 else plural)


class TranslatedHelp(argparse.HelpFormatter):
    """Help as printed: the commands' help texts and argparse's headings translated."""

    def start_section(self, heading: str | None) -> None:
        super().start_section(heading and _speaker.translate(heading, ARGPARSE))

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help
        return text and _speaker.translate(text, HELP, ARGPARSE)


class Parser(argparse.ArgumentParser):
    """econdesk's parser: its subcommands' parsers are of this class too (argparse makes them
    with the parent's type), so all of them print translated help."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", TranslatedHelp)
        super().__init__(*args, **kwargs)

    def format_help(self) -> str:
        # the description is the command's help text, marked under "CLI help" where written
        saved = self.description
        self.description = saved and _speaker.translate(saved, HELP)
        try:
            return super().format_help()
        finally:
            self.description = saved


@contextmanager
def speaking(language: Callable[[], str]) -> Iterator[None]:
    """argparse says what it says in `language()` while inside; as before after."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _gettext, _ngettext  # type: ignore[attr-defined]
    _speaker.language = language
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
        _speaker.language = None


def peek_config(argv: Sequence[str]) -> str | None:
    """`--config FILE` from the arguments before they are parsed (its language is needed to
    say what is wrong with them)."""
    return peek_option(argv, "--config")


def peek_option(argv: Sequence[str], option: str) -> str | None:
    """`option VALUE` (or `option=VALUE`) from the arguments before they are parsed."""
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == option and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith(f"{option}="):
            return arg.removeprefix(f"{option}=")
    return None


def day(text: str) -> date:
    """A YYYY-MM-DD argument."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def add_days_span(parser: argparse.ArgumentParser) -> None:
    """`--from DATE` and `--to DATE` (args.start, args.end), as sync and report take them."""
    first = QT_TRANSLATE_NOOP("CLI help", "first day")
    last = QT_TRANSLATE_NOOP("CLI help", "last day")
    parser.add_argument("--from", dest="start", type=day, metavar="DATE", help=first)
    parser.add_argument("--to", dest="end", type=day, metavar="DATE", help=last)
