"""The forms of the marking page: one answer's mark and comment, a short answer to accept."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, StringField, TextAreaField

from quizapp.web.forms.base import AppForm, strip


class MarkForm(AppForm):
    """The mark is checked by the marking service (bounds depend on the question)."""

    mark = StringField(_l("Note"), filters=[strip])
    comment = TextAreaField(_l("Commentaire pour l’élève"), filters=[strip])


class AcceptAnswerForm(AppForm):
    answer = HiddenField(filters=[strip])
