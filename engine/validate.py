"""`ilacs validate`: load every named pack and bundle, collect every problem.

Lives beside the CLI rather than in it because it is library logic: deciding what a path is
(pack or bundle) and checking a bundle against the pack it was prepared for.
"""

from __future__ import annotations

from pathlib import Path

from engine.conformance import check_bundle
from engine.errors import Diagnostic, LoadError
from engine.load.bundle import load_bundle
from engine.load.pack import builtin_pack_ids, load_pack
from engine.model.pack import RulePack


def _kind(path: Path) -> tuple[str, Path] | None:
    """('pack' | 'bundle', folder) for a folder or a file inside one."""
    folder = path if path.is_dir() else path.parent
    if (folder / "pack.yaml").is_file():
        return "pack", folder
    if (folder / "bundle.yaml").is_file():
        return "bundle", folder
    return None


def validate_paths(
    paths: list[Path], rules: str | None, default_pack: str
) -> tuple[list[Diagnostic], str]:
    """All diagnostics for `paths`, and a summary of what was checked."""
    diagnostics: list[Diagnostic] = []
    packs = bundles = 0
    cache: dict[str, RulePack | None] = {}
    for path in paths:
        if not path.exists():
            diagnostics.append(Diagnostic(str(path), 1, 1, "L001", "no such file or folder"))
            continue
        found = _kind(path)
        if found is None:
            diagnostics.append(
                Diagnostic(
                    str(path),
                    1,
                    1,
                    "L001",
                    "not a pack (pack.yaml) or a bundle (bundle.yaml) folder",
                )
            )
            continue
        kind, folder = found
        try:
            if kind == "pack":
                packs += 1
                load_pack(folder)
                continue
            bundles += 1
            bundle = load_bundle(folder)
        except LoadError as error:
            diagnostics.extend(error.diagnostics)
            continue
        prepared = bundle.manifest.prepared_for
        reference = rules or (
            prepared.pack if prepared and prepared.pack in builtin_pack_ids() else default_pack
        )
        if reference not in cache:
            try:
                cache[reference] = load_pack(reference)
            except LoadError as error:
                diagnostics.extend(error.diagnostics)
                cache[reference] = None
        pack = cache[reference]
        if pack is not None:
            diagnostics.extend(check_bundle(pack, bundle))
    summary = (
        f"{packs} pack{'s' if packs != 1 else ''}, {bundles} bundle{'s' if bundles != 1 else ''}"
    )
    return sorted(set(diagnostics)), summary
