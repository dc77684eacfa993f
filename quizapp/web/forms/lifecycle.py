"""Forms of what a teacher owns: a new name, questions to move, a colleague to hand
everything to."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length, Optional

from quizapp.models.base import db_id
from quizapp.web.forms.base import AppForm, strip


class RenameForm(AppForm):
    name = StringField(
        _l("Nouveau nom"), filters=[strip], validators=[DataRequired(), Length(max=300)]
    )


class MoveQuestionsForm(AppForm):
    selected = SelectMultipleField(coerce=db_id, validate_choice=False)
    target_id = IntegerField(_l("Vers la banque"), validators=[Optional()])


class HandOverForm(AppForm):
    username = StringField(
        _l("Identifiant de l’enseignant qui reprend tout"),
        filters=[strip],
        validators=[DataRequired(), Length(max=64)],
    )
