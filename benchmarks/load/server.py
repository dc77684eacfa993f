"""Start, stop and kill the servers under test, each in its own process group."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QUIZAPP = Path(sys.executable).with_name("quizapp")


class Server:
    """A gunicorn master and its workers, started in a new session (their own group)."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path, port: int) -> None:
        self.args, self.env, self.log, self.port = args, env, log, port
        self.proc: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def group(self) -> int | None:
        """The process group of the master and its workers (the master's pid)."""
        return self.proc.pid if self.proc is not None else None

    def start(self, ready_path: str = "/healthz", timeout: float = 60) -> None:
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                self.args,
                env=self.env,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server stopped at start; see {self.log}")
            try:
                with urllib.request.urlopen(self.base + ready_path, timeout=2) as reply:
                    if reply.status == 200:
                        return
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.2)
        self.kill()
        raise RuntimeError(f"the server did not answer within {timeout} s; see {self.log}")

    def kill(self) -> None:
        """kill -9 the whole group: master and workers die mid-request, as in a power cut."""
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait(timeout=30)
        self.proc = None

    def stop(self) -> None:
        """A graceful stop (SIGTERM to the master), then a kill if it lingers."""
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            pass
        self.kill()


def quizapp_server(env: dict[str, str], port: int, workers: int, log: Path) -> Server:
    args = [str(QUIZAPP), "serve", "--host", "127.0.0.1", "--port", str(port)]
    args += ["--workers", str(workers)]
    return Server(args, env, log, port)


def bare_server(env: dict[str, str], port: int, workers: int, log: Path) -> Server:
    args = [sys.executable, "-m", "benchmarks.load.bare", "--port", str(port)]
    args += ["--workers", str(workers)]
    return Server(args, env, log, port)


def floor_server(env: dict[str, str], port: int, workers: int, log: Path) -> Server:
    args = [sys.executable, "-m", "benchmarks.load.bare", "--floor", "--port", str(port)]
    args += ["--workers", str(workers)]
    return Server(args, env, log, port)
