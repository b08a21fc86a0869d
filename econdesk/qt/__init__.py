"""The desktop app: the only package that imports PySide6.

Everything here is presentation: windows, table models, dialogs and the task manager that runs
services off the GUI thread. Business rules live in `econdesk.services` and below; the app only
calls them and shows what they return (frozen domain objects).
"""
