"""Write a large, well-formed, deterministic rule pack for benchmarks (default: 500 rules)."""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

import yaml

GRADES = ["outstanding", "good", "requires-improvement", "inadequate"]


def generate(folder: Path, rules: int = 500, areas: int = 5, seed: int = 7) -> Path:
    """Write the pack into `folder` and return it."""
    generator = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    indicators: list[dict[str, Any]] = []
    per_area = rules // areas
    files: dict[str, Any] = {}
    for area_index in range(areas):
        area_rules = []
        limiters = []
        for rule_index in range(per_area):
            number = len(indicators)
            higher = generator.random() < 0.6
            indicators.append(
                {
                    "id": f"indicator-{number}",
                    "title": f"Indicator {number}",
                    "unit": "percent",
                    "polarity": "higher-is-better" if higher else "lower-is-better",
                    "category": generator.choice(["practice-quality", "compliance", "outcome-kpi"]),
                    "definition": "Generated for benchmarks.",
                    "source_kind": "case-system",
                    "source": "generated",
                    "framework_tag": "Generated",
                }
            )
            cuts = sorted(generator.sample(range(5, 96), 3), reverse=higher)
            area_rules.append(
                {
                    "kind": "cut-points",
                    "id": f"rule-{area_index}-{rule_index}",
                    "indicator": f"indicator-{number}",
                    "weight": generator.choice([0.5, 1, 1.5, 2]),
                    "cuts": [
                        {"grade": grade, "at": float(at), "source": "generated"}
                        for grade, at in zip(GRADES, cuts, strict=False)
                    ],
                    "because": "Generated.",
                }
            )
            if rule_index % 10 == 0:
                limiters.append(
                    {
                        "id": f"cap-{area_index}-{rule_index}",
                        "title": "Generated cap",
                        "when": {
                            "kind": "compare",
                            "indicator": f"indicator-{number}",
                            "op": "lt" if higher else "gt",
                            "value": float(cuts[-1] - 2 if higher else cuts[-1] + 2),
                            "source": "generated",
                        },
                        "effect": "cap",
                        "grade": "requires-improvement",
                        "because": "Generated.",
                    }
                )
        files[f"area-{area_index}.yaml"] = {
            "id": f"area-{area_index}",
            "title": f"Area {area_index}",
            "aggregation": {"kind": "weighted-best-fit", "share": 0.6},
            "minimum_coverage": 0.5,
            "rules": area_rules,
            "limiters": limiters,
        }
    files["indicators.yaml"] = {"indicators": indicators}
    files["pack.yaml"] = {
        "id": "generated-large",
        "title": "Generated large pack",
        "version": "0.0.0",
        "scale": [{"id": grade, "label": grade} for grade in GRADES],
        "areas": [{"id": f"area-{index}"} for index in range(areas)],
    }
    for name, content in files.items():
        (folder / name).write_text(yaml.safe_dump(content, sort_keys=False), encoding="utf-8")
    return folder


if __name__ == "__main__":
    print(generate(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 500))
