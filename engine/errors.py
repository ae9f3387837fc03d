"""Diagnostics and the exception families that carry them.

A diagnostic is data (code, path, line, column, message, hint) so the CLI can print it as
`path:line:col: CODE message`, a test can assert on `(code, line, column)`, and `--format json`
can hand it to a machine. Load-time and evaluation-time failures are separate families, after
rule-engine's errors module: a bad file is the user's to fix, an evaluation failure is ours.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place. Sorts by path, then position, then code."""

    path: str
    line: int
    column: int
    code: str
    message: str
    hint: str | None = field(default=None, compare=False)

    def render(self) -> str:
        """`path:line:col: CODE message (hint)`, the one-line form every command prints."""
        text = f"{self.path}:{self.line}:{self.column}: {self.code} {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    def key(self) -> tuple[str, int, int]:
        """`(code, line, column)`, the tuple tests assert on."""
        return (self.code, self.line, self.column)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return asdict(self)


class EngineError(Exception):
    """Base of every error the engine raises on purpose."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics)
        super().__init__("\n".join(d.render() for d in self.diagnostics))


class LoadError(EngineError):
    """Bad input: a pack or bundle that cannot be read or does not validate. Exit code 2."""


class EvaluationError(EngineError):
    """A pack and bundle that loaded but cannot be evaluated together. Exit code 2."""


def did_you_mean(word: str, candidates: list[str] | set[str] | frozenset[str]) -> str | None:
    """A 'did you mean' hint for an unknown id or field, or None when nothing is close."""
    import difflib

    matches = difflib.get_close_matches(word, sorted(set(candidates) - {word}), n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else None
