"""The form that writes or edits a question of any type, and reads it back as QuestionData."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from quizapp.domain.numbers import parse_number
from quizapp.domain.questiondata import Answer, Blank, QuestionData
from quizapp.formats import validate
from quizapp.web.forms.base import (
    AppForm,
    LocalFloatField,
    select_choices,
    strip,
)

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
    text = StringField(_l("Option"), filters=[strip], validators=[Optional(), Length(max=500)])
    fraction = LocalFloatField(
        _l("Valeur (%)"), default=0.0, validators=[Optional(), NumberRange(-100, 100)]
    )
    feedback = StringField(
        _l("Commentaire"), filters=[strip], validators=[Optional(), Length(max=500)]
    )


class QuestionForm(AppForm):
    type = SelectField(_l("Type"), choices=select_choices(QUESTION_TYPES))
    stem = TextAreaField(
        _l("Énoncé"),
        filters=[strip],
        validators=[DataRequired(), Length(max=5000)],
        render_kw={"rows": 3},
    )
    options = FieldList(FormField(OptionForm), min_entries=6, max_entries=12)
    tf_answer = RadioField(
        _l("Bonne réponse"),
        choices=select_choices([("true", _l("Vrai")), ("false", _l("Faux"))]),
        validators=[Optional()],
    )
    numeric_value = StringField(_l("Valeur attendue"), filters=[strip], validators=[Optional()])
    numeric_tolerance = StringField(_l("Tolérance (±)"), filters=[strip], validators=[Optional()])
    numeric_unit = StringField(
        _l("Unité"), filters=[strip], validators=[Optional(), Length(max=40)]
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
        filters=[strip],
        validators=[Optional(), Length(max=5000)],
        render_kw={"rows": 3},
    )
    tags = StringField(
        _l("Étiquettes"),
        filters=[strip],
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

    #: What an edit keeps from the version it starts from: the form does not show them.
    KEPT = (
        "kind",
        "source",
        "confidence",
        "title",
        "category",
        "text_format",
        "default_mark",
        "penalty",
        "extra",
    )

    def to_data(self, base: QuestionData | None = None) -> QuestionData:
        """The question the form describes; fields it doesn't show are kept from ``base``."""
        data = QuestionData(type=self.type.data, stem=self.stem.data or "")
        if base is not None:
            for name in self.KEPT:
                setattr(data, name, getattr(base, name))
        data.explanation = self.explanation.data or ""
        data.tags = [t.strip() for t in (self.tags.data or "").split(",") if t.strip()]
        reader = self._READERS.get(data.type)
        if reader is not None:
            reader(self, data)
        return data

    def _read_choices(self, data: QuestionData) -> None:
        data.answers = [
            Answer(
                e.form.text.data, (e.form.fraction.data or 0.0) / 100.0, e.form.feedback.data or ""
            )
            for e in self.options
            if e.form.text.data
        ]

    def _read_truefalse(self, data: QuestionData) -> None:
        right = self.tf_answer.data or "true"
        data.answers = [
            Answer("true", 1.0 if right == "true" else 0.0),
            Answer("false", 1.0 if right == "false" else 0.0),
        ]

    def _read_numeric(self, data: QuestionData) -> None:
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

    def _read_short(self, data: QuestionData) -> None:
        lines = (self.short_answers.data or "").splitlines()
        data.answers = [_short_line(line) for line in lines if line.strip()]
        data.options = {
            name: True
            for name in ("case_sensitive", "accents_matter", "typos")
            if getattr(self, name).data
        }

    def _read_matching(self, data: QuestionData) -> None:
        data.pairs = [
            tuple(part.strip() for part in line.split("->", 1))
            for line in (self.pairs.data or "").splitlines()
            if "->" in line
        ]

    def _read_cloze(self, data: QuestionData) -> None:
        lines = (self.blanks.data or "").splitlines()
        data.blanks = [_parse_blank(line) for line in lines if line.strip()]

    #: Each type's own fields, read into the question.
    _READERS = {
        "mcq": _read_choices,
        "multi": _read_choices,
        "truefalse": _read_truefalse,
        "numeric": _read_numeric,
        "short": _read_short,
        "matching": _read_matching,
        "cloze": _read_cloze,
    }

    def validate_numeric_value(self, field):
        if self.type.data == "numeric":
            if not field.data or parse_number(field.data) is None:
                raise ValidationError(_l("Indiquez un nombre (par exemple 10 000 ou 3,5)."))

    def validate_numeric_tolerance(self, field):
        if self.type.data == "numeric" and field.data and parse_number(field.data) is None:
            raise ValidationError(_l("La tolérance doit être un nombre."))

    def check_question(self, data: QuestionData) -> bool:
        """Type rules (formats.validate), each problem shown next to its field."""
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
