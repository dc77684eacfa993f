"""Typed models, grouped by domain."""

from quizapp.models.accounts import Membership, SchoolClass, SetupToken, User
from quizapp.models.assessment import Attempt, Quiz, QuizAssignment, QuizQuestion, Response
from quizapp.models.audit import AuditEvent
from quizapp.models.content import Article, Bank, BankShare, Question, QuestionVersion
from quizapp.models.learning import ReviewCard, ReviewLog
from quizapp.models.reporting import Regrade
from quizapp.models.stories import QuestionFact, Story, StoryArticle, StoryChange

__all__ = [
    "Article",
    "AuditEvent",
    "Attempt",
    "Bank",
    "BankShare",
    "Membership",
    "Question",
    "QuestionFact",
    "QuestionVersion",
    "Quiz",
    "QuizAssignment",
    "QuizQuestion",
    "Regrade",
    "Response",
    "ReviewCard",
    "ReviewLog",
    "SchoolClass",
    "SetupToken",
    "Story",
    "StoryArticle",
    "StoryChange",
    "User",
]
