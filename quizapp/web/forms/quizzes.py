"""The form that builds a quiz: its bank, questions or draw per tag, classes, dates and review settings."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from quizapp.models.base import db_id
from quizapp.web.forms.base import (
    AppForm,
    LocalFloatField,
    MultiCheckboxField,
    select_choices,
    strip,
)

REVIEW_CHOICES = [
    ("immediately", _l("Juste après chaque réponse")),
    ("after_submit", _l("Après la remise")),
    ("after_close", _l("Après la fermeture du quiz")),
    ("never", _l("Jamais")),
]


# The identifiers are quizapp.models.assessment.ARTICLE_TIMES.
ARTICLE_CHOICES = [
    ("always", _l("Toujours, même pendant la tentative")),
    ("after_submit", _l("Après la remise")),
    ("never", _l("Jamais")),
]


class QuizForm(AppForm):
    title = StringField(_l("Titre"), filters=[strip], validators=[DataRequired(), Length(max=200)])
    instructions = TextAreaField(
        _l("Consignes"),
        filters=[lambda text: text or ""],  # left out of a post: none, not a missing value
        validators=[Optional(), Length(max=5000)],
        render_kw={"rows": 3},
    )
    bank_id = SelectField(_l("Banque"), coerce=db_id)
    question_ids = MultiCheckboxField(_l("Questions"), coerce=db_id, validate_choice=False)
    draw_spec = TextAreaField(
        _l("Ou tirage au sort par étiquette"),
        validators=[Optional(), Length(max=2000)],
        render_kw={"rows": 2},
        description=_l(
            "Une ligne par étiquette : « chiffres: 3 ». Chaque élève reçoit son propre "
            "tirage parmi les questions acceptées. Laissez vide pour utiliser les "
            "questions cochées."
        ),
    )
    opens_at = DateTimeLocalField(_l("Ouverture"), validators=[Optional()])
    closes_at = DateTimeLocalField(_l("Fermeture"), validators=[Optional()])
    time_limit_minutes = IntegerField(
        _l("Durée limite (minutes)"), validators=[Optional(), NumberRange(1, 600)]
    )
    max_attempts = IntegerField(
        _l("Tentatives permises (0 : illimité)"),
        default=1,
        validators=[Optional(), NumberRange(0, 100)],
    )
    grading_method = SelectField(
        _l("Tentative qui compte"),
        choices=select_choices(
            [
                ("highest", _l("La meilleure")),
                ("last", _l("La dernière")),
                ("average", _l("La moyenne")),
                ("first", _l("La première")),
            ]
        ),
    )
    shuffle_questions = BooleanField(_l("Mélanger les questions"))
    shuffle_options = BooleanField(_l("Mélanger les options"), default=True)
    one_per_page = BooleanField(_l("Une question par page"), default=True)
    show_correctness = SelectField(
        _l("L’élève voit s’il a juste"),
        choices=select_choices(REVIEW_CHOICES),
        default="after_submit",
    )
    show_answers = SelectField(
        _l("L’élève voit les bonnes réponses"),
        choices=select_choices(REVIEW_CHOICES),
        default="after_submit",
    )
    show_explanations = SelectField(
        _l("L’élève voit les explications"),
        choices=select_choices(REVIEW_CHOICES),
        default="after_submit",
    )
    show_article = SelectField(
        _l("L’élève peut lire l’article"),
        choices=select_choices(ARTICLE_CHOICES),
        default="always",
        description=_l("L’article dont la banque est tirée, s’il y en a un."),
    )
    pass_mark = LocalFloatField(
        _l("Seuil de réussite (%)"), default=50.0, validators=[Optional(), NumberRange(0, 100)]
    )
    class_ids = MultiCheckboxField(_l("Classes"), coerce=db_id, validate_choice=False)

    def draw_per_tag(self) -> dict[str, int] | None:
        spec = {}
        for line in (self.draw_spec.data or "").splitlines():
            if not line.strip():
                continue
            tag, _, count = line.rpartition(":")
            spec[tag.strip()] = int(count)
        return spec or None

    def validate_draw_spec(self, field):
        for number, line in enumerate((field.data or "").splitlines(), 1):
            if not line.strip():
                continue
            tag, sep, count = line.rpartition(":")
            if not sep or not tag.strip() or not count.strip().isdigit() or int(count) < 1:
                raise ValidationError(_l("Ligne %(n)d : écrivez « étiquette: nombre ».", n=number))

    def validate_closes_at(self, field):
        if field.data and self.opens_at.data and field.data <= self.opens_at.data:
            raise ValidationError(_l("La fermeture doit venir après l’ouverture."))
