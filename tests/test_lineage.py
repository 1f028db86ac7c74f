"""The lineage table: base model ids to the license of each checkpoint."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from licensecmp.errors import LicensecmpError
from licensecmp.knowledge import LineageMatch, default_dir, lineage, load

TABLE = lineage()


def test_every_row_names_a_license_of_the_knowledge_base() -> None:
    kb = load()
    assert len(TABLE.rows) >= 40
    for row in TABLE.rows:
        entry = kb.get(row.license)
        assert entry is not None and entry.id == row.license and entry.kind == "license", row


@pytest.mark.parametrize(
    ("model", "license_id"),
    [
        ("meta-llama/Llama-2-7b-hf", "llama-2"),
        ("meta-llama/CodeLlama-7b-hf", "llama-2"),
        ("meta-llama/Meta-Llama-3-8B-Instruct", "llama-3"),
        ("meta-llama/Meta-Llama-3.1-70B", "llama-3.1"),
        ("meta-llama/Llama-3.1-8B", "llama-3.1"),
        ("meta-llama/Llama-3.2-1B-Instruct", "llama-3.2"),
        ("meta-llama/Llama-3.3-70B-Instruct", "llama-3.3"),
        ("meta-llama/Llama-4-Scout-17B-16E-Instruct", "llama-4"),
        ("google/gemma-7b", "gemma-2025"),
        ("google/gemma-2-9b-it", "gemma-2025"),
        ("google/gemma-3-27b-it", "gemma-2025"),
        ("google/codegemma-7b", "gemma-2025"),
        ("deepseek-ai/DeepSeek-V3", "deepseek"),
        ("deepseek-ai/DeepSeek-V3-0324", "mit"),
        ("deepseek-ai/DeepSeek-R1", "mit"),
        ("deepseek-ai/DeepSeek-R1-Distill-Qwen-7B", "mit"),
        ("deepseek-ai/DeepSeek-R1-Distill-Llama-8B", "llama-3.1"),
        ("mistralai/Mistral-7B-Instruct-v0.3", "apache-2.0"),
        ("mistralai/Mixtral-8x7B-v0.1", "apache-2.0"),
        ("tiiuae/falcon-7b", "apache-2.0"),
        ("tiiuae/falcon-40b-instruct", "apache-2.0"),
        ("tiiuae/falcon-11B", "falcon-2"),
        ("stabilityai/stable-diffusion-3.5-large", "stability-ai-community"),
        ("bigscience/bloom", "bigscience-bloom-rail-1.0"),
        ("bigscience/bloom-560m", "bigscience-bloom-rail-1.0"),
        ("microsoft/phi-2", "mit"),
        ("microsoft/Phi-3-mini-4k-instruct", "mit"),
    ],
)
def test_well_known_checkpoints(model: str, license_id: str) -> None:
    match = TABLE.license_of(model)
    assert match is not None, model
    assert match.license == license_id, match


def test_qwen_sizes_of_one_release_differ() -> None:
    small, large = (
        TABLE.license_of("Qwen/Qwen2.5-7B-Instruct"),
        TABLE.license_of("Qwen/Qwen2.5-72B"),
    )
    assert small is not None and small.license == "apache-2.0"
    assert large is not None and large.license == "qwen"
    # the 3B checkpoint is under the Qwen Research License, not Apache 2.0
    three = TABLE.license_of("Qwen/Qwen2.5-3B-Instruct")
    assert three is not None and three.license == "qwen-research"
    qwen2 = TABLE.license_of("Qwen/Qwen2-72B-Instruct")
    assert qwen2 is not None and qwen2.license == "tongyi-qianwen"


def test_matching_ignores_case_and_a_hub_url() -> None:
    expected = LineageMatch("meta-llama/Llama-3.1-*", "llama-3.1")
    assert TABLE.license_of("META-LLAMA/llama-3.1-8b") == expected
    assert TABLE.license_of("  meta-llama/Llama-3.1-8B ") == expected
    assert TABLE.license_of("https://huggingface.co/meta-llama/Llama-3.1-8B/") == expected


@pytest.mark.parametrize(
    "model",
    [
        "someone/my-finetune",
        "meta-llama/Llama-Guard-3-8B",  # no row: the table says nothing it is not sure of
        "01-ai/Yi-34B",  # relicensed since its release: no row
        "llama-3.1-8b",
        "",
    ],
)
def test_unknown_models_have_no_license(model: str) -> None:
    assert TABLE.license_of(model) is None


def _base_with(tmp_path: Path, rows: str, name: str = "models.toml") -> Path:
    """A copy of the bundled knowledge base with a lineage table of our own."""
    base = tmp_path / "licenses"
    base.mkdir()
    for entry in ("apache-2.0", "llama-3.1", "llama-3.1-aup", "mit", "qwen"):
        shutil.copy(default_dir() / f"{entry}.toml", base)
    (base / "lineage").mkdir()
    (base / "lineage" / name).write_text(rows, encoding="utf-8")
    return base


def _row(pattern: str, license_id: str) -> str:
    return f'[[model]]\npattern = "{pattern}"\nlicense = "{license_id}"\n\n'


def test_the_most_specific_pattern_wins(tmp_path: Path) -> None:
    rows = (
        _row("acme/*", "mit")
        + _row("acme/chat-*", "apache-2.0")
        + _row("acme/chat-7b*", "qwen")
        + _row("acme/chat-7b", "llama-3.1")
        + _row("acme/ch?t-7b-*", "mit")
    )
    table = lineage(_base_with(tmp_path, rows))

    def license_of(model: str) -> str | None:
        match = table.license_of(model)
        return match.license if match else None

    assert license_of("acme/chat-7b") == "llama-3.1"  # no wildcard beats every wildcard
    assert license_of("acme/chat-7b-instruct") == "qwen"  # longest literal prefix
    assert license_of("acme/chat-13b") == "apache-2.0"
    assert license_of("acme/vision") == "mit"
    assert license_of("other/chat-7b") is None
    match = table.license_of("ACME/Chat-7B-Instruct")
    assert match is not None and match.pattern == "acme/chat-7b*"


def test_a_base_without_a_lineage_directory_has_an_empty_table(tmp_path: Path) -> None:
    base = _base_with(tmp_path, "")
    shutil.rmtree(base / "lineage")
    assert lineage(base).rows == ()


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            _row("acme/*", "no-such-license"),
            "model[0] ('acme/*').license: 'no-such-license' is not",
        ),
        (_row("acme/*", "llama3.1"), "'llama3.1' is not a license id of the knowledge base; use"),
        (_row("acme/*", "llama-3.1-aup"), "'llama-3.1-aup' is not a license id"),
        (_row("acme/*", "mit") + _row("acme/x", "colour"), "model[1] ('acme/x').license"),
        ('[[model]]\npattern = "acme/*"\n', "model[0] ('acme/*').license: missing"),
        ('[[model]]\nlicense = "mit"\n', "model[0].pattern: missing"),
        (_row("acme/*", "mit").replace("\n\n", '\ncolour = "red"\n'), ".colour: unknown key"),
        ('[[model]]\npattern = 7\nlicense = "mit"\n', "model[0].pattern: must be a non-empty"),
        (_row("acme", "mit"), "model[0] ('acme').pattern: must be an organisation/model"),
        (_row("acme/*", "mit") + _row("ACME/*", "apache-2.0"), "repeats a pattern of models.toml"),
        ('model = "acme"\n', "model: must be an array"),
        ('title = "x"\n', "title: unknown key"),
        ("[[model]\n", "not valid TOML"),
    ],
    ids=[
        "unknown-license",
        "alias-not-id",
        "policy-not-license",
        "second-row",
        "missing-license",
        "missing-pattern",
        "unknown-key",
        "wrong-type",
        "no-organisation",
        "duplicate",
        "not-an-array",
        "unknown-top-level-key",
        "bad-toml",
    ],
)
def test_bad_rows_are_errors_naming_file_and_row(tmp_path: Path, rows: str, message: str) -> None:
    base = _base_with(tmp_path, rows)
    with pytest.raises(LicensecmpError, match=re.escape(message)) as caught:
        lineage(base)
    assert str(caught.value).startswith(str(base / "lineage" / "models.toml"))
