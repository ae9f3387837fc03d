"""Structured conditions: the only way a rule pack states "when".

Conditions are data, never code: they are analysed statically (intervals per indicator) by the
checker and compiled to small closures for evaluation. Each variant carries an explicit `kind:`
tag so errors name the variant that failed instead of listing every alternative.

Two families share one language:

* *evidence conditions* (`compare`, `evidence-count`, `finding-count`) are used by area limiters;
* *grade conditions* (`area-grade`, `count`) are used by the overall-effectiveness policy;
* `all`, `any` and `not` combine either family.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal, Union

from pydantic import Field, model_validator

from engine.model.base import Id, Model, Text


class Op(StrEnum):
    """Comparison of an observed value with a constant."""

    LT = "lt"
    LE = "le"
    GT = "gt"
    GE = "ge"

    @property
    def symbol(self) -> str:
        """The mathematical symbol, for explanations."""
        return {"lt": "<", "le": "≤", "gt": ">", "ge": "≥"}[self.value]

    def holds(self, left: float, right: float) -> bool:
        """Whether `left <op> right`, treating values within `tolerance(right)` as equal."""
        slack = tolerance(right)
        if self is Op.LT:
            return left < right - slack
        if self is Op.LE:
            return left <= right + slack
        if self is Op.GT:
            return left > right + slack
        return left >= right - slack


def tolerance(threshold: float) -> float:
    """How close to a threshold counts as on it.

    A rate computed from counts is a float: 14 of 200 is 7.000000000000001%, which must meet a
    cut point of 7%. One part in 10^10 absorbs that rounding and is far below any real difference
    (and below the nudge counterfactuals use to step just beyond a threshold).
    """
    return 1e-10 * max(1.0, abs(threshold))


class GradeOp(StrEnum):
    """Comparison of a grade with another grade, in the scale's order (best first)."""

    BETTER_THAN = "better-than"
    AT_LEAST = "at-least"
    EQUAL = "equal"
    AT_MOST = "at-most"
    WORSE_THAN = "worse-than"

    def holds(self, left_rank: int, right_rank: int) -> bool:
        """Compare two ranks; rank 0 is the best grade, so a *smaller* rank is better."""
        if self is GradeOp.BETTER_THAN:
            return left_rank < right_rank
        if self is GradeOp.AT_LEAST:
            return left_rank <= right_rank
        if self is GradeOp.EQUAL:
            return left_rank == right_rank
        if self is GradeOp.AT_MOST:
            return left_rank >= right_rank
        return left_rank > right_rank


class Compare(Model):
    """True when the indicator's observed value compares with `value` as `op` says.

    An indicator with no observation makes the comparison false: missing evidence is never
    treated as bad (it lowers coverage instead).
    """

    kind: Literal["compare"] = Field(description="Variant tag.")
    indicator: Id = Field(description="Indicator id from the catalogue.")
    op: Op = Field(description="lt, le, gt or ge.")
    value: float = Field(description="The threshold, in the indicator's unit.")
    source: Text | None = Field(
        default=None,
        description="Citation for the threshold; `ilacs check` reports a missing one (C501).",
    )
    unit: str | None = Field(
        default=None, description="The unit `value` is written in; `ilacs check` verifies it."
    )


class EvidenceCount(Model):
    """True when fewer than `fewer_than` indicators of the given categories have evidence.

    Encodes "an area cannot be Good without practice-quality evidence".
    """

    kind: Literal["evidence-count"] = Field(description="Variant tag.")
    categories: list[Id] = Field(
        min_length=1, description="Indicator categories that count (e.g. practice-quality)."
    )
    fewer_than: int = Field(
        ge=1, description="Fires when the count of evidenced indicators is below this."
    )


class FindingCount(Model):
    """True when at least `at_least` of the area's findings are graded `grade` or worse.

    Encodes "widespread" failures: several weak findings together, not one.
    """

    kind: Literal["finding-count"] = Field(description="Variant tag.")
    grade: Id = Field(description="Findings at this grade or worse count.")
    at_least: int = Field(ge=1, description="How many such findings make the condition true.")


class AreaGrade(Model):
    """Overall policy: compare one area's grade with a grade of the scale."""

    kind: Literal["area-grade"] = Field(description="Variant tag.")
    area: Id = Field(description="Judgement area id.")
    op: GradeOp = Field(description="better-than, at-least, equal, at-most or worse-than.")
    grade: Id | None = Field(default=None, description="A grade of the scale to compare with.")
    than_area: Id | None = Field(
        default=None, description="Or another area's grade to compare with."
    )

    @model_validator(mode="after")
    def _one_reference(self) -> AreaGrade:
        if (self.grade is None) == (self.than_area is None):
            raise ValueError("give exactly one of 'grade' or 'than_area'")
        return self


class CountAreas(Model):
    """Overall policy: how many of `areas` have a grade that compares with a reference as `op` says.

    The reference is a grade of the scale (`grade`) or another area's grade (`than_area`). Areas
    not graded (for example care leavers before 2023) are left out of both the count and the
    `more_than_half` base.
    """

    kind: Literal["count"] = Field(description="Variant tag.")
    areas: list[Id] = Field(min_length=1, description="Areas whose grades are counted.")
    op: GradeOp = Field(description="How each area's grade compares with the reference.")
    grade: Id | None = Field(default=None, description="A grade of the scale as the reference.")
    than_area: Id | None = Field(
        default=None, description="Or another area's grade as the reference."
    )
    at_least: int | None = Field(
        default=None, ge=0, description="True when the count is at least this."
    )
    at_most: int | None = Field(
        default=None, ge=0, description="True when the count is at most this."
    )
    more_than_half: bool = Field(
        default=False, description="True when more than half of the graded areas match."
    )

    @model_validator(mode="after")
    def _one_reference_one_quantity(self) -> CountAreas:
        if (self.grade is None) == (self.than_area is None):
            raise ValueError("give exactly one of 'grade' or 'than_area'")
        quantities = sum([self.at_least is not None, self.at_most is not None, self.more_than_half])
        if quantities != 1:
            raise ValueError("give exactly one of 'at_least', 'at_most' or 'more_than_half: true'")
        return self


class All(Model):
    """True when every condition is true (an empty list is true)."""

    kind: Literal["all"] = Field(description="Variant tag.")
    conditions: list[Condition] = Field(min_length=1, description="Conditions that must all hold.")


class AnyOf(Model):
    """True when at least one condition is true."""

    kind: Literal["any"] = Field(description="Variant tag.")
    conditions: list[Condition] = Field(
        min_length=1, description="Conditions of which one must hold."
    )


class Not(Model):
    """True when the condition is false."""

    kind: Literal["not"] = Field(description="Variant tag.")
    condition: Condition = Field(description="The condition to negate.")


Condition = Annotated[
    Union[Compare, EvidenceCount, FindingCount, AreaGrade, CountAreas, All, AnyOf, Not],  # noqa: UP007 -- pydantic needs the named Union for a recursive alias
    Field(discriminator="kind"),
]

EVIDENCE_KINDS = frozenset({"compare", "evidence-count", "finding-count"})
GRADE_KINDS = frozenset({"area-grade", "count"})

All.model_rebuild()
AnyOf.model_rebuild()
Not.model_rebuild()


def leaves(condition: Condition) -> list[Condition]:
    """Every non-combinator condition inside `condition`, in document order."""
    if isinstance(condition, All | AnyOf):
        out: list[Condition] = []
        for child in condition.conditions:
            out.extend(leaves(child))
        return out
    if isinstance(condition, Not):
        return leaves(condition.condition)
    return [condition]
