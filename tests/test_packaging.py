"""The wheel carries templates, static files, banks, migrations and translations,
and ``quizapp serve`` started in an empty folder serves styled pages."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_contains_what_the_app_needs_at_run_time(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        timeout=300,
    )
    wheel = next(tmp_path.glob("quizapp-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "quizapp/templates/base.html",
        "quizapp/static/vendor/pico/pico.min.css",
        "quizapp/static/css/app.css",
        "quizapp/translations/en/LC_MESSAGES/messages.mo",
        "quizapp/migrations/env.py",
    ):
        assert needed in names, needed
    assert any(n.startswith("quizapp/migrations/versions/") for n in names)
    banks = sorted(p.name for p in (ROOT / "questions").glob("*.bank.yaml"))
    for bank in banks:
        assert f"quizapp/questions/{bank}" in names


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, ""


@pytest.mark.slow
def test_serve_in_an_empty_folder_serves_styled_pages(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("QUIZAPP_")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "quizapp", "serve", "--port", str(port), "--workers", "2"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(150):
            try:
                status, html = _get(base + "/login")
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("the server did not start")
        assert status == 200
        assert "/static/vendor/pico/pico.min.css" in html
        assert _get(base + "/static/vendor/pico/pico.min.css")[0] == 200
        assert _get(base + "/healthz")[0] == 200
        assert (tmp_path / "quizapp-data" / "quizapp.sqlite3").exists()
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=30)
    assert "/setup/" in out  # no admin yet: the one-time link is printed
