"""A saved column mapping: which column of a CSV file holds the date, the amount, the text …
and how the file writes numbers and dates. Small, typed, and stored as TOML or JSON so a
bookkeeper sets it up once per bank or acquirer.

Columns are named by their header ("Beløb"), compared without regard to case and
surrounding space, or by position as "#3" (1-based) for files without a header.
"""

from __future__ import annotations

import functools
import json
import tomllib
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Final

from econdesk.errors import ConfigError
from econdesk.i18n import QT_TRANSLATE_NOOP
from econdesk.i18n.message import Message, say

SIGNS: Final = ("as_is", "inverted")
_COLUMN_FIELDS: Final = (
    "date",
    "amount",
    "credit",
    "debit",
    "text",
    "reference",
    "counterparty",
    "currency",
    "fee",
    "payout_reference",
    "kind",
    "value_date",
    "status",
    "balance",
)


@dataclass(frozen=True)
class ColumnMapping:
    name: str = "custom"
    # -- which column holds what (None: the file has no such column) ---------------------
    date: str = "Dato"
    amount: str | None = "Beløb"  # one signed amount column ...
    credit: str | None = None  # ... or money in and money out in two columns
    debit: str | None = None
    text: str | None = "Tekst"
    reference: str | None = None  # end-to-end id, FIK, transaction reference
    counterparty: str | None = None
    currency: str | None = None
    fee: str | None = None  # settlement files: what the acquirer kept for the row
    payout_reference: str | None = None  # settlement files: the payout the row belongs to
    kind: str | None = None  # settlement files: sale / refund / chargeback / fee
    value_date: str | None = None
    status: str | None = None  # rows whose status is in `skip_statuses` are not booked yet
    balance: str | None = None
    # -- how the file writes things ------------------------------------------------------
    default_currency: str = "DKK"
    decimal_mark: str = "auto"  # ",", "." or "auto" (decided per column from all its values)
    date_format: str = "auto"  # a strptime format or "auto"
    sign: str = "as_is"  # "inverted": the file shows money in as negative
    encoding: str = "auto"  # "auto": BOM, then UTF-8, then Windows-1252
    delimiter: str = "auto"
    header: bool = True
    skip_lines: int = 0  # preamble lines before the header (or the first row)
    skip_statuses: tuple[str, ...] = ("Reserveret", "Venter")
    # Settlement files: kind column value -> "payment" | "refund" | "chargeback" | "fee".
    kind_values: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        problems: list[Message] = []
        if self.amount is None and (self.credit is None or self.debit is None):
            problems.append(
                say(
                    QT_TRANSLATE_NOOP(
                        "CLI", "needs an amount column, or both credit and debit columns"
                    )
                )
            )
        if self.decimal_mark not in (",", ".", "auto"):
            problems.append(
                say(
                    QT_TRANSLATE_NOOP("CLI", 'decimal_mark must be ",", "." or "auto", not {0!r}'),
                    self.decimal_mark,
                )
            )
        if self.sign not in SIGNS:
            problems.append(
                say(
                    QT_TRANSLATE_NOOP("CLI", "sign must be one of {0}, not {1!r}"),
                    ", ".join(SIGNS),
                    self.sign,
                )
            )
        if self.delimiter != "auto" and len(self.delimiter) != 1:
            problems.append(
                say(
                    QT_TRANSLATE_NOOP(
                        "CLI", "delimiter must be one character or 'auto', not {0!r}"
                    ),
                    self.delimiter,
                )
            )
        if self.skip_lines < 0:
            problems.append(say(QT_TRANSLATE_NOOP("CLI", "skip_lines must not be negative")))
        bad_kinds = sorted(
            set(self.kind_values.values())
            - {"payment", "refund", "chargeback", "fee", "adjustment"}
        )
        if bad_kinds:
            problems.append(
                say(
                    QT_TRANSLATE_NOOP(
                        "CLI",
                        "kind_values may map to payment, refund, chargeback, fee or "
                        "adjustment, not {0}",
                    ),
                    ", ".join(bad_kinds),
                )
            )
        if problems:
            said = functools.reduce(lambda a, b: say("{0}; {1}", a, b), problems)
            raise ConfigError(said, key=f"mapping {self.name}")

    def columns(self) -> dict[str, str]:
        """Role -> column name for every role the file has."""
        return {role: getattr(self, role) for role in _COLUMN_FIELDS if getattr(self, role)}

    # -- serialisation --------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["skip_statuses"] = list(self.skip_statuses)
        return {key: value for key, value in data.items() if value is not None}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def to_toml(self) -> str:
        import tomlkit  # loaded when a mapping is saved, not whenever a bank file is read

        data = self.to_dict()
        if "kind_values" in data:  # on one line, like every other key
            kinds = tomlkit.inline_table()
            kinds.update(data["kind_values"])
            data["kind_values"] = kinds
        return tomlkit.dumps(data)

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, where: str = "mapping") -> ColumnMapping:
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise ConfigError(
                say(QT_TRANSLATE_NOOP("CLI", "unknown keys {0}"), ", ".join(unknown)), key=where
            )
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key == "skip_statuses":
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise ConfigError(
                        say(QT_TRANSLATE_NOOP("CLI", "must be a list of strings")),
                        key=f"{where}.{key}",
                    )
                values[key] = tuple(value)
                continue
            if key == "kind_values":
                if not isinstance(value, dict) or not all(
                    isinstance(k, str) and isinstance(v, str) for k, v in value.items()
                ):
                    raise ConfigError(
                        say(QT_TRANSLATE_NOOP("CLI", "must be a table of strings")),
                        key=f"{where}.{key}",
                    )
            elif key == "header":
                if not isinstance(value, bool):
                    raise ConfigError(
                        say(QT_TRANSLATE_NOOP("CLI", "must be true or false")), key=f"{where}.{key}"
                    )
            elif key == "skip_lines":
                if isinstance(value, bool) or not isinstance(value, int):
                    raise ConfigError(
                        say(QT_TRANSLATE_NOOP("CLI", "must be a whole number")),
                        key=f"{where}.{key}",
                    )
            elif value is not None and not isinstance(value, str):
                raise ConfigError(
                    say(QT_TRANSLATE_NOOP("CLI", "must be a string, not {0!r}"), value),
                    key=f"{where}.{key}",
                )
            values[key] = value
        return replace(cls(), **values)

    @classmethod
    def load(cls, path: str | Path) -> ColumnMapping:
        """A mapping saved as .toml or .json."""
        path = Path(path)
        try:
            raw = path.read_text(encoding="utf-8-sig")
            data = tomllib.loads(raw) if path.suffix.lower() == ".toml" else json.loads(raw)
        except OSError as exc:
            raise ConfigError(
                say(QT_TRANSLATE_NOOP("CLI", "cannot read the mapping: {0}"), exc.strerror),
                path=path,
            ) from exc
        except ValueError as exc:
            raise ConfigError(
                say(QT_TRANSLATE_NOOP("CLI", "not a valid mapping file: {0}"), exc), path=path
            ) from exc
        if not isinstance(data, dict):
            raise ConfigError(
                say(QT_TRANSLATE_NOOP("CLI", "a mapping must be a table/object")), path=path
            )
        try:
            return cls.from_dict(data)
        except ConfigError as exc:
            raise ConfigError(exc.said or str(exc), path=path) from exc

    def save(self, path: str | Path) -> None:
        path = Path(path)
        text = self.to_toml() if path.suffix.lower() == ".toml" else self.to_json() + "\n"
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)  # all or nothing: a crash never leaves half a mapping
