"""`ilacs check` catches each fault of the broken-pack corpus at its line, and passes the built-in packs.

Each folder of `broken_packs/` extends the minimal test pack with exactly one fault and states the
code and position the checker must report in `expect.yaml`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from engine.cli.app import app
from engine.verify.check import check_packs

BROKEN = Path(__file__).parent / "broken_packs"
CORPUS = sorted(path for path in BROKEN.iterdir() if path.is_dir())
runner = CliRunner()


def test_corpus_covers_every_fault_the_issue_names() -> None:
    names = {path.name for path in CORPUS}
    assert names >= {
        "overlap",
        "gap",
        "non-monotone-limiter",
        "non-monotone-overall",
        "unreachable-grade",
        "dead-limiter",
        "dangling-id",
        "unit-mismatch",
        "missing-citation",
    }


@pytest.mark.parametrize("folder", CORPUS, ids=[path.name for path in CORPUS])
def test_each_broken_pack_is_caught_with_the_right_code_at_the_right_line(folder: Path) -> None:
    expected = yaml.safe_load((folder / "expect.yaml").read_text(encoding="utf-8"))
    report = check_packs([folder])
    found = report.problems + report.load_errors
    assert [(Path(d.path).name, d.code, d.line, d.column) for d in found] == [
        (expected["file"], expected["code"], expected["line"], expected["column"])
    ]


@pytest.mark.parametrize("pack", ["ilacs-2026", "ilacs-2023", "tests/fixtures/packs/mini"])
def test_shipped_packs_check_clean(pack: str) -> None:
    report = check_packs([pack])
    assert report.load_errors == []
    assert [d.render() for d in report.problems] == []


def test_published_five_step_policy_fails_the_monotonicity_check(tmp_path: Path) -> None:
    policy = yaml.safe_load(
        (Path(__file__).parent.parent / "data" / "overall_five_step.yaml").read_text()
    )
    policy["may_be_ungraded"] = ["care-leavers"]
    manifest = {
        "id": "five-step",
        "title": "Five-step policy",
        "version": "0",
        "extends": "ilacs-2026",
        "overall": policy,
    }
    (tmp_path / "pack.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False))
    report = check_packs([tmp_path])
    assert [(d.code, d.line) for d in report.problems] == [("C203", 9)]
    assert "16 single-step improvements make overall worse" in report.problems[0].message


def test_cli_exit_codes_and_formats() -> None:
    clean = runner.invoke(app, ["check", "ilacs-2026"])
    assert (clean.exit_code, clean.stdout) == (0, "ok: 1 pack(s), no problems\n")
    broken = str(BROKEN / "gap")
    text = runner.invoke(app, ["check", broken])
    assert text.exit_code == 1
    assert text.stdout.splitlines()[-1] == "1 problem found in 1 pack(s)"
    as_json = runner.invoke(app, ["check", broken, "--format", "json"])
    assert json.loads(as_json.stdout)[0]["code"] == "C101"
    github = runner.invoke(app, ["check", broken, "--format", "github"])
    assert github.stdout.startswith(
        f"::error file={broken}/protection.yaml,line=9,col=44,title=C101::"
    )
    dangling = runner.invoke(app, ["check", str(BROKEN / "dangling-id")])
    assert dangling.exit_code == 2
