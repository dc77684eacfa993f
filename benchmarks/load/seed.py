"""Seed a load test: teachers, classes of 30, one 16-question quiz per teacher, and
thousands of student accounts, in a few bulk inserts.

Every account shares one password hash, computed once: hashing 10,000 passwords
with Argon2id would take minutes and measure nothing. The hash uses the cost given
(``hash_method``, by default the app's ``PASSWORD_HASH_METHOD`` lowered as in the
tests); the server checks each login at that cost, and the run prints what a login
costs at the production default next to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from quizapp.domain.questiondata import Answer, QuestionData
from quizapp.extensions import db
from quizapp.models.passwords import make_hash

PASSWORD = "charge-de-test-2026"
#: Argon2id, like production, at about 1/20 of its cost (2 MiB and one pass instead
#: of 19 MiB and two).
BENCH_HASH_METHOD = "argon2id:1:2048:1"
CLASS_SIZE = 30
#: Question types by slot; the simulated students answer according to them.
SLOT_TYPES = ["mcq", "truefalse", "short", "numeric"] * 4


def questions() -> list[QuestionData]:
    """Sixteen questions: eight multiple choice or true/false, eight typed answers."""
    made = []
    for n, kind in enumerate(SLOT_TYPES):
        tags = [f"theme{n % 4}"]
        if kind == "mcq":
            q = QuestionData(
                type="mcq",
                stem=f"Question {n + 1} : qui a rencontré Sergueï Lavrov à Moscou ?",
                answers=[
                    Answer("Choe Son Hui", 1.0),
                    Answer("Antony Blinken", 0.0),
                    Answer("Volodymyr Zelensky", 0.0),
                    Answer("Olaf Scholz", 0.0),
                ],
                tags=tags,
            )
        elif kind == "truefalse":
            q = QuestionData(
                type="truefalse",
                stem=f"Question {n + 1} : la rencontre a eu lieu à Moscou.",
                answers=[Answer("true", 1.0), Answer("false", 0.0)],
                tags=tags,
            )
        elif kind == "short":
            q = QuestionData(
                type="short",
                stem=f"Question {n + 1} : dans quelle ville la rencontre a-t-elle eu lieu ?",
                answers=[Answer("Moscou", 1.0)],
                options={"typos": True},
                tags=tags,
            )
        else:
            q = QuestionData(
                type="numeric",
                stem=f"Question {n + 1} : combien de soldats, environ ?",
                answers=[Answer("10000", 1.0, tolerance=500)],
                options={"unit": "soldats"},
                tags=tags,
            )
        q.status = "accepted"
        made.append(q)
    return made


@dataclass
class Seeded:
    quiz_ids: list[int] = field(default_factory=list)  # one per teacher
    class_ids: list[list[int]] = field(default_factory=list)  # per teacher
    students: list[tuple[str, int]] = field(default_factory=list)  # (username, quiz id)
    teachers: list[tuple[str, int, int]] = field(default_factory=list)  # (name, quiz, class)

    def to_dict(self) -> dict:
        return {
            "quiz_ids": self.quiz_ids,
            "class_ids": self.class_ids,
            "students": self.students,
            "teachers": self.teachers,
        }


def seed(students: int, teachers: int = 4, hash_method: str = BENCH_HASH_METHOD) -> Seeded:
    """Create the accounts and quizzes (inside an app context, on an empty schema)."""
    from quizapp.models import (
        Bank,
        Membership,
        Quiz,
        QuizAssignment,
        QuizQuestion,
        SchoolClass,
        User,
    )
    from quizapp.models.base import utcnow
    from quizapp.services.banks import add_question

    password_hash = make_hash(PASSWORD, hash_method)
    now = utcnow()
    out = Seeded()
    # An admin, so that the server prints no first-admin link.
    db.session.add(User(username="bench-admin", role="admin", password_hash=password_hash))
    teacher_rows = []
    for t in range(teachers):
        teacher = User(
            username=f"prof{t}",
            role="teacher",
            display_name=f"Prof {t}",
            password_hash=password_hash,
        )
        db.session.add(teacher)
        teacher_rows.append(teacher)
    db.session.flush()
    for teacher in teacher_rows:
        bank = Bank(owner_id=teacher.id, name=f"Banque de {teacher.username}", tags=[])
        db.session.add(bank)
        added = [add_question(bank, data, author=teacher) for data in questions()]
        db.session.flush()
        quiz = Quiz(
            owner_id=teacher.id,
            bank_id=bank.id,
            title="Rencontre à Moscou",
            max_attempts=1,
            one_per_page=True,
            shuffle_options=True,
        )
        db.session.add(quiz)
        db.session.flush()
        for position, question in enumerate(added):
            db.session.add(
                QuizQuestion(quiz_id=quiz.id, question_id=question.id, position=position)
            )
        out.quiz_ids.append(quiz.id)
        out.class_ids.append([])
    db.session.flush()

    # Students: bulk inserts, then classes of CLASS_SIZE dealt to the teachers in turn.
    db.session.execute(
        db.insert(User),
        [
            {
                "username": f"eleve{n:05d}",
                "display_name": f"Élève {n}",
                "role": "student",
                "password_hash": password_hash,
                "active": True,
                "session_version": 1,
                "created_at": now,
            }
            for n in range(students)
        ],
    )
    ids = dict(
        db.session.execute(db.select(User.username, User.id).where(User.role == "student")).all()
    )
    classes = (students + CLASS_SIZE - 1) // CLASS_SIZE
    for c in range(classes):
        t = c % teachers
        school_class = SchoolClass(
            name=f"Classe {c}", teacher_id=teacher_rows[t].id, join_code=f"B{c:06d}"
        )
        db.session.add(school_class)
        db.session.flush()
        out.class_ids[t].append(school_class.id)
        db.session.add(QuizAssignment(quiz_id=out.quiz_ids[t], class_id=school_class.id))
        members = range(c * CLASS_SIZE, min(students, (c + 1) * CLASS_SIZE))
        db.session.execute(
            db.insert(Membership),
            [
                {"class_id": school_class.id, "student_id": ids[f"eleve{n:05d}"], "joined_at": now}
                for n in members
            ],
        )
        out.students.extend((f"eleve{n:05d}", out.quiz_ids[t]) for n in members)
    db.session.commit()
    out.teachers = [
        (teacher.username, out.quiz_ids[t], out.class_ids[t][0] if out.class_ids[t] else 0)
        for t, teacher in enumerate(teacher_rows)
    ]
    return out
