"""Learned memory: facts learned and forgotten in batches, with their hits."""

from __future__ import annotations

from econdesk.storage import Database


def test_learning_many_at_once_counts_each_time_a_fact_was_taught(db: Database) -> None:
    with db.transaction() as store:
        store.memory.learn("customer", "HANSEN", "stripe:cus_h")
    with db.transaction() as store:
        store.memory.learn_many(
            "customer",
            [("HANSEN", "stripe:cus_h"), ("HANSEN", "stripe:cus_h"), ("BERG", "stripe:cus_b")],
        )
    with db.reader() as store:
        facts = {(f.token, f.value): f.hits for f in store.memory.all("customer")}
    assert facts == {("HANSEN", "stripe:cus_h"): 3, ("BERG", "stripe:cus_b"): 1}


def test_forgetting_many_removes_only_that_value_of_those_words(db: Database) -> None:
    with db.transaction() as store:
        store.memory.learn_many(
            "customer",
            [("HANSEN", "stripe:cus_h"), ("HANSEN", "stripe:cus_x"), ("BERG", "stripe:cus_h"),
             ("OLSEN", "stripe:cus_h")],
        )  # fmt: skip
    with db.transaction() as store:
        gone = store.memory.forget_many("customer", ["HANSEN", "BERG", "NOBODY"], "stripe:cus_h")
    with db.reader() as store:
        left = {(f.token, f.value) for f in store.memory.all("customer")}
    assert gone == 2
    assert left == {("HANSEN", "stripe:cus_x"), ("OLSEN", "stripe:cus_h")}
