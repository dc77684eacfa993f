"""Forms for accounts, classes and the language choice."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, HiddenField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Optional, ValidationError

from quizapp.display.i18n import translated
from quizapp.domain.accounts import USERNAME_RE, password_problem
from quizapp.extensions import db
from quizapp.models import User
from quizapp.web.forms.base import AppForm, select_choices


class StrongPassword:
    def __call__(self, form, field):
        username = getattr(form, "username", None)
        problem = password_problem(field.data or "", username.data if username else "")
        if problem:
            raise ValidationError(translated(problem))


def normalise_username(value: str | None) -> str | None:
    return value.strip().lower() if value else value


def normalise_email(value: str | None) -> str | None:
    return value.strip().lower() or None if value else None


class AccountFields(AppForm):
    """Username, e-mail and password, with the uniqueness checks every sign-up needs."""

    username = StringField(
        _l("Identifiant"),
        filters=[normalise_username],
        validators=[DataRequired(), Length(min=3, max=64)],
        description=_l("3 à 64 caractères : lettres, chiffres, point, tiret."),
    )
    display_name = StringField(_l("Nom affiché"), validators=[Optional(), Length(max=120)])
    email = EmailField(
        _l("Adresse e-mail"), filters=[normalise_email], validators=[Optional(), Length(max=254)]
    )
    password = PasswordField(_l("Mot de passe"), validators=[DataRequired(), StrongPassword()])
    confirm = PasswordField(
        _l("Confirmer le mot de passe"),
        validators=[DataRequired(), EqualTo("password", _l("Les mots de passe diffèrent."))],
    )

    def validate_username(self, field):
        if not USERNAME_RE.match(field.data or ""):
            raise ValidationError(
                _l("Lettres minuscules, chiffres, « . », « _ » ou « - » seulement.")
            )
        if db.session.scalar(db.select(User.id).where(User.username == field.data)):
            raise ValidationError(_l("Cet identifiant est déjà pris."))

    def validate_email(self, field):
        if field.data and "@" not in field.data:
            raise ValidationError(_l("Adresse e-mail invalide."))
        if field.data and db.session.scalar(db.select(User.id).where(User.email == field.data)):
            raise ValidationError(_l("Cette adresse e-mail est déjà utilisée."))


class RegisterForm(AccountFields):
    join_code = StringField(
        _l("Code de la classe"),
        filters=[lambda v: v.strip().upper().replace(" ", "") if v else v],
        validators=[DataRequired(), Length(max=16)],
        description=_l("Le code donné par votre enseignant."),
    )

    def refuse_join_code(self, message: str) -> None:
        """Check only the CSRF token and the code's own rules, then refuse the code."""
        csrf = getattr(self, "csrf_token", None)  # absent where CSRF is switched off
        if csrf is not None:
            csrf.validate(self)
        self.join_code.validate(self)
        self.join_code.errors = [*self.join_code.errors, message]


class SetupAdminForm(AccountFields):
    pass


class CreateUserForm(AccountFields):
    role = SelectField(
        _l("Rôle"),
        choices=select_choices(
            [
                ("teacher", _l("Enseignant")),
                ("admin", _l("Administrateur")),
                ("student", _l("Élève")),
            ]
        ),
        default="teacher",
    )


class LoginForm(AppForm):
    username = StringField(
        _l("Identifiant"),
        filters=[normalise_username],
        validators=[DataRequired(), Length(max=254)],
    )
    password = PasswordField(_l("Mot de passe"), validators=[DataRequired(), Length(max=1024)])
    next = HiddenField()


class ChangePasswordForm(AppForm):
    current = PasswordField(_l("Mot de passe actuel"), validators=[DataRequired()])
    password = PasswordField(
        _l("Nouveau mot de passe"), validators=[DataRequired(), StrongPassword()]
    )
    confirm = PasswordField(
        _l("Confirmer le nouveau mot de passe"),
        validators=[DataRequired(), EqualTo("password", _l("Les mots de passe diffèrent."))],
    )


class LanguageForm(AppForm):
    lang = SelectField(
        _l("Langue"), choices=select_choices([("fr", "Français"), ("en", "English")])
    )
    next = HiddenField()


class ClassForm(AppForm):
    name = StringField(
        _l("Nom de la classe"),
        filters=[lambda v: v.strip() if v else v],
        validators=[DataRequired(), Length(max=120)],
    )


class JoinClassForm(AppForm):
    join_code = RegisterForm.join_code


class ConfirmForm(AppForm):
    """An empty form: a button that posts with a CSRF token."""


class DisplayNameForm(AppForm):
    display_name = StringField(
        _l("Nom affiché"),
        filters=[lambda v: v.strip() if v else v],
        validators=[Optional(), Length(max=120)],
        description=_l("Le nom que vos enseignants et vos camarades voient."),
    )
