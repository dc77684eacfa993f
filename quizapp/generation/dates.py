"""French date expressions: finding them, resolving relative ones, writing them back."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
_MONTH_RE = "|".join(MONTHS) + "|fevrier|aout|decembre"
_WEEKDAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
_DAY_RE = re.compile(
    rf"\b(?:(?P<prep>le|ce|du|au|depuis le|dès le|avant le|après le|jusqu'au)\s+)?"
    rf"(?:(?P<wd>{_WEEKDAY})\s+)?(?P<day>1er|[12]?\d|3[01])\s+(?P<month>{_MONTH_RE})"
    rf"(?:\s+(?P<year>\d{{4}}))?\b",
    re.IGNORECASE,
)
_WD_DAY_RE = re.compile(
    rf"\b(?P<wd>{_WEEKDAY})\s+(?P<day>1er|[12]?\d|3[01])\b(?!\s*(?:{_MONTH_RE}|\d))", re.IGNORECASE
)
_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
#: A day named only relative to the article: « hier », « ce vendredi », « mardi dernier ».
_RELATIVE_DAY_RE = re.compile(
    rf"\b(?:(?P<word>avant-hier|hier|aujourd'hui|après-demain|demain)"
    rf"|(?:(?P<this>ce(?:\s+même)?)\s+)?(?P<wd>{_WEEKDAY})(?:\s+(?P<rel>dernier|prochain))?)\b"
    rf"(?!\s*(?:\d|1er|{_MONTH_RE}))",
    re.IGNORECASE,
)
_WORD_DAYS = {"avant-hier": -2, "hier": -1, "aujourd'hui": 0, "demain": 1, "après-demain": 2}
#: « le mois dernier », « cette année », « l'an dernier »: a month or a year named relatively.
_RELATIVE_PERIOD_RE = re.compile(
    r"\b(?P<what>le mois dernier|le mois prochain|ce mois-ci|cette année|l'an dernier"
    r"|l'année dernière|l'an prochain|l'année prochaine)\b",
    re.IGNORECASE,
)
_MONTH_ONLY_RE = re.compile(
    rf"\b(?P<prep>en|depuis|dès|d'|fin|début|avant|après|jusqu'en)?\s*(?P<month>{_MONTH_RE})"
    rf"(?:\s+(?P<year>\d{{4}}))?(?P<rel>\s+dernier|\s+prochain)?\b",
    re.IGNORECASE,
)
_YEAR_RE = re.compile(
    r"\b(?P<prep>en|depuis|dès|avant|après|jusqu'en|de)?\s*(?<!\d )(?<!années )(?<![\d,.])(?P<year>1[0-9]\d\d|20\d\d)\b(?!\d|,\d| \d{3}\b|\s*%)"
)


@dataclass(frozen=True)
class DateValue:
    """A point in time with its precision: ``day``, ``month`` or ``year``."""

    year: int | None
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def text(self, prep: bool = True) -> str:
        """French wording: "le 1er novembre 2024", "en juin 2024", "en 2022"."""
        y = f" {self.year}" if self.year else ""
        if self.day:
            d = "1er" if self.day == 1 else str(self.day)
            return f"{'le ' if prep else ''}{d} {MONTHS[self.month - 1]}{y}"
        if self.month:
            return f"{'en ' if prep else ''}{MONTHS[self.month - 1]}{y}"
        return f"{'en ' if prep else ''}{self.year}"


@dataclass(frozen=True)
class DateMention:
    start: int  # offsets in the string searched
    end: int
    surface: str
    value: DateValue
    resolved: bool  # True when a relative expression was pinned with the article date


def _month_num(name: str) -> int:
    name = (
        name.lower()
        .replace("fevrier", "février")
        .replace("aout", "août")
        .replace("decembre", "décembre")
    )
    return MONTHS.index(name) + 1


def find_dates(text: str, ref: dt.date | None = None) -> list[DateMention]:
    """Every date expression in ``text``, longest first where they overlap."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern, group, read, needs_ref in _READERS:
        if needs_ref and ref is None:
            continue
        for m in pattern.finditer(text):
            a, b = m.start(group), m.end()
            if not all(b <= s or a >= e for s, e in taken):
                continue  # inside a longer date already read
            d = read(text, ref, m)
            if d is not None:
                found.append(d)
                taken.append((d.start, d.end))
    found.sort(key=lambda d: d.start)
    return found


def _read_day(text: str, ref: dt.date | None, m: re.Match) -> DateMention | None:
    """ "le 1er novembre 2024", "mardi 4 décembre": a day of a month, its year guessed from
    the article's date when not written."""
    day = 1 if m["day"].lower() == "1er" else int(m["day"])
    month = _month_num(m["month"])
    year = int(m["year"]) if m["year"] else None
    resolved = False
    if year is None and ref is not None:
        year, resolved = _nearest_year(ref, month, day, m["wd"]), True
    if valid_day(year, month, day) and _weekday_agrees(m["wd"], year, month, day):
        return DateMention(m.start(), m.end(), m.group(), DateValue(year, month, day), resolved)
    return None


def _read_weekday_day(text: str, ref: dt.date, m: re.Match) -> DateMention | None:
    """ "vendredi 1er": the day of the article's month (or a near one) it names."""
    day = 1 if m["day"].lower() == "1er" else int(m["day"])
    value = _nearest_day(ref, day, m["wd"])
    return DateMention(m.start(), m.end(), m.group(), value, True) if value else None


def _read_relative_day(text: str, ref: dt.date, m: re.Match) -> DateMention | None:
    """ "hier", "lundi dernier": a day counted from the article's date."""
    day = _relative_day(ref, m)
    if day is None:
        return None
    return DateMention(m.start(), m.end(), m.group(), DateValue(day.year, day.month, day.day), True)


def _read_relative_period(text: str, ref: dt.date, m: re.Match) -> DateMention:
    """ "le mois dernier", "cette année": a month or a year counted from the article's date."""
    what = m["what"].lower()
    shift = -1 if "dernier" in what or "dernière" in what else 1 if "prochain" in what else 0
    if "mois" in what:
        y, mo = ref.year, ref.month + shift
        y, mo = (y - 1, 12) if mo < 1 else (y + 1, 1) if mo > 12 else (y, mo)
        value = DateValue(y, mo)
    else:
        value = DateValue(ref.year + shift)
    return DateMention(m.start(), m.end(), m.group(), value, True)


def _read_month(text: str, ref: dt.date | None, m: re.Match) -> DateMention | None:
    """ "en mars 2017", "en mars dernier": a month, never a bare month name."""
    if m["prep"] is None and m["year"] is None and not m["rel"]:
        return None  # a bare month name ("mars") is too often something else
    month = _month_num(m["month"])
    year = int(m["year"]) if m["year"] else None
    resolved = False
    if year is None and ref is not None:
        rel = (m["rel"] or "").strip().lower()
        if rel == "prochain":
            year = ref.year if month > ref.month else ref.year + 1
        elif rel == "dernier":
            year = ref.year if month < ref.month else ref.year - 1
        else:
            year = ref.year if month <= ref.month else ref.year - 1
        resolved = True
    s = m.start() if m["prep"] else m.start("month")
    return DateMention(s, m.end(), text[s : m.end()].strip(), DateValue(year, month), resolved)


#: Words ending like a plural that can follow a year without being counted by it.
_NOT_PLURAL_NOUNS = frozenset(
    "alors ainsi après avons depuis dès dans des les ces ses mes tes nos vos leurs aux lors "
    "mais moins plus puis sans sous sont tous toutes très trop vers jamais toujours inclus "
    "compris exclus jusqu'alors parfois".split()
)
#: « de 400 à 1200 », « entre 300 et 1500 »: the first end of a range, too small to be a year.
_RANGE_START = re.compile(r"\b(?:de|entre)\s+(\d[\d\s]*)\s+(?:à|et)\s+$", re.IGNORECASE)


def _is_count(text: str, m: re.Match) -> bool:
    """« 1900 domiciles inondés », « passer de 400 à 1200 »: a four-digit number that counts
    something, not a year: a plural noun right after it, or the far end of a range whose
    first end is not a year."""
    if m["prep"] and m["prep"].lower() != "de":
        return False  # « en 2014 », « depuis 2016 »
    after = re.match(r"\s+([a-zàâçéèêëîïôûùüÿœ'-]+)", text[m.end() :])
    if after and after.group(1).endswith(("s", "x")) and len(after.group(1)) > 3:
        if after.group(1).lower() not in _NOT_PLURAL_NOUNS:
            return True
    first = _RANGE_START.search(text[: m.start("year")])
    return bool(first) and int(re.sub(r"\D", "", first.group(1)) or 0) < 1000


def _read_year(text: str, ref: dt.date | None, m: re.Match) -> DateMention | None:
    """ "en 2014", "2016": a year, with its preposition when it has one."""
    if _is_count(text, m):
        return None
    s = m.start() if m["prep"] else m.start("year")
    if text[s : m.start("year")].strip() == "" and s != m.start("year"):
        s = m.start("year")
    return DateMention(s, m.end(), text[s : m.end()].strip(), DateValue(int(m["year"])), False)


#: (pattern, the group from which a match must not overlap a date read before, reader,
#: whether it needs the article's date), longest expressions first.
_READERS = (
    (_DAY_RE, 0, _read_day, False),
    (_WD_DAY_RE, 0, _read_weekday_day, True),
    (_RELATIVE_DAY_RE, 0, _read_relative_day, True),
    (_RELATIVE_PERIOD_RE, 0, _read_relative_period, True),
    (_MONTH_ONLY_RE, "month", _read_month, False),
    (_YEAR_RE, "year", _read_year, False),
)


def valid_day(year: int | None, month: int, day: int) -> bool:
    try:
        dt.date(year or 2000, month, day)
    except ValueError:
        return False
    return True


def _weekday_agrees(weekday: str | None, year: int | None, month: int, day: int) -> bool:
    """A date written with its weekday (« mercredi 29 mars ») names that day only when
    the weekday is right; a contradiction is never moved silently to another date."""
    if not weekday or year is None:
        return True
    return _WEEKDAYS.index(weekday.lower()) == dt.date(year, month, day).weekday()


def _nearest_year(ref: dt.date, month: int, day: int, weekday: str | None = None) -> int:
    years = [
        y
        for y in (ref.year - 1, ref.year, ref.year + 1)
        if valid_day(y, month, day) and _weekday_agrees(weekday, y, month, day)
    ] or [ref.year - 1, ref.year, ref.year + 1]
    return min(years, key=lambda y: abs((_safe(y, month, day) - ref).days))


def _relative_day(ref: dt.date, m: re.Match) -> dt.date | None:
    """The day « hier », « ce vendredi » or « mardi dernier » names, seen from the article's date.

    A bare weekday in news tells what happened: the last such day, the article's
    own day included (« lundi » in a Friday's article is four days before, never
    three days after); « prochain » says after."""
    if m["word"]:
        return ref + dt.timedelta(days=_WORD_DAYS[m["word"].lower()])
    target = _WEEKDAYS.index(m["wd"].lower())
    back = (ref.weekday() - target) % 7
    rel = (m["rel"] or "").lower()
    if rel == "prochain":
        return ref + dt.timedelta(days=(target - ref.weekday()) % 7 or 7)
    if rel == "dernier":
        return ref - dt.timedelta(days=back or 7)
    return ref - dt.timedelta(days=back)


def _safe(y: int, m: int, d: int) -> dt.date:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return dt.date(y, m, 28)


def _nearest_day(ref: dt.date, day: int, weekday: str | None = None) -> DateValue | None:
    """« mercredi 29 »: the nearest 29th (last, this or next month) that is a Wednesday;
    none when no such day is near (the text or its date is wrong: ask nothing)."""
    options = []
    for delta in (-1, 0, 1):
        y, m = ref.year, ref.month + delta
        if m < 1:
            y, m = y - 1, 12
        elif m > 12:
            y, m = y + 1, 1
        if valid_day(y, m, day) and _weekday_agrees(weekday, y, m, day):
            options.append(dt.date(y, m, day))
    if not options:
        return None
    best = min(options, key=lambda d: abs((d - ref).days))
    return DateValue(best.year, best.month, best.day)


_HEADER = re.compile(
    rf"^\s*(?:(?:{_WEEKDAY})\s+)?(?P<day>1er|\d{{1,2}})\s+(?P<month>{_MONTH_RE})\s+(?P<year>\d{{4}})\s*\.?\s*[-–—:]?\s*",
    re.IGNORECASE,
)


def parse_header_date(line: str) -> tuple[dt.date | None, str]:
    """A dateline such as "31 janvier 2016. –" at the top of a body: (date, what follows)."""
    m = _HEADER.match(line)
    if not m:
        return None, line
    rest = line[m.end() :].strip()
    if rest and not re.match(r"[A-ZÀ-Ý«]", rest):
        return None, line
    day = 1 if m["day"].lower() == "1er" else int(m["day"])
    try:
        return dt.date(int(m["year"]), _month_num(m["month"]), day), rest
    except ValueError:
        return None, line


_EXPLICIT_YEAR = re.compile(r"\b\d{4}\b")
_KEPT_PREP = re.compile(r"(?i)(depuis le|dès le|avant le|après le|jusqu'au|du|au)\s")


def absolute_dates(text: str, ref: dt.date | None) -> str:
    """``text`` with every date named relative to the article (« hier », « ce vendredi »,
    « jeudi 8 décembre », « le mois dernier ») written out in full (« le 7 décembre 2016 »),
    so that a question read weeks later still says when. Quotations are left as written."""
    if ref is None:
        return text
    out, last = [], 0
    for d in find_dates(text, ref):
        if not d.resolved or _EXPLICIT_YEAR.search(d.surface):
            continue
        if text.count("«", 0, d.start) > text.count("»", 0, d.start):
            continue
        prep = _KEPT_PREP.match(d.surface)
        if prep:  # « depuis le 8 décembre » stays « depuis le 8 décembre 2016 »
            full = prep.group(1) + " " + d.value.text(prep=False)
        else:
            full = d.value.text()
        if d.surface[:1].isupper():
            full = full[:1].upper() + full[1:]
        out.append(text[last : d.start] + full)
        last = d.end
        # « mercredi soir » reads « le 28 décembre 2016 au soir », never « … 2016 soir »
        part = _PART_OF_DAY.match(text, last)
        if part and d.value.day:
            out.append(" " + _PART_OF_DAY_AFTER_DATE[part.group(1).lower()])
            last = part.end()
    return "".join(out) + text[last:]


_PART_OF_DAY = re.compile(r"\s(soir|matin|après-midi|midi)\b", re.IGNORECASE)
_PART_OF_DAY_AFTER_DATE = {
    "soir": "au soir",
    "matin": "au matin",
    "après-midi": "dans l'après-midi",
    "midi": "à midi",
}
