"""Wilson intervals and the flags built on them."""

from __future__ import annotations

import datetime as dt

import pytest

from engine.confidence import borderline_flag, small_denominator_flag, stale_flag, wilson_interval
from engine.model.evidence import Observation
from engine.model.pack import Settings, Unit


def test_wilson_interval_known_value() -> None:
    low, high = wilson_interval(81, 100, 0.95)
    assert low == pytest.approx(0.7222, abs=1e-4)
    assert high == pytest.approx(0.8749, abs=1e-4)


def test_wilson_interval_edges_stay_in_range() -> None:
    assert wilson_interval(0, 10, 0.95)[0] == pytest.approx(0.0, abs=1e-12)
    assert wilson_interval(10, 10, 0.95)[1] == pytest.approx(1.0)


def observation(numerator: float, denominator: float, as_of: dt.date | None = None) -> Observation:
    return Observation(
        indicator="x", numerator=numerator, denominator=denominator, source="s", as_of=as_of
    )


def test_borderline_only_when_interval_spans_a_cut() -> None:
    settings = Settings()
    assert (
        borderline_flag("x", "X", Unit.PERCENT, observation(81, 100), [(85.0, "Good")], settings)
        is not None
    )
    assert (
        borderline_flag("x", "X", Unit.PERCENT, observation(810, 1000), [(85.0, "Good")], settings)
        is None
    )
    assert (
        borderline_flag("x", "X", Unit.DAYS, observation(81, 100), [(85.0, "Good")], settings)
        is None
    )


def test_small_denominator_and_stale() -> None:
    settings = Settings(min_denominator=20, freshness_days=365)
    assert small_denominator_flag("x", "X", observation(5, 19), settings) is not None
    assert small_denominator_flag("x", "X", observation(5, 20), settings) is None
    old = observation(5, 20, as_of=dt.date(2024, 1, 1))
    assert stale_flag("x", "X", old, dt.date(2025, 1, 1), settings) is not None
    assert stale_flag("x", "X", old, dt.date(2024, 12, 31), settings) is None
