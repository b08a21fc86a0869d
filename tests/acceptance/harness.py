"""What the acceptance tests drive: the `econdesk` command and `econdesk sandbox serve`.

The command runs either as a real process (the installed console script, exactly what a
scheduled job runs) or in this process through `econdesk.cli.main` (fast, for the PostgreSQL
run). The sandboxes run as a real `econdesk sandbox serve` process; the tests learn where they
listen only from what it prints, as a user would.
"""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import httpx

from econdesk.cli import main

CONNECTION_DOCUMENT = "econdesk-sandbox.json"  # what `econdesk init --sandbox URL` reads
SERVE_READY = "press Ctrl+C"  # the last line `econdesk sandbox serve` prints once serving
COMMAND_TIMEOUT = 120.0


def econdesk_argv() -> list[str]:
    """The installed console script beside this Python (.venv/bin/econdesk), else `-m`."""
    script = Path(sys.executable).with_name("econdesk")
    return [str(script)] if script.exists() else [sys.executable, "-m", "econdesk"]


@dataclass(frozen=True)
class Outcome:
    args: tuple[str, ...]
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    def __str__(self) -> str:
        return f"econdesk {' '.join(self.args)} -> {self.code}\n{self.out}\n{self.err}"


class Econdesk(Protocol):
    def __call__(
        self, *args: str, expect: int | None = 0, env: Mapping[str, str] | None = None
    ) -> Outcome: ...


class SubprocessEcondesk:
    """`econdesk ARGS` as a child process with the test's environment (ECONDESK_HOME etc.)."""

    def __call__(
        self, *args: str, expect: int | None = 0, env: Mapping[str, str] | None = None
    ) -> Outcome:
        environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
        done = subprocess.run(
            [*econdesk_argv(), *args],
            capture_output=True,
            text=True,
            env=environment,
            timeout=COMMAND_TIMEOUT,
            check=False,
        )
        outcome = Outcome(tuple(args), done.returncode, done.stdout, done.stderr)
        assert expect is None or outcome.code == expect, str(outcome)
        return outcome


class InProcessEcondesk:
    """`econdesk.cli.main(ARGS)` with captured output; `env` is set for the call only."""

    def __call__(
        self, *args: str, expect: int | None = 0, env: Mapping[str, str] | None = None
    ) -> Outcome:
        out, err = io.StringIO(), io.StringIO()
        saved = {name: os.environ.get(name) for name in env or {}}
        os.environ.update(env or {})
        try:
            code = main(list(args), stdout=out, stderr=err)
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
        outcome = Outcome(tuple(args), code, out.getvalue(), err.getvalue())
        assert expect is None or outcome.code == expect, str(outcome)
        return outcome


@dataclass
class ServedSandboxes:
    """A running `econdesk sandbox serve`: what it printed and where it listens."""

    process: subprocess.Popen[str]
    printed: str
    urls: list[str] = field(default_factory=list)

    @property
    def connection_url(self) -> str:
        """The printed URL that answers `econdesk init --sandbox URL` (its connection
        document); the first such URL, as a user would copy it from the printout."""
        for url in self.urls:
            try:
                answer = httpx.get(f"{url.rstrip('/')}/{CONNECTION_DOCUMENT}", timeout=5)
            except httpx.HTTPError:
                continue
            if answer.status_code == 200:
                return url
        raise AssertionError(
            f"no URL printed by `econdesk sandbox serve` serves /{CONNECTION_DOCUMENT}, "
            f"which `econdesk init --sandbox URL` reads:\n{self.printed}"
        )

    def connections(self) -> dict[str, Any]:
        answer = httpx.get(f"{self.connection_url.rstrip('/')}/{CONNECTION_DOCUMENT}", timeout=5)
        document: dict[str, Any] = answer.json()
        return document

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


def serve_sandboxes(*options: str, timeout: float = 60.0) -> ServedSandboxes:
    """Start `econdesk sandbox serve OPTIONS` and wait until it says it is serving."""
    process = subprocess.Popen(
        [*econdesk_argv(), "sandbox", "serve", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:  # a thread, so a silent or dead server cannot hang the test
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            if SERVE_READY in line:
                ready.set()
        ready.set()

    threading.Thread(target=read, daemon=True).start()
    ready.wait(timeout)
    printed = "".join(lines)
    if process.poll() is not None or SERVE_READY not in printed:
        process.kill()
        process.wait(timeout=5)
        raise AssertionError(
            f"`econdesk sandbox serve {' '.join(options)}` did not start:\n{printed}"
        )
    urls = list(dict.fromkeys(re.findall(r"https?://[^\s\"']+", printed)))
    return ServedSandboxes(process, printed, urls)


@dataclass(frozen=True)
class DaybookEntry:
    journal: int
    voucher: int
    year: str
    text: str
    amount: str


def daybook(economic: Mapping[str, Any], journal: int) -> list[DaybookEntry]:
    """Every unbooked entry of a daybook, read from the e-conomic sandbox the way a client
    reads e-conomic (`GET /journals/{n}/entries`, pages followed by `nextPage`)."""
    headers = {
        "X-AppSecretToken": str(economic["app_secret_token"]),
        "X-AgreementGrantToken": str(economic["agreement_grant_token"]),
    }
    url: str | None = f"{str(economic['base_url']).rstrip('/')}/journals/{journal}/entries"
    params: dict[str, str] | None = {"pagesize": "1000"}
    entries: list[DaybookEntry] = []
    while url:
        answer = httpx.get(url, headers=headers, params=params, timeout=10)
        assert answer.status_code == 200, answer.text
        page = answer.json()
        for raw in page["collection"]:
            voucher = raw["voucher"]
            entries.append(
                DaybookEntry(
                    journal,
                    int(voucher["voucherNumber"]),
                    str(voucher["accountingYear"]["year"]),
                    str(raw.get("text", "")),
                    str(raw["amount"]),
                )
            )
        url, params = page["pagination"].get("nextPage"), None
    return entries


def vouchers_by_marker(entries: Sequence[DaybookEntry]) -> dict[str, set[tuple[str, int]]]:
    """Match id -> the (year, voucher number)s whose entry texts carry that match's marker."""
    found: dict[str, set[tuple[str, int]]] = {}
    for entry in entries:
        marker = re.match(r"ED-(m-\d+)-", entry.text)
        if marker:
            found.setdefault(marker.group(1), set()).add((entry.year, entry.voucher))
    return found


def lines_of(text: str) -> Iterator[str]:
    return (line for line in text.splitlines() if line.strip())
