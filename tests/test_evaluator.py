"""Evaluation semantics on the minimal pack: bands, aggregation, limiters, coverage, overall."""

from __future__ import annotations

from pathlib import Path

import pytest

import engine
from engine.model.pack import RulePack
from engine.model.result import AreaOutcome, Evaluation
from engine.testing import make_bundle

GOOD = {"visits": 92.0, "audit": 70.0, "rereferrals": 20.0, "caseload": 15.0, "agency": 10.0}


@pytest.fixture
def pack(mini_pack_dir: Path) -> RulePack:
    return engine.load_pack(mini_pack_dir)


def area(result: Evaluation, area_id: str) -> AreaOutcome:
    return next(item for item in result.areas if item.area == area_id)


def test_all_good_evidence_gives_good(pack: RulePack) -> None:
    result = engine.evaluate(pack, make_bundle(GOOD))
    assert [item.grade for item in result.areas] == ["good", "good"]
    assert result.overall is not None and result.overall.grade == "good"


def test_cut_points_are_inclusive(pack: RulePack) -> None:
    result = engine.evaluate(pack, make_bundle({**GOOD, "visits": 95.0, "audit": 80.0}))
    protection = area(result, "protection")
    assert [finding.grade for finding in protection.findings] == [
        "outstanding",
        "outstanding",
        "good",
    ]
    assert protection.grade == "outstanding"


def test_lower_is_better_cut_points(pack: RulePack) -> None:
    result = engine.evaluate(pack, make_bundle({**GOOD, "rereferrals": 26.0}))
    finding = area(result, "protection").findings[2]
    assert finding.grade == "requires-improvement"
    assert finding.met is not None and finding.met.at == 26.0
    assert finding.next is not None and finding.next.grade == "good"


def test_value_beyond_every_cut_gets_worst_grade(pack: RulePack) -> None:
    result = engine.evaluate(pack, make_bundle({**GOOD, "agency": 40.0}))
    workforce = area(result, "workforce")
    assert workforce.findings[1].grade == "inadequate"
    assert workforce.findings[1].met is None
    assert workforce.grade == "inadequate"
    assert result.overall is not None and result.overall.grade == "inadequate"
    assert result.overall.rule == "any-inadequate"


def test_weighted_best_fit_needs_the_share(pack: RulePack) -> None:
    # visits (2) outstanding, audit (2) good, rereferrals (1) outstanding: 3/5 = 60% reach O.
    result = engine.evaluate(pack, make_bundle({**GOOD, "visits": 96.0, "rereferrals": 15.0}))
    protection = area(result, "protection")
    assert protection.grade == "outstanding"
    assert protection.aggregation.steps[0].share == pytest.approx(0.6)
    # without the re-referral finding only 2/4 = 50% reach O.
    result = engine.evaluate(pack, make_bundle({**GOOD, "visits": 96.0, "rereferrals": 23.0}))
    assert area(result, "protection").grade == "good"


def test_cap_limiter_fires_and_changes_grade(pack: RulePack) -> None:
    result = engine.evaluate(
        pack, make_bundle({**GOOD, "visits": 55.0, "audit": 85.0, "rereferrals": 10.0})
    )
    protection = area(result, "protection")
    assert protection.aggregation.grade == "outstanding"
    assert protection.grade == "requires-improvement"
    shortfall = protection.limiters[0]
    assert (shortfall.limiter, shortfall.fired, shortfall.changed_grade) == (
        "visits-shortfall",
        True,
        True,
    )
    assert any(
        item.priority_action and item.source == "visits-shortfall"
        for item in protection.improvements
    )


def test_practice_evidence_limiter_without_audit(pack: RulePack) -> None:
    values = {key: value for key, value in GOOD.items() if key != "audit"}
    result = engine.evaluate(pack, make_bundle(values))
    protection = area(result, "protection")
    assert protection.grade == "requires-improvement"
    assert protection.limiters[1].fired
    assert [missing.indicator for missing in protection.missing] == ["audit"]


def test_insufficient_coverage_is_not_a_grade(pack: RulePack) -> None:
    result = engine.evaluate(
        pack, make_bundle({"rereferrals": 20.0, "caseload": 15.0, "agency": 10.0})
    )
    protection = area(result, "protection")
    assert protection.status == "insufficient-evidence"
    assert protection.grade is None
    assert protection.grade_label == "Insufficient evidence"
    assert {missing.indicator for missing in protection.missing} == {"visits", "audit"}
    assert protection.coverage.share == pytest.approx(0.2)
    assert result.overall is not None and result.overall.grade is None
    assert "Help and protection" in result.overall.because


def test_worst_of_needs_full_coverage(pack: RulePack) -> None:
    result = engine.evaluate(
        pack, make_bundle({**{k: v for k, v in GOOD.items() if k != "agency"}})
    )
    assert area(result, "workforce").status == "insufficient-evidence"


def test_fraction_becomes_percent_and_borderline_flag(pack: RulePack) -> None:
    result = engine.evaluate(pack, make_bundle({**GOOD, "visits": (45.0, 50.0)}))
    protection = area(result, "protection")
    assert protection.findings[0].value == pytest.approx(90.0)
    kinds = {(flag.kind, flag.indicator) for flag in protection.flags}
    assert ("borderline", "visits") in kinds
    assert ("small-denominator", "visits") not in kinds


def test_small_denominator_and_stale_flags(pack: RulePack) -> None:
    import datetime as dt

    bundle = make_bundle(
        {**GOOD, "audit": (12.0, 15.0)}, observation_dates={"caseload": dt.date(2023, 1, 1)}
    )
    result = engine.evaluate(pack, bundle)
    flags = {(flag.kind, flag.indicator) for item in result.areas for flag in item.flags}
    assert ("small-denominator", "audit") in flags
    assert ("stale", "caseload") in flags


def test_professional_judgement_is_kept_beside_the_suggestion(pack: RulePack) -> None:
    from engine.model.evidence import ProfessionalJudgement, ProposedGrade

    judgement = ProfessionalJudgement(
        areas={"protection": ProposedGrade(grade="outstanding", rationale="because")}
    )
    result = engine.evaluate(pack, make_bundle(GOOD, judgement=judgement))
    protection = area(result, "protection")
    assert protection.grade == "good"
    assert protection.proposed is not None and protection.proposed.grade == "outstanding"


def test_counterfactual_names_the_smallest_change(pack: RulePack) -> None:
    result = engine.evaluate(pack, make_bundle({**GOOD, "agency": 22.0}))
    workforce = area(result, "workforce")
    assert workforce.grade == "requires-improvement"
    (change,) = workforce.counterfactuals
    assert (change.indicator, change.needed, change.strict, change.target) == (
        "agency",
        21.1,
        False,
        "good",
    )


def test_counterfactual_counts_cases_for_fractions(pack: RulePack) -> None:
    result = engine.evaluate(
        pack, make_bundle({**GOOD, "visits": (110.0, 200.0), "audit": (30.0, 40.0)})
    )
    protection = area(result, "protection")
    assert protection.grade == "requires-improvement"
    visits = next(change for change in protection.counterfactuals if change.indicator == "visits")
    assert visits.needed == 60.0
    assert visits.extra_count == 10
    reached = engine.evaluate(
        pack, make_bundle({**GOOD, "visits": (120.0, 200.0), "audit": (30.0, 40.0)})
    )
    assert area(reached, "protection").grade == "good"
    short = engine.evaluate(
        pack, make_bundle({**GOOD, "visits": (119.0, 200.0), "audit": (30.0, 40.0)})
    )
    assert area(short, "protection").grade == "requires-improvement"


def test_unknown_indicator_in_bundle_is_bad_input(pack: RulePack) -> None:
    with pytest.raises(engine.errors.LoadError) as caught:
        engine.evaluate(pack, make_bundle({**GOOD, "vists": 90.0}))
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.code == "E001"
    assert diagnostic.hint == "did you mean 'visits'?"


def test_out_of_domain_value_is_bad_input(pack: RulePack) -> None:
    with pytest.raises(engine.errors.LoadError) as caught:
        engine.evaluate(pack, make_bundle({**GOOD, "visits": 0.9 * 100 + 20}))
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.code == "E002"
    assert diagnostic.hint == "percentages are 0-100, not 0-1"


def test_a_rate_exactly_on_a_cut_meets_it_despite_float_rounding(pack: RulePack) -> None:
    # 169 of 1000 is 16.900000000000002%, which must meet the Outstanding cut of 16.9%.
    result = engine.evaluate(pack, make_bundle({**GOOD, "rereferrals": (169.0, 1000.0)}))
    finding = area(result, "protection").findings[2]
    assert finding.grade == "outstanding"
    before = engine.evaluate(
        pack, make_bundle({**GOOD, "visits": 96.0, "rereferrals": (175.0, 1000.0)})
    )
    protection = area(before, "protection")
    (change,) = [c for c in protection.counterfactuals if c.indicator == "rereferrals"]
    assert (change.needed, change.extra_count) == (16.9, -6)
    after = engine.evaluate(
        pack, make_bundle({**GOOD, "visits": 96.0, "rereferrals": (169.0, 1000.0)})
    )
    assert area(after, "protection").grade == change.target


def test_figures_dated_after_the_bundle_are_flagged(pack: RulePack) -> None:
    import datetime as dt

    bundle = make_bundle(GOOD, observation_dates={"agency": dt.date(2031, 1, 1)})
    flags = [
        (flag.kind, flag.indicator)
        for item in engine.evaluate(pack, bundle).areas
        for flag in item.flags
    ]
    assert ("future-dated", "agency") in flags


def test_a_limiter_near_its_threshold_is_flagged_borderline(pack: RulePack) -> None:
    result = engine.evaluate(pack, make_bundle({**GOOD, "visits": (56.0, 100.0)}))
    (flag,) = [flag for flag in area(result, "protection").flags if flag.kind == "borderline"]
    assert "the limit of 'Too few children on plans are visited in time' of 60" in flag.message


def test_unknown_area_and_grade_in_judgement_and_narrative_are_placed(
    copy_tree,
    mini_pack_dir: Path,
    mini_bundle_dir: Path,  # type: ignore[no-untyped-def]
) -> None:
    bundle = copy_tree(mini_bundle_dir)
    (bundle / "judgement.yaml").write_text(
        "areas:\n  protection: {grade: outstandng, rationale: r}\n  protecton: {grade: good, rationale: r}\n"
    )
    (bundle / "narrative.yaml").write_text("areas:\n  workforse: {summary: s}\n")
    manifest = (bundle / "bundle.yaml").read_text() + "narrative: narrative.yaml\n"
    (bundle / "bundle.yaml").write_text(manifest)
    with pytest.raises(engine.errors.LoadError) as caught:
        engine.evaluate(engine.load_pack(mini_pack_dir), engine.load_bundle(bundle))
    found = sorted((Path(d.path).name, d.line, d.column, d.hint) for d in caught.value.diagnostics)
    assert found == [
        ("judgement.yaml", 2, 23, "did you mean 'outstanding'?"),
        ("judgement.yaml", 3, 3, "did you mean 'protection'?"),
        ("narrative.yaml", 2, 3, "did you mean 'workforce'?"),
    ]
