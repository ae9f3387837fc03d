"""The library's front door: load a pack, load a bundle, evaluate one against the other."""

from __future__ import annotations

from engine.compile import compiled
from engine.conformance import check_bundle
from engine.errors import LoadError
from engine.evaluator import evaluate_raw
from engine.explain import explain
from engine.load.bundle import load_bundle
from engine.load.pack import load_pack
from engine.model.evidence import EvidenceBundle
from engine.model.pack import RulePack
from engine.model.result import Evaluation

__all__ = ["evaluate", "load_bundle", "load_pack"]


def evaluate(pack: RulePack, bundle: EvidenceBundle) -> Evaluation:
    """Evaluate `bundle` against `pack`; raise LoadError if the bundle does not fit the pack."""
    problems = check_bundle(pack, bundle)
    if problems:
        raise LoadError(problems)
    return explain(evaluate_raw(compiled(pack), bundle), bundle)
