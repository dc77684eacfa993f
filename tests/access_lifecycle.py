"""Who may rename, archive, restore, delete, copy and move what a teacher owns, start a
new school year, and see or hand over teachers' work (merged into test_access).

In the access world the quiz has a submitted attempt: deleting the quiz, its bank or
its class is refused (409) even to the owner; the article goes (302)."""

LOGIN = "login"
OWNED_POST = dict(
    anonymous=LOGIN, student=403, other_student=403, owner=302, other_teacher=404, admin=302
)
REFUSED = {**OWNED_POST, "owner": 409, "admin": 409}
TEACHER_POST = {**OWNED_POST, "other_teacher": 302}
ADMIN_ONLY = dict(
    anonymous=LOGIN, student=403, other_student=403, owner=403, other_teacher=403, admin=200
)

EXPECTED = {}
FORM_DATA = {}
for _kind in ("article", "bank", "quiz", "class"):
    EXPECTED[f"lifecycle.rename_{_kind}"] = ("POST", OWNED_POST)
    EXPECTED[f"lifecycle.archive_{_kind}"] = ("POST", OWNED_POST)
    EXPECTED[f"lifecycle.restore_{_kind}"] = ("POST", OWNED_POST)
    EXPECTED[f"lifecycle.delete_{_kind}"] = ("POST", OWNED_POST if _kind == "article" else REFUSED)
    FORM_DATA[f"lifecycle.rename_{_kind}"] = {"name": "Nouveau nom"}

EXPECTED.update(
    {
        "lifecycle.copy_quiz": ("POST", OWNED_POST),
        "lifecycle.copy_bank": ("POST", OWNED_POST),
        "lifecycle.move_questions": ("POST", OWNED_POST),
        "lifecycle.new_school_year": ("POST", TEACHER_POST),
        "admin.teachers": ("GET", ADMIN_ONLY),
        "admin.hand_over": ("POST", {**ADMIN_ONLY, "admin": 302}),
    }
)
FORM_DATA.update(
    {
        "lifecycle.move_questions": {"target_id": "999"},
        "admin.hand_over": {"username": "owner"},
    }
)
