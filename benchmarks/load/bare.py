"""The yardstick: a bare Flask route served with exactly the app's gunicorn settings.

    .venv/bin/python -m benchmarks.load.bare --port 8101 --workers 5

``quizapp serve`` hands ``run_gunicorn`` its app factory; this one hands it a Flask
app with a single route that returns a short text, so that the load test can say
how much of the server's capacity the quiz pages keep.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8101)
    parser.add_argument("--workers", type=int, default=5)
    args = parser.parse_args()

    from quizapp.cli.server import run_gunicorn

    # Each worker makes its app with create_bare_app: same settings, other app.
    run_gunicorn(args.host, args.port, args.workers, make_app=create_bare_app, preload_model=False)


if __name__ == "__main__":
    main()
