"""Exhaustive monotonicity check of an overall-effectiveness policy.

The space is small (four grades over four areas is 256 combinations, plus the 64 with an area
ungraded), so every combination is tried: for each, each area is improved by one grade and the
overall grade must not get worse. A counterexample is a pair of grade combinations.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from engine.model.pack import OverallPolicy
from engine.overall import decide


@dataclass(frozen=True)
class Violation:
    """Improving `area` turns `before` into `after`, and the overall grade gets worse."""

    area: str
    before: dict[str, int | None]
    after: dict[str, int | None]
    overall_before: int | None
    overall_after: int | None


def monotonicity_violations(
    policy: OverallPolicy,
    grade_ids: Sequence[str],
    areas: Sequence[str],
    optional_areas: Sequence[str] = (),
) -> list[Violation]:
    """Every single-step improvement that worsens the overall grade, over all combinations.

    Areas in `optional_areas` are also tried ungraded (None), as before care leavers were graded.
    """
    ranks = range(len(grade_ids))
    choices = [list(ranks) + ([None] if area in optional_areas else []) for area in areas]
    violations: list[Violation] = []
    for combination in itertools.product(*choices):
        before = dict(zip(areas, combination, strict=True))
        overall_before, _ = decide(policy, grade_ids, before)
        for area, rank in before.items():
            if rank is None or rank == 0:
                continue
            after = {**before, area: rank - 1}
            overall_after, _ = decide(policy, grade_ids, after)
            if overall_before is None or overall_after is None:
                continue
            if overall_after > overall_before:
                violations.append(Violation(area, before, after, overall_before, overall_after))
    return violations
