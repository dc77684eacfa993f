"""Forms of the teacher's articles and banks: a new article, a bank, sharing, the
review queue, importing a file. Questions and quizzes have their own modules."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import URL, DataRequired, Length, NumberRange, Optional

from quizapp.models.base import db_id
from quizapp.web.forms.base import (
    AppForm,
    LocalFloatField,
    select_choices,
    strip,
)


class ArticleForm(AppForm):
    title = StringField(
        _l("Titre"),
        filters=[strip],
        validators=[Optional(), Length(max=300)],
        description=_l("Laissez vide pour reprendre le titre de l’article."),
    )
    source = StringField(
        _l("Source (adresse ou journal)"),
        filters=[strip],
        validators=[Optional(), Length(max=500)],
    )
    published_on = DateField(_l("Date de publication"), validators=[Optional()])
    text = TextAreaField(
        _l("Texte de l’article"),
        validators=[Optional(), Length(max=200_000)],
        render_kw={"rows": 12},
    )
    upload = FileField(_l("… ou un fichier .txt, .md, .html, .pdf ou .docx"))

    def validate_source(self, field):
        if field.data and "://" in field.data:
            URL(message=_l("Adresse invalide."))(self, field)


class BankForm(AppForm):
    name = StringField(
        _l("Nom de la banque"), filters=[strip], validators=[DataRequired(), Length(max=200)]
    )
    tags = StringField(
        _l("Étiquettes"),
        filters=[strip],
        validators=[Optional(), Length(max=500)],
        description=_l("Séparées par des virgules."),
    )


class ShareForm(AppForm):
    username = StringField(
        _l("Identifiant de l’enseignant"),
        filters=[strip],
        validators=[DataRequired(), Length(max=64)],
    )
    can_edit = BooleanField(_l("Peut modifier"))


class RejectForm(AppForm):
    reason = StringField(
        _l("Motif du rejet (facultatif)"),
        filters=[strip],
        validators=[Optional(), Length(max=500)],
    )


class BulkReviewForm(AppForm):
    action = SelectField(
        choices=select_choices(
            [
                ("accept", _l("Accepter")),
                ("reject", _l("Rejeter")),
                ("accept_above", _l("Accepter au-dessus du seuil")),
            ]
        )
    )
    threshold = LocalFloatField(
        _l("Seuil de confiance"), default=0.8, validators=[Optional(), NumberRange(0, 1)]
    )
    selected = SelectMultipleField(coerce=db_id, validate_choice=False)


class ImportForm(AppForm):
    upload = FileField(_l("Fichier (GIFT, Moodle XML, Aiken, CSV ou banque quizapp)"))
    format = SelectField(
        _l("Format"),
        choices=select_choices(
            [
                ("", _l("Reconnaître automatiquement")),
                ("gift", "GIFT"),
                ("moodle_xml", "Moodle XML"),
                ("aiken", "Aiken"),
                ("csv", "CSV"),
                ("bank", _l("Banque quizapp (YAML)")),
            ]
        ),
        default="",
    )
    skip_invalid = BooleanField(_l("Importer les questions valides et ignorer les autres"))
    token = HiddenField()
