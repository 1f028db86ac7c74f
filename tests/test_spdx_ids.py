"""SPDX license-list ids the knowledge base has no entry for: known by their metadata
(license-expression's LicenseDB index and our identification data's header), judged by it
in `check`, and listed in a policy's `allow` / `forbid`, as are SPDX expressions.

The SBOMs are small SPDX 2.3 JSON documents built here; no license text is used.
Expectations for the issue's ids are read from the shipped data, and a few are pinned
after checking the facts by hand (0BSD and Unicode-3.0 are OSI-approved, X11 and PSF-2.0
are Permissive but not OSI-approved, CC-BY-NC-2.5 is Source-available).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from licensecmp import identify, spdxids
from licensecmp.analysis import Identified
from licensecmp.errors import LicensecmpError
from licensecmp.knowledge import load as load_knowledge
from licensecmp.policy import Level, Policy, by_spdx_id, evaluate, load_policy, normal_expression
from licensecmp.sources import analyze_bytes
from licensecmp.spdxdoc import parse_lenient
from tests.test_sbom import invoke  # run the CLI from a folder with no policy above it

TODAY = "2026-11-28"
# The issue's ids: on the SPDX list, not in the knowledge base, failing before.
ISSUE_IDS = (
    "0BSD",
    "MIT-0",
    "Python-2.0",
    "PSF-2.0",
    "Unicode-DFS-2016",
    "Unicode-3.0",
    "BlueOak-1.0.0",
    "OpenSSL",
    "curl",
    "X11",
    "HPND",
)


def spdx_document(packages: dict[str, str]) -> str:
    """An SPDX 2.3 JSON document with one package per name, under the expression given."""
    return json.dumps(
        {
            "spdxVersion": "SPDX-2.3",
            "dataLicense": "CC0-1.0",
            "SPDXID": "SPDXRef-DOCUMENT",
            "name": "spdx-ids-test",
            "documentNamespace": "https://example.com/licensecmp/spdx-ids-test",
            "creationInfo": {"created": "2026-01-01T00:00:00Z", "creators": ["Tool: pytest"]},
            "packages": [
                {
                    "SPDXID": f"SPDXRef-package-{i}",
                    "name": name,
                    "versionInfo": "1.0",
                    "downloadLocation": "NOASSERTION",
                    "filesAnalyzed": False,
                    "licenseConcluded": expression,
                    "licenseDeclared": expression,
                    "copyrightText": "NOASSERTION",
                }
                for i, (name, expression) in enumerate(packages.items())
            ],
        },
        indent=2,
    )


def check(
    tmp_path: Path, packages: dict[str, str], policy: str | None = None
) -> tuple[int, dict[str, dict[str, Any]]]:
    """Exit code and each package's policy result (by package name) of `check --format json`
    on a document of `packages`, under `policy` (TOML) or the default policy."""
    (tmp_path / "bom.json").write_text(spdx_document(packages), encoding="utf-8")
    args = ["check", "--today", TODAY, "--format", "json", "bom.json"]
    if policy is not None:
        (tmp_path / "licensecmp.toml").write_text(policy, encoding="utf-8")
        args += ["--policy", "licensecmp.toml"]
    result = invoke(tmp_path, *args)
    assert result.exit_code in (0, 1), result.stdout + result.stderr
    results = json.loads(result.stdout)["results"]
    by_name = {r["source"]["component"]["name"]: r["policy"] for r in results}
    return result.exit_code, by_name


def codes(result: dict[str, Any]) -> list[tuple[str, str]]:
    return [(r["level"], r["code"]) for r in result["reasons"]]


def messages(result: dict[str, Any]) -> str:
    return " | ".join(r["message"] for r in result["reasons"])


# --- the lookup -----------------------------------------------------------------------------


@pytest.mark.parametrize("spdx_id", ISSUE_IDS)
def test_every_id_of_the_issue_is_known_by_metadata(spdx_id: str) -> None:
    assert load_knowledge().get(spdx_id) is None, "now in the knowledge base: pick another id"
    facts = spdxids.lookup(spdx_id)
    assert facts is not None
    assert facts.id == spdx_id and not facts.deprecated
    assert spdxids.lookup(spdx_id.lower()) == facts  # case does not matter
    row = identify.header()[facts.key]  # the facts are the identification data's
    assert row["spdx"] == spdx_id
    assert (facts.name, facts.osi_approved, facts.category) == (
        row["name"],
        row["osi_approved"],
        row["category"],
    )


def test_facts_checked_by_hand() -> None:
    zero = spdxids.lookup("0bsd")
    assert zero == spdxids.SpdxLicense(
        "0BSD", "bsd-zero", "BSD Zero Clause License", True, "Permissive"
    )
    assert zero.open is True
    x11 = spdxids.lookup("X11")
    assert x11 is not None and not x11.osi_approved and x11.category == "Permissive"
    assert x11.open is None  # permissive, but nothing says it is open
    nc = spdxids.lookup("CC-BY-NC-2.5")
    assert nc is not None and nc.category == "Source-available" and nc.open is False


def test_aliases_exceptions_and_strangers() -> None:
    plus = spdxids.lookup("GPL-2.0+")
    assert plus is not None and plus.id == "GPL-2.0-or-later" and plus.deprecated
    current = spdxids.lookup("GPL-2.0-or-later")
    assert current is not None and not current.deprecated
    listed = spdxids.load()
    assert listed.get("Classpath-exception-2.0") is None  # an exception is not a license
    assert listed.exception("classpath-exception-2.0") == "Classpath-exception-2.0"
    assert spdxids.lookup("Acme-Weights-1") is None
    assert spdxids.lookup("LicenseRef-acme") is None
    assert "0BSD" in listed.suggest("0BDS")


def test_the_lookup_is_built_from_the_index_rows() -> None:
    rows: list[dict[str, Any]] = [
        {"license_key": "k", "spdx_license_key": "K-1.0", "other_spdx_license_keys": ["K-1"]},
        {"license_key": "gone", "spdx_license_key": "LicenseRef-scancode-gone",
         "other_spdx_license_keys": ["Gone"]},
        {"license_key": "x", "spdx_license_key": "X-exception", "is_exception": True},
        {"license_key": "ours", "spdx_license_key": "LicenseRef-scancode-ours"},
    ]  # fmt: skip
    header = {"k": {"name": "K License", "osi_approved": True, "category": "Permissive"}}
    listed = spdxids.build(rows, header)
    k = listed.get("k-1.0")
    assert k == spdxids.SpdxLicense("K-1.0", "k", "K License", True, "Permissive")
    assert listed.get("K-1") == dataclasses.replace(k, deprecated=True)
    gone = listed.get("Gone")  # dropped from the list: its SPDX alias names it
    assert gone is not None and gone.id == "Gone" and gone.deprecated
    assert listed.get("LicenseRef-scancode-ours") is None  # never on the SPDX list
    assert listed.get("X-exception") is None and listed.exception("x-exception") == "X-exception"


# --- judged in an SBOM --------------------------------------------------------------------------


def test_each_id_of_the_issue_is_judged_by_its_facts(tmp_path: Path) -> None:
    code, results = check(tmp_path, {f"pkg-{i}": i for i in ISSUE_IDS})
    passing = True
    for spdx_id in ISSUE_IDS:
        facts = spdxids.lookup(spdx_id)
        assert facts is not None
        result = results[f"pkg-{spdx_id}"]
        assert result["license"] == spdx_id
        text = messages(result)
        assert "known by its SPDX id only; text not read" in text, text
        if facts.osi_approved:
            assert codes(result) == [("pass", "osi-approved")], text
            assert "OSI-approved" in text
        elif facts.category in spdxids.NOT_OPEN:
            assert codes(result) == [("fail", "not-open-license")], text
        else:
            assert codes(result) == [("fail", "undetermined")], text
            assert "`allow` it to accept it" in text
        passing = passing and facts.osi_approved
    assert code == (0 if passing else 1)


def test_concrete_outcomes(tmp_path: Path) -> None:
    code, results = check(
        tmp_path,
        {
            "zero": "0BSD",
            "unicode": "Unicode-3.0",
            "x": "X11",
            "psf": "PSF-2.0",
            "nc": "CC-BY-NC-2.5",
        },
    )
    assert code == 1
    assert results["zero"]["level"] == "pass"
    assert messages(results["zero"]) == (
        "0BSD (BSD Zero Clause License): OSI-approved; known by its SPDX id only; text not read"
    )
    assert results["unicode"]["level"] == "pass"
    assert codes(results["x"]) == [("fail", "undetermined")]
    assert "X11 (X11-Style (X Consortium))" in messages(results["x"])
    assert "Permissive, not OSI-approved" in messages(results["x"])
    assert codes(results["psf"]) == [("fail", "undetermined")]
    assert codes(results["nc"]) == [("fail", "not-open-license")]
    assert "Source-available" in messages(results["nc"])


def test_fail_on_unknown_false_and_not_open_warn_make_warnings(tmp_path: Path) -> None:
    code, results = check(
        tmp_path,
        {"x": "X11", "nc": "CC-BY-NC-2.5", "zero": "0BSD"},
        'fail-on-unknown = false\nnot-open = "warn"\n',
    )
    assert code == 0
    assert codes(results["x"]) == [("warn", "undetermined")]
    assert codes(results["nc"]) == [("warn", "not-open-license")]
    assert results["zero"]["level"] == "pass"


def test_allow_passes_a_permissive_id_the_osi_has_not_approved(tmp_path: Path) -> None:
    packages = {"x": "X11", "zero": "0BSD"}
    assert check(tmp_path, packages)[0] == 1
    code, results = check(tmp_path, packages, 'allow = ["x11"]\n')
    assert code == 0
    assert codes(results["x"]) == [("pass", "allowed-license")]
    assert messages(results["x"]) == "X11: allowed by the policy"


def test_allow_passes_a_not_open_id_and_forbid_fails_an_osi_one(tmp_path: Path) -> None:
    code, results = check(
        tmp_path,
        {"nc": "CC-BY-NC-2.5", "zero": "0BSD", "unicode": "Unicode-3.0"},
        'allow = ["CC-BY-NC-2.5"]\nforbid = ["0bsd"]\n',
    )
    assert code == 1
    assert results["nc"]["level"] == "pass"
    assert results["zero"]["level"] == "fail"
    assert ("fail", "forbidden-license") in codes(results["zero"])
    assert "0BSD: forbidden by the policy" in messages(results["zero"])
    assert results["unicode"]["level"] == "pass"


def test_an_expression_in_allow_passes_the_same_expression_written_otherwise(
    tmp_path: Path,
) -> None:
    packages = {
        "pair": "X11 OR PSF-2.0",
        "nested": "0BSD AND (PSF-2.0 OR X11)",
        "other": "X11 AND PSF-2.0",
    }
    code, results = check(tmp_path, packages)
    assert code == 1 and results["pair"]["level"] == "fail"
    code, results = check(tmp_path, packages, 'allow = ["psf-2.0   or\\tx11"]\n')
    assert results["pair"]["level"] == "pass"
    assert codes(results["pair"]) == [("pass", "allowed-license")]
    assert results["pair"]["license"] == "PSF-2.0 OR X11"
    assert results["nested"]["level"] == "pass"  # a parenthesised part is an expression too
    assert results["other"]["level"] == "fail"  # AND is not OR
    assert code == 1


def test_an_expression_in_forbid_fails_the_component(tmp_path: Path) -> None:
    code, results = check(
        tmp_path, {"lib": "Apache-2.0 OR MIT", "mit": "MIT"}, 'forbid = ["MIT OR Apache-2.0"]\n'
    )
    assert code == 1
    assert codes(results["lib"]) == [("fail", "forbidden-license")]
    assert results["mit"]["level"] == "pass"  # MIT alone is not the expression


def test_knowledge_base_ids_are_judged_as_before(tmp_path: Path) -> None:
    code, results = check(tmp_path, {"lodash": "MIT", "weights": "CC-BY-NC-4.0"})
    assert code == 1
    assert results["lodash"]["license"] == "mit" and results["lodash"]["level"] == "pass"
    assert results["lodash"]["reasons"] == []  # no metadata note: the knowledge base judged
    assert results["weights"]["license"] == "cc-by-nc-4.0"
    assert "non-commercial" in [r["flag"] for r in results["weights"]["reasons"]]


def test_an_id_nobody_knows_still_fails_as_unknown(tmp_path: Path) -> None:
    code, results = check(tmp_path, {"acme": "Acme-Weights-1"})
    assert code == 1
    assert codes(results["acme"]) == [("fail", "unknown-license")]
    assert "Acme-Weights-1 is not a known license id" in messages(results["acme"])


def test_cyclonedx_components_by_spdx_id_or_alias(tmp_path: Path) -> None:
    licenses = {
        "zero": {"id": "0BSD"},
        "x": {"name": "X11"},
        "old": {"name": "StandardML-NJ"},  # a deprecated SPDX id, now SMLNJ
        "alias": {"name": "bsd-2"},  # a ScanCode alias of a knowledge-base license
    }
    bom = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "components": [
            {"type": "library", "name": name, "version": "1", "licenses": [{"license": license}]}
            for name, license in licenses.items()
        ],
    }
    (tmp_path / "bom.cdx.json").write_text(json.dumps(bom), encoding="utf-8")
    result = invoke(tmp_path, "check", "--today", TODAY, "--format", "json", "bom.cdx.json")
    assert result.exit_code == 1, result.stdout + result.stderr
    results = {
        r["source"]["component"]["name"]: r["policy"] for r in json.loads(result.stdout)["results"]
    }
    assert {name: r["level"] for name, r in results.items()} == {
        "zero": "pass",
        "x": "fail",
        "old": "fail",  # Permissive, not OSI-approved
        "alias": "pass",
    }
    assert results["alias"]["license"] == "bsd-2-clause"  # judged by the knowledge base
    assert results["old"]["license"] == "SMLNJ"
    assert "deprecated SPDX id StandardML-NJ, now SMLNJ" in messages(results["old"])


def test_a_deprecated_id_says_so() -> None:
    facts = spdxids.lookup("GPL-1.0+")
    assert facts is not None and facts.deprecated
    verdict = by_spdx_id(
        "bom#lib", "GPL-1.0+", facts, policy=Policy(), today=dt.date.fromisoformat(TODAY)
    )
    assert verdict.license == "GPL-1.0-or-later"
    assert "deprecated SPDX id GPL-1.0+, now GPL-1.0-or-later" in verdict.reasons[0].message


def test_allow_by_spdx_id_reaches_a_text_identified_as_that_license() -> None:
    analysis = analyze_bytes(b"1. You may use, copy and modify the model.\n", "LICENSE")
    x11 = Identified("x11-xconsortium", "X11-Style (X Consortium)", "X11", 1.0, False)
    analysis = dataclasses.replace(analysis, identified=x11)
    verdict = evaluate(
        analysis, Policy(allow=("X11",)), subject="LICENSE", today=dt.date(2026, 1, 1)
    )
    assert ("allowed-license", Level.PASS) in [(r.code, r.level) for r in verdict.reasons]


# --- the policy ---------------------------------------------------------------------------------


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "licensecmp.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_allow_and_forbid_store_ids_and_expressions_normalised(tmp_path: Path) -> None:
    policy = load_policy(
        write(
            tmp_path,
            'allow = ["MIT", "0bsd", "x11", "mit or apache-2.0", "Apache-2.0   OR  MIT",'
            ' "GPL-2.0-only WITH classpath-exception-2.0"]\n'
            'forbid = ["psf-2.0", "LicenseRef-scancode-llama-3.1-license-2024 AND (X11 OR MIT)"]\n',
        )
    )
    assert policy.allow == (
        "mit",
        "0BSD",
        "X11",
        "apache-2.0 OR mit",
        "gpl-2.0 WITH Classpath-exception-2.0",
    )
    assert policy.forbid == ("PSF-2.0", "llama-3.1 AND (mit OR X11)")
    assert policy.lists_expressions


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("MIT OR Apache-2.0", "apache-2.0 or mit", True),
        ("MIT OR (Apache-2.0 OR 0BSD)", "0bsd OR apache-2.0 OR MIT", True),
        ("GPL-2.0+ OR X11", "X11 OR GPL-2.0-or-later", True),  # an alias is its id
        ("MIT OR MIT OR X11", "X11 OR MIT", True),
        ("MIT AND (0BSD OR X11)", "(MIT AND 0BSD) OR (MIT AND X11)", False),
        ("MIT AND X11", "MIT OR X11", False),
    ],
)
def test_which_expressions_are_the_same(one: str, other: str, same: bool) -> None:
    kb = load_knowledge()
    left = normal_expression(parse_lenient(one), kb)
    right = normal_expression(parse_lenient(other), kb)
    assert (left == right) is same, (left, right)


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ("0BDS", "allow: unknown license id '0BDS' (did you mean "),
        ("Acme-Weights-1", "allow: unknown license id 'Acme-Weights-1'"),
        ("MIT OR Acme-1", "allow: unknown license id 'Acme-1' in 'MIT OR Acme-1'"),
        ("MIT OR", "allow: 'MIT OR' is not a license expression"),
        ("MIT WITH Acme-exception", "allow: unknown license exception 'Acme-exception'"),
        ("LicenseRef-acme OR MIT", "allow: unknown license id 'LicenseRef-acme'"),
    ],
)
def test_an_unknown_id_or_bad_expression_is_an_error(
    tmp_path: Path, item: str, message: str
) -> None:
    path = write(tmp_path, f"deny = []\nallow = [{item!r}]\n".replace("'", '"'))
    with pytest.raises(LicensecmpError) as caught:
        load_policy(path)
    error = str(caught.value)
    assert error.startswith(f"{path}:2: {message}"), error
    assert "\n" not in error


def test_the_close_ids_suggested_include_spdx_ids(tmp_path: Path) -> None:
    with pytest.raises(LicensecmpError) as caught:
        load_policy(write(tmp_path, 'allow = ["0BDS"]\n'))
    assert "0BSD" in str(caught.value)


@pytest.mark.parametrize(
    ("policy", "exit_code"),
    [
        (None, 1),  # X11 is undetermined by default
        ('allow = ["X11"]\n', 0),
        ('forbid = ["0BSD"]\n', 1),
        ('allow = ["X11"]\nforbid = ["Acme-Weights-1"]\n', 2),
    ],
)
def test_exit_codes_through_the_cli(tmp_path: Path, policy: str | None, exit_code: int) -> None:
    (tmp_path / "bom.json").write_text(
        spdx_document({"zero": "0BSD", "x": "X11"}), encoding="utf-8"
    )
    args = ["check", "--today", TODAY, "bom.json"]
    if policy is not None:
        (tmp_path / "licensecmp.toml").write_text(policy, encoding="utf-8")
        args += ["--policy", "licensecmp.toml"]
    result = invoke(tmp_path, *args)
    output = result.stdout + result.stderr
    assert result.exit_code == exit_code, output
    assert "Traceback" not in output
    if exit_code == 2:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith("error: licensecmp.toml:2: forbid: unknown license id"), lines
        assert "'Acme-Weights-1'" in lines[0]


def test_an_exception_may_name_an_spdx_id(tmp_path: Path) -> None:
    """`[[exception]] source = "x11"` waives what it lists for every component under X11,
    as a knowledge-base id does for its sources."""
    packages = {"x": "X11", "y": "X11", "zero": "0BSD"}
    policy = '[[exception]]\nsource = "x11"\nflags = ["undetermined"]\nreason = "reviewed"\n'
    code, results = check(tmp_path, packages, policy)
    assert code == 0
    for name in ("x", "y"):
        assert codes(results[name]) == [("pass", "waived")]
    assert "exception #1 for 'x11'" in messages(results["x"])


def test_an_spdx_id_is_a_source_and_a_manifest_license(tmp_path: Path) -> None:
    """`check 0BSD` and `[[model]] license = "0BSD"` are judged by the id's metadata, as
    in an SBOM; a knowledge-base id keeps its own judgement."""
    direct = invoke(tmp_path, "check", "--today", TODAY, "0BSD", "X11", "mit")
    assert direct.exit_code == 1
    lines = {line.split()[1]: line.split()[0] for line in direct.stdout.splitlines()[:3]}
    assert lines == {"0BSD": "PASS", "X11": "FAIL", "mit": "PASS"}
    (tmp_path / "licensecmp.toml").write_text(
        '[[model]]\nname = "tiny"\nlicense = "0bsd"\n', encoding="utf-8"
    )
    manifest = invoke(tmp_path, "check", "--today", TODAY, "--format", "json")
    assert manifest.exit_code == 0, manifest.stdout
    [result] = json.loads(manifest.stdout)["results"]
    assert codes(result["policy"]) == [("pass", "osi-approved")]
    (tmp_path / "licensecmp.toml").write_text(
        '[[model]]\nname = "tiny"\nlicense = "0bds"\n', encoding="utf-8"
    )
    typo = invoke(tmp_path, "check", "--today", TODAY)
    assert typo.exit_code == 2
    assert "unknown license id '0bds'" in typo.stderr
