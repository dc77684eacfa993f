"""The student's side, one blueprint (``student``) over a module per area: home and
quizzes, taking an attempt, practice; and, for teachers, how a class is doing with
its reviews.

Views stay thin: the rules live in :mod:`quizapp.services.attempts`,
:mod:`quizapp.services.quiz_status` and :mod:`quizapp.services.practice`, and pages
only ever get questions through :func:`quizapp.services.question_view.question_view`,
which carries nothing that tells a right answer from a wrong one.
"""

from __future__ import annotations

from quizapp.web.views.student import attempts, home, practice, stories
from quizapp.web.views.student.common import bp

__all__ = ["attempts", "bp", "home", "practice", "stories"]
