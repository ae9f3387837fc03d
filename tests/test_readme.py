"""Every `ilacs` command in the README runs as documented (exit code included).

Commands are taken from ```sh blocks; a trailing `# exits N` states the expected exit code.
They run in a temporary folder holding copies of `examples/`, `rules/` and the test fixtures,
so commands that write files do not touch the repository.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```sh\n(.*?)```", README, flags=re.DOTALL)
COMMANDS = [
    line.strip()
    for block in BLOCKS
    for line in block.splitlines()
    if line.strip().startswith("ilacs ")
]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("readme")
    for name in ("examples", "rules"):
        shutil.copytree(ROOT / name, folder / name)
    for part in ("fixtures", "verify"):
        shutil.copytree(ROOT / "tests" / part, folder / "tests" / part)
    return folder


def test_readme_has_commands() -> None:
    assert len(COMMANDS) >= 12


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_command_runs(command: str, workdir: Path) -> None:
    expected = 0
    match = re.search(r"#\s*exits\s+(\d+)\s*$", command)
    if match:
        expected = int(match.group(1))
        command = command[: match.start()].strip()
    arguments = shlex.split(command)[1:]
    done = subprocess.run(
        [sys.executable, "-m", "engine.cli", *arguments],
        cwd=workdir,
        capture_output=True,
        text=True,
    )
    assert done.returncode == expected, done.stderr
    assert "Traceback" not in done.stderr


def test_readme_error_example_is_what_validate_prints() -> None:
    shown = re.search(r"```text\n(.*?)\n```", README, flags=re.DOTALL)
    assert shown is not None
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "engine.cli",
            "validate",
            "tests/fixtures/invalid/bundle-with-errors",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert shown.group(1) in done.stderr.splitlines()


def test_readme_python_api_example_runs() -> None:
    code = re.search(r"```python\n(.*?)```", README, flags=re.DOTALL)
    assert code is not None
    done = subprocess.run(
        [sys.executable, "-c", code.group(1)], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "Good" in done.stdout


def test_every_command_is_documented() -> None:
    from typer.main import get_command

    from engine.cli.app import app

    group = get_command(app)
    names = set(group.commands)  # type: ignore[attr-defined]
    for name in names:
        assert f"ilacs {name}" in README, name
