"""What an account's username and password must be: one rule for the sign-up
pages, the admin's page and ``quizapp create-user``."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from quizapp.domain.messages import N_, CatalogueError

MIN_PASSWORD = 10
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")


class WeakPassword(CatalogueError):
    """A password refused, and why."""


COMMON_PASSWORDS = Path(__file__).resolve().parent.parent / "data" / "common_passwords.txt"


@lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def password_problem(password: str, username: str = "") -> WeakPassword | None:
    """Why a password is refused, or None: too short, one that people choose first
    (``data/common_passwords.txt``), or one that contains the username."""
    if len(password) < MIN_PASSWORD:
        return WeakPassword(
            N_("Le mot de passe doit compter au moins %(n)d caractères."), n=MIN_PASSWORD
        )
    lowered = password.lower()
    if lowered in _common_passwords() or (username and username.lower() in lowered):
        return WeakPassword(N_("Ce mot de passe est trop courant ou trop facile à deviner."))
    return None
