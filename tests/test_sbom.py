"""SBOMs in `check`: SPDX 2 by content, SPDX 3.0 JSON-LD (AI profile), CycloneDX JSON and XML.

Every package or component is its own subject, in document order, named with its version
and purl; a license it gives that cannot be read fails it alone; a document that cannot be
read at all is exit 2 with one line. Real files of each format are read from
../shared/formats (skipped, saying so, when that folder is missing); our own fixtures in
their shapes are in fixtures/sbom.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from licensecmp.cli import app
from licensecmp.errors import InputError
from licensecmp.sbom import is_bom_source, read_bom
from licensecmp.spdxdoc import All, Leaf
from licensecmp.spdxdoc import Any as AnyOf
from tests.conftest import FIXTURES, ROOT, corpus_text

SBOM = FIXTURES / "sbom"
SPDX = FIXTURES / "spdx"
SHARED = ROOT.parent / "shared" / "formats"
TODAY = "2026-11-28"


def shared(name: str) -> Path:
    path = SHARED / name
    if not path.is_file():
        pytest.skip(f"{path} is missing: the real {name} is read from there")
    return path


def invoke(cwd: Path, *args: str) -> Result:
    old = Path.cwd()
    os.chdir(cwd)  # no policy file above a temporary directory: the default policy
    try:
        return CliRunner().invoke(
            app, list(args), env={"LICENSECMP_TEXTS": "/nonexistent/texts"}, catch_exceptions=False
        )
    finally:
        os.chdir(old)


def check_json(cwd: Path, *args: str) -> tuple[int, list[dict[str, Any]]]:
    result = invoke(cwd, "check", "--today", TODAY, "--format", "json", *args)
    assert result.exit_code in (0, 1), result.stdout + result.stderr
    return result.exit_code, json.loads(result.stdout)["results"]


def levels(results: list[dict[str, Any]]) -> dict[str, str]:
    """Subject (without the SOURCE) -> level, in document order."""
    return {r["policy"]["subject"].split("#", 1)[1]: r["policy"]["level"] for r in results}


def messages(result: dict[str, Any]) -> str:
    return " | ".join(r["message"] for r in result["policy"]["reasons"])


def by_subject(results: list[dict[str, Any]], start: str) -> dict[str, Any]:
    [found] = [r for r in results if r["policy"]["subject"].split("#", 1)[1].startswith(start)]
    return found


def assert_refused(result: Result, path: Path, what: str) -> None:
    output = result.stdout + result.stderr
    assert result.exit_code == 2, output
    assert "Traceback" not in output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: {path}: "), lines[0]
    assert what in lines[0], lines[0]


# --- SPDX 2 by content --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["bom.json", "sbom-spdx.json", "inventory.txt"])
def test_a_renamed_spdx_2_document_is_judged_package_by_package(tmp_path: Path, name: str) -> None:
    shutil.copy(SPDX / "three-packages.spdx.json", tmp_path / name)
    assert is_bom_source(str(tmp_path / name))
    code, results = check_json(tmp_path, name)
    assert code == 1
    assert levels(results) == {
        "acme-weights@1.0": "fail",
        "tokenizer-lib@0.4.2": "pass",
        "vendor-adapter@2.1": "fail",
    }


def _spdx2_with(packages: list[dict[str, Any]]) -> str:
    data = json.loads((SPDX / "three-packages.spdx.json").read_text(encoding="utf-8"))
    template = data["packages"][1]
    for i, (name, version, expression) in enumerate(packages):
        package = dict(template, SPDXID=f"SPDXRef-extra-{i}", name=name, versionInfo=version)
        package["licenseConcluded"] = package["licenseDeclared"] = expression
        data["packages"].append(package)
    return json.dumps(data, indent=2)


def test_one_bad_spdx_2_package_fails_alone(tmp_path: Path) -> None:
    (tmp_path / "bom.json").write_text(
        _spdx2_with(
            [
                ("libbad", "1.0", "LGPL-2.1, GPL-2.0, GPL-3.0"),
                ("undefined-ref", "1.0", "LicenseRef-nowhere"),
                ("sd-weights", "1.5", "CreativeML-OpenRAIL-M"),
                ("lodash", "4.17.20", "MIT"),
                ("lodash", "4.17.21", "MIT"),
            ]
        ),
        encoding="utf-8",
    )
    code, results = check_json(tmp_path, "bom.json")
    assert code == 1
    found = levels(results)
    assert found == {
        "acme-weights@1.0": "fail",
        "tokenizer-lib@0.4.2": "pass",
        "vendor-adapter@2.1": "fail",
        "libbad@1.0": "fail",
        "undefined-ref@1.0": "fail",
        "sd-weights@1.5": "fail",
        "lodash@4.17.20": "pass",  # two versions, two subjects
        "lodash@4.17.21": "pass",
    }
    assert "'LGPL-2.1, GPL-2.0, GPL-3.0' is not a license expression" in messages(
        by_subject(results, "libbad")
    )
    assert "LicenseRef-nowhere is not defined in the document" in messages(
        by_subject(results, "undefined-ref")
    )
    sd = by_subject(results, "sd-weights")
    assert sd["policy"]["license"] == "creativeml-openrail-m"  # known to the knowledge base
    assert "acceptable-use-policy" in [r["flag"] for r in sd["policy"]["reasons"]]


def test_spdx_ids_outside_the_knowledge_base_are_judged_by_their_metadata(
    tmp_path: Path,
) -> None:
    (tmp_path / "bom.json").write_text(
        _spdx2_with([("zero", "1.0", "0BSD"), ("xlib", "1.0", "X11")]), encoding="utf-8"
    )
    _, results = check_json(tmp_path, "bom.json")
    found = levels(results)
    assert (found["zero@1.0"], found["xlib@1.0"]) == ("pass", "fail")
    assert "0BSD (BSD Zero Clause License): OSI-approved" in messages(by_subject(results, "zero"))
    assert "`allow` it to accept it" in messages(by_subject(results, "xlib"))


# --- SPDX 3.0 -----------------------------------------------------------------------------------


def test_our_spdx_3_ai_bom_reads_to_its_packages() -> None:
    bom = read_bom(SBOM / "ai-bom.spdx3.json")
    assert bom.format == "SPDX 3.0.1"
    assert [(c.name, c.kind) for c in bom.components] == [
        ("acme-chat-7b", "ai-package"),
        ("acme-tokenizer", "package"),
        ("acme-chat-corpus", "dataset"),
        ("legacy-codec", "package"),
        ("diffusion-head", "package"),
        ("vendor-blob", "package"),
        ("acme-runtime", "package"),
    ]
    chat, tokenizer, corpus, codec, head, blob, runtime = bom.components
    assert chat.licenses == (Leaf("Apache-2.0"),)  # concluded and declared agree: once
    assert chat.purl == "pkg:huggingface/acme/chat-7b@1.2" and chat.version == "1.2"
    assert tokenizer.purl == "pkg:pypi/acme-tokenizer@0.9.1"  # from externalIdentifier
    assert tokenizer.licenses == (AnyOf((Leaf("Apache-2.0"), Leaf("MIT"))),)
    [custom] = corpus.licenses
    assert isinstance(custom, Leaf) and "non-commercial" in (bom.texts[custom.key].text or "")
    assert codec.licenses == () and "is not a license expression" in codec.problems[0]
    assert head.licenses == (Leaf("CreativeML-OpenRAIL-M"),)
    assert blob.problems == (
        "hasConcludedLicense: license https://sbom.acme.example/chat-7b/license/"
        "not-in-this-document is not defined in the document",
    )
    assert runtime.licenses == (All((Leaf("MIT"), Leaf("Apache-2.0"))),)
    assert bom.text.count("\n", 0, chat.offset) > 0  # located where the document defines it


def test_check_on_our_spdx_3_ai_bom(tmp_path: Path) -> None:
    code, results = check_json(tmp_path, str(SBOM / "ai-bom.spdx3.json"))
    assert code == 1
    assert levels(results) == {
        "acme-chat-7b@1.2 (pkg:huggingface/acme/chat-7b@1.2)": "pass",
        "acme-tokenizer@0.9.1 (pkg:pypi/acme-tokenizer@0.9.1)": "pass",
        "acme-chat-corpus": "fail",  # its custom license text: non-commercial research only
        "legacy-codec@3.1": "fail",
        "diffusion-head@0.3": "fail",
        "vendor-blob": "fail",
        "acme-runtime@2.0": "pass",
    }
    corpus = by_subject(results, "acme-chat-corpus")
    assert "non-commercial" in [r["flag"] for r in corpus["policy"]["reasons"]]
    chat = by_subject(results, "acme-chat-7b")
    assert chat["source"]["kind"] == "spdx-package"
    assert chat["source"]["component"] == {
        "name": "acme-chat-7b",
        "version": "1.2",
        "purl": "pkg:huggingface/acme/chat-7b@1.2",
        "ref": "https://sbom.acme.example/chat-7b/chat-7b",
        "type": "ai-package",
        "format": "SPDX 3.0.1",
    }


def test_the_official_spdx_3_ai_example_01(tmp_path: Path) -> None:
    code, results = check_json(tmp_path, str(shared("spdx3-ai-example01.json")))
    assert code == 1
    found = levels(results)
    assert list(found)[:4] == ["SimpleHTR", "word-model", "line-model", "editdistance@0.5.2"]
    assert found["SimpleHTR"] == "pass"  # hasDeclaredLicense MIT
    assert found["word-model"] == "fail"  # the software_Package: no license relationship
    assert found["word-model@0.0"] == found["line-model@0.0"] == "pass"  # the ai_AIPackages
    assert {"lmdb@1.0.0", "lmdb@3.2.1"} <= set(found)  # one name, two versions
    dataset = by_subject(results, "IAMdataset")
    assert dataset["source"]["component"]["type"] == "dataset"
    assert {"non-commercial", "research-only"} <= {r["flag"] for r in dataset["policy"]["reasons"]}


def test_the_official_spdx_3_ai_example_02(tmp_path: Path) -> None:
    code, results = check_json(tmp_path, str(shared("spdx3-ai-example02.spdx3.json")))
    assert code == 0
    assert [r["policy"]["license"] for r in results] == ["cc0-1.0", "cc0-1.0"]
    kinds = [r["source"]["component"]["type"] for r in results]
    assert kinds == ["dataset", "ai-package"]


# --- CycloneDX ----------------------------------------------------------------------------------


def test_an_ml_bom_with_a_non_commercial_model_fails(tmp_path: Path) -> None:
    code, results = check_json(tmp_path, str(SBOM / "ml-bom-nc.cdx.json"))
    assert code == 1
    [model] = results
    assert model["source"]["kind"] == "cyclonedx-component"
    assert model["source"]["component"]["type"] == "machine-learning-model"
    assert model["policy"]["license"] == "cc-by-nc-4.0"
    assert "non-commercial" in [r["flag"] for r in model["policy"]["reasons"]]


def test_an_ml_bom_with_an_apache_model_passes(tmp_path: Path) -> None:
    code, results = check_json(tmp_path, str(SBOM / "ml-bom-apache.cdx.json"))
    assert code == 0
    assert levels(results) == {
        "acme/support-bot-3b@0.4 (pkg:huggingface/acme/support-bot-3b@0.4)": "pass",
        "fastjson@1.1 (pkg:pypi/fastjson@1.1)": "pass",
    }


def test_the_ml_bom_in_xml(tmp_path: Path) -> None:
    code, results = check_json(tmp_path, str(SBOM / "ml-bom-nc.cdx.xml"))
    assert code == 1
    assert levels(results) == {
        "acme/support-bot-3b@0.4 (pkg:huggingface/acme/support-bot-3b@0.4)": "fail",
        "fast-tokenizer@1.0": "pass",  # nested in the model, MIT OR Apache-2.0
    }


def test_licenses_by_id_name_expression_and_text(tmp_path: Path) -> None:
    code, results = check_json(tmp_path, str(SBOM / "mixed.cdx.json"))
    assert code == 1
    assert levels(results) == {
        "ranker@2.0": "fail",  # name llama3.1: a known Hugging Face id
        "ranker-eval-set@2.0": "fail",  # nested; its base64 text forbids training models
        "lodash@4.17.20 (pkg:npm/lodash@4.17.20)": "pass",  # name MIT
        "lodash@4.17.21 (pkg:npm/lodash@4.17.21)": "pass",  # expression
        "legacy-codec@3.1 (pkg:maven/org.acme/legacy-codec@3.1)": "fail",
        "junit/junit@4.13.2 (pkg:maven/junit/junit@4.13.2)": "fail",  # a name nobody knows
        "notice-only@1.0": "pass",  # plain text: a permissive notice in our own words
        "mystery-lib@0.1": "fail",  # no licenses at all
    }
    assert by_subject(results, "ranker@")["policy"]["license"] == "llama-3.1"
    eval_set = by_subject(results, "ranker-eval-set")
    assert "no-model-training" in [r["flag"] for r in eval_set["policy"]["reasons"]]
    assert "is not a license expression" in messages(by_subject(results, "legacy-codec"))
    assert "Eclipse Public License 1.0 is not a known license id" in messages(
        by_subject(results, "junit")
    )
    assert "has no license" in messages(by_subject(results, "mystery-lib"))


def test_a_license_text_in_a_component_is_identified(tmp_path: Path) -> None:
    # the real MIT text comes from the corpus at test time, never from the repository
    data = json.loads((SBOM / "mixed.cdx.json").read_text(encoding="utf-8"))
    notice = next(c for c in data["components"] if c["name"] == "notice-only")
    notice["licenses"][0]["license"]["text"]["content"] = corpus_text("mit").decode("utf-8")
    path = tmp_path / "mixed-mit.cdx.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    _, results = check_json(tmp_path, str(path))
    assert by_subject(results, "notice-only")["policy"]["license"] == "mit"
    assert by_subject(results, "notice-only")["policy"]["level"] == "pass"


def test_an_exception_may_name_a_purl(tmp_path: Path) -> None:
    (tmp_path / "licensecmp.toml").write_text(
        "[[exception]]\n"
        'source = "pkg:maven/junit/junit@*"\n'
        'flags = ["unknown-license"]\n'
        'reason = "EPL-1.0 reviewed, LEG-7"\n',
        encoding="utf-8",
    )
    code, results = check_json(tmp_path, str(SBOM / "mixed.cdx.json"))
    assert code == 1  # the others still fail
    junit = by_subject(results, "junit")
    assert junit["policy"]["level"] == "pass"
    assert junit["policy"]["reasons"][0]["code"] == "waived"
    assert by_subject(results, "mystery-lib")["policy"]["level"] == "fail"


def test_the_location_is_the_component_line(tmp_path: Path) -> None:
    path = SBOM / "mixed.cdx.json"
    _, results = check_json(tmp_path, str(path))
    lines = path.read_text(encoding="utf-8").splitlines()
    where = by_subject(results, "mystery-lib")["policy"]["reasons"][0]["location"]
    assert where["path"] == str(path)
    assert '"bom-ref": "unlicensed"' in lines[where["line"] - 1]


def test_the_official_cyclonedx_example(tmp_path: Path) -> None:
    path = shared("cyclonedx-proton-bridge-1.6.3.bom.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    code, results = check_json(tmp_path, str(path))
    assert code == 1
    assert len(results) == len(data["components"]) == 201
    first = data["components"][0]
    assert results[0]["policy"]["subject"] == (
        f"{path}#{first['name']}@{first['version']} ({first['purl']})"
    )
    unlicensed = [c["name"] for c in data["components"] if not c.get("licenses")]
    failing = {
        r["source"]["component"]["name"]: messages(r)
        for r in results
        if r["policy"]["level"] == "fail"
    }
    assert len(unlicensed) == 8 and all("has no license" in failing[n] for n in unlicensed)
    # BSD-3-Clause and a free-form name: every entry applies, and the name is unknown
    xgb = failing.pop("github.com/BurntSushi/xgb")
    assert "GooglePatentClause is not a known license id" in xgb
    assert sorted(failing) == sorted(unlicensed)
    mit = [r for r in results if r["policy"]["license"] == "mit"]
    assert len(mit) >= 100 and all(r["policy"]["level"] == "pass" for r in mit)


def test_base64_text_is_decoded_and_analysed(tmp_path: Path) -> None:
    text = "Acme Terms\n\n1. You may not use the model for commercial purposes.\n"
    bom = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.5",
        "components": [
            {
                "type": "machine-learning-model",
                "name": "m",
                "licenses": [
                    {
                        "license": {
                            "text": {
                                "content": base64.b64encode(text.encode()).decode(),
                                "encoding": "base64",
                            }
                        }
                    }
                ],
            },
            {
                "type": "library",
                "name": "broken-b64",
                "licenses": [{"license": {"text": {"content": "@@@", "encoding": "base64"}}}],
            },
        ],
    }
    (tmp_path / "b.json").write_text(json.dumps(bom), encoding="utf-8")
    code, results = check_json(tmp_path, "b.json")
    assert code == 1
    assert "non-commercial" in [r["flag"] for r in results[0]["policy"]["reasons"]]
    assert results[1]["policy"]["level"] == "fail"


def test_cyclonedx_services_are_judged_like_components(tmp_path: Path) -> None:
    """A service (a hosted model, an API) states its licenses as a component does, and
    services nest; each is a subject, in document order after the components."""
    bom = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "components": [
            {
                "type": "library",
                "name": "lib",
                "version": "1",
                "licenses": [{"license": {"id": "MIT"}}],
            }
        ],
        "services": [
            {
                "name": "caption-api",
                "version": "2",
                "licenses": [{"license": {"id": "CC-BY-NC-4.0"}}],
                "services": [{"name": "inner", "licenses": [{"expression": "Apache-2.0"}]}],
            }
        ],
    }
    (tmp_path / "svc.cdx.json").write_text(json.dumps(bom), encoding="utf-8")
    code, results = check_json(tmp_path, "svc.cdx.json")
    assert code == 1
    levels = [r["policy"]["level"] for r in results]
    assert levels == ["pass", "fail", "pass"]
    assert "non-commercial" in [r["flag"] for r in results[1]["policy"]["reasons"]]


# --- what cannot be read ------------------------------------------------------------------------


def _deep_components(depth: int) -> dict[str, Any]:
    node: dict[str, Any] = {"type": "library", "name": "leaf", "licenses": []}
    for i in range(depth):
        node = {"type": "library", "name": f"n{i}", "components": [node]}
    return {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [node]}


BAD: dict[str, tuple[str, str]] = {
    "cyclonedx-broken-json": (
        '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [{"name": ',
        "not a valid CycloneDX document: broken JSON at line 1",  # by content, not name
    ),
    "cyclonedx-components-an-object": (
        json.dumps({"bomFormat": "CycloneDX", "specVersion": "1.6", "components": {"a": 1}}),
        "not a valid CycloneDX document: components must be a list",
    ),
    "cyclonedx-component-a-string": (
        json.dumps({"bomFormat": "CycloneDX", "components": ["lodash"]}),
        "not a valid CycloneDX document: components[0] is not an object",
    ),
    "cyclonedx-licenses-a-string": (
        json.dumps({"bomFormat": "CycloneDX", "components": [{"name": "a", "licenses": "MIT"}]}),
        "components[0].licenses must be a list",
    ),
    "cyclonedx-expression-a-number": (
        json.dumps({"bomFormat": "CycloneDX", "components": [{"licenses": [{"expression": 5}]}]}),
        "expression must be a string",
    ),
    "cyclonedx-nested-too-deep": (
        json.dumps(_deep_components(80)),
        "components nested deeper than 64 levels",
    ),
    "cyclonedx-xml-dtd": (
        '<?xml version="1.0"?>\n<!DOCTYPE bom [<!ENTITY a "b">]>\n'
        '<bom xmlns="http://cyclonedx.org/schema/bom/1.5"><components/></bom>\n',
        "",
    ),
    "spdx3-graph-an-object": (
        json.dumps({"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": {}}),
        "not a valid SPDX 3 document: @graph must be a list of objects",
    ),
    "json-nested-deeply": (
        '{"bomFormat": "CycloneDX", "a": ' + "[" * 100_000 + "]" * 100_000 + "}",
        "",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_document_that_cannot_be_read_is_exit_2(tmp_path: Path, case: str) -> None:
    content, what = BAD[case]
    path = tmp_path / "bom.spdx.json"
    path.write_text(content, encoding="utf-8")
    assert_refused(invoke(tmp_path, "check", "--today", TODAY, str(path)), path, what)


def test_read_bom_errors_are_input_errors(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_text(json.dumps(_deep_components(80)), encoding="utf-8")
    with pytest.raises(InputError, match="nested deeper"):
        read_bom(path)


# --- the benchmark's documents ------------------------------------------------------------------


def test_the_benchmark_documents_read_to_n_subjects(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import sbom_speed
    finally:
        sys.path.remove(str(ROOT / "bench"))
    for name, make in (("s.spdx.json", sbom_speed.spdx2), ("c.json", sbom_speed.cyclonedx)):
        path = tmp_path / name
        path.write_text(json.dumps(make(60)), encoding="utf-8")
        bom = read_bom(path)
        assert len(bom.components) == 60
        assert any(c.problems for c in bom.components)  # the broken ones fail alone
        assert len({c.label for c in bom.components}) == 60


SERVICES_XML = """<?xml version="1.0" encoding="UTF-8"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1">
  <components>
    <component type="library"><name>lib</name><version>1</version>
      <licenses><license><id>MIT</id></license></licenses></component>
  </components>
  <services>
    <service><name>caption-api</name><version>2</version>
      <licenses><license><id>CC-BY-NC-4.0</id></license></licenses>
      <services><service><name>inner</name>
        <licenses><expression>Apache-2.0</expression></licenses></service></services>
    </service>
  </services>
</bom>
"""


def test_cyclonedx_xml_services_are_judged_like_components(tmp_path: Path) -> None:
    (tmp_path / "svc.cdx.xml").write_text(SERVICES_XML, encoding="utf-8")
    code, results = check_json(tmp_path, "svc.cdx.xml")
    assert code == 1
    assert [r["policy"]["level"] for r in results] == ["pass", "fail", "pass"]
    assert [r["source"]["component"]["name"] for r in results] == ["lib", "caption-api", "inner"]
