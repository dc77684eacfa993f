"""Login throttling, per account and per client address.

Kept in Redis when ``QUIZAPP_REDIS_URL`` is set, so that every worker sees the
same counts; otherwise in this process's memory (fine for one worker).
"""

from __future__ import annotations

import threading
import time

from flask import current_app


class MemoryStore:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._hits: dict[str, list[float]] = {}

    def hit(self, key: str, window: int) -> int:
        now = time.time()
        with self._lock:
            hits = [t for t in self._hits.get(key, []) if now - t < window]
            hits.append(now)
            self._hits[key] = hits
            return len(hits)

    def count(self, key: str, window: int) -> int:
        now = time.time()
        with self._lock:
            return len([t for t in self._hits.get(key, []) if now - t < window])

    def reset(self, key: str) -> None:
        with self._lock:
            self._hits.pop(key, None)


class RedisStore:
    def __init__(self, url: str) -> None:
        import redis

        self._redis = redis.Redis.from_url(url)

    def hit(self, key: str, window: int) -> int:
        pipe = self._redis.pipeline()
        pipe.incr(key)
        pipe.expire(key, window, nx=True)
        count, _ = pipe.execute()
        return int(count)

    def count(self, key: str, window: int) -> int:
        return int(self._redis.get(key) or 0)

    def reset(self, key: str) -> None:
        self._redis.delete(key)


def store():
    ext = current_app.extensions
    if "quizapp_throttle" not in ext:
        url = current_app.config.get("REDIS_URL")
        ext["quizapp_throttle"] = RedisStore(url) if url else MemoryStore()
    return ext["quizapp_throttle"]


def _keys(username: str, address: str) -> tuple[str, str]:
    return f"quizapp:login:user:{username}", f"quizapp:login:addr:{address}"


def login_blocked(username: str, address: str) -> bool:
    cfg = current_app.config
    window, limit = cfg["LOGIN_LOCK_SECONDS"], cfg["LOGIN_MAX_FAILURES"]
    user_key, addr_key = _keys(username, address)
    s = store()
    # An address may mistype for a whole class behind one NAT: allow it more.
    return s.count(user_key, window) >= limit or s.count(addr_key, window) >= limit * 10


def login_failed(username: str, address: str) -> None:
    window = current_app.config["LOGIN_LOCK_SECONDS"]
    user_key, addr_key = _keys(username, address)
    s = store()
    s.hit(user_key, window)
    s.hit(addr_key, window)


def login_succeeded(username: str) -> None:
    store().reset(_keys(username, "")[0])
