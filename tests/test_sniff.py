"""Text that is not a license is recognised by its content, never analysed as license prose.

SPDX 2.x, SPDX 3.0 and CycloneDX go to `check`'s SBOM readers whatever the file is called
(the other commands refuse them); other JSON, XML and YAML documents are refused by every
command with exit 2 and one line naming what the file looks like. Licenses and model cards,
even with colons, brackets or a JSON snippet inside, are prose.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from licensecmp.cli import app
from licensecmp.errors import InputError
from licensecmp.sbom import is_bom_source, read_bom
from licensecmp.sniff import DocumentKind, sniff, sniff_document_kind
from licensecmp.sources import license_document
from licensecmp.spdxdoc import read_spdx
from tests.conftest import FIXTURES, ROOT

SPDX = FIXTURES / "spdx"
TEXTS = FIXTURES / "texts"
MLBOM = TEXTS / "cyclonedx-mlbom-nc.json"
ACME = TEXTS / "acme-model-license.txt"
SHARED = ROOT.parent / "shared" / "formats"
TODAY = "2026-11-28"


def reference(name: str) -> Path:
    """A real file of a format: from fixtures/texts when vendored there, else ../shared."""
    for folder in (TEXTS, SHARED):
        if (folder / name).is_file():
            return folder / name
    pytest.skip(f"{name} is in neither {TEXTS} nor {SHARED}")


def kind_of(text: str) -> DocumentKind | None:
    found = sniff(text)
    return found.kind if found is not None else None


# Our own small documents of each kind, in the shapes of the real ones.
SPDX3 = json.dumps(
    {
        "@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld",
        "@graph": [
            {
                "type": "ai_AIPackage",
                "spdxId": "https://acme.example/tiny-7b",
                "name": "tiny-7b",
                "creationInfo": "_:creationinfo",
            },
            {
                "type": "simplelicensing_LicenseExpression",
                "spdxId": "https://acme.example/license",
                "simplelicensing_licenseExpression": "CC-BY-NC-4.0",
            },
        ],
    },
    indent=2,
)
CYCLONEDX_XML = """<?xml version="1.0" encoding="UTF-8"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1">
  <components>
    <component type="machine-learning-model">
      <name>tiny-7b</name>
      <licenses><license><id>CC-BY-NC-4.0</id></license></licenses>
    </component>
  </components>
</bom>
"""
PLAIN_XML = """<?xml version="1.0"?>
<config><model name="tiny-7b"/><license>cc-by-nc-4.0</license></config>
"""
YAML_CONFIG = """# training run
model:
  name: tiny-7b
  license: cc-by-nc-4.0
datasets:
  - name: web-crawl
    split: train
  - name: books
seed: 42
"""
MODEL_CARD = """---
license: cc-by-nc-4.0
tags:
  - text-generation
base_model: acme/base-7b
---

# Tiny 7B

A small model for drafting text. See the LICENSE file for the terms of use.
"""
COLON_LICENSE = """Licensor: Acme Labs
Licensed Material: the Tiny 7B weights and their documentation.
Grant: You may use, copy, modify and share the Licensed Material for any lawful purpose.
Attribution: You must keep this notice with every copy you share.
Warranty: The Licensed Material is provided as is, without warranty of any kind.
"""
LIST_LICENSE = """You may:
- use the Model for any purpose, including commercial purposes.
- modify the Model and share what you build with it.
You may not:
- use the Model to harm people or to break the law.
- remove this notice from copies you share.
"""
SNIPPET_LICENSE = """Acme Config License

1. You may use and change the sample configuration below for any purpose:

{"model": "tiny-7b", "license": "acme"}

2. The software is provided as is, without warranty of any kind.
"""


# --- the sniffer -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "syntax"),
    [
        ("three-packages.spdx.json", "json"),
        ("three-packages.spdx.yaml", "yaml"),
        ("three-packages.spdx", "tag-value"),
        ("three-packages.spdx.rdf.xml", "rdf"),
        ("three-packages.spdx.xml", "xml"),
    ],
)
def test_spdx_2_in_every_serialisation(name: str, syntax: str) -> None:
    found = sniff((SPDX / name).read_text(encoding="utf-8"))
    assert found is not None and found.kind is DocumentKind.SPDX2
    assert found.syntax == syntax


def test_spdx_3_json_ld() -> None:
    found = sniff(SPDX3)
    assert found is not None and found.kind is DocumentKind.SPDX3
    assert found.describe() == "an SPDX 3.0.1 document (JSON-LD)"


@pytest.mark.parametrize("name", ["spdx3-ai-example01.json", "spdx3-ai-example02.spdx3.json"])
def test_real_spdx_3_documents(name: str) -> None:
    assert kind_of(reference(name).read_text(encoding="utf-8")) is DocumentKind.SPDX3


def test_cyclonedx_json_and_xml() -> None:
    found = sniff(MLBOM.read_text(encoding="utf-8"))
    assert found is not None and found.describe() == "a CycloneDX SBOM (JSON)"
    found = sniff(CYCLONEDX_XML)
    assert found is not None and found.describe() == "a CycloneDX SBOM (XML)"
    assert found.version == "1.5"


def test_real_cyclonedx_bom() -> None:
    text = reference("cyclonedx-proton-bridge-1.6.3.bom.json").read_text(encoding="utf-8")
    assert kind_of(text) is DocumentKind.CYCLONEDX


def test_other_json_xml_and_yaml() -> None:
    text = reference("sarif-schema-2.1.0.json").read_text(encoding="utf-8")
    assert kind_of(text) is DocumentKind.JSON
    assert kind_of('[{"a": 1}, {"b": 2}]') is DocumentKind.JSON
    assert kind_of(PLAIN_XML) is DocumentKind.XML
    assert kind_of(PLAIN_XML.split("\n", 1)[1]) is DocumentKind.XML  # no declaration
    assert kind_of(YAML_CONFIG) is DocumentKind.YAML
    assert kind_of("---\na: 1\nb: 2\n---\nc: 3\nd: [4]\n") is DocumentKind.YAML  # a stream
    assert kind_of("name: tiny-7b\nversion: 2\nlicense: cc-by-nc-4.0\n") is DocumentKind.YAML


def test_broken_documents_still_show_what_they_are() -> None:
    found = sniff('{"name": "tiny-7b",\n "license": ')
    assert found is not None and found.kind is DocumentKind.JSON
    assert "does not parse: line 2" in found.note
    assert kind_of('{"spdxVersion": "SPDX-2.3", "packages": [') is DocumentKind.SPDX2
    assert kind_of('{"bomFormat": "CycloneDX", "components": [') is DocumentKind.CYCLONEDX
    assert kind_of('<?xml version="1.0"?>\n<data><b></data>') is DocumentKind.XML


def test_hostile_documents_are_recognised_quickly() -> None:
    laughs = (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
        + "".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
            for i in range(1, 10)
        )
        + "]>\n<lolz>&lol9;</lolz>\n"
    )
    started = time.perf_counter()
    assert kind_of(laughs) is DocumentKind.XML  # entities declared, never expanded
    assert kind_of("[" * 100_000 + "]" * 100_000) is DocumentKind.JSON
    assert kind_of("a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n") is (
        DocumentKind.YAML
    )
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize(
    "text",
    [
        ACME.read_text(encoding="utf-8"),
        MODEL_CARD,
        "---\nlicense: mit\n---\n",  # a card with no body: read, and refused as empty
        COLON_LICENSE,
        LIST_LICENSE,
        SNIPPET_LICENSE,
        "SPDX-License-Identifier: MIT\n\nPermission is granted to use this model freely.\n",
        "[Name of Licensor] grants you the right to use the Model for any purpose.\n",
        "[[_TOC_]]\n\n# Model License\n\nYou may use the Model for any purpose.\n",
        "<YEAR> <COPYRIGHT HOLDER>\n\nPermission is granted to use this model.\n",
        "<one line to give the model's name and what it does.>\nCopyright (C) <year>\n",
        "<!DOCTYPE html>\n<html><body><h1>License</h1><p>You may use it.</p></body></html>\n",
        '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body>'
        "<p>You may use it&nbsp;freely.</p></body></html>\n",
        '<p align="center"><img src="logo.png"/></p>\n\n# License\n\nYou may use it.\n',
        "Copyright: 2024 Acme Labs\nLicense: MIT\n",  # two lines of tags are not YAML
        "Copyright: 2024 Acme Labs\nLicense: MIT\nSource: https://acme.example/tiny\n",
        "Prohibited uses:\n\n- weapons\n\n- surveillance\n\n- spam\n",
        "- weapons\n- surveillance\n- spam\n",
    ],
    ids=[
        "plain-license",
        "model-card",
        "card-without-body",
        "colon-license",
        "list-license",
        "json-snippet-inside",
        "spdx-header",
        "bracket-start",
        "toc-marker",
        "angle-placeholders",
        "gpl-style-header",
        "html-page",
        "xhtml-page",
        "markdown-with-html",
        "two-tags",
        "notice-with-labels",
        "use-policy-list",
        "bullet-list",
    ],
)
def test_licenses_and_model_cards_are_prose(text: str) -> None:
    assert sniff(text) is None


def test_sniff_document_kind_reads_bytes() -> None:
    assert sniff_document_kind(MLBOM.read_bytes()) == "cyclonedx"
    assert sniff_document_kind((SPDX / "three-packages.spdx.json").read_bytes()) == "spdx-2"
    assert sniff_document_kind(ACME.read_bytes()) is None
    assert sniff_document_kind(YAML_CONFIG.encode("utf-16")) == "yaml"


def test_reading_a_document_as_a_license_is_refused() -> None:
    with pytest.raises(InputError, match=r"^bom\.json: a CycloneDX SBOM \(JSON\), not a license"):
        license_document(MLBOM.read_bytes(), "bom.json")
    assert "Acme" in license_document(ACME.read_bytes(), "LICENSE").text


# --- SPDX 2 by content --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "name"),
    [
        ("three-packages.spdx.json", "bom.json"),
        ("three-packages.spdx.json", "sbom-spdx.json"),
        ("three-packages.spdx.yaml", "sbom.yaml"),
        ("three-packages.spdx", "sbom.txt"),
        ("three-packages.spdx.rdf.xml", "sbom.rdf"),
    ],
)
def test_a_renamed_spdx_document_is_read_as_spdx(tmp_path: Path, fixture: str, name: str) -> None:
    path = tmp_path / name
    shutil.copy(SPDX / fixture, path)
    assert is_bom_source(str(path))
    assert read_bom(path).format.startswith("SPDX 2")
    document = read_spdx(path, max_bytes=1_000_000)
    assert [p.name for p in document.packages] == [
        "acme-weights",
        "tokenizer-lib",
        "vendor-adapter",
    ]


def test_an_spdx_name_over_other_content_is_read_by_its_content(tmp_path: Path) -> None:
    path = tmp_path / "sbom.spdx.json"
    shutil.copy(MLBOM, path)
    assert is_bom_source(str(path))
    assert read_bom(path).format.startswith("CycloneDX")
    assert is_bom_source(str(tmp_path / "missing.spdx.json"))  # the reader says it is missing
    assert not is_bom_source(str(ACME))


# --- every command ------------------------------------------------------------------------------


def invoke(cwd: Path, *args: str, stdin: bytes | None = None) -> Result:
    old = Path.cwd()
    os.chdir(cwd)  # no policy file above a temporary directory: the default policy
    try:
        return CliRunner().invoke(
            app, list(args), input=stdin, env={"LICENSECMP_TEXTS": "/nonexistent/texts"}
        )
    finally:
        os.chdir(old)


def assert_refused(result: Result, name: str, what: str) -> None:
    output = result.stdout + result.stderr
    assert result.exit_code == 2, output
    assert "Traceback" not in output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: {name}: {what}"), lines[0]


COMMANDS = {
    "analyze": ["analyze"],
    "compare": ["compare", "mit"],
    "identify": ["identify"],
    "report": ["report"],
    "check": ["check", "--today", TODAY],
}


def command(name: str, source: str) -> list[str]:
    args = COMMANDS[name]
    return [args[0], source, *args[1:]] if name == "compare" else [*args, source]


@pytest.mark.parametrize("cmd", sorted(set(COMMANDS) - {"check"}))
@pytest.mark.parametrize(
    ("content", "what"),
    [
        (
            lambda: MLBOM.read_text(encoding="utf-8"),
            "a CycloneDX SBOM (JSON), not a license text; `licensecmp check` reads SBOMs",
        ),
        (
            lambda: SPDX3,
            "an SPDX 3.0.1 document (JSON-LD), not a license text; `licensecmp check` reads",
        ),
    ],
    ids=["cyclonedx", "spdx-3"],
)
def test_other_commands_point_an_sbom_to_check(
    tmp_path: Path, cmd: str, content: Callable[[], str], what: str
) -> None:
    (tmp_path / "bom.json").write_text(content(), encoding="utf-8")
    assert_refused(invoke(tmp_path, *command(cmd, "bom.json")), "bom.json", what)


@pytest.mark.parametrize("cmd", sorted(COMMANDS))
@pytest.mark.parametrize(
    ("content", "what"),
    [
        (lambda: '{"weights": "tiny-7b.bin"}', "a JSON document, not a license text"),
        (lambda: PLAIN_XML, "an XML document, not a license text"),
        (lambda: YAML_CONFIG, "a YAML document, not a license text"),
    ],
    ids=["json", "xml", "yaml"],
)
def test_every_command_refuses_a_document(
    tmp_path: Path, cmd: str, content: Callable[[], str], what: str
) -> None:
    (tmp_path / "bom.json").write_text(content(), encoding="utf-8")
    assert_refused(invoke(tmp_path, *command(cmd, "bom.json")), "bom.json", what)


def test_check_never_passes_an_ml_bom_with_a_non_commercial_model(tmp_path: Path) -> None:
    shutil.copy(MLBOM, tmp_path / "model.json")  # any name: known by its content
    result = invoke(tmp_path, "check", "--today", TODAY, "--format", "json", "model.json")
    assert result.exit_code == 1, result.stdout + result.stderr
    [only] = json.loads(result.stdout)["results"]
    assert only["source"]["kind"] == "cyclonedx-component"
    assert only["policy"]["subject"] == "model.json#acme/tiny-7b@1.0"
    assert only["policy"]["license"] == "cc-by-nc-4.0"
    assert "non-commercial" in [r["flag"] for r in only["policy"]["reasons"]]


def test_check_reads_spdx_3_by_its_content(tmp_path: Path) -> None:
    (tmp_path / "ai-bom.json").write_text(SPDX3, encoding="utf-8")
    result = invoke(tmp_path, "check", "--today", TODAY, "ai-bom.json")
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "ai-bom.json#tiny-7b" in result.stdout and "has no license" in result.stdout


def test_check_reads_a_renamed_spdx_document_by_its_packages(tmp_path: Path) -> None:
    shutil.copy(SPDX / "three-packages.spdx.json", tmp_path / "bom.json")
    result = invoke(tmp_path, "check", "--today", TODAY, "--format", "json", "bom.json")
    assert result.exit_code == 1, result.stdout + result.stderr
    results = json.loads(result.stdout)["results"]
    levels = {r["policy"]["subject"]: r["policy"]["level"] for r in results}
    assert {r["source"]["kind"] for r in results} == {"spdx-package"}
    assert levels == {
        "bom.json#acme-weights@1.0": "fail",  # a user threshold in its LicenseRef text
        "bom.json#tokenizer-lib@0.4.2": "pass",  # MIT OR Apache-2.0
        "bom.json#vendor-adapter@2.1": "fail",  # no license text in the document
    }


def test_other_commands_point_an_spdx_document_to_check(tmp_path: Path) -> None:
    shutil.copy(SPDX / "three-packages.spdx.json", tmp_path / "bom.json")
    result = invoke(tmp_path, "analyze", "bom.json")
    assert_refused(result, "bom.json", "an SPDX 2.3 document (JSON), not a license text")
    assert "licensecmp check" in result.stderr


def test_a_model_directory_whose_license_is_json_is_refused(tmp_path: Path) -> None:
    model = tmp_path / "model"
    model.mkdir()
    (model / "README.md").write_text(MODEL_CARD, encoding="utf-8")
    shutil.copy(MLBOM, model / "LICENSE")
    for cmd in ("analyze", "check"):
        result = invoke(tmp_path, *command(cmd, "model"))
        assert_refused(result, str(Path("model") / "LICENSE"), "a CycloneDX SBOM (JSON)")


def test_standard_input_holding_json_is_refused(tmp_path: Path) -> None:
    result = invoke(tmp_path, "analyze", "-", stdin=b'{"license": "cc-by-nc-4.0"}')
    assert_refused(result, "<stdin>", "a JSON document")


@pytest.mark.parametrize(
    "text", [COLON_LICENSE, LIST_LICENSE, SNIPPET_LICENSE], ids=["colons", "lists", "snippet"]
)
def test_licenses_with_colons_and_snippets_are_analysed(tmp_path: Path, text: str) -> None:
    (tmp_path / "LICENSE").write_text(text, encoding="utf-8")
    result = invoke(tmp_path, "analyze", "--format", "json", "LICENSE")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["source"]["kind"] == "file"
