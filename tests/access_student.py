"""Who may use the student pages (merged into tests/test_access.py).

In the world, ``student`` has a submitted attempt (``attempt_id``) at a quiz
assigned to their class; ``other_student`` is in another class; an admin is
nobody's student, so attempts and quizzes are 404 for them too.
"""

from __future__ import annotations

LOGIN = "login"


def _student(student, other_student=404, admin=404):
    return dict(
        anonymous=LOGIN,
        student=student,
        other_student=other_student,
        owner=403,
        other_teacher=403,
        admin=admin,
    )


EXPECTED = {
    "student.home": ("GET", _student(200, 200, 200)),
    "student.join": ("POST", _student(302, 302, 302)),
    "student.quiz": ("GET", _student(200)),
    "student.start": ("POST", _student(302)),  # unlimited attempts: a new one starts
    "student.take": ("GET", _student(302)),  # submitted: off to the result
    "student.save_page": ("POST", _student(302)),
    "student.save_json": ("POST", _student(409)),  # a submitted attempt takes no answer
    "student.confirm_submit": ("GET", _student(302)),
    "student.submit": ("POST", _student(302)),  # a second submit changes nothing
    "student.result": ("GET", _student(200)),
    # The quiz's article: its students, and the teacher who owns the quiz (a preview).
    "student.article": ("GET", {**_student(200), "owner": 200, "other_teacher": 404, "admin": 200}),
    "student.history": ("GET", _student(200, 200, 200)),
    "student.practice_next": ("GET", _student(200, 200, 200)),
    # The unanswered questions of the submitted attempt are cards, not due yet: back
    # to practice; nobody else has a card for them.
    "student.practice_answer": ("POST", _student(302)),
    "student.class_practice": (
        "GET",
        dict(
            anonymous=LOGIN, student=403, other_student=403, owner=200, other_teacher=404, admin=200
        ),
    ),
}

FORM_DATA = {
    "student.join": {"join_code": "ZZZZ999"},
}
