"""Aggregation policies and limiter application, as pure functions."""

from __future__ import annotations

from engine.aggregate import apply_limiters, best_fit_shares, weighted_best_fit, worst_of


def test_weighted_best_fit_takes_the_best_grade_reaching_the_share() -> None:
    findings = [(0, 2.0), (1, 2.0), (0, 1.0)]
    assert weighted_best_fit(findings, 0.6, 3) == 0
    assert weighted_best_fit(findings, 0.61, 3) == 1
    assert weighted_best_fit([], 0.6, 3) is None


def test_weighted_best_fit_at_share_one_is_worst_of() -> None:
    findings = [(0, 1.0), (2, 0.5), (1, 3.0)]
    assert weighted_best_fit(findings, 1.0, 3) == worst_of(findings) == 2


def test_best_fit_shares() -> None:
    assert best_fit_shares([(0, 1.0), (2, 3.0)], 3) == [
        (1.0, 0.25),
        (1.0, 0.25),
        (4.0, 1.0),
        (4.0, 1.0),
    ]


def test_caps_win_over_floors() -> None:
    assert apply_limiters(0, [(True, 2)]) == 2
    assert apply_limiters(3, [(False, 1)]) == 1
    assert apply_limiters(3, [(False, 0), (True, 2)]) == 2
    assert apply_limiters(1, [(True, 0)]) == 1
