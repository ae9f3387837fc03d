"""Pack test cases: evidence in, expected outcomes out, written as YAML beside the pack.

A file in `<pack>/tests/` holds shared `base` evidence, named `cases` (evidence merged over the
base, expectations under `want`), and `boundaries`: rows of (value, grade) that pin each cut
point of a rule from both sides. `ilacs test PACK` runs them and reports coverage.
"""

from __future__ import annotations

from pydantic import Field, field_validator
from pydantic.json_schema import SkipJsonSchema

from engine.model.base import Id, Model, Origin, Text

EvidenceValue = float | tuple[float, float]


def _check_fractions(evidence: dict[str, EvidenceValue]) -> dict[str, EvidenceValue]:
    for name, value in evidence.items():
        if isinstance(value, tuple):
            numerator, denominator = value
            if denominator <= 0 or numerator < 0:
                raise ValueError(
                    f"{name}: [numerator, denominator] needs numerator >= 0 and denominator > 0"
                )
    return evidence


class Want(Model):
    """What a case expects; every key is optional, and only what is given is checked."""

    areas: dict[Id, Id] = Field(
        default_factory=dict, description="Area id -> grade id, or 'insufficient-evidence'."
    )
    overall: Id | None = Field(default=None, description="Overall grade id (packs with a policy).")
    overall_borderline: bool | None = Field(
        default=None, description="Whether overall is flagged borderline."
    )
    limiters_fired: list[Id] = Field(default_factory=list, description="Limiters that must fire.")
    limiters_not_fired: list[Id] = Field(
        default_factory=list, description="Limiters that must not fire."
    )
    findings: dict[Id, Id] = Field(
        default_factory=dict, description="Rule id -> grade of its finding."
    )


class Case(Model):
    """One named case."""

    id: Id = Field(description="Case id, unique in the pack's tests.")
    description: Text | None = Field(default=None, description="What the case shows.")
    use_base: bool = Field(default=True, description="Start from the file's base evidence.")
    evidence: dict[Id, EvidenceValue] = Field(
        default_factory=dict, description="Indicator -> value, or [numerator, denominator]."
    )
    without: list[Id] = Field(default_factory=list, description="Base indicators to leave out.")

    @field_validator("evidence")
    @classmethod
    def _fractions(cls, evidence: dict[str, EvidenceValue]) -> dict[str, EvidenceValue]:
        return _check_fractions(evidence)

    want: Want = Field(description="Expected outcomes.")
    origin: SkipJsonSchema[Origin | None] = Field(default=None, exclude=True)


class Boundary(Model):
    """Rows pinning one rule's cut points: each value must get the stated grade from the rule."""

    rule: Id = Field(description="Band rule id.")
    rows: list[tuple[float, Id]] = Field(min_length=1, description="[value, grade] pairs.")
    origin: SkipJsonSchema[Origin | None] = Field(default=None, exclude=True)


class CaseFile(Model):
    """A YAML file of pack tests."""

    base: dict[Id, EvidenceValue] = Field(
        default_factory=dict, description="Evidence shared by the cases."
    )

    @field_validator("base")
    @classmethod
    def _base_fractions(cls, evidence: dict[str, EvidenceValue]) -> dict[str, EvidenceValue]:
        return _check_fractions(evidence)

    cases: list[Case] = Field(default_factory=list, description="Named cases.")
    boundaries: list[Boundary] = Field(default_factory=list, description="Cut-point rows.")
    retire_cases: list[Id] = Field(
        default_factory=list,
        description="Ids of inherited (ancestor) cases this pack no longer expects.",
    )
    retire_boundaries: list[Id] = Field(
        default_factory=list,
        description="Rule ids whose inherited boundary rows this pack replaces (it changed their cuts).",
    )
