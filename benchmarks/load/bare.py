"""The yardsticks: a bare Flask route, and the lightest page that reads the database
(the "floor"), served with exactly the app's gunicorn settings.

    .venv/bin/python -m benchmarks.load.bare --port 8101 --workers 5
    .venv/bin/python -m benchmarks.load.bare --floor --port 8102 --workers 5

``quizapp serve`` hands ``run_gunicorn`` its app factory; this one hands it a Flask
app with a single route that returns a short text, so that the load test can say
how much of the server's capacity the quiz pages keep. With ``--floor`` it hands it
quizapp's own app (from the ``QUIZAPP_*`` environment) with none of its request hooks
(request id, log and metrics, security headers, idle expiry, CSRF, throttling): its
``/healthz`` is then Flask, the signed session cookie and one SELECT, below which no
page that reads the database can go.
"""

from __future__ import annotations

import argparse

from flask import Flask


def create_bare_app() -> Flask:
    app = Flask(__name__)

    @app.get("/")
    def hello():
        return "ok"

    return app


def create_floor_app() -> Flask:
    from quizapp import create_app

    app = create_app()
    app.before_request_funcs.clear()
    app.after_request_funcs.clear()
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8101)
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--floor", action="store_true", help="serve the floor, not the bare route")
    args = parser.parse_args()

    from quizapp.cli.server import run_gunicorn

    # Each worker makes its app with this factory: same settings, other app.
    factory = create_floor_app if args.floor else create_bare_app
    run_gunicorn(args.host, args.port, args.workers, make_app=factory, preload_model=False)


if __name__ == "__main__":
    main()
