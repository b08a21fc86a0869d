"""Several bookkeepers at once on one PostgreSQL database, against the sandboxes with faults on.

Each simulated bookkeeper is a process of its own with its own config (`econdesk init
--sandbox`, its own actor name) that, until the time is up, picks at random: sync (the
command line's `econdesk sync`), match (`econdesk match`), approve or reject a proposal it saw
a moment ago (the matching service, timed), post (`econdesk post`), or now and then reverse
one of the posted matches (`econdesk reverse`; the match becomes proposed again, and may be
approved and posted again).

Printed: actions done, errors other than "changed by someone else" (a decision on a match a
colleague decided first; must be 0), source failures the injected faults caused beyond the
retries (reported, not errors), duplicate vouchers in e-conomic's daybook (two vouchers with
one marker: 0; a posting, its reversal and a posting after it each have their own), lost
approvals (an approval that later reads as anything but approved or posted, unless the match
was reversed since: 0), whether the audit chain
is intact, and the 95th percentile of approve and of reject. With --lock-profile it also
prints which transactions held the store's writer lock longest (an approval waits behind them).

    PYTHONPATH=. .venv/bin/python benchmarks/team_load.py [--minutes 10] [--people 5]
        [--fault-rate 0.05] [--size 300] [--db postgresql+psycopg://...] [--lock-profile]
        [--keep-db]

Without --db a throw-away PostgreSQL server is started (initdb and pg_ctl must be installed).

The load average, printed from the run's samples, matters more than anything else here:
every statement waits for the server process to be scheduled.

Target: approve and reject p95 under 100 ms with five people. An approval waits behind
whichever transaction holds the writer lock; since sync pages are compared before the lock,
and a page stored already takes no writer lock at all, a sync holds it only for what is new.
What holds it: the posting steps (claim, send, posted, refuse), match runs storing their
proposals, and reversal claims. Fetched exchange rates are stored without it (row locks
only). No posting step holds it across a request to e-conomic: a claim, marking a voucher
sent, and recording the answer are each a transaction of their own before or after the
request. Figures: benchmarks/RESULTS.md.

--keep-db leaves the throw-away server running (its URL is printed). After the run,
`econdesk post` is run alone until no posting is in doubt, then each match whose vouchers less
reversals disagree with the store is listed.
"""

from __future__ import annotations

import argparse
import io
import multiprocessing as mp
import os
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from tests.acceptance.harness import ServedSandboxes

PERIOD = ("--from", "2026-03-01", "--to", "2026-04-30")
MIX = "sync=1,match=2,approve=6,reject=2,post=2,reverse=1"  # how often each is picked
ACTIONS = ("sync", "match", "approve", "reject", "post", "reverse")
NAMES = ("anne", "bo", "cai", "dorte", "emil", "frida", "gustav", "hanne")
SOMEONE_ELSE = (
    "changed by someone else",
    "cannot become",
    "another process is posting",
    "only posted matches can be reversed",  # a colleague reversed it first
)


# -- the server and the sandboxes -----------------------------------------------------------
@contextmanager
def throwaway_postgres(keep: bool = False) -> Iterator[str]:
    """A PostgreSQL server in a temporary folder for the run; its database's URL. With `keep`
    the server goes on running afterwards (its folder and URL are printed)."""
    from sqlalchemy import create_engine, text

    from tests.conftest import _free_port, _run_as, _server_user, find_pg_bin

    pg_bin = find_pg_bin()
    if pg_bin is None:
        raise SystemExit("PostgreSQL server binaries not found: pass --db URL")
    user = _server_user()
    root = Path(tempfile.mkdtemp(prefix="econdesk-load-pg-"))
    if user is not None:
        import pwd

        info = pwd.getpwnam(user)
        os.chown(root, info.pw_uid, info.pw_gid)
    data = root / "data"
    _run_as(user, [str(pg_bin / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                   "--no-sync", "-E", "UTF8", "--locale=C"])  # fmt: skip
    port = _free_port()
    options = f"-h 127.0.0.1 -p {port} -k {root} -c max_connections=200"
    started = _run_as(user, [str(pg_bin / "pg_ctl"), "-D", str(data), "-l", str(root / "log"),
                             "-o", options, "-w", "start"])  # fmt: skip
    if started.returncode != 0:
        raise SystemExit(f"pg_ctl start failed: {started.stderr}")
    admin = f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("CREATE DATABASE team_load"))
    engine.dispose()
    url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/team_load"
    try:
        yield url
    finally:
        if keep:
            print(f"database kept: {url} (stop: pg_ctl -D {data} stop)")
        else:
            _run_as(user, [str(pg_bin / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"])


def write_configs(connection_url: str, folder: Path, people: int) -> list[tuple[str, Path]]:
    """`econdesk init --sandbox` once per bookkeeper, each under a name of their own."""
    from econdesk.cli import main

    configs = []
    for name in NAMES[:people]:
        home = folder / name
        os.environ["ECONDESK_HOME"] = str(home)
        out, err = io.StringIO(), io.StringIO()
        if main(["init", "--sandbox", connection_url], stdout=out, stderr=err) != 0:
            raise SystemExit(f"econdesk init failed: {err.getvalue()}")
        path = home / "config" / "config.toml"
        text = path.read_text(encoding="utf-8").replace("[app]\n", f'[app]\nactor = "{name}"\n')
        for table in re.findall(r"^\[providers\.\w+\]\n", text, flags=re.MULTILINE):
            text = text.replace(table, f'{table}tolerance_fixed = "0.50"\n')
        path.write_text(text, encoding="utf-8")
        configs.append((name, path))
    os.environ.pop("ECONDESK_HOME", None)
    return configs


# -- one bookkeeper ---------------------------------------------------------------------------
@dataclass
class Tally:
    name: str
    actions: Counter[str] = field(default_factory=Counter)
    someone_else: int = 0
    errors: list[str] = field(default_factory=list)
    source_faults: int = 0
    approved: list[str] = field(default_factory=list)
    reversed: list[str] = field(default_factory=list)
    approve_ms: list[float] = field(default_factory=list)
    reject_ms: list[float] = field(default_factory=list)
    lock_ms: list[tuple[float, str]] = field(default_factory=list)  # (held, by which code)


def profile_lock(tally: Tally) -> None:
    """Time every hold of the writer lock, from taking it to the commit or rollback, and name
    the econdesk function that opened the transaction."""
    import traceback

    from sqlalchemy import event
    from sqlalchemy.orm import Session

    from econdesk.storage import audit, database

    taken: dict[int, tuple[float, str]] = {}
    original = audit.lock_writes

    def lock_writes(session: Session) -> None:
        original(session)
        if id(session) not in taken:
            frames = [f for f in traceback.extract_stack()[:-1] if "/econdesk/" in f.filename]
            outer = [f for f in frames if "/storage/" not in f.filename] or frames
            where = f"{Path(outer[-1].filename).stem}.{outer[-1].name}" if outer else "?"
            taken[id(session)] = (time.perf_counter(), where)

    def released(session: Session) -> None:
        started = taken.pop(id(session), None)
        if started is not None:
            tally.lock_ms.append(((time.perf_counter() - started[0]) * 1000, started[1]))

    audit.lock_writes = lock_writes  # type: ignore[assignment]
    database.lock_writes = lock_writes  # type: ignore[assignment]
    event.listen(Session, "after_commit", released)
    event.listen(Session, "after_rollback", released)


def bookkeeper(
    name: str,
    config: str,
    url: str,
    seconds: float,
    seed: int,
    mix: dict[str, int],
    lock_profile: bool = False,
) -> dict[str, Any]:
    from econdesk.config import load_config
    from econdesk.services.matching import MatchingService, matching_settings
    from econdesk.storage import open_database

    os.environ["ECONDESK_HOME"] = str(Path(config).parents[1])
    rng = random.Random(seed)
    db = open_database(url, actor=name, migrate=False)
    service = MatchingService(db, matching_settings(load_config(Path(config))))
    tally = Tally(name)
    if lock_profile:
        profile_lock(tally)
    deadline = time.monotonic() + seconds
    actions, weights = list(mix), list(mix.values())
    try:
        while time.monotonic() < deadline:
            action = rng.choices(actions, weights)[0]
            if action in ("approve", "reject"):
                decide(service, action, rng, tally)
            elif action == "reverse":
                reverse(service, config, url, rng, tally)
            else:
                command(config, url, action, tally)
    finally:
        db.dispose()
    return tally.__dict__ | {"actions": dict(tally.actions)}


def decide(service: Any, action: str, rng: random.Random, tally: Tally) -> None:
    from econdesk.domain import MatchState
    from econdesk.errors import EcondeskError

    proposed = service.matches(MatchState.PROPOSED)
    if not proposed:
        time.sleep(0.05)
        return
    chosen = rng.choice(proposed).id
    started = time.perf_counter()
    try:
        (service.approve if action == "approve" else service.reject)([chosen])
    except EcondeskError as exc:
        if any(s in str(exc) for s in SOMEONE_ELSE):
            tally.someone_else += 1
        else:
            tally.errors.append(f"{action} {chosen}: {exc}")
        tally.actions[action] += 1
        return
    except Exception as exc:
        tally.errors.append(f"{action} {chosen}: {type(exc).__name__}: {exc}"[:300])
        return
    elapsed = (time.perf_counter() - started) * 1000
    tally.actions[action] += 1
    if action == "approve":
        tally.approved.append(chosen)
        tally.approve_ms.append(elapsed)
    else:
        tally.reject_ms.append(elapsed)


def command(config: str, url: str, action: str, tally: Tally) -> None:
    from econdesk.cli import main

    args = {"sync": ["sync", *PERIOD], "match": ["match"], "post": ["post", "--json"]}[action]
    out, err = io.StringIO(), io.StringIO()
    with redirect_stderr(err):  # the progress lines
        code = main(["--config", config, "--db", url, *args], stdout=out, stderr=err)
    tally.actions[action] += 1
    said = err.getvalue()
    if "unexpected" in said or "Traceback" in said:
        tally.errors.append(f"{action}: {said.strip().splitlines()[-1]}"[:300])
    elif action == "sync" and code != 0:
        tally.source_faults += said.count("failed") or 1  # the injected faults outlasted retries
    elif action == "post" and code != 0 and not out.getvalue().strip():
        tally.errors.append(f"post: {said.strip()}"[:300])


def reverse(service: Any, config: str, url: str, rng: random.Random, tally: Tally) -> None:
    """Reverse one of the posted matches, as a person correcting a wrong one would."""
    from econdesk.cli import main
    from econdesk.domain import MatchState

    posted = service.matches(MatchState.POSTED)
    if not posted:
        time.sleep(0.05)
        return
    chosen = rng.choice(posted).id
    args = ["reverse", chosen, "--reason", "team load: the wrong payout", "--json"]
    out, err = io.StringIO(), io.StringIO()
    with redirect_stderr(err):
        code = main(["--config", config, "--db", url, *args], stdout=out, stderr=err)
    tally.actions["reverse"] += 1
    said = err.getvalue()
    if "unexpected" in said or "Traceback" in said:
        tally.errors.append(f"reverse {chosen}: {said.strip().splitlines()[-1]}"[:300])
    elif code == 0:
        tally.reversed.append(chosen)
    elif not out.getvalue().strip():  # refused before anything was sent
        if any(s in said for s in SOMEONE_ELSE):
            tally.someone_else += 1
        else:
            tally.errors.append(f"reverse {chosen}: {said.strip()}"[:300])
    # else: not reversed this time (a fault, or in doubt): reported, still posted


# -- the checks afterwards --------------------------------------------------------------------
def settle(config: str, url: str, rounds: int = 10) -> None:
    """Run `econdesk post` alone until no posting is in doubt (a run stopped by the deadline may
    have left one unanswered), so the daybook can be checked against the store per match."""
    from econdesk.cli import main
    from econdesk.storage import open_database

    for _round in range(rounds):
        db = open_database(url, actor="checker", migrate=False)
        with db.reader() as store:
            in_doubt = [p.match_id for p in store.postings.in_doubt()]
        db.dispose()
        if not in_doubt:
            return
        print(f"settling postings in doubt: {', '.join(sorted(in_doubt))}")
        with redirect_stderr(io.StringIO()):
            main(["--config", config, "--db", url, "post", "--json"], stdout=io.StringIO())
    print(f"still in doubt after {rounds} post runs")


def daybook_markers(economic: dict[str, Any], journal: int) -> Counter[str]:
    """How many vouchers in the daybook carry each marker: a match's posting
    (`ED-m-000123-...`, one per round) or a reversal (`ED-r-000123-...`). Read with retries:
    the sandbox's faults apply to this reader too."""
    headers = {
        "X-AppSecretToken": str(economic["app_secret_token"]),
        "X-AgreementGrantToken": str(economic["agreement_grant_token"]),
    }
    url: str | None = f"{str(economic['base_url']).rstrip('/')}/journals/{journal}/entries"
    params: dict[str, str] | None = {"pagesize": "1000"}
    vouchers: dict[str, set[tuple[str, int]]] = {}
    while url:
        for _attempt in range(50):
            try:
                answer = httpx.get(url, headers=headers, params=params, timeout=10)
            except httpx.HTTPError:
                continue
            if answer.status_code == 200:
                break
        else:
            raise SystemExit(f"could not read the daybook at {url}")
        page = answer.json()
        for raw in page["collection"]:
            marker = re.match(r"ED-([mr]-\d+-[0-9a-f]{8})\b", str(raw.get("text", "")))
            if marker:
                voucher = raw["voucher"]
                key = (str(voucher["accountingYear"]["year"]), int(voucher["voucherNumber"]))
                vouchers.setdefault(marker.group(1), set()).add(key)
        url, params = page["pagination"].get("nextPage"), None
    return Counter({m: len(v) for m, v in vouchers.items()})


def standing_differs(markers: Counter[str], posted: set[str]) -> set[str]:
    """Matches whose standing vouchers (postings less reversals) are not 1 if the store has
    them posted and 0 if not."""
    standing: Counter[str] = Counter()
    for marker, count in markers.items():
        kind, number = marker.split("-")[:2]
        standing[f"m-{number}"] += count if kind == "m" else -count
    return {m for m in {*standing, *posted} if standing[m] != (1 if m in posted else 0)}


def p95(values: list[float]) -> str:
    if len(values) < 2:
        return "n/a"
    return f"{statistics.quantiles(values, n=20)[-1]:.1f} ms"


def report(tallies: list[dict[str, Any]], url: str, economic: dict[str, Any], journal: int) -> None:
    from econdesk.domain import MatchState
    from econdesk.storage import open_database

    actions: Counter[str] = Counter()
    for t in tallies:
        actions.update(t["actions"])
    errors = [e for t in tallies for e in t["errors"]]
    db = open_database(url, actor="checker", migrate=False)
    with db.reader() as store:
        states = {m.id: m.state for m in store.matches.find()}
        chain = store.verify_audit()
        posted = {m.id for m in store.matches.find(states=[MatchState.POSTED])}
        reversals = store.audit_events(action_prefix="match.reversed")
        # a reversal's posting is "r-000123": its match is m-000123
        in_flight = {
            "m-" + p.match_id[2:]
            for p in store.postings.in_doubt()
            if p.match_id[:2] in ("m-", "r-")
        }
    db.dispose()
    reversed_ids = {s for e in reversals for s in e.subjects if s.startswith("m-")}
    kept = (MatchState.APPROVED, MatchState.POSTED)
    lost = [
        i
        for t in tallies
        for i in t["approved"]
        if states.get(i) not in kept and i not in reversed_ids
    ]
    markers = daybook_markers(economic, journal)
    duplicates = sum(n - 1 for n in markers.values() if n > 1)
    print(f"bookkeepers:          {len(tallies)}")
    print(f"actions:              {sum(actions.values())} ({_counts(actions)})")
    print(f"changed by someone else: {sum(t['someone_else'] for t in tallies)}")
    print(f"other errors:         {len(errors)}")
    for line in errors[:10]:
        print(f"  {line}")
    print(f"source faults beyond retries: {sum(t['source_faults'] for t in tallies)}")
    postings = sum(n for m, n in markers.items() if m.startswith("m-"))
    print(
        f"posted matches:       {len(posted)} (vouchers with a match's marker: {postings}, "
        f"reversal vouchers: {sum(markers.values()) - postings}; "
        f"reversals audited: {len(reversals)}, of {len(reversed_ids)} matches)"
    )
    print(f"duplicate vouchers:   {duplicates}")
    differ = standing_differs(markers, posted)
    print(
        f"daybook vs store:     {len(differ)} matches whose vouchers less reversals are not 1 "
        f"when posted, 0 when not ({len(differ & in_flight)} of them in flight at the end, "
        "settled by the next post or reverse)"
    )
    for match_id in sorted(differ):
        number = match_id[2:]
        have = {m: n for m, n in markers.items() if m.split("-")[1] == number}
        print(f"  {match_id}: {states.get(match_id)} in the store; vouchers by marker {have}")
    print(f"lost approvals:       {len(lost)}")
    print(f"audit chain intact:   {'yes' if chain.ok else 'NO: ' + str(chain.problem)}")
    print(f"approve p95:          {p95([x for t in tallies for x in t['approve_ms']])}")
    print(f"reject p95:           {p95([x for t in tallies for x in t['reject_ms']])}")
    holds = [(ms, where) for t in tallies for ms, where in t["lock_ms"]]
    if holds:
        print("writer lock held (ms): by    count    p50    p95    max")
        by: dict[str, list[float]] = {}
        for ms, where in holds:
            by.setdefault(where, []).append(ms)
        for where, times in sorted(by.items(), key=lambda kv: -max(kv[1])):
            times.sort()
            print(f"  {where:34} {len(times):6} {times[len(times) // 2]:6.0f} "
                  f"{times[int(len(times) * 0.95)]:6.0f} {times[-1]:6.0f}")  # fmt: skip


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(counter.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--people", type=int, default=5, choices=range(1, len(NAMES) + 1))
    parser.add_argument("--fault-rate", type=float, default=0.05)
    parser.add_argument("--size", type=int, default=300, help="scenario size (platform items)")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--db", help="a PostgreSQL URL (default: a throw-away server)")
    parser.add_argument("--mix", default=MIX, help=f"action=weight,... (default {MIX})")
    parser.add_argument("--lock-profile", action="store_true", help="who holds the writer lock")
    parser.add_argument(
        "--keep-db", action="store_true", help="leave the throw-away server running afterwards"
    )
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory(prefix="econdesk-load-") as tmp,
        given(args.db) if args.db else throwaway_postgres(keep=args.keep_db) as url,
    ):
        run(args, url, Path(tmp))


@contextmanager
def load_sampled(every: float = 5.0) -> Iterator[list[float]]:
    """The machine's 1-minute load average, sampled while the block runs."""
    samples = [os.getloadavg()[0]]
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(every):
            samples.append(os.getloadavg()[0])

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield samples
    finally:
        stop.set()
        sampler.join()
        samples.append(os.getloadavg()[0])


@contextmanager
def given(url: str) -> Iterator[str]:
    """A database the user gave (`--db`), used as it is and left as it was."""
    yield url


def serve_tiny(
    url: str, folder: Path, *, seed: int, size: int, fault_rate: float
) -> ServedSandboxes:
    """Write a tiny scenario of `size` items into `folder`, migrate the database once (before
    anyone starts) and serve the sandboxes for that scenario (stop them when done)."""
    from econdesk.storage import open_database
    from tests.acceptance.harness import serve_sandboxes

    scenario = folder / "scenario.toml"
    scenario.write_text(
        f'[scenario]\nbase = "tiny"\nseed = {seed}\nsize = {size}\n', encoding="utf-8"
    )
    open_database(url, actor="setup").dispose()
    return serve_sandboxes("--scenario", str(scenario), "--fault-rate", str(fault_rate))


def run(args: argparse.Namespace, url: str, folder: Path) -> None:
    served = serve_tiny(url, folder, seed=args.seed, size=args.size, fault_rate=args.fault_rate)
    try:
        configs = write_configs(served.connection_url, folder, args.people)
        economic = served.connections()["economic"]
        seconds = args.minutes * 60
        mix = {k: int(v) for k, v in (part.split("=") for part in args.mix.split(","))}
        unknown = set(mix) - set(ACTIONS)
        if unknown:
            raise SystemExit(f"--mix: unknown actions {sorted(unknown)}")
        print(f"{args.people} bookkeepers for {args.minutes:g} min, faults {args.fault_rate:.0%}")
        with mp.get_context("spawn").Pool(args.people) as pool, load_sampled() as load:
            tallies = pool.starmap(
                bookkeeper,
                [
                    (n, str(c), url, seconds, args.seed + i, mix, args.lock_profile)
                    for i, (n, c) in enumerate(configs)
                ],
            )
        print(f"load average (1 min) during the run: {min(load):.1f}-{max(load):.1f}")
        settle(str(configs[0][1]), url)
        journal = int(re.search(r"journal = (\d+)", configs[0][1].read_text()).group(1))  # type: ignore[union-attr]
        report(tallies, url, economic, journal)
    finally:
        served.stop()


if __name__ == "__main__":
    main()
