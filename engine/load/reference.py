"""Published comparators: an authority's own DfE figures over time and its statistical neighbours.

Read from the reference data shipped with the built-in packs (`rules/reference-data/`, DfE
official statistics under the Open Government Licence). Suppressed values (`c`, `x`, `z`, `u`,
`:`) are missing, never zero.
"""

from __future__ import annotations

import csv
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from engine.load.pack import builtin_root

SUPPRESSED = {"c", "x", "z", "u", ":", ""}


@dataclass(frozen=True)
class Comparators:
    """Published values by (old LA code or 'england', measure, year) and statistical neighbours."""

    values: dict[tuple[str, str, int], float] = field(default_factory=dict)
    neighbours: dict[str, list[str]] = field(default_factory=dict)

    def series(self, authority: str, measure: str) -> list[tuple[int, float]]:
        """(year, value) for the authority's published figures, oldest first."""
        return sorted(
            (year, value)
            for (code, name, year), value in self.values.items()
            if code == authority and name == measure
        )

    def neighbour_median(self, authority: str, measure: str, year: int) -> tuple[float, int] | None:
        """Median of the neighbours' published values for the year, and how many had one."""
        found = [
            self.values[(code, measure, year)]
            for code in self.neighbours.get(authority, [])
            if (code, measure, year) in self.values
        ]
        if not found:
            return None
        return statistics.median(found), len(found)

    def latest_year(self, measure: str) -> int | None:
        """The latest year with an England value for the measure."""
        years = [
            year for (code, name, year) in self.values if code == "england" and name == measure
        ]
        return max(years) if years else None


def load_comparators(folder: Path | None = None) -> Comparators:
    """Read the reference data (the built-in copy unless `folder` is given)."""
    root = folder or builtin_root() / "reference-data"
    values: dict[tuple[str, str, int], float] = {}
    with (root / "dfe_la_indicators_2021_2025.csv").open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            raw = row["value_raw"].strip()
            if raw.lower() in SUPPRESSED:
                continue
            try:
                value = float(row["value"])
            except ValueError:
                continue
            if row["geographic_level"] == "National":
                code = "england"
            else:
                code = row["old_la_code"].split(".")[0]
            values[(code, row["indicator"], int(row["time_period"]))] = value
    neighbours: dict[str, list[str]] = {}
    with (root / "statistical_neighbours_2025.csv").open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            neighbours[row["old_la_code"]] = [
                row[f"SN_{index}"] for index in range(1, 11) if row.get(f"SN_{index}")
            ]
    return Comparators(values, neighbours)
