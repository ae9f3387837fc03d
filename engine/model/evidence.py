"""The evidence vocabulary: a bundle's manifest, observations, narrative and professional judgement.

Observations hold aggregates (a value, or a numerator and denominator), never child records.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field, model_validator
from pydantic.json_schema import SkipJsonSchema

from engine.model.base import Id, Model, Origin, Text


class Period(Model):
    """A date range, both ends inclusive."""

    start: dt.date = Field(description="First day (YYYY-MM-DD).")
    end: dt.date = Field(description="Last day (YYYY-MM-DD).")

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")
        return self


class Authority(Model):
    """The local authority the evidence is about."""

    name: Text = Field(description="Authority name.")
    code: Text | None = Field(default=None, description="ONS code, e.g. E09000002.")
    old_la_code: int | None = Field(
        default=None, description="DfE three-digit LA code, used for statistical neighbours."
    )


class PreparedFor(Model):
    """The pack a bundle was prepared for, so a mismatch can be reported."""

    pack: Text = Field(description="Pack id.")
    version: Text | None = Field(default=None, description="Pack version.")


class Measure(StrEnum):
    """Whether a figure is a snapshot on a date or a rate over a period."""

    SNAPSHOT = "snapshot"
    PERIOD = "period"


class Observation(Model):
    """One aggregate figure for one indicator, with its provenance."""

    indicator: Id = Field(description="Indicator id from the pack's catalogue.")
    value: float | None = Field(
        default=None,
        description="The figure, in the indicator's unit; derived when a numerator is given.",
    )
    numerator: float | None = Field(default=None, ge=0, description="Count meeting the standard.")
    denominator: float | None = Field(default=None, gt=0, description="Count in scope.")
    period: Period | None = Field(default=None, description="Period the figure covers.")
    as_of: dt.date | None = Field(default=None, description="Date the figure was taken.")
    measure: Measure | None = Field(default=None, description="snapshot or period.")
    source: Text = Field(description="Where the figure came from (system, return, audit).")
    note: str | None = Field(default=None, description="Context for the reader.")
    origin: SkipJsonSchema[Origin | None] = Field(default=None, exclude=True)

    @model_validator(mode="after")
    def _value_or_fraction(self) -> Observation:
        has_fraction = self.numerator is not None or self.denominator is not None
        if has_fraction and (self.numerator is None or self.denominator is None):
            raise ValueError("give both 'numerator' and 'denominator', or neither")
        if self.value is None and not has_fraction:
            raise ValueError("give a 'value', or a 'numerator' and 'denominator'")
        if (
            self.numerator is not None
            and self.denominator is not None
            and self.numerator > self.denominator
        ):
            raise ValueError(
                f"numerator {self.numerator:g} is above denominator {self.denominator:g}"
            )
        return self


class ObservationFile(Model):
    """A YAML observations file."""

    observations: list[Observation] = Field(description="The observations.")


class AreaNarrative(Model):
    """The authority's own words for one area, carried into the report."""

    summary: str | None = Field(default=None, description="What we know, in our words.")
    strengths: list[Text] = Field(default_factory=list, description="Strengths.")
    development: list[Text] = Field(default_factory=list, description="Areas for development.")
    actions: list[Text] = Field(default_factory=list, description="Actions and plans.")


class Narrative(Model):
    """`narrative.yaml`: per-area narrative."""

    areas: dict[Id, AreaNarrative] = Field(description="Narrative by area id.")


class ProposedGrade(Model):
    """The leadership team's own proposed grade for an area, with its rationale."""

    grade: Id = Field(description="Grade id from the pack's scale.")
    rationale: Text = Field(description="Why the team proposes it.")


class ProfessionalJudgement(Model):
    """`judgement.yaml`: the team's proposed grades; kept beside the engine's suggestion."""

    areas: dict[Id, ProposedGrade] = Field(description="Proposed grade by area id.")


class BundleManifest(Model):
    """`bundle.yaml`: what the bundle is about and which files hold its evidence."""

    title: Text | None = Field(default=None, description="A title for the bundle.")
    authority: Authority = Field(description="The local authority.")
    period: Period = Field(description="Period the evidence covers.")
    as_of: dt.date = Field(description="Date the evidence is as of.")
    prepared_for: PreparedFor | None = Field(default=None, description="Pack it was prepared for.")
    illustrative: bool = Field(
        default=False, description="Fictional figures for demonstration; reports say so."
    )
    files: list[Text] = Field(
        min_length=1, description="Observation files (YAML or CSV), relative."
    )
    narrative: Text | None = Field(default=None, description="Narrative file, relative.")
    judgement: Text | None = Field(
        default=None, description="Professional judgement file, relative."
    )

    @model_validator(mode="after")
    def _as_of_after_start(self) -> BundleManifest:
        if self.as_of < self.period.start:
            raise ValueError(
                f"as_of {self.as_of} is before the period starts ({self.period.start})"
            )
        return self


class EvidenceBundle(Model):
    """A loaded bundle: manifest plus observations, narrative and judgement, with a content hash."""

    id: str = Field(description="Bundle folder name.")
    manifest: BundleManifest = Field(description="The manifest.")
    observations: list[Observation] = Field(description="Observations, sorted by indicator id.")
    narrative: Narrative | None = Field(default=None, description="Narrative.")
    judgement: ProfessionalJudgement | None = Field(default=None, description="Proposed grades.")
    content_hash: str = Field(description="sha256 of the canonical content.")
    positions: SkipJsonSchema[dict[str, tuple[int, int]]] = Field(
        default_factory=dict,
        exclude=True,
        description="Line and column of narrative and judgement entries, for messages.",
    )
    location: SkipJsonSchema[str] = Field(
        default="", exclude=True, description="Folder as the user named it, for messages."
    )
