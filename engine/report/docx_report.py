"""The Word report: councils edit self-evaluations in Word, so the draft arrives as a .docx.

python-docx (a well-kept library; the format is too intricate to write by hand) builds headings,
tables and the charts as PNG images, each with its text alternative as the picture description
and as a caption. The file is made deterministic: fixed core-properties dates and fixed ZIP
timestamps, so the same inputs give the same bytes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import zipfile
from typing import Any

from docx import Document
from docx.shared import Mm, Pt

from engine.report.document import ReportDocument
from engine.report.png import render_png

FIXED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(value: Any) -> Any:
    """Replace characters XML cannot hold (a vertical tab pasted from Word, say) with spaces."""
    if isinstance(value, str):
        return _NOT_XML.sub(" ", value)
    if isinstance(value, list):
        return [_xml_safe(item) for item in value]
    if isinstance(value, tuple):
        return tuple(_xml_safe(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(
            value,
            **{
                item.name: _xml_safe(getattr(value, item.name))
                for item in dataclasses.fields(value)
            },
        )
    return value


def render_docx(document: ReportDocument) -> bytes:
    """The report as .docx bytes."""
    document = _xml_safe(document)
    word = Document()
    section = word.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(18)
    word.styles["Normal"].font.name = "Arial"
    word.styles["Normal"].font.size = Pt(10.5)
    properties = word.core_properties
    properties.title = document.title
    properties.author = "ilacs"
    properties.created = properties.modified = FIXED
    properties.last_printed = FIXED
    properties.revision = 1
    word.add_heading(document.title, level=0)
    word.add_paragraph(f"Evidence for {document.period}, as of {document.as_of}.")
    word.add_paragraph().add_run(document.disclaimer).italic = True
    if document.illustrative:
        word.add_paragraph(
            "Illustrative: this evidence bundle contains invented figures for demonstration."
        )
    word.add_heading("Summary", level=1)
    previous = document.previous_label
    columns = ["Judgement", "Engine's suggestion", "Leadership team's proposal"] + (
        [f"Previous ({previous})"] if previous else []
    )
    table = word.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, columns, strict=True):
        cell.text = text
    rows = [
        (title, grade, proposed or "", before or "")
        for title, grade, proposed, before in document.summary
    ]
    if document.overall is not None:
        title, grade, before, borderline = document.overall
        rows.append((title, grade + (" (borderline)" if borderline else ""), "", before or ""))
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row[: len(columns)], strict=True):
            cell.text = text
    for area in document.areas:
        word.add_heading(area.title, level=1)
        line = f"Engine's suggestion: {area.grade}" + (
            f" (previously {area.previous_grade})" if area.previous_grade else ""
        )
        word.add_paragraph().add_run(line).bold = True
        if area.proposed:
            word.add_paragraph(
                f"Leadership team's proposal: {area.proposed}. {area.proposed_rationale or ''}"
            )
        if area.narrative_summary:
            word.add_paragraph(area.narrative_summary)
        _bullets(word, "What we know", area.know, "No findings: see the evidence gaps.")
        for chart in area.charts:
            picture = word.add_picture(io.BytesIO(render_png(chart)), width=Mm(170))
            picture._inline.docPr.set("descr", chart.alt)  # python-docx has no alt-text setter
            word.add_paragraph(chart.alt, style="Caption")
        _bullets(word, "How we know it", area.how, "No evidence was supplied for this area.")
        if area.cautions:
            _bullets(word, "Figures to treat with care", area.cautions, "")
        _bullets(
            word, "Evidence gaps", area.gaps, "None: every indicator the rules use has evidence."
        )
        word.add_heading("What needs to improve", level=2)
        if not area.improve:
            word.add_paragraph("Nothing the rules identify.")
        for item in area.improve:
            paragraph = word.add_paragraph(style="List Bullet")
            if item.priority:
                paragraph.add_run("Area for priority action: ").bold = True
            paragraph.add_run(f"{item.text} ({item.tag})")
        _bullets(
            word,
            "What would move the grade",
            area.move,
            "No suggestion could be made, so no single change is shown.",
        )
        if area.narrative_strengths or area.narrative_development or area.narrative_actions:
            word.add_heading("Our own account and plans", level=2)
            narrative: tuple[tuple[str, list[str]], ...] = (
                ("Strengths", area.narrative_strengths),
                ("Areas for development", area.narrative_development),
                ("Actions", area.narrative_actions),
            )
            for label, entries in narrative:
                if entries:
                    word.add_paragraph(f"{label}:")
                    for entry in entries:
                        word.add_paragraph(entry, style="List Bullet")
    word.add_heading("Reproducibility", level=1)
    for line in document.stamp:
        word.add_paragraph(line, style="List Bullet")
    buffer = io.BytesIO()
    word.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _bullets(word: Document, heading: str, items: list[str], empty: str) -> None:  # type: ignore[valid-type]
    word.add_heading(heading, level=2)  # type: ignore[attr-defined]
    if not items:
        word.add_paragraph(empty)  # type: ignore[attr-defined]
    for item in items:
        word.add_paragraph(item, style="List Bullet")  # type: ignore[attr-defined]


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite the .docx ZIP with fixed timestamps and a fixed order, for byte-identical output."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(name))
    return output.getvalue()
