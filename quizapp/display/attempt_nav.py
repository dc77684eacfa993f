"""The question buttons of an attempt's page, each built once per process.

A page of an exam shows one button per question (sixteen), each with its number, its
spoken label (« Question 3 : répondue »), a mark when answered and whether it is the
current question. Built in the template, they cost the page five escaped values
each, a tenth of its rendering; a button's HTML depends only on the locale, its
slot, whether it is answered and whether it is the current one, so it is kept.
"""

from __future__ import annotations

from flask_babel import get_locale
from markupsafe import Markup, escape

from quizapp.display.i18n import interface_text
from quizapp.domain.messages import N_

_buttons: dict[tuple[str, int, bool, bool], Markup] = {}


def jump_buttons(total: int, page: int, unanswered: set[int]) -> Markup:
    """The ``<li>`` of each question's button, ``page`` the current one."""
    locale = str(get_locale())
    parts = []
    for slot in range(total):
        key = (locale, slot, slot not in unanswered, slot == page)
        button = _buttons.get(key)
        if button is None:
            button = _buttons[key] = _button(slot, done=key[2], current=key[3])
        parts.append(button)
    # Every part is Markup already: joined as text, not escaped again one by one.
    return Markup("\n".join(parts))


def _button(slot: int, *, done: bool, current: bool) -> Markup:
    number = interface_text(N_("Question %(n)d")) % {"n": slot + 1}
    state = interface_text(N_("répondue") if done else N_("sans réponse"))
    look = "contrast" if current else "secondary outline"
    step = ' aria-current="step"' if current else ""
    return Markup(
        f'<li><button type="submit" name="go" value="p{slot}" data-jump="{slot}"'
        f' class="small {look}"{step} aria-label="{escape(f"{number} : {state}")}">'
        f'{slot + 1}<span class="jump-mark" aria-hidden="true">{" ✓" if done else ""}'
        "</span></button></li>"
    )
