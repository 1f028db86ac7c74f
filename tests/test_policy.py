"""The policy of the CI gate: loading (with FILE:LINE errors), conditions, evaluation."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from licensecmp.analysis import Analysis, Finding, Identified, Passage
from licensecmp.errors import LicensecmpError
from licensecmp.policy import (
    DEFAULT_POLICY,
    Level,
    Policy,
    Reason,
    Revenue,
    Rule,
    Verdict,
    check,
    combine,
    evaluate,
    find_policy,
    load_policy,
    parse_condition,
    regions_overlap,
    rule_params,
    unknown,
)
from licensecmp.sources import analyze_bytes, analyze_source
from licensecmp.taxonomy import TAXONOMY, Kind
from tests.conftest import FIXTURES, corpus_text

POLICIES = FIXTURES / "policies"
TODAY = dt.date(2026, 6, 1)

# Short license texts of our own, one restriction each, with known params.
GRANT = "1. Grant. You may use, copy and modify the model.\n\n"
USERS_INCLUSIVE = (
    GRANT + "2. Scale. If your products have 700 million monthly active users or more, you must "
    "request a separate license from us, and your rights under this license end.\n"
)
REVENUE_YEAR = (
    GRANT + "2. Revenue. If your annual revenue exceeds USD 1,000,000, this license ends and you "
    "must obtain a commercial license from us.\n"
)
REVENUE_MONTH = (
    GRANT + "2. Revenue. If your revenue exceeds USD 20 million per month, your rights under "
    "this license end and you must obtain a separate license.\n"
)
REVENUE_NO_PERIOD = (
    GRANT + "2. Revenue. If your revenue exceeds USD 20 million, your rights under this license "
    "end and you must obtain a separate license.\n"
)
REGIONS = (
    GRANT + "2. Territory. The rights in this license are not granted to anyone domiciled in "
    "the European Union or the United Kingdom.\n"
)
NON_COMMERCIAL = (
    GRANT + "2. Purpose. You may use the model for non-commercial purposes only; any commercial "
    "use is not allowed.\n"
)
PLAIN = GRANT + "2. Notices. Keep this notice in every copy you share.\n"
RESTRICTIVE_PARAGRAPH = "The Software may not be used for any commercial purpose."


def text(body: str, name: str = "LICENSE") -> Analysis:
    return analyze_bytes(body.encode("utf-8"), name)


def known(license_id: str) -> Analysis:
    return analyze_source(license_id)


def codes(verdict: Verdict) -> list[tuple[str, str, str | None]]:
    return [(r.level.value, r.code, r.flag) for r in verdict.reasons]


def write(tmp_path: Path, body: str, name: str = "licensecmp.toml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


# --- loading ------------------------------------------------------------------------------


def test_no_policy_gives_the_documented_default() -> None:
    policy = load_policy(None)
    assert policy is DEFAULT_POLICY
    assert set(policy.deny) == {t.id for t in TAXONOMY if t.kind is Kind.RESTRICTION}
    assert set(policy.warn) == {t.id for t in TAXONOMY if t.kind is Kind.LICENSOR_RIGHT}
    assert policy.fail_on_unknown and not policy.require_osi
    assert policy.allow == policy.forbid == ()
    assert policy.exceptions == () and policy.rules == ()


def test_fixture_policies_load_with_ids_normalised() -> None:
    passing = load_policy(POLICIES / "pass.toml")
    assert passing.allow == ("mit", "apache-2.0")  # "MIT" is the SPDX id of mit
    assert passing.deny == ("user-threshold", "non-commercial", "research-only", "no-derivatives")
    assert passing.warn == ("acceptable-use-policy", "terms-may-change")
    failing = load_policy(POLICIES / "fail.toml")
    assert failing.forbid == ("cc-by-nc-4.0", "llama-3.1")  # the Hugging Face id llama3.1
    assert failing.require_osi
    assert set(failing.deny) == set(DEFAULT_POLICY.deny)  # the kind name `restriction`
    conditions = load_policy(POLICIES / "conditions.toml")
    assert conditions.our_users == 2_000_000
    assert conditions.our_revenue == Revenue(50_000_000, "USD")
    assert conditions.our_regions == ("Germany", "United States")
    assert [r.flag for r in conditions.rules] == ["acceptable-use-policy", "attribution-display"]


def test_keys_left_out_keep_their_defaults(tmp_path: Path) -> None:
    policy = load_policy(write(tmp_path, 'warn = ["acceptable-use-policy"]\n'))
    assert "acceptable-use-policy" in policy.warn and "acceptable-use-policy" not in policy.deny
    assert "user-threshold" in policy.deny  # deny left out: every other restriction
    assert "terms-may-change" not in policy.warn  # warn given: only what it names
    assert load_policy(write(tmp_path, "deny = []\n")).deny == ()


def test_a_flag_id_beats_a_kind_named_in_the_other_list(tmp_path: Path) -> None:
    policy = load_policy(
        write(tmp_path, 'deny = ["restriction"]\nwarn = ["acceptable-use-policy"]\n')
    )
    assert "acceptable-use-policy" in policy.warn
    assert "acceptable-use-policy" not in policy.deny
    assert "non-commercial" in policy.deny


def test_the_same_name_in_deny_and_warn_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, 'deny = ["non-commercial"]\n\nwarn = [\n  "non-commercial",\n]\n')
    with pytest.raises(LicensecmpError) as caught:
        load_policy(path)
    assert str(caught.value) == f"{path}:4: warn: 'non-commercial' is also in deny"


def test_pyproject_reads_the_tool_table() -> None:
    policy = load_policy(POLICIES / "pyproject" / "pyproject.toml")
    assert policy.deny == ("user-threshold", "non-commercial")
    assert policy.warn == ("acceptable-use-policy",)
    assert policy.our_users == 5_000
    (waiver,) = policy.exceptions
    assert waiver.source == "vendor/model" and waiver.expires == dt.date(2027, 1, 31)


def test_pyproject_without_the_table_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, '[project]\nname = "x"\n', "pyproject.toml")
    with pytest.raises(LicensecmpError, match=r"pyproject.toml:1: no \[tool.licensecmp\] table"):
        load_policy(path)


def test_a_missing_policy_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(LicensecmpError, match="no such policy file"):
        load_policy(tmp_path / "licensecmp.toml")


def test_find_policy_walks_up() -> None:
    pyproject = POLICIES / "pyproject"
    assert find_policy(pyproject / "sub" / "dir") == (pyproject / "pyproject.toml").resolve()
    manifest = POLICIES / "manifest"
    assert find_policy(manifest / "licenses") == (manifest / "licensecmp.toml").resolve()
    assert (
        find_policy(manifest / "licenses" / "acme-tiny.txt")
        == (manifest / "licensecmp.toml").resolve()
    )


def test_find_policy_prefers_licensecmp_toml_in_one_directory() -> None:
    both = POLICIES / "both"
    assert find_policy(both) == (both / "licensecmp.toml").resolve()


def test_find_policy_skips_a_pyproject_without_the_table(tmp_path: Path) -> None:
    write(tmp_path, 'deny = ["research-only"]\n')
    inner = tmp_path / "app"
    inner.mkdir()
    write(inner, '[project]\nname = "app"  # mentions licensecmp in a comment\n', "pyproject.toml")
    assert find_policy(inner) == (tmp_path / "licensecmp.toml").resolve()


def test_find_policy_finds_nothing(tmp_path: Path) -> None:
    # the repository's own pyproject.toml has no [tool.licensecmp] table either
    assert find_policy(tmp_path) is None
    assert find_policy(POLICIES / "bad") is None


@pytest.mark.parametrize(
    ("name", "line", "message"),
    [
        ("unknown-key.toml", 5, "require-os: unknown key (did you mean require-osi?)"),
        (
            "unknown-flag.toml",
            4,
            "deny: unknown flag id 'user-treshold' (did you mean user-threshold?)",
        ),
        ("bad-date.toml", 7, "not valid TOML: 2027-13-01 is not a valid date (YYYY-MM-DD)"),
        (
            "quoted-date.toml",
            11,
            "exception.expires: must be a date such as 2027-06-30 (unquoted), not a string",
        ),
        ("bad-toml.toml", 3, "not valid TOML: Unclosed array"),
        ("wrong-type.toml", 2, "require-osi: must be true or false, not a string"),
        ("bad-expression.toml", 9, "rule.fail-if: expected a parameter name at the end"),
        (
            "unknown-param.toml",
            3,
            "rule.fail-if: unknown parameter 'users' "
            "(this flag has: affiliates, inclusive, metric, threshold)",
        ),
        ("missing-reason.toml", 3, "exception.reason: missing"),
        (
            "unknown-license.toml",
            2,
            "allow: unknown license id 'apache-2' (did you mean apache-2.0",
        ),
        ("pyproject/pyproject.toml", 12, "exception.unknown: unknown key"),
    ],
)
def test_malformed_policies_name_file_line_and_key(name: str, line: int, message: str) -> None:
    path = POLICIES / "bad" / name
    with pytest.raises(LicensecmpError) as caught:
        load_policy(path)
    error = str(caught.value)
    assert error.startswith(f"{path}:{line}: {message}"), error
    assert "\n" not in error


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ('our-users = "many"\n', 1, "our-users: must be a whole number, not a string"),
        ("our-users = true\n", 1, "our-users: must be a whole number, not a boolean"),
        ("our-users = -1\n", 1, "our-users: must not be negative"),
        ('deny = "user-threshold"\n', 1, "deny: must be a list of strings, not a string"),
        ("deny = [1]\n", 1, "deny: must be a list of strings, not with a number"),
        ('\nour-revenue = { amount = 5, currency = "dollars" }\n', 2, "our-revenue.currency:"),
        ("[our-revenue]\ncurrency = 'EUR'\n", 1, "our-revenue.amount: missing"),
        ("our-regions = ['']\n", 1, "our-regions: has an empty name"),
        ('forbid = ["mit"]\nallow = ["MIT"]\n', 1, "forbid: 'mit' is also in allow"),
        ('forbid = ["0bsd"]\nallow = ["0BSD"]\n', 1, "forbid: '0BSD' is also in allow"),
        (
            'allow = ["MIT OR Acme-1"]\n',
            1,
            "allow: unknown license id 'Acme-1' in 'MIT OR Acme-1'",
        ),
        ('[[rule]]\nflag = "user-threshold"\n', 2, "rule.flag: a rule needs fail-if or warn-if"),
        (
            '[[rule]]\nflag = "non-commercial"\nfail-if = "threshold > 1"\n',
            3,
            "rule.fail-if: unknown parameter 'threshold' (this flag has: none)",
        ),
        (
            '[[rule]]\nflag = "user-threshold"\nwarn-if = "threshold < 1"\n'
            '[[rule]]\nflag = "user-threshold"\nwarn-if = "threshold < 2"\n',
            5,
            "rule.flag: a second rule for 'user-threshold'",
        ),
        (
            '[[exception]]\nsource = "x"\nflags = ["non-commercal"]\nreason = "r"\n',
            3,
            "exception.flags: unknown flag id or finding kind 'non-commercal' "
            "(did you mean non-commercial?)",
        ),
        (
            '[[exception]]\nsource = "x"\nflags = []\nreason = "r"\n',
            3,
            "exception.flags: must name at least one flag or finding",
        ),
        (
            '[[exception]]\nsource = "x"\nflags = ["non-commercial"]\nreason = " "\n',
            4,
            "exception.reason: must not be empty",
        ),
        (
            '[[exception]]\nsource = "x"\nflags = ["non-commercial"]\nreason = "r"\n'
            "expires = 2027-06-30T12:00:00\n",
            5,
            "exception.expires: must be a date such as 2027-06-30 (unquoted), not a date with",
        ),
        ("exception = 3\n", 1, "exception: must be written as [[exception]] tables"),
        (
            '[[model]]\nname = "a"\nlicense = "mit"\npath = "x"\n',
            2,
            "model.name: a model needs exactly one of license or path",
        ),
        ('[[model]]\nname = "a"\npath = "nowhere.txt"\n', 3, "model.path:"),
        ('[[model]]\nname = "a"\nlicense = "no-such-license"\n', 3, "model.license: unknown"),
    ],
)
def test_semantic_errors_name_the_line(tmp_path: Path, body: str, line: int, message: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(LicensecmpError) as caught:
        load_policy(path)
    assert str(caught.value).startswith(f"{path}:{line}: {message}"), str(caught.value)


def test_the_manifest_lists_models_by_id_or_path() -> None:
    policy = load_policy(POLICIES / "manifest" / "licensecmp.toml")
    by_id, by_path = policy.models
    assert (by_id.name, by_id.license, by_id.path) == ("meta-llama/Llama-3.1-8B", "llama-3.1", None)
    assert by_path.license is None and by_path.path is not None
    assert by_path.path.read_text(encoding="utf-8").startswith("TINY MODEL TERMS")


def test_exceptions_may_name_findings_and_policy_codes(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[[exception]]\nsource = "LicenseRef-*"\nreason = "r"\n'
        'flags = ["declared-license-mismatch", "unknown-license", "not-osd-conformant"]\n',
    )
    (waiver,) = load_policy(path).exceptions
    assert waiver.flags == ("declared-license-mismatch", "unknown-license", "not-osd-conformant")
    assert waiver.expires is None


# --- the expression language ------------------------------------------------------------

USER_PARAMS = rule_params("user-threshold")
REVENUE_PARAMS = rule_params("revenue-threshold")


@pytest.mark.parametrize(
    ("expression", "params", "expected"),
    [
        ("threshold < 1_000_000_000", {"threshold": 700_000_000}, True),
        ("threshold < 1B", {"threshold": 1_000_000_000}, False),
        ("threshold <= 1b", {"threshold": 1_000_000_000}, True),
        ("threshold > 700M", {"threshold": 700_000_000}, False),
        ("threshold >= 700m", {"threshold": 700_000_000}, True),
        ("threshold == 10k", {"threshold": 10_000}, True),
        ("threshold != 10K", {"threshold": 10_000}, False),
        ("threshold < 1.5B", {"threshold": 1_400_000_000}, True),
        ("threshold<5M and inclusive==true", {"threshold": 1, "inclusive": False}, False),
        ("threshold < 5M or inclusive == true", {"threshold": 9**9, "inclusive": True}, True),
        ("metric == 'Monthly Active Users'", {"metric": "monthly active users"}, True),
        # `and` binds tighter than `or`; parentheses regroup
        (
            "threshold < 1 and threshold > 5 or affiliates == true",
            {"threshold": 3, "affiliates": True},
            True,
        ),
        (
            "threshold < 1 and (threshold > 5 or affiliates == true)",
            {"threshold": 3, "affiliates": True},
            False,
        ),
        # a param the flag lacks decides nothing (None) unless the other side does
        ("threshold < 5", {}, None),
        ("threshold < 5 or affiliates == true", {"affiliates": True}, True),
        ("threshold < 5 and affiliates == true", {"affiliates": False}, False),
        ("threshold < 5 and affiliates == true", {"affiliates": True}, None),
    ],
)
def test_conditions_evaluate(
    expression: str, params: dict[str, object], expected: bool | None
) -> None:
    assert parse_condition(expression, USER_PARAMS).holds(params) is expected


def test_revenue_conditions_compare_currency_case_insensitively() -> None:
    condition = parse_condition("amount < 10M and currency == 'usd'", REVENUE_PARAMS)
    assert condition.holds({"amount": 1_000_000, "currency": "USD"}) is True
    assert condition.holds({"amount": 1_000_000, "currency": "EUR"}) is False
    assert condition.params == {"amount", "currency"}


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("", "empty expression"),
        ("threshold", "expected a comparison (< <= > >= == !=) after 'threshold' at the end"),
        ("threshold <", "expected a value after '<' at the end"),
        ("threshold < < 3", "expected a value at column 13"),
        ("threshold = 3", "unexpected '=' at column 11"),
        ("threshold < 3 3", "unexpected '3' at column 15"),
        ("(threshold < 3", "expected ')' at the end"),
        ("threshold < 3 and", "expected a parameter name at the end"),
        ("users < 3", "unknown parameter 'users'"),
        ("__import__('os') == 1", "unexpected '_' at column 1"),
        ("threshold < 'many'", "threshold is a number; compare it with a number"),
        ("metric < 3", "metric is not a number"),
        ("metric < 'a'", "metric can only be compared with == or !="),
        ("inclusive == 'yes'", "inclusive is true or false"),
        ("threshold < 3x", "unexpected '3' at column 13"),
    ],
)
def test_bad_expressions_say_what_is_wrong(expression: str, message: str) -> None:
    from licensecmp.policy import ExpressionError

    with pytest.raises(ExpressionError) as caught:
        parse_condition(expression, USER_PARAMS)
    assert message in str(caught.value)


def test_list_params_cannot_be_compared() -> None:
    from licensecmp.policy import ExpressionError

    with pytest.raises(ExpressionError, match="regions is a list"):
        parse_condition("regions == 'China'", rule_params("geographic-restriction"))


def test_duties_triggered_by_a_threshold_may_compare_it() -> None:
    assert "threshold" in rule_params("attribution-display")
    assert "phrase" in rule_params("attribution-display")
    assert rule_params("non-commercial") == {}


# --- evaluation: deny, warn, allow, forbid, unknown --------------------------------------


def test_the_default_policy_fails_llama_and_passes_mit() -> None:
    llama = evaluate(known("llama-3.1"), DEFAULT_POLICY, subject="llama-3.1", today=TODAY)
    assert llama.level is Level.FAIL and llama.license == "llama-3.1"
    assert codes(llama) == [
        ("fail", "denied-flag", "user-threshold"),
        ("fail", "denied-flag", "acceptable-use-policy"),
        ("warn", "warned-flag", "litigation-termination"),
    ]
    threshold = llama.reasons[0]
    assert threshold.clause == "2"
    assert "more than 700,000,000 monthly active users" in threshold.message
    assert threshold.evidence is None and threshold.start is None  # a known id has no text
    mit = evaluate(known("mit"), DEFAULT_POLICY, subject="mit", today=TODAY)
    assert mit.level is Level.PASS and mit.reasons == () and mit.license == "mit"


def test_reasons_carry_the_evidence_of_a_text() -> None:
    analysis = text(NON_COMMERCIAL)
    verdict = evaluate(analysis, DEFAULT_POLICY, subject="LICENSE", today=TODAY)
    denied = next(r for r in verdict.reasons if r.code == "denied-flag")
    assert denied.flag == "non-commercial" and denied.clause == "2"
    assert denied.start is not None and denied.end is not None
    assert analysis.text[denied.start : denied.end] == denied.evidence


def test_every_violation_is_collected_in_flag_order() -> None:
    policy = load_policy(POLICIES / "fail.toml")
    verdict = evaluate(known("cc-by-nc-4.0"), policy, subject="cc-by-nc-4.0", today=TODAY)
    assert codes(verdict) == [
        ("fail", "forbidden-license", None),
        ("fail", "denied-flag", "non-commercial"),
        ("fail", "not-osd-conformant", "non-commercial"),
    ]
    assert (
        "criterion 6 (No Discrimination Against Fields of Endeavor)" in verdict.reasons[2].message
    )
    stability = evaluate(known("stability-ai-community"), policy, subject="s", today=TODAY)
    flags = [r.flag for r in stability.reasons if r.code == "denied-flag"]
    assert flags == ["revenue-threshold", "acceptable-use-policy", "no-model-training"]
    assert [r.flag for r in stability.reasons if r.level is Level.WARN] == [
        "terms-may-change",
        "litigation-termination",
    ]


def test_evaluation_is_deterministic() -> None:
    policy = load_policy(POLICIES / "fail.toml")
    first = evaluate(known("tencent-hunyuan-3d"), policy, subject="t", today=TODAY)
    assert first == evaluate(known("tencent-hunyuan-3d"), policy, subject="t", today=TODAY)


def test_the_passing_policy() -> None:
    policy = load_policy(POLICIES / "pass.toml")
    for license_id in ("mit", "apache-2.0"):
        verdict = evaluate(known(license_id), policy, subject=license_id, today=TODAY)
        assert codes(verdict) == [("pass", "allowed-license", None)]
        assert verdict.level is Level.PASS
    gemma = evaluate(known("gemma"), policy, subject="gemma", today=TODAY)
    assert gemma.level is Level.WARN  # warn on the use policy; remote-restriction not listed
    assert codes(gemma) == [("warn", "warned-flag", "acceptable-use-policy")]
    llama = evaluate(known("llama-3.1"), policy, subject="llama-3.1", today=TODAY)
    assert llama.level is Level.FAIL


def _mit_plus_paragraph() -> Analysis:
    """Our own permissive text identified as mit, with a restrictive paragraph added."""
    body = PLAIN + "3. Purpose. " + RESTRICTIVE_PARAGRAPH + "\n"
    analysis = text(body)
    start = analysis.text.index("3. Purpose.")
    added = Passage(start, len(analysis.text), analysis.text[start:])
    identified = Identified("mit", "MIT License", "MIT", 1.0, True, (added,))
    return replace(analysis, identified=identified)


def test_allow_does_not_pass_what_the_text_adds_to_the_allowed_license() -> None:
    analysis = _mit_plus_paragraph()
    assert {"modification", "non-commercial"} <= analysis.flag_ids
    policy = load_policy(POLICIES / "pass.toml")
    verdict = evaluate(analysis, policy, subject="LICENSE", today=TODAY)
    assert verdict.license == "mit"
    assert codes(verdict) == [
        ("pass", "allowed-license", None),
        ("fail", "denied-flag", "non-commercial"),
    ]
    assert "1 added passage(s) still judged" in verdict.reasons[0].message
    # without the added passage, the same flags are the allowed license's own
    assert analysis.identified is not None
    own = replace(analysis, identified=replace(analysis.identified, added=()))
    assert evaluate(own, policy, subject="LICENSE", today=TODAY).level is Level.PASS


@pytest.mark.corpus
def test_the_real_mit_text_plus_a_restriction_is_not_waved_through(tmp_path: Path) -> None:
    body = corpus_text("mit").decode("utf-8").rstrip() + "\n\n" + RESTRICTIVE_PARAGRAPH + "\n"
    path = tmp_path / "LICENSE"
    path.write_text(body, encoding="utf-8")
    analysis = analyze_source(str(path))
    policy = load_policy(POLICIES / "pass.toml")
    verdict = evaluate(analysis, policy, subject=str(path), today=TODAY)
    assert verdict.license == "mit"
    assert ("fail", "denied-flag", "non-commercial") in codes(verdict)
    assert verdict.level is Level.FAIL


def test_an_unknown_text_with_a_restriction_fails() -> None:
    verdict = evaluate(text(REGIONS), DEFAULT_POLICY, subject="LICENSE", today=TODAY)
    assert verdict.license is None
    assert codes(verdict)[0] == ("fail", "unknown-license", None)
    assert "restricts: geographic-restriction" in verdict.reasons[0].message
    # no restriction and every freedom granted: nothing to fail on
    open_text = PLAIN.replace("copy and modify", "copy, modify and distribute")
    assert evaluate(text(open_text), DEFAULT_POLICY, subject="x", today=TODAY).reasons == ()
    # no restriction, but no redistribution granted either: not open (fail closed)
    assert codes(evaluate(text(PLAIN), DEFAULT_POLICY, subject="x", today=TODAY)) == [
        ("fail", "not-open-license", None)
    ]


def test_fail_on_unknown_false_makes_the_unknown_a_warning(tmp_path: Path) -> None:
    policy = load_policy(write(tmp_path, "fail-on-unknown = false\ndeny = []\n"))
    verdict = evaluate(text(REGIONS), policy, subject="LICENSE", today=TODAY)
    assert codes(verdict) == [("warn", "unknown-license", None)]


def test_a_loose_identification_counts_as_unknown() -> None:
    analysis = text(NON_COMMERCIAL)
    loose = replace(
        analysis, identified=Identified("apache-2.0", "Apache", "Apache-2.0", 0.62, True)
    )
    policy = Policy(allow=("apache-2.0",))
    verdict = evaluate(loose, policy, subject="LICENSE", today=TODAY)
    assert verdict.license is None  # allow does not apply to a 0.62 match
    assert codes(verdict) == [
        ("fail", "unknown-license", None),
        ("fail", "denied-flag", "non-commercial"),
    ]
    assert "closest: apache-2.0 at 0.62" in verdict.reasons[0].message


def test_unknown_subjects_fail() -> None:
    verdict = unknown("pkg: LicenseRef-custom", "LicenseRef-custom has no text to analyse")
    assert verdict.level is Level.FAIL and verdict.license is None
    assert codes(verdict) == [("fail", "unknown-license", None)]
    lenient = Policy(fail_on_unknown=False)
    assert unknown("x", "why", policy=lenient, today=TODAY).level is Level.WARN
    with pytest.raises(ValueError, match="today"):
        unknown("x", "why", policy=lenient)


def test_findings_fail_or_warn_by_kind() -> None:
    analysis = replace(
        known("apache-2.0"),
        findings=(
            Finding("declared-license-mismatch", "declared apache-2.0, the file is llama-3.1"),
            Finding("base-model-license", "base model meta-llama/Llama-3.1-8B is llama-3.1"),
            Finding("declared-license-unknown", "declares 'acme-open-weights'"),
        ),
    )
    verdict = evaluate(analysis, DEFAULT_POLICY, subject="models/x", today=TODAY)
    assert [(r.level.value, r.code, r.finding) for r in verdict.reasons] == [
        ("fail", "finding", "declared-license-mismatch"),
        ("fail", "finding", "base-model-license"),
        ("warn", "finding", "declared-license-unknown"),
    ]
    assert verdict.reasons[0].message.startswith("declared-license-mismatch: declared apache")


def test_a_model_directory_declared_under_another_license() -> None:
    model = FIXTURES / "models" / "acme-chat-7b"
    verdict = evaluate(analyze_source(str(model)), DEFAULT_POLICY, subject=str(model), today=TODAY)
    assert codes(verdict) == [
        ("fail", "unknown-license", None),
        ("fail", "denied-flag", "user-threshold"),
        ("fail", "denied-flag", "acceptable-use-policy"),
        ("warn", "finding", None),  # the declared license is unknown
        ("fail", "finding", None),  # so is the base model (fail-on-unknown)
    ]


# --- parameter conditions: our-users, our-revenue, our-regions, rules ------------------


@pytest.mark.parametrize(
    ("users", "exclusive_binds", "inclusive_binds"),
    [
        (699_999_999, False, False),  # one below
        (700_000_000, False, True),  # exactly at: only "N or more" binds
        (700_000_001, True, True),  # one above
    ],
)
def test_user_threshold_boundaries(
    users: int, exclusive_binds: bool, inclusive_binds: bool
) -> None:
    policy = Policy(our_users=users)
    exclusive = known("llama-3.1")  # "greater than 700 million monthly active users"
    inclusive = text(USERS_INCLUSIVE)  # "700 million ... or more"
    (flag,) = [f for f in inclusive.flags if f.id == "user-threshold"]
    assert flag.params["inclusive"] is True and flag.params["threshold"] == 700_000_000
    for analysis, binds in ((exclusive, exclusive_binds), (inclusive, inclusive_binds)):
        verdict = evaluate(analysis, policy, subject="x", today=TODAY)
        (reason,) = [r for r in verdict.reasons if r.flag == "user-threshold"]
        expected = ("fail", "not-licensed") if binds else ("pass", "does-not-bind")
        assert (reason.level.value, reason.code) == expected, reason.message
        assert f"ours {users:,}: {'binds' if binds else 'does not bind'}" in reason.message


def test_the_does_not_bind_note_reads_well() -> None:
    policy = load_policy(POLICIES / "conditions.toml")
    verdict = evaluate(known("llama-3.1"), policy, subject="llama-3.1", today=TODAY)
    note = next(r for r in verdict.reasons if r.flag == "user-threshold")
    assert note.code == "does-not-bind" and note.level is Level.PASS
    assert note.message.endswith(
        "more than 700,000,000 monthly active users; ours 2,000,000: does not bind"
    )


def test_a_binding_threshold_says_so_once() -> None:
    verdict = evaluate(
        known("tencent-hunyuan-3d"), Policy(our_users=2_000_000), subject="t", today=TODAY
    )
    (reason,) = [r for r in verdict.reasons if r.flag == "user-threshold"]
    assert reason.message == (
        "user-threshold (4): the license does not license us: more than 1,000,000 monthly "
        "active users; ours 2,000,000: binds"
    )


@pytest.mark.parametrize(
    ("ours", "binds"),
    [(999_999, False), (1_000_000, False), (1_000_001, True)],
)
def test_revenue_threshold_boundaries(ours: int, binds: bool) -> None:
    analysis = text(REVENUE_YEAR)  # "annual revenue exceeds USD 1,000,000"
    verdict = evaluate(analysis, Policy(our_revenue=Revenue(ours)), subject="x", today=TODAY)
    (reason,) = [r for r in verdict.reasons if r.flag == "revenue-threshold"]
    assert reason.code == ("not-licensed" if binds else "does-not-bind"), reason.message
    stability = evaluate(
        known("stability-ai-community"), Policy(our_revenue=Revenue(ours)), subject="s", today=TODAY
    )
    (reason,) = [r for r in stability.reasons if r.flag == "revenue-threshold"]
    assert reason.code == ("not-licensed" if binds else "does-not-bind"), reason.message


def test_revenue_in_another_currency_or_without_a_period_binds() -> None:
    euros = Policy(our_revenue=Revenue(10, "EUR"))
    verdict = evaluate(text(REVENUE_YEAR), euros, subject="x", today=TODAY)
    (reason,) = [r for r in verdict.reasons if r.flag == "revenue-threshold"]
    assert reason.code == "not-licensed" and "another currency, binds" in reason.message
    small = Policy(our_revenue=Revenue(10))
    verdict = evaluate(text(REVENUE_NO_PERIOD), small, subject="x", today=TODAY)
    (reason,) = [r for r in verdict.reasons if r.flag == "revenue-threshold"]
    assert reason.code == "not-licensed" and "names no period, binds" in reason.message


@pytest.mark.parametrize(("ours", "binds"), [(19_000_000, False), (25_000_000, True)])
def test_a_monthly_revenue_line_binds_unless_the_whole_year_stays_below_it(
    ours: int, binds: bool
) -> None:
    verdict = evaluate(
        text(REVENUE_MONTH), Policy(our_revenue=Revenue(ours)), subject="x", today=TODAY
    )
    (reason,) = [r for r in verdict.reasons if r.flag == "revenue-threshold"]
    assert reason.code == ("not-licensed" if binds else "does-not-bind"), reason.message


@pytest.mark.parametrize(
    ("ours", "binds"),
    [
        (("Germany",), True),  # a member state of the European Union
        (("eu",), True),
        (("European Union",), True),
        (("great britain", "Japan"), True),
        (("Europe",), True),  # a region containing an excluded one
        (("United States",), False),
        (("Norway",), False),  # in the EEA, not the EU
        (("Switzerland", "Japan"), False),
    ],
)
def test_geographic_restrictions_bind_by_region(ours: tuple[str, ...], binds: bool) -> None:
    verdict = evaluate(text(REGIONS), Policy(our_regions=ours), subject="x", today=TODAY)
    (reason,) = [r for r in verdict.reasons if r.flag == "geographic-restriction"]
    assert reason.code == ("not-licensed" if binds else "does-not-bind"), reason.message


def test_region_overlap() -> None:
    assert regions_overlap(["Korea"], ["European Union", "South Korea"]) == ("South Korea",)
    assert regions_overlap(["Hong Kong"], ["Mainland China"]) == ()
    assert regions_overlap(["Hong Kong"], ["China"]) == ("China",)
    assert regions_overlap(["USA"], ["California"]) == ("California",)
    assert regions_overlap(["Crimea"], ["Ukraine"]) == ("Ukraine",)


def test_a_flag_without_params_binds() -> None:
    analysis = known("llama-3.1")
    bare = replace(
        analysis,
        flags=tuple(
            replace(f, params={}) if f.id == "user-threshold" else f for f in analysis.flags
        ),
    )
    verdict = evaluate(bare, Policy(our_users=1), subject="x", today=TODAY)
    (reason,) = [r for r in verdict.reasons if r.flag == "user-threshold"]
    assert reason.code == "not-licensed"
    assert "records no user count; ours 1: binds" in reason.message


def test_rules_decide_a_flag_by_its_params() -> None:
    policy = load_policy(POLICIES / "rules.toml")
    llama = evaluate(known("llama-3.1"), policy, subject="llama-3.1", today=TODAY)
    (reason,) = [r for r in llama.reasons if r.flag == "user-threshold"]
    assert (reason.level, reason.code) == (Level.FAIL, "denied-flag")
    assert "'threshold < 1_000_000_000' holds" in reason.message
    big = text(USERS_INCLUSIVE.replace("700 million", "2 billion"))
    (reason,) = [
        r
        for r in evaluate(big, policy, subject="x", today=TODAY).reasons
        if r.flag == "user-threshold"
    ]
    assert (reason.level, reason.code) == (Level.PASS, "rule-passed")
    # revenue: fail below 10M USD, warn otherwise
    low = evaluate(text(REVENUE_YEAR), policy, subject="x", today=TODAY)
    assert [r.code for r in low.reasons if r.flag == "revenue-threshold"] == ["denied-flag"]
    high = evaluate(text(REVENUE_MONTH), policy, subject="x", today=TODAY)
    assert [r.code for r in high.reasons if r.flag == "revenue-threshold"] == ["warned-flag"]


def test_a_rule_overrides_deny_and_a_missing_param_counts_as_holding() -> None:
    rule = Rule("user-threshold", warn_if=parse_condition("threshold < 1B", USER_PARAMS))
    policy = Policy(rules=(rule,))
    verdict = evaluate(known("llama-3.1"), policy, subject="x", today=TODAY)
    (reason,) = [r for r in verdict.reasons if r.flag == "user-threshold"]
    assert reason.level is Level.WARN  # denied by default, but the rule decides
    analysis = known("llama-3.1")
    bare = replace(
        analysis,
        flags=tuple(
            replace(f, params={}) if f.id == "user-threshold" else f for f in analysis.flags
        ),
    )
    (reason,) = [
        r
        for r in evaluate(bare, policy, subject="x", today=TODAY).reasons
        if r.flag == "user-threshold"
    ]
    assert reason.level is Level.WARN and "cannot be decided (no threshold)" in reason.message


def test_a_threshold_that_does_not_bind_beats_a_rule_but_not_require_osi() -> None:
    rule = Rule("user-threshold", fail_if=parse_condition("threshold < 1B", USER_PARAMS))
    policy = Policy(our_users=10, rules=(rule,), require_osi=True)
    verdict = evaluate(known("qwen"), policy, subject="qwen", today=TODAY)
    assert [(r.code, r.level.value) for r in verdict.reasons if r.flag == "user-threshold"] == [
        ("does-not-bind", "pass"),
        ("not-osd-conformant", "fail"),
    ]


def test_rules_on_a_duty_triggered_by_a_threshold() -> None:
    policy = load_policy(POLICIES / "conditions.toml")
    duty = text(
        GRANT + "2. Display. Any product built on the model that reaches more than 50 million "
        'monthly active users must show the words "Made with Acme" on its start screen.\n'
    )
    (flag,) = [f for f in duty.flags if f.id == "attribution-display"]
    assert flag.params["threshold"] == 50_000_000
    verdict = evaluate(duty, policy, subject="x", today=TODAY)
    (reason,) = [r for r in verdict.reasons if r.flag == "attribution-display"]
    assert reason.code == "warned-flag"  # 50M: not below 1M, below 100M


# --- exceptions -----------------------------------------------------------------------


def test_exceptions_waive_expire_and_go_stale() -> None:
    policy = load_policy(POLICIES / "exceptions.toml")
    llama = evaluate(known("llama-3.1"), policy, subject="models/llama-3.1-8b", today=TODAY)
    assert codes(llama) == [
        ("fail", "denied-flag", "user-threshold"),  # not listed: still fails
        ("pass", "waived", "acceptable-use-policy"),
        ("pass", "waived", "litigation-termination"),
    ]
    assert llama.reasons[1].exception == 0
    assert "waived by exception #1 for 'llama-3.1'" in llama.reasons[1].message
    old = evaluate(text(NON_COMMERCIAL), policy, subject="models/old-chat", today=TODAY)
    expired = next(r for r in old.reasons if r.flag == "non-commercial")
    assert (expired.level, expired.code, expired.exception) == (
        Level.FAIL,
        "expired-exception",
        1,
    )
    assert "'models/old-*'" in expired.message
    assert "internal evaluation only, ticket LEG-7" in expired.message
    assert "expires 2025-12-31" in expired.message and "has expired" in expired.message
    result = check([llama, old], policy)
    assert not result.passed
    assert result.stale == (policy.exceptions[2],)


def test_an_exception_is_valid_on_its_expiry_day() -> None:
    policy = load_policy(POLICIES / "exceptions.toml")
    analysis = known("llama-3.1")
    on_the_day = evaluate(analysis, policy, subject="x", today=dt.date(2027, 6, 30))
    day_after = evaluate(analysis, policy, subject="x", today=dt.date(2027, 7, 1))
    aup = [r.code for r in on_the_day.reasons if r.flag == "acceptable-use-policy"]
    assert aup == ["waived"]
    aup = [r.code for r in day_after.reasons if r.flag == "acceptable-use-policy"]
    assert aup == ["expired-exception"]
    # an expired waiver of a mere warning fails too
    litigation = next(r for r in day_after.reasons if r.flag == "litigation-termination")
    assert litigation.level is Level.FAIL


def test_stale_exceptions_are_reported_but_do_not_fail(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[[exception]]\nsource = "gemma"\nflags = ["acceptable-use-policy"]\nreason = "r"\n',
    )
    policy = load_policy(path)
    mit = evaluate(known("mit"), policy, subject="mit", today=TODAY)
    result = check([mit], policy)
    assert result.passed and result.stale == policy.exceptions
    gemma = evaluate(known("gemma"), policy, subject="gemma", today=TODAY)
    assert check([mit, gemma], policy).stale == ()


def test_exceptions_match_by_path_glob_or_license_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = tmp_path / "models" / "tiny"
    model.mkdir(parents=True)
    config = tmp_path / "config"
    config.mkdir()
    path = write(
        config,
        '[[exception]]\nsource = "../models/tiny"\nflags = ["non-commercial"]\nreason = "a"\n'
        '[[exception]]\nsource = "vendor/*/LICENSE"\nflags = ["non-commercial"]\nreason = "b"\n'
        '[[exception]]\nsource = "llama3.1"\nflags = ["user-threshold"]\nreason = "c"\n',
    )
    policy = load_policy(path)
    analysis = text(NON_COMMERCIAL)

    def waived_by(subject: str, analysis: Analysis = analysis) -> list[int | None]:
        verdict = evaluate(analysis, policy, subject=subject, today=TODAY)
        return [r.exception for r in verdict.reasons if r.code == "waived"]

    monkeypatch.chdir(tmp_path)
    assert waived_by("models/tiny") == [0]  # the same directory, named from elsewhere
    assert waived_by(str(model) + "/") == [0]
    assert waived_by("vendor/acme/LICENSE") == [1]
    assert waived_by("vendor/acme/NOTICE") == []
    assert waived_by("models/other") == []
    assert waived_by("pkg", known("llama-3.1")) == [2]  # by license id, as any name of it


def test_exceptions_waive_findings_and_unknown_licenses(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[[exception]]\nsource = "models/*"\nflags = ["declared-license-mismatch"]\nreason = "a"\n'
        '[[exception]]\nsource = "LicenseRef-*"\nflags = ["unknown-license"]\nreason = "b"\n',
    )
    policy = load_policy(path)
    analysis = replace(known("mit"), findings=(Finding("declared-license-mismatch", "m"),))
    verdict = evaluate(analysis, policy, subject="models/a", today=TODAY)
    assert codes(verdict) == [("pass", "waived", None)]
    assert verdict.reasons[0].finding == "declared-license-mismatch"
    ref = unknown("LicenseRef-custom", "no text", policy=policy, today=TODAY)
    assert ref.level is Level.PASS and ref.reasons[0].exception == 1


# --- SPDX expressions and the run ------------------------------------------------------


def test_combine_or_takes_the_best_part_and_and_the_worst() -> None:
    mit = evaluate(known("mit"), DEFAULT_POLICY, subject="MIT", today=TODAY)
    llama = evaluate(known("llama-3.1"), DEFAULT_POLICY, subject="llama", today=TODAY)
    gemma = evaluate(known("gemma"), DEFAULT_POLICY, subject="gemma", today=TODAY)
    either = combine("pkg", "or", [llama, mit])
    assert either.level is Level.PASS and either.license == "mit"
    assert either.parts == (llama, mit) and either.subject == "pkg"
    both = combine("pkg", "and", [mit, llama])
    assert both.level is Level.FAIL
    assert both.license == "mit AND llama-3.1"
    assert both.reasons == llama.reasons
    first = combine("pkg", "or", [llama, gemma])
    assert first.reasons == llama.reasons  # both fail: the first
    assert combine("pkg", "and", [mit, unknown("r", "no text")]).license is None
    with pytest.raises(ValueError):
        combine("pkg", "or", [])


def test_waivers_in_a_part_not_chosen_are_not_stale() -> None:
    policy = load_policy(POLICIES / "exceptions.toml")
    mit = evaluate(known("mit"), policy, subject="mit", today=TODAY)
    llama = evaluate(known("llama-3.1"), policy, subject="llama-3.1", today=TODAY)
    result = check([combine("pkg", "or", [mit, llama])], policy)
    assert result.passed
    assert [e.index for e in result.stale] == [1, 2]


def test_verdict_and_result_levels() -> None:
    assert Verdict("x", (), None).level is Level.PASS
    warn = Reason(Level.WARN, "warned-flag", "w")
    fail = Reason(Level.FAIL, "denied-flag", "f")
    assert Verdict("x", (warn,), None).level is Level.WARN
    assert Verdict("x", (fail, warn), None).level is Level.FAIL
    result = check([Verdict("a", (warn,), None)], DEFAULT_POLICY)
    assert result.passed and result.stale == () and result.policy is DEFAULT_POLICY
    assert not check([Verdict("a", (warn,), None), Verdict("b", (fail,), None)], Policy()).passed


def test_an_expired_exception_on_a_warning_reads_as_a_failure(tmp_path: Path) -> None:
    """The reason fails once its exception has expired: its words must not say 'warned'."""
    from licensecmp.policy import Level

    policy = tmp_path / "licensecmp.toml"
    policy.write_text(
        '[[exception]]\nsource = "llama-3.1"\nflags = ["litigation-termination"]\n'
        'reason = "reviewed"\nexpires = 2020-01-01\n'
    )
    from licensecmp.gate import run

    gate = run(["llama-3.1"], load_policy(policy), today=dt.date(2026, 1, 1))
    [reason] = [r for r in gate.judged[0].verdict.reasons if r.flag == "litigation-termination"]
    assert reason.level is Level.FAIL and reason.code == "expired-exception"
    assert "warned" not in reason.message and "has expired, so this fails" in reason.message
