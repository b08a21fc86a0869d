"""`econdesk sync --all-clients` over 20 clients against the sandboxes: wall time, how many
clients synced at once, and rate-limit violations (429 answers; must be 0).

Every client is wired to the same sandboxes with the same credentials (one e-conomic
agreement, one key per platform), the hardest case for pacing: each sandbox enforces its
API's limit for that key, and only a budget shared across the clients keeps them all within
it. Runs the real command in this process (concurrency 4 unless told) and reads the answers
each sandbox recorded. It runs twice: the first run also makes and migrates each client's
store (one at a time), the second is a night like any other.

    PYTHONPATH=. .venv/bin/python benchmarks/sync_all_clients.py [--clients 20]
        [--concurrency 4] [--latency-ms 20] [--scenario tiny] [--unshared]

`--unshared` shows what the shared budget prevents: each client paced on its own.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

PLATFORMS = ["economic", "stripe", "frisbii", "chargebee"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--latency-ms", type=int, default=20)
    parser.add_argument("--scenario", default="tiny")
    parser.add_argument(
        "--unshared",
        action="store_true",
        help="for contrast: each client paces itself alone (no budget shared per key)",
    )
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="econdesk-sync-all-"))
    os.environ["ECONDESK_HOME"] = str(home)
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    try:
        run(args)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def run(args: argparse.Namespace) -> None:
    from econdesk import clients
    from econdesk.cli import main as econdesk
    from econdesk.sandbox.serve import ServeOptions, start, stop_all
    from econdesk.sandbox.server import SandboxServer

    if args.unshared:
        from econdesk.connectors.ratelimit import SharedLimits

        SharedLimits.share = lambda self, system, host, credential, policy: policy  # type: ignore[method-assign]
    options = ServeOptions(scenario=args.scenario, seed=7, latency_ms=args.latency_ms)
    running = start(options, PLATFORMS)
    try:
        text = ""
        for sandbox in running:
            text += f"[{sandbox.config_table}]\n"
            text += "".join(f"{k} = {json.dumps(v)}\n" for k, v in sandbox.config.items())
        registry = clients.Registry()
        for n in range(args.clients):
            client = clients.add(registry, f"Client {n:02d}", database=None, schema=None)
            registry = clients.with_client(registry, client)
            client.config_path.parent.mkdir(parents=True, exist_ok=True)
            client.config_path.write_text(text, encoding="utf-8")
        clients.save_registry(registry)
        command = ["sync", "--all-clients", "--json", "--concurrency", str(args.concurrency)]
        command += ["--from", "2026-03-01", "--to", "2026-03-31"]
        walls, codes, outs = [], [], []
        for _ in range(2):  # the first night makes and migrates the stores; the second not
            out, err = io.StringIO(), io.StringIO()
            started = time.perf_counter()
            codes.append(econdesk(command, stdout=out, stderr=err))
            walls.append(time.perf_counter() - started)
            outs.append(json.loads(out.getvalue()))
        servers = [s.stop.__self__ for s in running]  # the started servers, for their records
        exchanges = [x for s in servers if isinstance(s, SandboxServer) for x in s.exchanges()]
    finally:
        stop_all(running)
    violations = sum(1 for x in exchanges if x.status == 429)
    pacing = "each client alone" if args.unshared else "one budget per API and key"
    print(f"clients: {args.clients}, sandboxes: {', '.join(PLATFORMS)}, "
          f"latency {args.latency_ms} ms, pacing: {pacing}")  # fmt: skip
    failed = sorted({name for summary in outs for name in summary["failed"]})
    print(f"exit codes: {codes}, failed clients: {failed or 'none'}")
    print(f"wall time: first run {walls[0]:.2f} s (stores made and migrated), "
          f"second run {walls[1]:.2f} s")  # fmt: skip
    most = max(summary["max_concurrent"] for summary in outs)
    print(f"max concurrent clients: {most} (bound {args.concurrency})")
    print(f"requests: {len(exchanges)}, rate-limit violations (429): {violations} (must be 0)")


if __name__ == "__main__":
    main()
