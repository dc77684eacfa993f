"""What a teacher owns, from start to end: articles, banks, quizzes and classes are
renamed, archived (hidden from lists and from students, restorable, still counted by
reports), deleted when nothing of a score goes with them, and copied (a quiz, a bank);
questions move between banks. Nothing is committed: the page or the command commits
what it asked for, so each action is all or nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from quizapp.domain.messages import N_, CatalogueError
from quizapp.extensions import db, unicode_lower
from quizapp.models import (
    Article,
    Attempt,
    Bank,
    BankShare,
    Membership,
    Question,
    Quiz,
    QuizAssignment,
    QuizQuestion,
    SchoolClass,
    User,
)
from quizapp.models.base import utcnow
from quizapp.services import audit
from quizapp.services.banks import add_questions
from quizapp.services.quizzes import SETTINGS
from quizapp.services.workspace import articles_query, bank_access, visible_banks_query

#: The filter of every list: the rows in use, or those put away.
STATES = ("actifs", "archives")
#: Rows per page of the lists.
PAGE_SIZE = 25


class LifecycleError(CatalogueError):
    """The action is refused; the message says why and what to do instead."""


@dataclass(frozen=True)
class Kind:
    """One kind of row a teacher owns: its model, who owns it and what names it."""

    name: str  # as the audit log and the URLs say it
    model: type
    owner: str  # the column of the owner's id
    label: str  # the column a teacher renames
    max_length: int


KINDS = {
    "article": Kind("article", Article, "owner_id", "title", 300),
    "bank": Kind("bank", Bank, "owner_id", "name", 200),
    "quiz": Kind("quiz", Quiz, "owner_id", "title", 200),
    "class": Kind("class", SchoolClass, "teacher_id", "name", 120),
}


def owned(kind: Kind, row_id: int, user: User):
    """The row if ``user`` owns it (an admin: any row), else None."""
    row = db.session.get(kind.model, row_id)
    if row is None or (user.role != "admin" and getattr(row, kind.owner) != user.id):
        return None
    return row


def label_of(kind: Kind, row) -> str:
    return getattr(row, kind.label)


# --- lists ------------------------------------------------------------------------
def _state_and_search(query, kind: Kind, state: str, search: str):
    column = kind.model.archived_at
    query = query.where(column.is_not(None) if state == "archives" else column.is_(None))
    if search and kind.name != "article":  # an article's search reads its text too
        label = getattr(kind.model, kind.label)
        query = query.where(unicode_lower(label).contains(search.lower(), autoescape=True))
    return query


def list_query(kind: Kind, user: User, state: str = "actifs", search: str = ""):
    """The user's rows of this kind (an admin's: all; banks: shared ones too), active
    or archived, whose name holds ``search`` (in the database), newest first
    (classes by name), ready for ``db.paginate``."""
    model = kind.model
    if kind.name == "bank":
        query = visible_banks_query(user)
    elif kind.name == "article":
        query = articles_query(user, search).order_by(None)
    else:
        query = db.select(model)
        if user.role != "admin":
            query = query.where(getattr(model, kind.owner) == user.id)
    if kind.name == "quiz":
        query = query.options(
            selectinload(Quiz.assignments).selectinload(QuizAssignment.school_class),
            selectinload(Quiz.slots),
        )
    if kind.name == "class":
        query = query.options(selectinload(SchoolClass.memberships)).order_by(
            SchoolClass.name, SchoolClass.id
        )
    else:
        query = query.order_by(model.created_at.desc(), model.id.desc())
    return _state_and_search(query, kind, state, search)


def paginate(query, page: int):
    return db.paginate(query, page=page, per_page=PAGE_SIZE, error_out=False)


# --- rename, archive, restore -------------------------------------------------------
def rename(kind: Kind, row, new_name: str, actor: User | None) -> None:
    new_name = (new_name or "").strip()
    if not new_name:
        raise LifecycleError(N_("Donnez un nom."))
    if len(new_name) > kind.max_length:
        raise LifecycleError(N_("%(n)d caractères au plus."), n=kind.max_length)
    setattr(row, kind.label, new_name)


def archive(kind: Kind, row, actor: User | None, **details: Any) -> bool:
    """Put the row away (False when it already was): hidden from lists and students,
    its attempts and figures untouched."""
    if row.archived_at is not None:
        return False
    row.archived_at = utcnow()
    audit.record(actor, "archive", kind.name, row.id, label_of(kind, row), **details)
    return True


def restore(kind: Kind, row, actor: User | None) -> bool:
    if row.archived_at is None:
        return False
    row.archived_at = None
    audit.record(actor, "restore", kind.name, row.id, label_of(kind, row))
    return True


# --- what goes with a deletion ------------------------------------------------------
@dataclass
class Impact:
    """What deleting a row takes with it, and why it can't be deleted (``refusal``)."""

    refusal: CatalogueError | None = None
    attempts: int = 0
    questions: int = 0
    students: int = 0
    quizzes: list[str] = field(default_factory=list)  # titles of quizzes that change
    banks: list[str] = field(default_factory=list)  # names of banks that change
    classes: list[str] = field(default_factory=list)

    @property
    def allowed(self) -> bool:
        return self.refusal is None


def _count(query) -> int:
    return db.session.scalar(query.with_only_columns(db.func.count()).order_by(None)) or 0


def impact(kind: Kind, row) -> Impact:
    """What goes with the row if it is deleted (see :func:`delete`)."""
    return {
        "article": _article_impact,
        "bank": _bank_impact,
        "quiz": _quiz_impact,
        "class": _class_impact,
    }[kind.name](row)


def _article_impact(article: Article) -> Impact:
    banks = db.session.scalars(
        db.select(Bank.name).where(Bank.article_id == article.id).order_by(Bank.name)
    ).all()
    return Impact(banks=list(banks))


def _quiz_impact(quiz: Quiz) -> Impact:
    attempts = _count(db.select(Attempt.id).where(Attempt.quiz_id == quiz.id))
    classes = [a.school_class.name for a in quiz.assignments]
    result = Impact(attempts=attempts, questions=len(quiz.slots), classes=sorted(classes))
    if attempts:
        result.refusal = LifecycleError(
            N_(
                "Ce quiz a %(n)d tentatives : le supprimer effacerait des notes. "
                "Archivez-le plutôt ; il reste dans les rapports."
            ),
            n=attempts,
        )
    return result


def _quizzes_using(bank: Bank):
    in_bank = db.select(Question.id).where(Question.bank_id == bank.id)
    with_slots = db.select(QuizQuestion.quiz_id).where(QuizQuestion.question_id.in_(in_bank))
    return db.select(Quiz).where((Quiz.bank_id == bank.id) | Quiz.id.in_(with_slots))


def _bank_impact(bank: Bank) -> Impact:
    quizzes = db.session.scalars(_quizzes_using(bank).order_by(Quiz.title)).all()
    used = [q.id for q in quizzes]
    attempts = _count(db.select(Attempt.id).where(Attempt.quiz_id.in_(used))) if used else 0
    result = Impact(
        attempts=attempts,
        questions=_count(db.select(Question.id).where(Question.bank_id == bank.id)),
        quizzes=[q.title for q in quizzes],
    )
    if attempts:
        # Attempts point at the versions of its questions: they must not vanish.
        result.refusal = LifecycleError(
            N_(
                "Des élèves ont répondu à des questions de cette banque (%(n)d tentatives) : "
                "la supprimer effacerait ce qu'ils ont vu. Archivez-la plutôt."
            ),
            n=attempts,
        )
    return result


def _class_attempts(school_class: SchoolClass):
    members = db.select(Membership.student_id).where(Membership.class_id == school_class.id)
    assigned = db.select(QuizAssignment.quiz_id).where(QuizAssignment.class_id == school_class.id)
    return db.select(Attempt.id).where(
        Attempt.student_id.in_(members), Attempt.quiz_id.in_(assigned)
    )


def _class_impact(school_class: SchoolClass) -> Impact:
    attempts = _count(_class_attempts(school_class))
    quizzes = db.session.scalars(
        db.select(Quiz.title)
        .join(QuizAssignment, QuizAssignment.quiz_id == Quiz.id)
        .where(QuizAssignment.class_id == school_class.id)
        .order_by(Quiz.title)
    ).all()
    result = Impact(
        attempts=attempts,
        students=_count(db.select(Membership.id).where(Membership.class_id == school_class.id)),
        quizzes=list(quizzes),
    )
    if attempts:
        result.refusal = LifecycleError(
            N_(
                "Les élèves de cette classe ont fait %(n)d tentatives à ses quiz : la "
                "supprimer effacerait son carnet de notes. Archivez-la plutôt."
            ),
            n=attempts,
        )
    return result


def delete(kind: Kind, row, actor: User | None) -> Impact:
    """Delete the row and what goes with it (see :func:`impact`), or raise
    :class:`LifecycleError` when a score would go too. One flush: all or nothing."""
    found = impact(kind, row)
    if found.refusal is not None:
        raise found.refusal
    audit.record(
        actor,
        "delete",
        kind.name,
        row.id,
        label_of(kind, row),
        questions=found.questions,
        students=found.students,
        quizzes=len(found.quizzes),
    )
    db.session.delete(row)
    db.session.flush()
    return found


# --- copies and moves ----------------------------------------------------------------
def _copy_title(title: str, length: int) -> str:
    return _("Copie de %(title)s", title=title)[:length]


#: What a copy of a quiz keeps: the settings a teacher chooses (its own title aside),
#: its bank, attempts allowed, pass mark and draw; not its dates, classes or attempts.
QUIZ_COPIED = (
    *(name for name in SETTINGS if name != "title"),
    "bank_id",
    "max_attempts",
    "pass_mark",
    "draw_per_tag",
)


def copy_quiz(quiz: Quiz, owner: User) -> Quiz:
    """« Copie de … »: the settings and questions, for ``owner``; no class, no dates,
    no attempt."""
    copy = Quiz(owner_id=owner.id, title=_copy_title(quiz.title, 200))
    for name in QUIZ_COPIED:
        setattr(copy, name, getattr(quiz, name))
    db.session.add(copy)
    db.session.flush()
    for slot in quiz.slots:
        db.session.add(
            QuizQuestion(
                quiz_id=copy.id,
                question_id=slot.question_id,
                position=slot.position,
                mark=slot.mark,
            )
        )
    return copy


def copy_bank(bank: Bank, owner: User) -> Bank:
    """« Copie de … » for ``owner`` (who may only read the bank): every question at its
    current version and review state, as new questions."""
    copy = Bank(owner_id=owner.id, name=_copy_title(bank.name, 200), tags=list(bank.tags or []))
    copy.article_id = bank.article_id
    db.session.add(copy)
    questions = db.session.scalars(
        db.select(Question)
        .where(Question.bank_id == bank.id)
        .options(selectinload(Question.current_version))
        .order_by(Question.id)
    ).all()
    data = []
    for question in questions:
        one = question.current_version.question_data
        one.status = question.status
        data.append(one)
    add_questions(copy, data, author=owner)
    return copy


def move_targets(bank: Bank, user: User) -> list[Bank]:
    """The other banks the user may put questions into: their own and those shared
    with them to edit, active, by name."""
    banks = db.session.scalars(
        visible_banks_query(user)
        .where(Bank.id != bank.id, Bank.archived_at.is_(None))
        .order_by(Bank.name)
    ).all()
    return [b for b in banks if bank_access(b, user) in ("owner", "edit")]


def move_questions(source: Bank, target: Bank | None, ids: list[int], user: User) -> int:
    """Move the questions ``ids`` of ``source`` (other ids match nothing) into
    ``target``; how many moved. The quizzes using them keep them: a slot names the
    question, wherever it is kept."""
    if target is None or target.id not in {b.id for b in move_targets(source, user)}:
        raise LifecycleError(N_("Choisissez une autre banque que vous pouvez modifier."))
    if not ids:
        raise LifecycleError(N_("Cochez au moins une question."))
    moved = db.session.scalars(
        db.select(Question).where(Question.bank_id == source.id, Question.id.in_(ids))
    ).all()
    for question in moved:
        question.bank_id = target.id
    db.session.flush()
    db.session.expire(source, ["questions"])
    return len(moved)


def drop_shares_of(user_id: int, bank_ids) -> None:
    """The shares ``user_id`` held on banks that are now their own."""
    db.session.execute(
        db.delete(BankShare).where(BankShare.teacher_id == user_id, BankShare.bank_id.in_(bank_ids))
    )
