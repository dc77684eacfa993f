"""Import and export through the CLI and the web: all or nothing, with every error."""

from __future__ import annotations

import json
import os
import re
import time
from io import BytesIO
from pathlib import Path

from conftest import make_bank, make_user, post

from quizapp.cli.transfer import export_command, import_command
from quizapp.extensions import db
from quizapp.models import Bank, Question

GOOD_GIFT = """// deux questions
::Q1:: Qui Choe Son Hui a-t-elle rencontré ? {=Sergueï Lavrov ~Antony Blinken ~Xi Jinping}

::Q2:: Combien de soldats nord-coréens environ ? {#10000:500}
"""
BAD_GIFT = (
    GOOD_GIFT
    + """
::Q3:: Une accolade jamais fermée {=oui ~non
"""
)


def test_cli_import_json_report_and_all_or_nothing(runner, tmp_path):
    make_user("teacher", "prof")
    good, bad = tmp_path / "good.gift", tmp_path / "bad.gift"
    good.write_text(GOOD_GIFT, encoding="utf-8")
    bad.write_text(BAD_GIFT, encoding="utf-8")
    result = runner.invoke(import_command, [str(bad), "--owner", "prof", "--json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["imported"] is False and report["errors"][0]["line"] >= 5
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(Question.id))) == 0

    result = runner.invoke(
        import_command, [str(bad), "--owner", "prof", "--json", "--skip-invalid"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["by_type"] == {"mcq": 1, "numeric": 1}

    result = runner.invoke(
        import_command, [str(good), "--bank", "Ma banque", "--owner", "prof", "--dry-run", "--json"]
    )
    assert result.exit_code == 0 and json.loads(result.stdout)["imported"] is False
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(Bank.id))) == 1  # only the --skip-invalid one


def test_cli_export_lists_what_a_format_cannot_hold(runner, tmp_path):
    teacher = make_user("teacher", "prof")
    bank = make_bank(teacher, name="Seed")
    out = tmp_path / "seed.txt"
    result = runner.invoke(export_command, ["Seed", "--format", "aiken", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "ANSWER:" in out.read_text(encoding="utf-8")
    assert "skipped" in result.output
    out_bank = tmp_path / "seed.bank.yaml"
    runner.invoke(export_command, [str(bank.id), "--format", "bank", "-o", str(out_bank)])
    result = runner.invoke(
        import_command, [str(out_bank), "--bank", "Copie", "--owner", "prof", "--json"]
    )
    assert json.loads(result.stdout)["questions"] == len(bank.questions)


def test_web_import_preview_then_confirm(client, auth):
    teacher = make_user("teacher", "prof")
    bank = make_bank(teacher, [])
    auth.login("prof")
    response = post(
        client,
        f"/teacher/banks/{bank.id}/import",
        {"upload": (BytesIO(BAD_GIFT.encode()), "bad.gift")},
        token_from="/teacher/banks",
        content_type="multipart/form-data",
    )
    html = response.get_data(as_text=True)
    assert "2 questions lues" in html and "ligne" in html
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', html).group(1)
    response = post(
        client,
        f"/teacher/banks/{bank.id}/import",
        {"token": token, "confirm": "1"},
        token_from="/teacher/banks",
    )
    assert "rien n’a été importé" in response.get_data(as_text=True)
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(Question.id))) == 0
    post(
        client,
        f"/teacher/banks/{bank.id}/import",
        {"token": token, "confirm": "1", "skip_invalid": "y"},
        token_from="/teacher/banks",
    )
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(Question.id))) == 2


def test_web_import_preview_shows_what_was_changed_on_the_way(client, auth):
    teacher = make_user("teacher", "prof")
    bank = make_bank(teacher, [])
    auth.login("prof")
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n<question type="multichoice">'
        "<name><text>G7</text></name><questiontext><text>Lesquels ?</text></questiontext>"
        '<single>false</single><answer fraction="100"><text>France</text></answer>'
        '<answer fraction="100"><text>Japon</text></answer>'
        '<answer fraction="0"><text>Chine</text></answer></question></quiz>'
    )
    response = post(
        client,
        f"/teacher/banks/{bank.id}/import",
        {"upload": (BytesIO(xml.encode()), "g7.xml")},
        token_from="/teacher/banks",
        content_type="multipart/form-data",
    )
    html = response.get_data(as_text=True)
    assert "1 question lue" in html and "erreur" not in html
    assert "ligne 3 : les 2 bonnes options valaient chacune 100 %" in html


def test_an_upload_never_confirmed_is_deleted_after_a_day(app, client, auth):
    teacher = make_user("teacher", "prof")
    bank = make_bank(teacher, [])
    auth.login("prof")

    def upload(name: str) -> str:
        html = post(
            client,
            f"/teacher/banks/{bank.id}/import",
            {"upload": (BytesIO(BAD_GIFT.encode()), name)},
            token_from="/teacher/banks",
            content_type="multipart/form-data",
        ).get_data(as_text=True)
        return re.search(r'name="token" type="hidden" value="([^"]+)"', html).group(1)

    stash = Path(app.config["DATA_DIR"]) / "uploads"
    old = upload("old.gift")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(stash / old, (two_days_ago, two_days_ago))
    html = post(
        client,
        f"/teacher/banks/{bank.id}/import",
        {"token": old, "confirm": "1", "skip_invalid": "y"},
        token_from="/teacher/banks",
    ).get_data(as_text=True)
    assert "plus disponible" in html
    fresh = upload("fresh.gift")
    assert sorted(p.name for p in stash.iterdir()) == [fresh]


def test_web_export_downloads_a_file(client, auth):
    teacher = make_user("teacher", "prof")
    bank = make_bank(teacher)
    auth.login("prof")
    response = client.get(f"/teacher/banks/{bank.id}/export/moodle_xml")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    assert b"<quiz>" in response.data and b"Sergue" in response.data
    assert client.get(f"/teacher/banks/{bank.id}/export/pdf").status_code == 404


def test_an_import_pairs_each_question_with_its_own_first_version(runner, tmp_path):
    """Questions added to a bank that already has some keep their own text, type,
    review state and author, in the file's order, each with version 1 as current."""
    teacher = make_user("teacher", "prof")
    bank = make_bank(teacher, name="Seed")
    before = {q.id for q in bank.questions}
    lines = []
    for n in range(60):
        if n % 3 == 0:
            lines.append(f"::N{n}:: Question numéro {n} : combien ? {{#{n + 1}}}")
        elif n % 3 == 1:
            lines.append(f"::T{n}:: Question numéro {n} : vrai ? {{TRUE}}")
        else:
            lines.append(f"::M{n}:: Question numéro {n} : qui ? {{=bon{n} ~faux{n} ~autre{n}}}")
    path = tmp_path / "many.gift"
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(import_command, [str(path), "--bank", "Seed", "--owner", "prof"])
    assert result.exit_code == 0, result.output
    db.session.rollback()
    added = db.session.scalars(
        db.select(Question)
        .where(Question.bank_id == bank.id, Question.id.not_in(before))
        .order_by(Question.id)
    ).all()
    assert len(added) == 60
    expected_types = {0: "numeric", 1: "truefalse", 2: "mcq"}
    for n, question in enumerate(added):
        version = question.current_version
        assert version is not None and version.number == 1 and version.question_id == question.id
        assert [v.id for v in question.versions] == [version.id]
        assert question.type == version.data["type"] == expected_types[n % 3]
        assert version.data["stem"].startswith(f"Question numéro {n} :")
        assert question.status == "accepted" and version.created_by_id == teacher.id
    assert len(db.session.get(Bank, bank.id).questions) == len(before) + 60
