"""The app for a firm: the overview first; each client opens in a main window of its own.

The overview reads the clients' stores with read-only summary queries (no workspace is built
until a client is opened). A client opened a second time is brought to the front.
"""

from __future__ import annotations

from collections.abc import Callable

from econdesk import clients
from econdesk.composition import client_config, open_store, summary_store
from econdesk.errors import EcondeskError
from econdesk.qt.errors import show_error
from econdesk.qt.firm_overview import FirmOverview, switcher_action
from econdesk.qt.formatting import Formatter
from econdesk.qt.i18n import tr
from econdesk.qt.main_window import MainWindow
from econdesk.qt.tasks import Failure, TaskManager
from econdesk.qt.workspace import Workspace
from econdesk.secrets import store_for
from econdesk.services.firm_overview import ClientOverview, overview


def load_overview() -> list[ClientOverview]:
    return overview(clients.load_registry().clients, summary_store)


def client_workspace(client: clients.Client) -> Workspace:
    """The client's workspace: its config (secrets under its keyring names) and its store,
    opened by the database worker."""
    config = client_config(client)
    secrets = store_for(client.secret_prefix) if client.secret_prefix else None
    return Workspace(lambda: open_store(config, None, client), config, client.config_path, secrets)


class FirmApp:
    """The overview window and the clients' windows opened from it."""

    def __init__(
        self,
        open_window: Callable[[Workspace], MainWindow],
        *,
        formatter: Formatter | None = None,
        load: Callable[[], list[ClientOverview]] = load_overview,
    ) -> None:
        self._open_window = open_window
        self.windows: dict[str, MainWindow] = {}
        self.tasks = TaskManager(network_workers=1)
        self.overview = FirmOverview(load, formatter=formatter, tasks=self.tasks)
        self.overview.destroyed.connect(lambda: self.tasks.shutdown(wait=False))
        self.overview.open_requested.connect(self.open_client)

    def show(self) -> None:
        self.overview.refresh()
        self.overview.show()

    def open_client(self, name: str) -> None:
        try:
            self._open(name)
        except EcondeskError as exc:  # a config that cannot be read, a client renamed since
            show_error(self.overview, tr("Cannot open {0}").format(name), Failure(exc, ""))

    def _open(self, name: str) -> None:
        client = clients.load_registry().find(name)
        window = self.windows.get(client.id)
        if window is None or not window.isVisible():
            window = self._open_window(client_workspace(client))
            window.setWindowTitle(f"{client.name} — {window.windowTitle()}")
            # the switcher from any client's window too
            switcher_action(window, self.overview.show_switcher)
            self.windows[client.id] = window
        window.show()
        window.raise_()
        window.activateWindow()
        registry = clients.load_registry()
        if registry.current != client.name:  # the CLI's default follows the app
            clients.save_registry(clients.chosen(registry, client.name))


def run_firm_app(language: str | None = None) -> int:
    """Open the firm overview and run the event loop; returns the exit code."""
    from econdesk.qt import i18n
    from econdesk.qt.app import (
        chosen_language,
        closing_on_signals,
        create_application,
        open_main_window,
    )

    app = create_application()
    formatter = i18n.install_language(chosen_language(language))
    firm = FirmApp(lambda ws: open_main_window(ws, language=language), formatter=formatter)
    firm.show()
    with closing_on_signals(lambda _signum: app.quit()):
        return app.exec()
