"""The teacher's workspace: articles, banks and their review queue, questions, quizzes."""

from __future__ import annotations

import re

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup, escape
from sqlalchemy.orm import selectinload

from quizapp.extensions import db, end_transaction
from quizapp.forms.accounts import ConfirmForm
from quizapp.forms.base import select_choices
from quizapp.forms.teacher import (
    ArticleForm,
    BankForm,
    BulkReviewForm,
    QuestionForm,
    QuizForm,
    RejectForm,
    ShareForm,
)
from quizapp.models import (
    Article,
    Attempt,
    Bank,
    BankShare,
    Question,
    QuestionVersion,
    Quiz,
    QuizAssignment,
    QuizQuestion,
    SchoolClass,
    User,
)
from quizapp.models.base import db_id, utcnow
from quizapp.questiondata import QuestionData
from quizapp.security import role_required
from quizapp.services import reading, workspace
from quizapp.services.banks import add_question, edit_question
from quizapp.timeutil import to_local, to_utc

bp = Blueprint("teacher", __name__, url_prefix="/teacher")
PAGE_SIZE = 50


# --- loading with permission checks --------------------------------------------
def bank_or_404(bank_id: int, need: str = "read") -> tuple[Bank, str]:
    """The bank and the current user's access; a bank they can't see is a 404,
    one they can read but not change is a 403."""
    bank = db.get_or_404(Bank, bank_id)
    access = workspace.bank_access(bank, current_user)
    if access is None:
        abort(404)
    if need == "edit" and access == "read":
        abort(403)
    if need == "owner" and access != "owner":
        abort(403)
    return bank, access


def question_or_404(question_id: int, need: str = "read") -> tuple[Question, Bank]:
    question = db.get_or_404(Question, question_id)
    bank, _access = bank_or_404(question.bank_id, need)
    return question, bank


def quiz_or_404(quiz_id: int) -> Quiz:
    quiz = db.get_or_404(Quiz, quiz_id)
    if not workspace.owns_quiz(quiz, current_user):
        abort(404)
    return quiz


def own_classes() -> list[SchoolClass]:
    query = db.select(SchoolClass).order_by(SchoolClass.name)
    if current_user.role != "admin":
        query = query.where(SchoolClass.teacher_id == current_user.id)
    return list(db.session.scalars(query))


# --- articles --------------------------------------------------------------------
@bp.get("/articles")
@role_required("teacher")
def articles():
    """The teacher's articles, newest first, with a search by title or text."""
    q = (request.args.get("q") or "").strip()
    query = db.select(Article).order_by(Article.created_at.desc())
    if current_user.role != "admin":
        query = query.where(Article.owner_id == current_user.id)
    if q:
        like = f"%{q}%"
        query = query.where(Article.title.ilike(like) | Article.text.ilike(like))
    page = db.paginate(query, per_page=PAGE_SIZE, error_out=False)
    return render_template("teacher/articles.html", page=page, q=q)


@bp.route("/articles/new", methods=["GET", "POST"])
@role_required("teacher")
def new_article():
    """Paste or upload an article; its generated questions go to a review queue."""
    form = ArticleForm()
    if form.validate_on_submit():
        text, title, published = form.text.data or "", form.title.data, form.published_on.data
        upload = form.upload.data
        try:
            if upload and upload.filename:
                data = upload.read(workspace_limit() + 1)
                if len(data) > workspace_limit():
                    raise workspace.WorkspaceError(_("Le fichier dépasse 200 Ko."))
                found = workspace.read_upload(data, upload.filename)
                text, title = found.text, title or found.title
                published = published or found.published_on
            if not text.strip():
                raise workspace.WorkspaceError(
                    _("Collez le texte de l’article ou envoyez un fichier.")
                )
            article, bank = workspace.add_article_with_bank(
                current_user,
                text,
                title=title,
                source=form.source.data or "",
                published_on=published,
            )
        except workspace.WorkspaceError as exc:
            form.text.errors.append(str(exc))
            return render_template("teacher/article_form.html", form=form), 400
        db.session.commit()
        flash(_("%(n)d questions proposées : relisez-les.", n=len(bank.questions)), "success")
        return redirect(url_for("teacher.bank", bank_id=bank.id, status="candidate"))
    return render_template("teacher/article_form.html", form=form)


def workspace_limit() -> int:
    return 200 * 1024


@bp.get("/articles/<int:article_id>")
@role_required("teacher")
def article(article_id: int):
    """The article with the sentences questions came from highlighted."""
    article = db.get_or_404(Article, article_id)
    if not workspace.can_see_article(article, current_user):
        abort(404)
    rows = db.session.execute(
        db.select(Question, QuestionVersion)
        .join(Bank, Bank.id == Question.bank_id)
        .join(QuestionVersion, QuestionVersion.id == Question.current_version_id)
        .where(Bank.article_id == article.id, Question.status != "rejected")
    ).all()
    by_span: dict[tuple[int, int], list[tuple[Question, QuestionData]]] = {}
    for question, version in rows:
        data = version.question_data
        if data.source and data.source.end <= len(article.text):
            by_span.setdefault((data.source.start, data.source.end), []).append((question, data))
    return render_template(
        "teacher/article.html",
        article=article,
        body=_highlight(article.text, by_span),
        spans=sorted(by_span.items()),
    )


def _highlight(text: str, spans: dict) -> Markup:
    """The article as HTML paragraphs, each source sentence a link to its questions."""
    out, pos = [], 0
    for start, end in sorted(spans):
        if start < pos:
            continue
        out.append(escape(text[pos:start]))
        out.append(
            Markup('<a class="source-sentence" href="#s{s}"><mark>{t}</mark></a>').format(
                s=start, t=text[start:end]
            )
        )
        pos = end
    out.append(escape(text[pos:]))
    html = Markup("").join(out)
    paragraphs = [p for p in re.split(r"\n\s*\n", str(html)) if p.strip()]
    return Markup("".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs))


# --- banks -----------------------------------------------------------------------
@bp.get("/banks")
@role_required("teacher")
def banks():
    """Own and shared banks with their question counts by status."""
    rows = db.session.scalars(
        workspace.visible_banks_query(current_user).order_by(Bank.created_at.desc())
    ).all()
    counts = dict()
    if rows:
        for bank_id, status, n in db.session.execute(
            db.select(Question.bank_id, Question.status, db.func.count(Question.id))
            .where(Question.bank_id.in_([b.id for b in rows]))
            .group_by(Question.bank_id, Question.status)
        ):
            counts.setdefault(bank_id, {})[status] = n
    return render_template("teacher/banks.html", banks=rows, counts=counts, form=BankForm())


@bp.post("/banks")
@role_required("teacher")
def create_bank():
    form = BankForm()
    if not form.validate_on_submit():
        flash(_("Donnez un nom à la banque."), "error")
        return redirect(url_for("teacher.banks"))
    bank = Bank(owner_id=current_user.id, name=form.name.data, tags=_tags(form.tags.data))
    db.session.add(bank)
    db.session.commit()
    return redirect(url_for("teacher.bank", bank_id=bank.id))


def _tags(text: str | None) -> list[str]:
    return [t.strip() for t in (text or "").split(",") if t.strip()]


@bp.get("/banks/<int:bank_id>")
@role_required("teacher")
def bank(bank_id: int):
    """The bank's questions with filters; candidates form the review queue."""
    bank, access = bank_or_404(bank_id)
    filters = {
        k: (request.args.get(k) or "").strip() for k in ("status", "kind", "type", "tag", "q")
    }
    query = (
        db.select(Question)
        .where(Question.bank_id == bank.id)
        .options(selectinload(Question.current_version))
    )
    for name in ("status", "kind", "type"):
        if filters[name]:
            query = query.where(getattr(Question, name) == filters[name])
    query = query.order_by(Question.confidence.desc().nulls_last(), Question.id)
    questions = db.session.scalars(query).all()
    if filters["tag"]:
        questions = [q for q in questions if filters["tag"] in (q.tags or [])]
    if filters["q"]:
        needle = filters["q"].lower()
        questions = [
            q for q in questions if needle in q.current_version.data.get("stem", "").lower()
        ]
    kinds = sorted(
        {
            k
            for (k,) in db.session.execute(
                db.select(Question.kind).where(Question.bank_id == bank.id).distinct()
            )
            if k
        }
    )
    shares = db.session.execute(
        db.select(BankShare, User)
        .join(User, User.id == BankShare.teacher_id)
        .where(BankShare.bank_id == bank.id)
    ).all()
    return render_template(
        "teacher/bank.html",
        bank=bank,
        access=access,
        questions=questions,
        clashes=_clashes(questions),
        filters=filters,
        kinds=kinds,
        bulk=BulkReviewForm(),
        reject=RejectForm(),
        share=ShareForm(),
        shares=shares,
        confirm=ConfirmForm(),
    )


@bp.post("/banks/<int:bank_id>/review")
@role_required("teacher")
def bulk_review(bank_id: int):
    """Accept or reject the selected candidates, or accept all above a confidence."""
    bank, _access = bank_or_404(bank_id, "edit")
    form = BulkReviewForm()
    if not form.validate_on_submit():
        abort(400)
    query = db.select(Question).where(Question.bank_id == bank.id)
    if form.action.data == "accept_above":
        threshold = form.threshold.data if form.threshold.data is not None else 0.8
        query = query.where(Question.status == "candidate", Question.confidence >= threshold)
    else:
        ids = [int(i) for i in form.selected.data or []]
        query = query.where(Question.id.in_(ids))  # ids of other banks simply match nothing
    changed = 0
    for question in db.session.scalars(query):
        question.status = "rejected" if form.action.data == "reject" else "accepted"
        changed += 1
    db.session.commit()
    flash(_("%(n)d questions mises à jour.", n=changed), "success")
    return redirect(url_for("teacher.bank", bank_id=bank.id, status=request.args.get("status", "")))


@bp.post("/questions/<int:question_id>/accept")
@role_required("teacher")
def accept_question(question_id: int):
    question, bank = question_or_404(question_id, "edit")
    if not ConfirmForm().validate_on_submit():
        abort(400)
    question.status, question.reject_reason = "accepted", ""
    db.session.commit()
    # Said, since the question leaves the list of those to review.
    return _back_to_queue(
        bank, question, _("Question acceptée : « %(stem)s »", stem=_short(question.data.stem))
    )


def _back_to_queue(bank: Bank, question: Question, message: str):
    """The page's script (asking for JSON) is told what was done and stays where it is;
    a plain form post returns to the queue at the card it names as ``next``."""
    if request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json":
        return {"message": message, "status": question.status}
    flash(message, "success")
    card = request.form.get("next", "")
    anchor = f"q{card}" if card.isdigit() and len(card) < 20 else None
    return redirect(url_for("teacher.bank", bank_id=bank.id, status="candidate", _anchor=anchor))


def _short(stem: str, length: int = 80) -> str:
    return stem if len(stem) <= length else stem[: length - 1].rstrip() + "…"


@bp.post("/questions/<int:question_id>/reject")
@role_required("teacher")
def reject_question(question_id: int):
    """Reject, keeping the question and the reason so the generator can be judged."""
    question, bank = question_or_404(question_id, "edit")
    form = RejectForm()
    if not form.validate_on_submit():
        abort(400)
    question.status, question.reject_reason = "rejected", form.reason.data or ""
    db.session.commit()
    return _back_to_queue(
        bank, question, _("Question rejetée : « %(stem)s »", stem=_short(question.data.stem))
    )


@bp.post("/banks/<int:bank_id>/share")
@role_required("teacher")
def share_bank(bank_id: int):
    """Share with another teacher, to read or to edit."""
    bank, _access = bank_or_404(bank_id, "owner")
    form = ShareForm()
    if form.validate_on_submit():
        other = db.session.scalar(
            db.select(User).where(
                User.username == form.username.data.lower(), User.role.in_(("teacher", "admin"))
            )
        )
        if other is None or other.id == bank.owner_id:
            flash(_("Aucun autre enseignant ne porte cet identifiant."), "error")
        else:
            share = db.session.scalar(
                db.select(BankShare).where(
                    BankShare.bank_id == bank.id, BankShare.teacher_id == other.id
                )
            )
            if share is None:
                share = BankShare(bank_id=bank.id, teacher_id=other.id)
                db.session.add(share)
            share.can_edit = bool(form.can_edit.data)
            db.session.commit()
            flash(_("Banque partagée avec %(name)s.", name=other.username), "success")
    return redirect(url_for("teacher.bank", bank_id=bank.id))


# --- questions ---------------------------------------------------------------------
def running_quizzes(question: Question) -> list[Quiz]:
    """Quizzes with attempts in progress that include this question."""
    in_progress = db.select(Attempt.quiz_id).where(Attempt.state == "in_progress")
    return list(
        db.session.scalars(
            db.select(Quiz)
            .join(QuizQuestion, QuizQuestion.quiz_id == Quiz.id)
            .where(QuizQuestion.question_id == question.id, Quiz.id.in_(in_progress))
        )
    )


@bp.route("/banks/<int:bank_id>/questions/new", methods=["GET", "POST"])
@role_required("teacher")
def new_question(bank_id: int):
    """Write a question by hand, of any type; it is accepted at once."""
    bank, _access = bank_or_404(bank_id, "edit")
    form = QuestionForm()
    if request.method == "GET":
        form.type.data = request.args.get("type", "mcq")
    if form.validate_on_submit():
        data = form.to_data()
        if form.check_question(data):
            data.status = "accepted"
            add_question(bank, data, author=current_user).status = "accepted"
            db.session.commit()
            flash(_("Question ajoutée."), "success")
            return redirect(url_for("teacher.bank", bank_id=bank.id))
    status = 400 if request.method == "POST" else 200
    return render_template(
        "teacher/question_form.html", form=form, bank=bank, question=None, running=[]
    ), status


@bp.route("/questions/<int:question_id>/edit", methods=["GET", "POST"])
@role_required("teacher")
def edit_question_view(question_id: int):
    """Edit as a new version: attempts already taken keep the version they saw."""
    question, bank = question_or_404(question_id, "edit")
    current = question.current_version.question_data
    running = running_quizzes(question)
    form = QuestionForm()
    if request.method == "GET":
        form.fill_from(current)
    if form.validate_on_submit():
        data = form.to_data(base=current)
        if running and not form.confirm_running.data:
            form.confirm_running.errors.append(_("Cochez cette case pour confirmer."))
        elif form.check_question(data):
            data.status = question.status
            edit_question(question, data, author=current_user)
            # An edit is not a review: the question keeps its state unless the teacher
            # chose « Enregistrer et accepter ».
            if question.status == "candidate" and "accept" in request.form:
                question.status, question.reject_reason = "accepted", ""
            db.session.commit()
            number = question.current_version.number
            if question.status == "candidate":
                message = _("Question modifiée (version %(n)d) ; elle reste à relire.", n=number)
            elif question.status == "accepted":
                message = _("Question modifiée (version %(n)d) et acceptée.", n=number)
            else:
                message = _("Question modifiée (version %(n)d).", n=number)
            flash(message, "success")
            return redirect(url_for("teacher.bank", bank_id=bank.id) + f"#q{question.id}")
    status = 400 if request.method == "POST" else 200
    return render_template(
        "teacher/question_form.html", form=form, bank=bank, question=question, running=running
    ), status


# --- quizzes -------------------------------------------------------------------------
@bp.get("/quizzes")
@role_required("teacher")
def quizzes():
    query = (
        db.select(Quiz)
        .options(
            selectinload(Quiz.assignments).selectinload(QuizAssignment.school_class),
            selectinload(Quiz.slots),
        )
        .order_by(Quiz.created_at.desc())
    )
    if current_user.role != "admin":
        query = query.where(Quiz.owner_id == current_user.id)
    listed = db.session.scalars(query).all()
    now = utcnow()
    return render_template(
        "teacher/quizzes.html",
        quizzes=listed,
        states={quiz.id: _quiz_state(quiz, now) for quiz in listed},
    )


def _quiz_state(quiz: Quiz, now) -> str:
    """Where a quiz stands for its students: not assigned, not open yet, open, closed."""
    if not quiz.assignments:
        return _("Non attribué")
    if quiz.opens_at is not None and now < quiz.opens_at:
        return _("Pas encore ouvert")
    if quiz.closes_at is not None and now > quiz.closes_at:
        return _("Fermé")
    return _("Ouvert")


def _quiz_form(quiz: Quiz | None) -> QuizForm:
    form = QuizForm(obj=quiz) if quiz and request.method == "GET" else QuizForm()
    banks = db.session.scalars(
        workspace.visible_banks_query(current_user).order_by(Bank.name)
    ).all()
    form.bank_id.choices = select_choices((b.id, b.name) for b in banks)
    form.class_ids.choices = select_choices((c.id, c.name) for c in own_classes())
    if request.method == "GET":
        if quiz is not None:
            form.opens_at.data, form.closes_at.data = (
                to_local(quiz.opens_at),
                to_local(quiz.closes_at),
            )
            form.question_ids.data = [s.question_id for s in quiz.slots]
            form.class_ids.data = [a.class_id for a in quiz.assignments]
            form.draw_spec.data = "\n".join(
                f"{t}: {n}" for t, n in (quiz.draw_per_tag or {}).items()
            )
        elif request.args.get("bank", type=db_id):
            form.bank_id.data = request.args.get("bank", type=db_id)
    return form


def _accepted_questions(bank_id: int | None) -> list[Question]:
    if not bank_id:
        return []
    return list(
        db.session.scalars(
            db.select(Question)
            .where(Question.bank_id == bank_id, Question.status == "accepted")
            .options(selectinload(Question.current_version))
            .order_by(Question.id)
        )
    )


def _clashes(questions: list[Question]) -> dict[int, list[str]]:
    """For each question not rejected, the stems of the others it answers or that
    answer it, should both go into one quiz (see quizapp.giveaways)."""
    from quizapp.giveaways import giveaway_pairs

    kept = [(q.id, q.current_version.question_data) for q in questions if q.status != "rejected"]
    stems = {key: re.sub(r"\{\d+\}", "___", data.stem) for key, data in kept}  # a cloze's blanks
    found: dict[int, list[str]] = {}
    for asked, shown in giveaway_pairs(kept):
        for one, other in ((asked, shown), (shown, asked)):
            if stems[other] not in found.setdefault(one, []):
                found[one].append(stems[other])
    return found


def _giveaways(questions: list[Question]) -> dict[int, list[int]]:
    """For each listed question, the numbers (1-based, in the list) of the listed
    questions whose answer its stem states (see quizapp.giveaways)."""
    from quizapp.giveaways import giveaway_pairs

    number = {q.id: n for n, q in enumerate(questions, 1)}
    found: dict[int, list[int]] = {}
    for asked, shown in giveaway_pairs([(q.id, q.data) for q in questions]):
        found.setdefault(shown, []).append(number[asked])
    return found


def _save_quiz(form: QuizForm, quiz: Quiz | None) -> Quiz | None:
    bank, _access = bank_or_404(form.bank_id.data)
    listed = _accepted_questions(bank.id)
    accepted = {q.id for q in listed}
    ticked = form.question_ids.data or []
    chosen = [i for i in ticked if i in accepted]
    draw = form.draw_per_tag()
    if not chosen and not draw:
        in_bank = ticked and db.session.scalar(
            db.select(db.func.count(Question.id)).where(
                Question.id.in_(ticked), Question.bank_id == bank.id
            )
        )
        if ticked and not in_bank:
            # Ticked in the list of the bank chosen before: the page now lists this one's.
            form.question_ids.errors.append(
                _(
                    "Les questions cochées ne sont pas dans la banque « %(bank)s » : cochez "
                    "les siennes ci-dessous.",
                    bank=bank.name,
                )
            )
        else:
            form.question_ids.errors.append(
                _("Cochez au moins une question acceptée, ou décrivez un tirage.")
            )
        return None
    allowed = {c.id for c in own_classes()}
    if any(c not in allowed for c in form.class_ids.data or []):
        abort(403)
    if quiz is None:
        quiz = Quiz(owner_id=current_user.id)
        db.session.add(quiz)
    for name in (
        "title",
        "instructions",
        "time_limit_minutes",
        "grading_method",
        "shuffle_questions",
        "shuffle_options",
        "one_per_page",
        "show_correctness",
        "show_answers",
        "show_explanations",
        "show_article",
    ):
        setattr(quiz, name, getattr(form, name).data)
    quiz.bank_id = bank.id
    quiz.max_attempts = form.max_attempts.data if form.max_attempts.data is not None else 1
    quiz.pass_mark = form.pass_mark.data if form.pass_mark.data is not None else 50.0
    quiz.opens_at, quiz.closes_at = to_utc(form.opens_at.data), to_utc(form.closes_at.data)
    quiz.draw_per_tag = draw
    db.session.flush()
    existing = {s.question_id: s for s in quiz.slots}
    for question_id, slot in existing.items():
        if draw or question_id not in chosen:
            db.session.delete(slot)
    if not draw:
        for position, question_id in enumerate(chosen):
            slot = existing.get(question_id) or QuizQuestion(
                quiz_id=quiz.id, question_id=question_id
            )
            slot.position = position
            db.session.add(slot)
    wanted = set(form.class_ids.data or [])
    for assignment in list(quiz.assignments):
        if assignment.class_id not in wanted:
            db.session.delete(assignment)
    have = {a.class_id for a in quiz.assignments}
    for class_id in wanted - have:
        db.session.add(QuizAssignment(quiz_id=quiz.id, class_id=class_id))
    if not draw:
        by_id = {q.id: q for q in listed}
        _warn_of_giveaways([by_id[i] for i in chosen])
    return quiz


def _warn_of_giveaways(slots: list[Question]) -> None:
    """Saved, with a warning: a question of the quiz states another one's answer."""
    found = _giveaways(slots)
    if found:
        pairs = "; ".join(
            _("la question %(shown)d donne la réponse de la %(asked)d", shown=shown, asked=asked)
            for shown, asked in sorted(
                (n, asked) for n, q in enumerate(slots, 1) for asked in found.get(q.id, [])
            )
        )
        flash(
            _(
                "Dans ce quiz, %(pairs)s. Retirez une question de chaque paire, "
                "sauf si c'est voulu.",
                pairs=pairs,
            ),
            "warning",
        )


@bp.route("/quizzes/new", methods=["GET", "POST"])
@role_required("teacher")
def new_quiz():
    """Build a quiz from a bank's accepted questions and assign it to classes."""
    form = _quiz_form(None)
    if "show_bank" in request.form:
        return _quiz_page(form, None, form.bank_id.data, 200)
    if form.validate_on_submit():
        quiz = _save_quiz(form, None)
        if quiz is not None:
            db.session.commit()
            flash(_("Quiz enregistré."), "success")
            return redirect(url_for("teacher.quizzes"))
    return _quiz_page(form, None, form.bank_id.data, 400 if request.method == "POST" else 200)


def _quiz_page(form: QuizForm, quiz: Quiz | None, bank_id: int | None, status: int):
    """The quiz form with the chosen bank's accepted questions (what was typed is kept:
    "Afficher ses questions" posts the form back without saving it)."""
    choices = [choice.value for choice in form.bank_id.choices]
    if bank_id not in choices:
        # Only the banks this teacher may use are listed; with none chosen yet, the
        # one the select shows first.
        bank_id = form.bank_id.data = choices[0] if choices and bank_id is None else None
    questions = _accepted_questions(bank_id)
    return render_template(
        "teacher/quiz_form.html",
        form=form,
        quiz=quiz,
        questions=questions,
        giveaways=_giveaways(questions),
    ), status


@bp.route("/quizzes/<int:quiz_id>/edit", methods=["GET", "POST"])
@role_required("teacher")
def edit_quiz(quiz_id: int):
    quiz = quiz_or_404(quiz_id)
    form = _quiz_form(quiz)
    if "show_bank" in request.form:
        return _quiz_page(form, quiz, form.bank_id.data or quiz.bank_id, 200)
    if form.validate_on_submit():
        if _save_quiz(form, quiz) is not None:
            db.session.commit()
            flash(_("Quiz enregistré."), "success")
            return redirect(url_for("teacher.quizzes"))
    status = 400 if request.method == "POST" else 200
    return _quiz_page(form, quiz, form.bank_id.data or quiz.bank_id, status)


# --- bank files in and out -------------------------------------------------------------
@bp.get("/banks/<int:bank_id>/export/<fmt>")
@role_required("teacher")
def export_bank(bank_id: int, fmt: str):
    """Download the bank's accepted questions (all of them for the bank format)."""
    from flask import Response as HttpResponse

    from quizapp.services.transfer import export_bank as export

    bank, _access = bank_or_404(bank_id)
    try:
        result, filename, mimetype = export(bank, fmt)
    except ValueError:
        abort(404)
    response = HttpResponse(result.text, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.route("/banks/<int:bank_id>/import", methods=["GET", "POST"])
@role_required("teacher")
def import_into_bank(bank_id: int):
    """Upload a file, see what it holds and every error, then confirm: all or nothing."""
    from quizapp.forms.teacher import ImportForm
    from quizapp.services import transfer

    bank, _access = bank_or_404(bank_id, "edit")
    form = ImportForm()
    preview = None
    if form.validate_on_submit():
        try:
            if form.upload.data and form.upload.data.filename:
                token = transfer.stash_upload(form.upload.data)
            else:
                token = form.token.data or ""
            # Parsing a large file takes up to a second, the page of a preview longer:
            # without the write lock, and for good unless the import is confirmed.
            end_transaction(writes_follow=request.form.get("confirm") == "1")
            preview = transfer.preview(token, form.format.data or None)
        except transfer.TransferError as exc:
            form.upload.errors.append(str(exc))
            return render_template("teacher/import.html", form=form, bank=bank, preview=None), 400
        form.token.data = token
        if request.form.get("confirm") == "1":
            try:
                count = transfer.import_stashed(
                    token, bank, current_user, preview, form.skip_invalid.data
                )
            except transfer.TransferError as exc:
                flash(str(exc), "error")
            else:
                db.session.commit()
                flash(_("%(n)d questions importées.", n=count), "success")
                return redirect(url_for("teacher.bank", bank_id=bank.id))
    return render_template("teacher/import.html", form=form, bank=bank, preview=preview)


@bp.route("/quizzes/<int:quiz_id>/preview", methods=["GET", "POST"])
@role_required("teacher")
def preview_quiz(quiz_id: int):
    """The quiz as a student sees it, with the student's own page parts; answers are
    graded on the page and nothing is stored."""
    import random
    from types import SimpleNamespace

    from quizapp import grading
    from quizapp.services.attempts import build_layout, to_stored
    from quizapp.services.question_view import feedback_for, question_view
    from quizapp.views.student import raw_from_form

    quiz = quiz_or_404(quiz_id)
    seed = request.form.get("seed", type=int) or random.SystemRandom().getrandbits(31)
    layout = build_layout(quiz, seed)
    versions = {
        v.id: v.question_data
        for v in db.session.scalars(
            db.select(QuestionVersion).where(
                QuestionVersion.id.in_([s["version_id"] for s in layout])
            )
        )
    }
    graded = request.method == "POST" and ConfirmForm().validate_on_submit()
    items = []
    for slot, entry in enumerate(layout):
        data = versions[entry["version_id"]]
        stored, feedback = None, None
        if graded:
            try:
                raw = raw_from_form(data, slot, request.form)
                stored = to_stored(data, entry.get("order") or [], raw, entry.get("blank_orders"))
                result = grading.grade(data, stored)
            except grading.InvalidResponse:
                stored, result = None, grading.Grade(0.0, False, {})
            response = SimpleNamespace(
                answer=stored,
                fraction=result.fraction,
                mark=None if result.fraction is None else result.fraction * entry["mark"],
            )
            feedback = feedback_for(
                data, entry, response, show_outcome=True, show_answers=True, show_explanation=True
            )
        items.append({"view": question_view(data, entry, slot, stored), "feedback": feedback})
    return render_template(
        "teacher/preview.html",
        quiz=quiz,
        items=items,
        seed=seed,
        form=ConfirmForm(),
        article_link=reading.has_article(quiz),
    )
