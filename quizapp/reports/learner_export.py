"""A learner's data as files: JSON for machines, one self-contained HTML page for
people (it opens offline, prints well and needs no account)."""

from __future__ import annotations

import json
import re
from typing import Any

from flask import render_template


def learner_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def learner_html(data: dict[str, Any]) -> str:
    return render_template("account/learner_data.html", data=data)


def download_name(data: dict[str, Any], fmt: str) -> str:
    username = re.sub(r"[^a-z0-9._-]+", "-", data["account"]["username"]) or "compte"
    return f"quizapp-donnees-{username}.{fmt}"
