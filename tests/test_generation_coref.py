"""Who « il » or « elle » opening a sentence is, so that a copied sentence names the
person (quizapp/generation/coref.py), on made-up articles."""

from __future__ import annotations

from quizapp.generation.article import prepare_article
from quizapp.generation.context import build_context
from quizapp.generation.coref import leading_referents
from quizapp.generation.kinds_text import truefalse_questions
from quizapp.generation.nlp import get_nlp


def _referent(sentences, start: str) -> str | None:
    (sent,) = [s for s in sentences if s.text.startswith(start)]
    return sent.referent


def _ctx(text: str):
    article = prepare_article(text, "Valdorie : le procès de l'ancienne ministre", None)
    ctx = build_context(article, get_nlp()(article.text))
    leading_referents(ctx)  # as the pipeline does
    return ctx


ARTICLE = (
    "Le tribunal de Castelbourg a rendu mardi son jugement dans l'affaire des primes. "
    "Claire Verneuil, ancienne ministre du Budget, a été condamnée à deux ans de prison. "
    "Aucune amende n'a été prononcée. "
    "Elle a été reconnue coupable d'avoir caché un patrimoine de 3,5 millions d'euros. "
    "Elle devra verser 75 000 euros de dommages à l'État. "
    "Marc Dubreuil et Anne Castel, ses anciens collaborateurs, ont été relaxés. "
    "Elle a aussitôt annoncé son intention de faire appel. "
    "Il s'agit de la troisième condamnation d'un ministre depuis 2010."
)


def test_an_opening_pronoun_takes_the_name_the_sentences_before_give():
    sentences = _ctx(ARTICLE).sentences
    assert _referent(sentences, "Elle a été reconnue coupable") == "Claire Verneuil"
    # a chain of « elle »: still her
    assert _referent(sentences, "Elle devra verser") == "Claire Verneuil"


def test_two_people_named_just_before_leave_the_pronoun_unresolved():
    # Anne Castel could be « elle » too
    assert _referent(_ctx(ARTICLE).sentences, "Elle a aussitôt annoncé") is None


def test_an_impersonal_il_stands_for_nobody():
    assert _referent(_ctx(ARTICLE).sentences, "Il s'agit") is None


def test_a_copied_sentence_names_who_the_pronoun_was():
    stems = [c.question.stem for c in truefalse_questions(_ctx(ARTICLE))]
    assert any(s.startswith("Claire Verneuil a été reconnue coupable") for s in stems)
    assert not any(s.startswith(("Elle ", "Il ")) for s in stems)


ARMY = (
    "L'armée valdorienne a lancé lundi une offensive dans le nord du pays. "
    "Les combats ont fait au moins 40 morts selon les autorités de Castelbourg. "
    "L'armée affirme contrôler désormais la route qui mène à la frontière. "
    "Le président valdorien Paul Lacombe a salué l'opération devant le Parlement. "
    "Le président serbe Marc Dubreuil a demandé un cessez-le-feu immédiat. "
    "Le président a convoqué une réunion du Conseil de sécurité mardi."
)


def test_a_bare_definite_subject_takes_the_words_the_article_first_gave_it():
    sentences = _ctx(ARMY).sentences
    assert _referent(sentences, "L'armée affirme") == "L'armée valdorienne"
    stems = [c.question.stem for c in truefalse_questions(_ctx(ARMY))]
    assert not any(s.startswith("L'armée affirme") for s in stems)


def test_two_earlier_presidents_leave_the_president_as_it_is():
    # « le président valdorien », « le président serbe »: which one convoked the meeting?
    assert _referent(_ctx(ARMY).sentences, "Le président a convoqué") is None


def test_a_name_inside_the_rewritten_subject_is_never_blanked():
    from quizapp.generation.kinds_text import _cloze_text

    text = (
        "La Commission européenne a ouvert mardi une enquête sur les aides versées à la Valdorie. "
        "Le ministre valdorien Paul Lacombe a dénoncé une décision politique. "
        "La Commission a aussi demandé des explications à la Serbie sur ses subventions agricoles."
    )
    sent = _ctx(text).sentences[2]
    assert sent.referent == "La Commission européenne"
    by_name = {m.text: m for m in sent.mentions}
    # « Commission » was in the words the referent replaced: no blank on it
    assert _cloze_text(sent, by_name["Commission"]) is None
    # a later name is found where it now stands in the rewritten sentence
    rewritten, s, e = _cloze_text(sent, by_name["Serbie"])
    assert rewritten.startswith("La Commission européenne a aussi") and rewritten[s:e] == "Serbie"
