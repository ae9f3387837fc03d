"""The rule-pack vocabulary: grade scale, indicators, band rules, limiters, area and overall policies.

Two shapes exist. The *source* shapes (`PackManifest`, `IndicatorCatalogue`, `AreaSpec`) are what
a pack's YAML files hold, and a pack that `extends:` another may leave parts out. The *merged*
shape (`RulePack`) is complete: parents applied, every rule stamped with the pack and line it
came from. The engine evaluates and the checker verifies only merged packs.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal, Union

from pydantic import Field, PrivateAttr, model_validator
from pydantic.json_schema import SkipJsonSchema

from engine.model.base import Id, Model, Origin, Text
from engine.model.conditions import Condition

SCHEMA_VERSION = 1


class GradeDef(Model):
    """One grade of the scale. The scale is data so a future framework is a new pack, not code."""

    id: Id = Field(description="Grade id, e.g. `good`.")
    label: Text = Field(description="The grade as the framework spells it, e.g. `Good`.")
    short: Text | None = Field(default=None, description="Abbreviation for tables, e.g. `G`.")


class Unit(StrEnum):
    """What an indicator's number measures."""

    PERCENT = "percent"
    RATE_PER_10000 = "rate-per-10000"
    DAYS = "days"
    COUNT = "count"
    RATIO = "ratio"
    SCORE = "score"


class Polarity(StrEnum):
    """Which direction of an indicator is better."""

    HIGHER_IS_BETTER = "higher-is-better"
    LOWER_IS_BETTER = "lower-is-better"
    TARGET_RANGE = "target-range"


class SourceKind(StrEnum):
    """Where an indicator's figure comes from, so a report can say how we know."""

    ANNEX_A = "annex-a"
    DFE_RETURN = "dfe-return"
    WORKFORCE_CENSUS = "workforce-census"
    CASE_AUDIT = "case-audit"
    SUPERVISION_RECORDS = "supervision-records"
    CASE_SYSTEM = "case-system"
    SURVEY = "survey"
    LEADERSHIP_JUDGEMENT = "leadership-judgement"


class Domain(Model):
    """The values an indicator can take; observations outside it are errors."""

    min: float = Field(description="Smallest valid value.")
    max: float | None = Field(
        default=None, description="Largest valid value; none means unbounded."
    )

    @model_validator(mode="after")
    def _ordered(self) -> Domain:
        if self.max is not None and self.max < self.min:
            raise ValueError(f"domain max {self.max} is below min {self.min}")
        return self

    def contains(self, value: float) -> bool:
        """Whether `value` lies in the domain."""
        return value >= self.min and (self.max is None or value <= self.max)


class Comparator(Model):
    """A published comparison figure (England, a percentile of authorities) for context."""

    value: float = Field(description="The figure, in the indicator's unit.")
    year: int = Field(ge=2000, le=2100, description="Statistical year (ending 31 March).")
    source: Text = Field(description="Citation.")


class Indicator(Model):
    """An evidence indicator: what is measured, how, and which direction is better."""

    id: Id = Field(description="Indicator id; observations name it.")
    title: Text = Field(description="Short name for tables and reports.")
    unit: Unit = Field(description="percent, rate-per-10000, days, count, ratio or score.")
    domain: Domain | None = Field(
        default=None, description="Valid values; percent defaults to 0-100, others to >= 0."
    )
    polarity: Polarity = Field(description="higher-is-better, lower-is-better or target-range.")
    category: Id = Field(
        description="Kind of evidence: practice-quality, compliance, outcome-kpi, workforce, context."
    )
    definition: Text = Field(
        description="What the figure counts (DfE or Annex A wording paraphrased)."
    )
    source_kind: SourceKind = Field(description="Where the figure comes from.")
    source: Text = Field(description="Citation for the definition.")
    framework_tag: Text = Field(
        description="The Children's Social Care National Framework outcome or enabler it evidences."
    )
    england: Comparator | None = Field(default=None, description="England figure for context.")
    informational: bool = Field(
        default=False, description="Context only: not used by any rule, and the checker knows it."
    )
    dfe_measure: Text | None = Field(
        default=None,
        description=(
            "The DfE published measure this indicator matches (a column of the reference data), "
            "so reports can show the authority's published trend and its statistical neighbours."
        ),
    )
    origin: SkipJsonSchema[Origin | None] = Field(default=None, exclude=True)

    @property
    def effective_domain(self) -> Domain:
        """The declared domain, or the unit's natural one."""
        if self.domain is not None:
            return self.domain
        if self.unit is Unit.PERCENT:
            return Domain(min=0, max=100)
        return Domain(min=0)


class IndicatorCatalogue(Model):
    """`indicators.yaml`: the catalogue of indicators a pack's rules may name."""

    indicators: list[Indicator] = Field(description="The indicators.")


class Cut(Model):
    """A cut point: the value an indicator must reach for `grade` (inclusive)."""

    grade: Id = Field(description="The grade reached at or beyond this value.")
    at: float = Field(description="The cut point, in the indicator's unit.")
    source: Text | None = Field(
        default=None,
        description=(
            "Citation: statutory timescale, England figure, percentile, descriptor. "
            "Required in practice: `ilacs check` reports a threshold without one (C501)."
        ),
    )


class CutPointRule(Model):
    """Maps an indicator's value to a grade by cut points; cannot gap or overlap by construction.

    For higher-is-better indicators a value at or above a grade's cut reaches that grade; for
    lower-is-better, at or below. A value that reaches no cut gets the worst grade. Grades with
    no cut are not reachable through this rule (a KPI that can at best support Good, say).
    """

    kind: Literal["cut-points"] = Field(description="Variant tag.")
    id: Id = Field(description="Rule id, stable across versions.")
    indicator: Id = Field(description="Indicator id from the catalogue.")
    weight: float = Field(
        default=1.0, gt=0, description="Share of the area's evidence this carries."
    )
    cuts: list[Cut] = Field(min_length=1, description="Cut points, best grade first.")
    unit: Unit | None = Field(
        default=None,
        description="The unit the cut points are written in; `ilacs check` verifies it is the indicator's.",
    )
    because: Text = Field(description="Why this indicator matters for the area.")
    improve: Text | None = Field(
        default=None,
        description="Wording for 'what needs to improve' when this holds the area back.",
    )
    origin: SkipJsonSchema[Origin | None] = Field(default=None, exclude=True)


class Interval(Model):
    """One explicit band of a target-range indicator: `min <= value < max` reaches `grade`."""

    grade: Id = Field(description="Grade for values in this band.")
    min: float | None = Field(default=None, description="Inclusive lower bound; none = unbounded.")
    max: float | None = Field(default=None, description="Exclusive upper bound; none = unbounded.")
    source: Text | None = Field(
        default=None,
        description="Citation for the bounds; `ilacs check` reports a missing one (C501).",
    )


class IntervalRule(Model):
    """Explicit interval bands, for target-range indicators; the checker verifies no gap or overlap."""

    kind: Literal["intervals"] = Field(description="Variant tag.")
    id: Id = Field(description="Rule id.")
    indicator: Id = Field(description="Indicator id from the catalogue.")
    weight: float = Field(
        default=1.0, gt=0, description="Share of the area's evidence this carries."
    )
    intervals: list[Interval] = Field(min_length=1, description="Bands covering the domain.")
    unit: Unit | None = Field(
        default=None,
        description="The unit the cut points are written in; `ilacs check` verifies it is the indicator's.",
    )
    because: Text = Field(description="Why this indicator matters for the area.")
    improve: Text | None = Field(default=None, description="Wording for 'what needs to improve'.")
    origin: SkipJsonSchema[Origin | None] = Field(default=None, exclude=True)


BandRule = Annotated[Union[CutPointRule, IntervalRule], Field(discriminator="kind")]  # noqa: UP007 -- discriminated unions read better with Union


class LimiterEffect(StrEnum):
    """What a fired limiter does to the area's grade."""

    CAP = "cap"
    FLOOR = "floor"


class Limiter(Model):
    """A condition that caps (no better than) or floors (no worse than) an area's grade."""

    id: Id = Field(description="Limiter id.")
    title: Text = Field(description="Short statement of the failure or strength it encodes.")
    when: Condition = Field(description="The condition under which it fires.")
    effect: LimiterEffect = Field(description="cap or floor.")
    grade: Id = Field(description="The grade it caps at or floors at.")
    because: Text = Field(description="Why: the grade descriptor or finding it encodes.")
    priority_action: bool = Field(
        default=False, description="When fired, report it as an area for priority action."
    )
    framework_tag: Text | None = Field(
        default=None, description="National Framework outcome or enabler, if not the indicator's."
    )
    origin: SkipJsonSchema[Origin | None] = Field(default=None, exclude=True)


class WeightedBestFit(Model):
    """The best grade that at least `share` of the evidenced weight reaches (monotone)."""

    kind: Literal["weighted-best-fit"] = Field(description="Variant tag.")
    share: float = Field(
        gt=0, le=1, description="Share of evidenced weight that must reach a grade."
    )


class WorstOf(Model):
    """The worst grade among the findings (monotone; strict)."""

    kind: Literal["worst-of"] = Field(description="Variant tag.")


Aggregation = Annotated[Union[WeightedBestFit, WorstOf], Field(discriminator="kind")]  # noqa: UP007 -- discriminated unions read better with Union


class AreaSpec(Model):
    """One judgement area's file: band rules, limiters, aggregation and minimum coverage.

    In a pack that extends another, every part is optional: rules and limiters replace the
    parent's by id or are added, `retire` removes parent items by id.
    """

    id: Id = Field(description="Area id; must match the entry in pack.yaml.")
    title: Text | None = Field(default=None, description="The judgement as the framework words it.")
    criterion: Text | None = Field(
        default=None, description="Summary of what the framework looks for in this area."
    )
    aggregation: Aggregation | None = Field(default=None, description="How findings combine.")
    minimum_coverage: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="Share of rule weight that must have evidence; below it: insufficient evidence.",
    )
    rules: list[BandRule] = Field(default_factory=list, description="Band rules.")
    limiters: list[Limiter] = Field(default_factory=list, description="Caps and floors.")
    retire: list[Id] = Field(
        default_factory=list, description="Ids of parent rules or limiters this pack removes."
    )


class GradeOf(Model):
    """Overall policy result: a constant grade."""

    kind: Literal["grade"] = Field(description="Variant tag.")
    grade: Id = Field(description="Grade id.")


class AreaGradeOf(Model):
    """Overall policy result: an area's grade."""

    kind: Literal["area"] = Field(description="Variant tag.")
    area: Id = Field(description="Area id.")


class WorstOfAreas(Model):
    """Overall policy result: the worst grade among the (graded) areas listed."""

    kind: Literal["worst"] = Field(description="Variant tag.")
    areas: list[Id] = Field(min_length=1, description="Areas.")


class BestOfAreas(Model):
    """Overall policy result: the best grade among the (graded) areas listed."""

    kind: Literal["best"] = Field(description="Variant tag.")
    areas: list[Id] = Field(min_length=1, description="Areas.")


class NoBetterThan(Model):
    """Overall policy result: `of`, but no better than `limit` shifted by `steps` (for monotone caps)."""

    kind: Literal["no-better-than"] = Field(description="Variant tag.")
    of: GradeExpr = Field(description="The grade before the limit.")
    limit: GradeExpr = Field(description="The limiting grade.")
    steps: int = Field(
        default=0, ge=0, description="How many grades better than `limit` the result may be."
    )


GradeExpr = Annotated[
    Union[GradeOf, AreaGradeOf, WorstOfAreas, BestOfAreas, NoBetterThan],  # noqa: UP007 -- pydantic needs the named Union for a recursive alias
    Field(discriminator="kind"),
]
NoBetterThan.model_rebuild()


class OverallRule(Model):
    """One step of an overall policy; the first step whose `when` holds decides."""

    id: Id = Field(description="Step id.")
    when: Condition | None = Field(default=None, description="Condition; none means 'otherwise'.")
    then: GradeExpr = Field(description="The overall grade this step gives.")
    because: Text = Field(description="Why: the pattern in Ofsted's published outcomes.")
    borderline: bool = Field(
        default=False, description="A grey zone Ofsted has decided both ways: flag, don't hide."
    )
    origin: SkipJsonSchema[Origin | None] = Field(default=None, exclude=True)


class OverallPolicy(Model):
    """How overall effectiveness follows from the area grades, written as data."""

    title: Text = Field(description="The judgement's name.")
    rules: list[OverallRule] = Field(min_length=1, description="Steps, first match wins.")
    source: Text = Field(description="Citation for the policy.")
    may_be_ungraded: list[Id] = Field(
        default_factory=list,
        description=(
            "Areas the policy must also handle ungraded (care leavers before 2023), so it can be "
            "replayed on historical outcomes; the checker tries these combinations too."
        ),
    )


class FrameworkRef(Model):
    """Which inspection framework and version a pack encodes."""

    name: Text = Field(description="E.g. ILACS.")
    version: Text = Field(description="E.g. 2026-04.")
    in_force_from: Text | None = Field(
        default=None, description="ISO date the version applies from."
    )
    in_force_to: Text | None = Field(default=None, description="ISO date it stopped applying.")
    source: Text | None = Field(default=None, description="Citation for the framework text.")


class AreaRef(Model):
    """An entry of pack.yaml's `areas:`: an area id and the file holding it."""

    id: Id = Field(description="Area id.")
    title: Text | None = Field(
        default=None, description="The judgement's wording; the file may give it."
    )
    file: Text | None = Field(
        default=None, description="File relative to the pack; default `<id>.yaml`."
    )


class Settings(Model):
    """Confidence and freshness settings used for flags."""

    freshness_days: int = Field(default=400, ge=1, description="Evidence older than this is stale.")
    min_denominator: int = Field(default=20, ge=1, description="Smaller denominators are flagged.")
    confidence: float = Field(
        default=0.95, gt=0, lt=1, description="Level of the Wilson interval for borderline flags."
    )
    improve_below: Id | None = Field(
        default=None,
        description="Findings graded worse than this are 'what needs to improve' (default: 2nd grade).",
    )


class PackManifest(Model):
    """`pack.yaml`: identity, scale, areas and overall policy of a pack."""

    id: Id = Field(description="Pack id, e.g. ilacs-2026.")
    title: Text = Field(description="Human title.")
    version: Text = Field(description="Pack version (semantic version).")
    framework: FrameworkRef | None = Field(default=None, description="Framework and version.")
    extends: Text | None = Field(
        default=None, description="A built-in pack id or a path to the parent pack folder."
    )
    scale: list[GradeDef] | None = Field(
        default=None, min_length=2, description="Grades, best first. Inherited when extending."
    )
    areas: list[AreaRef] | None = Field(
        default=None, description="Judgement areas, in report order."
    )
    overall: OverallPolicy | None = Field(default=None, description="Overall-effectiveness policy.")
    drop_overall: bool = Field(
        default=False, description="Remove the parent's overall policy (a framework without one)."
    )
    settings: Settings | None = Field(default=None, description="Flags' settings.")
    description: Text | None = Field(default=None, description="What the pack is for.")


class Area(Model):
    """A merged, complete judgement area."""

    id: Id = Field(description="Area id.")
    title: Text = Field(description="The judgement.")
    criterion: Text | None = Field(default=None, description="What the framework looks for.")
    aggregation: Aggregation = Field(description="How findings combine.")
    minimum_coverage: float = Field(ge=0, le=1, description="Minimum evidenced weight share.")
    rules: list[BandRule] = Field(description="Band rules.")
    limiters: list[Limiter] = Field(description="Caps and floors.")


class RulePack(Model):
    """A merged pack, complete and validated: what the engine evaluates and the checker verifies."""

    id: Id = Field(description="Pack id.")
    title: Text = Field(description="Human title.")
    version: Text = Field(description="Pack version.")
    framework: FrameworkRef | None = Field(default=None, description="Framework and version.")
    lineage: list[str] = Field(description="This pack's id and its ancestors', nearest first.")
    scale: list[GradeDef] = Field(min_length=2, description="Grades, best first.")
    indicators: list[Indicator] = Field(description="The catalogue.")
    areas: list[Area] = Field(min_length=1, description="Areas in report order.")
    overall: OverallPolicy | None = Field(default=None, description="Overall policy, if any.")
    settings: Settings = Field(description="Flag settings.")
    content_hash: str = Field(description="sha256 of the canonical merged content.")
    description: Text | None = Field(default=None, description="What the pack is for.")
    _compiled: object | None = PrivateAttr(default=None)

    def grade_rank(self, grade_id: str) -> int:
        """0 for the best grade, increasing towards the worst."""
        for rank, grade in enumerate(self.scale):
            if grade.id == grade_id:
                return rank
        raise KeyError(grade_id)

    def indicator(self, indicator_id: str) -> Indicator:
        """The catalogue entry for `indicator_id`."""
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        raise KeyError(indicator_id)

    def area(self, area_id: str) -> Area:
        """The area `area_id`."""
        for area in self.areas:
            if area.id == area_id:
                return area
        raise KeyError(area_id)
