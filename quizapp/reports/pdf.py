"""Printable reports with fpdf2: summary, charts drawn with fpdf2's own
rectangles and lines (no image library), question statistics and tables.

Only fpdf2's core Helvetica is used, so nothing needs installing. It is written
in Windows-1252, which holds French with its typography (accents, « », œ, the
en dash of « 0–10 » or « Révision – quiz », curly quotes, …); other characters are
replaced by their closest form in it, or by ``?``.
"""

from __future__ import annotations

import math
import unicodedata
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from fpdf import FPDF

from quizapp.display.i18n import numbers
from quizapp.reports.charts import Chart
from quizapp.reports.tables import Table, Typed

_REPLACE = str.maketrans(
    {
        "\u2212": "-",
        "\u2192": "->",
        "\u202f": " ",
        "\u2009": " ",
        "\u200b": "",
    }
)
ENCODING = "windows-1252"


def _printable(text: str) -> bool:
    try:
        text.encode(ENCODING)
    except UnicodeEncodeError:
        return False
    return True


def latin1(text: Any) -> str:
    """Text Helvetica can print: Windows-1252 kept, the rest transliterated or ``?``."""
    text = str(text).translate(_REPLACE)
    if _printable(text):
        return text
    out = []
    for ch in text:
        if _printable(ch):
            out.append(ch)
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        out.append(base if base and _printable(base) else "?")
    return "".join(out)


def _fmt(value: Any, kind: str) -> str:
    if isinstance(value, Typed):
        value, kind = value.value, value.type
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if kind == "percent":
        return numbers().percent(value, 1)  # « 55,0 % » in French, "55.0%" in English
    if isinstance(value, float):
        return numbers().number(value, 2)
    return str(value)


class ReportPDF(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.core_fonts_encoding = ENCODING  # Helvetica's WinAnsi: « – », « œ », « … »
        self.report_title = latin1(title)
        self.set_title(self.report_title)
        self.set_creator("quizapp")
        self.set_auto_page_break(auto=True, margin=15)
        self.set_margins(12, 12, 12)
        self.alias_nb_pages()
        self.add_page()

    def header(self) -> None:
        self.set_font("Helvetica", "", 8)
        self.set_text_color(110)
        self.cell(0, 5, self.report_title, new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0)
        self.ln(2)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(110)
        self.cell(0, 5, f"{self.page_no()} / {{nb}}", align="C")
        self.set_text_color(0)

    # --- text ------------------------------------------------------------------
    def heading(self, text: str, size: int = 14) -> None:
        if self.get_y() > self.h - 40:
            self.add_page()
        self.set_font("Helvetica", "B", size)
        self.multi_cell(0, size * 0.5, latin1(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def paragraph(self, text: str) -> None:
        self.set_font("Helvetica", "", 9)
        self.multi_cell(0, 4.5, latin1(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def key_values(self, table: Table) -> None:
        self.set_font("Helvetica", "", 9)
        for label, value in table.rows:
            self.set_font("Helvetica", "B", 9)
            self.cell(70, 5.5, latin1(label), border="B")
            self.set_font("Helvetica", "", 9)
            self.cell(
                0, 5.5, latin1(_fmt(value, "text")), border="B", new_x="LMARGIN", new_y="NEXT"
            )
        self.ln(4)

    def _fit(self, text: str, width: float) -> str:
        # No glyph of Helvetica is wider than 1 em: short texts fit without measuring.
        if len(text) * self.font_size <= width - 2 or self.get_string_width(text) <= width - 2:
            return text
        while text and self.get_string_width(text + "...") > width - 2:
            text = text[: max(0, int(len(text) * 0.9) - 1)] if len(text) > 20 else text[:-1]
        return text + "..."

    def table(self, table: Table, widths: list[float], keep: list[int] | None = None) -> None:
        """A table over several pages, the header repeated on each."""
        keep = keep if keep is not None else list(range(len(table.columns)))
        columns = [table.columns[i] for i in keep]
        aligns = ["L" if c.type == "text" else "R" for c in columns]
        line = 5.0

        def head() -> None:
            # Titles wrap on as many lines as the longest needs, never cut (« Discrimi… »).
            self.set_font("Helvetica", "B", 8)
            self.set_fill_color(230)
            titles = [latin1(c.title) for c in columns]
            lines = max(
                len(self.multi_cell(w - 1, line, t, dry_run=True, output="LINES"))
                for t, w in zip(titles, widths, strict=True)
            )
            height = line * lines + 1
            x, y = self.l_margin, self.get_y()
            for t, w, a in zip(titles, widths, aligns, strict=True):
                self.rect(x, y, w, height, style="DF")
                self.set_xy(x + 0.5, y + 0.5)
                self.multi_cell(w - 1, line, t, align=a)
                x += w
            self.set_xy(self.l_margin, y + height)
            self.set_font("Helvetica", "", 8)

        head()
        bottom = self.h - self.b_margin
        for row in table.rows:
            if self.get_y() + line > bottom:
                self.add_page()
                head()
            x, y = self.l_margin, self.get_y()
            for i, w, a, c in zip(keep, widths, aligns, columns, strict=True):
                text = latin1(_fmt(row[i], c.type))
                if text:  # empty cells cost nothing: one rule is drawn under the whole row
                    self.set_xy(x, y)
                    self.cell(w, line, self._fit(text, w) if c.type == "text" else text, align=a)
                x += w
            self.line(self.l_margin, y + line, x, y + line)
            self.set_xy(self.l_margin, y + line)
        self.ln(4)

    # --- charts ----------------------------------------------------------------
    def chart(self, chart: Chart, height: float = 55) -> None:
        """A bar or line chart drawn with fpdf2 primitives, from the page's data."""
        self.heading(chart.title, 11)
        if chart.empty:
            self.paragraph(_("Pas encore de données pour ce graphique."))
            return
        if self.get_y() + height + 12 > self.h - self.b_margin:
            self.add_page()
        left, top = self.l_margin + 10, self.get_y()
        width = self.w - self.r_margin - left
        values = [v or 0.0 for v in chart.values]
        top_value = chart.y_max or max(values) or 1.0
        if chart.y_max is None:
            # Counts: a top that four steps divide into whole numbers (0, 1, 2, 3, 4 — never
            # 0, 0, 1, 2, 2 as rounding quarters of 2 gave).
            top_value = float(max(4, 4 * math.ceil(top_value / 4)))
        self._grid(left, top, width, height, top_value)
        points = self._marks(chart, values, (left, top, width, height), top_value)
        if points:
            self._line_through(points)
        self.set_draw_color(0)
        self.set_xy(self.l_margin, top + height + 6)
        if chart.y_label:
            self.set_font("Helvetica", "I", 7)
            self.cell(0, 4, latin1(chart.y_label), new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def _grid(self, left: float, top: float, width: float, height: float, top_value: float):
        """Five horizontal rules with their values on the left."""
        self.set_draw_color(160)
        self.set_font("Helvetica", "", 7)
        for k in range(5):
            y = top + height - height * k / 4
            self.line(left, y, left + width, y)
            label = top_value * k / 4
            self.set_xy(self.l_margin, y - 2)
            self.cell(9, 4, f"{label:.0f}", align="R")

    def _marks(self, chart: Chart, values: list[float], box: tuple, top_value: float) -> list:
        """The bars (drawn) or the points of a line (returned), and the x labels."""
        left, top, width, height = box
        n = len(values)
        step = width / max(n, 1)
        label_every = max(1, int(n / 20) + (1 if n % 20 else 0)) if n > 20 else 1
        self.set_fill_color(70, 110, 180)
        self.set_draw_color(70, 110, 180)
        points = []
        for i, v in enumerate(values):
            x = left + i * step
            h = height * min(v, top_value) / top_value
            if chart.kind == "bar":
                self.rect(x + step * 0.15, top + height - h, step * 0.7, h, style="F")
            else:
                points.append((x + step / 2, top + height - h))
            if i % label_every == 0:
                self.set_xy(x, top + height + 1)
                label = self._fit(latin1(chart.labels[i]), step * label_every)
                self.cell(step * label_every, 4, label, align="C")
        return points

    def _line_through(self, points: list[tuple[float, float]]) -> None:
        self.set_line_width(0.5)
        for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
            self.line(x1, y1, x2, y2)
        for x, y in points:
            self.ellipse(x - 0.9, y - 0.9, 1.8, 1.8, style="F")
        self.set_line_width(0.2)

    def output_bytes(self) -> bytes:
        return bytes(self.output())
