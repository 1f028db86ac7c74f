"""Model directories: what the card declares against the license files and the base model."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from licensecmp.analysis import Analysis
from licensecmp.sources import analyze_source
from licensecmp.taxonomy import Kind
from tests.conftest import FIXTURES, corpus_text

MODELS = FIXTURES / "models"


def _kinds(analysis: Analysis) -> list[str]:
    return sorted(f.kind for f in analysis.findings)


def _message(analysis: Analysis, kind: str) -> str:
    found = [f.message for f in analysis.findings if f.kind == kind]
    assert len(found) == 1, analysis.findings
    return found[0]


def _copy(tmp_path: Path, name: str, readme: str | None = None) -> Path:
    """A copy of a fixture model directory, optionally with a model card of our own."""
    target = tmp_path / name
    shutil.copytree(MODELS / name, target)
    if readme is not None:
        (target / "README.md").write_text(readme, encoding="utf-8")
    return target


def test_apache_declared_over_llama_style_terms() -> None:
    analysis = analyze_source(str(MODELS / "apache-declared-llama-terms"))
    flags = {f.id: f for f in analysis.flags}
    assert flags["user-threshold"].params["threshold"] == 700_000_000
    assert flags["attribution-display"].params["phrase"] == "Built with Orchard"
    assert flags["acceptable-use-policy"].params["url"] == "https://orchard.example/use-policy"
    assert analysis.identified is None  # our own wording is no known license
    # unnamed terms that restrict what apache-2.0 leaves free contradict the card
    assert _kinds(analysis) == ["declared-license-mismatch"]
    assert _message(analysis, "declared-license-mismatch") == (
        "the model card declares apache-2.0, but the license file restricts use "
        "(acceptable-use-policy, user-threshold), which apache-2.0 does not"
    )
    restrictions = {f.id for f in analysis.flags if f.kind is Kind.RESTRICTION}
    assert restrictions == {"user-threshold", "acceptable-use-policy"}
    assert analysis.metadata["lineage"] == []


def test_llama_finetune_declared_apache() -> None:
    analysis = analyze_source(str(MODELS / "llama-finetune"))
    assert not analysis.violations  # the fine-tune's own words restrict nothing
    assert _kinds(analysis) == ["base-model-license", "declared-license-unverified"]
    assert _message(analysis, "base-model-license") == (
        "base model meta-llama/Llama-3.1-8B is under llama-3.1 (restrictions: "
        "acceptable-use-policy, user-threshold), but the model card declares apache-2.0"
    )
    assert analysis.metadata["lineage"] == [
        {
            "model": "meta-llama/Llama-3.1-8B",
            "license": "llama-3.1",
            "pattern": "meta-llama/Llama-3.1-*",
        }
    ]


@pytest.mark.corpus
def test_clean_mit_model_has_no_findings(tmp_path: Path) -> None:
    directory = _copy(tmp_path, "clean-mit")
    (directory / "LICENSE").write_bytes(corpus_text("mit"))
    analysis = analyze_source(str(directory))
    assert analysis.identified is not None and analysis.identified.id == "mit"
    assert analysis.conformant
    assert analysis.findings == ()
    assert analysis.metadata["lineage"] == []


def test_a_card_declaring_the_base_license_has_no_base_finding(tmp_path: Path) -> None:
    card = "---\nlicense: llama3.1\nbase_model: meta-llama/Llama-3.1-8B\n---\n"
    analysis = analyze_source(str(_copy(tmp_path, "llama-finetune", card)))
    assert "base-model-license" not in _kinds(analysis)


def test_terms_in_the_license_file_cover_the_base_restrictions(tmp_path: Path) -> None:
    directory = _copy(tmp_path, "llama-finetune")
    shutil.copy(MODELS / "apache-declared-llama-terms" / "LICENSE", directory / "LICENSE")
    analysis = analyze_source(str(directory))
    assert _kinds(analysis) == ["declared-license-mismatch"]  # no base-model-license


def test_only_restrictions_the_declared_license_lacks_are_named(tmp_path: Path) -> None:
    """Llama 3.2's use policy adds a place restriction that Llama 3.1's does not have."""
    card = "---\nlicense: llama3.1\nbase_model: meta-llama/Llama-3.2-11B-Vision-Instruct\n---\n"
    analysis = analyze_source(str(_copy(tmp_path, "llama-finetune", card)))
    assert _message(analysis, "base-model-license") == (
        "base model meta-llama/Llama-3.2-11B-Vision-Instruct is under llama-3.2 "
        "(restrictions: geographic-restriction), but the model card declares llama-3.1"
    )


def test_unknown_base_models_are_recorded_and_reported(tmp_path: Path) -> None:
    card = (
        "---\nlicense: apache-2.0\nbase_model:\n  - someone/private-base\n"
        "  - Qwen/Qwen2.5-72B-Instruct\n  - Qwen/Qwen2.5-7B-Instruct\n---\n"
    )
    analysis = analyze_source(str(_copy(tmp_path, "llama-finetune", card)))
    assert analysis.metadata["lineage"] == [
        {"model": "someone/private-base", "license": None, "pattern": None},
        {"model": "Qwen/Qwen2.5-72B-Instruct", "license": "qwen", "pattern": "Qwen/Qwen2.5-72B*"},
        {
            "model": "Qwen/Qwen2.5-7B-Instruct",
            "license": "apache-2.0",
            "pattern": "Qwen/Qwen2.5-7B*",
        },
    ]
    # only the 72B checkpoint's license restricts; the unknown one is a finding of its own
    assert _message(analysis, "base-model-license") == (
        "base model Qwen/Qwen2.5-72B-Instruct is under qwen (restrictions: user-threshold), "
        "but the model card declares apache-2.0"
    )
    assert _message(analysis, "base-model-unknown") == (
        "base model someone/private-base is not in the lineage table: its license, which "
        "binds this model too, is not known"
    )


def test_a_card_without_a_license_still_gets_the_base_finding(tmp_path: Path) -> None:
    card = "---\nbase_model: google/gemma-2-9b\n---\n"
    analysis = analyze_source(str(_copy(tmp_path, "llama-finetune", card)))
    assert _message(analysis, "base-model-license") == (
        "base model google/gemma-2-9b is under gemma-2025 (restrictions: acceptable-use-policy), "
        "but the model card declares no license"
    )


def test_terms_files_not_read_are_findings_not_silence(tmp_path: Path) -> None:
    directory = _copy(tmp_path, "llama-finetune")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "USE_POLICY.md").write_text("You may not use the model at all.\n", encoding="utf-8")
    (directory / "USE_POLICY.md").symlink_to(outside / "USE_POLICY.md")
    os.mkfifo(directory / "NOTICE")
    analysis = analyze_source(str(directory))
    assert analysis.metadata["files"] == ["LICENSE"]  # neither is read
    unread = [f.message for f in analysis.findings if f.kind == "terms-file-unread"]
    assert unread == [
        "NOTICE is not a regular file; its terms were not read",
        "USE_POLICY.md is a symbolic link, which is not followed; its terms were not read",
    ]


def test_a_symlinked_model_card_is_not_read(tmp_path: Path) -> None:
    directory = _copy(tmp_path, "llama-finetune")
    card = tmp_path / "card.md"
    card.write_text("---\nlicense: llama3.1\n---\n", encoding="utf-8")
    (directory / "README.md").unlink()
    (directory / "README.md").symlink_to(card)
    analysis = analyze_source(str(directory))
    assert "license" not in analysis.metadata
    assert [f.kind for f in analysis.findings] == ["terms-file-unread"]


def test_finding_kinds_are_one_closed_vocabulary() -> None:
    from licensecmp.analysis import FINDING_KINDS, Finding

    with pytest.raises(ValueError, match="unknown finding kind"):
        Finding("declared-licence-mismatch", "a misspelt kind")
    contradicting = {k for k, kind in FINDING_KINDS.items() if kind.contradicts}
    assert contradicting == {
        "declared-license-mismatch",
        "base-model-license",
        "model-card-hides-terms",
    }
    assert {k for k, kind in FINDING_KINDS.items() if kind.unknown} == {"base-model-unknown"}
