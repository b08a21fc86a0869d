"""A fast subset of benchmarks/posting_faults.py: seeded fault runs, one and two posters,
SQLite and PostgreSQL. Every seed must end with no duplicate, no approval lost, nothing in
doubt and everything posted."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import drop_postgres_database, new_postgres_database
from tests.services.posting_fault_runs import Posters, posters, run_seed

SQLITE_SEEDS = (101, 102, 103, 104)
POSTGRES_SEEDS = (201, 202)


@pytest.fixture(scope="module")
def two_posters() -> Iterator[Posters]:
    with posters(2) as pool:
        yield pool


def _sqlite(tmp_path: Path, template: Path, seed: int) -> str:
    path = tmp_path / f"seed{seed}.sqlite3"
    shutil.copyfile(template, path)
    return f"sqlite:///{path}"


@pytest.mark.parametrize("seed", SQLITE_SEEDS)
def test_one_poster_on_sqlite(seed: int, tmp_path: Path, _sqlite_template: Path) -> None:
    with posters(1) as pool:
        result = run_seed(seed, _sqlite(tmp_path, _sqlite_template, seed), pool, "sqlite")
    assert result.clean, result
    assert result.vouchers_posted == result.matches


@pytest.mark.parametrize("seed", SQLITE_SEEDS[:2])
def test_two_posters_on_sqlite(
    seed: int, tmp_path: Path, _sqlite_template: Path, two_posters: Posters
) -> None:
    result = run_seed(seed, _sqlite(tmp_path, _sqlite_template, seed), two_posters, "sqlite")
    assert result.clean, result


@pytest.mark.postgres
@pytest.mark.parametrize("posters_count", [1, 2])
@pytest.mark.parametrize("seed", POSTGRES_SEEDS)
def test_posters_on_postgresql(
    seed: int,
    posters_count: int,
    postgres_url: str,
    _postgres_template: str,
    two_posters: Posters,
) -> None:
    url = new_postgres_database(postgres_url, template=_postgres_template)
    try:
        if posters_count == 1:
            with posters(1) as pool:
                result = run_seed(seed, url, pool, "postgresql")
        else:
            result = run_seed(seed, url, two_posters, "postgresql")
    finally:
        drop_postgres_database(postgres_url, url)
    assert result.clean, result
