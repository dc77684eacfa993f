"""Figures asked with what they count, side actors below main ones, fair false statements
and subjects a question can stand on: behaviour on sentences of their own."""

from __future__ import annotations

import datetime as dt
import re

from quizapp.generation import generate
from quizapp.generation.article import prepare_article
from quizapp.generation.context import build_context
from quizapp.generation.coref import leading_referents
from quizapp.generation.evaluation import matches
from quizapp.generation.figures import find_figures
from quizapp.generation.kinds_text import truefalse_questions
from quizapp.generation.nlp import get_nlp


def _bank(text: str, date=dt.date(2021, 3, 4)):
    return generate(text, date=date).questions


def _options(q) -> list[str]:
    return [a.text for b in q.blanks for a in b.answers]


def test_a_sentence_with_two_penalties_asks_each_with_what_it_counts():
    bank = _bank(
        "Le procès\n\nL'ancien ministre Paul Verneuil a été condamné jeudi à trois ans de prison "
        "ferme et cinq ans d'inéligibilité par le tribunal correctionnel de Castel."
    )
    clozes = {q.correct_answers[0]: q for q in bank if q.type == "cloze" and q.kind == "figure"}
    q = clozes["5 ans"]
    assert "et {1} d'inéligibilité" in q.stem
    options = _options(q)
    assert len(set(options)) == 4 and all(o.endswith(" ans") for o in options)
    assert "1 ans" not in options


def test_two_years_is_a_figure_but_the_two_countries_are_not():
    bank = _bank(
        "La crise\n\nLes deux pays ont rompu leurs relations. La femme du ministre Paul "
        "Verneuil a été condamnée à deux ans de prison ferme par le tribunal de Castel."
    )
    answers = [q.correct_answers for q in bank if q.kind == "figure"]
    assert ["2 ans"] in answers
    assert not any("pays" in a for ans in answers for a in ans)


def test_half_a_year_is_not_asked_as_whole_years():
    bank = _bank(
        "L'élection\n\nLe député Paul Verneuil est élu pour un mandat de deux ans et demi à la "
        "tête de l'assemblée de Valdorie, avec 351 voix."
    )
    assert not any("{1} et demi" in q.stem for q in bank)


def test_a_determiner_is_never_taken_for_what_is_counted():
    figures = find_figures("Le pays compte 4 000 inspecteurs des impôts.")
    assert [(f.surface, f.unit) for f in figures] == [("4 000", "inspecteurs")]


def test_an_adjective_before_the_noun_keeps_what_is_counted():
    bank = _bank(
        "Le conseil\n\nJeudi, le décret royal de Valdorie a annoncé que 28 nouveaux membres ont "
        "été nommés au Conseil consultatif du pays, dont quatre femmes."
    )
    stems = {q.stem: q for q in bank if q.type == "mcq"}
    q = stems["Combien de nouveaux membres ont été nommés au Conseil consultatif du pays ?"]
    assert q.correct_answers == ["28"]


def test_a_number_with_what_it_counts_matches_the_expected_number():
    assert matches("27 pays membres", "27")
    assert matches("60 ans", "60")
    assert not matches("270 pays", "27")
    assert not matches("2 700", "27")


def _truefalse(text: str):
    article = prepare_article(text, "Valdorie", dt.date(2021, 3, 4))
    ctx = build_context(article, get_nlp()(article.text))
    leading_referents(ctx)
    return [c.question for c in truefalse_questions(ctx)]


def test_a_false_statement_swaps_in_only_a_person_the_article_names():
    # the second sentence is the one made false (every other sentence); the article names
    # no other man than Paul Verneuil, so no one may take his place: the statement stays
    # true rather than naming a stranger
    text = (
        "La ministre Anne Morel a présenté la réforme des retraites devant les députés mardi. "
        "Le président Paul Verneuil a défendu la réforme devant le Sénat de Valdorie mercredi. "
        "Le texte sera voté en avril."
    )
    statements = _truefalse(text)
    assert len(statements) == 2
    names = {"Anne Morel", "Paul Verneuil"}
    for q in statements:
        pairs = re.finditer(r"\b(?!Le |La |Les )[A-ZÉ][a-zé]+ [A-ZÉ][a-zé]+", q.stem)
        assert {m.group() for m in pairs} <= names  # nobody the article does not name


def test_a_figure_written_in_words_is_never_swapped_for_digits():
    text = (
        "Le conseil de Valdorie a adopté la réforme des retraites mardi soir. "
        "Les livraisons seront divisées en trois ou quatre lots selon le ministère de Valdorie."
    )
    statements = [q for q in _truefalse(text) if "lots" in q.stem]
    assert statements
    assert all("trois ou quatre lots" in q.stem for q in statements)


def test_a_when_question_never_starts_on_a_subject_owned_by_the_sentence_before():
    bank = _bank(
        "Le pipeline\n\nLe projet de pipeline de Valdorie a été relancé par le gouvernement. "
        "Son tracé avait été rejeté en décembre 2019 après une forte mobilisation des écologistes. "
        "Habitants de Castel et de Lacombe, deux hommes ont été condamnés le 4 décembre 2019 "
        "à dix-huit mois de prison."
    )
    stems = [q.stem for q in bank]
    assert not any(s.startswith(("Quand Son", "Quand son", "Quand Habitants")) for s in stems)


def test_a_country_is_asked_with_dans_quel_pays():
    bank = _bank(
        "La visite\n\nLe président de Valdorie, Paul Verneuil, s'est rendu en Italie le 3 mars "
        "2021 pour signer un accord commercial. La France et la Belgique ont salué l'accord. "
        "La Suisse a critiqué le texte."
    )
    places = [q for q in bank if q.kind == "place" and q.correct_answers == ["L'Italie"]]
    assert places and all(q.stem.startswith("Dans quel pays ") for q in places)


def test_a_question_on_a_side_actor_comes_after_one_on_the_main_actor():
    text = (
        "La réforme\n\nLa ministre Anne Morel a présenté mardi la réforme des retraites de "
        "Valdorie. Anne Morel a défendu un texte « juste et nécessaire ». Selon Anne Morel, la "
        "réforme sera votée en avril. Le porte-parole du syndicat, Jean Castel, a critiqué le "
        "projet. Le député Marc Lacombe a demandé un référendum."
    )
    bank = _bank(text)
    about = [
        (i, q)
        for i, q in enumerate(bank)
        if q.type == "mcq" and q.kind in ("role", "position", "quote")
    ]
    main = [i for i, q in about if "Anne Morel" in q.correct_answers]
    side = [i for i, q in about if set(q.correct_answers) & {"Jean Castel", "Marc Lacombe"}]
    assert main and side
    assert min(main) < min(side)


def test_after_plus_de_every_wrong_option_is_false():
    bank = _bank(
        "La crise\n\nLa Valdorie est désormais sans gouvernement depuis plus de six mois, selon "
        "le président du Sénat de Valdorie, Paul Verneuil."
    )
    qs = [q for q in bank if q.type == "cloze" and q.correct_answers == ["6 mois"]]
    assert qs
    for q in qs:
        assert "plus de {1}" in q.stem
        wrong = [a.text for a in q.blanks[0].answers if a.fraction < 1]
        assert all(int(w.split()[0]) > 6 for w in wrong)


def test_less_than_two_millions_is_written_in_the_singular():
    bank = _bank(
        "L'amende\n\nLa banque Castel a écopé de 1,8 million d'euros d'amende pour avoir organisé "
        "les montages financiers du ministre Paul Verneuil, a annoncé le tribunal de Valdorie."
    )
    options = [
        a.text
        for q in bank
        if q.type == "cloze"
        for b in q.blanks
        for a in b.answers
        if "euros" in a.text
    ]
    assert "1,8 million d'euros" in options
    assert all(("millions" in o) == (float(o.split()[0].replace(",", ".")) >= 2) for o in options)


def test_a_title_is_written_in_lower_case_and_its_body_in_full():
    bank = _bank(
        "La procédure\n\nLa Commission européenne a lancé une procédure contre la Valdorie. "
        "Le président de la Commission, Paul Verneuil, a défendu la décision devant les "
        "députés. Le ministre de la Défense, Marc Lacombe, a critiqué la procédure. "
        "Le Ministre des Finances, Jean Castel, a demandé un délai. La porte-parole du "
        "gouvernement, Anne Morel, a refusé de commenter."
    )
    roles = [q for q in bank if q.kind == "role" and q.type == "mcq"]
    texts = [q.stem for q in roles] + [a.text for q in roles for a in q.answers]
    assert any("président de la Commission européenne" in t for t in texts)
    assert not any(t.startswith("Ministre") or " le Ministre" in t for t in texts)


def test_a_heading_is_never_a_true_or_false_statement():
    bank = _bank(
        "Le budget\n\nLe gouvernement de Valdorie a présenté son budget mardi devant les "
        "députés de l'assemblée.\n\nCrises politiques en Valdorie et en Castelie\n\n"
        "La Valdorie est sans gouvernement depuis six mois selon le président du Sénat."
    )
    assert not any(q.stem.startswith("Crises politiques") for q in bank)


def test_ainsi_linking_to_the_sentence_before_is_dropped_from_a_copied_sentence():
    from quizapp.generation.standalone import plain_statement

    assert plain_statement("La Valdorie est ainsi accusée par Castel.") == (
        "La Valdorie est accusée par Castel."
    )
    assert plain_statement("La Valdorie ainsi que Castel ont signé.") == (
        "La Valdorie ainsi que Castel ont signé."
    )


def test_a_date_that_says_what_for_is_not_asked_as_when():
    bank = _bank(
        "Les accords\n\nLe 30 décembre 2015, les accords de Castel visant à mettre fin au "
        "conflit de Valdorie avaient été prolongés pour 2016 par les deux parties."
    )
    assert not any(q.correct_answers == ["en 2016"] for q in bank)
    assert not any(q.stem.endswith("pour ?") for q in bank)


def test_a_weekday_evening_reads_au_soir_once_dated():
    from quizapp.generation.dates import absolute_dates

    text = "Le président a annoncé mercredi soir la création de 8 000 emplois."
    assert absolute_dates(text, dt.date(2016, 12, 29)) == (
        "Le président a annoncé le 28 décembre 2016 au soir la création de 8 000 emplois."
    )


def test_an_elision_before_a_quotation_mark_loses_its_stray_space():
    from quizapp.generation.text import clean_text

    assert clean_text("une situation qualifiée d' « inédite » par le ministre") == (
        "une situation qualifiée d'« inédite » par le ministre"
    )


def test_when_is_not_asked_of_a_state_a_recent_past_or_a_verb_cut_from_its_object():
    bank = _bank(
        "Le conflit\n\nLe 10 septembre 2017, les soldats de Valdorie sont à moins de sept "
        "kilomètres de Castel. Paul Verneuil vient d'être condamné le 23 janvier 2017 par la "
        "cour d'appel de Castel. Le 24 janvier 2017, les députés de Valdorie ont approuvé, le "
        "texte sur les retraites, en deuxième lecture, à la quasi-unanimité et malgré les "
        "critiques de l'opposition."
    )
    dates = [q.stem for q in bank if q.kind == "date" and q.type == "mcq"]
    assert not any("sont-ils à moins" in s for s in dates)
    assert not any("vient-il d" in s for s in dates)
    assert not any(s.endswith("ont-ils approuvé ?") for s in dates)


def test_a_weekday_evening_leaves_the_question_with_its_date():
    bank = _bank(
        "Les emplois\n\nLe président Paul Verneuil a annoncé mercredi soir la création de "
        "8 000 emplois dans les usines de Valdorie.",
        date=dt.date(2016, 12, 29),
    )
    dates = [q for q in bank if q.kind == "date" and q.type == "mcq"]
    assert dates
    for q in dates:
        assert " soir" not in q.stem
        assert q.correct_answers == ["le 28 décembre 2016"]


def test_a_who_question_never_keeps_the_apposition_of_the_name_it_asks():
    from quizapp.generation.ranking import _BROKEN_WHO

    assert _BROKEN_WHO.match("Qui président de la commission, a présenté les difficultés ?")
    assert _BROKEN_WHO.match("Qui a lui vu sa peine aggravée ?")
    assert not _BROKEN_WHO.match("Qui a présenté les difficultés de la commission ?")
    assert not _BROKEN_WHO.match("Qui a lui-même été chargé de la lutte contre la fraude ?")


def test_a_conversion_in_parentheses_and_a_tallys_details_are_not_asked():
    bank = _bank(
        "La loi\n\nLe texte de Valdorie prévoit une amende de 30 000 roubles (470 euros) ou une "
        "incarcération de 15 jours. Le bilan de l'attaque de Castel est passé à 17 morts "
        "(incluant quatre policiers) et 41 blessés, puis 48 selon le ministère de Valdorie."
    )
    answers = [a for q in bank if q.kind == "figure" for a in q.correct_answers]
    assert "15 jours" in answers
    assert not any(a.startswith(("470", "4 ", "48")) for a in answers)


def test_the_comma_after_a_date_goes_with_it():
    bank = _bank(
        "La loi\n\nLes députés de Valdorie ont approuvé ce mercredi 25 janvier, un projet de loi "
        "controversé visant à alléger les peines des fraudeurs.",
        date=dt.date(2017, 1, 27),
    )
    stems = [q.stem for q in bank if q.kind == "date" and q.type == "mcq"]
    assert (
        "Quand les députés de Valdorie ont-ils approuvé un projet de loi controversé visant à "
        "alléger les peines des fraudeurs ?" in stems
    )


def test_ajoute_que_reads_declare_que_once_alone():
    from quizapp.generation.standalone import without_addition

    assert without_addition("Paul Verneuil ajoute qu'« il y a des accords qui durent ».") == (
        "Paul Verneuil déclare qu'« il y a des accords qui durent »."
    )
    assert without_addition("Qui a ajouté que la loi passera ?") == (
        "Qui a déclaré que la loi passera ?"
    )
    assert without_addition("Il ajoute une clause au texte.") == "Il ajoute une clause au texte."


def test_a_copied_sentence_in_the_present_says_when():
    bank = _bank(
        "La crise\n\nLes libéraux de Valdorie réalisent leur pire score, avec 20,5 % des "
        "voix, et perdent 40 sièges au Parlement. Paul Verneuil a été élu le 3 mars 2021 président du Sénat de Valdorie.",
        date=dt.date(2017, 9, 26),
    )
    copied = [q.stem for q in bank if q.type in ("truefalse", "cloze")]
    present = [s for s in copied if "réalisent" in s]
    assert present and all(s.startswith("En septembre 2017, les libéraux") for s in present)
    past = [s for s in copied if "a été élu" in s]
    assert past and not any(s.startswith("En septembre 2017") for s in past)


def test_a_figure_blank_never_opens_on_an_unresolved_il():
    bank = _bank(
        "Le procès\n\nPaul Verneuil et Marc Lacombe ont été jugés mardi par le tribunal de Castel. "
        "Il est aussi condamné à 75 000 euros d'amende et à cinq ans d'inéligibilité."
    )
    clozes = [q for q in bank if q.type == "cloze"]
    assert clozes  # the first sentence still gives its blanks
    assert not any(re.match(r"(?:En \w+ \d{4}, )?[Ii]l ", q.stem) for q in clozes)


def test_a_name_in_the_subjects_apposition_is_not_who_il_is():
    bank = _bank(
        "Le procès\n\nPaul Verneuil, ancien directeur du cabinet de Marc Lacombe, a été condamné "
        "lundi par la cour d'appel de Castel à deux ans de prison. Il a vu sa peine initiale de "
        "30 mois aggravée par la cour d'appel de Castel."
    )
    copied = [q.stem for q in bank if q.type == "truefalse"]
    assert any(s.startswith("Paul Verneuil a vu sa peine initiale") for s in copied)


def test_a_range_is_asked_whole_among_ranges_scaled_alike():
    bank = _bank(
        "L'investissement\n\nLe président Paul Verneuil rappelle que la Valdorie compte attirer "
        "30 à 50 milliards de dollars d'investissements étrangers au cours des cinq prochaines "
        "années pour porter sa croissance à 8 % alors qu'elle est aujourd'hui proche de zéro à "
        "cause des sanctions internationales qui frappent le pays depuis des années."
    )
    ranges = [q for q in bank if q.correct_answers == ["30 à 50 milliards de dollars"]]
    assert ranges, [q.stem for q in bank]
    q = ranges[0]
    assert "attirer {1} d'investissements" in q.stem
    options = _options(q)
    assert len(set(options)) == 4 and all(
        re.fullmatch(r"\d+ à \d+ milliards de dollars", o) for o in options
    )
    # never one end alone: « 30 à {1} » asks half a figure
    assert not any("30 à {1}" in q.stem or "{1} à 50" in q.stem for q in bank)
    # the growth is asked too, in the sentence cut before its trailing « alors qu' … »
    growth = [q for q in bank if q.correct_answers == ["8 %"]]
    assert growth and all("alors qu" not in q.stem for q in growth)


def test_entre_and_et_make_a_range_too():
    bank = _bank(
        "La fraude\n\nLa fraude fiscale coûte chaque année entre 60 et 80 milliards d'euros à "
        "l'État de Valdorie, selon la procureure Anne Morel."
    )
    answers = [q.correct_answers for q in bank if q.kind == "figure"]
    assert ["entre 60 et 80 milliards d'euros"] in answers


def test_a_name_that_only_completes_the_subject_is_not_who_is_asked():
    bank = _bank(
        "Les élections\n\nLe parti de Valdo Morel arrive en tête des élections législatives de "
        "Valdorie avec 33 % des voix. La seule option permettant la reconduction de Valdo Morel "
        "est donc une coalition dite « tricolore » en référence au drapeau du pays."
    )
    assert not any(q.stem.startswith("Qui est une coalition") for q in bank), [q.stem for q in bank]


def test_a_plural_participle_left_in_a_country_question_is_not_asked():
    bank = _bank(
        "La frappe\n\nLa coalition a frappé samedi l'armée de Valdorie près de Castel. Dans un "
        "nouveau communiqué, les États-Unis se sont défendus en affirmant avoir été trompés par "
        "de fausses informations russes, selon le porte-parole Paul Verneuil."
    )
    assert not any("trompés" in q.stem and q.stem.startswith("Quel pays") for q in bank)


def test_a_day_and_month_without_its_year_is_blanked_with_the_article_s_year():
    bank = _bank(
        "La visite\n\nLe ministre Paul Verneuil a annoncé la signature d'un contrat pour "
        "l'achat de 40 trains. Le contrat devrait être signé lors de la visite officielle du "
        "président Jean Morel en Valdorie, prévue le 27 septembre. Le président Jean Morel se "
        "rendra aussi à Castel du 25 au 27 septembre pour une visite officielle.",
        date=dt.date(2016, 9, 19),
    )
    dated = [q for q in bank if q.kind == "date" and q.type == "cloze"]
    visit = [q for q in dated if "prévue le {1}" in q.stem]
    assert visit and visit[0].correct_answers == ["27 septembre 2016"], [q.stem for q in bank]
    assert all(re.fullmatch(r"\d{1,2} [a-zéû]+ 2016", o) for o in _options(visit[0]))
    # one end of a stay is never asked alone
    assert not any("du 25 au {1}" in q.stem or "{1} au 27" in q.stem for q in bank)


def test_a_past_event_gets_no_wrong_date_after_the_article():
    bank = _bank(
        "La frappe\n\nUne frappe aérienne a tué 60 soldats valdoriens près de Castel le 17 "
        "septembre 2016, selon le ministre Paul Verneuil. La trêve avait été signée le 12 "
        "septembre 2016 par le président Jean Morel.",
        date=dt.date(2016, 9, 19),
    )
    dated = [q for q in bank if q.kind == "date"]
    assert dated
    for q in dated:
        options = [a.text for a in q.answers] + _options(q)
        assert not any("octobre" in o or "24 septembre" in o for o in options), options


def test_a_cut_sentence_does_not_end_on_its_conjunction():
    from quizapp.generation.trim import shorten

    text = (
        "La Valdorie est depuis plus de six mois sans gouvernement capable de mener des "
        "réformes, malgré deux élections législatives consécutives qui n'ont pas réussi à "
        "dégager de majorité et alors que les négociations pour la formation d'une coalition "
        "sont au point mort depuis le printemps dernier, selon les observateurs de Castel."
    )
    at = text.index("deux élections")
    short = shorten(text, at, at + len("deux élections"))
    assert short is not None and short.text.endswith("de majorité."), short


def test_a_name_cut_in_two_is_never_half_blanked():
    bank = _bank(
        "L'investissement\n\nLe président du groupe de Castel, Takeshi Son, avait déjà prévu "
        "l'investissement de 50 milliards de dollars en Valdorie, selon le ministre Paul "
        "Verneuil. Amina Al Morel était la seule autre femme à servir en tant que ministre "
        "pour le gouvernement de la Valdorie, selon le ministre Paul Verneuil."
    )
    assert not any(
        re.search(r"\{1\} (?:Son|Morel)\b|(?:Takeshi|Amina) \{1\}", q.stem) for q in bank
    )


def test_a_false_statement_never_puts_a_name_under_someone_else_s_title():
    text = (
        "Le vote\n\nLe député Paul Verneuil s'est réjoui mardi de l'issue du vote de la loi "
        "sur la presse, selon le journal de Castel. Le président Jean Morel a promulgué la loi "
        "sur la presse mercredi. Anne Lacombe, cheffe de l'opposition, a dénoncé la loi sur la "
        "presse jeudi devant les sénateurs."
    )
    statements = [
        q.stem for q in _bank(text) if q.type == "truefalse" and q.correct_answers == ["false"]
    ]
    for st in statements:
        assert "député Jean Morel" not in st and "président Paul Verneuil" not in st, st
        assert not re.search(r"(?:Paul Verneuil|Jean Morel), cheffe de l'opposition", st), st
