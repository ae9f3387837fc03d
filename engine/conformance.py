"""Does a bundle fit a pack? Unknown indicators, values outside their domain, stray grades.

Run before evaluation so the evaluator can trust every value. Problems are reported at the
observation's file and line with a "did you mean" for near-miss ids; all of them, not the first.
"""

from __future__ import annotations

from engine.compile import observed_value
from engine.errors import Diagnostic, did_you_mean
from engine.model.evidence import EvidenceBundle, Observation
from engine.model.pack import RulePack, Unit

FRACTION_TOLERANCE = {Unit.PERCENT: 0.05, Unit.RATE_PER_10000: 0.5}


def _place(bundle: EvidenceBundle, observation: Observation) -> tuple[str, int, int]:
    origin = observation.origin
    root = bundle.location or bundle.id
    if origin is None:
        return (f"{root}/{bundle.manifest.files[0]}", 1, 1)
    return (f"{root}/{origin.file}", origin.line, origin.column)


def check_bundle(pack: RulePack, bundle: EvidenceBundle) -> list[Diagnostic]:
    """Every way `bundle` does not fit `pack`."""
    problems: list[Diagnostic] = []
    catalogue = {indicator.id: indicator for indicator in pack.indicators}
    for observation in bundle.observations:
        path, line, column = _place(bundle, observation)
        indicator = catalogue.get(observation.indicator)
        if indicator is None:
            problems.append(
                Diagnostic(
                    path,
                    line,
                    column,
                    "E001",
                    f"unknown indicator '{observation.indicator}' for pack '{pack.id}'",
                    did_you_mean(observation.indicator, set(catalogue)),
                )
            )
            continue
        value = observed_value(
            indicator.unit, observation.value, observation.numerator, observation.denominator
        )
        if (
            observation.value is not None
            and observation.numerator is not None
            and observation.denominator is not None
        ):
            derived = observed_value(
                indicator.unit, None, observation.numerator, observation.denominator
            )
            tolerance = FRACTION_TOLERANCE.get(indicator.unit, 1e-6 * max(1.0, abs(derived)))
            if abs(derived - observation.value) > tolerance:
                problems.append(
                    Diagnostic(
                        path,
                        line,
                        column,
                        "E008",
                        f"value {observation.value:g} does not match numerator/denominator ({derived:.2f})",
                        "give the value or the fraction, or make them agree",
                    )
                )
        domain = indicator.effective_domain
        if not domain.contains(value):
            upper = "no upper limit" if domain.max is None else f"{domain.max:g}"
            problems.append(
                Diagnostic(
                    path,
                    line,
                    column,
                    "E002",
                    f"{observation.indicator}: {value:g} is outside the indicator's domain ({domain.min:g} to {upper})",
                    "percentages are 0-100, not 0-1"
                    if indicator.unit is Unit.PERCENT and value > 100
                    else None,
                )
            )
    areas = [area.id for area in pack.areas]
    grades = [grade.id for grade in pack.scale]
    root = bundle.location or bundle.id
    if bundle.judgement is not None:
        for area_id, proposed in bundle.judgement.areas.items():
            if area_id not in areas:
                problems.append(
                    Diagnostic(
                        f"{root}/{bundle.manifest.judgement}",
                        *bundle.positions.get(f"judgement/{area_id}", (1, 1)),
                        "E009",
                        f"unknown area '{area_id}'",
                        did_you_mean(area_id, areas),
                    )
                )
            if proposed.grade not in grades:
                problems.append(
                    Diagnostic(
                        f"{root}/{bundle.manifest.judgement}",
                        *bundle.positions.get(f"judgement/{area_id}/grade", (1, 1)),
                        "E009",
                        f"unknown grade '{proposed.grade}'",
                        did_you_mean(proposed.grade, grades),
                    )
                )
    if bundle.narrative is not None:
        for area_id in bundle.narrative.areas:
            if area_id not in areas:
                problems.append(
                    Diagnostic(
                        f"{root}/{bundle.manifest.narrative}",
                        *bundle.positions.get(f"narrative/{area_id}", (1, 1)),
                        "E009",
                        f"unknown area '{area_id}'",
                        did_you_mean(area_id, areas),
                    )
                )
    return problems
