"""Lineage of the model families users meet: unknown base models, merges, clauses that
cover some checkpoints only, and broken front matter that hides the license or base model.

Every model directory here is written in tmp_path: a model card (README.md front matter in
our own words) and, where a test needs one, a license file of our own wording.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from licensecmp.cli import app
from licensecmp.knowledge import default_dir, lineage, load
from licensecmp.sources import Options, analyze_source, cache_model_id

TODAY = "2026-11-28"
NO_TEXTS = Options(texts=Path("/nonexistent/licensecmp-texts"))
TABLE = lineage()

# A license of our own wording that grants every freedom and limits nothing.
OPEN_TERMS = """Willow Weights License

1. Grant. The licensor grants you a worldwide, royalty-free, perpetual license to use the
weights for any purpose, including commercial purposes, to modify them and make derivative
works, and to distribute copies of them and of your derivative works.
"""


def check(*args: str) -> tuple[int, str]:
    env = {"LICENSECMP_TEXTS": "/nonexistent/licensecmp-texts"}
    result = CliRunner().invoke(app, ["check", "--today", TODAY, *args], env=env)
    return result.exit_code, result.stdout


def _model(root: Path, name: str, front: str, **files: str) -> Path:
    """A model directory whose card has the front matter `front` (YAML lines)."""
    directory = root / name
    directory.mkdir(parents=True)
    card = f"---\n{front}---\n\n# {name}\n\nA model we trained for the tests.\n"
    (directory / "README.md").write_text(card, encoding="utf-8")
    for file, text in files.items():
        (directory / file).write_text(text, encoding="utf-8")
    return directory


def _policy(root: Path, body: str) -> str:
    path = root / "licensecmp.toml"
    path.write_text(body, encoding="utf-8")
    return str(path)


def _findings(directory: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for finding in analyze_source(str(directory), options=NO_TEXTS).findings:
        found.setdefault(finding.kind, []).append(finding.message)
    return found


def _reasons(out: str) -> list[dict[str, object]]:
    (result,) = json.loads(out)["results"]
    return list(result["policy"]["reasons"])


# --- unknown base models ------------------------------------------------------------------------


def test_apache_declared_over_qwen2_5_3b_fails_on_its_research_license(tmp_path: Path) -> None:
    """The issue's case: Qwen2.5-3B-Instruct is not Apache 2.0 like its neighbours."""
    model = _model(
        tmp_path, "qwen-3b-ft", "license: apache-2.0\nbase_model: Qwen/Qwen2.5-3B-Instruct\n"
    )
    (message,) = _findings(model)["base-model-license"]
    assert message == (
        "base model Qwen/Qwen2.5-3B-Instruct is under qwen-research (restrictions: "
        "non-commercial, research-only), but the model card declares apache-2.0"
    )
    code, out = check(str(model))
    assert code == 1, out
    assert "base-model-license" in out


def test_an_unknown_base_model_fails_under_fail_on_unknown(tmp_path: Path) -> None:
    model = _model(tmp_path, "ft", "license: mit\nbase_model: orchard-lab/secret-base-7b\n")
    (message,) = _findings(model)["base-model-unknown"]
    assert message.startswith("base model orchard-lab/secret-base-7b is not in the lineage table")
    code, out = check(str(model), "-f", "json")
    assert code == 1, out
    unknown = [r for r in _reasons(out) if r["finding"] == "base-model-unknown"]
    assert [(r["level"], r["code"]) for r in unknown] == [("fail", "finding")]


def test_an_unknown_base_model_only_warns_when_fail_on_unknown_is_false(tmp_path: Path) -> None:
    model = _model(tmp_path, "ft", "license: mit\nbase_model: orchard-lab/secret-base-7b\n")
    policy = _policy(tmp_path, "fail-on-unknown = false\n")
    code, out = check(str(model), "-p", policy, "-f", "json")
    assert code == 0, out
    unknown = [r for r in _reasons(out) if r["finding"] == "base-model-unknown"]
    assert [r["level"] for r in unknown] == ["warn"]


def test_an_exception_may_waive_an_unknown_base_model(tmp_path: Path) -> None:
    model = _model(tmp_path, "ft", "license: mit\nbase_model: orchard-lab/secret-base-7b\n")
    body = (
        f'[[exception]]\nsource = "{model}"\nflags = ["base-model-unknown"]\n'
        'reason = "our own base model, reviewed in LEG-7"\n'
    )
    code, out = check(str(model), "-p", _policy(tmp_path, body))
    assert code == 0, out


def test_the_unknown_base_model_is_located_at_the_base_model_line(tmp_path: Path) -> None:
    model = _model(tmp_path, "ft", "license: mit\ntags:\n  - chat\nbase_model: orchard-lab/x\n")
    code, out = check(str(model), "-f", "sarif")
    assert code == 1
    results = json.loads(out)["runs"][0]["results"]
    (result,) = [r for r in results if r["ruleId"] == "base-model-unknown"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 5  # the `base_model:` line of the card


# --- merges -------------------------------------------------------------------------------------


def test_a_merge_reports_every_base_models_license(tmp_path: Path) -> None:
    front = "license: llama3.1\nbase_model:\n  - meta-llama/Llama-3.1-8B\n  - google/gemma-2-9b\n"
    model = _model(tmp_path, "merge", front)
    findings = _findings(model)
    # Llama 3.1's restrictions cover Gemma's, yet the Gemma terms bind the merge too
    assert findings["base-model-license"] == [
        "base model google/gemma-2-9b of this merge is under gemma-2025, whose terms bind "
        "the merge too, but the model card declares llama-3.1"
    ]
    code, out = check(str(model))
    assert code == 1 and "gemma-2025" in out


def test_a_merge_declared_apache_names_both_restricting_licenses(tmp_path: Path) -> None:
    front = "license: apache-2.0\nbase_model:\n  - meta-llama/Llama-3.1-8B\n  - google/gemma-2-9b\n"
    messages = _findings(_model(tmp_path, "merge", front))["base-model-license"]
    assert [m.split(" is under ")[1].split(" ")[0] for m in messages] == ["llama-3.1", "gemma-2025"]


def test_a_merge_with_an_open_base_under_another_license_warns(tmp_path: Path) -> None:
    front = (
        "license: mit\nbase_model:\n  - mistralai/Mistral-7B-v0.1\n"
        "  - deepseek-ai/DeepSeek-R1-Distill-Qwen-7B\n"
    )
    model = _model(tmp_path, "merge", front)
    (message,) = _findings(model)["base-model-other-license"]
    assert message.startswith(
        "base model mistralai/Mistral-7B-v0.1 of this merge is under apache-2.0"
    )
    code, out = check(str(model))
    assert code == 0, out  # a warning: MIT over Apache 2.0 keeps Apache's notices to honour
    assert out.startswith("WARN")


def test_a_merge_of_one_family_under_its_own_license_has_no_base_finding(tmp_path: Path) -> None:
    front = (
        "license: llama3.1\nbase_model:\n  - meta-llama/Llama-3.1-8B\n"
        "  - meta-llama/Llama-3.1-8B-Instruct\n"
    )
    assert not {k for k in _findings(_model(tmp_path, "merge", front)) if k.startswith("base")}


# --- clauses that cover some checkpoints: Llama 3.2's EU exclusion ------------------------------

GEO = 'deny = ["geographic-restriction"]\nwarn = []\n'


@pytest.mark.parametrize(
    ("base", "code"),
    [
        ("meta-llama/Llama-3.2-1B", 0),
        ("meta-llama/Llama-3.2-3B-Instruct", 0),
        ("meta-llama/Llama-3.2-11B-Vision", 1),
        ("meta-llama/Llama-3.2-90B-Vision-Instruct", 1),
    ],
)
def test_the_eu_exclusion_binds_the_vision_models_only(
    tmp_path: Path, base: str, code: int
) -> None:
    model = _model(tmp_path, "ft", f"license: llama3.2\nbase_model: {base}\n")
    policy = _policy(tmp_path, GEO + 'our-regions = ["Germany"]\n')
    got, out = check(str(model), "-p", policy, "-f", "json")
    assert got == code, out
    geo = [r for r in _reasons(out) if r["flag"] == "geographic-restriction"]
    if code:
        assert [(r["level"], r["code"]) for r in geo] == [("fail", "not-licensed")]
    else:
        (reason,) = geo
        assert (reason["level"], reason["code"]) == ("pass", "does-not-bind")
        assert "meta-llama/Llama-3.2-11B-Vision*" in str(reason["message"])
        assert base in str(reason["message"])


def test_an_unnamed_or_unknown_checkpoint_keeps_the_exclusion(tmp_path: Path) -> None:
    """Without knowing which checkpoint the weights come from, the clause may apply."""
    policy = _policy(tmp_path, GEO + 'our-regions = ["Germany"]\n')
    bare = _model(tmp_path, "bare", "license: llama3.2\n")
    assert check(str(bare), "-p", policy)[0] == 1
    mixed = _model(
        tmp_path,
        "mixed",
        "license: llama3.2\nbase_model:\n  - meta-llama/Llama-3.2-1B\n  - someone/llama-3.2-ft\n",
    )
    assert check(str(mixed), "-p", policy)[0] == 1


@pytest.mark.corpus
@pytest.mark.parametrize(("base", "code"), [("Llama-3.2-1B", 0), ("Llama-3.2-11B-Vision", 1)])
def test_the_exclusion_read_from_shipped_files_is_scoped_too(
    tmp_path: Path, base: str, code: int
) -> None:
    """Meta's license file with a use policy naming the EU: a text model is not bound."""
    from tests.conftest import corpus_text

    policy = _policy(tmp_path, GEO + 'our-regions = ["Germany"]\n')
    use_policy = (
        "# Acceptable Use Policy\n\n1. You may not use the model to break the law.\n\n"
        "2. With respect to the multimodal models, the rights granted are not granted to "
        "individuals domiciled in, or companies with a principal place of business in, the "
        "European Union.\n"
    )
    front = f"license: llama3.2\nbase_model: meta-llama/{base}\n"
    model = _model(tmp_path, "ft", front, **{"USE_POLICY.md": use_policy})
    (model / "LICENSE").write_bytes(corpus_text("llama-3.2-license-2024"))
    analysis = analyze_source(str(model), options=NO_TEXTS)
    assert analysis.identified is not None and analysis.identified.id == "llama-3.2"
    assert ("geographic-restriction" in analysis.flag_ids) == bool(code)
    got, out = check(str(model), "-p", policy)
    assert got == code, out


def test_the_base_model_finding_leaves_out_a_clause_that_does_not_cover_it(tmp_path: Path) -> None:
    front = "license: llama3.1\nbase_model: meta-llama/Llama-3.2-1B\n"
    assert "base-model-license" not in _findings(_model(tmp_path, "text", front))
    front = "license: llama3.1\nbase_model: meta-llama/Llama-3.2-11B-Vision-Instruct\n"
    (message,) = _findings(_model(tmp_path, "vision", front))["base-model-license"]
    assert "(restrictions: geographic-restriction)" in message


def test_a_cache_snapshot_names_its_own_checkpoint() -> None:
    assert cache_model_id("/h/hub/models--meta-llama--Llama-3.2-1B/snapshots/abc") == (
        "meta-llama/Llama-3.2-1B"
    )
    assert cache_model_id("/models/llama-ft") is None


def test_a_vision_snapshot_in_the_cache_stays_bound(tmp_path: Path) -> None:
    policy = _policy(tmp_path, GEO + 'our-regions = ["Germany"]\n')
    for name, code in (("Llama-3.2-1B", 0), ("Llama-3.2-11B-Vision", 1)):
        snapshot = tmp_path / "hub" / f"models--meta-llama--{name}" / "snapshots" / "r1"
        snapshot.mkdir(parents=True)
        (snapshot / "README.md").write_text("---\nlicense: llama3.2\n---\n", encoding="utf-8")
        got, out = check(str(snapshot), "-p", policy)
        assert got == code, (name, out)


# --- broken front matter ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("front", "hidden"),
    [
        ("license: [apache-2.0\n", "license"),
        ("license: mit\nbase_model: [meta-llama/Llama-3.1-8B\n", "base_model"),
        ("license: other\nlicense_name: [qwen\n", "license_name"),
        ("license: mit\nbase_model:\n  - a/b\n  - [c/d\n", "base_model"),
    ],
)
def test_broken_front_matter_hiding_terms_fails(tmp_path: Path, front: str, hidden: str) -> None:
    model = _model(tmp_path, "broken", front, LICENSE=OPEN_TERMS)
    (message,) = _findings(model)["model-card-hides-terms"]
    assert f"where the card declares {hidden}" in message
    code, out = check(str(model), "-f", "json")
    assert code == 1, out
    failing = [r for r in _reasons(out) if r["level"] == "fail"]
    assert [r["finding"] for r in failing] == ["model-card-hides-terms"]


def test_broken_front_matter_elsewhere_only_warns_and_keeps_the_rest(tmp_path: Path) -> None:
    front = "license: mit\ntags: [chat, orchard\nbase_model: meta-llama/Llama-3.1-8B\n"
    model = _model(tmp_path, "broken", front, LICENSE=OPEN_TERMS)
    findings = _findings(model)
    assert "model-card-hides-terms" not in findings
    assert findings["model-card"] == ["README.md: front matter is not valid YAML (line 4)"]
    # the keys that still parse are read: the base model is held against the card
    assert findings["base-model-license"][0].startswith("base model meta-llama/Llama-3.1-8B")


# --- knowledge-base entries for the families ------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "license_id"),
    [
        ("Qwen/Qwen2.5-3B", "qwen-research"),
        ("Qwen/Qwen2.5-Coder-3B-Instruct", "qwen-research"),
        ("Qwen/Qwen2.5-VL-3B-Instruct", "qwen-research"),
        ("Qwen/Qwen2.5-Coder-32B-Instruct", "apache-2.0"),
        ("Qwen/Qwen2.5-32B-Instruct", "apache-2.0"),
        ("Qwen/Qwen2.5-VL-72B-Instruct", "qwen"),
        ("Qwen/Qwen2.5-72B-Instruct", "qwen"),
        ("mistralai/Mistral-Large-Instruct-2407", "mistral-research"),
        ("mistralai/Ministral-8B-Instruct-2410", "mistral-research"),
        ("mistralai/Mistral-Small-Instruct-2409", "mistral-research"),
        ("mistralai/Mistral-Small-24B-Instruct-2501", "apache-2.0"),
        ("mistralai/Codestral-22B-v0.1", "mistral-non-production"),
        ("black-forest-labs/FLUX.1-dev", "flux-1-nc"),
        ("black-forest-labs/FLUX.1-Fill-dev", "flux-1-nc"),
        ("black-forest-labs/FLUX.1-schnell", "apache-2.0"),
        ("tiiuae/falcon-180B-chat", "falcon-180b"),
        ("google/gemma-2-9b-it", "gemma-2025"),
        ("deepseek-ai/DeepSeek-Coder-V2-Instruct", "deepseek"),
        ("deepseek-ai/Janus-Pro-7B", "deepseek"),
        ("01-ai/Yi-1.5-9B-Chat", "apache-2.0"),
        ("THUDM/chatglm3-6b", "chatglm"),
        ("THUDM/glm-4-9b-chat", "glm-4"),
        ("THUDM/GLM-4-9B-0414", "mit"),
        ("internlm/internlm2_5-7b-chat", "internlm"),
        ("openbmb/MiniCPM-V-2_6", "minicpm"),
        ("Kwai-Kolors/Kolors-diffusers", "kolors"),
        ("THUDM/CogVideoX-5b-I2V", "cogvideox"),
        ("THUDM/CogVideoX-2b", "apache-2.0"),
        ("databricks/dbrx-instruct", "databricks-open-model"),
    ],
)
def test_checkpoints_of_the_families_users_meet(model: str, license_id: str) -> None:
    match = TABLE.license_of(model)
    assert match is not None and match.license == license_id, (model, match)


@pytest.mark.parametrize(
    ("name", "license_id", "restrictions"),
    [
        ("qwen-research", "qwen-research", {"non-commercial", "research-only"}),
        ("mrl", "mistral-research", {"non-commercial", "research-only"}),
        ("mnpl", "mistral-non-production", {"non-commercial", "research-only"}),
        (
            "flux-1-dev-non-commercial-license",
            "flux-1-nc",
            {"non-commercial", "research-only", "no-model-training"},
        ),
        ("falcon-180b-license", "falcon-180b", {"acceptable-use-policy"}),
        (
            "databricks-open-model-license",
            "databricks-open-model",
            {"user-threshold", "acceptable-use-policy", "no-model-training"},
        ),
        ("chatglm-model-license", "chatglm", {"acceptable-use-policy"}),
    ],
)
def test_family_licenses_are_known_with_their_restrictions(
    name: str, license_id: str, restrictions: set[str]
) -> None:
    entry = load().get(name)
    assert entry is not None and entry.id == license_id
    assert restrictions <= entry.flag_ids


def test_dbrx_keeps_the_700m_line(tmp_path: Path) -> None:
    model = _model(
        tmp_path, "dbrx-ft", "license: other\nlicense_name: databricks-open-model-license\n"
    )
    policy = _policy(tmp_path, 'deny = []\nwarn = ["restriction"]\nour-users = 800_000_000\n')
    code, out = check(str(model), "-p", policy)
    assert code == 1 and "user-threshold" in out and "does not license us" in out


def test_the_gemma_id_means_the_current_terms_and_says_older_ones_exist() -> None:
    entry = load().get("gemma")
    assert entry is not None and entry.id == "gemma-2025"
    assert any("gemma-2024" in note and "Older versions exist" in note for note in entry.notes)
    older = load().get("gemma-2024")
    assert older is not None and older.huggingface == () and older.flag_ids == entry.flag_ids


def test_every_lineage_row_and_scope_is_valid() -> None:
    kb = load(default_dir())
    for row in TABLE.rows:
        assert kb.get(row.license) is not None
    (scope,) = TABLE.scopes
    assert (scope.license, scope.flag) == ("llama-3.2-aup", "geographic-restriction")
    assert scope.covers("meta-llama/Llama-3.2-11B-Vision-Instruct")
    assert not scope.covers("meta-llama/Llama-3.2-1B-Instruct")
