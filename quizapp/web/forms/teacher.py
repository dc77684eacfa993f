"""Forms of the teacher's workspace: articles, banks, questions by type, quizzes."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import URL, DataRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from quizapp.domain.numbers import parse_number
from quizapp.domain.questiondata import Answer, Blank, QuestionData
from quizapp.models.base import db_id
from quizapp.web.forms.base import AppForm, LocalFloatField, select_choices


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


# --- articles and banks -------------------------------------------------------
class ArticleForm(AppForm):
    title = StringField(
        _l("Titre"),
        filters=[_strip],
        validators=[Optional(), Length(max=300)],
        description=_l("Laissez vide pour reprendre le titre de l’article."),
    )
    source = StringField(
        _l("Source (adresse ou journal)"),
        filters=[_strip],
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
        _l("Nom de la banque"), filters=[_strip], validators=[DataRequired(), Length(max=200)]
    )
    tags = StringField(
        _l("Étiquettes"),
        filters=[_strip],
        validators=[Optional(), Length(max=500)],
        description=_l("Séparées par des virgules."),
    )


class ShareForm(AppForm):
    username = StringField(
        _l("Identifiant de l’enseignant"),
        filters=[_strip],
        validators=[DataRequired(), Length(max=64)],
    )
    can_edit = BooleanField(_l("Peut modifier"))


class RejectForm(AppForm):
    reason = StringField(
        _l("Motif du rejet (facultatif)"),
        filters=[_strip],
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


# --- questions ------------------------------------------------------------------
QUESTION_TYPES = [
    ("mcq", _l("Choix unique")),
    ("multi", _l("Choix multiple")),
    ("truefalse", _l("Vrai ou faux")),
    ("short", _l("Réponse courte")),
    ("numeric", _l("Numérique")),
    ("matching", _l("Appariement")),
    ("cloze", _l("Texte à trous")),
]


class OptionForm(Form):
    text = StringField(_l("Option"), filters=[_strip], validators=[Optional(), Length(max=500)])
    fraction = LocalFloatField(
        _l("Valeur (%)"), default=0.0, validators=[Optional(), NumberRange(-100, 100)]
    )
    feedback = StringField(
        _l("Commentaire"), filters=[_strip], validators=[Optional(), Length(max=500)]
    )


class QuestionForm(AppForm):
    type = SelectField(_l("Type"), choices=select_choices(QUESTION_TYPES))
    stem = TextAreaField(
        _l("Énoncé"),
        filters=[_strip],
        validators=[DataRequired(), Length(max=5000)],
        render_kw={"rows": 3},
    )
    options = FieldList(FormField(OptionForm), min_entries=6, max_entries=12)
    tf_answer = RadioField(
        _l("Bonne réponse"),
        choices=select_choices([("true", _l("Vrai")), ("false", _l("Faux"))]),
        validators=[Optional()],
    )
    numeric_value = StringField(_l("Valeur attendue"), filters=[_strip], validators=[Optional()])
    numeric_tolerance = StringField(_l("Tolérance (±)"), filters=[_strip], validators=[Optional()])
    numeric_unit = StringField(
        _l("Unité"), filters=[_strip], validators=[Optional(), Length(max=40)]
    )
    short_answers = TextAreaField(
        _l("Réponses acceptées"),
        validators=[Optional(), Length(max=5000)],
        render_kw={"rows": 3},
        description=_l("Une par ligne ; « réponse | 50 » pour une réponse valant 50 %."),
    )
    case_sensitive = BooleanField(_l("Respecter la casse"))
    accents_matter = BooleanField(_l("Les accents comptent"))
    typos = BooleanField(_l("Accepter les petites fautes de frappe"))
    pairs = TextAreaField(
        _l("Paires"),
        validators=[Optional(), Length(max=5000)],
        render_kw={"rows": 4},
        description=_l("Une par ligne : « élément -> correspondance »."),
    )
    blanks = TextAreaField(
        _l("Trous"),
        validators=[Optional(), Length(max=5000)],
        render_kw={"rows": 3},
        description=_l(
            "Écrivez {1}, {2}… dans l’énoncé, puis une ligne par trou : "
            "« Moscou | Moskva » (réponse courte), « #8000:500 » (nombre ± tolérance) "
            "ou « =Koursk ~Kiev ~Moscou » (choix)."
        ),
    )
    explanation = TextAreaField(
        _l("Explication"),
        filters=[_strip],
        validators=[Optional(), Length(max=5000)],
        render_kw={"rows": 3},
    )
    tags = StringField(
        _l("Étiquettes"),
        filters=[_strip],
        validators=[Optional(), Length(max=500)],
        description=_l("Séparées par des virgules."),
    )
    confirm_running = BooleanField(
        _l(
            "J’ai compris : les tentatives en cours gardent l’ancienne "
            "version, les nouvelles tentatives auront celle-ci."
        )
    )

    # --- QuestionData <-> form -------------------------------------------------
    def fill_from(self, data: QuestionData) -> None:
        self.type.data = data.type
        self.stem.data = data.stem
        self.explanation.data = data.explanation
        self.tags.data = ", ".join(data.tags)
        if data.type in ("mcq", "multi"):
            while len(self.options) < len(data.answers):
                self.options.append_entry()
            for entry, answer in zip(self.options, data.answers, strict=False):
                entry.form.text.data = answer.text
                entry.form.fraction.data = round(answer.fraction * 100, 4)
                entry.form.feedback.data = answer.feedback
        elif data.type == "truefalse":
            right = next((a.text for a in data.answers if a.fraction >= 1), "true")
            self.tf_answer.data = right
        elif data.type == "numeric" and data.answers:
            self.numeric_value.data = data.answers[0].text
            self.numeric_tolerance.data = _num(data.answers[0].tolerance)
            self.numeric_unit.data = data.options.get("unit", "")
        elif data.type == "short":
            self.short_answers.data = "\n".join(
                a.text if a.fraction >= 1 else f"{a.text} | {_num(a.fraction * 100)}"
                for a in data.answers
            )
            for name in ("case_sensitive", "accents_matter", "typos"):
                getattr(self, name).data = bool(data.options.get(name))
        elif data.type == "matching":
            self.pairs.data = "\n".join(f"{p} -> {m}" for p, m in data.pairs)
        elif data.type == "cloze":
            self.blanks.data = "\n".join(_blank_line(b) for b in data.blanks)

    def to_data(self, base: QuestionData | None = None) -> QuestionData:
        """The question the form describes; fields it doesn't show are kept from ``base``."""
        data = QuestionData(type=self.type.data, stem=self.stem.data or "")
        if base is not None:
            for name in (
                "kind",
                "source",
                "confidence",
                "title",
                "category",
                "text_format",
                "default_mark",
                "penalty",
                "extra",
            ):
                setattr(data, name, getattr(base, name))
        data.explanation = self.explanation.data or ""
        data.tags = [t.strip() for t in (self.tags.data or "").split(",") if t.strip()]
        kind = data.type
        if kind in ("mcq", "multi"):
            data.answers = [
                Answer(
                    e.form.text.data,
                    (e.form.fraction.data or 0.0) / 100.0,
                    e.form.feedback.data or "",
                )
                for e in self.options
                if e.form.text.data
            ]
        elif kind == "truefalse":
            right = self.tf_answer.data or "true"
            data.answers = [
                Answer("true", 1.0 if right == "true" else 0.0),
                Answer("false", 1.0 if right == "false" else 0.0),
            ]
        elif kind == "numeric":
            value = parse_number(self.numeric_value.data or "")
            # Stored in plain notation ("10000"), whatever French form was typed ("10 000").
            data.answers = [
                Answer(
                    _num(value) if value is not None else self.numeric_value.data or "",
                    1.0,
                    tolerance=parse_number(self.numeric_tolerance.data or "0") or 0.0,
                )
            ]
            if self.numeric_unit.data:
                data.options["unit"] = self.numeric_unit.data
        elif kind == "short":
            data.answers = [
                _short_line(line)
                for line in (self.short_answers.data or "").splitlines()
                if line.strip()
            ]
            data.options = {
                name: True
                for name in ("case_sensitive", "accents_matter", "typos")
                if getattr(self, name).data
            }
        elif kind == "matching":
            data.pairs = [
                tuple(part.strip() for part in line.split("->", 1))
                for line in (self.pairs.data or "").splitlines()
                if "->" in line
            ]
        elif kind == "cloze":
            data.blanks = [
                _parse_blank(line) for line in (self.blanks.data or "").splitlines() if line.strip()
            ]
        return data

    def validate_numeric_value(self, field):
        if self.type.data == "numeric":
            if not field.data or parse_number(field.data) is None:
                raise ValidationError(_l("Indiquez un nombre (par exemple 10 000 ou 3,5)."))

    def validate_numeric_tolerance(self, field):
        if self.type.data == "numeric" and field.data and parse_number(field.data) is None:
            raise ValidationError(_l("La tolérance doit être un nombre."))

    def check_question(self, data: QuestionData) -> bool:
        """Type rules (formats.validate), each problem shown next to its field."""
        from quizapp.formats import validate

        problems = validate(data)
        target = {
            "mcq": self.options,
            "multi": self.options,
            "truefalse": self.tf_answer,
            "numeric": self.numeric_value,
            "short": self.short_answers,
            "matching": self.pairs,
            "cloze": self.blanks,
        }.get(data.type, self.stem)
        for problem in problems:
            (self.stem if "texte de la question" in problem else target).errors.append(problem)
        return not problems


def _num(x: float) -> str:
    return f"{x:.12g}"


def _short_line(line: str) -> Answer:
    text, _, value = line.partition("|")
    fraction = 1.0
    if value.strip():
        parsed = parse_number(value.strip().rstrip("%"))
        fraction = (parsed or 0.0) / 100.0
    return Answer(text.strip(), fraction)


def _parse_blank(line: str) -> Blank:
    line = line.strip()
    if line.startswith("#"):
        value, _, tol = line[1:].partition(":")
        return Blank(
            "numeric",
            [Answer(value.strip(), 1.0, tolerance=parse_number(tol) or 0.0 if tol else 0.0)],
        )
    if line.startswith(("=", "~")):
        answers = []
        for part in line.replace("~", "\n~").replace("=", "\n=").split("\n"):
            part = part.strip()
            if part:
                answers.append(Answer(part[1:].strip(), 1.0 if part[0] == "=" else 0.0))
        return Blank("mcq", answers)
    return Blank("short", [Answer(p.strip(), 1.0) for p in line.split("|") if p.strip()])


def _blank_line(blank: Blank) -> str:
    if blank.type == "numeric" and blank.answers:
        a = blank.answers[0]
        return f"#{a.text}" + (f":{_num(a.tolerance)}" if a.tolerance else "")
    if blank.type == "mcq":
        return " ".join(("=" if a.fraction >= 1 else "~") + a.text for a in blank.answers)
    return " | ".join(a.text for a in blank.answers)


# --- quizzes --------------------------------------------------------------------
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
    title = StringField(_l("Titre"), filters=[_strip], validators=[DataRequired(), Length(max=200)])
    instructions = TextAreaField(
        _l("Consignes"), validators=[Optional(), Length(max=5000)], render_kw={"rows": 3}
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
