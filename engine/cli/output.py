"""Writing results: stdout, or a file written atomically so nothing is ever half-written."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from engine.errors import Diagnostic, LoadError


def emit(text: str, output: Path | None) -> None:
    """Print `text`, or write it to `output` via a temporary file and an atomic rename."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_atomically(text.encode("utf-8"), output)


def write_atomically(data: bytes, output: Path) -> None:
    """Write `data` to `output` through a temporary file in the same folder and a rename."""
    folder = output.parent if str(output.parent) else Path()
    if not folder.is_dir():
        raise LoadError([Diagnostic(str(output), 1, 1, "L001", "the output folder does not exist")])
    handle, temporary = tempfile.mkstemp(prefix=f".{output.name}.", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        umask = os.umask(0)
        os.umask(umask)
        Path(temporary).chmod(0o666 & ~umask)
        Path(temporary).replace(output)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise LoadError(
            [Diagnostic(str(output), 1, 1, "L001", f"cannot write: {error.strerror}")]
        ) from None


def report_diagnostics(diagnostics: list[Diagnostic]) -> None:
    """Print diagnostics to stderr, one per line, then a count."""
    for diagnostic in diagnostics:
        sys.stderr.write(diagnostic.render() + "\n")
    count = len(diagnostics)
    sys.stderr.write(f"{count} problem{'s' if count != 1 else ''} found\n")
