"""Typer commands. Each parses arguments, calls the library and maps errors to exit codes:
0 fine, 1 a check or test failed, 2 bad input or usage. Heavy modules are imported inside the
commands, so `ilacs --help` and every command start fast.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar

import typer

from engine import __version__
from engine.cli.output import emit, report_diagnostics
from engine.errors import Diagnostic, EngineError

DEFAULT_PACK = "ilacs-2026"

app = typer.Typer(
    name="ilacs",
    help="Score evidence bundles against ILACS rule packs and explain every suggested grade.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
rules_app = typer.Typer(
    help="List and show rule packs.", no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(rules_app, name="rules")

P = ParamSpec("P")
R = TypeVar("R")


class OutputFormat(StrEnum):
    """Formats of `evaluate`."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


class DiagnosticFormat(StrEnum):
    """Formats of diagnostics."""

    TEXT = "text"
    JSON = "json"


class CheckFormat(StrEnum):
    """Formats of `check`."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


class Explain(StrEnum):
    """How much of the explanation `evaluate` prints as text."""

    FAILS = "fails"
    FULL = "full"


class SchemaKind(StrEnum):
    """Schema families."""

    RULES = "rules"
    EVIDENCE = "evidence"
    RESULT = "result"


def handled(command: Callable[P, R]) -> Callable[P, R]:
    """Turn engine errors into diagnostics and exit 2; never let a traceback reach the user."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except EngineError as error:
            report_diagnostics(error.diagnostics)
            raise typer.Exit(2) from None
        except KeyboardInterrupt:
            sys.stderr.write("ilacs: interrupted\n")
            raise typer.Exit(130) from None
        except (typer.Exit, typer.Abort):
            raise
        except Exception as error:  # the last line of defence: no traceback reaches users
            sys.stderr.write(
                f"ilacs: internal error: {type(error).__name__}: {error} (please report this)\n"
            )
            raise typer.Exit(3) from None

    return wrapper


RulesOption = Annotated[
    str,
    typer.Option(
        "--rules", "-r", help="Rule pack: a built-in id (ilacs-2026, ilacs-2023) or a pack folder."
    ),
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
]


@app.command()
@handled
def evaluate(
    bundles: Annotated[list[Path], typer.Argument(help="Evidence bundle folder(s).")],
    rules: RulesOption = DEFAULT_PACK,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.TEXT,
    explain: Annotated[
        Explain, typer.Option("--explain", help="Text detail: fails or full.")
    ] = Explain.FAILS,
    output: OutputOption = None,
) -> None:
    """Suggest a grade for each judgement area of each bundle, with the reasons."""
    import engine

    pack = engine.load_pack(rules)
    results = [engine.evaluate(pack, engine.load_bundle(bundle)) for bundle in bundles]
    if output_format is OutputFormat.JSON:
        from engine.report.json_output import render_json

        if len(results) == 1:
            text = render_json(results[0])
        else:
            text = (
                "[\n" + ",\n".join(render_json(result).rstrip("\n") for result in results) + "\n]\n"
            )
    elif output_format is OutputFormat.MARKDOWN:
        from engine.report.markdown import render_markdown

        text = "\n".join(render_markdown(result) for result in results)
    else:
        from engine.report.text import render_text

        text = "\n".join(render_text(result, explain.value) for result in results)
    emit(text, output)


@app.command()
@handled
def explain(
    bundle: Annotated[Path, typer.Argument(help="Evidence bundle folder.")],
    area: Annotated[
        str, typer.Option("--area", "-a", help="Judgement area id, e.g. help-and-protection.")
    ],
    rules: RulesOption = DEFAULT_PACK,
    output: OutputOption = None,
) -> None:
    """The full trace of one area: findings with rule lines, aggregation, limiters, counterfactuals."""
    import engine
    from engine.errors import LoadError, did_you_mean
    from engine.report.text import render_trace

    pack = engine.load_pack(rules)
    areas = [item.id for item in pack.areas]
    if area not in areas:
        raise LoadError(
            [
                Diagnostic(
                    "--area",
                    1,
                    1,
                    "P003",
                    f"unknown area '{area}'; areas: {', '.join(areas)}",
                    did_you_mean(area, areas),
                )
            ]
        )
    result = engine.evaluate(pack, engine.load_bundle(bundle))
    emit(render_trace(result, area), output)


@app.command()
@handled
def validate(
    paths: Annotated[
        list[Path], typer.Argument(help="Pack folders, bundle folders, or files inside them.")
    ],
    rules: Annotated[
        str | None,
        typer.Option(
            "--rules",
            "-r",
            help="Pack to check bundles against (default: the one each bundle names, else ilacs-2026).",
        ),
    ] = None,
    output_format: Annotated[
        DiagnosticFormat, typer.Option("--format", "-f")
    ] = DiagnosticFormat.TEXT,
) -> None:
    """Validate packs and bundles; report every problem as path:line:col: CODE message."""
    from engine.validate import validate_paths

    diagnostics, checked = validate_paths(paths, rules, DEFAULT_PACK)
    if output_format is DiagnosticFormat.JSON:
        import json

        sys.stdout.write(json.dumps([item.to_dict() for item in diagnostics], indent=2) + "\n")
    elif diagnostics:
        report_diagnostics(diagnostics)
    else:
        sys.stdout.write(f"ok: {checked}\n")
    if diagnostics:
        raise typer.Exit(2)


@app.command()
@handled
def check(
    packs: Annotated[list[str], typer.Argument(help="Pack folders or built-in pack ids.")],
    output_format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="text, json or github.")
    ] = CheckFormat.TEXT,
) -> None:
    """Prove a pack consistent: bands, monotonicity, reachability, references, citations (exit 1 on findings)."""
    from engine.cli.diagnostics import render_diagnostics
    from engine.verify.check import check_packs

    report = check_packs(list(packs))
    if report.load_errors:
        report_diagnostics(report.load_errors)
        raise typer.Exit(2)
    sys.stdout.write(
        render_diagnostics(report.problems, output_format.value, checked=f"{report.packs} pack(s)")
    )
    if report.problems:
        raise typer.Exit(1)


@app.command("test")
@handled
def test_pack(
    pack: Annotated[str, typer.Argument(help="Pack folder or built-in pack id.")],
    output_format: Annotated[
        DiagnosticFormat, typer.Option("--format", "-f", help="text or json.")
    ] = DiagnosticFormat.TEXT,
) -> None:
    """Run a pack's YAML test cases and boundary rows; report coverage (exit 1 on failure or a gap)."""
    from engine.report.pack_tests import render_test_report
    from engine.verify.cases import run_pack_tests

    report = run_pack_tests(pack)
    sys.stdout.write(render_test_report(report, output_format.value))
    if not report.ok:
        raise typer.Exit(1)


@app.command()
@handled
def report(
    bundle: Annotated[Path, typer.Argument(help="Evidence bundle folder.")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="FILE.html, FILE.md or FILE.docx.")
    ],
    rules: RulesOption = DEFAULT_PACK,
    previous: Annotated[
        Path | None,
        typer.Option(
            "--previous", "-p", help="Last year's bundle, for the summary's comparison and trends."
        ),
    ] = None,
) -> None:
    """Write the self-evaluation report (HTML, Markdown or Word) for a bundle."""
    from engine.cli.output import write_atomically
    from engine.errors import LoadError
    from engine.report.builder import REPORT_FORMATS, render_report

    suffix = output.suffix.lower()
    if suffix not in REPORT_FORMATS:
        raise LoadError(
            [
                Diagnostic(
                    str(output),
                    1,
                    1,
                    "L012",
                    f"unknown report format '{suffix or output.name}'; use .html, .md or .docx",
                )
            ]
        )
    write_atomically(render_report(bundle, suffix, rules, previous), output)


@app.command()
@handled
def docs(
    pack: Annotated[str, typer.Argument(help="Pack folder or built-in pack id.")],
    output: OutputOption = None,
) -> None:
    """Markdown documentation of a pack, generated from the pack: areas, thresholds, citations, policies."""
    from engine.load.pack import load_pack
    from engine.report.pack_docs import render_pack_docs

    emit(render_pack_docs(load_pack(pack)), output)


@app.command()
@handled
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="rules, evidence or result.")],
    part: Annotated[
        str | None,
        typer.Option(
            "--part",
            "-p",
            help="rules: pack, indicators, area, cases; evidence: bundle, observations, narrative, judgement.",
        ),
    ] = None,
    output: OutputOption = None,
) -> None:
    """Print a JSON Schema generated from the models (draft-07, for YAML editors)."""
    from engine.errors import LoadError, did_you_mean
    from engine.schemas import DEFAULT_PART, SCHEMAS, schema_text

    chosen = part or DEFAULT_PART[kind.value]
    parts = list(SCHEMAS[kind.value])
    if chosen not in parts:
        raise LoadError(
            [
                Diagnostic(
                    "--part",
                    1,
                    1,
                    "L012",
                    f"unknown part '{chosen}' for {kind.value}; parts: {', '.join(parts)}",
                    did_you_mean(chosen, parts),
                )
            ]
        )
    emit(schema_text(kind.value, chosen), output)


@rules_app.command("list")
@handled
def rules_list() -> None:
    """The built-in packs: id, version, framework and title."""
    from engine.load.pack import builtin_pack_ids, load_pack

    for pack_id in builtin_pack_ids():
        pack = load_pack(pack_id)
        framework = f"{pack.framework.name} {pack.framework.version}" if pack.framework else ""
        overall = "with overall effectiveness" if pack.overall else "areas only"
        sys.stdout.write(f"{pack.id}\t{pack.version}\t{framework}\t{overall}\t{pack.title}\n")


@rules_app.command("show")
@handled
def rules_show(
    pack_id: Annotated[str, typer.Argument(help="Built-in pack id or pack folder.")],
) -> None:
    """A pack's areas, indicators, rules and limiters, with where each is written."""
    from engine.load.pack import load_pack
    from engine.report.pack_text import render_pack

    sys.stdout.write(render_pack(load_pack(pack_id)))


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"ilacs {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Score evidence bundles against ILACS rule packs and explain every suggested grade."""


def main() -> None:
    """Console-script entry point."""
    app()
