"""Password hashes: Argon2id at OWASP's cost, and the older scrypt hashes still read.

A method names the hash and its cost:

- ``argon2id`` (the default): m = 19 MiB, t = 2, p = 1, OWASP's first choice;
- ``argon2id:T:M:P``: time cost, memory in KiB and lanes given (tests and
  benchmarks lower them);
- any method of ``werkzeug.security`` (``scrypt``, ``scrypt:N:r:p``, ``pbkdf2:…``),
  kept so that hashes made before Argon2id still check, and for comparisons.

A stored hash made with another method or cost is replaced at the next login
(:func:`needs_rehash`), when the password is known.
"""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from werkzeug.security import check_password_hash, generate_password_hash

DEFAULT_METHOD = "argon2id"
#: OWASP Password Storage Cheat Sheet: Argon2id, 19 MiB, 2 iterations, 1 lane.
OWASP = (2, 19 * 1024, 1)


@cache
def _hasher(method: str) -> PasswordHasher | None:
    """The Argon2id hasher a method names, or None for a werkzeug method."""
    name, _, costs = method.partition(":")
    if name != "argon2id":
        return None
    time_cost, memory_cost, parallelism = (
        (int(part) for part in costs.split(":")) if costs else OWASP
    )
    return PasswordHasher(
        time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism, type=Type.ID
    )


def check_method(method: str) -> None:
    """``ValueError`` with a readable message when a configured method is unusable."""
    name, _, costs = method.partition(":")
    if name == "argon2id":
        parts = costs.split(":") if costs else []
        if costs and (len(parts) != 3 or not all(part.isdigit() for part in parts)):
            raise ValueError(f"argon2id takes three costs, argon2id:T:M:P, not {method!r}")
    elif name not in ("scrypt", "pbkdf2"):
        raise ValueError(f"unknown password hash method {method!r} (argon2id, scrypt, pbkdf2)")


def make_hash(password: str, method: str = DEFAULT_METHOD) -> str:
    hasher = _hasher(method)
    if hasher is None:
        return generate_password_hash(password, method=method)
    return hasher.hash(password)


def verify(stored: str, password: str) -> bool:
    """Whether the password matches a stored hash of any method this module reads."""
    if stored.startswith("$argon2"):
        try:
            return _hasher(DEFAULT_METHOD).verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False
    return check_password_hash(stored, password)


def needs_rehash(stored: str, method: str = DEFAULT_METHOD) -> bool:
    """Whether a stored hash should be made again with ``method`` (another algorithm,
    or Argon2id at another cost)."""
    hasher = _hasher(method)
    if hasher is None:
        return not stored.startswith(method.partition(":")[0] + ":")
    if not stored.startswith("$argon2id$"):
        return True
    return hasher.check_needs_rehash(stored)
