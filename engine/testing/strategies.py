"""Hypothesis strategies that generate valid evidence for any pack, and random well-formed packs.

`evidence_for(pack)` draws bundles whose values sit anywhere in each indicator's domain, with a
strong preference for the places where grades change: exactly on a cut point or limiter constant,
and just either side of it. `random_pack_files()` draws the YAML content of a small, well-formed
pack (monotone by construction), for testing the engine and checker on packs nobody wrote.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from engine.compile import compiled
from engine.counterfactual import thresholds
from engine.model.evidence import EvidenceBundle
from engine.model.pack import RulePack, Unit
from engine.testing.bundles import Value, make_bundle

NEAR = (0.0, 1e-6, 0.01, 0.1, 0.5)


def indicators_used(pack: RulePack) -> list[str]:
    """Indicators some rule or limiter reads, in catalogue order."""
    used = {name for area in compiled(pack).areas for name in area.indicators}
    return [indicator.id for indicator in pack.indicators if indicator.id in used]


def cut_points(pack: RulePack, indicator: str) -> list[float]:
    """Every constant at which `indicator` can change a grade, across all areas."""
    found: set[float] = set()
    for area in compiled(pack).areas:
        found.update(thresholds(area, indicator))
    return sorted(found)


def values_near_cuts(pack: RulePack, indicator: str) -> st.SearchStrategy[float]:
    """Values of `indicator` on or just either side of its cut points, inside its domain."""
    definition = pack.indicator(indicator)
    domain = definition.effective_domain
    points = cut_points(pack, indicator) or [domain.min]
    upper = domain.max if domain.max is not None else max(points) * 2 + 10

    def near(point: float, offset: float, sign: int) -> float:
        return min(max(point + sign * offset, domain.min), upper)

    return st.builds(near, st.sampled_from(points), st.sampled_from(NEAR), st.sampled_from((-1, 1)))


def indicator_value(pack: RulePack, indicator: str) -> st.SearchStrategy[Value]:
    """A value for `indicator`: near a cut, anywhere in the domain, or as a fraction of cases."""
    definition = pack.indicator(indicator)
    domain = definition.effective_domain
    upper = (
        domain.max
        if domain.max is not None
        else max([*cut_points(pack, indicator), domain.min]) * 2 + 10
    )
    anywhere = st.floats(
        min_value=domain.min, max_value=upper, allow_nan=False, allow_infinity=False
    )
    plain: st.SearchStrategy[Value] = st.one_of(values_near_cuts(pack, indicator), anywhere)
    if definition.unit is not Unit.PERCENT or domain.min != 0 or domain.max != 100:
        return plain
    fraction = st.integers(min_value=1, max_value=600).flatmap(
        lambda denominator: st.tuples(
            st.integers(min_value=0, max_value=denominator).map(float), st.just(float(denominator))
        )
    )
    return st.one_of(plain, fraction)


@st.composite
def evidence_values(draw: st.DrawFn, pack: RulePack, *, coverage: float = 0.85) -> dict[str, Value]:
    """A mapping indicator -> value; each indicator present with probability about `coverage`."""
    values: dict[str, Value] = {}
    for indicator in indicators_used(pack):
        if draw(st.floats(min_value=0, max_value=1)) <= coverage:
            values[indicator] = draw(indicator_value(pack, indicator))
    return values


def evidence_for(pack: RulePack, *, coverage: float = 0.85) -> st.SearchStrategy[EvidenceBundle]:
    """Valid evidence bundles for `pack`."""
    return evidence_values(pack, coverage=coverage).map(make_bundle)


GRADE_NAMES = ["excellent", "strong", "adequate", "weak", "failing"]


@st.composite
def random_pack_files(draw: st.DrawFn) -> dict[str, Any]:
    """The files of a random well-formed pack: {"pack.yaml": {...}, "indicators.yaml": {...}, ...}."""
    grade_count = draw(st.integers(min_value=2, max_value=5))
    grades = GRADE_NAMES[:grade_count]
    indicator_count = draw(st.integers(min_value=2, max_value=6))
    indicators: list[dict[str, Any]] = []
    for index in range(indicator_count):
        higher = draw(st.booleans())
        indicators.append(
            {
                "id": f"indicator-{index}",
                "title": f"Indicator {index}",
                "unit": "percent",
                "polarity": "higher-is-better" if higher else "lower-is-better",
                "category": draw(
                    st.sampled_from(["practice-quality", "compliance", "outcome-kpi"])
                ),
                "definition": "Generated.",
                "source_kind": "case-system",
                "source": "generated",
                "framework_tag": "Generated",
            }
        )
    area_count = draw(st.integers(min_value=1, max_value=3))
    files: dict[str, Any] = {}
    areas = []
    for area_index in range(area_count):
        area_id = f"area-{area_index}"
        chosen = draw(
            st.lists(
                st.sampled_from(range(indicator_count)),
                min_size=1,
                max_size=indicator_count,
                unique=True,
            )
        )
        rules = []
        for rule_index, indicator_index in enumerate(chosen):
            indicator = indicators[indicator_index]
            higher = indicator["polarity"] == "higher-is-better"
            raw = sorted(
                draw(
                    st.lists(
                        st.integers(min_value=1, max_value=99),
                        min_size=grade_count - 1,
                        max_size=grade_count - 1,
                        unique=True,
                    )
                )
            )
            ordered = list(reversed(raw)) if higher else raw
            rules.append(
                {
                    "kind": "cut-points",
                    "id": f"{area_id}-rule-{rule_index}",
                    "indicator": indicator["id"],
                    "weight": draw(st.sampled_from([0.5, 1.0, 1.5, 2.0])),
                    "cuts": [
                        {"grade": grades[position], "at": float(value), "source": "generated"}
                        for position, value in enumerate(ordered)
                    ],
                    "because": "Generated.",
                }
            )
        limiters = []
        if draw(st.booleans()):
            indicator = indicators[draw(st.sampled_from(chosen))]
            higher = indicator["polarity"] == "higher-is-better"
            limiters.append(
                {
                    "id": f"{area_id}-cap",
                    "title": "Generated cap",
                    "when": {
                        "kind": "compare",
                        "indicator": indicator["id"],
                        "op": "lt" if higher else "gt",
                        "value": float(draw(st.integers(min_value=1, max_value=99))),
                        "source": "generated",
                    },
                    "effect": "cap",
                    "grade": draw(st.sampled_from(grades[1:])),
                    "because": "Generated.",
                }
            )
        aggregation: dict[str, Any] = draw(
            st.one_of(
                st.just({"kind": "worst-of"}),
                st.sampled_from([0.5, 0.6, 0.75, 1.0]).map(
                    lambda share: {"kind": "weighted-best-fit", "share": share}
                ),
            )
        )
        files[f"{area_id}.yaml"] = {
            "id": area_id,
            "title": f"Area {area_index}",
            "aggregation": aggregation,
            "minimum_coverage": draw(st.sampled_from([0.0, 0.5, 0.8])),
            "rules": rules,
            "limiters": limiters,
        }
        areas.append({"id": area_id})
    used = {rule["indicator"] for area in files.values() for rule in area["rules"]}
    for indicator in indicators:
        if indicator["id"] not in used:
            indicator["informational"] = True
    manifest: dict[str, Any] = {
        "id": "generated",
        "title": "Generated pack",
        "version": "0.0.0",
        "scale": [{"id": grade, "label": grade.title()} for grade in grades],
        "areas": areas,
    }
    if draw(st.booleans()):
        area_ids = [area["id"] for area in areas]
        manifest["overall"] = {
            "title": "Overall",
            "source": "generated",
            "rules": [
                {
                    "id": "any-failing",
                    "when": {
                        "kind": "count",
                        "areas": area_ids,
                        "op": "equal",
                        "grade": grades[-1],
                        "at_least": 1,
                    },
                    "then": {"kind": "grade", "grade": grades[-1]},
                    "because": "Generated.",
                },
                {
                    "id": "otherwise-worst",
                    "then": {"kind": "worst", "areas": area_ids},
                    "because": "Generated.",
                },
            ],
        }
    files["pack.yaml"] = manifest
    files["indicators.yaml"] = {"indicators": indicators}
    return files
