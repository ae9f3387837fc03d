"""Aggregation policies: how an area's findings combine into one grade before limiters.

Each policy is a pure function of (grade rank, weight) pairs, so the explanation can re-run it
on exactly the findings it lists and get the grade it explains (DESIGN.md invariant 5). Both
policies are monotone: a finding moving to a better grade never makes the result worse.
"""

from __future__ import annotations

from collections.abc import Sequence

EPSILON = 1e-9


def weighted_best_fit(
    findings: Sequence[tuple[int, float]], share: float, worst: int
) -> int | None:
    """The best grade rank that at least `share` of the evidenced weight reaches or beats."""
    total = sum(weight for _, weight in findings)
    if total <= 0:
        return None
    for rank in range(worst + 1):
        reached = sum(weight for found, weight in findings if found <= rank)
        if reached / total >= share - EPSILON:
            return rank
    return worst


def best_fit_shares(findings: Sequence[tuple[int, float]], worst: int) -> list[tuple[float, float]]:
    """For each grade rank: (weight at that grade or better, its share of evidenced weight)."""
    total = sum(weight for _, weight in findings)
    out = []
    for rank in range(worst + 1):
        reached = sum(weight for found, weight in findings if found <= rank)
        out.append((reached, reached / total if total > 0 else 0.0))
    return out


def worst_of(findings: Sequence[tuple[int, float]]) -> int | None:
    """The worst grade rank among the findings."""
    return max((found for found, _ in findings), default=None)


def aggregate(findings: Sequence[tuple[int, float]], share: float | None, worst: int) -> int | None:
    """Apply the area's policy: weighted best fit when `share` is given, else worst-of."""
    if share is None:
        return worst_of(findings)
    return weighted_best_fit(findings, share, worst)


def apply_limiters(rank: int, fired: Sequence[tuple[bool, int]]) -> int:
    """Apply fired limiters, given as (is_cap, rank): floors first, then caps, so a cap wins.

    A cap encodes a failure that leaves children at risk; no strength elsewhere outweighs it.
    """
    for is_cap, limit in fired:
        if not is_cap:
            rank = min(rank, limit)
    for is_cap, limit in fired:
        if is_cap:
            rank = max(rank, limit)
    return rank
