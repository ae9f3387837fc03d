"""Reading evidence bundles: a folder with `bundle.yaml` and the files it lists.

Every path a bundle names must stay inside the bundle folder. Every file is read and every
problem reported before anything is refused, so one bad cell does not hide the next.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from engine.errors import Diagnostic, LoadError
from engine.load.csv_observations import parse_csv_observations
from engine.load.validation import validate_document
from engine.load.yaml_doc import YamlDocument, load_yaml_file, read_text
from engine.model.base import Origin
from engine.model.evidence import (
    BundleManifest,
    EvidenceBundle,
    Narrative,
    Observation,
    ObservationFile,
    ProfessionalJudgement,
)

ModelT = TypeVar("ModelT", bound=BaseModel)
MANIFEST = "bundle.yaml"


def load_bundle(folder: str | Path) -> EvidenceBundle:
    """Load the bundle in `folder` (or the folder holding the given `bundle.yaml`)."""
    root = Path(folder)
    if root.is_file() and root.name == MANIFEST:
        root = root.parent
    display_root = str(root)
    if not root.is_dir():
        raise LoadError([Diagnostic(display_root, 1, 1, "L001", "bundle folder not found")])
    problems: list[Diagnostic] = []
    manifest_document = _document(root, MANIFEST, display_root, problems, (1, 1))
    if manifest_document is None:
        raise LoadError(problems)
    manifest = validate_document(BundleManifest, manifest_document)
    bundle_id = root.resolve().name
    observations: list[Observation] = []
    for index, name in enumerate(manifest.files):
        position = manifest_document.position(("files", index))
        observations.extend(_observations(root, name, display_root, bundle_id, problems, position))
    narrative, narrative_document = _optional(
        root, manifest.narrative, Narrative, display_root, problems, manifest_document, "narrative"
    )
    judgement, judgement_document = _optional(
        root,
        manifest.judgement,
        ProfessionalJudgement,
        display_root,
        problems,
        manifest_document,
        "judgement",
    )
    positions: dict[str, tuple[int, int]] = {}
    if narrative is not None and narrative_document is not None:
        for area in narrative.areas:
            positions[f"narrative/{area}"] = narrative_document.position(
                ("areas", area), of_key=True
            )
    if judgement is not None and judgement_document is not None:
        for area in judgement.areas:
            positions[f"judgement/{area}"] = judgement_document.position(
                ("areas", area), of_key=True
            )
            positions[f"judgement/{area}/grade"] = judgement_document.position(
                ("areas", area, "grade")
            )
    problems.extend(_duplicates(observations, display_root))
    if problems:
        raise LoadError(problems)
    observations.sort(key=lambda observation: observation.indicator)
    body: dict[str, Any] = {
        "id": bundle_id,
        "manifest": manifest,
        "observations": observations,
        "narrative": narrative,
        "judgement": judgement,
        "positions": positions,
    }
    unhashed = EvidenceBundle.model_construct(**body, content_hash="")
    return EvidenceBundle.model_validate(
        {**body, "content_hash": bundle_hash(unhashed), "location": display_root}
    )


def bundle_hash(bundle: EvidenceBundle) -> str:
    """sha256 of the bundle's canonical content; independent of file and row order."""
    data = bundle.model_dump(mode="json", exclude={"content_hash", "id", "location", "positions"})
    data["observations"] = sorted(data["observations"], key=lambda item: item["indicator"])
    data["manifest"]["files"] = sorted(data["manifest"]["files"])
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _inside(
    root: Path, name: str, display: str, problems: list[Diagnostic], position: tuple[int, int]
) -> Path | None:
    candidate = root / name
    if Path(name).is_absolute() or not candidate.resolve().is_relative_to(root.resolve()):
        problems.append(
            Diagnostic(
                f"{display}/{MANIFEST}",
                position[0],
                position[1],
                "E005",
                f"'{name}' is outside the bundle folder",
                "list files by paths inside the bundle",
            )
        )
        return None
    return candidate


def _document(
    root: Path, name: str, display_root: str, problems: list[Diagnostic], position: tuple[int, int]
) -> YamlDocument | None:
    path = _inside(root, name, display_root, problems, position)
    if path is None:
        return None
    try:
        return load_yaml_file(path, f"{display_root}/{name}")
    except LoadError as error:
        problems.extend(error.diagnostics)
        return None


def _observations(
    root: Path,
    name: str,
    display_root: str,
    bundle_id: str,
    problems: list[Diagnostic],
    position: tuple[int, int],
) -> list[Observation]:
    suffix = Path(name).suffix.lower()
    display = f"{display_root}/{name}"
    if suffix not in {".yaml", ".yml", ".csv"}:
        problems.append(
            Diagnostic(
                f"{display_root}/{MANIFEST}",
                position[0],
                position[1],
                "E006",
                f"'{name}': observation files must be .yaml, .yml or .csv",
            )
        )
        return []
    path = _inside(root, name, display_root, problems, position)
    if path is None:
        return []
    if not path.is_file():
        problems.append(_not_found(display_root, position, name))
        return []
    try:
        if suffix == ".csv":
            return parse_csv_observations(read_text(path, display), display, name, bundle_id)
        document = load_yaml_file(path, display)
        parsed = validate_document(ObservationFile, document)
    except LoadError as error:
        problems.extend(error.diagnostics)
        return []
    stamped = []
    for index, observation in enumerate(parsed.observations):
        line, column = document.position(("observations", index))
        origin = Origin(
            pack=bundle_id, file=name, line=line, column=column, pointer=("observations", index)
        )
        stamped.append(observation.model_copy(update={"origin": origin}))
    return stamped


def _optional(
    root: Path,
    name: str | None,
    model: type[ModelT],
    display_root: str,
    problems: list[Diagnostic],
    manifest_document: YamlDocument,
    key: str,
) -> tuple[ModelT | None, YamlDocument | None]:
    if name is None:
        return None, None
    position = manifest_document.position((key,))
    path = _inside(root, name, display_root, problems, position)
    if path is None:
        return None, None
    if not path.is_file():
        problems.append(_not_found(display_root, position, name))
        return None, None
    document = _document(root, name, display_root, problems, position)
    if document is None:
        return None, None
    try:
        return validate_document(model, document), document
    except LoadError as error:
        problems.extend(error.diagnostics)
        return None, None


def _not_found(display_root: str, position: tuple[int, int], name: str) -> Diagnostic:
    return Diagnostic(
        f"{display_root}/{MANIFEST}",
        position[0],
        position[1],
        "L001",
        f"'{name}' not found in the bundle folder",
    )


def _duplicates(observations: list[Observation], display_root: str) -> list[Diagnostic]:
    first: dict[str, Origin] = {}
    problems = []
    for observation in observations:
        origin = observation.origin
        if origin is None:
            continue
        if observation.indicator in first:
            earlier = first[observation.indicator]
            problems.append(
                Diagnostic(
                    f"{display_root}/{origin.file}",
                    origin.line,
                    origin.column,
                    "E004",
                    f"second observation for '{observation.indicator}'; first at {earlier.file}:{earlier.line}",
                    "keep one figure per indicator per bundle",
                )
            )
        else:
            first[observation.indicator] = origin
    return problems
