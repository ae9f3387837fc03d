"""Observation files in CSV: one row per indicator, the columns people already keep.

Columns (header row required, order free): `indicator`, `value`, `numerator`, `denominator`,
`period_start`, `period_end`, `as_of`, `measure`, `source`, `note`. Empty cells are absent
values. Every problem is reported at `file:line:column`, the column counted in characters.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from pydantic import ValidationError

from engine.errors import Diagnostic, LoadError, did_you_mean
from engine.load.validation import value_message
from engine.model.base import Origin
from engine.model.evidence import Observation

COLUMNS = (
    "indicator",
    "value",
    "numerator",
    "denominator",
    "period_start",
    "period_end",
    "as_of",
    "measure",
    "source",
    "note",
)
REQUIRED = ("indicator", "source")
NUMBERS = ("value", "numerator", "denominator")


def _columns_of(raw_line: str, count: int) -> list[int]:
    """1-based character column where each field of `raw_line` starts (quotes respected)."""
    starts = [1]
    quoted = False
    for index, char in enumerate(raw_line):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            starts.append(index + 2)
    return (starts + [starts[-1]] * count)[:count]


_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")


def parse_number(cell: str, *, allow_percent: bool) -> float | None:
    """A number written the way a spreadsheet exports it, or None.

    Accepts `1200`, `1,200`, `15.5`, `1e3` and (for values) `81%`. Refuses what float() would
    misread: a decimal comma (`15,5` is not 155), underscores and non-ASCII digits.
    """
    text = cell[:-1] if allow_percent and cell.endswith("%") else cell
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    if not text.isascii() or not _NUMBER.fullmatch(text):
        return None
    return float(text)


def parse_csv_observations(
    text: str, display_path: str, file_name: str, bundle_id: str
) -> list[Observation]:
    """Parse a CSV observation file; raise LoadError listing every bad cell."""
    lines = text.splitlines()
    reader = csv.reader(io.StringIO(text))
    problems: list[Diagnostic] = []
    try:
        header = next(reader)
    except StopIteration:
        raise LoadError(
            [Diagnostic(display_path, 1, 1, "E007", "empty CSV file: expected a header row")]
        ) from None
    names = [name.strip().lower() for name in header]
    header_columns = _columns_of(lines[0] if lines else "", len(names))
    for index, name in enumerate(names):
        if name in names[:index]:
            problems.append(
                Diagnostic(
                    display_path, 1, header_columns[index], "E007", f"column '{name}' appears twice"
                )
            )
        if name not in COLUMNS:
            problems.append(
                Diagnostic(
                    display_path,
                    1,
                    header_columns[index],
                    "E007",
                    f"unknown column '{name}'",
                    did_you_mean(name, set(COLUMNS)),
                )
            )
    for required in REQUIRED:
        if required not in names:
            problems.append(Diagnostic(display_path, 1, 1, "E007", f"missing column '{required}'"))
    if problems:
        raise LoadError(problems)
    observations: list[Observation] = []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        raw = lines[line - 1] if line - 1 < len(lines) else ""
        columns = _columns_of(raw, len(names))
        if len(row) > len(names):
            problems.append(
                Diagnostic(
                    display_path,
                    line,
                    columns[-1],
                    "E007",
                    f"row has {len(row)} cells but the header has {len(names)}",
                )
            )
            continue
        cells = {
            name: (row[index].strip() if index < len(row) else "")
            for index, name in enumerate(names)
        }
        record: dict[str, Any] = {}
        row_ok = True
        for name, cell in cells.items():
            if cell == "":
                continue
            if name in NUMBERS:
                number = parse_number(cell, allow_percent=name == "value")
                if number is None:
                    problems.append(
                        Diagnostic(
                            display_path,
                            line,
                            columns[names.index(name)],
                            "E007",
                            f"{name}: expected a number, found '{cell}'",
                            "write decimals with a point (15.5) and thousands as 1,200 or 1200",
                        )
                    )
                    row_ok = False
                else:
                    record[name] = number
            elif name in {"period_start", "period_end"}:
                record.setdefault("period", {})[name.removeprefix("period_")] = cell
            else:
                record[name] = cell
        if not row_ok:
            continue
        try:
            observation = Observation.model_validate(record)
        except ValidationError as error:
            for detail in error.errors(include_url=False):
                message, _ = value_message(
                    detail["type"],
                    detail.get("input"),
                    dict(detail.get("ctx") or {}),
                    str(detail["msg"]),
                )
                default = "numerator" if "numerator" in message else "indicator"
                field = str(detail["loc"][0]) if detail["loc"] else default
                column_name = {"period": "period_start"}.get(field, field)
                column = columns[names.index(column_name)] if column_name in names else 1
                problems.append(
                    Diagnostic(display_path, line, column, "E007", f"{field}: {message}")
                )
            continue
        origin = Origin(pack=bundle_id, file=file_name, line=line, column=1)
        observations.append(observation.model_copy(update={"origin": origin}))
    if problems:
        raise LoadError(problems)
    return observations
