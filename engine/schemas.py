"""JSON Schemas for every file people write and for the result, generated from the models.

Draft-07, because that is what YAML editors (yaml-language-server) understand: `$defs` become
`definitions`. The committed copies in `rules/schema/` and `evidence/schema/` are compared with
these by a test, so they cannot go stale.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from engine.model.cases import CaseFile
from engine.model.evidence import BundleManifest, Narrative, ObservationFile, ProfessionalJudgement
from engine.model.pack import AreaSpec, IndicatorCatalogue, PackManifest
from engine.model.result import Evaluation

DRAFT_07 = "http://json-schema.org/draft-07/schema#"

SCHEMAS: dict[str, dict[str, tuple[type[BaseModel], str]]] = {
    "rules": {
        "pack": (PackManifest, "rules/schema/pack.schema.json"),
        "indicators": (IndicatorCatalogue, "rules/schema/indicators.schema.json"),
        "area": (AreaSpec, "rules/schema/area.schema.json"),
        "cases": (CaseFile, "rules/schema/cases.schema.json"),
    },
    "evidence": {
        "bundle": (BundleManifest, "evidence/schema/bundle.schema.json"),
        "observations": (ObservationFile, "evidence/schema/observations.schema.json"),
        "narrative": (Narrative, "evidence/schema/narrative.schema.json"),
        "judgement": (ProfessionalJudgement, "evidence/schema/judgement.schema.json"),
    },
    "result": {
        "evaluation": (Evaluation, "evidence/schema/result.schema.json"),
    },
}
DEFAULT_PART = {"rules": "pack", "evidence": "bundle", "result": "evaluation"}


def schema_for(model: type[BaseModel]) -> dict[str, Any]:
    """A draft-07 JSON Schema for `model`."""
    schema = model.model_json_schema(ref_template="#/definitions/{model}", mode="validation")
    if "$defs" in schema:
        schema["definitions"] = schema.pop("$defs")
    return {"$schema": DRAFT_07, **schema}


def schema_text(kind: str, part: str) -> str:
    """The schema for `kind`/`part` as committed: sorted keys, two-space indent, newline."""
    model, _ = SCHEMAS[kind][part]
    return json.dumps(schema_for(model), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
