"""Who may mark by hand: the quiz's owner and admins; another teacher gets a 404 (as
for the quiz itself), students a 403. In the shared world, slot 0 is a choice question
(a teacher may mark any answer by hand) and the question is not a short answer, so
accepting it for everyone is refused with a message (a redirect)."""

from __future__ import annotations

LOGIN = "login"

EXPECTED = {
    "teacher.marking_page": (
        "GET",
        dict(
            anonymous=LOGIN, student=403, other_student=403, owner=200, other_teacher=404, admin=200
        ),
    ),
    "teacher.mark_answer": (
        "GET",
        dict(
            anonymous=LOGIN, student=403, other_student=403, owner=200, other_teacher=404, admin=200
        ),
    ),
    "teacher.mark_question": (
        "GET",
        dict(
            anonymous=LOGIN, student=403, other_student=403, owner=200, other_teacher=404, admin=200
        ),
    ),
    "teacher.confirm_accept_answer": (
        "GET",
        dict(
            anonymous=LOGIN, student=403, other_student=403, owner=302, other_teacher=404, admin=302
        ),
    ),
    "teacher.accept_answer": (
        "POST",
        dict(
            anonymous=LOGIN, student=403, other_student=403, owner=302, other_teacher=404, admin=302
        ),
    ),
}

FORM_DATA = {"teacher.accept_answer": {"answer": "Moscou"}}
