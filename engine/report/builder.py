"""`ilacs report`: evaluate, assemble the report document, render it in the file's format."""

from __future__ import annotations

from pathlib import Path

from engine.api import evaluate, load_bundle, load_pack
from engine.load.reference import load_comparators
from engine.report.document import build_report

REPORT_FORMATS = (".html", ".htm", ".md", ".docx")


def render_report(
    bundle_path: Path, suffix: str, rules: str, previous_path: Path | None = None
) -> bytes:
    """The report for `bundle_path` as bytes in the format named by `suffix`."""
    pack = load_pack(rules)
    bundle = load_bundle(bundle_path)
    evaluation = evaluate(pack, bundle)
    previous_bundle = load_bundle(previous_path) if previous_path is not None else None
    previous = evaluate(pack, previous_bundle) if previous_bundle is not None else None
    document = build_report(evaluation, pack, bundle, previous, previous_bundle, load_comparators())
    if suffix in (".html", ".htm"):
        from engine.report.html import render_html

        return render_html(document).encode("utf-8")
    if suffix == ".md":
        from engine.report.markdown_report import render_markdown_report

        return render_markdown_report(document).encode("utf-8")
    from engine.report.docx_report import render_docx

    return render_docx(document)
