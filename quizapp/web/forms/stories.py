"""Forms of the teacher's stories: a new story, an article to add."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length

from quizapp.web.forms.base import AppForm, strip


class StoryForm(AppForm):
    title = StringField(
        _l("Titre de l’histoire"),
        filters=[strip],
        validators=[DataRequired(), Length(max=200)],
        description=_l("Par exemple « Guerre en Ukraine »."),
    )


class StoryArticleForm(AppForm):
    article_id = SelectField(_l("Article à ajouter"), coerce=int, validate_choice=True)
