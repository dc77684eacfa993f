"""Demo mode: the banks in questions/, a demo class and accounts with fresh passwords."""

from __future__ import annotations

import secrets
from pathlib import Path

from flask import current_app

from quizapp.domain.giveaways import without_giveaways
from quizapp.extensions import db
from quizapp.models import Bank, Question, Quiz, QuizAssignment, QuizQuestion, SchoolClass, User
from quizapp.services import accounts
from quizapp.services.banks import import_bank_file

DEMO_CLASS = "Classe de démonstration"


def _password() -> str:
    return secrets.token_urlsafe(12)


def _account(username: str, role: str, display_name: str) -> tuple[User, str]:
    """Create the account, or give an existing demo account a new password."""
    password = _password()
    user = db.session.scalar(db.select(User).where(User.username == username))
    if user is None:
        user = accounts.create_user(username, password, role, display_name=display_name)
    else:
        user.set_password(password)
        accounts.end_sessions(user)
    return user, password


def load_demo() -> dict:
    """Idempotent: banks already loaded are not loaded twice."""
    teacher, teacher_pw = _account("demo-enseignant", "teacher", "Enseignant démo")
    student, student_pw = _account("demo-eleve", "student", "Élève démo")
    db.session.flush()
    school_class = db.session.scalar(
        db.select(SchoolClass).where(
            SchoolClass.teacher_id == teacher.id, SchoolClass.name == DEMO_CLASS
        )
    )
    if school_class is None:
        school_class = SchoolClass(
            name=DEMO_CLASS, teacher_id=teacher.id, join_code=accounts.unique_join_code()
        )
        db.session.add(school_class)
        db.session.flush()
    accounts.join_class(student, school_class)
    banks = []
    for path in sorted(Path(current_app.config["QUESTIONS_DIR"]).glob("*.bank.yaml")):
        existing = db.session.scalar(
            db.select(Bank).where(Bank.owner_id == teacher.id, Bank.name == _bank_name(path))
        )
        if existing is not None:
            banks.append((existing.name, len(existing.questions)))
            continue
        bank, count = import_bank_file(path, teacher)
        banks.append((bank.name, count))
    if banks and not db.session.scalar(db.select(Quiz.id).where(Quiz.owner_id == teacher.id)):
        _demo_quiz(teacher, school_class)
    db.session.commit()
    return {
        "accounts": {
            "teacher": (teacher.username, teacher_pw),
            "student": (student.username, student_pw),
        },
        "class_name": school_class.name,
        "join_code": school_class.join_code,
        "banks": banks,
    }


def _bank_name(path: Path) -> str:
    import yaml

    with path.open(encoding="utf-8") as fh:
        return (yaml.safe_load(fh) or {}).get("name") or path.stem


def _demo_quiz(teacher: User, school_class: SchoolClass) -> Quiz:
    """A quiz of the first bank's accepted questions, open now, assigned to the demo class:
    ten of them, leaving out any that states another's answer (see quizapp.domain.giveaways)."""
    bank = db.session.scalar(db.select(Bank).where(Bank.owner_id == teacher.id).order_by(Bank.id))
    quiz = Quiz(
        owner_id=teacher.id,
        bank_id=bank.id,
        title=f"Quiz : {bank.name}"[:200],
        instructions="Lisez bien chaque question. Vos réponses sont enregistrées au fur et à mesure.",
        max_attempts=3,
        shuffle_options=True,
    )
    db.session.add(quiz)
    db.session.flush()
    accepted = db.session.scalars(
        db.select(Question)
        .where(Question.bank_id == bank.id, Question.status == "accepted")
        .order_by(Question.id)
    ).all()
    chosen = without_giveaways([(question, question.data) for question in accepted])
    for position, question in enumerate(chosen[:10]):
        db.session.add(QuizQuestion(quiz_id=quiz.id, question_id=question.id, position=position))
    db.session.add(QuizAssignment(quiz_id=quiz.id, class_id=school_class.id))
    return quiz
