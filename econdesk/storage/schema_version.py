"""Is the database's schema the newest one? Answered with one query and no alembic import."""

from __future__ import annotations

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

# The newest migration in storage/migrations/versions/. A new migration changes this line too;
# tests/storage/test_schema_version.py fails until it does.
LATEST_REVISION = "0014"


def is_latest(engine: Engine) -> bool:
    """True when alembic's version table names LATEST_REVISION; False when it does not exist
    (a new database) or names another revision (alembic then upgrades or refuses)."""
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    except DBAPIError:
        return False
    return [row[0] for row in rows] == [LATEST_REVISION]
