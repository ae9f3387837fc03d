"""Committed JSON Schemas match the models, and they accept the files we ship.

Regenerate after a model change with:
    ILACS_WRITE_SCHEMAS=1 pytest tests/test_schemas.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

from engine.load.yaml_doc import load_yaml_file
from engine.schemas import SCHEMAS, schema_text

ROOT = Path(__file__).resolve().parent.parent
PARTS = [(kind, part, path) for kind, parts in SCHEMAS.items() for part, (_, path) in parts.items()]


@pytest.mark.parametrize(("kind", "part", "path"), PARTS, ids=[f"{k}-{p}" for k, p, _ in PARTS])
def test_committed_schema_is_current(kind: str, part: str, path: str) -> None:
    expected = schema_text(kind, part)
    target = ROOT / path
    if os.environ.get("ILACS_WRITE_SCHEMAS") == "1":
        target.write_text(expected, encoding="utf-8")
    assert target.read_text(encoding="utf-8") == expected, (
        f"{path} is stale: run ILACS_WRITE_SCHEMAS=1 pytest {__file__}"
    )


def schema(path: str) -> dict[str, object]:
    loaded: dict[str, object] = json.loads((ROOT / path).read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(loaded)
    return loaded


def shipped(pattern: str) -> list[Path]:
    return sorted(ROOT.glob(pattern))


def test_schemas_accept_shipped_pack_files() -> None:
    pack_schema = schema("rules/schema/pack.schema.json")
    indicator_schema = schema("rules/schema/indicators.schema.json")
    area_schema = schema("rules/schema/area.schema.json")
    checked = 0
    for pack_file in shipped("rules/*/pack.yaml"):
        jsonschema.validate(load_yaml_file(pack_file, str(pack_file)).data, pack_schema)
        checked += 1
        folder = pack_file.parent
        if (folder / "indicators.yaml").is_file():
            jsonschema.validate(
                load_yaml_file(folder / "indicators.yaml", "i").data, indicator_schema
            )
        for area_file in folder.glob("*.yaml"):
            if area_file.name not in {"pack.yaml", "indicators.yaml"}:
                jsonschema.validate(load_yaml_file(area_file, str(area_file)).data, area_schema)
    assert checked >= 2


def test_schemas_accept_example_bundles() -> None:
    bundle_schema = schema("evidence/schema/bundle.schema.json")
    observation_schema = schema("evidence/schema/observations.schema.json")
    checked = 0
    for manifest in shipped("examples/*/bundle.yaml"):
        data = load_yaml_file(manifest, str(manifest)).data
        jsonschema.validate(data, bundle_schema)
        for name in data["files"]:
            if name.endswith(".yaml"):
                jsonschema.validate(
                    load_yaml_file(manifest.parent / name, name).data, observation_schema
                )
        checked += 1
    assert checked >= 3


def test_result_schema_accepts_expected_results() -> None:
    result_schema = schema("evidence/schema/result.schema.json")
    results = shipped("examples/*/expected.json")
    assert results
    for result in results:
        jsonschema.validate(json.loads(result.read_text(encoding="utf-8")), result_schema)
