"""Who may use the account pages and a learner's data rights (merged into
tests/test_access.py).

``user_id`` is a teacher with nothing of their own, so an admin may erase it;
``student_id`` is the owner's student. The destructive routes are checked here
with their POST (so the CSRF check covers them too); their confirmation pages
(GET) are checked in tests/test_learner_data.py and tests/test_account_reset.py.
"""

from __future__ import annotations

LOGIN = "login"
ADMIN_ONLY = dict(
    anonymous=LOGIN, student=403, other_student=403, owner=403, other_teacher=403, admin=None
)


def _admin(status):
    return {**ADMIN_ONLY, "admin": status}


EXPECTED = {
    "account.show": (
        "GET",
        dict(
            anonymous=LOGIN, student=200, other_student=200, owner=200, other_teacher=200, admin=200
        ),
    ),
    "account.export": (
        "GET",
        dict(
            anonymous=LOGIN, student=200, other_student=200, owner=200, other_teacher=200, admin=200
        ),
    ),
    # A temporary password is shown on the page that answers the POST.
    "account.reset_student_password": (
        "POST",
        dict(
            anonymous=LOGIN, student=403, other_student=403, owner=200, other_teacher=404, admin=200
        ),
    ),
    "admin.reset_password": ("POST", _admin(200)),
    "admin.export_learner": ("GET", _admin(200)),
    "admin.erase_user": ("POST", _admin(302)),
    "admin.audit_log": ("GET", _admin(200)),
}
