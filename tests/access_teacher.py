"""Who may use the teacher workspace's routes (merged into test_access)."""

LOGIN = "login"
T_ONLY = dict(
    anonymous=LOGIN, student=403, other_student=403, owner=200, other_teacher=200, admin=200
)
OWNED = dict(
    anonymous=LOGIN, student=403, other_student=403, owner=200, other_teacher=404, admin=200
)
OWNED_POST = dict(
    anonymous=LOGIN, student=403, other_student=403, owner=302, other_teacher=404, admin=302
)

EXPECTED = {
    "teacher.articles": ("GET", T_ONLY),
    "teacher.new_article": ("GET", T_ONLY),
    "teacher.article": ("GET", OWNED),
    "teacher.banks": ("GET", T_ONLY),
    "teacher.create_bank": ("POST", {**T_ONLY, "owner": 302, "other_teacher": 302, "admin": 302}),
    "teacher.bank": ("GET", OWNED),
    "teacher.bulk_review": ("POST", OWNED_POST),
    "teacher.accept_question": ("POST", OWNED_POST),
    "teacher.reject_question": ("POST", OWNED_POST),
    "teacher.share_bank": ("POST", OWNED_POST),
    "teacher.new_question": ("GET", OWNED),
    "teacher.edit_question_view": ("GET", OWNED),
    "teacher.delete_question": ("GET", OWNED),
    "teacher.quizzes": ("GET", T_ONLY),
    "teacher.new_quiz": ("GET", T_ONLY),
    "teacher.edit_quiz": ("GET", OWNED),
    "teacher.preview_quiz": ("GET", OWNED),
    "teacher.export_bank": ("GET", OWNED),
    "teacher.import_into_bank": ("GET", OWNED),
}
FORM_DATA = {
    "teacher.create_bank": {"name": "Nouvelle banque"},
    "teacher.bulk_review": {"action": "accept_above", "threshold": "0.5"},
    "teacher.share_bank": {"username": "other_teacher"},
}
