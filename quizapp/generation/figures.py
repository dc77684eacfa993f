"""Quantities in a sentence: "environ 10 000 soldats", "jusqu'à 8 000", "27 pays", "6,5 %"."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_NUMBER_WORD = (
    r"(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize"
    r"|vingt|trente|quarante|cinquante|soixante|cent|cents|mille)"
)
_FIG = re.compile(
    r"(?P<hedge>\b(?:environ|jusqu'à|près de|plus de|moins de|au moins|quelque|presque)\s)?"
    r"(?P<num>(?<![\w,.-])\d{1,3}(?:[  ]\d{3})+(?:,\d+)?(?![\d])|(?<![\w,.-])\d+(?:,\d+)?(?![\d,]|\.\d|e\b|er\b)"
    rf"|\b{_NUMBER_WORD}(?:[- ](?:et[- ])?{_NUMBER_WORD})*\b|\bun(?=\s(?:million|milliard)))"
    r"(?P<scale>\s(?:millions?|milliards?)(?:\sd[e'])?)?"
    r"(?P<unit>\s?%|(?:\s|(?<=d'))(?:d')?[a-zàâçéèêëîïôûùüÿœ'-]+(?:\s(?:nord|sud)-[a-zé]+|\s(?!(?:des|les|ces|ses|mes|tes|nos|vos|leurs)\b)[a-zé]+(?:ens|ains|ais|ois|aises|iennes|éennes|ées|és|aux|es))?)?",
    re.IGNORECASE,
)
_NOT_UNITS = {
    "et",
    "ou",
    "de",
    "du",
    "des",
    "à",
    "en",
    "le",
    "la",
    "les",
    "qui",
    "que",
    "pour",
    "par",
    "sur",
    "dans",
}


@dataclass(frozen=True)
class Figure:
    start: int  # offsets in the string searched, covering hedge + number + unit
    end: int
    num_start: int
    num_end: int
    value: float
    surface: str  # the number as written: "10 000"
    hedge: str
    unit: str  # "soldats nord-coréens", "%", "" when the noun is elsewhere

    @property
    def tolerance(self) -> float:
        if self.hedge in ("environ", "près de", "presque", "quelque"):
            return round(self.value * 0.1, 6)
        return 0.0 if self.value < 100 else round(self.value * 0.02, 6)


def parse_number(surface: str) -> float | None:
    s = surface.replace(" ", "").replace("\u202f", "").replace("\u00a0", "").replace(",", ".")
    try:
        return float(s)
    except ValueError:
        pass
    try:
        from text_to_num import text2num

        if surface.lower() == "un":
            return 1.0
        return float(text2num(surface.lower().replace(" ", "-"), "fr"))
    except (ValueError, ImportError):
        return None


def find_figures(text: str, excluded: list[tuple[int, int]] = ()) -> list[Figure]:
    """Quantities, skipping the spans in ``excluded`` (dates) and years."""
    out = []
    for m in _FIG.finditer(text):
        ns, ne = m.span("num")
        if any(not (ne <= a or ns >= b) for a, b in excluded):
            continue
        value = parse_number(m["num"])
        if value is None:
            continue
        scale = (m["scale"] or "").strip()
        if scale.startswith("million"):
            value *= 1e6
        elif scale.startswith("milliard"):
            value *= 1e9
        unit = (m["unit"] or "").strip()
        if unit.split(" ")[0].lower() in _NOT_UNITS:
            unit = ""
        if 1000 <= value <= 2100 and "," not in m["num"] and " " not in m["num"] and not unit:
            continue  # a bare year
        if text[max(0, ns - 1) : ns] == "-" or re.match(r"\s?(?:e|er|ème|es)\b", text[ne : ne + 4]):
            continue
        surface = m["num"] + (" " + scale if scale else "")
        end = m.end("unit") if unit else (m.end("scale") if scale else ne)
        out.append(
            Figure(
                m.start(),
                end,
                ns,
                ne,
                value,
                surface.strip(),
                (m["hedge"] or "").strip().lower(),
                unit,
            )
        )
    return out


def format_number(value: float) -> str:
    """French digits: 10 000, 6,5."""
    if value >= 1e9 and value % 1e9 == 0:
        n = int(value // 1e9)
        return f"{n} milliard{'s' if n > 1 else ''}"
    if value >= 1e6 and value % 1e6 == 0:
        n = int(value // 1e6)
        return f"{n} million{'s' if n > 1 else ''}"
    if value == int(value):
        return f"{int(value):,}".replace(",", " ")
    return f"{value:,.1f}".replace(",", " ").replace(".", ",")


def number_distractors(
    value: float,
    others: list[float],
    n: int = 3,
    spread: tuple[float, ...] = (0.5, 1.5, 2, 0.7, 3, 1.3),
) -> list[float]:
    """Wrong values of the same magnitude: the article's other figures first, then round neighbours."""
    out: list[float] = []

    def ok(v: float) -> bool:
        return (
            v > 0
            and v != value
            and all(abs(v - o) > 1e-9 for o in out)
            and abs(v - value) > value * 0.12
        )

    for o in others:
        if ok(o) and 0.3 <= o / value <= 3.5:
            out.append(o)
        if len(out) == n:
            return out
    for f in spread:
        v = _round2(value * f, value)
        if ok(v):
            out.append(v)
        if len(out) == n:
            break
    return out


def _round2(v: float, ref: float) -> float:
    if ref == int(ref) and ref < 20:
        return float(max(1, round(v)))
    if v <= 0:
        return v
    digits = int(math.floor(math.log10(abs(v))))
    step = 10 ** max(digits - 1, 0) if ref == int(ref) else 10 ** (digits - 1)
    return round(v / step) * step


def in_range(text: str, f: Figure) -> bool:
    """« 30 à 50 milliards », « entre 60 et 90 soldats », « 16 ou 17 morts »: the figure
    is one end of a range or of an alternative."""
    before, after = text[: f.num_start], text[f.num_end :]
    return bool(
        re.search(r"(?:\d|\b(?:entre|de)\s+\d[\d  ,]*)\s+(?:à|et|ou)\s+$", before)
        or re.match(r"\s+(?:à|ou)\s+\d", after)
        or re.search(r"\bentre\s+$", before)
        and re.match(r"\s+et\s+\d", after)
    )
