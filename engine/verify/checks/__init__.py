"""The checks `ilacs check` runs, one module each; a module's docstring is its documentation.

Codes are stable: C1xx bands, C2xx monotonicity, C3xx reachability and shadowing, C4xx the
catalogue, C5xx citations. Dangling references are refused when the pack loads (P0xx codes).
"""

from __future__ import annotations

from collections.abc import Callable

from engine.model.pack import RulePack
from engine.verify.checks import bands, catalogue, citations, limiters, overall, reachability
from engine.verify.problems import CheckProblem

CHECKS: dict[str, Callable[[RulePack], list[CheckProblem]]] = {
    "bands": bands.check,
    "limiters": limiters.check,
    "overall": overall.check,
    "reachability": reachability.check,
    "catalogue": catalogue.check,
    "citations": citations.check,
}
"""Check name -> function, in the order they run."""

DOCUMENTATION = {
    name: module.__doc__ or ""
    for name, module in {
        "bands": bands,
        "limiters": limiters,
        "overall": overall,
        "reachability": reachability,
        "catalogue": catalogue,
        "citations": citations,
    }.items()
}
