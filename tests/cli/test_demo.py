"""`econdesk demo` leaves nothing behind: its folder goes on exit, on SIGTERM and SIGINT, and a
folder left by a demo killed outright is swept by the next one (only ours, only if its process
is gone). The sandboxes run in a process of their own that ends with the demo."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from econdesk.cli.demo import FOLDER_PREFIX, OWNER_FILE, start_demo, sweep_stale_folders

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def demo_folder(parent: Path, name: str, owner: int | None) -> Path:
    folder = parent / f"{FOLDER_PREFIX}{name}"
    folder.mkdir()
    (folder / "demo.sqlite3").write_bytes(b"")
    if owner is not None:
        (folder / OWNER_FILE).write_text(f"{owner}\n", encoding="ascii")
    return folder


def test_sweep_removes_only_our_folders_whose_process_is_gone(tmp_path):
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        crashed = demo_folder(tmp_path, "crashed", dead_pid())
        running = demo_folder(tmp_path, "running", alive.pid)
        kept = demo_folder(tmp_path, "kept", None)  # --keep takes the owner file away
        mine = demo_folder(tmp_path, "mine", os.getpid())
        garbled = demo_folder(tmp_path, "garbled", None)
        (garbled / OWNER_FILE).write_text("not a pid", encoding="ascii")
        other = tmp_path / "something-else"
        other.mkdir()
        (other / OWNER_FILE).write_text(f"{dead_pid()}\n", encoding="ascii")

        assert sweep_stale_folders(tmp_path) == [crashed]
    finally:
        alive.kill()
        alive.wait()
    assert not crashed.exists()
    for folder in (running, kept, mine, garbled, other):
        assert folder.is_dir(), folder


def test_closing_the_demo_removes_its_folder_and_stops_the_sandbox_process():
    demo = start_demo("tiny")
    assert demo.sandboxes.pid is not None
    assert (demo.folder / OWNER_FILE).read_text().strip() == str(os.getpid())
    assert demo.sandboxes.names == [
        "economic", "stripe", "frisbii", "chargebee", "clearhaus", "mobilepay", "rates",
    ]  # fmt: skip
    # the rates sandbox's URLs reach the config, so no rate is read from the banks' sites
    assert demo.config.rates.nationalbanken_url is not None
    # Clearhaus and MobilePay are read over their API sandboxes, not from exports
    assert set(demo.config.credential_providers) == {"clearhaus", "mobilepay"}
    assert demo.config.file_providers == {}
    with demo.db.reader() as store:  # the sandbox process made the store, migrated
        assert store.matches.find() == []
    demo.close()
    assert not demo.folder.exists()
    assert gone(demo.sandboxes.pid, timeout=0)


def test_kept_folder_is_not_swept(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)  # read TMPDIR again
    demo = start_demo("tiny", separate_process=False)
    demo.close(keep=True)
    assert demo.folder.parent == tmp_path
    assert (demo.folder / "config.toml").is_file()
    assert sweep_stale_folders(tmp_path) == []
    assert demo.folder.is_dir()


def launch_demo(tmp_path: Path) -> tuple[subprocess.Popen[str], Path, int]:
    """`econdesk demo` on the tiny scenario, offscreen, its temp folder under tmp_path;
    returns the process, its folder and the sandbox process's pid once both are up."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "TMPDIR": str(tmp_path),
        "ECONDESK_HOME": str(tmp_path / "home"),
    }
    demo = subprocess.Popen(
        [sys.executable, "-m", "econdesk", "demo", "--scenario", "tiny"],
        env=env,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    assert demo.stderr is not None
    line = demo.stderr.readline()
    assert "files in " in line, line
    folder = Path(line.rsplit("files in ", 1)[1].strip())
    assert folder.parent == tmp_path and folder.is_dir()
    children = Path(f"/proc/{demo.pid}/task/{demo.pid}/children")
    pids = [int(p) for p in children.read_text().split()] if children.exists() else []
    assert len(pids) == 1, pids  # the sandbox process
    return demo, folder, pids[0]


def gone(pid: int, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        status = Path(f"/proc/{pid}/stat")
        if status.exists() and status.read_text().split(") ")[1].startswith("Z"):
            return True  # exited; its parent has not reaped it yet
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the sandbox pid from /proc")
@pytest.mark.parametrize(
    ("signum", "delay"),
    [(signal.SIGTERM, 0.0), (signal.SIGTERM, 3.0), (signal.SIGINT, 3.0)],
    ids=["sigterm-at-start", "sigterm-in-window", "sigint-in-window"],
)
def test_a_signalled_demo_removes_its_folder(tmp_path, signum, delay):
    demo, folder, sandbox_pid = launch_demo(tmp_path)
    time.sleep(delay)  # 0: while the window is being built; 3 s: the window's event loop
    demo.send_signal(signum)
    _, err = demo.communicate(timeout=60)
    assert demo.returncode == 128 + signum, err
    assert not folder.exists(), err
    assert gone(sandbox_pid)
    assert list(tmp_path.glob(FOLDER_PREFIX + "*")) == []


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the sandbox pid from /proc")
def test_a_killed_demo_is_swept_by_the_next(tmp_path):
    demo, folder, sandbox_pid = launch_demo(tmp_path)
    demo.kill()  # no clean-up possible
    demo.communicate(timeout=30)
    assert gone(sandbox_pid)  # its stdin closed with the demo
    assert folder.is_dir()
    assert sweep_stale_folders(tmp_path) == [folder]
    assert not folder.exists()


def test_the_demo_reads_clearhaus_over_its_api_and_still_writes_the_exports():
    from econdesk.connectors.files.clearhaus_folder import read_folder
    from econdesk.sandbox.scenario import load_scenario

    demo = start_demo("tiny")
    try:
        api = demo.config.credential_providers["clearhaus"]
        assert api.base_url.startswith("http://127.0.0.1:")
        assert api.client_secret.reveal()  # the sandbox's demo secret, in the demo's config
        folder = demo.folder / "clearhaus"  # the exports, for trying the file import
        settled = {p.ref: p for p in read_folder(folder)}
        expected = {p.ref: p for p in load_scenario("tiny").payouts if p.provider == "clearhaus"}
        assert settled.keys() == expected.keys() and settled
        assert all(settled[r].component_refs == p.component_refs for r, p in expected.items())
    finally:
        demo.close()
    assert not folder.exists()
