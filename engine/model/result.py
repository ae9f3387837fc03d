"""The result vocabulary: an Evaluation and everything that explains it.

An explanation is data first: every field here is something a renderer may show and a test may
check. Results carry no absolute paths and no clock, so the same inputs give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import Field

from engine.model.base import Id, Model, Origin
from engine.model.evidence import Measure, Period, ProposedGrade


class Threshold(Model):
    """A cut point, as a finding reports it."""

    grade: Id = Field(description="Grade the cut point gives.")
    at: float = Field(description="The cut value.")
    comparison: Literal["at-least", "at-most", "in-range"] = Field(
        description="How the value is compared."
    )
    source: str | None = Field(description="Citation.")


class Finding(Model):
    """One band rule applied to one observation."""

    rule: Id = Field(description="Rule id.")
    origin: Origin = Field(description="Where the rule is written.")
    indicator: Id = Field(description="Indicator id.")
    indicator_title: str = Field(description="Indicator title.")
    unit: str = Field(description="Indicator unit.")
    value: float = Field(description="Observed value.")
    numerator: float | None = Field(default=None, description="Numerator, if given.")
    denominator: float | None = Field(default=None, description="Denominator, if given.")
    grade: Id = Field(description="Grade the value reaches under this rule.")
    weight: float = Field(description="Rule weight.")
    met: Threshold | None = Field(default=None, description="The cut point the value met, if any.")
    next: Threshold | None = Field(default=None, description="The next better cut point, if any.")
    source: str = Field(description="Where the value came from.")
    note: str | None = Field(default=None, description="The evidence's own note on the figure.")
    as_of: dt.date | None = Field(default=None, description="Date of the value.")
    period: Period | None = Field(default=None, description="Period of the value.")
    measure: Measure | None = Field(default=None, description="Snapshot or period.")
    evidence_origin: Origin | None = Field(default=None, description="Where the observation is.")
    england: float | None = Field(default=None, description="England figure for context.")
    because: str = Field(description="Why the indicator matters.")


class AggregationStep(Model):
    """One grade's test in a weighted best fit: did enough weight reach it?"""

    grade: Id = Field(description="Grade tested.")
    weight_at_or_better: float = Field(description="Evidenced weight at this grade or better.")
    share: float = Field(description="That weight as a share of all evidenced weight.")
    required: float = Field(description="Share needed.")
    reached: bool = Field(description="Whether the share was enough.")


class AggregationTrace(Model):
    """How the findings combined before limiters."""

    policy: str = Field(description="Aggregation policy kind.")
    grade: Id | None = Field(description="Grade before limiters; none when no finding.")
    steps: list[AggregationStep] = Field(description="Best-fit steps, best grade first.")


class LimiterResult(Model):
    """A limiter considered for the area, fired or not."""

    limiter: Id = Field(description="Limiter id.")
    origin: Origin = Field(description="Where it is written.")
    title: str = Field(description="What it encodes.")
    effect: Literal["cap", "floor"] = Field(description="cap or floor.")
    grade: Id = Field(description="Grade it caps or floors at.")
    fired: bool = Field(description="Whether its condition held.")
    changed_grade: bool = Field(description="Whether it changed the area's grade.")
    because: str = Field(description="Why.")
    detail: list[str] = Field(description="The condition's parts with observed values.")
    priority_action: bool = Field(description="Whether it is an area for priority action.")


class MissingEvidence(Model):
    """An indicator a rule needs but the bundle lacks."""

    indicator: Id = Field(description="Indicator id.")
    indicator_title: str = Field(description="Indicator title.")
    rules: list[Id] = Field(description="Rules that need it.")
    weight: float = Field(description="Weight it would carry.")
    category: Id = Field(description="Evidence category.")
    grade_with_best_value: Id | None = Field(
        default=None,
        description=(
            "The area's grade if this indicator were evidenced at its most favourable value and "
            "nothing else changed; none when that still gives no suggestion."
        ),
    )


class Coverage(Model):
    """How much of the area's rule weight has evidence."""

    evidenced_weight: float = Field(description="Weight of rules with evidence.")
    total_weight: float = Field(description="Weight of all rules.")
    share: float = Field(description="evidenced / total.")
    minimum: float = Field(description="Minimum share for a suggestion.")


class FlagKind(StrEnum):
    """Why a figure deserves caution."""

    BORDERLINE = "borderline"
    SMALL_DENOMINATOR = "small-denominator"
    STALE = "stale"
    FUTURE_DATED = "future-dated"
    GREY_ZONE = "grey-zone"
    PACK_MISMATCH = "pack-mismatch"


class ConfidenceFlag(Model):
    """A caution about a figure or a grade."""

    kind: FlagKind = Field(description="Flag kind.")
    indicator: Id | None = Field(default=None, description="Indicator concerned, if any.")
    message: str = Field(description="Plain sentence.")


class Counterfactual(Model):
    """The smallest change of one indicator that moves the area to `target`."""

    indicator: Id = Field(description="Indicator to change.")
    indicator_title: str = Field(description="Indicator title.")
    current: float = Field(description="Observed value.")
    needed: float = Field(description="Value that reaches the target.")
    strict: bool = Field(description="Whether the value must be strictly beyond `needed`.")
    target: Id = Field(description="Area grade reached.")
    extra_count: int | None = Field(
        default=None,
        description="How many more cases must meet the standard, when counts are given.",
    )


class NoSingleChange(Model):
    """A statement that no single indicator change reaches the next grade, and why."""

    target: Id = Field(description="The next better grade.")
    reason: str = Field(description="Why no single change suffices.")


class Improvement(Model):
    """A 'what needs to improve' item, as Ofsted's reports list them."""

    text: str = Field(description="The item, worded for a report.")
    framework_tag: str = Field(description="National Framework outcome or enabler.")
    priority_action: bool = Field(description="An area for priority action.")
    source: Id = Field(description="Rule or limiter id it comes from.")


class AreaStatus(StrEnum):
    """Whether the engine could suggest a grade."""

    GRADED = "graded"
    INSUFFICIENT_EVIDENCE = "insufficient-evidence"


class AreaOutcome(Model):
    """The suggestion and its full explanation for one judgement area."""

    area: Id = Field(description="Area id.")
    title: str = Field(description="The judgement.")
    status: AreaStatus = Field(description="graded or insufficient-evidence.")
    grade: Id | None = Field(description="Suggested grade; none when evidence is insufficient.")
    grade_label: str = Field(description="The grade as spelled, or 'Insufficient evidence'.")
    aggregation: AggregationTrace = Field(description="How findings combined.")
    findings: list[Finding] = Field(description="Findings, in rule order.")
    limiters: list[LimiterResult] = Field(description="Every limiter considered.")
    coverage: Coverage = Field(description="Evidence coverage.")
    missing: list[MissingEvidence] = Field(description="Evidence a rule needs but lacks.")
    flags: list[ConfidenceFlag] = Field(description="Cautions.")
    counterfactuals: list[Counterfactual] = Field(
        description="Single changes reaching the next grade."
    )
    no_single_change: NoSingleChange | None = Field(
        default=None, description="Set when no single change reaches the next grade."
    )
    improvements: list[Improvement] = Field(description="What needs to improve.")
    proposed: ProposedGrade | None = Field(
        default=None, description="The leadership team's own proposed grade, if recorded."
    )


class OverallOutcome(Model):
    """Overall effectiveness, where the pack has a policy."""

    title: str = Field(description="The judgement.")
    grade: Id | None = Field(description="Suggested grade; none when an area is ungraded.")
    grade_label: str = Field(description="The grade as spelled.")
    rule: Id | None = Field(description="The policy step that decided.")
    origin: Origin | None = Field(description="Where that step is written.")
    because: str = Field(description="The step's reason.")
    borderline: bool = Field(description="A grey zone Ofsted has decided both ways.")


class GradeLabel(Model):
    """A grade of the pack's scale, so renderers need not load the pack."""

    id: Id = Field(description="Grade id.")
    label: str = Field(description="The grade as spelled.")


class PackStamp(Model):
    """Which pack produced the result."""

    id: str = Field(description="Pack id.")
    version: str = Field(description="Pack version.")
    framework: str | None = Field(description="Framework and version.")
    lineage: list[str] = Field(description="Pack and ancestors.")
    content_hash: str = Field(description="sha256 of the merged pack.")
    scale: list[GradeLabel] = Field(description="Grades, best first.")


class BundleStamp(Model):
    """Which evidence produced the result."""

    id: str = Field(description="Bundle folder name.")
    authority: str = Field(description="Authority name.")
    period: Period = Field(description="Period covered.")
    as_of: dt.date = Field(description="Evidence as-of date.")
    illustrative: bool = Field(description="Fictional figures.")
    content_hash: str = Field(description="sha256 of the canonical bundle content.")


class Evaluation(Model):
    """The result of evaluating one bundle against one pack."""

    engine_version: str = Field(description="Engine version.")
    result_schema: int = Field(description="Version of this result format.")
    pack: PackStamp = Field(description="Pack stamp.")
    bundle: BundleStamp = Field(description="Bundle stamp.")
    areas: list[AreaOutcome] = Field(description="Area outcomes in the pack's order.")
    overall: OverallOutcome | None = Field(default=None, description="Overall effectiveness.")
    flags: list[ConfidenceFlag] = Field(description="Cautions about the whole evaluation.")
    disclaimer: str = Field(description="The suggestion supports professional judgement.")
