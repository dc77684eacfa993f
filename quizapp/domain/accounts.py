"""What an account's username and password must be: one rule for the sign-up
pages, the admin's page and ``quizapp create-user``."""

from __future__ import annotations

import re

from quizapp.domain.messages import N_, CatalogueError

MIN_PASSWORD = 10
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")


class WeakPassword(CatalogueError):
    """A password refused, and why."""


def _common_passwords() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


_COMMON: frozenset[str] | None = None


def password_problem(password: str, username: str = "") -> WeakPassword | None:
    """Why a password is refused, or None."""
    global _COMMON
    if len(password) < MIN_PASSWORD:
        return WeakPassword(
            N_("Le mot de passe doit compter au moins %(n)d caractères."), n=MIN_PASSWORD
        )
    if _COMMON is None:
        _COMMON = _common_passwords()
    lowered = password.lower()
    if lowered in _COMMON or (username and username.lower() in lowered):
        return WeakPassword(N_("Ce mot de passe est trop courant ou trop facile à deviner."))
    return None
