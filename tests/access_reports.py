"""Who may see reports: teachers see their own quizzes, classes, students and banks
(another teacher's are a 404, as for classes); admins see everything; students nothing."""

from __future__ import annotations

LOGIN = "login"
OWN = dict(anonymous=LOGIN, student=403, other_student=403, owner=200, other_teacher=404, admin=200)
ANY_TEACHER = dict(
    anonymous=LOGIN, student=403, other_student=403, owner=200, other_teacher=200, admin=200
)

EXPECTED = {
    "reports.index": ("GET", ANY_TEACHER),
    "reports.quiz": ("GET", OWN),
    "reports.quiz_export": ("GET", OWN),
    "reports.statistics": ("GET", OWN),
    "reports.regrade_preview": ("GET", OWN),
    "reports.apply_regrade": (
        "POST",
        dict(
            anonymous=LOGIN, student=403, other_student=403, owner=302, other_teacher=404, admin=302
        ),
    ),
    "reports.class_report": ("GET", OWN),
    "reports.class_export": ("GET", OWN),
    "reports.student": ("GET", OWN),
    "reports.student_export": ("GET", OWN),
    "reports.bank": ("GET", OWN),
}

FORM_DATA: dict[str, dict] = {}
