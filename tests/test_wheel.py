"""The wheel ships the built-in packs: build it, install it in a fresh venv outside the repo, run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "riverside-2025"


@pytest.mark.slow
def test_wheel_installs_and_evaluates_outside_the_repo(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--wheel-dir",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        cwd=tmp_path,
    )
    (wheel,) = wheels.glob("ilacs_engine-*.whl")
    environment = tmp_path / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel)], check=True, cwd=tmp_path
    )
    ilacs = environment / "bin" / "ilacs"
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}

    def run(*args: str) -> str:
        done = subprocess.run(
            [str(ilacs), *args], capture_output=True, text=True, cwd=tmp_path, env=env
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "evaluate" in run("--help")
    listed = run("rules", "list")
    assert "ilacs-2026" in listed and "ilacs-2023" in listed
    result = json.loads(run("evaluate", str(EXAMPLE), "--format", "json"))
    expected = json.loads((EXAMPLE / "expected.json").read_text(encoding="utf-8"))
    assert result == expected
    report = tmp_path / "report.docx"
    run("report", str(EXAMPLE), "--output", str(report))
    assert report.stat().st_size > 10_000
    assert run("check", "ilacs-2023").startswith("ok:")
    assert run("test", "ilacs-2023").endswith("0 failed\n")
    located = subprocess.run(
        [str(python), "-c", "import engine.load.pack as p; print(p.builtin_root())"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=True,
    ).stdout.strip()
    assert located.startswith(str(environment))
    shipped = subprocess.run(
        [
            str(python),
            "-c",
            "import engine, pkgutil; print(sorted(m.name for m in pkgutil.walk_packages(engine.__path__, 'engine.')))",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=True,
    ).stdout
    in_repo = sorted(
        "engine."
        + ".".join(path.relative_to(ROOT / "engine").with_suffix("").parts).removesuffix(
            ".__init__"
        )
        for path in (ROOT / "engine").rglob("*.py")
        if path.name != "__main__.py" and path != ROOT / "engine" / "__init__.py"
    )
    for module in in_repo:
        assert f"'{module}'" in shipped, module
