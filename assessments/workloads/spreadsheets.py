"""Bulk import and export of workloads as CSV (csv module) or XLSX (openpyxl).

Headers are the QUESTIONNAIRE.md field names. A multi-choice cell lists codes
separated by ";", yes/no cells say true or false, blank cells are unanswered.
Row numbers are the spreadsheet's: the header is row 1, the first workload row 2.
The rules are the questionnaire's (``validation``), applied by
``services.workloads_import``, so an export imports back unchanged.
"""

from __future__ import annotations

import csv
import io
import zipfile
from decimal import Decimal
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

from assessments.workloads import fields as spec
from portal.errors import ValidationFailed

HEADERS: tuple[str, ...] = spec.FIELD_NAMES
MAX_ROWS = 5_000
MAX_BYTES = 10 * 1024 * 1024
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

KIND_WORDS = {
    "text": "text",
    "longtext": "text",
    "choice": "one code",
    "multi": "codes separated by ;",
    "bool": "true or false",
    "int": "whole number",
    "tokens": "whole number of tokens (10M, 2,000,000 and 1.5k are understood)",
    "decimal": "number",
    "offering": "catalog offering key",
}


def cell_value(name: str, value: Any) -> Any:
    """An answer as a spreadsheet cell (a string for CSV-safe round trips)."""
    f = spec.BY_NAME[name]
    if value is None:
        return ""
    if f.kind == "multi":
        return ";".join(value)
    if f.kind == "bool":
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return str(value)
    return value


def export_rows(inputs: list[dict[str, Any]]) -> list[list[Any]]:
    """Rows (without header) from ``selectors.workload_inputs`` dicts."""
    return [[cell_value(name, item[name]) for name in HEADERS] for item in inputs]


def to_csv(rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue().encode("utf-8")


def allowed_values_rows() -> list[list[str]]:
    rows = [["field", "section", "what to write", "required", "default", "allowed values", "why"]]
    sections = dict(spec.SECTIONS)
    for f in spec.FIELDS:
        if f.choices:
            allowed = "; ".join(f"{code} ({label})" for code, label in f.choices)
        elif f.min_value is not None or f.max_value is not None:
            lo = "" if f.min_value is None else f"{'>' if f.min_exclusive else '>='} {f.min_value}"
            hi = "" if f.max_value is None else f"<= {f.max_value}"
            allowed = ", ".join(x for x in (lo, hi) if x)
        else:
            allowed = ""
        default = cell_value(f.name, list(f.default) if f.kind == "multi" else f.default)
        required = "yes" if f.required else "no"
        if f.name == "p99_latency_sla_ms":
            required = "when latency_sensitive is true"
        rows.append(
            [
                f.name,
                sections[f.section],
                KIND_WORDS[f.kind],
                required,
                str(default),
                allowed,
                f.help,
            ]
        )
    return rows


def to_xlsx(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Workloads"
    sheet.append(list(HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    help_sheet = book.create_sheet("Allowed values")
    for row in allowed_values_rows():
        help_sheet.append(row)
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    help_sheet.column_dimensions["A"].width = 34
    help_sheet.column_dimensions["F"].width = 80
    help_sheet.column_dimensions["G"].width = 80
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _fail(message: str, field: str = "file") -> ValidationFailed:
    return ValidationFailed(message, fields={field: [message]})


def _header_check(headers: list[str]) -> list[str]:
    cleaned = [str(h or "").strip() for h in headers]
    errors: dict[str, list[str]] = {}
    for h in cleaned:
        if h and h not in spec.BY_NAME:
            errors[h] = [f"{h} is not a workload field; use the template's headers."]
    if "name" not in cleaned:
        errors["name"] = ["The header row needs a name column."]
    dupes = {h for h in cleaned if h and cleaned.count(h) > 1}
    for h in dupes:
        errors[h] = [f"The column {h} appears twice."]
    if errors:
        raise ValidationFailed(
            "The header row does not match the template; nothing was imported.", fields=errors
        )
    return cleaned


def _rows(table: list[list[Any]]) -> list[tuple[int, dict[str, Any]]]:
    if not table:
        raise _fail("The file is empty; download the template to start.")
    headers = _header_check(list(table[0]))
    rows: list[tuple[int, dict[str, Any]]] = []
    for number, values in enumerate(table[1:], start=2):
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        extra = values[len(headers) :]
        if any(v not in (None, "") for v in extra):
            raise ValidationFailed(
                f"Row {number} has more cells than there are headers.",
                fields={f"row {number}": ["There are more cells than headers."]},
            )
        rows.append(
            (
                number,
                {h: v for h, v in zip(headers, values, strict=False) if h},
            )
        )
        if len(rows) > MAX_ROWS:
            raise _fail(f"At most {MAX_ROWS:,} workloads per file.")
    if not rows:
        raise _fail("The file has headers but no workload rows.")
    return rows


def read_csv(content: bytes) -> list[tuple[int, dict[str, Any]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _fail("The file is not UTF-8 text; save the CSV as UTF-8.") from None
    try:
        table = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        raise _fail(f"The CSV could not be read: {exc}.") from None
    return _rows(table)


def read_xlsx(content: bytes) -> list[tuple[int, dict[str, Any]]]:
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise _fail("The file is not a readable XLSX workbook.") from None
    sheet = book["Workloads"] if "Workloads" in book.sheetnames else book.worksheets[0]
    table = [list(row) for row in sheet.iter_rows(values_only=True)]
    book.close()
    return _rows(table)


def read_upload(filename: str, content: bytes) -> list[tuple[int, dict[str, Any]]]:
    """Rows of an uploaded CSV or XLSX file, by content (an XLSX is a zip)."""
    if not content:
        raise _fail("The file is empty.")
    if len(content) > MAX_BYTES:
        raise _fail("The file is larger than 10 MB.")
    if content[:2] == b"PK" or filename.lower().endswith((".xlsx", ".xlsm")):
        return read_xlsx(content)
    return read_csv(content)
