"""Benchmarks for the budgets in DESIGN.md section 7. Run: python benchmarks/run.py

Prints one line per measurement with the figure and the budget it is compared with. Timings
are wall-clock medians of several repeats on this machine; they are reported, not asserted,
because timed unit tests are flaky by nature.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
EXAMPLE = ROOT / "examples" / "riverside-2025"


def median_seconds(action: Callable[[], object], repeats: int = 5) -> float:
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def evaluations_per_second() -> None:
    import engine
    from engine.compile import compiled
    from engine.evaluator import evaluate_raw

    pack = engine.load_pack("ilacs-2026")
    for name in ("riverside-2025", "eastbrook-2025", "northfield-2025"):
        bundle = engine.load_bundle(ROOT / "examples" / name)
        engine.evaluate(pack, bundle)
        count = 200
        seconds = median_seconds(
            lambda b=bundle, n=count: [engine.evaluate(pack, b) for _ in range(n)]
        )
        print(
            f"evaluate with explanations, {name}: {count / seconds:,.0f} per second (budget 20,000)"
        )
    core = compiled(pack)
    count = 2000
    seconds = median_seconds(lambda: [evaluate_raw(core, bundle) for _ in range(count)])
    print(f"evaluate without explanations (raw records): {count / seconds:,.0f} per second")


def process_time(arguments: list[str]) -> float:
    return median_seconds(
        lambda: subprocess.run(arguments, check=True, capture_output=True), repeats=7
    )


def cli_start_up() -> None:
    baseline = process_time([sys.executable, "-c", "import pydantic, yaml, typer, jsonschema"])
    evaluate = process_time([sys.executable, "-m", "engine.cli", "evaluate", str(EXAMPLE)])
    print(
        f"ilacs evaluate on an example: {evaluate * 1000:.0f} ms; importing the dependencies: "
        f"{baseline * 1000:.0f} ms; ratio {evaluate / baseline:.2f} (budget 1.3)"
    )


def check_large_pack() -> None:
    import tempfile

    from generate_pack import generate

    from engine.verify.check import check_packs

    with tempfile.TemporaryDirectory() as temporary:
        folder = generate(Path(temporary) / "large", rules=500)
        seconds = median_seconds(lambda: check_packs([folder]), repeats=3)
    print(
        f"ilacs check on a generated 500-rule pack (load and all checks): {seconds:.2f} s (budget 1 s)"
    )


if __name__ == "__main__":
    evaluations_per_second()
    check_large_pack()
    cli_start_up()
