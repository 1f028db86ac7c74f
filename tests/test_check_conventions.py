"""What users of other license gates expect from `check`: `--fail-on warning`,
`--quiet`, and CSV and Markdown output (dependency-review, pip-licenses, liccheck)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from licensecmp.cli import app

runner = CliRunner()


@pytest.fixture
def warn_policy(tmp_path: Path) -> Path:
    policy = tmp_path / "licensecmp.toml"
    policy.write_text('warn = ["patent-retaliation"]\n')
    return policy


def test_a_warning_passes_by_default_and_fails_under_fail_on_warning(warn_policy: Path) -> None:
    default = runner.invoke(app, ["check", "apache-2.0", "-p", str(warn_policy)])
    assert default.exit_code == 0, default.output
    strict = runner.invoke(
        app, ["check", "apache-2.0", "-p", str(warn_policy), "--fail-on", "warning"]
    )
    assert strict.exit_code == 1
    assert "check FAILED" in strict.output
    assert "warnings fail under --fail-on warning" in strict.output


def test_fail_on_error_leaves_a_clean_pass_alone() -> None:
    done = runner.invoke(app, ["check", "mit", "--fail-on", "warning"])
    assert done.exit_code == 0, done.output


def test_quiet_prints_only_what_fails_or_warns() -> None:
    done = runner.invoke(app, ["check", "mit", "llama-3.1", "--quiet"])
    assert done.exit_code == 1
    lines = done.output.splitlines()
    assert [line.split()[0] for line in lines[:-1]] == ["FAIL"]
    assert "llama-3.1" in lines[0]
    assert lines[-1].startswith("check FAILED (2 subjects: 1 passed")


def test_csv_has_one_row_per_subject() -> None:
    done = runner.invoke(app, ["check", "mit", "llama-3.1", "-f", "csv"])
    assert done.exit_code == 1
    rows = list(csv.DictReader(io.StringIO(done.output)))
    assert [(r["subject"], r["result"]) for r in rows] == [("mit", "pass"), ("llama-3.1", "fail")]
    assert "700,000,000" in rows[1]["reasons"]


def test_csv_fields_never_run_as_spreadsheet_formulas(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    source = Path("=HYPERLINK(1)")
    source.mkdir()
    (source / "LICENSE").write_text(
        "Lumen Labs grants you a licence to use, copy, modify and share the Model.\n"
    )
    done = runner.invoke(app, ["check", str(source), "-f", "csv"])
    rows = list(csv.DictReader(io.StringIO(done.output)))
    assert rows[0]["subject"] == "'=HYPERLINK(1)"


def test_markdown_is_the_job_summary() -> None:
    done = runner.invoke(app, ["check", "mit", "-f", "markdown"])
    assert done.exit_code == 0
    assert done.output.startswith("## licensecmp check ✅ passed")
    assert "| subject | result | license | reasons |" in done.output


def test_ignore_leaves_out_the_subjects_it_matches(tmp_path: Path) -> None:
    import json

    bom = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "components": [
            {
                "type": "library",
                "name": "lib",
                "version": "1",
                "licenses": [{"license": {"id": "MIT"}}],
            },
            {
                "type": "library",
                "name": "nc-data",
                "version": "2",
                "licenses": [{"license": {"id": "CC-BY-NC-4.0"}}],
            },
        ],
    }
    path = tmp_path / "bom.cdx.json"
    path.write_text(json.dumps(bom))
    assert runner.invoke(app, ["check", str(path)]).exit_code == 1
    done = runner.invoke(app, ["check", str(path), "--ignore", "nc-data@*"])
    assert done.exit_code == 0, done.output
    assert "nc-data" not in done.output.splitlines()[0]
    assert "1 ignored" in done.output
    data = json.loads(
        runner.invoke(app, ["check", str(path), "--ignore", "nc-data@*", "-f", "json"]).output
    )
    assert data["ignored"] == [f"{path}#nc-data@2"]
    assert [r["source"]["component"]["name"] for r in data["results"]] == ["lib"]
