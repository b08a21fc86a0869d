"""A list sheet's row builder, compiled once per sheet from its columns: the report's hot path.

A report of 100,000 matches writes about 400,000 rows and five million cells, so the cost per
cell decides the report's time. Written as one small function per column, a row costs a call
per cell, and each text cell a test for characters to escape and secrets to redact. Here a
sheet's row becomes ONE generated function with everything known in advance baked in: the
column letters, the style ids, each kind's cell template. A row is then built by a single
f-string, and its strings are tested for XML specials and secrets once, all together.

`compile_row` returns a function of (values, row number as text) that gives the row's
complete <row> element, or None when one of the row's strings needs care (escaping,
redacting, an edge space to keep, characters XML cannot hold): the caller then builds that
row cell by cell, the careful way. The generated function also keeps the sheet's currencies
and refuses a money total in another currency than its row's.

Only econdesk's own column definitions shape the generated source: column letters (A-Z),
integer style ids and fixed templates. Cell values are never part of the source; they are
the function's arguments.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, tzinfo
from typing import Any, Final
from xml.sax.saxutils import escape

from econdesk.reports.xlsx_stream import EPOCH, FIRST_SAFE_DATE, MAX_CELL_CHARS

# A row's strings are joined with this for the one test that tells whether any of them needs
# care. Any printable character XML writes as itself does: the joined text holds every cell's
# text, so a cell that needs care always shows; a hit across two cells (or in this character)
# only sends that row the careful way.
JOIN: Final = "\u00a6"  # broken bar

RowBuilder = Callable[[Sequence[object], str], str | None]
CellWriter = Callable[[Any, str], str]


@dataclass(frozen=True, slots=True)
class RowColumn:
    """What the compiler needs of a column."""

    kind: str  # "string", "money", "date", "datetime", "integer", "score", "flag"
    letter: str
    style: int = 0  # the cell style (money: chosen per currency instead)
    total_of_currency: bool = False  # money summed per row currency: must be in that currency
    currency: bool = False  # the row's currency code


class MoneyStyles(dict[str, int]):
    """Style id per currency; an unseen currency is registered on first use."""

    def __init__(self, register: Callable[[str], int]) -> None:
        super().__init__()
        self._register = register

    def __missing__(self, currency: str) -> int:
        style = self[currency] = self._register(currency)
        return style


def _cell(letter: str, style: int, body: str, kind: str = "") -> str:
    """An f-string fragment for one cell: body is the <v> or <is> content."""
    s = f' s="{style}"' if style else ""
    t = f' t="{kind}"' if kind else ""
    return f'<c r="{letter}{{r}}"{s}{t}>{body}</c>'


def compile_row(
    columns: Sequence[RowColumn],
    *,
    needles: Sequence[str],
    money_styles: MoneyStyles,
    currencies: set[str],
    careful: Sequence[CellWriter],
    timezone: tzinfo,
    mismatch: Callable[[int, Any, str], Exception],
    name: str = "row",
    flag_words: tuple[str, str] = ("yes", "no"),
) -> RowBuilder:
    """The row builder for these columns (see the module's doc)."""
    for column in columns:
        if not column.letter.isalpha() or not column.letter.isupper():
            raise ValueError(f"not a column letter: {column.letter!r}")
    names = [f"v{i}" for i in range(len(columns))]
    lines = ["def row(values, r):"]
    unpack = ", ".join(names)
    lines.append(f"    {unpack}, = values")
    # Currency bookkeeping and the totals' currency check come first: they hold on both paths.
    lines += _currency_lines(columns, names)
    lines += _care_test_lines([names[i] for i, c in enumerate(columns) if c.kind == "string"])
    cells = []
    for i, column in enumerate(columns):
        cells.append(f"c{i}")
        lines += _cell_lines(i, column, names[i], f"c{i}")
    lines.append('    return f\'<row r="{r}">' + "".join(f"{{{c}}}" for c in cells) + "</row>'")
    namespace: dict[str, Any] = {
        "JOIN": JOIN,
        "SPACE_JOIN": " " + JOIN,
        "JOIN_SPACE": JOIN + " ",
        "MAX_CELL_CHARS": MAX_CELL_CHARS,
        "NEEDLES": tuple(needles),
        "MONEY": money_styles,
        "EPOCH": EPOCH,
        "FIRST_SAFE_DATE": FIRST_SAFE_DATE,
        "CAREFUL": tuple(careful),
        "TZ": timezone,
        "date": date,
        "add_currency": currencies.add,
        "mismatch": mismatch,
        "YES": escape(flag_words[0]),
        "NO": escape(flag_words[1]),
    }
    source = "\n".join(lines) + "\n"
    exec(compile(source, f"<econdesk report: {name}>", "exec"), namespace)
    builder: RowBuilder = namespace["row"]
    builder.__doc__ = source  # readable in a debugger: the code a row runs
    return builder


def _currency_lines(columns: Sequence[RowColumn], names: Sequence[str]) -> list[str]:
    """Source that records the row's currency and refuses a total in another one."""
    currency_at = next((i for i, c in enumerate(columns) if c.currency), None)
    if currency_at is None:
        return []
    code = names[currency_at]
    lines = [f"    if isinstance({code}, str):", f"        add_currency({code})"]
    for i, column in enumerate(columns):
        if column.total_of_currency:
            v = names[i]
            lines.append(f"        if {v} is not None and {v}.currency != {code}:")
            lines.append(f"            raise mismatch({i}, {v}, {code})")
    return lines


def _care_test_lines(strings: Sequence[str]) -> list[str]:
    """Source that returns None when one of the row's strings needs the careful way."""
    if not strings:
        return []
    joined = ", ".join(strings) + ("," if len(strings) == 1 else "")
    return [
        f"    texts = JOIN.join(filter(None, ({joined})))",
        "    if (not texts.isprintable() or '&' in texts or '<' in texts",
        "            or ']]>' in texts or len(texts) > MAX_CELL_CHARS",
        "            or texts.startswith(' ') or texts.endswith(' ')",
        "            or SPACE_JOIN in texts or JOIN_SPACE in texts):",
        "        return None",
        "    for needle in NEEDLES:",
        "        if needle in texts:",
        "            return None",
    ]


def _cell_lines(i: int, column: RowColumn, v: str, c: str) -> list[str]:
    """Source that sets `c` to the cell of value `v` in column `i` ('' for an empty cell)."""
    letter = column.letter
    if column.kind == "string":
        cell = _cell(letter, column.style, f"<is><t>{{{v}}}</t></is>", "inlineStr")
        return [f"    {c} = f'{cell}' if {v} else ''"]
    if column.kind == "money":
        cell = f'<c r="{letter}{{r}}" s="{{MONEY[{v}.currency]}}"><v>{{t}}</v></c>'
        return [
            f"    if {v} is None:",
            f"        {c} = ''",
            "    else:",
            f"        a = {v}.amount",  # a Money's amount is always finite
            "        t = str(a) if a else '0'",  # exact digits; never '-0.00'
            "        if 'E' in t:",
            "            t = format(a, 'f')",
            f"        {c} = f'{cell}'",
        ]
    if column.kind == "date":
        cell = _cell(letter, column.style, f"<v>{{{v}.toordinal() - EPOCH}}</v>")
        return [
            f"    if {v} is None:",
            f"        {c} = ''",
            f"    elif type({v}) is date and {v} >= FIRST_SAFE_DATE:",
            f"        {c} = f'{cell}'",
            "    else:",
            f"        {c} = CAREFUL[{i}]({v}, r)",
        ]
    if column.kind == "datetime":
        cell = _cell(letter, column.style, "<v>{d + s / 86400!r}</v>")
        return [
            f"    if {v} is None:",
            f"        {c} = ''",
            "    else:",
            f"        m = {v} if {v}.tzinfo is None else {v}.astimezone(TZ)",
            "        d = m.toordinal() - EPOCH",
            "        s = m.hour * 3600 + m.minute * 60 + m.second + m.microsecond / 1e6",
            f"        {c} = f'{cell}'",
        ]
    if column.kind == "integer":
        cell = _cell(letter, column.style, f"<v>{{{v}:d}}</v>")
        return [f"    {c} = '' if {v} is None else f'{cell}'"]
    if column.kind == "score":
        cell = _cell(letter, column.style, f"<v>{{float({v})!r}}</v>")
        return [f"    {c} = '' if {v} is None else f'{cell}'"]
    if column.kind == "flag":
        yes = _cell(letter, column.style, "<is><t>{YES}</t></is>", "inlineStr")
        no = _cell(letter, column.style, "<is><t>{NO}</t></is>", "inlineStr")
        return [f"    {c} = '' if {v} is None else f'{yes}' if {v} else f'{no}'"]
    raise ValueError(f"no row template for a {column.kind!r} column")
