"""Model directories that ship a model card and no license file, and ones with neither.

A card-only directory (most fine-tunes, quantisations and LoRAs on the Hub) is judged by
the license its card declares, with a `license-text-not-shipped` finding; a directory
with neither is one failing subject of a `check` run, not the end of it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from licensecmp.analysis import FINDING_KINDS
from licensecmp.cli import app
from licensecmp.sources import Options, analyze_source
from tests.conftest import CORPUS

TODAY = "2026-11-28"
NO_TEXTS = Options(texts=Path("/nonexistent/licensecmp-texts"))

# Our own wording: grants every freedom and limits nothing.
OPEN_TERMS = """Orchard Model License

1. Grant. The licensor grants you a worldwide, royalty-free, perpetual license to use the
model for any purpose, including commercial purposes, to modify it and make derivative
works, and to distribute copies of it and of your derivative works.
"""


def run(*args: str) -> tuple[int, str, str]:
    """The CLI with no pulled reference texts, so known ids read from the knowledge base."""
    env = {"LICENSECMP_TEXTS": "/nonexistent/licensecmp-texts"}
    result = CliRunner().invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def check(*args: str) -> tuple[int, str, str]:
    return run("check", "--today", TODAY, *args)


def _model(root: Path, name: str, card: str | None, **files: str) -> Path:
    """A model directory holding `card` as its README.md (none when None) and `files`."""
    directory = root / name
    directory.mkdir(parents=True)
    if card is not None:
        (directory / "README.md").write_text(card, encoding="utf-8")
    for file, text in files.items():
        (directory / file).write_text(text, encoding="utf-8")
    return directory


def _line(out: str, subject: Path) -> str:
    """The text output's line for one subject."""
    found = [line for line in out.splitlines() if f"  {subject}  " in f"{line}  "]
    assert len(found) == 1, out
    return found[0]


def _findings(directory: Path) -> dict[str, str]:
    analysis = analyze_source(str(directory), options=NO_TEXTS)
    return {f.kind: f.message for f in analysis.findings}


# --- a card and no license file -----------------------------------------------------------------


def test_a_card_declaring_apache_is_judged_as_apache_and_warned(tmp_path: Path) -> None:
    model = _model(tmp_path, "gguf-q4", "---\nlicense: apache-2.0\n---\n# A quantisation\n")
    analysis = analyze_source(str(model), options=NO_TEXTS)
    assert analysis.source.kind == "model-dir"
    assert analysis.identified is not None and analysis.identified.id == "apache-2.0"
    assert analysis.conformant
    assert _findings(model) == {
        "license-text-not-shipped": "license text not shipped (no LICENSE, LICENCE, COPYING "
        "or USE_POLICY file): judged by the license the model card declares, apache-2.0"
    }
    code, out, err = check(str(model))
    assert code == 0, (out, err)
    assert _line(out, model).startswith("WARN") and "license text not shipped" in out


def test_a_card_declaring_llama_fails_on_llama_terms(tmp_path: Path) -> None:
    model = _model(tmp_path, "llama-lora", "---\nlibrary_name: peft\nlicense: llama3.1\n---\n")
    code, out, _ = check(str(model))
    assert code == 1
    line = _line(out, model)
    assert line.startswith("FAIL") and "llama-3.1" in line
    assert "user-threshold" in line and "license text not shipped" in line


def test_reasons_of_a_card_only_model_point_at_its_license_line(tmp_path: Path) -> None:
    model = _model(tmp_path, "llama-lora", "---\nlibrary_name: peft\nlicense: llama3.1\n---\n")
    code, out, _ = check("-f", "sarif", str(model))
    assert code == 1
    results = json.loads(out)["runs"][0]["results"]
    assert results
    for result in results:
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == (model / "README.md").as_uri()
        assert physical["region"]["startLine"] == 3  # `license: llama3.1`


def test_license_other_is_read_from_license_name(tmp_path: Path) -> None:
    card = "---\nlicense: other\nlicense_name: qwen\n---\n"
    analysis = analyze_source(str(_model(tmp_path, "qwen-ft", card)), options=NO_TEXTS)
    assert analysis.identified is not None and analysis.identified.id == "qwen"
    assert "user-threshold" in analysis.flag_ids


def test_the_base_model_is_still_held_against_the_declared_license(tmp_path: Path) -> None:
    card = "---\nlicense: apache-2.0\nbase_model: meta-llama/Llama-3.1-8B\n---\n"
    model = _model(tmp_path, "finetune", card)
    assert set(_findings(model)) == {"license-text-not-shipped", "base-model-license"}
    code, out, _ = check(str(model))
    assert code == 1 and "base-model-license" in _line(out, model)


@pytest.mark.parametrize(
    ("card", "declared"),
    [
        ("---\nlicense: orchard-private-terms\n---\n", "'orchard-private-terms'"),
        ("---\nlicense: other\n---\n", "'other'"),
        ("---\npipeline_tag: text-generation\n---\n", None),
    ],
    ids=["unknown-id", "other-without-name", "no-license-key"],
)
def test_a_card_declaring_no_known_license_fails_as_unknown(
    tmp_path: Path, card: str, declared: str | None
) -> None:
    model = _model(tmp_path, "mystery", card)
    findings = _findings(model)
    assert findings["license-text-not-shipped"] == (
        "license text not shipped (no LICENSE, LICENCE, COPYING or USE_POLICY file), "
        "and the model card declares no known license: no terms to judge"
    )
    if declared is not None:
        assert declared in findings["declared-license-unknown"]
    code, out, _ = check("-f", "json", str(model))
    assert code == 1
    (result,) = json.loads(out)["results"]
    assert result["policy"]["level"] == "fail"
    codes = {(r["code"], r["level"]) for r in result["policy"]["reasons"]}
    assert ("unknown-license", "fail") in codes
    assert ("finding", "warn") in codes
    assert not any(code == "undetermined" for code, _ in codes)


def test_fail_on_unknown_false_makes_an_unknown_card_a_warning(tmp_path: Path) -> None:
    model = _model(tmp_path, "mystery", "---\nlicense: orchard-private-terms\n---\n")
    policy = tmp_path / "licensecmp.toml"
    policy.write_text("fail-on-unknown = false\n", encoding="utf-8")
    code, out, _ = check("-p", str(policy), str(model))
    assert code == 0, out
    assert _line(out, model).startswith("WARN")


def test_a_card_with_broken_front_matter_and_no_license_fails(tmp_path: Path) -> None:
    model = _model(tmp_path, "broken", "---\nlicense: [apache-2.0\n---\n")
    assert "model-card-hides-terms" in _findings(model)  # it hides the license
    assert check(str(model))[0] == 1


def test_the_finding_is_a_warning_kind() -> None:
    kind = FINDING_KINDS["license-text-not-shipped"]
    assert not kind.contradicts


def test_analyze_and_report_read_a_card_only_model(tmp_path: Path) -> None:
    model = _model(tmp_path, "gguf-q4", "---\nlicense: apache-2.0\n---\n")
    code, out, err = run("analyze", str(model))
    assert code == 0, err
    assert "finding: license text not shipped" in out
    code, out, err = run("report", str(model))
    assert code == 0, err
    assert "license-text-not-shipped" in out


def test_commands_that_need_the_text_say_there_is_none(tmp_path: Path) -> None:
    model = _model(tmp_path, "gguf-q4", "---\nlicense: apache-2.0\n---\n")
    for command in (("analyze", "--show-text"), ("identify",)):
        code, out, err = run(*command, str(model))
        assert code == 2 and out == ""
        assert err.startswith(f"error: {model}: directory has no LICENSE"), err
        assert "model card declares the license" in err


@pytest.mark.corpus
def test_a_pulled_text_of_the_declared_license_is_read(tmp_path: Path) -> None:
    model = _model(tmp_path, "ft", "---\nlicense: llama3.1\n---\n")
    analysis = analyze_source(str(model), options=Options(texts=CORPUS))
    assert analysis.source.kind == "model-dir" and analysis.text
    assert analysis.identified is not None and analysis.identified.id == "llama-3.1"
    flag = next(f for f in analysis.flags if f.id == "user-threshold")
    assert flag.evidence  # read from the text, not only the knowledge base
    assert "license-text-not-shipped" in {f.kind for f in analysis.findings}


# --- neither card nor license -------------------------------------------------------------------


def test_a_directory_with_neither_is_one_failing_subject_not_an_abort(tmp_path: Path) -> None:
    models = tmp_path / "models"
    good = _model(models, "a-open", None, LICENSE=OPEN_TERMS)
    card_only = _model(models, "b-card", "---\nlicense: mit\n---\n")
    readme_only = _model(models, "c-readme", "# Scripts, not a model\n")
    empty = _model(models, "d-empty", None)
    code, out, err = check(*(str(p) for p in (good, card_only, readme_only, empty)))
    assert code == 1, (out, err)
    assert err == ""
    assert _line(out, good).startswith("PASS")
    assert _line(out, card_only).startswith("WARN")
    for subject in (readme_only, empty):
        line = _line(out, subject)
        assert line.startswith("FAIL")
        assert line.endswith(
            "directory has no LICENSE, LICENCE, COPYING or USE_POLICY file and no model card "
            "(README.md with YAML front matter)"
        )
    assert "4 subjects: 1 passed, 1 warned, 2 failed" in out


def test_a_directory_with_neither_is_still_exit_2_for_analyze(tmp_path: Path) -> None:
    empty = _model(tmp_path, "empty", None)
    code, out, err = run("analyze", str(empty))
    assert code == 2 and out == ""
    assert err.strip() == (
        f"error: {empty}: directory has no LICENSE, LICENCE, COPYING or USE_POLICY file "
        "and no model card (README.md with YAML front matter)"
    )


def test_an_unreadable_source_still_stops_the_run(tmp_path: Path) -> None:
    good = _model(tmp_path, "good", None, LICENSE=OPEN_TERMS)
    code, out, err = check(str(good), str(tmp_path / "nowhere"))
    assert code == 2 and out == "" and "nowhere" in err
