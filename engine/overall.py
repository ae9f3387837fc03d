"""Overall effectiveness: a declared, ordered policy over area grades.

Pure. Areas that are not graded (for example care leavers before 2023) are left out of every
count and comparison, so the same policy can be replayed on Ofsted's historical outcomes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from engine.model.conditions import All, AnyOf, AreaGrade, Condition, CountAreas, Not
from engine.model.pack import (
    AreaGradeOf,
    BestOfAreas,
    GradeExpr,
    GradeOf,
    NoBetterThan,
    OverallPolicy,
    OverallRule,
    WorstOfAreas,
)

Ranks = Mapping[str, int | None]


def decide(
    policy: OverallPolicy, grade_ids: Sequence[str], ranks: Ranks
) -> tuple[int | None, OverallRule | None]:
    """The overall grade rank and the step that decided it; (None, None) when no step applies."""
    index = {grade: rank for rank, grade in enumerate(grade_ids)}
    for step in policy.rules:
        if step.when is None or holds(step.when, index, ranks):
            value = expression(step.then, index, ranks)
            if value is not None:
                return value, step
    return None, None


def holds(condition: Condition, index: Mapping[str, int], ranks: Ranks) -> bool:
    """Whether a grade condition holds for the area ranks."""
    if isinstance(condition, All):
        return all(holds(child, index, ranks) for child in condition.conditions)
    if isinstance(condition, AnyOf):
        return any(holds(child, index, ranks) for child in condition.conditions)
    if isinstance(condition, Not):
        return not holds(condition.condition, index, ranks)
    if isinstance(condition, AreaGrade):
        left = ranks.get(condition.area)
        right = _reference(condition.grade, condition.than_area, index, ranks)
        return left is not None and right is not None and condition.op.holds(left, right)
    if isinstance(condition, CountAreas):
        return _count_holds(condition, index, ranks)
    raise ValueError(f"condition kind '{condition.kind}' is not allowed in an overall policy")


def _count_holds(condition: CountAreas, index: Mapping[str, int], ranks: Ranks) -> bool:
    reference = _reference(condition.grade, condition.than_area, index, ranks)
    if reference is None:
        return False
    graded = [rank for area in condition.areas if (rank := ranks.get(area)) is not None]
    count = sum(1 for rank in graded if condition.op.holds(rank, reference))
    if condition.more_than_half:
        return count * 2 > len(graded)
    if condition.at_least is not None:
        return count >= condition.at_least
    return condition.at_most is not None and count <= condition.at_most


def _reference(
    grade: str | None, area: str | None, index: Mapping[str, int], ranks: Ranks
) -> int | None:
    if grade is not None:
        return index[grade]
    return ranks.get(area) if area is not None else None


def expression(expr: GradeExpr, index: Mapping[str, int], ranks: Ranks) -> int | None:
    """Evaluate a grade expression; None when it refers only to ungraded areas."""
    if isinstance(expr, GradeOf):
        return index[expr.grade]
    if isinstance(expr, AreaGradeOf):
        return ranks.get(expr.area)
    if isinstance(expr, WorstOfAreas | BestOfAreas):
        graded = [rank for area in expr.areas if (rank := ranks.get(area)) is not None]
        if not graded:
            return None
        return max(graded) if isinstance(expr, WorstOfAreas) else min(graded)
    if isinstance(expr, NoBetterThan):
        value = expression(expr.of, index, ranks)
        limit = expression(expr.limit, index, ranks)
        if value is None or limit is None:
            return value
        return max(value, limit - expr.steps)
    raise ValueError(f"unknown grade expression {expr!r}")


__all__ = ["decide", "expression", "holds"]
