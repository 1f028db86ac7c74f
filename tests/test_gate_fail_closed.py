"""The CI gate fails closed (SPEC.md, "OSD verdict"): what is undetermined, not open without
a restriction flag, or does not license us at all fails by default.

Texts are our own wording; real licenses are read from the corpus at test time.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from licensecmp.analysis import Analysis
from licensecmp.cli import app
from licensecmp.errors import LicensecmpError
from licensecmp.policy import (
    DEFAULT_POLICY,
    WAIVABLE_CODES,
    Level,
    Policy,
    Verdict,
    evaluate,
    load_policy,
)
from licensecmp.sources import analyze_bytes, analyze_source
from licensecmp.verdict import Verdict as OsdVerdict
from tests.conftest import corpus_text

TODAY = dt.date(2026, 6, 1)

README = (
    "# Acme widget\n\nA small library that parses widget files.\n\n"
    "## Install\n\nRun pip install acme-widget and import it.\n"
)
EULA = (
    "Acme Viewer End User License Agreement\n\n"
    "Acme Corp grants you the right to install and run one copy of the software on a "
    "single computer for your internal use. All other rights are reserved by Acme Corp.\n"
)
OPEN_GRANT = "1. Grant. You may use, copy, modify and distribute the software for any purpose.\n\n"
HARDWARE = "The software may only be installed on hardware purchased from Acme."
UNEXPLAINED = OPEN_GRANT + "2. Devices. " + HARDWARE + "\n"
USERS = (
    OPEN_GRANT + "2. Scale. If your products have 5 million monthly active users or more, "
    "you must request a separate license from us, and your rights under this license end.\n"
)


def text(body: str | bytes, name: str = "LICENSE") -> Analysis:
    return analyze_bytes(body.encode("utf-8") if isinstance(body, str) else body, name)


def judge(analysis: Analysis, policy: Policy = DEFAULT_POLICY) -> Verdict:
    return evaluate(analysis, policy, subject="x", today=TODAY)


def file(tmp_path: Path, body: str | bytes, name: str = "LICENSE") -> Analysis:
    """The analysis of a file, identified against the knowledge base as `check` does."""
    path = tmp_path / name
    path.write_bytes(body.encode("utf-8") if isinstance(body, str) else body)
    return analyze_source(str(path))


def codes(verdict: Verdict) -> list[tuple[str, str]]:
    return [(r.level.value, r.code) for r in verdict.reasons]


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "licensecmp.toml"
    path.write_text(body, encoding="utf-8")
    return path


# --- undetermined ---------------------------------------------------------------------


def test_a_readme_grants_nothing_and_fails_by_default() -> None:
    analysis = text(README, "README.md")
    assert analysis.osd.verdict is OsdVerdict.UNDETERMINED
    verdict = judge(analysis)
    assert codes(verdict) == [("fail", "undetermined")]
    assert "grants nothing" in verdict.reasons[0].message
    assert "no known license identified" in verdict.reasons[0].message


def test_fail_on_unknown_false_makes_undetermined_a_warning(tmp_path: Path) -> None:
    policy = load_policy(write(tmp_path, "fail-on-unknown = false\n"))
    assert codes(judge(text(README, "README.md"), policy)) == [("warn", "undetermined")]
    assert codes(judge(text(UNEXPLAINED), policy)) == [("warn", "undetermined")]


def test_unexplained_sentences_are_named_and_located() -> None:
    analysis = text(UNEXPLAINED)
    (reason,) = judge(analysis).reasons
    assert (reason.level, reason.code) == (Level.FAIL, "undetermined")
    assert f'clause 2: "{HARDWARE}"' in reason.message
    assert reason.clause == "2" and reason.evidence == HARDWARE
    assert reason.start is not None and reason.end is not None
    assert analysis.text[reason.start : reason.end] == HARDWARE


def test_a_long_unexplained_sentence_is_shortened() -> None:
    long = (
        "You shall not install the software on any machine outside the premises of the "
        "original purchaser or of its affiliates or its resellers anywhere in the world."
    )
    (reason,) = judge(text(OPEN_GRANT + "2. Competition. " + long + "\n")).reasons
    assert reason.code == "undetermined"
    assert long not in reason.message and '..."' in reason.message
    assert reason.evidence == long  # the whole sentence stays in the evidence


def test_an_exception_waives_undetermined(tmp_path: Path) -> None:
    assert "undetermined" in WAIVABLE_CODES
    body = (
        '[[exception]]\nsource = "x"\nflags = ["undetermined"]\n'
        'reason = "read by legal, ticket LEG-7"\n'
    )
    policy = load_policy(write(tmp_path, body))
    (reason,) = judge(text(UNEXPLAINED), policy).reasons
    assert (reason.level, reason.code, reason.exception) == (Level.PASS, "waived", 0)


@pytest.mark.corpus
def test_an_allowed_license_still_judges_the_sentences_it_adds(tmp_path: Path) -> None:
    mit = corpus_text("mit").decode("utf-8").rstrip()
    policy = load_policy(write(tmp_path, 'allow = ["mit"]\n'))
    plain = judge(file(tmp_path, mit), policy)
    assert plain.license == "mit" and plain.level is Level.PASS, plain.reasons
    added = judge(file(tmp_path, mit + "\n\n" + HARDWARE + "\n"), policy)
    assert added.license == "mit"
    assert ("fail", "undetermined") in codes(added), added.reasons
    reason = next(r for r in added.reasons if r.code == "undetermined")
    assert "adds to mit" in reason.message and reason.evidence == HARDWARE


# --- not open, with no restriction flag behind it ------------------------------------


def test_a_proprietary_eula_fails() -> None:
    analysis = text(EULA)
    assert analysis.osd.verdict is OsdVerdict.NOT_CONFORMANT
    assert analysis.osd.basis == "missing-freedoms"
    verdict = judge(analysis)
    assert ("fail", "not-open-license") in codes(verdict)
    reason = next(r for r in verdict.reasons if r.code == "not-open-license")
    assert reason.message == analysis.osd.summary


def test_not_open_warn_makes_it_a_warning(tmp_path: Path) -> None:
    policy = load_policy(write(tmp_path, 'not-open = "warn"\n'))
    assert policy.not_open is Level.WARN
    assert codes(judge(text(EULA), policy)) == [("warn", "not-open-license")]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"maybe"', 'not-open: must be "fail" or "warn", not \'maybe\''),
        ("true", 'not-open: must be "fail" or "warn", not a boolean'),
    ],
)
def test_not_open_values_are_checked(tmp_path: Path, value: str, message: str) -> None:
    path = write(tmp_path, f"deny = []\nnot-open = {value}\n")
    with pytest.raises(LicensecmpError) as caught:
        load_policy(path)
    assert str(caught.value) == f"{path}:2: {message}"


@pytest.mark.corpus
def test_the_sysinternals_eula_fails_unless_waived(tmp_path: Path) -> None:
    analysis = file(tmp_path, corpus_text("ms-sysinternals-sla"))
    assert analysis.osd.basis == "known-license"
    verdict = judge(analysis)
    assert verdict.license == "ms-sysinternals-sla"
    assert ("fail", "not-open-license") in codes(verdict), verdict.reasons
    assert verdict.level is Level.FAIL
    # not in the knowledge base, so `allow` cannot name it; a reviewed exception can
    body = (
        '[[exception]]\nsource = "x"\nflags = ["not-open-license"]\n'
        'reason = "tools only, legal review LEG-11"\n'
    )
    waived = judge(analysis, load_policy(write(tmp_path, body)))
    assert waived.level is Level.PASS, waived.reasons


@pytest.mark.corpus
@pytest.mark.parametrize("key", ["mit", "apache-2.0"])
def test_open_licenses_still_pass_the_default_policy(tmp_path: Path, key: str) -> None:
    verdict = judge(file(tmp_path, corpus_text(key)))
    assert verdict.license == key
    assert verdict.level is Level.PASS, verdict.reasons


# --- facts about us that take the grant away ---------------------------------------------


def test_our_users_past_a_threshold_fail_even_when_only_warned(tmp_path: Path) -> None:
    body = 'deny = []\nwarn = ["user-threshold"]\nour-users = 6_000_000\n'
    verdict = judge(text(USERS), load_policy(write(tmp_path, body)))
    reason = next(r for r in verdict.reasons if r.flag == "user-threshold")
    assert (reason.level, reason.code) == (Level.FAIL, "not-licensed")
    assert "does not license us" in reason.message and "ours 6,000,000: binds" in reason.message
    below = body.replace("6_000_000", "4_000_000")
    verdict = judge(text(USERS), load_policy(write(tmp_path, below)))
    reason = next(r for r in verdict.reasons if r.flag == "user-threshold")
    assert (reason.level, reason.code) == (Level.PASS, "does-not-bind")


def test_a_binding_fact_fails_even_an_allowed_license() -> None:
    analysis = analyze_source("llama-3.1")
    policy = Policy(allow=("llama-3.1",), our_users=800_000_000, deny=(), warn=())
    verdict = judge(analysis, policy)
    assert [(r.code, r.flag) for r in verdict.reasons if r.level is Level.FAIL] == [
        ("not-licensed", "user-threshold")
    ]


def test_an_exception_waives_not_licensed(tmp_path: Path) -> None:
    body = (
        "our-users = 6_000_000\n"
        '[[exception]]\nsource = "x"\nflags = ["not-licensed"]\n'
        'reason = "separate license signed, ticket LEG-9"\n'
    )
    verdict = judge(text(USERS), load_policy(write(tmp_path, body)))
    reason = next(r for r in verdict.reasons if r.flag == "user-threshold")
    assert (reason.level, reason.code) == (Level.PASS, "waived")


def _check(*args: str, cwd: Path) -> tuple[int, str]:
    env = {"LICENSECMP_TEXTS": "/nonexistent/licensecmp-texts"}
    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, ["check", "--today", TODAY.isoformat(), *args], env=env)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout


@pytest.mark.corpus
def test_llama_3_2_in_germany_fails_without_geographic_restriction_in_deny(
    tmp_path: Path,
) -> None:
    license_file = tmp_path / "LICENSE"
    license_file.write_bytes(corpus_text("llama-3.2-license-2024"))
    base = 'deny = []\nwarn = ["restriction"]\n'
    policy = write(tmp_path, base + 'our-regions = ["Germany"]\n')
    code, out = _check(str(license_file), "-p", str(policy), "-f", "json", cwd=tmp_path)
    assert code == 1, out
    (result,) = json.loads(out)["results"]
    assert result["policy"]["license"] == "llama-3.2"
    failing = [r for r in result["policy"]["reasons"] if r["level"] == "fail"]
    assert [(r["code"], r["flag"]) for r in failing] == [("not-licensed", "geographic-restriction")]
    assert "does not license us" in failing[0]["message"]
    # outside the excluded region the same policy only warns
    policy = write(tmp_path, base + 'our-regions = ["Japan"]\n')
    code, out = _check(str(license_file), "-p", str(policy), cwd=tmp_path)
    assert code == 0, out


def test_check_fails_a_readme_and_locates_the_unexplained_sentence(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(README, encoding="utf-8")
    code, out = _check(str(readme), cwd=tmp_path)
    assert code == 1 and "undetermined" in out, out
    license_file = tmp_path / "LICENSE"
    license_file.write_text(UNEXPLAINED, encoding="utf-8")
    code, out = _check(str(license_file), "-f", "sarif", cwd=tmp_path)
    assert code == 1, out
    run = json.loads(out)["runs"][0]
    (result,) = run["results"]
    assert result["ruleId"] == "undetermined" and result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
    assert "undetermined" in {r["id"] for r in run["tool"]["driver"]["rules"]}
    policy = write(tmp_path, "fail-on-unknown = false\n")
    code, out = _check(str(readme), "-p", str(policy), cwd=tmp_path)
    assert code == 0 and out.startswith("WARN"), out
