"""Who may follow a story: teachers see their own stories (another teacher's is a 404,
as for a bank), admins every one, students none (403). In the shared world the owner's
story holds the owner's only article, so the form to add one has nothing left to offer
(a 400 that shows the page), and one change is flagged on a question of the bank.

The owner lets students read the story: ``student`` (in the owner's class) may open
it; ``other_student`` (another teacher's class) and the admin (nobody's student) get
a 404, as for a quiz not assigned to them."""

from __future__ import annotations

LOGIN = "login"

EXPECTED = {
    "teacher.stories_page": (
        "GET",
        dict(
            anonymous=LOGIN, student=403, other_student=403, owner=200, other_teacher=200, admin=200
        ),
    ),
    "teacher.create_story": (
        "POST",
        dict(
            anonymous=LOGIN, student=403, other_student=403, owner=302, other_teacher=302, admin=302
        ),
    ),
    "teacher.story": (
        "GET",
        dict(
            anonymous=LOGIN, student=403, other_student=403, owner=200, other_teacher=404, admin=200
        ),
    ),
    "teacher.add_story_article": (
        "POST",
        dict(
            anonymous=LOGIN, student=403, other_student=403, owner=400, other_teacher=404, admin=400
        ),
    ),
    "teacher.confirm_retire_change": (
        "GET",
        dict(
            anonymous=LOGIN, student=403, other_student=403, owner=200, other_teacher=404, admin=200
        ),
    ),
    "teacher.retire_change": (
        "POST",
        dict(
            anonymous=LOGIN, student=403, other_student=403, owner=302, other_teacher=404, admin=302
        ),
    ),
    "teacher.new_version_change": (
        "POST",
        dict(
            anonymous=LOGIN, student=403, other_student=403, owner=302, other_teacher=404, admin=302
        ),
    ),
    "teacher.toggle_student_view": (
        "POST",
        dict(
            anonymous=LOGIN, student=403, other_student=403, owner=302, other_teacher=404, admin=302
        ),
    ),
    "student.stories": (
        "GET",
        dict(
            anonymous=LOGIN, student=200, other_student=200, owner=403, other_teacher=403, admin=200
        ),
    ),
    "student.story": (
        "GET",
        dict(
            anonymous=LOGIN, student=200, other_student=404, owner=403, other_teacher=403, admin=404
        ),
    ),
}

FORM_DATA = {"teacher.create_story": {"title": "Une histoire"}}
