"""Diagnostics as text, JSON or GitHub workflow commands (annotations on pull requests)."""

from __future__ import annotations

import json

from engine.errors import Diagnostic


def render_diagnostics(diagnostics: list[Diagnostic], output_format: str, *, checked: str) -> str:
    """Render `diagnostics` in `output_format`: text (with a count), json or github."""
    if output_format == "json":
        return json.dumps([item.to_dict() for item in diagnostics], indent=2) + "\n"
    if output_format == "github":
        lines = [
            f"::error file={item.path},line={item.line},col={item.column},title={item.code}::{_escape(item.message)}"
            for item in diagnostics
        ]
        return "".join(f"{line}\n" for line in lines)
    lines = [item.render() for item in diagnostics]
    count = len(diagnostics)
    lines.append(
        f"{count} problem{'s' if count != 1 else ''} found in {checked}"
        if count
        else f"ok: {checked}, no problems"
    )
    return "\n".join(lines) + "\n"


def _escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
