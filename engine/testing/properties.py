"""Ready-made property checks for a rule pack; a rule author calls each in one line.

    from engine.testing import properties

    def test_monotone() -> None:
        properties.assert_monotone("path/to/my-pack")

Each runs a hypothesis search over evidence from `evidence_for(pack)` and raises an
AssertionError with a minimal counterexample when DESIGN.md's invariant fails: total, monotone,
faithful, deterministic and order-free, correct counterfactuals, and the YAML -> model -> JSON ->
model round trip. The active hypothesis profile (HYPOTHESIS_PROFILE) sets the number of examples.
"""

from __future__ import annotations

import json
import math
import random
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import engine.testing.profiles  # noqa: F401 -- registers and loads the hypothesis profiles
from engine.aggregate import aggregate, apply_limiters
from engine.api import evaluate, load_pack
from engine.model.evidence import EvidenceBundle
from engine.model.pack import Polarity, RulePack
from engine.model.result import AreaOutcome, Evaluation
from engine.testing.bundles import Value, make_bundle
from engine.testing.strategies import (
    evidence_for,
    evidence_values,
    indicator_value,
    indicators_used,
)

PackRef = str | Path | RulePack


def _pack(reference: PackRef) -> RulePack:
    return reference if isinstance(reference, RulePack) else load_pack(reference)


def _ranks(pack: RulePack) -> dict[str, int]:
    return {grade.id: rank for rank, grade in enumerate(pack.scale)}


def reaggregate(area: AreaOutcome, pack: RulePack) -> str | None:
    """The grade that exactly the findings and fired limiters an explanation lists give."""
    ranks = _ranks(pack)
    if area.coverage.share < area.coverage.minimum - 1e-9:
        return None
    pairs = [(ranks[finding.grade], finding.weight) for finding in area.findings]
    share = (
        area.aggregation.steps[0].required
        if area.aggregation.policy == "weighted-best-fit" and area.aggregation.steps
        else None
    )
    rank = aggregate(pairs, share, len(pack.scale) - 1)
    if rank is None:
        return None
    fired = [
        (limiter.effect == "cap", ranks[limiter.grade])
        for limiter in area.limiters
        if limiter.fired
    ]
    return pack.scale[apply_limiters(rank, fired)].id


def assert_total(reference: PackRef) -> None:
    """Every area gets exactly one outcome, and nothing raises, for any valid evidence."""
    pack = _pack(reference)

    @given(evidence_for(pack))
    def run(bundle: EvidenceBundle) -> None:
        result = evaluate(pack, bundle)
        assert [area.area for area in result.areas] == [area.id for area in pack.areas]
        for area in result.areas:
            assert (area.grade is None) == (area.status == "insufficient-evidence")

    run()


def _better(pack: RulePack, indicator: str, value: float, step: float) -> float | None:
    definition = pack.indicator(indicator)
    domain = definition.effective_domain
    if definition.polarity is Polarity.TARGET_RANGE:
        return None
    moved = value + step if definition.polarity is Polarity.HIGHER_IS_BETTER else value - step
    moved = max(domain.min, moved)
    if domain.max is not None:
        moved = min(domain.max, moved)
    return moved if moved != value else None


def _grade_vector(result: Evaluation, ranks: dict[str, int]) -> list[int | None]:
    vector = [ranks[area.grade] if area.grade is not None else None for area in result.areas]
    if result.overall is not None:
        vector.append(ranks[result.overall.grade] if result.overall.grade is not None else None)
    return vector


def assert_monotone(reference: PackRef) -> None:
    """Making one indicator better never makes any area, or the overall grade, worse."""
    pack = _pack(reference)
    ranks = _ranks(pack)
    names = indicators_used(pack)

    @given(evidence_values(pack), st.sampled_from(names), st.floats(min_value=1e-6, max_value=50))
    def run(values: dict[str, Value], indicator: str, step: float) -> None:
        check_monotone_once(pack, values, indicator, step, ranks)

    run()


def check_monotone_once(
    pack: RulePack,
    values: dict[str, Value],
    indicator: str,
    step: float,
    ranks: dict[str, int] | None = None,
) -> None:
    """One monotonicity case: improve `indicator` by `step`; no grade may get worse."""
    ranks = ranks or _ranks(pack)
    plain = {name: _as_float(value) for name, value in values.items()}
    if indicator not in plain:
        return
    moved = _better(pack, indicator, plain[indicator], step)
    if moved is None:
        return
    before = _grade_vector(evaluate(pack, make_bundle(plain)), ranks)
    after = _grade_vector(evaluate(pack, make_bundle({**plain, indicator: moved})), ranks)
    for old, new in zip(before, after, strict=True):
        if old is not None and new is not None:
            assert new <= old, f"{indicator} improved to {moved}: grades {before} -> {after}"


def _as_float(value: Value) -> float:
    if isinstance(value, tuple):
        return value[0] / value[1] * 100.0
    return value


def assert_faithful(reference: PackRef) -> None:
    """Re-aggregating exactly the findings and limiters an explanation lists gives its grade."""
    pack = _pack(reference)

    @given(evidence_for(pack))
    def run(bundle: EvidenceBundle) -> None:
        check_faithful_once(pack, bundle)

    run()


def check_faithful_once(pack: RulePack, bundle: EvidenceBundle) -> None:
    """One faithfulness case: every area's explanation re-aggregates to its grade."""
    result = evaluate(pack, bundle)
    observed = {observation.indicator for observation in bundle.observations}
    for area in result.areas:
        assert reaggregate(area, pack) == area.grade, area.area
        for finding in area.findings:
            assert finding.origin.line >= 1 and finding.indicator in observed


def _strip_origins(data: Any) -> Any:
    if isinstance(data, dict):
        return {
            key: _strip_origins(value)
            for key, value in data.items()
            if key not in {"origin", "evidence_origin"}
        }
    if isinstance(data, list):
        return [_strip_origins(item) for item in data]
    return data


def assert_deterministic(reference: PackRef) -> None:
    """The same evidence gives byte-identical JSON, whatever the order of its observations."""
    pack = _pack(reference)

    @given(evidence_for(pack), st.integers(min_value=0, max_value=2**32 - 1))
    def run(bundle: EvidenceBundle, seed: int) -> None:
        first = evaluate(pack, bundle).model_dump_json()
        shuffled = list(bundle.observations)
        random.Random(seed).shuffle(shuffled)
        reordered = bundle.model_copy(update={"observations": shuffled})
        assert evaluate(pack, bundle).model_dump_json() == first
        assert evaluate(pack, reordered).model_dump_json() == first

    run()


def assert_order_free(reference: str | Path, *, shuffles: int = 5) -> None:
    """Shuffling the rules, limiters and indicators in the pack's files changes no result.

    The pack is copied `shuffles` times with its lists shuffled (fixed seeds), then hypothesis
    compares the results on many bundles. Source positions (the line a rule is on) naturally
    move, so they and the order of explained items are left out of the comparison.
    """
    import tempfile

    from engine.load.pack import locate_pack

    folder = locate_pack(reference).folder
    pack = load_pack(folder)
    variants: list[RulePack] = []
    with tempfile.TemporaryDirectory() as temporary:
        for seed in range(shuffles):
            copy = Path(temporary) / f"{seed}" / folder.name
            _write_shuffled(folder, copy, random.Random(seed))
            variants.append(load_pack(copy))
    for variant in variants:
        assert variant.content_hash == pack.content_hash

    @given(evidence_for(pack))
    def run(bundle: EvidenceBundle) -> None:
        original = _comparable(evaluate(pack, bundle))
        for variant in variants:
            assert _comparable(evaluate(variant, bundle)) == original

    run()


def _write_shuffled(folder: Path, copy: Path, generator: random.Random) -> None:
    import yaml

    copy.mkdir(parents=True)
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key in ("rules", "limiters", "indicators"):
            if isinstance(data, dict) and isinstance(data.get(key), list):
                generator.shuffle(data[key])
        parent = folder / str(data.get("extends", "")) if path.name == "pack.yaml" else None
        if parent is not None and data.get("extends") and parent.is_dir():
            data["extends"] = str(parent.resolve())
        (copy / path.name).write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def _comparable(result: Evaluation) -> Any:
    data = _strip_origins(json.loads(result.model_dump_json()))
    data["pack"].pop("content_hash", None)
    for area in data["areas"]:
        for key, field in (
            ("findings", "rule"),
            ("limiters", "limiter"),
            ("missing", "indicator"),
            ("counterfactuals", "indicator"),
            ("improvements", "source"),
        ):
            area[key].sort(key=lambda item, field=field: item[field])
        area["flags"].sort(key=lambda item: (item["kind"], item["indicator"] or ""))
    return data


def assert_counterfactuals_hold(reference: PackRef) -> None:
    """Applying a suggested change reaches the stated grade, and no smaller change of it does."""
    pack = _pack(reference)
    ranks = _ranks(pack)

    @given(evidence_values(pack))
    def run(values: dict[str, Value]) -> None:
        plain = {name: _as_float(value) for name, value in values.items()}
        result = evaluate(pack, make_bundle(plain))
        for area in result.areas:
            for change in area.counterfactuals:
                target = ranks[change.target]
                reached = _area_rank(
                    pack,
                    {
                        **plain,
                        change.indicator: _beyond(change.needed, change.current, change.strict),
                    },
                    area.area,
                    ranks,
                )
                assert reached is not None and reached <= target, (area.area, change)
                smaller = _toward(change.needed, change.current, change.strict)
                if smaller is not None:
                    short = _area_rank(pack, {**plain, change.indicator: smaller}, area.area, ranks)
                    assert short is None or short > target, (area.area, change, smaller)

    run()


def _beyond(needed: float, current: float, strict: bool) -> float:
    if not strict:
        return needed
    return needed + math.copysign(max(abs(needed) * 1e-9, 1e-9), needed - current)


def _toward(needed: float, current: float, strict: bool) -> float | None:
    """A value a little short of `needed` on the way from `current` (or `needed` itself when strict)."""
    if strict:
        return needed
    step = max(abs(needed - current) * 1e-4, 1e-7)
    candidate = needed - math.copysign(step, needed - current)
    return candidate if (candidate - current) * (needed - current) > 0 else None


def _area_rank(
    pack: RulePack, values: dict[str, float], area_id: str, ranks: dict[str, int]
) -> int | None:
    result = evaluate(pack, make_bundle(values))
    grade = next(area for area in result.areas if area.area == area_id).grade
    return ranks[grade] if grade is not None else None


def assert_round_trip(reference: str | Path) -> None:
    """YAML -> model -> JSON -> model gives the same pack, and the same hash."""
    from engine.model.pack import RulePack as Model

    pack = load_pack(reference)
    again = Model.model_validate_json(pack.model_dump_json())
    assert again.model_dump() == pack.model_dump()
    from engine.merge import pack_hash

    assert pack_hash(again) == pack.content_hash


def assert_all(reference: str | Path) -> None:
    """Every property above, for a pack folder or built-in id."""
    pack = load_pack(reference)
    assert_total(pack)
    assert_monotone(pack)
    assert_faithful(pack)
    assert_deterministic(pack)
    assert_counterfactuals_hold(pack)
    assert_round_trip(reference)


__all__ = [
    "assert_all",
    "assert_counterfactuals_hold",
    "assert_deterministic",
    "assert_faithful",
    "assert_monotone",
    "assert_order_free",
    "assert_round_trip",
    "assert_total",
    "check_faithful_once",
    "check_monotone_once",
    "indicator_value",
    "reaggregate",
]
