"""The teacher's workspace, one blueprint (``teacher``) over a module per area:
articles, banks and their review queue, questions, quizzes, bank files in and out."""

from __future__ import annotations

from quizapp.web.views.teacher import (
    articles,
    banks,
    marking,
    questions,
    quizzes,
    stories,
    transfer,
)
from quizapp.web.views.teacher.common import bp

__all__ = ["articles", "banks", "bp", "marking", "questions", "quizzes", "stories", "transfer"]
