"""Wrong options a student could not rule out without the article, on made-up articles:
no place or event offered as a person, no woman given away by agreement, no one the
stem names, no city that is not a government, and stems that agree with plural actors."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from quizapp.domain.questiondata import Answer, Blank, QuestionData
from quizapp.generation import generate
from quizapp.generation.context import Candidate, SentenceInfo, build_context
from quizapp.generation.distractors import entity_options, feminine_agreement
from quizapp.generation.nlp import get_nlp
from quizapp.generation.pipeline import prepare_article
from quizapp.generation.ranking import rank
from quizapp.generation.standalone import leans_back, plain_statement


def context(text: str):
    article = prepare_article(text, "Test", dt.date(2016, 5, 3))
    return build_context(article, get_nlp()(article.text))


def person(ctx, name: str):
    return next(e for e in ctx.ents.of_type("person") if e.name == name)


def test_a_name_in_a_list_of_places_or_after_a_determiner_is_no_person():
    ctx = context(
        "Le ministre valdorien des Transports, Paul Verneuil, a annoncé l'achat de cent avions. "
        "Les voyageurs ne devront plus passer par les grands hubs que sont Dubaï, Abu Dhabi, "
        "Doha et Istanbul. Marc Dubreuil a salué la décision. L'opposition, proche des "
        "Verts Unis, a demandé un vote. Le journal Le Matin Valdorien a publié le contrat."
    )
    people = {e.name for e in ctx.ents.of_type("person")}
    assert {"Paul Verneuil", "Marc Dubreuil"} <= people
    assert not people & {"Abu Dhabi", "Verts Unis", "Le Matin Valdorien"}


def test_a_stem_that_agrees_with_a_woman_gets_women_only():
    ctx = context(
        "La ministre valdorienne de la Santé, Sophie Marchal, a présenté le plan. "
        "Paul Verneuil, ministre valdorien des Finances, a défendu le budget. "
        "Hélène Brun, présidente de l'association des consommateurs, a critiqué le texte. "
        "Claire Dumas, porte-parole du syndicat, a appelé à la grève. "
        "Jean Castel, directeur de Ferlux, a annoncé des embauches."
    )
    stem = "Qui a été longuement applaudie par les députés ?"
    assert feminine_agreement(stem)
    opts, _ = entity_options(ctx, person(ctx, "Sophie Marchal"), "Sophie Marchal", stem)
    assert len(opts) == 3
    for name in opts:
        found = [e for e in ctx.ents.of_type("person") if e.name == name]
        assert not found or found[0].gender == "f", opts
    assert "Paul Verneuil" not in opts and "Jean Castel" not in opts


@pytest.mark.parametrize(
    "stem",
    ["Qui a exprimé le soutien de la Valdorie à la Russie ?", "Qui a salué les contacts étroits ?"],
)
def test_a_stem_with_no_agreement_shows_no_gender(stem):
    assert not feminine_agreement(stem)


def test_no_option_is_someone_the_stem_names():
    ctx = context(
        "Paul Verneuil, ministre valdorien des Finances, a défendu le budget. "
        "Marc Dubreuil, député de l'opposition, a déclaré que Verneuil « ne comprend pas "
        "l'économie ». Jean Castel, directeur de Ferlux, a annoncé des embauches. "
        "Hervé Lacombe, ancien ministre de la Santé, a critiqué le plan. "
        "Luc Ferrand, maire de Valbourg, s'est abstenu."
    )
    stem = "Qui a déclaré que Verneuil « ne comprend pas l'économie » ?"
    opts, _ = entity_options(ctx, person(ctx, "Marc Dubreuil"), "Marc Dubreuil", stem)
    assert len(opts) == 3 and "Paul Verneuil" not in opts


def test_a_city_that_acts_for_its_government_gets_capitals():
    text = (
        "Des frappes ont touché Alep et Mossoul le 17 septembre. Moscou a accusé les "
        "États-Unis de vouloir « défendre l'État islamique ». Washington a reconnu une erreur. "
        "Les combats continuent à Raqqa et à Novossibirsk, selon les médias."
    )
    questions = generate(text, title="Frappes en Syrie", date=dt.date(2016, 9, 19)).questions
    asked = [q for q in questions if q.type == "mcq" and q.correct_answers == ["Moscou"]]
    assert asked, [q.stem for q in questions]
    for q in asked:
        assert not {"Alep", "Mossoul", "Raqqa", "Novossibirsk"} & set(q.choices), q.choices


def test_a_plural_country_is_asked_in_the_singular():
    text = (
        "Le 17 septembre 2016, des avions de la coalition ont frappé des positions de l'armée "
        "syrienne près de Deir ez-Zor. Les États-Unis ont affirmé avoir voulu frapper l'État "
        "islamique. La Russie a demandé une réunion du Conseil de sécurité. La Syrie a dénoncé "
        "une agression. L'Irak a appelé au calme."
    )
    questions = generate(text, title="Frappe", date=dt.date(2016, 9, 19)).questions
    stems = [q.stem for q in questions]
    assert not any(s.startswith("Quel pays ont") for s in stems), stems
    assert "Quel pays a affirmé avoir voulu frapper l'État islamique ?" in stems


@pytest.mark.parametrize(
    ("stem", "plain"),
    [
        ("En effet, l'armée valdorienne a renversé trois gouvernements.", "L'armée valdorienne a"),
        ("Or les syndicats valdoriens ont appelé à la grève.", "Les syndicats valdoriens ont"),
        ("Vers 18h00, à {1}, les agriculteurs ont rejoint le cortège.", "À {1}, les agriculteurs"),
        ("La Valdorie se dirige donc vers de nouvelles élections.", "La Valdorie se dirige vers"),
    ],
)
def test_links_to_the_sentence_before_are_dropped(stem, plain):
    assert plain_statement(stem).startswith(plain)


def _sentence(text: str):
    ctx = context(text)
    return ctx.sentences[0]


@pytest.mark.parametrize(
    "text",
    [
        "Le ministère évalue le bilan à au moins onze morts et trente blessés.",
        "Le pays se dirige vers un gouvernement fragile ou de nouvelles élections.",
        "Quelques heures après, une seconde explosion s'est produite à Valbourg.",
        "Un autre contrat a été annoncé par Paul Verneuil à Valbourg.",
    ],
)
def test_a_sentence_that_points_back_is_recognised(text):
    assert leans_back(_sentence(text), text)


@pytest.mark.parametrize(
    "text",
    [
        "L'armée valdorienne a renversé trois gouvernements civils depuis 1958.",
        "Le ministère valdorien de la Santé évalue le bilan à onze morts.",
        "Paul Verneuil a annoncé un contrat de deux milliards d'euros à Valbourg.",
    ],
)
def test_a_sentence_that_says_which_one_stands_alone(text):
    assert not leans_back(_sentence(text), text)


def _cloze_stems(text: str, title: str = "Test") -> list[str]:
    questions = generate(text, title=title, date=dt.date(2018, 12, 10)).questions
    return [q.stem for q in questions if q.type == "cloze"]


def test_the_hour_of_a_live_blog_is_no_figure_to_ask():
    text = (
        "Le 9 avril 2017, peu avant 10 heures, une explosion a retenti dans une église de "
        "Valbourg. La séance du Parlement valdorien a débuté à 8 h avec 450 députés présents. "
        "Le gouvernement valdorien a annoncé 300 millions d'euros d'aide aux victimes."
    )
    questions = generate(text, title="Valbourg", date=dt.date(2017, 4, 10)).questions
    figures = [q for q in questions if q.kind == "figure"]
    assert figures, [q.stem for q in questions]
    assert not any("{1} heures" in q.stem or "{1} h " in q.stem for q in figures)


def test_a_blank_keeps_no_parenthesis_that_says_where():
    text = (
        "Deux jours après l'attentat survenu à Stockholm (Suède), c'est au tour de l'Égypte "
        "d'être visée par des attaques. Le président égyptien Abdel Fattah al-Sissi a décrété "
        "l'état d'urgence au Caire. Des fidèles se sont rassemblés à Alexandrie et à Louxor."
    )
    stems = _cloze_stems(text)
    assert not any("{1} (" in s or "{1}(" in s for s in stems), stems


def test_an_elided_or_contracted_blank_is_not_asked_with_options_that_do_not_fit():
    text = (
        "La Russie a indiqué par la voix d'Igor Morozov que le groupe restera une cible de "
        "son aviation. Sergueï Lavrov et Vladimir Poutine ont salué la frappe. Quatre femmes "
        "ont été nommées au conseil de la loi du Qatar, ont annoncé l'Égypte et l'Arabie "
        "saoudite. Les Émirats arabes unis ont protesté."
    )
    stems = _cloze_stems(text)
    assert not any("d'{1}" in s for s in stems), stems
    for q in generate(text, title="Test", date=dt.date(2017, 11, 13)).questions:
        if q.type == "cloze" and "du {1}" in q.stem:
            assert not any(o.startswith(("É", "A", "E", "I", "O")) for o in q.choices), q.choices


def test_a_newspaper_described_gets_newspapers_as_options():
    text = (
        "Le quotidien valdorien Le Matin de Valbourg estime que l'accord est fragile. "
        "Le Pentagone a démenti. L'État islamique a revendiqué l'attaque. "
        "Le quotidien suisse Le Temps juge la situation inquiétante."
    )
    questions = generate(text, title="Test", date=dt.date(2016, 9, 19)).questions
    asked = [q for q in questions if "comment s'appelle le quotidien" in q.stem]
    assert asked, [q.stem for q in questions]
    for q in asked:
        assert not {"Pentagone", "Le Pentagone", "État islamique"} & set(q.choices), q.choices


def test_a_title_that_is_no_political_office_gets_no_politician_from_elsewhere():
    # A spokesperson of an association: the gazetteer's heads of state and ministers are
    # no plausible holders, and the article's own politicians come after its other people.
    ctx = context(
        "Selon Clara Weiss, porte-parole de l'association Eurogrid, le réseau a perdu de la "
        "puissance en janvier. Le président français Emmanuel Macron a appelé au calme. "
        "Thomas Keller a jugé la situation grave. Martin Roth a confirmé la panne. "
        "Anna Berg a demandé une enquête."
    )
    weiss = dataclasses.replace(
        person(ctx, "Clara Weiss"), role="porte-parole de l'association Eurogrid"
    )
    stem = "Qui est la porte-parole de l'association Eurogrid ?"
    opts, from_gazetteer = entity_options(ctx, weiss, "Clara Weiss", stem)
    assert from_gazetteer == 0
    assert set(opts) == {"Thomas Keller", "Martin Roth", "Anna Berg"}
    # with fewer people, the article's politician is the last resort, never the gazetteer's
    opts, from_gazetteer = entity_options(ctx, weiss, "Clara Weiss", stem, n=4)
    assert from_gazetteer == 0 and opts[-1] == "Emmanuel Macron"


def test_two_blanks_of_one_sentence_are_two_questions():
    # « … à {1} ans de prison ferme et cinq ans d'inéligibilité … » and « … à trois ans de
    # prison ferme et {1} ans d'inéligibilité … » read alike but ask two facts; the same
    # blank asked twice is one question.
    sentence = (
        "L'ancien maire de Valdor-sur-Loire, Paul Martin, a été condamné le 8 décembre 2016 à "
        "trois ans de prison ferme et cinq ans d'inéligibilité par le tribunal correctionnel "
        "de Lyon pour fraude fiscale et blanchiment aggravé de fraude fiscale, au terme d'un "
        "procès de trois semaines suivi par de nombreux habitants de la commune."
    )
    sent = SentenceInfo(0, sentence, 0, len(sentence), None, [], [], [])

    def cloze(word: str, answer: str, score: float) -> Candidate:
        q = QuestionData(
            type="cloze",
            stem=sentence.replace(word, "{1}", 1),
            blanks=[Blank(type="numeric", answers=[Answer(answer, 1.0)])],
            kind="figure",
        )
        return Candidate(q, sent, [answer], score)

    kept = rank([cloze("trois", "3", 0.6), cloze("cinq", "5", 0.58), cloze("trois", "3", 0.5)])
    assert sorted(c.question.blanks[0].answers[0].text for c in kept) == ["3", "5"]


def test_a_false_statement_never_changes_a_quotation_nor_breaks_an_article():
    article = (
        "La frappe\n\n"
        "Moscou a accusé les États-Unis de vouloir « défendre l'État islamique » en Syrie. "
        "Le régime syrien est assiégé dans la ville depuis deux ans par l'État islamique. "
        "Le Front al-Nosra a rompu avec Al-Qaïda le 28 juillet. "
        "Le Hezbollah et l'Armée syrienne libre combattent aussi dans la région d'Alep. "
        "Les États-Unis affirment avoir visé l'État islamique à Deir ez-Zor."
    )
    result = generate(article, date=dt.date(2016, 9, 19))
    quotes = {"« défendre l'État islamique »"}
    for q in result.questions:
        if q.type != "truefalse" or q.correct_answers != ["false"]:
            continue
        assert all(qt in q.stem for qt in quotes if q.stem.startswith("Moscou")), q.stem
        assert not re.search(r"\bl'(?:Al-Qaïda|Hezbollah)", q.stem), q.stem


def test_no_option_is_the_answer_under_another_name_or_named_by_the_stem():
    from quizapp.generation.distractors import clashes

    assert clashes("La FIFA", "Fédération internationale de football association")
    assert clashes("OTAN", "Organisation du traité de l'Atlantique nord")
    assert not clashes("Le Hamas", "Le Hezbollah")
    ctx = context(
        "Les États-Unis ont expulsé 35 diplomates russes accusés d'espionnage. La Pologne, "
        "la Lituanie, l'Ukraine et la Russie ont réagi. L'Allemagne et la France aussi."
    )
    usa = next(e for e in ctx.ents.of_type("country") if e.name == "États-Unis")
    stem = "Quel pays a expulsé 35 diplomates russes accusés d'espionnage ?"
    opts, _ = entity_options(ctx, usa, "Les États-Unis", stem)
    assert len(opts) == 3 and "La Russie" not in opts, opts


def test_a_blank_after_an_elision_gets_only_options_that_take_it():
    # « d'{1} »: « d'Al-Qaïda », « d'Ennahda », never « d'Hamas » or « d'Hezbollah »
    article = (
        "La rupture\n\n"
        "Le Front al-Nosra a rompu ses liens avec le commandement central d'Al-Qaïda en "
        "accord avec ses chefs en Syrie. Le Hezbollah et le Hamas ont dénoncé cette "
        "annonce. L'Armée syrienne libre a salué une décision tardive. L'État islamique "
        "n'a pas réagi. Ennahda a demandé des garanties. Boko Haram s'est tu."
    )
    result = generate(article, date=dt.date(2016, 7, 29))
    for q in result.questions:
        if q.type == "cloze" and "d'{1}" in q.stem:
            assert all(re.match(r"[AEIOUÉÈ]", a.text, re.I) for a in q.blanks[0].answers), q


def test_a_capital_never_stands_against_the_country_the_stem_names():
    import datetime as dt

    from quizapp.generation import generate

    bank = generate(
        "La frappe\n\nMoscou a accusé les États-Unis de vouloir « protéger les insurgés » "
        "après la frappe de samedi près de Castel. Washington a reconnu une erreur. Paris et "
        "Berlin ont demandé une enquête sur la frappe de Castel.",
        date=dt.date(2016, 9, 19),
    ).questions
    accused = [q for q in bank if q.type == "mcq" and "accusé les États-Unis" in q.stem]
    assert accused, [q.stem for q in bank]
    assert all("Washington" not in [a.text for a in q.answers] for q in accused)
