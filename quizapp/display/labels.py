"""The words a person reads for the identifiers a question carries.

Questions store their type (``mcq``, ``truefalse``…), the generator's kind
(``meeting``, ``quote``…, ``''`` when written by hand) and a review status
(``candidate``, ``accepted``, ``rejected``) as identifiers: form values, URLs,
exports and the database keep them as they are. Pages show the labels below
instead, through the template filters that ``register`` installs, so each
identifier is named once, in French, and translated in the catalogue.
"""

from __future__ import annotations

import re

from flask import Flask
from flask_babel import lazy_gettext as _l

# The type names match the question form's choices (quizapp.web.forms.questions).
TYPE_LABELS = {
    "mcq": _l("Choix unique"),
    "multi": _l("Choix multiple"),
    "truefalse": _l("Vrai ou faux"),
    "short": _l("Réponse courte"),
    "numeric": _l("Numérique"),
    "matching": _l("Appariement"),
    "cloze": _l("Texte à trous"),
    "essay": _l("Rédaction"),
    "description": _l("Texte seul"),
}

#: The generator's kinds of question (quizapp.generation.kinds_*).
KIND_LABELS = {
    "": _l("Écrite à la main"),
    "meeting": _l("Rencontre"),
    "quote": _l("Citation"),
    "figure": _l("Chiffre"),
    "date": _l("Date"),
    "role": _l("Fonction"),
    "position": _l("Prise de position"),
    "place": _l("Lieu"),
    "event": _l("Événement"),
    "definition": _l("Définition"),
    "truefalse": _l("Vrai ou faux"),
    "cloze": _l("Texte à trous"),
    # a story's timeline questions (quizapp.generation.story_questions)
    "story_order": _l("Chronologie : ordre"),
    "story_change": _l("Chronologie : ce qui a changé"),
    "story_role": _l("Chronologie : fonction à une date"),
}

STATUS_LABELS = {
    "candidate": _l("À relire"),
    "accepted": _l("Acceptée"),
    "rejected": _l("Rejetée"),
}


#: What the audit log records (quizapp.services.audit.ACTIONS).
AUDIT_LABELS = {
    "archive": _l("Archivage"),
    "restore": _l("Restauration"),
    "delete": _l("Suppression"),
    "transfer": _l("Transfert à un collègue"),
    "password_reset": _l("Mot de passe provisoire"),
    "account_delete": _l("Compte supprimé"),
    "learner_export": _l("Export des données d’un élève"),
    "learner_erase": _l("Effacement d’un élève"),
    "purge": _l("Purge (durée de conservation)"),
    "mark": _l("Correction à la main"),
    "accept_answer": _l("Réponse acceptée pour tous"),
    "regrade": _l("Recorrection"),
    "story_add_article": _l("Article ajouté à une histoire"),
    "story_timeline_questions": _l("Questions de chronologie d'une histoire"),
    "story_retire": _l("Question retirée (information plus récente)"),
    "story_new_version": _l("Nouvelle version (information plus récente)"),
}


def audit_label(value: str | None) -> str:
    """``learner_erase`` -> « Effacement d’un élève »; an unknown action as it is."""
    return str(AUDIT_LABELS.get(value or "", value or ""))


def type_label(value: str | None) -> str:
    """``truefalse`` -> « Vrai ou faux »; an unknown type is shown as it is."""
    return str(TYPE_LABELS.get(value or "", value or ""))


def kind_label(value: str | None) -> str:
    """``meeting`` -> « Rencontre »; ``''`` (written by hand) has a label too."""
    value = value or ""
    return str(KIND_LABELS.get(value, value))


def status_label(value: str | None) -> str:
    return str(STATUS_LABELS.get(value or "", value or ""))


def topic_label(topic: str) -> str:
    """A mastery topic is a tag, or for an untagged question its kind or type:
    name the kinds and types, keep the teacher's tags as they wrote them."""
    if topic and topic in KIND_LABELS:
        return kind_label(topic)
    if topic in TYPE_LABELS:
        return type_label(topic)
    return topic


def tag_labels(question) -> list[str]:
    """A question's tags as a teacher reads them: the generator's kind tags in words,
    leaving out those that only repeat the type and kind badges beside them."""
    shown = []
    for tag in question.tags or []:
        if tag in (question.type, question.kind) or tag in TYPE_LABELS:
            continue
        label = topic_label(tag)
        if label not in shown:
            shown.append(label)
    return shown


def blanks(stem: str) -> str:
    """A cloze stem as a reader sees it: « {1} » becomes « ___ »."""
    return re.sub(r"\{\d+\}", "___", stem or "")


#: What reports, exports and rosters show for a learner whose data was erased.
ERASED_LEARNER = _l("élève supprimé")


def person_name(username: str, display_name: str | None, erased_at=None) -> str:
    """The name shown for an account: « élève supprimé » once erased, else the name
    the person chose, else their username."""
    if erased_at is not None:
        return str(ERASED_LEARNER)
    return display_name or username


def register(app: Flask) -> None:
    """Install the labels as Jinja filters (``{{ q.type|type_label }}``)."""
    for function in (
        type_label,
        kind_label,
        status_label,
        audit_label,
        topic_label,
        tag_labels,
        blanks,
    ):
        app.add_template_filter(function)
