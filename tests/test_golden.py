"""Golden files: the exact output of every renderer for fixed inputs.

Regenerate after an intended change with `make golden` (UPDATE_GOLDEN=1), then read the
diff of fixtures/golden/ before committing it.
"""

from __future__ import annotations

import os

import pytest
from typer.testing import CliRunner

from licensecmp.cli import app
from licensecmp.render import Format
from tests.conftest import FIXTURES, ROOT

GOLDEN = FIXTURES / "golden"
ACME = "fixtures/texts/acme-model-license.txt"
SUFFIX = {Format.TEXT: "txt", Format.MARKDOWN: "md", Format.JSON: "json"}

CASES: dict[str, list[str]] = {
    "compare-llama-3.1-apache-2.0": ["compare", "llama-3.1", "apache-2.0"],
    "compare-llama-2-llama-3.1": ["compare", "llama-2", "llama-3.1"],
    "compare-llama-3.1-qwen": ["compare", "llama-3.1", "qwen"],
    "compare-gemma-bigscience-openrail-m": ["compare", "gemma", "bigscience-openrail-m"],
    "compare-stability-ai-community-cc-by-nc-4.0": [
        "compare",
        "stability-ai-community",
        "cc-by-nc-4.0",
    ],
    "compare-acme-file-mit": ["compare", ACME, "mit"],
    "analyze-acme-file": ["analyze", "--clauses", ACME],
    "analyze-llama-3.1": ["analyze", "llama-3.1"],
}


@pytest.mark.parametrize("fmt", list(Format))
@pytest.mark.parametrize("case", sorted(CASES))
def test_output_matches_golden_file(
    case: str, fmt: Format, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    env = {"LICENSECMP_TEXTS": "/nonexistent/licensecmp-texts"}
    result = CliRunner().invoke(app, [*CASES[case], "--format", fmt.value], env=env)
    assert result.exit_code == 0, result.stderr
    path = GOLDEN / f"{case}.{SUFFIX[fmt]}"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(result.stdout, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run `make golden`"
    assert result.stdout == path.read_text(encoding="utf-8"), (
        f"{case} ({fmt.value}) differs from {path.relative_to(ROOT)}; if the change is "
        "intended, run `make golden` and review the diff"
    )


# `report` writes Markdown (and JSON); its goldens: a known license, a file of our own
# writing, and a matrix of eight licenses, a file and a model directory.
REPORTS: dict[str, list[str]] = {
    "report-llama-3.1": ["report", "llama-3.1"],
    "report-acme-file": ["report", ACME],
    "report-matrix": [
        "report",
        "llama-3.1",
        "gemma",
        "qwen",
        "stability-ai-community",
        "bigscience-openrail-m",
        "cc-by-nc-4.0",
        "apache-2.0",
        "mit",
        ACME,
        "fixtures/models/acme-chat-7b",
    ],
}


@pytest.mark.parametrize("fmt", ["markdown", "json"])
@pytest.mark.parametrize("case", sorted(REPORTS))
def test_report_matches_golden_file(case: str, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    env = {"LICENSECMP_TEXTS": "/nonexistent/licensecmp-texts"}
    result = CliRunner().invoke(app, [*REPORTS[case], "--format", fmt], env=env)
    assert result.exit_code == 0, result.stderr
    path = GOLDEN / f"{case}.{'md' if fmt == 'markdown' else 'json'}"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(result.stdout, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run `make golden`"
    assert result.stdout == path.read_text(encoding="utf-8"), (
        f"{case} ({fmt}) differs from {path.relative_to(ROOT)}; if the change is intended, "
        "run `make golden` and review the diff"
    )
