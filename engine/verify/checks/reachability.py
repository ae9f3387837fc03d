"""Can every grade of every area be reached by some evidence?

C301 unreachable grade: no evidence the checker tried gives the area this grade.

The search is exact in what it finds and deterministic: it evaluates the area (with the same
function the engine uses) at structured points (every rule at the same grade, every rule at its
best with each cap fired alone) and at a fixed-seed sample of representative values (each cut
point and limiter constant and just either side). A grade never reached is reported; with the
sample size used, a reachable grade that is only reached by a rare mix of values could be
reported too, and the message says how many points were tried.
"""

from __future__ import annotations

import random

from engine.compile import CompiledArea, CompiledPack, compile_pack
from engine.counterfactual import thresholds
from engine.evaluator import area_rank
from engine.model.pack import Polarity, RulePack
from engine.verify.problems import CheckProblem

SAMPLES = 3000
EPSILON = 1e-6


def check(pack: RulePack) -> list[CheckProblem]:
    """C301 for every area grade no evidence reaches."""
    compiled = compile_pack(pack)
    problems: list[CheckProblem] = []
    for area in compiled.areas:
        reached, tried = reachable_grades(compiled, area)
        for rank, grade in enumerate(compiled.grade_ids):
            if rank not in reached:
                origin = area.rules[0].model.origin if area.rules else None
                if origin is None:
                    continue
                problems.append(
                    CheckProblem(
                        "C301",
                        origin.model_copy(update={"pointer": ()}),
                        ("id",),
                        f"area '{area.id}' never reaches '{grade}' ({tried} evidence points tried)",
                    )
                )
    return problems


def candidate_values(compiled: CompiledPack, area: CompiledArea, indicator: str) -> list[float]:
    """Each threshold of `indicator` in the area and just either side, within its domain."""
    domain = compiled.indicators[indicator].effective_domain
    points = {domain.min}
    if domain.max is not None:
        points.add(domain.max)
    for value in thresholds(area, indicator):
        points.update((value - EPSILON, value, value + EPSILON))
    return sorted(point for point in points if domain.contains(point))


def reachable_grades(compiled: CompiledPack, area: CompiledArea) -> tuple[set[int], int]:
    """The final grade ranks reached at the tried points, and how many points were tried."""
    names = list(area.indicators)
    options = {name: candidate_values(compiled, area, name) for name in names}
    reached: set[int] = set()
    tried = 0

    def evaluate(values: dict[str, float]) -> None:
        nonlocal tried
        tried += 1
        rank, _, _, _ = area_rank(area, values, compiled.categories, compiled.worst)
        if rank is not None:
            reached.add(rank)

    def best(name: str) -> float:
        polarity = compiled.indicators[name].polarity
        if polarity is Polarity.LOWER_IS_BETTER:
            return options[name][0]
        if polarity is Polarity.HIGHER_IS_BETTER:
            return options[name][-1]
        return options[name][len(options[name]) // 2]

    for level in range(compiled.worst + 1):
        values = {}
        for name in names:

            def distance(value: float, name: str = name, level: int = level) -> int:
                return _rank_distance(compiled, area, name, value, level)

            values[name] = min(options[name], key=distance)
        evaluate(values)
    best_values = {name: best(name) for name in names}
    evaluate(best_values)
    for name in names:
        for value in options[name]:
            evaluate({**best_values, name: value})
    generator = random.Random(f"{area.id}:{len(names)}")
    for _ in range(SAMPLES):
        if len(reached) == compiled.worst + 1:
            break
        evaluate({name: generator.choice(options[name]) for name in names})
    return reached, tried


def _rank_distance(
    compiled: CompiledPack, area: CompiledArea, name: str, value: float, level: int
) -> int:
    ranks = [rule.rank(value) for rule in area.rules if rule.indicator == name]
    return sum(abs(rank - level) for rank in ranks) if ranks else 0
