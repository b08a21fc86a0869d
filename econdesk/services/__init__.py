"""Use cases (sync, match, review, post, report, status) in plain Python, shared by the command
line and the desktop app. Progress and cancellation are passed in; nothing here imports Qt."""
