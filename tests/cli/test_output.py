"""Writing output files: atomic for regular files, through symlinks, straight to devices, clean errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from engine.cli.output import write_atomically
from engine.errors import LoadError


def test_regular_file_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    write_atomically(b"new", target)
    assert target.read_text() == "new"
    assert [path.name for path in tmp_path.iterdir()] == ["out.txt"]


def test_symlink_is_followed_not_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomically(b"new", link)
    assert link.is_symlink()
    assert real.read_text() == "new"


def test_device_is_written_not_replaced() -> None:
    device = Path(os.devnull)
    write_atomically(b"ignored", device)
    assert device.exists() and not device.is_file()


def test_unwritable_folder_is_a_clean_error(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as caught:
        write_atomically(b"x", tmp_path / "missing" / "out.txt")
    assert caught.value.diagnostics[0].code == "L001"
    with pytest.raises(LoadError) as caught:
        write_atomically(b"x", Path("/proc/not-writable.txt"))
    assert caught.value.diagnostics[0].message.startswith("cannot write")
    with pytest.raises(LoadError):
        write_atomically(b"x", tmp_path)
