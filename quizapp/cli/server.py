"""``quizapp serve``: upgrade the database, then serve the app with gunicorn."""

from __future__ import annotations

import os
from collections.abc import Callable

import click
from flask import Flask, current_app
from flask.cli import ScriptInfo, with_appcontext

from quizapp.cli.accounts import print_demo
from quizapp.cli.common import upgrade_schema
from quizapp.services import accounts


def default_workers() -> int:
    """Two per core plus one, as gunicorn suggests, capped for small machines' memory."""
    return min(2 * (os.cpu_count() or 1) + 1, 9)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--workers", type=int, default=None, help="gunicorn workers [default: 2 per core + 1]"
)
@click.option(
    "--threads",
    type=click.IntRange(1, 64),
    default=4,
    show_default=True,
    envvar="QUIZAPP_THREADS",
    help="threads per worker (QUIZAPP_THREADS)",
)
@click.option("--dev", is_flag=True, help="Flask's development server with the reloader.")
@click.option("--demo", is_flag=True, help="Load the demo banks and accounts first.")
@with_appcontext
def serve_command(
    host: str, port: int, workers: int | None, threads: int, dev: bool, demo: bool
) -> None:
    """Upgrade the database, then serve the app."""
    upgrade_schema()
    if demo:
        from quizapp.services.demo import load_demo

        print_demo(load_demo())
    if not accounts.admin_exists():
        token = accounts.issue_setup_token(current_app.config["SETUP_TOKEN_MINUTES"])
        shown = "localhost" if host in ("0.0.0.0", "::") else host
        click.echo(
            f"No admin yet: create one within {current_app.config['SETUP_TOKEN_MINUTES']} minutes at\n"
            f"  http://{shown}:{port}/setup/{token}"
        )
    if dev:
        current_app.run(host=host, port=port, debug=True, use_reloader=True)
        return
    workers = workers or default_workers()
    _prepare_metrics_dir(workers)
    run_gunicorn(host, port, workers, threads, make_app=app_factory())


def app_factory() -> Callable[[], Flask]:
    """How this command's app was made, so that each gunicorn worker makes its own
    the same way (``quizapp serve`` or ``flask --app quizapp serve``)."""
    info = click.get_current_context().ensure_object(ScriptInfo)
    if info.create_app is not None:
        return info.create_app
    return ScriptInfo(app_import_path=info.app_import_path).load_app


def _prepare_metrics_dir(workers: int) -> None:
    """Several workers share their Prometheus counts through files in the data folder."""
    import shutil
    from pathlib import Path

    if workers > 1 and "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
        folder = Path(current_app.config["DATA_DIR"]) / "metrics"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(folder)


def run_gunicorn(
    host: str,
    port: int,
    workers: int,
    threads: int = 4,
    *,
    make_app: Callable[[], Flask],
    preload_model: bool = True,
) -> None:
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("threads", threads)
            self.cfg.set("timeout", 60)
            self.cfg.set("graceful_timeout", 20)
            self.cfg.set("accesslog", None)
            self.cfg.set("child_exit", _child_exit)
            if preload_model:
                self.cfg.set("when_ready", load_language_model)

        def load(self):
            return make_app()

    Server().run()


def load_language_model(server) -> None:
    """Load the generator's language model in gunicorn's master, before it forks the
    workers: they share it, and a worker's first generation no longer spends about
    6 s of CPU loading it (350 MB each) in the middle of the students' requests."""
    try:
        from quizapp.generation.nlp import get_nlp

        get_nlp()
    except Exception as exc:  # the generator reports it again when a teacher uses it
        server.log.warning("the language model is not loaded (%s): generation will try again", exc)


def _child_exit(_server, worker) -> None:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
