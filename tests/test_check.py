"""`licensecmp check`: the CI gate, end to end, with every output format."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from licensecmp.analysis import FINDING_KINDS
from licensecmp.cli import CheckFormat, app
from licensecmp.taxonomy import TAXONOMY
from tests.conftest import CORPUS, FIXTURES, ROOT

MODELS = FIXTURES / "models"
POLICIES = FIXTURES / "policies"
SPDX = FIXTURES / "spdx"
DECLARED_APACHE = str(MODELS / "apache-declared-llama-terms")
FINETUNE = str(MODELS / "llama-finetune")
TODAY = "2026-11-28"


def run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    env = {"LICENSECMP_TEXTS": "/nonexistent/licensecmp-texts"}
    old = Path.cwd()
    os.chdir(cwd or ROOT)
    try:
        result = CliRunner().invoke(app, ["check", "--today", TODAY, *args], env=env)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def clean_mit(tmp_path: Path) -> str:
    """The clean-mit model card with the real MIT text beside it (the repo holds no text)."""
    model = tmp_path / "clean-mit"
    shutil.copytree(MODELS / "clean-mit", model)
    shutil.copy(CORPUS / "texts" / "mit.txt", model / "LICENSE")
    return str(model)


def lines_of(out: str) -> dict[str, str]:
    """The text output's lines by subject: {subject: 'FAIL …'}."""
    found = {}
    for line in out.splitlines():
        match = re.match(r"(PASS|WARN|FAIL)  (\S+)", line)
        if match:
            found[match.group(2)] = line
    return found


# --- exit codes -------------------------------------------------------------------------------


def test_clean_mit_model_passes_with_exit_0(clean_mit: str) -> None:
    code, out, err = run(clean_mit)
    assert code == 0, out + err
    assert lines_of(out)[clean_mit].startswith("PASS") and " mit" in lines_of(out)[clean_mit]
    assert out.splitlines()[-1].startswith("check passed (1 subject: 1 passed")


def test_a_card_declaring_apache_over_llama_style_terms_fails(clean_mit: str) -> None:
    code, out, _ = run(DECLARED_APACHE, clean_mit)
    assert code == 1
    line = lines_of(out)[DECLARED_APACHE]
    assert line.startswith("FAIL")
    assert "user-threshold (2): denied: more than 700,000,000 monthly active users" in line
    assert "the model card declares apache-2.0" in line
    assert lines_of(out)[clean_mit].startswith("PASS")
    assert "1 passed, 0 warned, 1 failed" in out


def test_a_finetune_of_llama_declared_apache_fails_on_its_base_model() -> None:
    code, out, _ = run(FINETUNE)
    assert code == 1
    line = lines_of(out)[FINETUNE]
    assert "meta-llama/Llama-3.1-8B" in line and "llama-3.1" in line


def test_every_violation_is_reported_not_only_the_first() -> None:
    code, out, _ = run("llama-3.1", "-p", str(POLICIES / "fail.toml"))
    assert code == 1
    line = lines_of(out)["llama-3.1"]
    for expected in ("forbidden", "user-threshold", "acceptable-use-policy"):
        assert expected in line


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such-license-xyz"], "error: no-such-license-xyz: not a file, directory or known"),
        (["mit", "-p", "fixtures/policies/nope.toml"], "error: fixtures/policies/nope.toml: no"),
        (
            ["mit", "-p", "fixtures/policies/bad/unknown-flag.toml"],
            "error: fixtures/policies/bad/unknown-flag.toml:",
        ),
        (["mit", "-p", "fixtures/policies/bad/bad-toml.toml"], "not valid TOML"),
        (["mit", "--today", "someday"], "error: --today: 'someday' is not a date"),
    ],
    ids=["unknown-id", "missing-policy", "bad-flag", "bad-toml", "bad-date"],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], message: str) -> None:
    code, out, err = run(*args)
    assert code == 2, out
    assert message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_nothing_to_check_is_exit_2(tmp_path: Path) -> None:
    code, _, err = run(cwd=tmp_path)
    assert code == 2 and err.startswith("error: nothing to check")


# --- policies ---------------------------------------------------------------------------------


def test_warn_only_policy_reports_and_passes() -> None:
    code, out, _ = run("llama-3.1", "-p", str(POLICIES / "warn-only.toml"))
    assert code == 0
    assert lines_of(out)["llama-3.1"].startswith("WARN")


def _policy(tmp_path: Path, body: str) -> str:
    path = tmp_path / "licensecmp.toml"
    path.write_text(body, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("users", "code"),
    [(2_000_000, 0), (699_999_999, 0), (700_000_000, 0), (700_000_001, 1)],
)
def test_our_users_decide_whether_the_700m_line_binds(
    tmp_path: Path, users: int, code: int
) -> None:
    # "greater than 700 million": exactly 700,000,000 is still below the line
    body = f'our-users = {users}\ndeny = ["user-threshold"]\nwarn = []\n'
    got, out, _ = run("llama-3.1", "-p", _policy(tmp_path, body))
    assert got == code, out


@pytest.mark.parametrize(("users", "code"), [(249_999_999, 0), (250_000_000, 1)])
def test_inclusive_threshold_binds_on_the_number_itself(
    tmp_path: Path, users: int, code: int
) -> None:
    # our own fixture: "250 million or more monthly active users"
    body = f'our-users = {users}\ndeny = ["user-threshold"]\nwarn = []\nfail-on-unknown = false\n'
    got, out, _ = run(
        str(FIXTURES / "texts" / "acme-model-license.txt"), "-p", _policy(tmp_path, body)
    )
    assert got == code, out


def test_fail_if_rule_keeps_a_far_threshold_from_failing(tmp_path: Path) -> None:
    body = 'deny = ["non-commercial"]\nwarn = []\n'
    body += '[[rule]]\nflag = "user-threshold"\nfail-if = "threshold < 1_000_000"\n'
    code, out, _ = run("llama-3.1", "-p", _policy(tmp_path, body))
    assert code == 0, out
    stricter = body.replace("1_000_000", "1_000_000_000")
    code, out, _ = run("llama-3.1", "-p", _policy(tmp_path, stricter))
    assert code == 1 and "user-threshold" in out


def test_incorporated_policy_restrictions_count(tmp_path: Path) -> None:
    """Llama 3.2's use policy withholds the multimodal models from the EU."""
    base = 'deny = ["geographic-restriction"]\nwarn = []\n'
    code, out, _ = run("llama-3.2", "-p", _policy(tmp_path, base + 'our-regions = ["Germany"]\n'))
    assert code == 1 and "Llama 3.2 Acceptable Use Policy" in out
    code, out, _ = run("llama-3.2", "-p", _policy(tmp_path, base + 'our-regions = ["Japan"]\n'))
    assert code == 0, out


def test_exceptions_waive_expire_and_go_stale(tmp_path: Path) -> None:
    policy = str(POLICIES / "exceptions.toml")
    code, out, _ = run("llama-3.1", "-p", policy)
    line = lines_of(out)["llama-3.1"]
    assert "acceptable-use-policy" not in line.split("denied", 1)[-1] or "waived" in line
    _, out_json, _ = run("llama-3.1", "-p", policy, "-f", "json")
    reasons = json.loads(out_json)["results"][0]["policy"]["reasons"]
    by_flag = {r["flag"]: r for r in reasons if r["flag"]}
    assert by_flag["acceptable-use-policy"]["code"] == "waived"
    assert by_flag["acceptable-use-policy"]["exception"] == 0
    assert by_flag["user-threshold"]["code"] == "denied-flag"
    assert code == 1  # the 700M line is not waived
    assert "STALE exception #3 for 'models/never-used'" in out
    # after the waiver's date the waived flag fails again, naming the exception
    result = CliRunner().invoke(app, ["check", "--today", "2027-07-01", "llama-3.1", "-p", policy])
    assert "exception #1" in result.stdout and "expired" in result.stdout


def test_policy_found_walking_up_in_pyproject() -> None:
    # [tool.licensecmp] there: our-users = 5_000 keeps the 700M line from binding, and
    # the acceptable-use policy only warns
    code, out, _ = run("llama-3.1", cwd=POLICIES / "pyproject" / "sub")
    assert code == 0, out
    assert lines_of(out)["llama-3.1"].startswith("WARN")
    assert out.splitlines()[-1].endswith("pyproject.toml")


def test_manifest_models_are_checked_without_sources() -> None:
    code, out, _ = run(cwd=POLICIES / "manifest")
    found = lines_of(out)
    assert set(found) == {"meta-llama/Llama-3.1-8B", "acme/tiny"}
    assert code == 1


# --- SPDX documents ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "three-packages.spdx.json",
        "three-packages.spdx",
        "three-packages.spdx.yaml",
        "three-packages.spdx.rdf.xml",
    ],
)
def test_spdx_packages_judged_by_their_expressions(name: str) -> None:
    spec = str(SPDX / name)
    code, out, _ = run(spec)
    assert code == 1
    found = {k.split("#", 1)[1].split("@")[0]: v for k, v in lines_of(out).items()}
    assert set(found) == {"acme-weights", "tokenizer-lib", "vendor-adapter"}
    assert found["acme-weights"].startswith("FAIL") and "500,000,000" in found["acme-weights"]
    assert found["tokenizer-lib"].startswith("PASS")  # MIT OR Apache-2.0
    assert (
        found["vendor-adapter"].startswith("FAIL") and "no license text" in found["vendor-adapter"]
    )


def test_malformed_spdx_is_exit_2_naming_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.spdx.json"
    broken.write_text('{"spdxVersion": "SPDX-2.3", "packages": [', encoding="utf-8")
    code, _, err = run(str(broken))
    assert code == 2 and str(broken) in err and len(err.strip().splitlines()) == 1


# --- formats ----------------------------------------------------------------------------------


def formatted(fmt: CheckFormat, *sources: str) -> tuple[int, str]:
    code, out, _ = run("-f", fmt.value, *sources)
    return code, out


SARIF_SCHEMA = json.loads((FIXTURES / "sarif" / "sarif-schema-2.1.0.json").read_text("utf-8"))


def check_sarif(log: dict[str, Any]) -> None:
    """Valid against the official SARIF 2.1.0 schema (OASIS, vendored in fixtures/sarif),
    and what GitHub code scanning needs beyond it: every result located, relative URIs,
    stable fingerprints."""
    import jsonschema

    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    [run_] = log["runs"]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "licensecmp" and driver["version"]
    ids = [r["id"] for r in driver["rules"]]
    assert len(ids) == len(set(ids))
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note", "none")
    for result in run_["results"]:
        assert result["level"] in ("error", "warning", "note")
        assert result["message"]["text"]
        assert ids[result["ruleIndex"]] == result["ruleId"]
        assert result["partialFingerprints"]["licensecmp/v1"]
        assert result["locations"], result
        for location in result["locations"]:
            physical = location["physicalLocation"]
            uri = physical["artifactLocation"]["uri"]
            assert not uri.startswith("/") and "\\" not in uri
            region = physical["region"]
            assert region["startLine"] >= 1
            assert region["startColumn"] >= 1
            assert region["endLine"] >= region["startLine"]


def test_sarif_has_a_rule_per_flag_and_points_at_the_license_line() -> None:
    code, out = formatted(CheckFormat.SARIF, DECLARED_APACHE, "mit")
    assert code == 1
    log = json.loads(out)
    check_sarif(log)
    rules = {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert {t.id for t in TAXONOMY} <= rules
    assert set(FINDING_KINDS) <= rules  # every finding kind has a rule with help text
    results = log["runs"][0]["results"]
    [threshold] = [r for r in results if r["ruleId"] == "user-threshold"]
    physical = threshold["locations"][0]["physicalLocation"]
    license_file = MODELS / "apache-declared-llama-terms" / "LICENSE"
    assert physical["artifactLocation"]["uri"] == license_file.relative_to(ROOT).as_posix()
    line = license_file.read_text(encoding="utf-8").splitlines()[
        physical["region"]["startLine"] - 1
    ]
    assert "700" in line or "monthly active users" in line
    region = physical["region"]
    # the evidence's end is given too, so code scanning underlines the words themselves
    assert (region["endLine"], region["endColumn"]) > (region["startLine"], region["startColumn"])
    [card] = [r for r in results if r["ruleId"].startswith("declared-license")]
    assert card["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("README.md")


def test_junit_one_case_per_subject(clean_mit: str) -> None:
    code, out = formatted(CheckFormat.JUNIT, DECLARED_APACHE, clean_mit, "llama-3.1")
    assert code == 1
    root = ET.fromstring(out)
    [suite] = root.findall("testsuite")
    assert suite.get("tests") == "3" and suite.get("failures") == "2"
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert set(cases) == {DECLARED_APACHE, clean_mit, "llama-3.1"}
    assert cases[clean_mit].find("failure") is None
    failure = cases["llama-3.1"].find("failure")
    assert failure is not None and "user-threshold" in (failure.get("message") or "")


def test_json_is_deterministic_and_carries_analysis_and_verdict() -> None:
    first = formatted(CheckFormat.JSON, "llama-3.1", "mit", str(SPDX / "three-packages.spdx.json"))
    assert first == formatted(
        CheckFormat.JSON, "llama-3.1", "mit", str(SPDX / "three-packages.spdx.json")
    )
    data = json.loads(first[1])
    assert data["schema"] == "licensecmp/check/v1" and data["passed"] is False
    llama = data["results"][0]
    assert llama["schema"] == "licensecmp/analysis/v1"
    assert llama["policy"]["level"] == "fail"
    assert {r["code"] for r in llama["policy"]["reasons"]} >= {"denied-flag"}
    assert [r["policy"]["level"] for r in data["results"][1:]] == ["pass", "fail", "pass", "fail"]


def test_every_format_renders(clean_mit: str) -> None:
    for fmt in CheckFormat:
        code, out = formatted(fmt, clean_mit)
        assert code == 0 and out.strip(), fmt


def test_output_file_summary_and_text_in_one_run(tmp_path: Path) -> None:
    sarif = tmp_path / "results.sarif"
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step\n\n", encoding="utf-8")
    args = ["-f", "sarif", "-o", str(sarif), "--summary", str(summary), "llama-3.1", "mit"]
    code, out, _ = run(*args)
    assert code == 1
    check_sarif(json.loads(sarif.read_text(encoding="utf-8")))
    assert lines_of(out)["llama-3.1"].startswith("FAIL")  # stdout keeps the text lines
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# earlier step\n\n## licensecmp check ❌ failed")
    assert "| `llama-3.1` | ❌ fail | llama-3.1 |" in text
    run(*args)
    assert summary.read_text(encoding="utf-8").count("## licensecmp check") == 2


# --- integration files ------------------------------------------------------------------------


def _action_script() -> str:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    [step] = [s for s in action["runs"]["steps"] if s.get("id") == "check"]
    return str(step["run"])


@pytest.mark.parametrize(("sources", "expected"), [("llama-3.1 mit", "1"), ("mit apache-2.0", "0")])
def test_the_action_command_line_runs_and_records_the_exit_code(
    tmp_path: Path, sources: str, expected: str
) -> None:
    outputs = tmp_path / "outputs"
    summary = tmp_path / "summary.md"
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "LICENSECMP_BIN": str(Path(sys.executable).parent),
        "LICENSECMP_FAIL_ON": "error",
        "LICENSECMP_SOURCES": sources,
        "LICENSECMP_POLICY": "",
        "LICENSECMP_SARIF": str(tmp_path / "licensecmp.sarif"),
        "GITHUB_OUTPUT": str(outputs),
        "GITHUB_STEP_SUMMARY": str(summary),
    }
    done = subprocess.run(
        ["bash", "-c", _action_script()], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr  # the step records the code, a later step fails
    assert outputs.read_text(encoding="utf-8").strip() == f"exit-code={expected}"
    check_sarif(json.loads((tmp_path / "licensecmp.sarif").read_text(encoding="utf-8")))
    assert "## licensecmp check" in summary.read_text(encoding="utf-8")


def _run_action(tmp_path: Path, sources: str, fail_on: str = "error") -> tuple[str, str]:
    """The action's check step as the runner runs it: bash, its env, a GITHUB_OUTPUT and a
    job summary. Returns the recorded output and the summary."""
    outputs, summary = tmp_path / "outputs", tmp_path / "summary.md"
    outputs.unlink(missing_ok=True)
    summary.unlink(missing_ok=True)
    env = {
        **os.environ,
        "LICENSECMP_BIN": str(Path(sys.executable).parent),
        "LICENSECMP_FAIL_ON": fail_on,
        "LICENSECMP_SOURCES": sources,
        "LICENSECMP_POLICY": "",
        "LICENSECMP_SARIF": "licensecmp.sarif",
        "GITHUB_OUTPUT": str(outputs),
        "GITHUB_STEP_SUMMARY": str(summary),
    }
    done = subprocess.run(
        ["bash", "-c", _action_script()], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    check_sarif(json.loads((tmp_path / "licensecmp.sarif").read_text(encoding="utf-8")))
    return outputs.read_text(encoding="utf-8").strip(), summary.read_text(encoding="utf-8")


def _subjects(summary: str) -> list[str]:
    return re.findall(r"^\| `([^`]+)` \|", summary, re.M)


def test_the_action_reads_sources_line_by_line_with_globs_and_ids(tmp_path: Path) -> None:
    for name in ("b", "a"):
        model = tmp_path / "models" / name
        model.mkdir(parents=True)
        (model / "LICENSE").write_text(
            "Lumen Labs grants you a free licence to use, copy, modify and share the Model.\n"
        )
    sources = "# the models we ship\nmodels/*/\n\n  llama-3.1   mit\n"
    code, summary = _run_action(tmp_path, sources)
    assert code == "exit-code=1"  # llama-3.1 fails the default policy
    # every source was read: the two model directories in order, then the two ids
    assert _subjects(summary) == ["models/a/", "models/b/", "llama-3.1", "mit"]


def test_a_glob_that_matches_nothing_is_named_not_dropped(tmp_path: Path) -> None:
    outputs = tmp_path / "outputs"
    env = {
        **os.environ,
        "LICENSECMP_BIN": str(Path(sys.executable).parent),
        "LICENSECMP_FAIL_ON": "error",
        "LICENSECMP_SOURCES": "missing/*/",
        "LICENSECMP_POLICY": "",
        "LICENSECMP_SARIF": "licensecmp.sarif",
        "GITHUB_OUTPUT": str(outputs),
    }
    done = subprocess.run(
        ["bash", "-c", _action_script()], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert outputs.read_text(encoding="utf-8").strip() == "exit-code=2"
    assert "missing/*/" in done.stderr


def test_the_action_fails_on_warnings_when_asked(tmp_path: Path) -> None:
    (tmp_path / "licensecmp.toml").write_text('warn = ["patent-retaliation"]\n')
    assert _run_action(tmp_path, "apache-2.0")[0] == "exit-code=0"
    assert _run_action(tmp_path, "apache-2.0", fail_on="warning")[0] == "exit-code=1"


def test_the_upload_never_decides_the_verdict() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    steps = action["runs"]["steps"]
    [upload] = [s for s in steps if s.get("id") == "upload"]
    assert upload["continue-on-error"] is True
    assert upload["uses"] == "github/codeql-action/upload-sarif@v4"
    assert any("steps.upload.outcome == 'failure'" in str(s.get("if")) for s in steps)
    assert {"working-directory", "fail-on", "version"} <= set(action["inputs"])
    # licensecmp goes into a virtual environment of its own, never the caller's Python
    [python] = [s for s in steps if s.get("id") == "python"]
    assert python["with"]["update-environment"] is False
    assert "-m venv" in next(s["run"] for s in steps if s.get("id") == "install")


def test_pre_commit_hooks_match_license_files_only() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"] for h in hooks} == {"licensecmp-check", "licensecmp-check-files"}
    for hook in hooks:
        assert hook["entry"].startswith("licensecmp check") and hook["language"] == "python"
        assert hook["require_serial"] is True
        pattern = re.compile(hook["files"])
        for path in ("LICENSE", "models/x/LICENSE.md", "models/x/USE_POLICY.md", "sbom.spdx.json"):
            assert pattern.search(path), (hook["id"], path)
        for path in ("src/main.py", "docs/licenses.txt", "LICENSES/README"):
            assert not pattern.search(path), (hook["id"], path)


# --- many models ------------------------------------------------------------------------------


def test_jobs_do_not_change_the_result_and_texts_are_read_once(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from make_models import write
    finally:
        sys.path.remove(str(ROOT / "bench"))
    models = [str(p) for p in write(24, tmp_path / "models", CORPUS)]
    outputs = []
    for jobs in ("1", "2"):
        code, out, _ = run("-f", "json", "--jobs", jobs, *models)
        assert code == 1
        outputs.append(out)
    assert outputs[0] == outputs[1]
    results = json.loads(outputs[0])["results"]
    assert [r["source"]["input"] for r in results] == models


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from licensecmp import cli

    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert cli._progress(100) is None  # piped: nothing
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert cli._progress(3) is None  # a short run: nothing
    show = cli._progress(100)
    assert show is not None
    show(1, 2, "models/a")
    show(2, 2, "models/b")
    assert "[############............] 1/2 texts" in terminal.getvalue()
    assert terminal.getvalue().endswith("\n")


def test_colour_only_when_asked_or_on_a_terminal() -> None:
    _, plain, _ = run("mit", "llama-3.1")
    assert "\x1b[" not in plain  # CliRunner's stdout is not a terminal
    _, coloured, _ = run("mit", "llama-3.1", "--color")
    assert "\x1b[32mPASS\x1b[0m  mit" in coloured and "\x1b[31mFAIL\x1b[0m" in coloured


def test_sarif_locates_every_result_and_keeps_its_fingerprint(tmp_path: Path) -> None:
    # a file name that needs encoding, and a subject named by its license id alone
    model = tmp_path / "my model"
    model.mkdir()
    (model / "LICENSE").write_text(
        "Lumen Labs grants you a licence to use, copy, modify and share the Model.\n\n"
        "You may not use the Model for commercial purposes.\n"
    )
    runs = []
    for _ in range(2):
        code, out = formatted(CheckFormat.SARIF, str(model), "llama-3.1")
        assert code == 1
        runs.append(json.loads(out))
    check_sarif(runs[0])
    results = runs[0]["runs"][0]["results"]
    located = {r["properties"]["subject"]: r["locations"][0] for r in results}
    assert "my%20model/LICENSE" in json.dumps(located[str(model)])
    assert located["llama-3.1"]["physicalLocation"]["artifactLocation"]["uri"] == "llama-3.1"
    again = runs[1]["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in results] == [r["partialFingerprints"] for r in again]
    rules = runs[0]["runs"][0]["tool"]["driver"]["rules"]
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in rules}
    assert levels["user-threshold"] == "error" and levels["modification"] == "none"


def test_sarif_points_a_manifest_model_at_its_policy_line(tmp_path: Path) -> None:
    policy = tmp_path / "licensecmp.toml"
    policy.write_text(
        '# the models we use\n[[model]]\nname = "meta-llama/Llama-3.1-8B"\nlicense = "llama3.1"\n'
    )
    code, out = formatted(CheckFormat.SARIF, "--policy", str(policy))
    assert code == 1
    log = json.loads(out)
    check_sarif(log)
    for result in log["runs"][0]["results"]:
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uri"].endswith("licensecmp.toml")
        assert physical["region"]["startLine"] == 3


def _hook(hook_id: str) -> list[str]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [hook] = [h for h in hooks if h["id"] == hook_id]
    return str(hook["entry"]).split()[2:]  # the options after `licensecmp check`


def test_the_files_hook_judges_a_license_with_the_card_beside_it(tmp_path: Path) -> None:
    # the LICENSE alone passes; the card beside it names a Gemma base model
    model = tmp_path / "fine-tune"
    model.mkdir()
    (model / "LICENSE").write_text(
        "Lumen Labs grants you a licence to use, copy, modify and share the Model for any "
        "purpose.\n"
    )
    (model / "README.md").write_text(
        "---\nlicense: apache-2.0\nbase_model: google/gemma-2-9b\n---\n# A fine-tune\n"
    )
    alone, _, _ = run(str(model / "LICENSE"))
    code, out, _ = run(
        *_hook("licensecmp-check-files"), str(model / "LICENSE"), str(model / "README.md")
    )
    assert code == 1, out
    assert out.count("FAIL  ") == 1  # one subject: the folder, once
    assert "base-model-license" in out
    assert alone == 0  # judged alone, the license file would have passed


def test_the_manifest_hook_passes_where_there_is_no_manifest(tmp_path: Path) -> None:
    code, out, _ = run(*_hook("licensecmp-check"), cwd=tmp_path)
    assert code == 0, out
    assert "nothing to check" in out
    plain, _, _ = run(cwd=tmp_path)
    assert plain == 2  # without the hook's flag, nothing to check is an error
