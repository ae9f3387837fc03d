"""The dependency direction of DESIGN.md: the core never imports the faces.

Core modules (model, load, compile, evaluate, explain, ...) must not import `engine.cli` or
`engine.report`; the model imports nothing else of the engine; only `engine.load` opens files.
"""

from __future__ import annotations

import ast
from pathlib import Path

ENGINE = Path(__file__).resolve().parent.parent / "engine"
FACES = ("engine.cli", "engine.report")


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def modules(*exclude: str) -> list[Path]:
    return [
        path
        for path in sorted(ENGINE.rglob("*.py"))
        if not any(path.relative_to(ENGINE).as_posix().startswith(prefix) for prefix in exclude)
    ]


def test_core_never_imports_cli_or_renderers() -> None:
    offenders = {
        path.relative_to(ENGINE).as_posix(): sorted(
            name for name in imports_of(path) if name.startswith(FACES)
        )
        for path in modules("cli/", "report/")
    }
    assert {name: found for name, found in offenders.items() if found} == {}


def test_renderers_never_import_the_cli() -> None:
    for path in modules():
        if path.relative_to(ENGINE).as_posix().startswith("report/"):
            assert not any(name.startswith("engine.cli") for name in imports_of(path)), path


def test_model_depends_on_nothing_else_in_the_engine() -> None:
    for path in sorted((ENGINE / "model").glob("*.py")):
        engine_imports = {name for name in imports_of(path) if name.startswith("engine")}
        assert all(name.startswith("engine.model") for name in engine_imports), path


def test_only_load_and_cli_touch_files() -> None:
    opening = ("open(", ".read_text(", ".write_text(", ".read_bytes(", "mkstemp(")
    allowed = ("load/", "cli/", "testing/")  # the testing kit writes temporary shuffled pack copies
    for path in modules(*allowed):
        text = path.read_text(encoding="utf-8")
        assert not any(call in text for call in opening), path


def test_no_eval_or_unsafe_yaml() -> None:
    for path in modules():
        text = path.read_text(encoding="utf-8")
        for forbidden in ("eval(", "exec(", "yaml.load(", "yaml.unsafe_load", "pickle.load"):
            assert forbidden not in text.replace("literal_eval(", ""), (path, forbidden)
