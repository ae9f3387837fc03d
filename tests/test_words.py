"""Renderer wording and Markdown escaping of evidence text."""

from __future__ import annotations

from engine.report.markdown import escape
from engine.report.words import value


def test_values_read_as_people_write_them() -> None:
    assert value(81.04, "percent") == "81.0%"
    assert value(15.0, "ratio") == "15"
    assert value(15.25, "ratio") == "15.2"
    assert value(10, "days") == "10 days"


def test_markdown_escape_neutralises_markup() -> None:
    text = escape("<script>alert(1)</script> | [link](http://x) **bold**\n# heading")
    assert "<script>" not in text
    assert "\\|" in text and "\\[" in text and "\\*\\*" in text
    assert "\n" not in text
