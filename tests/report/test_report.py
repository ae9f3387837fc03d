"""`ilacs report`: the same content in HTML, Markdown and Word; escaping; determinism; a real browser."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from engine.cli.app import app
from engine.report.builder import render_report

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
runner = CliRunner()


def docx_text(data: bytes) -> str:
    from docx import Document

    word = Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def texts(bundle: str, rules: str = "ilacs-2026", previous: str | None = None) -> dict[str, str]:
    path = EXAMPLES / bundle
    before = EXAMPLES / previous if previous else None
    return {
        "html": render_report(path, ".html", rules, before).decode(),
        "md": render_report(path, ".md", rules, before).decode(),
        "docx": docx_text(render_report(path, ".docx", rules, before)),
    }


@pytest.fixture(scope="module")
def eastbrook() -> dict[str, str]:
    return texts("eastbrook-2025")


@pytest.fixture(scope="module")
def dorset() -> dict[str, str]:
    return texts("dorset-2025-illustrative", "ilacs-2023", "dorset-2019-illustrative")


EASTBROOK_SENTENCES = [
    "Children on child protection plans visited within the local standard: 56.0% (112 of 200), against 75.0% for Requires improvement to be good (below every standard: Inadequate).",
    "Engine's suggestion: Requires improvement to be good",
    "not Ofsted judgements",
    "Area for priority action:",
    "(Outcome 3: children and young people are safe in and outside of their homes)",
    "Annex A list 7 extract; as of 2025-03-31; 200 cases; a snapshot on one date.",
    "Evidence as of 2025-05-31",
    "Rule pack ilacs-2026",
]


@pytest.mark.parametrize("fmt", ["html", "md", "docx"])
def test_known_bundle_gives_the_expected_sentences_in_every_format(
    eastbrook: dict[str, str], fmt: str
) -> None:
    text = eastbrook[fmt]
    normalised = text.replace("\\", "").replace("&#39;", "'").replace("**", "")
    for sentence in EASTBROOK_SENTENCES:
        assert sentence in normalised, (fmt, sentence)


@pytest.mark.parametrize("fmt", ["html", "md", "docx"])
def test_previous_year_and_professional_judgement_appear(dorset: dict[str, str], fmt: str) -> None:
    text = dorset[fmt].replace("\\", "").replace("&#39;", "'")
    assert "Previous (2019-09-30)" in text
    assert "previously Requires improvement to be good" in text
    assert (
        "Strong outcomes, but young people tell us the local offer is hard to understand." in text
    )
    assert "Statistical neighbours' median 20.0% (10 authorities)" in text
    assert "Published trend: 2021 20.4%, 2022 16.8%, 2023 16.3%, 2024 14.1%, 2025 14.7%" in text
    assert (
        "Rewrite the local offer with the children in care council and care leavers by summer 2025."
        in text
    )


def test_html_is_self_contained_with_charts_and_text_alternatives(dorset: dict[str, str]) -> None:
    html = dorset["html"]
    assert "<script" not in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html
    assert html.count("<svg") >= 40
    assert html.count('role="img"') == html.count("<svg")
    assert html.count("<desc id=") == html.count("<svg")
    assert "@media print" in html and "size: A4" in html
    assert html.count("<caption>") >= 2


def test_docx_has_headings_tables_and_pictures_with_descriptions() -> None:
    from docx import Document

    data = render_report(EXAMPLES / "riverside-2025", ".docx", "ilacs-2026")
    word = Document(io.BytesIO(data))
    headings = [
        p.text
        for p in word.paragraphs
        if p.style is not None and p.style.name.startswith("Heading")
    ]
    assert "The experiences and progress of care leavers" in headings
    assert len(word.tables) == 1
    pictures = word.inline_shapes
    assert len(pictures) >= 40
    assert all(shape._inline.docPr.get("descr") for shape in pictures)


@pytest.mark.parametrize("suffix", [".html", ".md", ".docx"])
def test_reports_are_byte_identical_for_the_same_inputs(suffix: str) -> None:
    first = render_report(EXAMPLES / "riverside-2025", suffix, "ilacs-2026")
    second = render_report(EXAMPLES / "riverside-2025", suffix, "ilacs-2026")
    assert first == second
    if suffix == ".docx":
        assert zipfile.ZipFile(io.BytesIO(first)).testzip() is None


HOSTILE = "<script>alert('x')</script> **bold** [link](http://evil.example) =HYPERLINK(\"http://evil.example\")"


def hostile_bundle(tmp_path: Path) -> Path:
    folder = tmp_path / "hostile"
    shutil.copytree(EXAMPLES / "riverside-2025", folder)
    text = (folder / "help-and-protection.yaml").read_text()
    text = text.replace(
        "note: Visited within 10 working days}", 'note: "' + HOSTILE.replace('"', '\\"') + '"}'
    )
    (folder / "help-and-protection.yaml").write_text(text)
    narrative = (
        (folder / "narrative.yaml")
        .read_text()
        .replace(
            "- Audit actions are not yet always completed on time.",
            "- '" + HOSTILE.replace("'", "''") + "'",
        )
    )
    (folder / "narrative.yaml").write_text(narrative)
    return folder


def test_evidence_text_is_escaped_in_every_format(tmp_path: Path) -> None:
    folder = hostile_bundle(tmp_path)
    html = render_report(folder, ".html", "ilacs-2026").decode()
    assert "<script>" not in html
    assert html.count("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") == 2
    assert 'href="http://evil.example"' not in html
    markdown = render_report(folder, ".md", "ilacs-2026").decode()
    assert "<script>" not in markdown
    assert "\\<script\\>" in markdown
    assert "\\*\\*bold\\*\\*" in markdown and "\\[link\\]\\(http://evil\\.example\\)" in markdown
    assert "](http://evil" not in markdown
    word = docx_text(render_report(folder, ".docx", "ilacs-2026"))
    assert word.count(HOSTILE) == 2


def test_cli_writes_each_format_and_refuses_unknown_ones(tmp_path: Path) -> None:
    for name in ("report.html", "report.md", "report.docx"):
        target = tmp_path / name
        result = runner.invoke(app, ["report", str(EXAMPLES / "riverside-2025"), "-o", str(target)])
        assert result.exit_code == 0, result.stderr
        assert target.stat().st_size > 1000
    bad = runner.invoke(
        app, ["report", str(EXAMPLES / "riverside-2025"), "-o", str(tmp_path / "report.pdf")]
    )
    assert bad.exit_code == 2
    assert "unknown report format '.pdf'" in bad.stderr
    assert not (tmp_path / "report.pdf").exists()


def test_failed_report_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    result = runner.invoke(app, ["report", str(tmp_path / "missing"), "-o", str(target)])
    assert result.exit_code == 2
    assert list(tmp_path.iterdir()) == []


def test_control_characters_pasted_from_word_do_not_break_the_docx(tmp_path: Path) -> None:
    folder = tmp_path / "pasted"
    shutil.copytree(EXAMPLES / "riverside-2025", folder)
    narrative = (
        (folder / "narrative.yaml")
        .read_text()
        .replace("summary: A stable senior team", 'summary: "A stable\\vsenior\\x1bteam')
    )
    narrative = narrative.replace("closes the loop.\n", 'closes the loop."\n', 1)
    (folder / "narrative.yaml").write_text(narrative)
    text = docx_text(render_report(folder, ".docx", "ilacs-2026"))
    assert "A stable senior team with a permanent workforce" in text
