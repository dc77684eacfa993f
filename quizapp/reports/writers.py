"""CSV and XLSX writers for :class:`~quizapp.reports.tables.Table`.

CSV follows RFC 4180 (CRLF, quotes doubled) in UTF-8 with a BOM so that Excel
reads the accents. The ``excel-fr`` dialect is what French Excel opens with a
double click: semicolons and decimal commas. In both formats, text that a
spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return) is prefixed with an apostrophe (OWASP's advice).
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from quizapp.formats.base import neutralise
from quizapp.reports.tables import Table, Typed

DIALECTS = ("rfc", "excel-fr")


def _number(x: float, digits: int, decimal: str) -> str:
    text = f"{x:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{x:.0f}"
    if text in ("-0", ""):
        text = "0"
    return text.replace(".", decimal)


def csv_cell(value: Any, kind: str, decimal: str = ".") -> str:
    if isinstance(value, Typed):
        value, kind = value.value, value.type
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _number(value, 1 if kind in ("percent", "minutes") else 4, decimal)
    return neutralise(str(value))


def write_csv(table: Table, dialect: str = "rfc") -> bytes:
    """One table as CSV bytes (UTF-8 with BOM, CRLF line ends)."""
    if dialect not in DIALECTS:
        raise ValueError(f"unknown CSV dialect {dialect!r}")
    delimiter, decimal = (";", ",") if dialect == "excel-fr" else (",", ".")
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutralise(c.title) for c in table.columns])
    kinds = [c.type for c in table.columns]
    for row in table.rows:
        writer.writerow([csv_cell(v, k, decimal) for v, k in zip(row, kinds, strict=True)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# --- XLSX ----------------------------------------------------------------------
_FORMATS = {
    "percent": "0.0%",
    "datetime": "yyyy-mm-dd hh:mm",
    "number": "0.##",
    "minutes": "0.0",
    "int": "0",
}
_SHEET_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def _sheet_title(name: str, taken: set[str]) -> str:
    title = (name.translate(_SHEET_FORBIDDEN).strip() or "Sheet")[:31]
    base, n = title, 2
    while title.lower() in taken:
        title = f"{base[:28]} {n}"
        n += 1
    taken.add(title.lower())
    return title


def _xlsx_cell(ws, value: Any, kind: str):
    if isinstance(value, Typed):
        value, kind = value.value, value.type
    if value is None:
        return None
    if isinstance(value, str):
        return neutralise(value)  # a string openpyxl would otherwise store as a formula
    if kind == "percent":
        cell = WriteOnlyCell(ws, value=value / 100.0)
        cell.number_format = _FORMATS["percent"]
        return cell
    if kind == "datetime" and isinstance(value, datetime):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = _FORMATS["datetime"]
        return cell
    return value


def write_xlsx(tables: list[Table]) -> bytes:
    """One sheet per table: bold frozen header, numbers as numbers, percentages formatted."""
    wb = Workbook(write_only=True)
    taken: set[str] = set()
    for table in tables:
        ws = wb.create_sheet(_sheet_title(table.name, taken))
        ws.freeze_panes = f"{get_column_letter(table.freeze + 1)}2"
        for i, column in enumerate(table.columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = column.width
        header = []
        for column in table.columns:
            cell = WriteOnlyCell(ws, value=neutralise(column.title))
            cell.font = Font(bold=True)
            header.append(cell)
        ws.append(header)
        kinds = [c.type for c in table.columns]
        plain = {"text", "int", "number", "minutes"}
        for row in table.rows:
            ws.append(
                [
                    (v if k in plain and not isinstance(v, str | Typed) else _xlsx_cell(ws, v, k))
                    for v, k in zip(row, kinds, strict=True)
                ]
            )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
