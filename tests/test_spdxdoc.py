"""SPDX documents: every serialisation reads to the same packages; bad documents are one line."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any as AnyValue

import pytest

from licensecmp.errors import LicensecmpError
from licensecmp.sources import analyze_bytes
from licensecmp.spdxdoc import (
    All,
    Any,
    Leaf,
    SpdxDocument,
    is_spdx_document,
    leaves,
    parse_expression,
    read_spdx,
)
from licensecmp.taxonomy import Kind
from tests.conftest import FIXTURES

SPDX = FIXTURES / "spdx"
JSON_DOC = SPDX / "three-packages.spdx.json"
TAG_VALUE = SPDX / "three-packages.spdx"
FORMATS = [
    "three-packages.spdx",
    "three-packages.spdx.json",
    "three-packages.spdx.yaml",
    "three-packages.spdx.rdf.xml",
    "three-packages.spdx.xml",
]


def _read(name: str) -> SpdxDocument:
    return read_spdx(SPDX / name, max_bytes=1_000_000)


def test_the_json_document_reads_to_three_packages() -> None:
    doc = _read("three-packages.spdx.json")
    assert doc.name == "model-stack"
    assert doc.spdx_version == "SPDX-2.3"
    by_name = {p.name: p for p in doc.packages}
    assert sorted(by_name) == ["acme-weights", "tokenizer-lib", "vendor-adapter"]

    weights = by_name["acme-weights"]
    assert weights.spdx_id == "SPDXRef-acme-weights"
    assert weights.version == "1.0"
    assert weights.declared == weights.concluded == Leaf("LicenseRef-acme-weights")

    tokenizer = by_name["tokenizer-lib"]
    assert tokenizer.declared == Any((Leaf("Apache-2.0"), Leaf("MIT")))
    assert tokenizer.declared_text == "MIT OR Apache-2.0"

    vendor = by_name["vendor-adapter"]
    assert vendor.declared == Leaf("LicenseRef-vendor-terms")
    assert vendor.concluded is None
    assert vendor.concluded_text == "NOASSERTION"


def test_extracted_texts_are_kept_and_noassertion_is_no_text() -> None:
    doc = _read("three-packages.spdx.json")
    assert sorted(doc.extracted) == ["LicenseRef-acme-weights", "LicenseRef-vendor-terms"]
    acme = doc.extracted["LicenseRef-acme-weights"]
    assert acme.name == "Acme Weights License"
    assert acme.text is not None and "500 million monthly active users" in acme.text
    vendor = doc.extracted["LicenseRef-vendor-terms"]
    assert vendor.text is None
    assert vendor.name == "Vendor terms (not supplied)"


def test_the_restrictive_licenseref_text_carries_its_restrictions() -> None:
    """The fixture's own wording must raise the flags the `check` tests rely on."""
    text = _read("three-packages.spdx.json").extracted["LicenseRef-acme-weights"].text
    assert text is not None
    analysis = analyze_bytes(text.encode(), "LicenseRef-acme-weights")
    restrictions = {f.id for f in analysis.flags if f.kind is Kind.RESTRICTION}
    assert restrictions == {"user-threshold", "acceptable-use-policy", "no-model-training"}
    threshold = next(f for f in analysis.flags if f.id == "user-threshold")
    assert threshold.params["threshold"] == 500_000_000


@pytest.mark.parametrize("name", FORMATS[:1] + FORMATS[2:])
def test_every_format_reads_to_the_same_document(name: str) -> None:
    reference = _read("three-packages.spdx.json")
    doc = _read(name)
    assert doc.name == reference.name
    assert doc.spdx_version == reference.spdx_version
    assert [(p.spdx_id, p.name, p.version) for p in doc.packages] == [
        (p.spdx_id, p.name, p.version) for p in reference.packages
    ]
    # RDF keeps no order inside `OR`, so only the trees (in canonical order) must agree
    assert [(p.concluded, p.declared) for p in doc.packages] == [
        (p.concluded, p.declared) for p in reference.packages
    ]
    assert doc.extracted == reference.extracted


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("sbom.spdx", True),
        ("sbom.spdx.json", True),
        ("SBOM.SPDX.JSON", True),
        ("sbom.spdx.yaml", True),
        ("sbom.spdx.yml", True),
        ("sbom.spdx.rdf", True),
        ("sbom.spdx.rdf.xml", True),
        ("sbom.spdx.xml", True),
        ("sbom.json", False),
        ("LICENSE", False),
        ("spdx.txt", False),
        ("notes.spdx.md", False),
    ],
)
def test_spdx_documents_are_known_by_name(name: str, expected: bool) -> None:
    assert is_spdx_document(Path(name)) is expected


# --- expressions ------------------------------------------------------------------------------


def test_expressions_become_trees_with_nesting_flattened_and_parts_sorted() -> None:
    expr = parse_expression("MIT AND (Apache-2.0 AND BSD-3-Clause) AND (ISC OR LicenseRef-x)")
    assert expr == All(
        (
            Leaf("Apache-2.0"),
            Leaf("BSD-3-Clause"),
            Any((Leaf("ISC"), Leaf("LicenseRef-x"))),
            Leaf("MIT"),
        )
    )
    assert str(expr) == "Apache-2.0 AND BSD-3-Clause AND (ISC OR LicenseRef-x) AND MIT"
    assert leaves(expr) == (
        Leaf("Apache-2.0"),
        Leaf("BSD-3-Clause"),
        Leaf("ISC"),
        Leaf("LicenseRef-x"),
        Leaf("MIT"),
    )


def test_with_exceptions_and_case_are_canonical() -> None:
    expr = parse_expression("gpl-2.0-only WITH classpath-exception-2.0 OR mit")
    assert expr == Any((Leaf("GPL-2.0-only", "Classpath-exception-2.0"), Leaf("MIT")))
    assert leaves(parse_expression("MIT OR (MIT AND ISC)")) == (Leaf("ISC"), Leaf("MIT"))
    assert parse_expression("DocumentRef-other:LicenseRef-terms") == Leaf(
        "DocumentRef-other:LicenseRef-terms"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("MIT OR", "'MIT OR' is not a license expression"),
        ("MIT AND (ISC", "'MIT AND (ISC' is not a license expression"),
        ("MIT OR llama3.1", "llama3.1 is neither an SPDX license id nor a LicenseRef-"),
        ("Apache-9.9", "Apache-9.9 is neither"),
    ],
)
def test_bad_expressions_are_errors(text: str, message: str) -> None:
    with pytest.raises(LicensecmpError, match=re.escape(message)):
        parse_expression(text)


# --- malformed documents ----------------------------------------------------------------------


def _json_variant(change: Callable[[dict[str, AnyValue]], object]) -> str:
    data = copy.deepcopy(json.loads(JSON_DOC.read_text(encoding="utf-8")))
    change(data)
    return json.dumps(data, indent=2)


def _tag_variant(old: str, new: str) -> str:
    text = TAG_VALUE.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new)


def _set(path: tuple[str | int, ...], value: object) -> Callable[[dict[str, AnyValue]], None]:
    def change(data: dict[str, AnyValue]) -> None:
        target: AnyValue = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _delete(path: tuple[str | int, ...]) -> Callable[[dict[str, AnyValue]], None]:
    def change(data: dict[str, AnyValue]) -> None:
        target: AnyValue = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return change


MALFORMED: dict[str, tuple[str, Callable[[], str], str]] = {
    # case: (file name, content, what the one-line message must say)
    "json-no-version": (
        "d.spdx.json",
        lambda: _json_variant(_delete(("spdxVersion",))),
        "not a valid SPDX document: CreationInfo: spdxVersion is missing",
    ),
    "json-no-package-name": (
        "d.spdx.json",
        lambda: _json_variant(_delete(("packages", 0, "name"))),
        "not a valid SPDX document: Package: name is missing",
    ),
    "json-no-download-location": (
        "d.spdx.json",
        lambda: _json_variant(_delete(("packages", 2, "downloadLocation"))),
        "Package: downloadLocation is missing",
    ),
    "json-no-creation-info": (
        "d.spdx.json",
        lambda: _json_variant(_delete(("creationInfo",))),
        "CreationInfo does not exist",
    ),
    "json-files-analyzed-wrong-type": (
        "d.spdx.json",
        lambda: _json_variant(_set(("packages", 0, "filesAnalyzed"), "maybe")),
        "Package: filesAnalyzed has the wrong type ('maybe')",
    ),
    "json-name-wrong-type": (
        "d.spdx.json",
        lambda: _json_variant(_set(("packages", 1, "name"), 42)),
        "Package: name has the wrong type ('42')",
    ),
    "json-packages-not-a-list": (
        "d.spdx.json",
        lambda: _json_variant(_set(("packages",), "three")),
        "packages must be a list of objects",
    ),
    "json-bad-date": (
        "d.spdx.json",
        lambda: _json_variant(_set(("creationInfo", "created"), "yesterday")),
        "time data 'yesterday'",
    ),
    "json-wrong-version": (
        "d.spdx.json",
        lambda: _json_variant(_set(("spdxVersion",), "SPDX-1.2")),
        "spdxVersion 'SPDX-1.2' is not one of SPDX-2.2, SPDX-2.3",
    ),
    "json-broken": (
        "d.spdx.json",
        lambda: JSON_DOC.read_text(encoding="utf-8")[:300],
        "not a valid SPDX document: broken JSON at line",
    ),
    "json-not-an-object": ("d.spdx.json", lambda: "[1, 2]", "the top level is not an object"),
    "json-spdx-3": (
        "d.spdx.json",
        lambda: '{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": []}',
        "SPDX 3 (JSON-LD) is not supported",
    ),
    "tag-value-broken-tag": (
        "d.spdx",
        lambda: _tag_variant("PackageName: tokenizer-lib", "PackageNam tokenizer-lib"),
        "not a valid SPDX document: Unknown tag provided in line 24",
    ),
    "tag-value-wrong-version": (
        "d.spdx",
        lambda: _tag_variant("SPDXVersion: SPDX-2.3", "SPDXVersion: SPDX-1.2"),
        "spdxVersion 'SPDX-1.2' is not one of",
    ),
    "tag-value-no-download-location": (
        "d.spdx",
        lambda: _tag_variant("PackageDownloadLocation: NOASSERTION\n", ""),
        "Package: downloadLocation is missing",
    ),
    "yaml-broken": (
        "d.spdx.yaml",
        lambda: (
            (SPDX / "three-packages.spdx.yaml")
            .read_text(encoding="utf-8")
            .replace("packages:", "packages: [", 1)
        ),
        "not a valid SPDX document: broken YAML at line",
    ),
    "rdf-broken": (
        "d.spdx.rdf.xml",
        lambda: (SPDX / "three-packages.spdx.rdf.xml").read_text(encoding="utf-8")[:2000],
        "not a valid SPDX document: broken XML at line",
    ),
    "xml-no-document": ("d.spdx.xml", lambda: "<Other/>", 'top level tag "Document"'),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_documents_are_one_line_errors_naming_the_file(tmp_path: Path, case: str) -> None:
    name, content, message = MALFORMED[case]
    path = tmp_path / name
    path.write_text(content(), encoding="utf-8")
    with pytest.raises(LicensecmpError) as caught:
        read_spdx(path, max_bytes=1_000_000)
    text = str(caught.value)
    assert text.startswith(f"{path}: "), text
    assert "\n" not in text
    assert message in text


# --- one bad package is that package's problem, not the document's ------------------------------


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        (
            "d.spdx.json",
            lambda: _json_variant(_set(("packages", 1, "licenseDeclared"), "MIT OR")),
            "licenseDeclared: 'MIT OR' is not a license expression",
        ),
        (
            "d.spdx.json",
            lambda: _json_variant(
                _set(("packages", 1, "licenseConcluded"), "LGPL-2.1, GPL-2.0, GPL-3.0")
            ),
            "licenseConcluded: 'LGPL-2.1, GPL-2.0, GPL-3.0' is not a license expression",
        ),
        (
            "d.spdx",
            lambda: _tag_variant(
                "PackageLicenseDeclared: MIT OR Apache-2.0", "PackageLicenseDeclared: MIT AND"
            ),
            "line 30: PackageLicenseDeclared: 'MIT AND' is not a license expression",
        ),
    ],
    ids=["json-dangling-or", "json-comma-list", "tag-value-dangling-and"],
)
def test_a_bad_expression_is_its_package_problem(
    tmp_path: Path, name: str, content: Callable[[], str], problem: str
) -> None:
    path = tmp_path / name
    path.write_text(content(), encoding="utf-8")
    by_name = {p.name: p for p in read_spdx(path, max_bytes=1_000_000).packages}
    assert set(by_name) == {"acme-weights", "tokenizer-lib", "vendor-adapter"}
    [found] = by_name["tokenizer-lib"].problems
    assert found.startswith(problem), found
    assert by_name["acme-weights"].problems == by_name["vendor-adapter"].problems == ()
    assert by_name["acme-weights"].declared == Leaf("LicenseRef-acme-weights")


def test_ids_the_spdx_list_lacks_are_kept_for_the_knowledge_base(tmp_path: Path) -> None:
    path = tmp_path / "d.spdx.json"
    path.write_text(
        _json_variant(_set(("packages", 1, "licenseConcluded"), "MIT OR CreativeML-OpenRAIL-M")),
        encoding="utf-8",
    )
    by_name = {p.name: p for p in read_spdx(path, max_bytes=1_000_000).packages}
    assert by_name["tokenizer-lib"].concluded == Any((Leaf("CreativeML-OpenRAIL-M"), Leaf("MIT")))
    assert by_name["tokenizer-lib"].problems == ()


def test_the_purl_of_a_package_is_read(tmp_path: Path) -> None:
    def add_purl(data: dict[str, AnyValue]) -> None:
        data["packages"][1]["externalRefs"] = [
            {
                "referenceCategory": "PACKAGE-MANAGER",
                "referenceType": "purl",
                "referenceLocator": "pkg:pypi/tokenizer-lib@0.4.2",
            }
        ]

    path = tmp_path / "d.spdx.json"
    path.write_text(_json_variant(add_purl), encoding="utf-8")
    by_name = {p.name: p for p in read_spdx(path, max_bytes=1_000_000).packages}
    assert by_name["tokenizer-lib"].purl == "pkg:pypi/tokenizer-lib@0.4.2"
    assert by_name["acme-weights"].purl is None


def test_the_licensing_index_is_built_once() -> None:
    from licensecmp.spdxdoc import licensing

    assert licensing() is licensing()
    parse_expression("MIT OR Apache-2.0")
    before = licensing.cache_info().misses
    for _ in range(20):
        parse_expression("MIT AND (ISC OR BSD-3-Clause)")
    assert licensing.cache_info().misses == before


def test_the_size_limit_is_checked_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.spdx.json"
    path.write_text(JSON_DOC.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(LicensecmpError, match=re.escape(f"{path}: larger than 100 bytes")):
        read_spdx(path, max_bytes=100)


def test_a_name_that_is_no_spdx_document_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "sbom.json"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(LicensecmpError, match="not an SPDX document name"):
        read_spdx(path, max_bytes=1_000_000)
