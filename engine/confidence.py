"""Confidence flags: borderline rates, small denominators, stale evidence.

A rate from 17 visits is not a rate from 1,700. Where an observation gives its numerator and
denominator, a Wilson score interval shows whether the true rate could lie on the other side of
the cut point that decided the finding; if so the finding is flagged borderline, not hidden.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from statistics import NormalDist

from engine.compile import FRACTION_SCALE
from engine.model.evidence import Observation
from engine.model.pack import Settings, Unit
from engine.model.result import ConfidenceFlag, FlagKind


@functools.lru_cache(maxsize=16)
def _z(confidence: float) -> float:
    """The two-sided normal quantile for a confidence level (memoised: it is a pure function)."""
    return NormalDist().inv_cdf(1 - (1 - confidence) / 2)


def wilson_interval(successes: float, trials: float, confidence: float) -> tuple[float, float]:
    """Wilson score interval for a proportion, as fractions in [0, 1]."""
    if trials <= 0:
        return (0.0, 1.0)
    z = _z(confidence)
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


def borderline_flag(
    indicator: str,
    title: str,
    unit: Unit,
    observation: Observation,
    cuts: list[tuple[float, str]],
    settings: Settings,
) -> ConfidenceFlag | None:
    """A borderline flag when the rate's interval straddles any of `cuts` (value, what it is).

    Every threshold spanned is named: a rate can be near both the cut it met and a limiter's limit.
    """
    if (
        observation.numerator is None
        or observation.denominator is None
        or unit not in FRACTION_SCALE
    ):
        return None
    scale = FRACTION_SCALE[unit]
    low, high = wilson_interval(observation.numerator, observation.denominator, settings.confidence)
    low, high = low * scale, high * scale
    spanned = [f"{label} of {cut:g}" for cut, label in cuts if low < cut < high]
    if not spanned:
        return None
    level = round(settings.confidence * 100)
    return ConfidenceFlag(
        kind=FlagKind.BORDERLINE,
        indicator=indicator,
        message=(
            f"{title}: the {level}% interval {low:.1f} to {high:.1f} from "
            f"{observation.numerator:g} of {observation.denominator:g} spans {' and '.join(spanned)}"
        ),
    )


def small_denominator_flag(
    indicator: str, title: str, observation: Observation, settings: Settings
) -> ConfidenceFlag | None:
    """A flag when the figure rests on fewer cases than the pack's minimum."""
    if observation.denominator is None or observation.denominator >= settings.min_denominator:
        return None
    return ConfidenceFlag(
        kind=FlagKind.SMALL_DENOMINATOR,
        indicator=indicator,
        message=(
            f"{title}: based on {observation.denominator:g} cases, fewer than "
            f"{settings.min_denominator}; one case moves it by {100 / observation.denominator:.1f} points"
        ),
    )


def stale_flag(
    indicator: str, title: str, observation: Observation, as_of: dt.date, settings: Settings
) -> ConfidenceFlag | None:
    """A flag when the figure is older than the pack's freshness limit at the bundle's date."""
    taken = observation.as_of or (observation.period.end if observation.period else None)
    if taken is None:
        return None
    age = (as_of - taken).days
    if age < 0:
        return ConfidenceFlag(
            kind=FlagKind.FUTURE_DATED,
            indicator=indicator,
            message=f"{title}: figure dated {taken.isoformat()} is after the evidence's as-of date {as_of.isoformat()}",
        )
    if age <= settings.freshness_days:
        return None
    return ConfidenceFlag(
        kind=FlagKind.STALE,
        indicator=indicator,
        message=f"{title}: figure dated {taken.isoformat()} is {age} days old (limit {settings.freshness_days})",
    )
