"""The teacher's articles: the list, a new one (pasted or uploaded) with its generated questions, and an article with the sentences its questions came from."""

from __future__ import annotations

import re

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup, escape

from quizapp.extensions import db
from quizapp.models import Article
from quizapp.services import workspace
from quizapp.web.forms.banks import ArticleForm
from quizapp.web.security import role_required
from quizapp.web.views.lifecycle import list_page
from quizapp.web.views.teacher.common import bp


@bp.get("/articles")
@role_required("teacher")
def articles():
    """The teacher's articles, newest first, active or archived, with a search by
    title or text."""
    page, state, q = list_page("article")
    return render_template("teacher/articles.html", page=page, q=q, state=state)


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
    by_span = workspace.questions_by_sentence(article)
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
