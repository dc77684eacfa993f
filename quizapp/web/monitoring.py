"""Operations: a request id and one structured log line per request, Prometheus
metrics, and consistent SQLite backups."""

from __future__ import annotations

import json
import logging
import os
import secrets
import threading
import time

from flask import Flask, Response, abort, current_app, g, request, session
from flask_login import AnonymousUserMixin

log = logging.getLogger("quizapp.requests")

_metrics = None


_metrics_lock = threading.Lock()


def _metric_objects():
    """Created once per process; in multi-process mode they write to PROMETHEUS_MULTIPROC_DIR.

    Under a lock: two threads of a new worker must not both register them."""
    global _metrics
    if _metrics is not None:
        return _metrics
    with _metrics_lock:
        if _metrics is not None:
            return _metrics
        from prometheus_client import Counter, Histogram

        _metrics = (
            Counter("quizapp_requests_total", "HTTP requests", ["method", "endpoint", "status"]),
            Histogram(
                "quizapp_request_seconds",
                "Time to answer a request",
                ["method", "endpoint"],
                buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5),
            ),
        )
    return _metrics


# (method, endpoint, status) -> its counter and its histogram: ``labels()`` looks each
# one up under the metric's lock and builds its key anew on every request.
_children: dict[tuple[str, str, int], tuple] = {}


def _series(method: str, endpoint: str, status: int) -> tuple:
    """The request counter and latency histogram of one method, endpoint and status."""
    key = (method, endpoint, status)
    series = _children.get(key)
    if series is None:
        requests, latency = _metric_objects()
        series = _children[key] = (
            requests.labels(method, endpoint, str(status)),
            latency.labels(method, endpoint),
        )
    return series


def init_app(app: Flask) -> None:
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False

    @app.before_request
    def _start():
        incoming = request.headers.get("X-Request-Id", "")
        g.request_id = (
            incoming if 8 <= len(incoming) <= 64 and incoming.isalnum() else secrets.token_hex(8)
        )
        g.started = time.perf_counter()

    @app.after_request
    def _finish(response):
        elapsed = time.perf_counter() - g.get("started", time.perf_counter())
        endpoint = request.endpoint or "unknown"
        response.headers["X-Request-Id"] = g.get("request_id", "")
        if endpoint != "static":
            count, latency = _series(request.method, endpoint, response.status_code)
            count.inc()
            latency.observe(elapsed)
        if app.config.get("REQUEST_LOG", not app.testing):
            # The user id from the session (its "id:version"); current_user would load
            # the user again after the request's commit.
            loaded = g.get("_login_user")
            signed_in = loaded is not None and not isinstance(loaded, AnonymousUserMixin)
            user_id = session.get("_user_id") if signed_in else None
            log.info(
                json.dumps(
                    {
                        "request_id": g.get("request_id"),
                        "method": request.method,
                        "path": request.path,
                        "endpoint": endpoint,
                        "status": response.status_code,
                        "ms": round(elapsed * 1000, 1),
                        "client": request.remote_addr,
                        "user": user_id.split(":")[0] if user_id else None,
                    }
                )
            )
        return response

    app.add_url_rule("/metrics", "ops.metrics", metrics)


def metrics():
    """Prometheus metrics: from this machine only, or with QUIZAPP_METRICS_TOKEN as a bearer token."""
    token = current_app.config.get("METRICS_TOKEN")
    local = request.remote_addr in ("127.0.0.1", "::1")
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not (local or (token and secrets.compare_digest(given, token))):
        abort(404)
    from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

    _metric_objects()
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry, path=folder)
        body = generate_latest(registry)
    else:
        body = generate_latest()
    return Response(body, mimetype=CONTENT_TYPE_LATEST)
