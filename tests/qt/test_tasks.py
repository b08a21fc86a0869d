"""Background work: results and errors come back on the GUI thread; cancel stops a job."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from sqlalchemy.exc import IntegrityError

from econdesk.connectors.errors import ConnectorError
from econdesk.errors import EcondeskError
from econdesk.qt.errors import error_box, explain
from econdesk.qt.progress import run_job
from econdesk.qt.tasks import Cancelled, Failure, Job, TaskManager


def test_success_and_failure_arrive_on_the_gui_thread(qtbot):
    tasks = TaskManager()
    seen: list[tuple[str, bool]] = []
    gui = threading.current_thread()
    worker_threads: list[str] = []

    def work() -> int:
        worker_threads.append(threading.current_thread().name)
        return 41 + 1

    def boom() -> None:
        raise EcondeskError("the bank account 5820 is not in the agreement")

    tasks.run(work, success=lambda v: seen.append((f"ok {v}", threading.current_thread() is gui)))
    tasks.run(
        boom, failure=lambda f: seen.append((str(f.error), threading.current_thread() is gui))
    )
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert seen == [("ok 42", True), ("the bank account 5820 is not in the agreement", True)]
    assert worker_threads[0].startswith("econdesk-db")
    assert not tasks.busy
    tasks.shutdown()


def test_database_work_is_serialized_network_work_is_parallel(qtbot):
    tasks = TaskManager(network_workers=3)
    active, peak = [0, 0], [0, 0]
    lock = threading.Lock()
    done: list[int] = []

    def work(kind: int) -> None:
        with lock:
            active[kind] += 1
            peak[kind] = max(peak[kind], active[kind])
        time.sleep(0.05)
        with lock:
            active[kind] -= 1

    for _ in range(3):
        tasks.run(lambda: work(0), success=lambda _r: done.append(0))
        tasks.run(lambda: work(1), success=lambda _r: done.append(1), uses_database=False)
    qtbot.waitUntil(lambda: len(done) == 6, timeout=5000)
    assert peak[0] == 1 and peak[1] > 1
    tasks.shutdown()


def test_cancel_reaches_the_job_and_is_not_an_error(qtbot):
    tasks = TaskManager()
    outcome: list[object] = []

    def work(job: Job) -> str:
        for step in range(1000):
            job.report(step, 1000, f"step {step}")
            job.check()
            time.sleep(0.005)
        return "finished"

    job, dialog = run_job(
        tasks, None, "Sync", "Fetching", work, success=outcome.append, failure=outcome.append
    )
    qtbot.waitUntil(lambda: job.progress.done > 3)
    dialog.poll()
    assert dialog.maximum() == 1000 and dialog.value() > 0
    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)  # Cancel
    qtbot.waitUntil(lambda: bool(outcome), timeout=5000)
    failure = outcome[0]
    assert isinstance(failure, Failure) and isinstance(failure.error, Cancelled)
    assert error_box(None, "Sync", failure) is None  # cancelling is not shown as an error
    tasks.shutdown()


def test_errors_read_as_a_sentence_with_detail_one_click_away(qtbot):
    error = ConnectorError(
        "e-conomic refused the voucher: account 5830 does not accept direct entries",
        system="e-conomic",
        detail="POST /journals/1/vouchers -> 400 {'errorCode': 'E04300'}",
        status=400,
        log_id="abc123",
    )
    sentence, technical = explain(error)
    assert "refused the voucher: account 5830 does not accept direct entries" in sentence
    assert "HTTP 400" in technical and "abc123" in technical and "E04300" in technical
    box = error_box(
        None, "Posting failed", Failure(error, "Traceback (most recent call last): ...")
    )
    qtbot.addWidget(box)
    assert box.text() == sentence
    assert "E04300" in box.detailedText() and "Traceback" in box.detailedText()
    assert box.icon() == QMessageBox.Icon.Warning
    unexpected, detail = explain(KeyError("agreementNumber"))
    assert "Nothing was half-saved" in unexpected and "KeyError" in detail


def test_an_unexpected_error_shows_no_sql_and_points_at_the_log(qtbot, econdesk_home):
    class UniqueViolation(Exception):
        pass

    try:
        raise IntegrityError(
            "INSERT INTO platform_items (ref, customer_name) VALUES (%(ref)s, %(name)s)",
            {"ref": "stripe:txn_1", "name": "Kristiansen Bageri ApS"},
            UniqueViolation('duplicate key value violates unique constraint "uq_items_ref"'),
        )
    except IntegrityError as exc:
        error = exc
    box = error_box(None, "Could not fetch", Failure(error, "Traceback: INSERT INTO ..."))
    qtbot.addWidget(box)
    shown = box.text() + box.detailedText()
    assert "Nothing was half-saved" in box.text()
    assert "IntegrityError: UniqueViolation" in box.detailedText()
    log = econdesk_home / "logs" / "econdesk.log"
    assert str(log) in box.detailedText()
    for private in ("INSERT", "Kristiansen", "uq_items_ref"):
        assert private not in shown
    written = log.read_text(encoding="utf-8")
    assert "Could not fetch" in written and "Kristiansen Bageri ApS" in written
