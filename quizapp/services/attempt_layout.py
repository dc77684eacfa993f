"""The questions of an attempt: which are drawn, in what order their options are shown,
the versions' content, and what a page's answer (positions as shown) is as stored."""

from __future__ import annotations

import random
from typing import Any

from flask import current_app

from quizapp.domain import grading
from quizapp.domain.giveaways import gives_away
from quizapp.domain.messages import N_
from quizapp.domain.questiondata import QuestionData
from quizapp.extensions import db
from quizapp.models import Attempt, Question, QuestionVersion, Quiz, QuizQuestion

MAX_ANSWER_CHARS = grading.MAX_TEXT_LENGTH


# --- starting ---------------------------------------------------------------
def _draw_questions(quiz: Quiz, rng: random.Random) -> list[tuple[int, int, float]]:
    """The quiz's fixed questions, or N accepted questions drawn per tag, as
    (question id, current version id, mark)."""
    if quiz.draw_per_tag:
        chosen: list[tuple[int, int, float]] = []
        pool = db.session.execute(
            db.select(Question.id, Question.current_version_id, Question.tags)
            .where(Question.bank_id == quiz.bank_id, Question.status == "accepted")
            .order_by(Question.id)
        ).all()
        versions = version_data({q.current_version_id for q in pool})
        drawn: list[QuestionData] = []

        def clashes(data: QuestionData) -> bool:
            return any(gives_away(data, other) or gives_away(other, data) for other in drawn)

        taken: set[int] = set()
        for tag, count in quiz.draw_per_tag.items():
            candidates = [
                q
                for q in pool
                if tag in (q.tags or []) and q.id not in taken and q.current_version_id in versions
            ]
            mixed = rng.sample(candidates, len(candidates))
            # A question that states the answer of one drawn (or whose answer one drawn
            # states) is drawn only when the tag has too few others.
            picked = []
            for q in mixed:
                if len(picked) < int(count) and not clashes(versions[q.current_version_id]):
                    picked.append(q)
                    drawn.append(versions[q.current_version_id])
            for q in [q for q in mixed if q not in picked][: int(count) - len(picked)]:
                picked.append(q)
                drawn.append(versions[q.current_version_id])
            for q in picked:
                taken.add(q.id)
                chosen.append((q.id, q.current_version_id, 1.0))
        return chosen
    # One query; the versions' content comes from the per-process cache.
    rows = db.session.execute(
        db.select(QuizQuestion.question_id, Question.current_version_id, QuizQuestion.mark)
        .join(Question, Question.id == QuizQuestion.question_id)
        .where(QuizQuestion.quiz_id == quiz.id, Question.status == "accepted")
        .order_by(QuizQuestion.position)
    ).all()
    return [(question_id, version_id, mark) for question_id, version_id, mark in rows]


def _option_order(data: QuestionData, shuffle: bool, rng: random.Random) -> list[int]:
    if data.type in ("mcq", "multi"):
        order = list(range(len(data.answers)))
    elif data.type == "matching":
        order = list(range(len(data.pairs)))
    else:
        return []
    if shuffle or data.type == "matching":  # matching choices are always mixed
        rng.shuffle(order)
    return order


def build_layout(quiz: Quiz, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    questions = _draw_questions(quiz, rng)
    if quiz.shuffle_questions:
        rng.shuffle(questions)
    versions = version_data({version_id for _q, version_id, _m in questions})
    layout = []
    for question_id, version_id, slot_mark in questions:
        data = versions[version_id]
        entry = {
            "question_id": question_id,
            "version_id": version_id,
            "mark": slot_mark,
            "order": _option_order(data, quiz.shuffle_options, rng),
        }
        if data.type == "cloze" and any(b.type == "mcq" for b in data.blanks):
            # The options of a blank are always mixed: generated ones put the right one first.
            entry["blank_orders"] = [
                rng.sample(range(len(b.answers)), len(b.answers)) if b.type == "mcq" else []
                for b in data.blanks
            ]
        layout.append(entry)
    return layout


# --- answering --------------------------------------------------------------
VERSION_CACHE_SIZE = 4096


def version_data(ids: set[int] | list[int]) -> dict[int, QuestionData]:
    """Question versions by id, read once per process: a version never changes once
    written (an edit makes a new one), so every page of every attempt shares them.
    Callers only read them."""
    cache: dict[int, QuestionData] = current_app.extensions.setdefault("quizapp.versions", {})
    missing = [i for i in ids if i not in cache]
    if missing:
        rows = db.session.execute(
            db.select(QuestionVersion.id, QuestionVersion.data).where(
                QuestionVersion.id.in_(missing)
            )
        )
        if len(cache) + len(missing) > VERSION_CACHE_SIZE:
            cache.clear()
        for version_id, data in rows:
            cache[version_id] = QuestionData.from_dict(data)
    return {i: cache[i] for i in ids if i in cache}


def versions_for(attempt: Attempt, slots: list[int] | None = None) -> dict[int, QuestionData]:
    """The question versions the student sees (on ``slots``, else all)."""
    layout = attempt.layout
    ids = {layout[s]["version_id"] for s in (range(len(layout)) if slots is None else slots)}
    return version_data(ids)


def to_stored(
    data: QuestionData, order: list[int], raw: Any, blank_orders: list[list[int]] | None = None
) -> Any:
    """Turn what the page posted (positions as shown) into a response for grading.

    The page only ever knows display positions: the original index of an option
    (often 0 for the right one in generated questions) never reaches the browser.
    """
    if raw is None:
        return None
    if data.type in ("mcq", "truefalse") and raw == "":
        return None
    if data.type == "mcq":
        return order[grading.parse_index(raw, len(order))]
    if data.type == "multi":
        if not isinstance(raw, list | tuple):
            raise grading.InvalidResponse(N_("Réponse mal formée."))
        return sorted({order[grading.parse_index(r, len(order))] for r in raw})
    if data.type == "matching":
        if not isinstance(raw, dict):
            raise grading.InvalidResponse(N_("Réponse mal formée."))
        prompts = [i for i, (p, _) in enumerate(data.pairs) if p]
        matches = [data.pairs[i][1] for i in order]
        result = {}
        for key, choice in raw.items():
            p = grading.parse_index(key, len(prompts), "élément")
            if choice in (None, ""):
                continue
            result[str(prompts[p])] = matches[grading.parse_index(choice, len(matches))]
        return result
    if data.type == "cloze":
        if not isinstance(raw, list) or len(raw) != len(data.blanks):
            raise grading.InvalidResponse(N_("Réponse mal formée."))
        return [
            _blank_stored(blank, (blank_orders or [])[n] if n < len(blank_orders or []) else [], r)
            for n, (blank, r) in enumerate(zip(data.blanks, raw, strict=True))
        ]
    if isinstance(raw, str) and len(raw) > MAX_ANSWER_CHARS:
        raise grading.InvalidResponse(
            N_("Réponse trop longue (plus de %(limit)d caractères)."), limit=MAX_ANSWER_CHARS
        )
    return raw


def _blank_stored(blank, order: list[int], raw: Any) -> Any:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None if blank.type == "mcq" else (raw or "")
    if blank.type == "mcq":
        order = order or list(range(len(blank.answers)))
        return order[grading.parse_index(raw, len(order))]
    if not isinstance(raw, str):
        raise grading.InvalidResponse(N_("Réponse mal formée."))
    return raw
