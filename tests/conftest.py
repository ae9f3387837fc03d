"""Shared fixtures and hypothesis profiles (dev, ci, fuzz; chosen by HYPOTHESIS_PROFILE)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import engine.testing.profiles  # noqa: F401 -- registers dev/ci/fuzz and loads HYPOTHESIS_PROFILE

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "examples"


@pytest.fixture
def mini_pack_dir() -> Path:
    """The minimal test pack."""
    return FIXTURES / "packs" / "mini"


@pytest.fixture
def mini_bundle_dir() -> Path:
    """A bundle for the minimal pack."""
    return FIXTURES / "bundles" / "mini-good"


@pytest.fixture
def copy_tree(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Copy a fixture folder into tmp_path so a test can break it."""

    def copy(source: Path, name: str | None = None) -> Path:
        target = tmp_path / (name or source.name)
        shutil.copytree(source, target)
        return target

    return copy
