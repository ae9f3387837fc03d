"""Build evidence bundles in code, for tests and property checks, without touching files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from engine.load.bundle import bundle_hash
from engine.model.evidence import (
    Authority,
    BundleManifest,
    EvidenceBundle,
    Observation,
    Period,
    ProfessionalJudgement,
)

AS_OF = dt.date(2025, 3, 31)
PERIOD = Period(start=dt.date(2024, 4, 1), end=dt.date(2025, 3, 31))

Value = float | tuple[float, float]


def make_bundle(
    values: Mapping[str, Value],
    *,
    as_of: dt.date = AS_OF,
    authority: str = "Exampleshire",
    judgement: ProfessionalJudgement | None = None,
    observation_dates: Mapping[str, dt.date] | None = None,
) -> EvidenceBundle:
    """A bundle whose observations are `values`: a number, or (numerator, denominator)."""
    observations = []
    for indicator in sorted(values):
        value = values[indicator]
        taken = (observation_dates or {}).get(indicator, as_of)
        if isinstance(value, tuple):
            numerator, denominator = value
            observation = Observation(
                indicator=indicator,
                numerator=numerator,
                denominator=denominator,
                source="test",
                as_of=taken,
            )
        else:
            observation = Observation(indicator=indicator, value=value, source="test", as_of=taken)
        observations.append(observation)
    manifest = BundleManifest(
        authority=Authority(name=authority),
        period=PERIOD,
        as_of=as_of,
        files=["generated"],
    )
    body: dict[str, Any] = {
        "id": "generated",
        "manifest": manifest,
        "observations": observations,
        "judgement": judgement,
    }
    unhashed = EvidenceBundle.model_construct(**body, content_hash="")
    return EvidenceBundle.model_validate({**body, "content_hash": bundle_hash(unhashed)})
