"""`ilacs check`: static consistency analysis of merged rule packs.

Loads each pack (a pack that does not load reports its load diagnostics and counts as bad input),
runs every registered check on the merged pack, and places each problem at the file, line and
column of the rule, limiter or step it concerns.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from engine.errors import Diagnostic
from engine.load.pack import load_pack_documents, place
from engine.merge import PackProblem
from engine.verify.checks import CHECKS


@dataclass(frozen=True)
class CheckReport:
    """Problems found by the checks, and load errors that stopped a pack being checked."""

    problems: list[Diagnostic]
    load_errors: list[Diagnostic]
    packs: int


def check_packs(references: list[str | Path]) -> CheckReport:
    """Check every pack named; every problem of every pack is reported."""
    from engine.errors import LoadError

    problems: list[Diagnostic] = []
    load_errors: list[Diagnostic] = []
    for reference in references:
        try:
            pack, documents = load_pack_documents(reference)
        except LoadError as error:
            load_errors.extend(error.diagnostics)
            continue
        for check in CHECKS.values():
            for found in check(pack):
                problem = PackProblem(
                    found.origin, found.subpath, found.code, found.message, found.hint
                )
                problems.append(place(problem, documents))
    return CheckReport(sorted(set(problems)), sorted(set(load_errors)), len(references))
