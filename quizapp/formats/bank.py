"""quizapp's own question-bank file: YAML a teacher can read, review and diff.

::

    format: quizapp-bank
    version: 1
    name: "Sommet européen, novembre 2024"
    tags: [europe]
    article: {file: sommet.txt, title: ..., date: 2024-11-01, language: fr}
    questions:
      - id: q01
        review_note: "vérifier la date"
        type: mcq
        stem: ...
        answers:
          - text: Bruxelles
          - {text: Paris, fraction: 0}

Each question is :meth:`QuestionData.to_dict` without the fields left at
their default, plus ``id`` and ``review_note`` (kept in ``extra``). Everything
quizapp knows is carried: kind, source span, confidence, status, extra.
The file is read with ``safe_load`` semantics only; errors give the line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from typing import Any

import yaml

from quizapp.domain.questiondata import Answer, Blank, QuestionData, Source

from .base import N_, ParseResult, brief, gc_paused

FORMAT = "quizapp-bank"
VERSION = 1
TOP_KEYS = ("format", "version", "name", "tags", "article", "questions")
QUESTION_KEYS = ("id", "review_note") + tuple(f.name for f in fields(QuestionData))
TEXT_KEYS = ("type", "stem", "title", "kind", "explanation", "category", "status", "text_format")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _text(value: Any, what: str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise ValueError(N_("%(w)s : du texte est attendu, pas %(v)s") % {"w": what, "v": brief(value)})


def _answer(d: Any, what: str) -> Answer:
    if not isinstance(d, dict):
        d = {"text": d}  # a bare value is an answer worth 100%
    unknown = set(d) - {"text", "fraction", "feedback", "tolerance"}
    if unknown:
        raise ValueError(
            N_(
                "%(w)s : champ(s) inconnu(s) %(u)s ; champs possibles : text, "
                "fraction, feedback, tolerance"
            )
            % {"w": what, "u": ", ".join(sorted(map(str, unknown)))}
        )
    try:
        return Answer(
            _text(d.get("text", ""), what),
            float(d.get("fraction", 1.0)),
            _text(d.get("feedback", ""), what),
            float(d.get("tolerance", 0.0)),
        )
    except (TypeError, ValueError):
        raise ValueError(
            N_("%(w)s : fraction et tolerance sont des nombres") % {"w": what}
        ) from None


def _pairs(d: dict) -> list[tuple[str, str]]:
    pairs = []
    for i, p in enumerate(d.get("pairs") or [], 1):
        if not isinstance(p, list | tuple) or len(p) != 2:
            raise ValueError(N_("paire %(i)d : [élément, correspondance] est attendu") % {"i": i})
        what = N_("paire %(i)d") % {"i": i}
        pairs.append((_text(p[0], what), _text(p[1], what)))
    return pairs


def _blanks(d: dict) -> list[Blank]:
    blanks = []
    for i, b in enumerate(d.get("blanks") or [], 1):
        if not isinstance(b, dict) or "type" not in b:
            raise ValueError(
                N_("trou %(i)d : des champs avec au moins 'type' sont attendus") % {"i": i}
            )
        what = N_("trou %(i)d") % {"i": i}
        answers = [_answer(a, what) for a in b.get("answers") or []]
        blanks.append(Blank(_text(b["type"], what), answers, float(b.get("weight", 1.0))))
    return blanks


def _read_settings(q: QuestionData, d: dict) -> None:
    """Options and extra, the source sentence, the numbers, id and review note."""
    for key in ("options", "extra"):
        value = d.get(key) or {}
        if not isinstance(value, dict):
            raise ValueError(N_("%(k)s : des champs avec leurs valeurs sont attendus") % {"k": key})
        setattr(q, key, dict(value))
    src = d.get("source")
    if src:
        try:
            q.source = Source(_text(src["sentence"], "source"), int(src["start"]), int(src["end"]))
        except (KeyError, TypeError, ValueError):
            raise ValueError(N_("source : sentence, start et end sont attendus")) from None
    for key in ("confidence", "default_mark", "penalty"):
        if d.get(key) is not None:
            try:
                setattr(q, key, float(d[key]))
            except (TypeError, ValueError):
                raise ValueError(N_("%(k)s : un nombre est attendu") % {"k": key}) from None
    for key in ("id", "review_note"):
        if d.get(key) is not None:
            q.extra[key] = _text(d[key], key)


def _question(d: Any) -> QuestionData:
    if not isinstance(d, dict):
        raise ValueError(
            N_("une question (des champs avec leurs valeurs) est attendue, pas %(v)s")
            % {"v": brief(d)}
        )
    unknown = [str(k) for k in d if k not in QUESTION_KEYS]
    if unknown:
        raise ValueError(
            N_("champ(s) inconnu(s) %(u)s ; champs possibles : %(k)s")
            % {"u": ", ".join(unknown), "k": ", ".join(QUESTION_KEYS)}
        )
    if "type" not in d or "stem" not in d:
        raise ValueError(N_("les champs 'type' et 'stem' sont obligatoires"))
    q = QuestionData(type=_text(d["type"], "type"), stem=_text(d["stem"], "stem"))
    for key in TEXT_KEYS[2:]:
        if key in d and d[key] is not None:
            setattr(q, key, _text(d[key], key))
    q.answers = [
        _answer(a, N_("réponse %(i)d") % {"i": i}) for i, a in enumerate(d.get("answers") or [], 1)
    ]
    q.pairs = _pairs(d)
    q.blanks = _blanks(d)
    q.tags = [_text(t, "tags") for t in d.get("tags") or []]
    _read_settings(q, d)
    return q


def _plain(value: Any) -> Any:
    """Dates become ISO text so the metadata is JSON-ready."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _load(text: str, res: ParseResult):
    """The YAML document and its root node, or None with the error in ``res``
    (anchors and aliases are refused: a few lines could expand to gigabytes)."""
    loader = _Loader(text)
    try:
        with gc_paused():
            node = loader.get_single_node()
            alias = _first_alias(node)
            if alias is not None:
                res.error(
                    alias.start_mark.line + 1,
                    alias.start_mark.column + 1,
                    N_(
                        "les ancres et alias YAML (&nom, *nom) ne sont pas acceptés dans "
                        "un fichier de banque : écrivez chaque valeur en entier"
                    ),
                )
                return None
            data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        res.error(
            mark.line + 1 if mark else None,
            mark.column + 1 if mark else None,
            N_("YAML invalide : %(p)s"),
            p=exc.problem or str(exc),
        )
        return None
    except yaml.YAMLError as exc:
        res.error(None, None, N_("YAML invalide : %(p)s"), p=str(exc))
        return None
    finally:
        loader.dispose()
    return data, node


def _right_header(data: Any, res: ParseResult) -> bool:
    """The file says it is a bank, in a version this quizapp reads."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        res.error(
            1, None, N_("un fichier de banque commençant par 'format: %(f)s' est attendu"), f=FORMAT
        )
        return False
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version <= VERSION:
        res.error(
            1,
            None,
            N_(
                "'version: %(v)d' est attendu, pas %(g)s ; ce fichier vient peut-être "
                "d'une version plus récente de quizapp"
            ),
            v=VERSION,
            g=brief(version),
        )
        return False
    return True


def _add_questions(questions: list, lines: list[int], res: ParseResult) -> None:
    seen: dict[str, int] = {}
    for i, item in enumerate(questions):
        line = lines[i] if i < len(lines) else None
        try:
            q = _question(item)
        except ValueError as exc:
            res.error(line, None, N_("question %(n)d : %(m)s"), n=i + 1, m=str(exc))
            continue
        ident = q.extra.get("id")
        if ident is not None:
            if ident in seen:
                res.error(
                    line,
                    None,
                    N_(
                        "question %(n)d : l'id %(i)r est déjà pris ligne %(l)s ; "
                        "chaque id est unique dans un fichier"
                    ),
                    n=i + 1,
                    i=ident,
                    l=seen[ident],
                )
            seen[ident] = line
        res.add(q, line)


def parse(text: str, filename: str = "") -> ParseResult:
    res = ParseResult(file=filename)
    loaded = _load(text, res)
    if loaded is None:
        return res
    data, node = loaded
    if not _right_header(data, res):
        return res
    unknown = [str(k) for k in data if k not in TOP_KEYS]
    if unknown:
        res.warnings.append(N_("champs non utilisés : %(u)s") % {"u": ", ".join(unknown)})
    res.bank_meta = {k: _plain(data[k]) for k in ("name", "tags", "article") if k in data}
    questions = data.get("questions") or []
    lines = _question_lines(node)
    if not isinstance(questions, list):
        res.error(lines[0] if lines else None, None, N_("'questions' doit être une liste"))
        return res
    _add_questions(questions, lines, res)
    return res


def _first_alias(root: yaml.Node | None) -> yaml.Node | None:
    """The first node reached twice, that is, the target of an alias (``*nom``).

    The composer gives an alias the very node of its anchor, so a file of a few
    hundred bytes can stand for a tree of millions of nodes (« billion laughs »);
    this walk visits each node once, and refuses the file before it is built.
    """
    if root is None:
        return None
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return node
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.extend((value, key))
    return None


def _question_lines(root: yaml.Node | None) -> list[int]:
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if getattr(key, "value", None) == "questions":
            if isinstance(value, yaml.SequenceNode):
                return [item.start_mark.line + 1 for item in value.value]
            return [value.start_mark.line + 1]
    return []
