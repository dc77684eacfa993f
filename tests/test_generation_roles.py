"""Role and definition questions read off appositions (quizapp/generation/kinds_roles.py, kinds_definitions.py)."""

from __future__ import annotations

import pytest

from quizapp.generation import generate
from quizapp.generation.appositions import find_appositions
from quizapp.generation.article import prepare_article
from quizapp.generation.context import build_context
from quizapp.generation.kinds_definitions import definition_questions
from quizapp.generation.kinds_roles import role_questions
from quizapp.generation.nlp import get_nlp
from quizapp.generation.text import fold

#: A made-up article: every name and title here is invented for the test.
ARTICLE = (
    "Le gouvernement de Valdorie a présenté mardi un plan d'économies. "
    "Paul Verneuil, ministre valdorien des Finances, a défendu le texte devant les députés. "
    "Le Premier ministre valdorien Marc Dubreuil a promis une baisse des impôts en 2026. "
    "Sophie Marchal, porte-parole du syndicat des enseignants, a dénoncé des coupes budgétaires. "
    "L'ancien ministre de la Santé Hervé Lacombe a critiqué le calendrier retenu. "
    "La société Ferlux, opérateur de téléphonie mobile, prévoit de supprimer 300 emplois. "
    "Le groupe Tarvel, une firme japonaise, a racheté la société Brimon l'an dernier. "
    "Brimon, fabricant de satellites, emploie 800 personnes dans le pays. "
    "Le Conseil de Valdorie, une assemblée consultative, doit rendre son avis en mars. "
    "Le directeur général de Ferlux, Jean Castel, a refusé de commenter ces annonces. "
    "Selon Hélène Brun, présidente de l'association des consommateurs, les tarifs vont augmenter. "
    "Laure Petit a dit son inquiétude. Anne Roux a salué le plan."
)


@pytest.fixture(scope="module")
def ctx():
    article = prepare_article(ARTICLE, "Valdorie : le plan d'économies", None)
    return build_context(article, get_nlp()(article.text))


@pytest.fixture(scope="module")
def roles(ctx):
    return role_questions(ctx)


@pytest.fixture(scope="module")
def definitions(ctx):
    return definition_questions(ctx)


def _by_stem(cands, stem):
    found = [c.question for c in cands if c.question.stem == stem]
    assert found, f"no question {stem!r} among {[c.question.stem for c in cands]}"
    return found[0]


@pytest.mark.parametrize(
    ("holder", "phrase"),
    [
        ("Paul Verneuil", "ministre valdorien des Finances"),
        ("Marc Dubreuil", "Premier ministre valdorien"),
        ("Sophie Marchal", "porte-parole du syndicat des enseignants"),
        ("Hervé Lacombe", "ancien ministre de la Santé"),
        ("Jean Castel", "directeur général de Ferlux"),
        ("Hélène Brun", "présidente de l'association des consommateurs"),
    ],
)
def test_titles_are_read_from_appositions_on_either_side(ctx, holder, phrase):
    found = {(a.holder, a.phrase) for a in find_appositions(ctx) if a.person and a.is_title}
    assert (holder, phrase) in found


def test_who_holds_the_title(roles):
    q = _by_stem(roles, "Qui est le ministre valdorien des Finances ?")
    assert q.correct_answers == ["Paul Verneuil"]
    assert q.kind == "role" and q.type == "mcq" and len(q.answers) == 4
    assert "ministre valdorien des Finances" in q.explanation
    assert q.source.sentence.startswith("Paul Verneuil, ministre valdorien")
    # the wrong options are the article's other people first
    assert {"Marc Dubreuil", "Hervé Lacombe"} & set(q.choices)


def test_which_title_someone_holds(roles):
    q = _by_stem(roles, "Quelle est la fonction de Jean Castel ?")
    assert q.correct_answers == ["directeur général de Ferlux"]
    assert "ministre valdorien des Finances" in q.choices  # another title of the article


def test_a_feminine_holder_gets_feminine_options(roles):
    q = _by_stem(roles, "Quelle est la fonction d'Hélène Brun ?")
    assert q.correct_answers == ["présidente de l'association des consommateurs"]
    wrong = [c for c in q.choices if c not in q.correct_answers]
    assert all(not c.startswith(("président ", "directeur ")) for c in wrong), wrong


def test_a_former_office_keeps_ancien(roles):
    q = _by_stem(roles, "Qui est l'ancien ministre de la Santé ?")
    assert q.correct_answers == ["Hervé Lacombe"]


def test_a_first_name_gives_an_epicene_title_its_article(roles):
    q = _by_stem(roles, "Qui est la porte-parole du syndicat des enseignants ?")
    assert q.correct_answers == ["Sophie Marchal"]


def test_epicene_title_of_unknown_gender_takes_no_article():
    text = (
        "Camille Roux, porte-parole du syndicat des enseignants, a dénoncé des coupes. "
        "Le ministre valdorien des Finances, Paul Verneuil, a défendu le budget. "
        "Le directeur général de Ferlux, Jean Castel, a annoncé des embauches. "
        "L'ancien ministre de la Santé, Hervé Lacombe, a critiqué le plan."
    )
    article = prepare_article(text, None, None)
    c = build_context(article, get_nlp()(article.text))
    q = _by_stem(role_questions(c), "Qui est porte-parole du syndicat des enseignants ?")
    assert q.correct_answers == ["Camille Roux"]


def test_what_a_name_stands_for(definitions):
    q = _by_stem(definitions, "Qu'est-ce que Brimon ?")
    assert q.correct_answers == ["un fabricant de satellites"]
    assert q.kind == "definition" and len(q.answers) == 4
    assert "une firme japonaise" in q.choices


def test_which_name_a_description_stands_for(definitions):
    q = _by_stem(definitions, "Dans l'article, comment s'appelle la firme japonaise ?")
    assert q.correct_answers == ["Tarvel"]
    assert {"Ferlux", "Brimon"} <= set(q.choices)


def test_possessive_and_anaphoric_titles_never_reach_a_stem():
    text = (
        "Le parquet a requis trois ans de prison contre Luc Ferrand. "
        "Son avocat Pierre Vidal a plaidé la relaxe devant le tribunal. "
        "Le patron de la banque, Louis Garnier, a été condamné à un an de prison avec sursis. "
        "Le chef du gouvernement du pays, Marc Olin, a refusé de commenter la décision."
    )
    article = prepare_article(text, None, None)
    c = build_context(article, get_nlp()(article.text))
    stems = [x.question.stem for x in role_questions(c)]
    assert not any(s.startswith("Qui est son") or " du pays ?" in s for s in stems), stems
    assert "Qui est le patron de la banque ?" not in stems  # which bank? the stem cannot say
    assert "Quelle est la fonction de Pierre Vidal ?" in stems  # « avocat »
    # its answer would be « patron » alone, among « ministre », « avocat »: empty
    assert "Quelle est la fonction de Louis Garnier ?" not in stems


def test_no_answer_in_its_stem(roles, definitions):
    for c in [*roles, *definitions]:
        stem = fold(c.question.stem)
        for answer in c.question.correct_answers:
            assert fold(answer) not in stem, c.question.stem


def test_the_pipeline_ranks_roles_above_true_false():
    bank = generate(ARTICLE, title="Valdorie : le plan d'économies").questions
    kinds = [q.kind for q in bank]
    assert "role" in kinds and "definition" in kinds
    first_role = kinds.index("role")
    assert all(k not in ("truefalse", "cloze") for k in kinds[:first_role])
    for q in bank:
        if q.kind in ("role", "definition"):
            assert q.source.sentence in ARTICLE
            assert len(q.answers) == 4 and len(q.correct_answers) == 1


def test_a_title_of_several_words_gets_no_one_word_option():
    article = (
        "Le président Luc Marin a reçu mardi les syndicats au palais. "
        "Paul Verneuil, ministre français de l'Agriculture, a défendu le budget à Paris. "
        "Le général Marc Roux a présenté la réforme des armées. "
        "Anne Morel, porte-parole du gouvernement français, a annoncé un accord."
    )
    ctx = build_context(prepare_article(article, "France", None), get_nlp()(article))
    q = _by_stem(role_questions(ctx), "Quelle est la fonction de Paul Verneuil ?")
    assert all(len(a.text.split()) > 1 for a in q.answers), q.choices


def test_an_office_is_asked_as_of_the_article_s_month():
    import datetime as dt

    article = prepare_article(ARTICLE, "Valdorie : le plan d'économies", dt.date(2016, 7, 9))
    dated = role_questions(build_context(article, get_nlp()(article.text)))
    q = _by_stem(dated, "Qui était le ministre valdorien des Finances en juillet 2016 ?")
    assert q.correct_answers == ["Paul Verneuil"]
    assert _by_stem(dated, "Quelle était la fonction de Jean Castel en juillet 2016 ?")
    # a former office is not dated: « l'ancien ministre » says it already
    assert _by_stem(dated, "Qui est l'ancien ministre de la Santé ?")


def test_who_held_a_national_office_is_asked_among_that_country_s_people():

    text = (
        "Le sommet de Castelbourg s'est ouvert lundi sous haute surveillance. "
        "Le président brésilien Paulo Valdez a plaidé pour une taxe mondiale sur les fortunes. "
        "Le chancelier allemand Hans Castel a jugé la proposition prématurée. "
        "Le Premier ministre japonais Kenji Lacombe a promis d'étudier la taxe."
    )
    dated = _summit_roles(text)
    q = _by_stem(dated, "Qui était le président brésilien en mars 2023 ?")
    assert q.correct_answers == ["Paulo Valdez"]
    # the article's German and Japanese leaders would give the answer away
    assert not {"Hans Castel", "Kenji Lacombe"} & set(q.choices)


def test_an_office_every_country_has_is_named_with_the_holder_s_country():

    text = (
        "Le sommet de Castelbourg s'est ouvert lundi sous haute surveillance. "
        "Giorgia Meloni, cheffe du gouvernement, a plaidé pour une taxe sur les fortunes. "
        "Hans Castel, ministre allemand des Finances, a jugé la proposition prématurée. "
        "Anne Lacombe, ministre française de l'Économie, a promis d'étudier la taxe."
    )
    dated = _summit_roles(text)
    q = _by_stem(dated, "Quelle était la fonction de Giorgia Meloni en mars 2023 ?")
    # « cheffe du gouvernement » alone: of which country? The gazetteer knows hers
    assert q.correct_answers == ["cheffe du gouvernement italien"]


def test_another_wording_of_the_same_office_is_never_a_wrong_option():
    from quizapp.generation.kinds_roles import _same_office

    assert _same_office("Première ministre polonaise", "Premier ministre de Pologne")
    assert _same_office("président américain", "président sortant américain")
    # two ministers of one country hold two offices; two countries' presidents differ
    assert not _same_office(
        "ministre iranien des Affaires étrangères", "ministre iranien des Transports"
    )
    assert not _same_office("président russe", "président ukrainien")


def test_a_title_with_a_country_gets_wrong_options_of_that_country():

    text = (
        "Le sommet de Castelbourg s'est ouvert lundi sous haute surveillance. "
        "Marta Verneuil, Première ministre de Pologne, a plaidé pour une taxe sur les fortunes. "
        "Hans Castel, ministre allemand des Finances, a jugé la proposition prématurée. "
        "Le président américain Paul Lacombe a promis d'étudier la taxe."
    )
    dated = _summit_roles(text)
    q = _by_stem(dated, "Quelle était la fonction de Marta Verneuil en mars 2023 ?")
    wrong = [c for c in q.choices if c not in q.correct_answers]
    # an option of another country would give the Polish office away
    assert len(wrong) == 3 and all("polonaise" in w for w in wrong), wrong
    q = _by_stem(dated, "Quelle était la fonction de Paul Lacombe en mars 2023 ?")
    wrong = [c for c in q.choices if c not in q.correct_answers]
    # American ministers are « secrétaires »: never « ministre américain de la Défense »
    assert len(wrong) == 3 and all("américain" in w and "ministre" not in w for w in wrong), wrong


def test_a_bare_title_held_by_someone_else_does_not_stop_the_precise_one_being_asked():
    import datetime as dt

    text = (
        "Le 28 juillet, lors d'une allocution télévisée, le chef du Front populaire, Luc "
        "Morel, annonce la rupture de ses liens avec le mouvement de Castel. La rupture a "
        "été négociée avec le chef de l'organisation Jean Castel, qui salue la décision. "
        "Le porte-parole du gouvernement, Marc Dubreuil, juge la décision « cosmétique ». "
        "Hervé Lacombe, élu du Sud, a salué l'annonce."
    )
    dated = _roles(text, "Valdorie : le Front rompt avec Castel", dt.date(2016, 7, 29))
    q = _by_stem(dated, "Qui était le chef du Front populaire en juillet 2016 ?")
    assert q.correct_answers == ["Luc Morel"]


def _roles(text: str, title: str, date):
    article = prepare_article(text, title, date)
    return role_questions(build_context(article, get_nlp()(article.text)))


def _summit_roles(text: str):
    import datetime as dt

    return _roles(text, "Castelbourg : un sommet sur la fiscalité", dt.date(2023, 3, 6))
