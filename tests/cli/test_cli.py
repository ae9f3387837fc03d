"""The command line through typer's CliRunner: exit codes, stdout, stderr."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from engine import __version__
from engine.cli.app import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    assert run("--version") == (0, f"ilacs {__version__}\n", "")


def test_evaluate_text(mini_pack_dir: Path, mini_bundle_dir: Path) -> None:
    code, out, err = run("evaluate", str(mini_bundle_dir), "--rules", str(mini_pack_dir))
    assert code == 0, err
    assert "Help and protection\n  Suggested grade: Good" in out
    assert "Leadership team's proposed grade: Outstanding (differs)" in out
    assert "not Ofsted judgements" in out


def test_evaluate_json_is_deterministic(mini_pack_dir: Path, mini_bundle_dir: Path) -> None:
    first = run("evaluate", str(mini_bundle_dir), "-r", str(mini_pack_dir), "--format", "json")
    second = run("evaluate", str(mini_bundle_dir), "-r", str(mini_pack_dir), "--format", "json")
    assert first == second
    data = json.loads(first[1])
    assert data["pack"]["id"] == "mini"
    assert [area["grade"] for area in data["areas"]] == ["good", "good"]


def test_evaluate_many_bundles_as_json_array(mini_pack_dir: Path, mini_bundle_dir: Path) -> None:
    code, out, _ = run(
        "evaluate",
        str(mini_bundle_dir),
        str(mini_bundle_dir),
        "-r",
        str(mini_pack_dir),
        "-f",
        "json",
    )
    assert code == 0
    assert len(json.loads(out)) == 2


def test_evaluate_writes_output_file(
    tmp_path: Path, mini_pack_dir: Path, mini_bundle_dir: Path
) -> None:
    target = tmp_path / "result.md"
    code, out, _ = run(
        "evaluate",
        str(mini_bundle_dir),
        "-r",
        str(mini_pack_dir),
        "-f",
        "markdown",
        "-o",
        str(target),
    )
    assert (code, out) == (0, "")
    assert target.read_text().startswith("# ILACS self-evaluation suggestions: Testshire")
    assert [path.name for path in tmp_path.iterdir()] == ["result.md"]


def test_output_to_missing_folder_is_bad_input(
    tmp_path: Path, mini_pack_dir: Path, mini_bundle_dir: Path
) -> None:
    code, _, err = run(
        "evaluate",
        str(mini_bundle_dir),
        "-r",
        str(mini_pack_dir),
        "-o",
        str(tmp_path / "no" / "x.txt"),
    )
    assert code == 2
    assert "L001 the output folder does not exist" in err


def test_evaluate_bad_bundle_exits_2_with_positions(
    copy_tree, mini_pack_dir: Path, mini_bundle_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    copy = copy_tree(mini_bundle_dir)
    (copy / "observations.yaml").write_text(
        "observations:\n  - {indicator: visits, value: 5, source: x}\n  - {indicator: visits, value: 5}\n"
    )
    code, out, err = run("evaluate", str(copy), "-r", str(mini_pack_dir))
    assert code == 2
    assert out == ""
    assert (
        f"{copy}/observations.yaml:3:5: L010 missing required field 'source' in observations.1"
        in err
    )
    assert "Traceback" not in err
    assert err.endswith("1 problem found\n")


def test_explain_shows_rule_lines_and_limiters(mini_pack_dir: Path, mini_bundle_dir: Path) -> None:
    code, out, _ = run(
        "explain", str(mini_bundle_dir), "--area", "protection", "-r", str(mini_pack_dir)
    )
    assert code == 0
    assert "rule visits-band at mini/protection.yaml:6" in out
    assert "observed 90.0% (180 of 200) from Case system at observations.yaml:2" in out
    assert (
        "visits-shortfall at mini/protection.yaml:35: cap at Requires improvement to be good: did not fire"
        in out
    )
    assert "5. Counterfactuals" in out


def test_explain_unknown_area(mini_pack_dir: Path, mini_bundle_dir: Path) -> None:
    code, _, err = run(
        "explain", str(mini_bundle_dir), "--area", "protecton", "-r", str(mini_pack_dir)
    )
    assert code == 2
    assert "did you mean 'protection'?" in err


def test_validate_ok_and_problems(copy_tree, mini_pack_dir: Path, mini_bundle_dir: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("validate", str(mini_pack_dir), str(mini_bundle_dir), "-r", str(mini_pack_dir)) == (
        0,
        "ok: 1 pack, 1 bundle\n",
        "",
    )
    broken = copy_tree(mini_pack_dir)
    (broken / "workforce.yaml").write_text(
        (broken / "workforce.yaml").read_text().replace("indicator: agency", "indicator: agncy")
    )
    bundle = copy_tree(mini_bundle_dir)
    (bundle / "workforce.csv").write_text("indicator,value,source\ncaseload,15,x\nagency,140,x\n")
    code, _, err = run("validate", str(broken), str(bundle), "-r", str(mini_pack_dir))
    assert code == 2
    lines = err.splitlines()
    assert (
        f"{broken}/workforce.yaml:16:16: P001 unknown indicator 'agncy' (did you mean 'agency'?)"
        in lines
    )
    assert any(
        line.startswith(f"{bundle}/workforce.csv:3:1: E002 agency: 140 is outside")
        for line in lines
    )
    assert lines[-1] == "2 problems found"


def test_validate_json_format(copy_tree, mini_pack_dir: Path) -> None:  # type: ignore[no-untyped-def]
    broken = copy_tree(mini_pack_dir)
    (broken / "pack.yaml").write_text((broken / "pack.yaml").read_text() + "colour: blue\n")
    code, out, _ = run("validate", str(broken), "--format", "json")
    assert code == 2
    (problem,) = json.loads(out)
    assert (problem["code"], problem["line"], problem["column"]) == ("L011", 23, 1)


def test_validate_unknown_path(tmp_path: Path) -> None:
    code, _, err = run("validate", str(tmp_path))
    assert code == 2
    assert "not a pack (pack.yaml) or a bundle (bundle.yaml) folder" in err


def test_schema_commands() -> None:
    code, out, _ = run("schema", "rules", "--part", "area")
    assert code == 0
    assert json.loads(out)["title"] == "AreaSpec"
    code, out, _ = run("schema", "result")
    assert json.loads(out)["title"] == "Evaluation"
    code, _, err = run("schema", "evidence", "--part", "bundel")
    assert code == 2
    assert "did you mean 'bundle'?" in err


def test_unknown_rules_pack_is_bad_input(mini_bundle_dir: Path) -> None:
    code, _, err = run("evaluate", str(mini_bundle_dir), "--rules", "ilacs-2062")
    assert code == 2
    assert "P004" in err


def test_usage_error_exits_2() -> None:
    code, _, _ = run("evaluate")
    assert code == 2


def test_rules_show_folder(mini_pack_dir: Path) -> None:
    code, out, _ = run("rules", "show", str(mini_pack_dir))
    assert code == 0
    assert "rule visits-band: visits, weight 2 (mini/protection.yaml:6)" in out
    assert "Overall effectiveness policy (first match wins):" in out
