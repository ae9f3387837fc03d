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


def _cannot(output: Path, error: OSError) -> LoadError:
    reason = error.strerror or str(error)
    return LoadError([Diagnostic(str(output), 1, 1, "L001", f"cannot write: {reason}")])


def write_atomically(data: bytes, output: Path) -> None:
    """Write `data` to `output` so that a reader never sees half a file.

    A regular file is written through a temporary file in the same folder and renamed over the
    target. A symbolic link is followed (the file it points to is replaced, the link kept). A
    target that exists but is not a regular file (a device such as /dev/null, a pipe) is written
    directly, never replaced.
    """
    target = output.resolve() if output.is_symlink() else output
    if target.exists() and not target.is_file():
        if target.is_dir():
            raise LoadError(
                [Diagnostic(str(output), 1, 1, "L001", "the output is a folder; name a file")]
            )
        try:
            with target.open("wb") as stream:
                stream.write(data)
        except OSError as error:
            raise _cannot(output, error) from None
        return
    folder = target.parent if str(target.parent) else Path()
    if not folder.is_dir():
        raise LoadError([Diagnostic(str(output), 1, 1, "L001", "the output folder does not exist")])
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    except OSError as error:
        raise _cannot(output, error) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        umask = os.umask(0)
        os.umask(umask)
        Path(temporary).chmod(0o666 & ~umask)
        Path(temporary).replace(target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise _cannot(output, error) from None


def report_diagnostics(diagnostics: list[Diagnostic]) -> None:
    """Print diagnostics to stderr, one per line, then a count."""
    for diagnostic in diagnostics:
        sys.stderr.write(diagnostic.render() + "\n")
    count = len(diagnostics)
    sys.stderr.write(f"{count} problem{'s' if count != 1 else ''} found\n")
