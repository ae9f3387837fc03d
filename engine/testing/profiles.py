"""Hypothesis profiles: `dev` (quick), `ci` (derandomized, no deadline) and `fuzz` (long).

Importing this module registers them and loads the one named by HYPOTHESIS_PROFILE (default dev),
so our suite and a rule author's own pytest file behave the same way.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=50, deadline=None)
settings.register_profile(
    "ci",
    max_examples=120,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("fuzz", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
