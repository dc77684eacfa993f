"""Login throttling: only failures count, per account, per address and account, and
under a much higher ceiling per address; in a store every worker of the server
shares (Redis, or a SQLite file in the data folder).

The flood that finally meets the per-address ceiling is in ``test_hostile.py``.
"""

from __future__ import annotations

import multiprocessing
import os
import uuid
from concurrent.futures import ProcessPoolExecutor

import pytest
from conftest import PASSWORD, csrf_token, make_user
from limits import parse

from quizapp import create_app
from quizapp.web import throttle

REDIS_URL = os.environ.get("QUIZAPP_TEST_REDIS_URL")
SCHOOL = "192.0.2.10"  # a whole school behind one NAT address


def attempt(client, username, password="wrong-password-1", address=SCHOOL, token=None):
    """One login as a browser sends it, from ``address``."""
    return client.post(
        "/login",
        data={
            "username": username,
            "password": password,
            "csrf_token": token or csrf_token(client),
        },
        environ_base={"REMOTE_ADDR": address},
    )


def allowed(app, setting: str) -> int:
    return parse(app.config[setting]).amount


def two_workers(app):
    """Two app instances on the same configuration and database: two workers of one
    server, each with its own storage object and connections."""
    other = create_app(dict(app.config))
    return app.test_client(), other.test_client()


def test_random_usernames_from_one_address_do_not_lock_out_the_school(app, client):
    make_user("student", "eleve")
    token = csrf_token(client)
    for n in range(120):  # a prankster, or a class mistyping, all from the school's address
        response = attempt(client, f"nobody-{n}-{uuid.uuid4().hex[:6]}", token=token)
        assert response.status_code == 200, n
    pupil = app.test_client()
    assert attempt(pupil, "eleve", PASSWORD).status_code == 302
    assert pupil.get("/login").status_code in (200, 302)  # a GET is never counted


def test_one_address_gets_its_few_tries_on_one_account_whichever_worker_answers(app):
    """The report: 8 of 14 bad tries went through with two workers."""
    make_user("teacher", "prof")
    workers = two_workers(app)
    tries = [attempt(workers[n % 2], "prof").status_code for n in range(14)]
    limit = allowed(app, "LOGIN_LIMIT_ADDRESS_ACCOUNT")
    assert tries == [200] * limit + [429] * (14 - limit)


@pytest.mark.parametrize("last", [0, 1])
def test_failures_on_one_account_are_counted_across_workers(app, last):
    """From many addresses (each under its own limit), the account's count is shared:
    the next attempt is refused whichever worker it reaches, even with the password."""
    make_user("teacher", "prof")
    workers = two_workers(app)
    limit = allowed(app, "LOGIN_LIMIT_ACCOUNT")
    for n in range(limit):
        assert attempt(workers[n % 2], "prof", address=f"198.51.100.{n + 1}").status_code == 200
    refused = attempt(workers[last], "prof", PASSWORD, address="198.51.100.200")
    assert refused.status_code == 429
    assert "Trop de tentatives" in refused.get_data(as_text=True)
    # Another account from the same addresses is not affected.
    make_user("teacher", "collegue")
    colleague = attempt(workers[1 - last], "collegue", PASSWORD, address="198.51.100.1")
    assert colleague.status_code == 302


def test_a_correct_password_forgives_the_account_but_not_the_address(app, client):
    make_user("teacher", "prof")
    app.config["LOGIN_LIMIT_ADDRESS"] = "8 per 5 minutes"
    token = csrf_token(client)
    for _ in range(4):
        assert attempt(client, "prof", token=token).status_code == 200
    assert attempt(client, "prof", PASSWORD, token=token).status_code == 302
    colleague = app.test_client()
    token = csrf_token(colleague)
    for _ in range(4):  # the account's count started again at the correct password
        assert attempt(colleague, "prof", token=token).status_code == 200
    # Eight failures from the address, correct password or not in between.
    assert attempt(colleague, "someone-else", token=token).status_code == 429


def test_an_ipv6_client_is_counted_by_its_64_block(app, client):
    make_user("teacher", "prof")
    token = csrf_token(client)
    block = "2001:db8:1:2::"
    for n in range(allowed(app, "LOGIN_LIMIT_ADDRESS_ACCOUNT")):
        assert attempt(client, "prof", address=f"{block}{n + 1}", token=token).status_code == 200
    assert attempt(client, "prof", address=f"{block}99", token=token).status_code == 429
    # Another block is another client (and the account is still under its own limit).
    elsewhere = attempt(client, "prof", PASSWORD, address="2001:db8:1:3::1", token=token)
    assert elsewhere.status_code == 302


def test_a_typed_name_is_counted_as_the_form_reads_it(app, client):
    make_user("teacher", "prof")
    token = csrf_token(client)
    for n in range(allowed(app, "LOGIN_LIMIT_ADDRESS_ACCOUNT")):
        assert attempt(client, " PROF " if n % 2 else "Prof", token=token).status_code == 200
    assert attempt(client, "prof", PASSWORD, token=token).status_code == 429


def test_without_redis_the_counts_are_in_a_file_of_the_data_folder(app, client):
    store = app.extensions[throttle.EXTENSION]
    assert isinstance(store, throttle.SQLiteStorage)
    assert store.path == os.path.join(app.config["DATA_DIR"], throttle.FILE_NAME)
    attempt(client, "nobody")
    assert os.path.exists(store.path)


# --- through Redis ---------------------------------------------------------------------
@pytest.mark.skipif(not REDIS_URL, reason="QUIZAPP_TEST_REDIS_URL is not set")
def test_failures_are_counted_across_workers_through_redis(app):
    from limits.storage import RedisStorage

    app.config["REDIS_URL"] = REDIS_URL
    workers = (
        create_app(dict(app.config)).test_client(),
        create_app(dict(app.config)).test_client(),
    )
    assert isinstance(workers[0].application.extensions[throttle.EXTENSION], RedisStorage)
    # Names and addresses of this run only: nothing to flush from a shared Redis.
    run = uuid.uuid4().hex[:8]
    name = f"prof-{run}"
    make_user("teacher", name)
    address = f"2001:db8:{run[:4]}:{run[4:]}::1"
    tries = [attempt(workers[n % 2], name, address=address).status_code for n in range(8)]
    limit = allowed(app, "LOGIN_LIMIT_ADDRESS_ACCOUNT")
    assert tries == [200] * limit + [429] * (8 - limit)
    account_limit = allowed(app, "LOGIN_LIMIT_ACCOUNT")
    for n in range(account_limit - limit):  # from elsewhere, up to the account's limit
        other = f"2001:db8:{run[:4]}:{n + 1:x}::1"
        assert attempt(workers[n % 2], name, address=other).status_code == 200
    for worker in workers:
        assert attempt(worker, name, PASSWORD, address="2001:db8:ffff::1").status_code == 429


# --- the store itself ----------------------------------------------------------------
def _take_places(path: str, tries: int) -> int:
    store = throttle.SQLiteStorage(path)
    return sum(store.acquire_entry("shared", 30, 60) for _ in range(tries))


@pytest.mark.slow  # four fresh interpreters
def test_processes_sharing_the_file_never_take_more_places_than_the_limit(tmp_path):
    path = str(tmp_path / throttle.FILE_NAME)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(4, mp_context=context) as pool:
        taken = sum(pool.map(_take_places, [path] * 4, [20] * 4))
    assert taken == 30
    assert throttle.SQLiteStorage(path).get_moving_window("shared", 30, 60)[1] == 30


def test_entries_leave_the_window_when_they_expire(tmp_path, monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(throttle.time, "time", lambda: now[0])
    store = throttle.SQLiteStorage(tmp_path / throttle.FILE_NAME)
    assert all(store.acquire_entry("k", 3, 60) for _ in range(3))
    assert not store.acquire_entry("k", 3, 60)
    assert store.get_moving_window("k", 3, 60) == (1_000_000.0, 3)
    now[0] += 61
    assert store.get_moving_window("k", 3, 60)[1] == 0
    assert store.acquire_entry("k", 3, 60)
    store.clear("k")
    assert store.get_moving_window("k", 3, 60)[1] == 0


def test_fixed_window_counters_work_too(tmp_path, monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(throttle.time, "time", lambda: now[0])
    store = throttle.SQLiteStorage(tmp_path / throttle.FILE_NAME)
    assert [store.incr("k", 60) for _ in range(3)] == [1, 2, 3]
    assert store.get("k") == 3 and store.get_expiry("k") == 1_000_060.0
    now[0] += 60
    assert store.get("k") == 0 and store.incr("k", 60) == 1
    assert store.check() and store.reset() == 1 and store.get("k") == 0
